// A dashboard figure leads to the inbox filtered to exactly the cases behind it.
import { describe, expect, it } from 'vitest';
import { drillDown, drillHref, largest, monthRange, movingAverage } from './drill-down';

const period = { from: '2025-04-01', to: '2026-03-20' };

describe('drilling down from the dashboard to the inbox', () => {
  it('turns a month into its first and last day', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthRange('2026-13')).toBeNull();
  });

  it('filters a month bar by that month only, in the dashboard unit, up to the end of the period', () => {
    expect(drillDown({ type: 'month', month: '2026-01' }, 'u-1', period)).toEqual({ scope: 'units', unitId: 'u-1', from: '2026-01-01', to: '2026-01-31' });
    expect(drillDown({ type: 'month', month: '2026-03' }, 'u-1', period)).toEqual({ scope: 'units', unitId: 'u-1', from: '2026-03-01', to: '2026-03-20' });
  });

  it('filters kind, severity and child unit within the period', () => {
    expect(drillDown({ type: 'kind', kind: 'nearMiss' }, 'u-1', period)).toEqual({ scope: 'units', unitId: 'u-1', ...period, kind: ['nearMiss'] });
    expect(drillDown({ type: 'severity', severity: 'high' }, 'u-1', period)).toEqual({ scope: 'units', unitId: 'u-1', ...period, severity: ['high'] });
    expect(drillDown({ type: 'unit', unitId: 'u-7' }, 'u-1', period)).toEqual({ scope: 'units', unitId: 'u-7', ...period });
  });

  it('lists the cases of the period that are open now, and those closed now', () => {
    expect(drillDown({ type: 'open' }, 'u-1', period)).toEqual({ scope: 'units', unitId: 'u-1', ...period, status: ['new', 'received', 'underAnalysis', 'measuresDecided'] });
    expect(drillDown({ type: 'closed' }, 'u-1', period)).toEqual({ scope: 'units', unitId: 'u-1', ...period, status: ['closed'] });
  });

  it('offers no link where the inbox cannot filter (no severity set)', () => {
    expect(drillDown({ type: 'severity', severity: 'none' }, 'u-1', period)).toBeNull();
    expect(drillHref({ type: 'severity', severity: 'none' }, 'u-1', period)).toBeNull();
  });

  it('makes an inbox link', () => {
    expect(drillHref({ type: 'kind', kind: 'adverseEvent' }, 'u 1', period)).toBe('/inbox?scope=units&kind=adverseEvent&unitId=u+1&from=2025-04-01&to=2026-03-20');
  });
});

describe('trend and summaries', () => {
  it('averages the last three months (fewer at the start)', () => {
    expect(movingAverage([3, 6, 9, 0])).toEqual([3, 4.5, 6, 5]);
    expect(movingAverage([])).toEqual([]);
  });

  it('finds the largest count, first on ties', () => {
    const items = [{ n: 1 }, { n: 5 }, { n: 5 }];
    expect(largest(items, (x) => x.n)).toBe(items[1]);
    expect(largest([], (x: number) => x)).toBeUndefined();
  });
});

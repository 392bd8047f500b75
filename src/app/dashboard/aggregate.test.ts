import { describe, expect, it } from 'vitest';
import { UNITS, units } from '../../domain/test-fixtures.js';
import type { OrgUnit } from '../../domain/index.js';
import { CaseStore } from '../case-index/case-store.js';
import { MeasureStore } from '../case-index/measure-index.js';
import { dayNumberOf } from '../case-index/oslo-day.js';
import { caseSource, fullRound, measureFact } from '../case-index/test-support.js';
import type { CaseSource, MeasureFact } from '../ports/index.js';
import { DASHBOARD_KINDS, aggregate, countOverdue, median, monthsBefore, trendOf } from './aggregate.js';

const unit = (id: string) => units.get(id) as OrgUnit;

function figures(cases: readonly CaseSource[], opts: { unitId?: string; months?: number; today: string; measures?: readonly MeasureFact[] }) {
  const cs = new CaseStore();
  cs.apply(fullRound(cases));
  const ms = new MeasureStore();
  ms.apply(fullRound(opts.measures ?? []));
  return aggregate({ unit: unit(opts.unitId ?? 'k'), units, months: opts.months ?? 12, today: dayNumberOf(opts.today) }, cs.columns(), ms.columns());
}

describe('aggregate: months in Oslo', () => {
  it('buckets by the Oslo date of the report across the year end, oldest month first', () => {
    const f = figures(
      [
        caseSource({ reportedAt: '2026-12-31T23:30:00.000Z' }), // 00:30 on 1 January in Oslo
        caseSource({ reportedAt: '2026-12-31T22:59:00.000Z' }), // 23:59 on 31 December
        caseSource({ reportedAt: '2026-10-31T23:30:00.000Z' }), // 00:30 on 1 November (CET)
        caseSource({ reportedAt: '2026-10-31T22:59:00.000Z' }), // 23:59 on 31 October: before the period
        caseSource({ reportedAt: '2027-01-16T08:00:00.000Z' }), // after today: not counted
      ],
      { months: 3, today: '2027-01-15' },
    );
    expect(f.byMonth).toEqual([
      { month: '2026-11', reported: 1, closed: 0 },
      { month: '2026-12', reported: 1, closed: 0 },
      { month: '2027-01', reported: 1, closed: 0 },
    ]);
    expect(f.period).toEqual({ from: '2026-11-01', to: '2027-01-15' });
  });

  it('buckets across the spring DST switch by Oslo time (CET before, CEST after)', () => {
    const f = figures(
      [
        caseSource({ reportedAt: '2026-02-28T23:30:00.000Z' }), // 00:30 CET on 1 March
        caseSource({ reportedAt: '2026-03-29T00:30:00.000Z' }), // 01:30 CET, the night of the switch
        caseSource({ reportedAt: '2026-03-31T21:59:00.000Z' }), // 23:59 CEST on 31 March
        caseSource({ reportedAt: '2026-03-31T22:30:00.000Z' }), // 00:30 CEST on 1 April
        caseSource({
          reportedAt: '2026-03-10T08:00:00.000Z',
          status: 'closed',
          closedAt: '2026-03-31T22:10:00.000Z', // closed 00:10 on 1 April in Oslo
        }),
      ],
      { months: 2, today: '2026-04-10' },
    );
    expect(f.byMonth).toEqual([
      { month: '2026-03', reported: 4, closed: 0 },
      { month: '2026-04', reported: 1, closed: 1 },
    ]);
  });

  it('counts closures by the month they happened, also for cases reported before the period', () => {
    const f = figures([caseSource({ reportedAt: '2025-06-01T08:00:00.000Z', status: 'closed', closedAt: '2026-02-03T08:00:00.000Z' })], { months: 2, today: '2026-03-05' });
    expect(f.byMonth).toEqual([
      { month: '2026-02', reported: 0, closed: 1 },
      { month: '2026-03', reported: 0, closed: 0 },
    ]);
    expect(f.closed).toBe(0); // not reported in the period
    expect(f.medianDaysToClose).toBe(247);
  });
});

describe('aggregate: kinds, severities, open and closed, median', () => {
  it('counts every ordinary kind (zeros too, never whistleblowing) and severities with none last', () => {
    const f = figures(
      [
        caseSource({ kind: 'nearMiss', severity: 'high' }),
        caseSource({ kind: 'nearMiss', severity: 'critical' }),
        caseSource({ kind: 'improvementProposal', severity: null }),
      ],
      { today: '2026-03-10' },
    );
    expect(f.byKind.map((k) => k.kind)).toEqual(DASHBOARD_KINDS);
    expect(DASHBOARD_KINDS).not.toContain('whistleblowingReport');
    expect(f.byKind.find((k) => k.kind === 'nearMiss')?.count).toBe(2);
    expect(f.byKind.find((k) => k.kind === 'adverseEvent')?.count).toBe(0);
    expect(f.bySeverity).toEqual([
      { severity: 'low', count: 0 },
      { severity: 'medium', count: 0 },
      { severity: 'high', count: 1 },
      { severity: 'critical', count: 1 },
      { severity: 'none', count: 1 },
    ]);
  });

  it('open vs closed of the period, and the median time to close in days', () => {
    const reported = '2026-03-01T08:00:00.000Z';
    const closedAfter = (days: number) => ({ reportedAt: reported, status: 'closed' as const, closedAt: new Date(Date.parse(reported) + days * 86_400_000).toISOString() });
    const f = figures([caseSource(closedAfter(1)), caseSource(closedAfter(3)), caseSource(closedAfter(10)), caseSource(closedAfter(2.25)), caseSource({ reportedAt: reported })], {
      today: '2026-03-20',
    });
    expect(f.open).toBe(1);
    expect(f.closed).toBe(4);
    expect(f.medianDaysToClose).toBe(2.6); // (2.25 + 3) / 2 = 2.625, one decimal
  });

  it('median of none is null; of an odd count the middle value', () => {
    expect(median(new Float64Array([]))).toBeNull();
    expect(median(new Float64Array([9, 1, 4]))).toBe(4);
    expect(median(new Float64Array([9, 1, 4, 5]))).toBe(4.5);
    expect(figures([caseSource({ reportedAt: '2026-03-01T08:00:00.000Z' })], { today: '2026-03-20' }).medianDaysToClose).toBeNull();
  });
});

describe('aggregate: units', () => {
  const cases = [
    caseSource({ unitId: 'sh-a-natt' }), // below Eikeberg sykehjem
    caseSource({ unitId: 'sh-a', status: 'closed', closedAt: '2026-03-03T08:00:00.000Z' }),
    caseSource({ unitId: 'ht' }),
    caseSource({ unitId: 'mh' }), // on the sector itself
    caseSource({ unitId: 'sk' }), // another sector
  ];

  it("counts the unit's children by name, each with everything below it, and the unit's own cases apart", () => {
    const f = figures(cases, { unitId: 'mh', today: '2026-03-10' });
    expect(f.byUnit).toEqual([
      { unitId: 'mh', unitName: 'Mestring og helse', reported: 1, open: 1, own: true },
      { unitId: 'sh', unitName: 'Eikeberg sykehjem', reported: 2, open: 1 },
      { unitId: 'ht', unitName: 'Hjemmetjenesten', reported: 1, open: 1 },
    ]);
    expect(f.open + f.closed).toBe(4); // Byskogen skole is outside
  });

  it('leaves the own entry out when the unit has no cases of its own', () => {
    const f = figures(cases.slice(0, 3), { unitId: 'mh', today: '2026-03-10' });
    expect(f.byUnit.map((u) => u.unitId)).toEqual(['sh', 'ht']);
  });

  it('shows the unit itself at the lowest level', () => {
    const f = figures(cases, { unitId: 'sh-a-natt', today: '2026-03-10' });
    expect(f.byUnit).toEqual([{ unitId: 'sh-a-natt', unitName: 'Nattjenesten, avdeling A', reported: 1, open: 1 }]);
  });

  it('the municipality sees every sector', () => {
    const f = figures(cases, { unitId: 'k', today: '2026-03-10' });
    expect(f.byUnit.map((u) => [u.unitId, u.reported])).toEqual([
      ['mh', 4],
      ['ol', 1],
    ]);
    expect(UNITS.filter((u) => u.parentId === 'k')).toHaveLength(2);
  });
});

describe('aggregate: overdue measures', () => {
  it('counts open and in-progress measures of the unit and below whose deadline was before today in Oslo', () => {
    const measures = [
      measureFact({ unitId: 'sh-a', deadline: '2026-03-09', status: 'open' }), // overdue
      measureFact({ unitId: 'sh-a-natt', deadline: '2026-01-01', status: 'inProgress' }), // overdue, below
      measureFact({ unitId: 'sh', deadline: '2026-03-10', status: 'open' }), // due today: not yet
      measureFact({ unitId: 'sh', deadline: '2026-01-01', status: 'done' }),
      measureFact({ unitId: 'sh', deadline: '2026-01-01', status: 'cancelled' }),
      measureFact({ unitId: 'ht', deadline: '2026-01-01', status: 'open' }), // another unit
    ];
    expect(figures([], { unitId: 'sh', today: '2026-03-10', measures }).overdueMeasures).toBe(2);
    expect(figures([], { unitId: 'mh', today: '2026-03-10', measures }).overdueMeasures).toBe(3);
    expect(figures([], { unitId: 'ol', today: '2026-03-10', measures }).overdueMeasures).toBe(0);
    const ms = new MeasureStore();
    ms.apply(fullRound(measures));
    expect(countOverdue('sh', units, ms.columns(), dayNumberOf('2026-03-11'))).toBe(3);
  });
});

describe('trend', () => {
  it('compares the last three months to today with the three before', () => {
    const today = '2026-05-31';
    // monthsBefore clamps to the month's end: 31 May − 3 months is 28 February.
    expect(monthsBefore(dayNumberOf(today), 3)).toBe(dayNumberOf('2026-02-28'));
    expect(monthsBefore(dayNumberOf('2027-01-15'), 3)).toBe(dayNumberOf('2026-10-15'));
    const at = (date: string) => caseSource({ reportedAt: `${date}T10:00:00.000Z` });
    const recent = ['2026-03-01', '2026-04-01', '2026-05-01', '2026-05-30', '2026-03-15', '2026-04-20'].map(at);
    const before = ['2025-12-01', '2026-02-28'].map(at); // 28 Feb is the last day of the earlier window
    expect(figures([...recent, ...before, at('2025-11-30')], { today, months: 1 }).trend).toBe('up');
    expect(figures([...before, ...before, ...before, at('2026-04-01')], { today, months: 1 }).trend).toBe('down');
  });

  it("is flat unless the change is more than 10 % and more than two cases", () => {
    expect(trendOf(0, 0)).toBe('flat');
    expect(trendOf(2, 0)).toBe('flat');
    expect(trendOf(3, 0)).toBe('up');
    expect(trendOf(110, 100)).toBe('flat');
    expect(trendOf(111, 100)).toBe('up');
    expect(trendOf(89, 100)).toBe('down');
    expect(trendOf(7, 10)).toBe('down');
  });
});

// Filters go to and from the URL and the API query strings without losing or inventing anything.
import { describe, expect, it } from 'vitest';
import { casesApiPath, inboxFiltersFromQuery, inboxQuery, measureFiltersFromQuery, measuresApiPath, measuresExportPath, validDate } from './query';

describe('inbox filters in the URL', () => {
  it('round-trip through the query string', () => {
    const filters = { scope: 'units' as const, kind: ['nearMiss' as const], status: ['new' as const, 'received' as const], unitId: 'u-1', from: '2026-01-01', to: '2026-01-31', q: 'fall', sort: '-severity' as const };
    const query = inboxQuery(filters);
    expect(query).toBe('?scope=units&kind=nearMiss&status=new%2Creceived&unitId=u-1&from=2026-01-01&to=2026-01-31&q=fall&sort=-severity');
    expect(inboxFiltersFromQuery(query)).toEqual(filters);
  });

  it('give an empty query for no filters', () => {
    expect(inboxQuery({})).toBe('');
    expect(inboxFiltersFromQuery('')).toEqual({});
  });

  it('drop values the API does not know instead of sending them on', () => {
    expect(inboxFiltersFromQuery('?kind=nearMiss,bogus&status=open&severity=&scope=all&sort=title&from=2026-02-30&to=31.01.2026')).toEqual({ kind: ['nearMiss'] });
  });

  it('keep multiple values in the domain order, once each', () => {
    expect(inboxFiltersFromQuery('?status=closed,new,new').status).toEqual(['new', 'closed']);
  });

  it('trim and bound the search text', () => {
    expect(inboxFiltersFromQuery(`?q=${encodeURIComponent('  brann  ')}`).q).toBe('brann');
    expect(inboxFiltersFromQuery('?q=%20%20').q).toBeUndefined();
    expect(inboxFiltersFromQuery(`?q=${'x'.repeat(500)}`).q).toHaveLength(200);
  });

  it('become the API path with paging, escaping what needs escaping', () => {
    expect(casesApiPath({})).toBe('/api/cases');
    expect(casesApiPath({ scope: 'mine', q: 'a&b=c' }, { pageSize: 50, continuation: 'tok/en+1' })).toBe('/api/cases?scope=mine&q=a%26b%3Dc&pageSize=50&continuation=tok%2Fen%2B1');
    expect(casesApiPath({ scope: 'handling' }, { pageSize: 50, continuation: null })).toBe('/api/cases?scope=handling&pageSize=50');
  });
});

describe('action list filters', () => {
  it('round-trip and build the list and export paths with the same filters', () => {
    const f = measureFiltersFromQuery('?source=riskItem&unitId=u-2&status=open,done&overdue=true&mine=true');
    expect(f).toEqual({ source: 'riskItem', unitId: 'u-2', status: ['open', 'done'], overdue: true, mine: true });
    expect(measuresApiPath(f, { pageSize: 50 })).toBe('/api/measures?source=riskItem&unitId=u-2&status=open%2Cdone&overdue=true&mine=true&pageSize=50');
    expect(measuresExportPath(f)).toBe('/api/measures/export.xlsx?source=riskItem&unitId=u-2&status=open%2Cdone&overdue=true&mine=true');
  });

  it('leave out what is not set, and ignore unknown sources', () => {
    expect(measureFiltersFromQuery('?source=rumour&overdue=false')).toEqual({});
    expect(measuresApiPath({})).toBe('/api/measures');
    expect(measuresExportPath({})).toBe('/api/measures/export.xlsx');
  });
});

describe('dates', () => {
  it('accept real calendar dates only', () => {
    expect(validDate('2024-02-29')).toBe('2024-02-29');
    expect(validDate('2026-02-29')).toBeUndefined();
    expect(validDate('2026-13-01')).toBeUndefined();
    expect(validDate('2026-1-1')).toBeUndefined();
    expect(validDate(null)).toBeUndefined();
  });
});

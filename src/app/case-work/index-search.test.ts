// Text search and counts over indexed cases: the filters, what each viewer may search in, the order, and the counts.
import { describe, expect, it } from 'vitest';
import type { IndexedCase } from '../ports/index.js';
import { units } from '../../domain/test-fixtures.js';
import { CASE_FACTS } from '../case-index/test-support.js';
import { CountsMemo, compareCases, matchesFilter, matchesText, searchIndex, searchWords } from './index-search.js';

function indexed(patch: Partial<IndexedCase> & { id: string }): IndexedCase {
  return {
    caseNumber: `AV-2026-${patch.id.padStart(5, '0')}`,
    ...CASE_FACTS,
    publicText: `av-2026-${patch.id.padStart(5, '0')} fall på badet`,
    detailText: 'beboer skled på vått gulv',
    ...patch,
  };
}

describe('matchesFilter', () => {
  const c = indexed({ id: '1', severity: 'high', reportedAt: '2026-03-02T09:00:00.000Z' });
  it.each([
    [{ units: null }, true],
    [{ units: new Set(['sh-a']) }, true],
    [{ units: new Set(['sk']) }, false],
    [{ units: null, reporterId: 'nurse' }, true],
    [{ units: null, handlerId: 'tl-a' }, false],
    [{ units: null, kinds: ['nearMiss' as const, 'adverseEvent' as const] }, true],
    [{ units: null, statuses: ['closed' as const] }, false],
    [{ units: null, severities: ['low' as const] }, false],
    [{ units: null, reportedFrom: '2026-03-02T09:00:00.000Z' }, true],
    [{ units: null, reportedBefore: '2026-03-02T09:00:00.000Z' }, false],
  ])('%o → %s', (f, expected) => {
    expect(matchesFilter(c, f)).toBe(expected);
  });

  it('a case without severity never matches a severity filter', () => {
    expect(matchesFilter(indexed({ id: '2', severity: null }), { units: null, severities: ['low'] })).toBe(false);
  });
});

describe('matchesText', () => {
  const health = indexed({ id: '7', healthRelated: true, publicText: 'av-2026-00007 feil dose til beboer', detailText: 'ga 10 mg i stedet for 1 mg' });

  it('every word must occur; case and composed letters do not matter', () => {
    expect(matchesText(indexed({ id: '1' }), searchWords('  Fall  BADET '), 'kr', units)).toBe(true);
    expect(matchesText(indexed({ id: '1' }), searchWords('fall trapp'), 'kr', units)).toBe(false);
    expect(matchesText(indexed({ id: '1' }), searchWords('gulv'), 'kr', units)).toBe(true);
  });

  it('a health-related case matches only on its number for someone who may not read its details, title included', () => {
    expect(matchesText(health, searchWords('dose'), 'vl-sh', units)).toBe(false);
    expect(matchesText(health, searchWords('10 mg'), 'vl-sh', units)).toBe(false);
    expect(matchesText(health, searchWords('av-2026-00007'), 'vl-sh', units)).toBe(true);
    // The leader of the case's own unit and the handler may.
    expect(matchesText(health, searchWords('dose 10 mg'), 'tl-a', units)).toBe(true);
    expect(matchesText({ ...health, handlerId: 'vl-sh' }, searchWords('dose'), 'vl-sh', units)).toBe(true);
  });
});

describe('searchIndex', () => {
  const cases = [
    indexed({ id: '1', status: 'new', severity: 'low', reportedAt: '2026-03-01T09:00:00.000Z' }),
    indexed({ id: '2', status: 'closed', severity: 'critical', reportedAt: '2026-03-03T09:00:00.000Z' }),
    indexed({ id: '3', status: 'received', severity: null, reportedAt: '2026-03-02T09:00:00.000Z', publicText: 'av-2026-00003 forslag om ny rutine' }),
    indexed({ id: '4', status: 'new', unitId: 'sk', reportedAt: '2026-03-04T09:00:00.000Z' }),
  ];

  it('counts per status ignore the status filter; the total and the list honour it', () => {
    const { counts, matches } = searchIndex(cases, { units: new Set(['sh-a']), statuses: ['new', 'received'] }, { viewerId: 'tl-a', units, collect: true, sort: { by: 'reportedAt', direction: 'desc' } });
    expect(counts.byStatus).toEqual({ new: 1, received: 1, underAnalysis: 0, measuresDecided: 0, closed: 1 });
    expect(counts.total).toBe(2);
    expect(matches.map((c) => c.id)).toEqual(['3', '1']);
  });

  it('the words narrow counts and matches alike', () => {
    const { counts, matches } = searchIndex(cases, { units: null }, { words: searchWords('fall'), viewerId: 'kr', units, collect: true, sort: { by: 'reportedAt', direction: 'asc' } });
    expect(matches.map((c) => c.id)).toEqual(['1', '2', '4']);
    expect(counts.total).toBe(3);
  });

  it('orders by severity and status rank (not their text), ties newest first', () => {
    const bySeverity = [...cases].sort(compareCases({ by: 'severity', direction: 'desc' })).map((c) => c.id);
    expect(bySeverity).toEqual(['2', '4', '1', '3']);
    const byStatus = [...cases].sort(compareCases({ by: 'status', direction: 'asc' })).map((c) => c.id);
    expect(byStatus).toEqual(['4', '1', '3', '2']);
  });
});

describe('CountsMemo', () => {
  const cases = [indexed({ id: '1' }), indexed({ id: '2', unitId: 'sk', status: 'closed' })];
  const counted = (memo: CountsMemo, version: number, f: Parameters<typeof searchIndex>[1], passes: string[]) =>
    memo.counts(version, f, () => {
      passes.push(JSON.stringify(f.units && [...f.units]));
      return searchIndex(cases, f, { viewerId: 'kr', units, collect: false }).counts;
    });

  it('counts a filter once while the index stands still, again when it moves; other filters are their own', () => {
    const memo = new CountsMemo();
    const passes: string[] = [];
    const all = { units: null };
    expect(counted(memo, 1, all, passes).total).toBe(2);
    expect(counted(memo, 1, { units: null }, passes).total).toBe(2);
    expect(passes).toHaveLength(1);
    expect(counted(memo, 1, { units: new Set(['sk']) }, passes)).toMatchObject({ total: 1, byStatus: { closed: 1 } });
    expect(counted(memo, 1, { units: null, statuses: ['closed'] }, passes).total).toBe(1);
    expect(passes).toHaveLength(3);
    counted(memo, 2, all, passes);
    expect(passes).toHaveLength(4);
  });

  it('keys units by what the set holds: a new Set of the same units is a hit, other units are not', () => {
    const memo = new CountsMemo();
    const passes: string[] = [];
    const first = counted(memo, 1, { units: new Set(['sh-a', 'sk']) }, passes);
    expect(counted(memo, 1, { units: new Set(['sh-a', 'sk']) }, passes)).toBe(first);
    expect(passes).toHaveLength(1);
    expect(counted(memo, 1, { units: new Set(['sk']) }, passes).total).toBe(1);
    counted(memo, 1, { units: new Set(['sk', 'sh-a', 'x']) }, passes);
    expect(passes).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { UNITS, deviation } from '../../domain/test-fixtures.js';
import { orgUnitsById } from '../../domain/index.js';
import type { IndexedCase } from '../ports/index.js';
import { type ListStats, PLANNING_LIMIT, keyWindows, listStats, nextWindow, planInbox, windowCount } from './query-plan.js';
import { decodeWindowToken, encodeWindowToken } from './window-token.js';

const units = orgUnitsById(UNITS);
const BASE = Date.UTC(2025, 0, 1);

/** `n` cases, one a minute (two a minute from `tiesFrom` on: same second), cycling through the given units. */
function stats(n: number, unitIds: readonly string[], tiesFrom = Infinity): ListStats {
  const cases: IndexedCase[] = Array.from({ length: n }, (_, i) => {
    const minute = i < tiesFrom ? i : tiesFrom + Math.floor((i - tiesFrom) / 2);
    const d = deviation({ id: `c-${i}`, unitId: unitIds[i % unitIds.length] as string, status: i % 2 === 0 ? 'closed' : 'new', reportedAt: new Date(BASE + minute * 60_000).toISOString() });
    return { ...d, publicText: '', detailText: '' };
  });
  return listStats(cases, units);
}

describe('planInbox', () => {
  const big = stats(10_000, ['sh-a', 'sh', 'ht', 'sk']);
  const filter = { units: null };

  it('keeps the usual order when its first condition is narrow, and when there is no condition', () => {
    expect(planInbox(big, { filter, scope: { type: 'within', sectorIds: [], unitIds: ['sh-a'] }, sort: { by: 'reportedAt', direction: 'desc' } })).toEqual({ type: 'lead' });
    expect(planInbox(big, { filter, scope: { type: 'all' }, sort: { by: 'severity', direction: 'desc' } })).toEqual({ type: 'lead' });
  });

  it('leads with the first narrow condition when the scope selects too much (a sector: 7,500 of 10,000)', () => {
    const scope = { type: 'within' as const, sectorIds: ['mh'], unitIds: [] };
    expect(planInbox(big, { filter: { ...filter, reporterId: 'nobody' }, scope, sort: { by: 'reportedAt', direction: 'desc' } })).toEqual({ type: 'lead' });
    const period = { ...filter, reportedFrom: new Date(BASE).toISOString(), reportedBefore: new Date(BASE + 1000 * 60_000).toISOString() };
    expect(planInbox(big, { filter: period, scope, sort: { by: 'severity', direction: 'desc' } })).toEqual({ type: 'lead', lead: 'period' });
  });

  it('reads in windows when nothing is narrow and the sort is by date; refuses a sort by severity or status', () => {
    const scope = { type: 'within' as const, sectorIds: ['mh'], unitIds: [] };
    const closed = { ...filter, statuses: ['closed' as const] };
    expect(planInbox(big, { filter: closed, scope, sort: { by: 'reportedAt', direction: 'asc' } })).toEqual({ type: 'windows' });
    expect(planInbox(big, { filter: closed, scope, sort: { by: 'status', direction: 'desc' } })).toEqual({ type: 'tooBroad' });
  });
});

describe('nextWindow', () => {
  for (const direction of ['desc', 'asc'] as const) {
    it(`${direction}: windows of at most ${PLANNING_LIMIT} cases cover the list without a gap or an overlap, ties at one second included`, () => {
      const s = stats(9_001, ['sh-a'], 5_000);
      const open = { from: null, before: null };
      const windows = [];
      for (let w = nextWindow(s, open, direction, null); w; w = nextWindow(s, open, direction, w)) windows.push(w);
      expect(windows.length).toBeGreaterThanOrEqual(3);
      expect(windows.reduce((n, w) => n + windowCount(s, w), 0)).toBe(9_001);
      for (const w of windows) expect(windowCount(s, w)).toBeLessThanOrEqual(PLANNING_LIMIT);
      for (let i = 1; i < windows.length; i++) {
        const [a, b] = [windows[i - 1], windows[i]];
        expect(direction === 'desc' ? b?.before : b?.from).toBe(direction === 'desc' ? a?.from : a?.before);
      }
      expect(windows.every((w) => (w.from ?? 0) % 1000 === 0 && (w.before ?? 0) % 1000 === 0)).toBe(true);
    });
  }

  it("keeps within the viewer's own period", () => {
    const s = stats(9_000, ['sh-a']);
    const bounds = { from: BASE + 100 * 60_000, before: BASE + 8_100 * 60_000 };
    const windows = [];
    for (let w = nextWindow(s, bounds, 'desc', null); w; w = nextWindow(s, bounds, 'desc', w)) windows.push(w);
    expect(windows[0]?.before).toBe(bounds.before);
    expect(windows.at(-1)?.from).toBe(bounds.from);
    expect(windows.reduce((n, w) => n + windowCount(s, w), 0)).toBe(8_000);
  });
});

describe('window tokens', () => {
  it('round-trip; anything else is not one (a store token is passed on as it is)', () => {
    const t = { window: { from: 1_000, before: 61_000 }, inner: 'abc_-1' };
    expect(decodeWindowToken(encodeWindowToken(t))).toEqual(t);
    expect(decodeWindowToken(encodeWindowToken({ window: { from: null, before: null }, inner: null }))).toEqual({ window: { from: null, before: null }, inner: null });
    expect(decodeWindowToken('wQUJD')).toBeNull();
    expect(decodeWindowToken(null)).toBeNull();
    expect(decodeWindowToken(`w${Buffer.from(JSON.stringify({ f: 1500, b: null, c: null })).toString('base64url')}`)).toBeNull();
    expect(decodeWindowToken(`w${Buffer.from(JSON.stringify({ f: 2000, b: 1000, c: null })).toString('base64url')}`)).toBeNull();
    expect(decodeWindowToken(`w${Buffer.from(JSON.stringify({ f: null, b: null, c: 'x y' })).toString('base64url')}`)).toBeNull();
  });
});

describe('keyWindows', () => {
  const inWindow = (k: string, w: { from: string; through: string }) => k >= w.from && k <= w.through;

  it('one window from the first key to the last when every key fits; none for no keys', () => {
    expect(keyWindows(['b', 'a', 'c'])).toEqual([{ from: 'a', through: 'c' }]);
    expect(keyWindows([])).toEqual([]);
  });

  it(`windows of at most ${PLANNING_LIMIT} keys each hold every key exactly once, whatever the input order and repeats`, () => {
    const keys = Array.from({ length: 9_001 }, (_, i) => `p-${String((i * 7919) % 9_001).padStart(5, '0')}`);
    const windows = keyWindows([...keys, ...keys.slice(0, 50)]);
    expect(windows).toHaveLength(3);
    expect(windows[0]?.from).toBe('p-00000');
    expect(windows.at(-1)?.through).toBe('p-09000');
    for (const w of windows) expect(keys.filter((k) => inWindow(k, w)).length).toBeLessThanOrEqual(PLANNING_LIMIT);
    for (const k of keys) expect(windows.filter((w) => inWindow(k, w))).toHaveLength(1);
  });
});

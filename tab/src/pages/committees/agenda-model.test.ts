// The agenda's order moves, counts, time plan and the Oslo start time of a new meeting.
import { describe, expect, it } from 'vitest';
import type { AgendaItemView } from '../../../../src/server/api/contract.js';
import { activeItems, decidable, kindCounts, movedOrder, osloInstant, startOffsets, timePlan, unresolvedTitles } from './agenda-model';

const item = (id: string, over: Partial<AgendaItemView> = {}): AgendaItemView => ({
  id,
  meetingId: 'm',
  number: null,
  order: null,
  title: `Sak ${id}`,
  description: '',
  kind: 'standing',
  standingItem: null,
  status: 'accepted',
  owner: null,
  presenter: null,
  durationMinutes: 10,
  links: [],
  moreLinks: 0,
  inputs: [],
  documents: [],
  decision: null,
  measures: [],
  escalatedFrom: null,
  etag: `e-${id}`,
  ...over,
});

const items = [item('a'), item('b', { kind: 'escalation' }), item('c', { kind: 'other', durationMinutes: 30 }), item('w', { status: 'withdrawn' })];

describe('moving an item', () => {
  it('swaps it with its neighbour and keeps the withdrawn ones last', () => {
    expect(movedOrder(items, 'b', -1)).toEqual(['b', 'a', 'c', 'w']);
    expect(movedOrder(items, 'b', 1)).toEqual(['a', 'c', 'b', 'w']);
  });

  it('will not move past either end, nor a withdrawn or unknown item', () => {
    expect(movedOrder(items, 'a', -1)).toBeNull();
    expect(movedOrder(items, 'c', 1)).toBeNull();
    expect(movedOrder(items, 'w', -1)).toBeNull();
    expect(movedOrder(items, 'x', 1)).toBeNull();
  });
});

describe('the agenda at a glance', () => {
  it('counts the sources in the proposal’s order, withdrawn left out', () => {
    expect(kindCounts([item('o', { kind: 'other' }), ...items])).toEqual([
      { kind: 'standing', count: 1 },
      { kind: 'escalation', count: 1 },
      { kind: 'other', count: 2 },
    ]);
    expect(activeItems(items).map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('plans the time: each item’s start from the meeting’s, and whether the items take longer than the meeting', () => {
    expect([...startOffsets(items)]).toEqual([['a', 0], ['b', 10], ['c', 20]]);
    expect(timePlan({ plannedMinutes: 200, meetingMinutes: 180 })).toEqual({ planned: 200, length: 180, over: true });
    expect(timePlan({ plannedMinutes: 180, meetingMinutes: 180 }).over).toBe(false);
  });

  it('names the items the minutes wait for, by number when they have one', () => {
    const m = { items: [item('a', { number: '3/26' }), item('b', { order: 2 })], unresolvedItemIds: ['a', 'b'] };
    expect(unresolvedTitles(m)).toEqual(['3/26 Sak a', '2 Sak b']);
    expect(unresolvedTitles({ ...m, unresolvedItemIds: [] })).toEqual([]);
  });

  it('takes decisions only on items on the agenda', () => {
    expect(decidable(item('a'))).toBe(true);
    expect(decidable(item('a', { status: 'postponed' }))).toBe(true);
    expect(decidable(item('a', { status: 'withdrawn' }))).toBe(false);
    expect(decidable(item('a', { status: 'proposed' }))).toBe(false);
  });
});

describe('a meeting’s start on the Oslo clock', () => {
  it('is UTC+1 in winter and UTC+2 in summer', () => {
    expect(osloInstant('2026-03-10', '09:00')).toBe('2026-03-10T08:00:00.000Z');
    expect(osloInstant('2026-06-10', '09:00')).toBe('2026-06-10T07:00:00.000Z');
    // The night summer time starts (29 March 2026, 02:00 → 03:00) and ends (25 October, 03:00 → 02:00).
    expect(osloInstant('2026-03-29', '04:00')).toBe('2026-03-29T02:00:00.000Z');
    expect(osloInstant('2026-10-25', '12:00')).toBe('2026-10-25T11:00:00.000Z');
  });

  it('refuses dates and times that do not exist', () => {
    expect(osloInstant('2026-02-30', '09:00')).toBeNull();
    expect(osloInstant('2026-03-10', '24:00')).toBeNull();
    expect(osloInstant('10.03.2026', '09:00')).toBeNull();
    expect(osloInstant('2026-03-10', '')).toBeNull();
  });
});

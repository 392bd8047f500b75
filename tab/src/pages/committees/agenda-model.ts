// The agenda's pure logic for the tab: moving an item up or down (the order the server wants: every item of the meeting
// once, withdrawn ones kept last), the time plan, what keeps the minutes back, and a meeting's start in Oslo time.
import type { AgendaItemKind, AgendaItemView, MeetingDetail } from '../../../../src/server/api/contract.js';

export type Direction = -1 | 1;

/** Items on the agenda (not withdrawn), in order. */
export function activeItems(items: readonly AgendaItemView[]): AgendaItemView[] {
  return items.filter((i) => i.status !== 'withdrawn');
}

export function withdrawnItems(items: readonly AgendaItemView[]): AgendaItemView[] {
  return items.filter((i) => i.status === 'withdrawn');
}

/**
 * The ids to PUT as the new order after moving `id` one place up (-1) or down (1) among the active items, withdrawn
 * items appended; null when it cannot move (already first or last, withdrawn, or unknown).
 */
export function movedOrder(items: readonly AgendaItemView[], id: string, direction: Direction): string[] | null {
  const active = activeItems(items).map((i) => i.id);
  const from = active.indexOf(id);
  const to = from + direction;
  if (from < 0 || to < 0 || to >= active.length) return null;
  const next = [...active];
  [next[from], next[to]] = [next[to] as string, next[from] as string];
  return [...next, ...withdrawnItems(items).map((i) => i.id)];
}

/** The group a source falls into on the page (and its badge): the order the proposal itself uses. */
export const KIND_ORDER: readonly AgendaItemKind[] = ['standing', 'escalation', 'riskItem', 'seriousDeviations', 'overdueMeasures', 'decisionFollowUp', 'audit', 'procedures', 'proposal', 'other'];

/** How many items of each source the agenda holds (withdrawn left out), in KIND_ORDER, only those present. */
export function kindCounts(items: readonly AgendaItemView[]): { kind: AgendaItemKind; count: number }[] {
  const counts = new Map<AgendaItemKind, number>();
  for (const i of activeItems(items)) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  return KIND_ORDER.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 }));
}

/** Planned minutes against the meeting's length: over when the items take longer than the meeting. */
export function timePlan(meeting: Pick<MeetingDetail, 'plannedMinutes' | 'meetingMinutes'>): { planned: number; length: number; over: boolean } {
  return { planned: meeting.plannedMinutes, length: meeting.meetingMinutes, over: meeting.plannedMinutes > meeting.meetingMinutes };
}

/** Each item's clock time in the meeting (start + the durations before it), as minutes from the start. */
export function startOffsets(items: readonly AgendaItemView[]): Map<string, number> {
  const out = new Map<string, number>();
  let at = 0;
  for (const i of activeItems(items)) {
    out.set(i.id, at);
    at += i.durationMinutes;
  }
  return out;
}

/** The items the minutes wait for (the server's list), with their numbers or positions and titles, for the message. */
export function unresolvedTitles(meeting: Pick<MeetingDetail, 'items' | 'unresolvedItemIds'>): string[] {
  const ids = new Set(meeting.unresolvedItemIds);
  return meeting.items.filter((i) => ids.has(i.id)).map((i) => `${i.number ?? i.order ?? ''} ${i.title}`.trim());
}

/** Whether writing the decision of an item makes sense (not withdrawn, not a pending proposal). */
export function decidable(item: AgendaItemView): boolean {
  return item.status !== 'withdrawn' && item.status !== 'proposed';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function osloOffsetMinutes(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** 'YYYY-MM-DD' and 'HH:mm' on the Oslo wall clock → an ISO UTC instant; null for an invalid date or time. */
export function osloInstant(date: string, time: string): string | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const [y, mo, da] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const wall = Date.UTC(y, mo - 1, da, Number(t[1]), Number(t[2]));
  const check = new Date(Date.UTC(y, mo - 1, da));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== da) return null;
  // The offset at the guess, then again at the corrected instant (right across a change of summer time).
  let instant = wall - osloOffsetMinutes(new Date(wall)) * 60_000;
  instant = wall - osloOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant).toISOString();
}

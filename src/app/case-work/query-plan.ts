// How a list query (the inbox's, the action list's) stays under SharePoint's list view threshold on a large list.
//
// SharePoint serves a list-item query on a list of more than 5,000 items only when the filter's first condition on an
// indexed column selects at most 5,000 items of the whole list: later `and` terms and `$top` do not help (see
// tests/conformance/list-items.test.ts, "list view threshold", and the emulator's item-query.ts). A kommunalsjef's
// `SectorId eq` selects ~110,000 of the 150,000 cases of the 60,000-employee demo, so it cannot lead. The case index
// holds every ordinary case's counted fields, so the app counts beforehand what each condition would select and leads
// with the first one that is narrow enough; when none is, the newest-first (or oldest-first) list is read window by
// window of ReportedAt, each window holding at most PLANNING_LIMIT cases of the whole list. Sorting by severity or
// status needs the whole selection at once: past the threshold that is refused, with what to narrow, in Norwegian.
// The same planning serves the action list (query-plan-measures.ts), whose windows are of Deadline.
import { type OrgUnits, sectorOf } from '../../domain/index.js';
import type { CaseScope, CaseSort, IndexedCase, InboxLead, KeyWindow, Page } from '../ports/index.js';
import type { IndexFilter } from './index-search.js';
import { type WindowToken, encodeWindowToken } from './window-token.js';

/** SharePoint's list view threshold. */
export const LIST_VIEW_THRESHOLD = 5000;
/**
 * What a plan counts on: the index can be a round (30 s) behind SharePoint, and a window's bounds are whole seconds,
 * so a planned condition keeps a fifth of the threshold in hand.
 */
export const PLANNING_LIMIT = 4000;

/** The sort column's value of every item of the whole list, for windows of it. */
export interface WindowAxis {
  /** Epoch ms, ascending. */
  readonly sorted: Float64Array;
  /** The column's resolution in ms (a second for a date and time, a day for a date): window bounds are multiples of it. */
  readonly grain: number;
}

/** Counts of the whole list by each indexed column an inbox filters on, and every case's report time in order. */
export interface ListStats extends WindowAxis {
  readonly total: number;
  readonly byUnit: ReadonlyMap<string, number>;
  readonly bySector: ReadonlyMap<string, number>;
  readonly byKind: ReadonlyMap<string, number>;
  readonly byStatus: ReadonlyMap<string, number>;
  readonly bySeverity: ReadonlyMap<string, number>;
  readonly byReporter: ReadonlyMap<string, number>;
  readonly byHandler: ReadonlyMap<string, number>;
}

const bump = (m: Map<string, number>, key: string | null) => {
  if (key !== null) m.set(key, (m.get(key) ?? 0) + 1);
};

/** One pass over the index (tens of milliseconds at 150,000 cases): kept while the index and the unit tree stand still. */
export function listStats(cases: Iterable<IndexedCase>, units: OrgUnits): ListStats {
  const byUnit = new Map<string, number>();
  const byKind = new Map<string, number>();
  const byStatus = new Map<string, number>();
  const bySeverity = new Map<string, number>();
  const byReporter = new Map<string, number>();
  const byHandler = new Map<string, number>();
  const reported: number[] = [];
  for (const c of cases) {
    bump(byUnit, c.unitId);
    bump(byKind, c.kind);
    bump(byStatus, c.status);
    bump(bySeverity, c.severity);
    bump(byReporter, c.reporterId);
    bump(byHandler, c.handlerId);
    reported.push(Date.parse(c.reportedAt));
  }
  // SectorId is written beside every case from the unit's sector (src/sharepoint/mapping/deviation.ts).
  const bySector = new Map<string, number>();
  for (const [unitId, n] of byUnit) {
    const sector = sectorOf(unitId, units);
    if (sector) bySector.set(sector.id, (bySector.get(sector.id) ?? 0) + n);
  }
  return { total: reported.length, sorted: Float64Array.from(reported).sort(), grain: 1000, byUnit, bySector, byKind, byStatus, bySeverity, byReporter, byHandler };
}

/** How many values are below `ms`; null is the open end of `side` (none below an open start, all below an open end). */
function below(reported: Float64Array, ms: number | null, side: 'from' | 'before' = 'before'): number {
  if (ms === null) return side === 'from' ? 0 : reported.length;
  let lo = 0;
  let hi = reported.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((reported[mid] as number) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A window of the sort column, [from, before); null: open on that side. Multiples of the axis's grain, as SharePoint stores them. */
export interface ReportWindow {
  readonly from: number | null;
  readonly before: number | null;
}

/** Lead with this condition (undefined: the query's usual first condition is narrow enough, or there is none). */
export interface LeadPlan<L> {
  readonly type: 'lead';
  readonly lead?: L;
}

/**
 * The first condition, in the order the repository writes them, that selects at most PLANNING_LIMIT items of the whole
 * list, as the one to lead with; null when none does (the caller reads windows, or refuses).
 */
export function narrowLead<L>(candidates: readonly (readonly [L, number])[]): LeadPlan<L> | null {
  if (candidates.length === 0) return { type: 'lead' };
  const at = candidates.findIndex(([, n]) => n <= PLANNING_LIMIT);
  if (at < 0) return null;
  return at === 0 ? { type: 'lead' } : { type: 'lead', lead: (candidates[at] as readonly [L, number])[0] };
}

/** The sum of the counts of these keys (each once). */
export function countOf(m: ReadonlyMap<string, number>, keys: readonly string[]): number {
  return [...new Set(keys)].reduce((n, k) => n + (m.get(k) ?? 0), 0);
}

export type InboxPlan =
  | LeadPlan<InboxLead>
  /** No condition is narrow enough: read window by window of ReportedAt, in the sort's direction. */
  | { readonly type: 'windows' }
  /** Sorted by severity or status with nothing narrow enough: the viewer has to narrow it. */
  | { readonly type: 'tooBroad' };

export interface PlanRequest {
  readonly filter: IndexFilter;
  readonly scope: CaseScope;
  readonly sort: CaseSort;
}

/**
 * The conditions in the order the repository writes them (inboxQuery), each with how many cases of the whole list it
 * selects; the first within PLANNING_LIMIT leads.
 */
export function planInbox(stats: ListStats, req: PlanRequest): InboxPlan {
  const f = req.filter;
  const sum = countOf;
  const candidates: [InboxLead, number][] = [];
  if (f.reporterId !== undefined) candidates.push(['reporter', stats.byReporter.get(f.reporterId) ?? 0]);
  if (f.handlerId !== undefined) candidates.push(['handler', stats.byHandler.get(f.handlerId) ?? 0]);
  if (req.scope.type === 'within') candidates.push(['scope', sum(stats.bySector, req.scope.sectorIds) + sum(stats.byUnit, req.scope.unitIds)]);
  if (f.kinds?.length) candidates.push(['kinds', sum(stats.byKind, f.kinds)]);
  if (f.statuses?.length) candidates.push(['statuses', sum(stats.byStatus, f.statuses)]);
  if (f.severities?.length) candidates.push(['severities', sum(stats.bySeverity, f.severities)]);
  if (f.reportedFrom !== undefined || f.reportedBefore !== undefined) {
    const window = { from: f.reportedFrom === undefined ? null : Date.parse(f.reportedFrom), before: f.reportedBefore === undefined ? null : Date.parse(f.reportedBefore) };
    candidates.push(['period', windowCount(stats, window)]);
  }
  const lead = narrowLead(candidates);
  if (lead) return lead;
  return req.sort.by === 'reportedAt' ? { type: 'windows' } : { type: 'tooBroad' };
}

export function windowCount(axis: WindowAxis, w: ReportWindow): number {
  return below(axis.sorted, w.before) - below(axis.sorted, w.from, 'from');
}

/**
 * The next window in the sort's direction within `bounds` (the viewer's period), after `previous` (null: the first),
 * holding at most PLANNING_LIMIT items of the whole list (unless more share one value of the column); null when
 * `bounds` is used up. Newest first, a window is closed below by the value PLANNING_LIMIT items down; oldest first,
 * closed above likewise.
 */
export function nextWindow(axis: WindowAxis, bounds: ReportWindow, direction: 'asc' | 'desc', previous: ReportWindow | null): ReportWindow | null {
  const r = axis.sorted;
  const g = axis.grain;
  const floorGrain = (ms: number) => Math.floor(ms / g) * g;
  const ceilGrain = (ms: number) => Math.ceil(ms / g) * g;
  if (direction === 'desc') {
    const before = previous === null ? bounds.before : previous.from;
    if (previous !== null && before === null) return null;
    if (before !== null && bounds.from !== null && before <= bounds.from) return null;
    const end = below(r, before);
    const start = end - PLANNING_LIMIT;
    // Everything left fits: open below (down to the viewer's own lower bound).
    if (start <= below(r, bounds.from, 'from')) return { from: bounds.from, before };
    // Rounded up to a whole second: the ties below it fall to the next window, never into both.
    let from = ceilGrain(r[start] as number);
    while (below(r, from, 'from') < start) from += g;
    if (before !== null && from >= before) from = floorGrain(before - 1);
    return { from, before };
  }
  const from = previous === null ? bounds.from : previous.before;
  if (previous !== null && from === null) return null;
  if (from !== null && bounds.before !== null && from >= bounds.before) return null;
  const start = below(r, from, 'from');
  const end = start + PLANNING_LIMIT;
  if (end >= below(r, bounds.before)) return { from, before: bounds.before };
  let before = floorGrain(r[end] as number);
  if (from !== null && before <= from) before = from + g;
  return { from, before };
}

/** Windows read for one page: two while it has something to show, more only while it is empty. */
const WINDOWS_PER_PAGE = 2;
const WINDOWS_PER_EMPTY_PAGE = 6;

export interface WindowedRead<T> {
  readonly axis: WindowAxis;
  /** The viewer's own bounds on the sort column. */
  readonly bounds: ReportWindow;
  readonly direction: 'asc' | 'desc';
  /** Where the previous page stopped; null: the first page. Check it with windowCount before (a client may edit it). */
  readonly token: WindowToken | null;
  readonly pageSize: number;
  /** One request to the store: the query with this window written first. */
  read(window: ReportWindow, page: { pageSize: number; continuation: string | null }): Promise<Page<T>>;
}

/** One page of a query read window by window of its sort column; the continuation is a window token. */
export async function windowedPage<T>(r: WindowedRead<T>): Promise<{ items: T[]; continuation: string | null }> {
  let window = r.token ? r.token.window : nextWindow(r.axis, r.bounds, r.direction, null);
  let inner = r.token?.inner ?? null;
  const items: T[] = [];
  for (let requests = 1; window; requests++) {
    const page = await r.read(window, { pageSize: r.pageSize - items.length, continuation: inner });
    items.push(...page.items);
    if (page.continuation !== null) return { items, continuation: encodeWindowToken({ window, inner: page.continuation }) };
    window = nextWindow(r.axis, r.bounds, r.direction, window);
    inner = null;
    const full = items.length >= r.pageSize || (items.length > 0 && requests >= WINDOWS_PER_PAGE) || requests >= WINDOWS_PER_EMPTY_PAGE;
    if (window && full) return { items, continuation: encodeWindowToken({ window, inner: null }) };
  }
  return { items, continuation: null };
}

/**
 * Windows of a text key (a person id) holding `limit` of `keys` each, in order, from the first key to the last (none
 * for no keys). For rows keyed by a unique `<prefix><key>` column (the reading list's documentId|version|personId): a
 * window is a range of that column from its first key to its last, and since the key is unique it selects at most one
 * row per key in it — the ones counted, and any of people left out (who left since), which PLANNING_LIMIT's margin
 * covers. Bounds are keys themselves, so no sentinel has to sort after every key in SharePoint's collation.
 */
export function keyWindows(keys: Iterable<string>, limit = PLANNING_LIMIT): KeyWindow[] {
  // Code-unit order, as SharePoint orders these ids (Entra object ids: lowercase hex and hyphens) and SQLite bytewise.
  const sorted = [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: KeyWindow[] = [];
  for (let at = 0; at < sorted.length; at += limit) out.push({ from: sorted[at] as string, through: sorted[Math.min(at + limit, sorted.length) - 1] as string });
  return out;
}

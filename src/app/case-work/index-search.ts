// Text search and counts over the delta-synced case index: the same scope and filters as the store's query, in memory.
import { CASE_STATUSES, type CaseStatus, type OrgUnits, severityRank } from '../../domain/index.js';
import type { CaseSort, DeviationQuery, IndexedCase } from '../ports/index.js';
import { mayReadHealthDetails } from './scope.js';

/** The store query's filters (the same meaning in memory), with the units in view instead of its scope clauses. */
export interface IndexFilter extends Omit<DeviationQuery, 'route' | 'scope' | 'sort'> {
  /** The units in view; null: every unit. */
  readonly units: ReadonlySet<string> | null;
}

/** Lower case in Norwegian, composed: how queries and the index's text are compared. */
export const fold = (text: string): string => text.normalize('NFC').toLocaleLowerCase('nb');

/** The words of a query: each must occur in what the viewer may search. */
export function searchWords(q: string): string[] {
  return fold(q).split(/\s+/).filter((w) => w !== '');
}

/** Every filter but the text. ISO instants of one format compare as strings. */
export function matchesFilter(c: IndexedCase, f: IndexFilter, options: { ignoreStatus?: boolean } = {}): boolean {
  if (f.units !== null && !f.units.has(c.unitId)) return false;
  if (f.reporterId !== undefined && c.reporterId !== f.reporterId) return false;
  if (f.handlerId !== undefined && c.handlerId !== f.handlerId) return false;
  if (f.kinds?.length && !f.kinds.includes(c.kind)) return false;
  if (!options.ignoreStatus && f.statuses?.length && !f.statuses.includes(c.status)) return false;
  if (f.severities?.length && (c.severity === null || !f.severities.includes(c.severity))) return false;
  if (f.reportedFrom !== undefined && Date.parse(c.reportedAt) < Date.parse(f.reportedFrom)) return false;
  if (f.reportedBefore !== undefined && Date.parse(c.reportedAt) >= Date.parse(f.reportedBefore)) return false;
  return true;
}

/**
 * Whether every word occurs in what this viewer may search of the case. The description and the other free
 * text only where the viewer may read the health details; for a health-related case the viewer may not read,
 * only the case number — its title is a health detail too (withoutHealthDetails blanks it), and matching on
 * it would tell what it says.
 */
export function matchesText(c: IndexedCase, words: readonly string[], viewerId: string, units: OrgUnits): boolean {
  if (words.length === 0) return true;
  const details = mayReadHealthDetails(viewerId, c, units);
  const text = !details ? fold(c.caseNumber) : `${c.publicText} ${c.detailText}`;
  return words.every((w) => text.includes(w));
}

const STATUS_RANK = new Map(CASE_STATUSES.map((s, i) => [s, i + 1]));

/** The order the store uses (repositories' inboxQuery): the key, then newest report first, then id for a stable page. */
export function compareCases(sort: CaseSort): (a: IndexedCase, b: IndexedCase) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const key = (c: IndexedCase): number =>
    sort.by === 'severity' ? (c.severity === null ? 0 : severityRank(c.severity)) : sort.by === 'status' ? (STATUS_RANK.get(c.status) ?? 0) : Date.parse(c.reportedAt);
  return (a, b) => sign * (key(a) - key(b)) || Date.parse(b.reportedAt) - Date.parse(a.reportedAt) || a.id.localeCompare(b.id);
}

export interface IndexCounts {
  readonly total: number;
  /** Per status, over every filter but the status filter: what each status choice would show. */
  readonly byStatus: Record<CaseStatus, number>;
}

export function emptyByStatus(): Record<CaseStatus, number> {
  return Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
}

/**
 * One pass over the index: the counts, and (when `words` is given) the matching cases in order. `words`
 * applies to both, so the counts always describe what the list shows.
 */
export function searchIndex(
  cases: Iterable<IndexedCase>,
  f: IndexFilter,
  options: { words?: readonly string[]; viewerId: string; units: OrgUnits; sort?: CaseSort; collect: boolean },
): { counts: IndexCounts; matches: IndexedCase[] } {
  const byStatus = emptyByStatus();
  let total = 0;
  const matches: IndexedCase[] = [];
  const words = options.words ?? [];
  for (const c of cases) {
    if (!matchesFilter(c, f, { ignoreStatus: true })) continue;
    if (!matchesText(c, words, options.viewerId, options.units)) continue;
    byStatus[c.status]++;
    if (f.statuses?.length && !f.statuses.includes(c.status)) continue;
    total++;
    if (options.collect) matches.push(c);
  }
  if (options.collect && options.sort) matches.sort(compareCases(options.sort));
  return { counts: { total, byStatus }, matches };
}

/**
 * Counts kept while the index stands still (its `version`): the inbox asks for the same filter's counts on every page
 * and every return to the list, and a pass over 150,000 cases costs milliseconds each time. A round that changed
 * anything starts afresh. Keyed by the filter itself (the units it covers included), so a hit is always exact.
 */
/**
 * A set of units as a number: the same for sets of the same units (in the same order), worked out once per Set, so a
 * sector's thousands of ids are not joined again on every page. Numbers are never reused, so a key never means two sets.
 */
const UNIT_SET_IDS = new WeakMap<ReadonlySet<string>, number>();
const IDS_BY_CONTENT = new Map<string, number>();
let nextUnitSetId = 0;
function unitsKey(units: ReadonlySet<string>): number {
  let id = UNIT_SET_IDS.get(units);
  if (id === undefined) {
    const content = [...units].join('\u0000');
    id = IDS_BY_CONTENT.get(content);
    if (id === undefined) {
      if (IDS_BY_CONTENT.size >= 10_000) IDS_BY_CONTENT.clear();
      id = nextUnitSetId++;
      IDS_BY_CONTENT.set(content, id);
    }
    UNIT_SET_IDS.set(units, id);
  }
  return id;
}

export class CountsMemo {
  private version = -1;
  private readonly entries = new Map<string, IndexCounts>();

  constructor(private readonly max = 1000) {}

  counts(version: number, f: IndexFilter, count: () => IndexCounts): IndexCounts {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const key = JSON.stringify([f.units === null ? null : unitsKey(f.units), f.reporterId, f.handlerId, f.kinds, f.statuses, f.severities, f.reportedFrom, f.reportedBefore]);
    let hit = this.entries.get(key);
    if (!hit) {
      if (this.entries.size >= this.max) this.entries.clear();
      hit = count();
      this.entries.set(key, hit);
    }
    return hit;
  }
}

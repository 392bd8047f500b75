// The action list's queries under SharePoint's list view threshold, planned as the inbox's are (query-plan.ts).
//
// A kommunalsjef's `SectorId eq …` selects ~79,000 of the 60,000-employee demo's measures, and "open or in progress"
// most of them: SharePoint refuses either as the first condition of a query on a list of more than 5,000 items. The
// measure index counts every measure by unit, owner, status and source, so the first condition narrow enough leads;
// when none is, the list is read window by window of Deadline (the action list's one order, earliest first), each
// window holding at most PLANNING_LIMIT measures of the whole list. Every caller that queries the action list (the
// tab's list and export, the reminder digest, the committees' agenda) reads through PlannedMeasures.
import { type CalendarDate, type Measure, MEASURE_SOURCES, MEASURE_STATUSES, type OrgUnits, sectorOf } from '../../domain/index.js';
import type { MeasureColumns } from '../case-index/index.js';
import { dayNumberOf } from '../case-index/oslo-day.js';
import type { MeasureLead, MeasureQuery, MeasureRepository, Page, PageRequest, Stored } from '../ports/index.js';
import { LIST_VIEW_THRESHOLD, type LeadPlan, type ReportWindow, type WindowAxis, countOf, narrowLead, windowCount, windowedPage } from './query-plan.js';
import { decodeWindowToken } from './window-token.js';

const DAY_MS = 86_400_000;

/** Counts of the whole action list by each indexed column it is filtered on, and every deadline in order. */
export interface MeasureListStats {
  readonly total: number;
  /** Deadlines as midnight UTC of the date (epoch ms), ascending; windows are whole days. */
  readonly deadlines: WindowAxis;
  readonly byUnit: ReadonlyMap<string, number>;
  readonly bySector: ReadonlyMap<string, number>;
  readonly byStatus: ReadonlyMap<string, number>;
  readonly bySource: ReadonlyMap<string, number>;
  /** Null when the index does not carry owners: no owner condition is counted narrow. */
  readonly byOwner: ReadonlyMap<string, number> | null;
}

/** One pass over the measure index's columns (a few milliseconds at 80,000 measures). */
export function measureListStats(cols: MeasureColumns, units: OrgUnits): MeasureListStats {
  const unitCounts = new Uint32Array(cols.unitCount);
  const statusCounts = new Uint32Array(MEASURE_STATUSES.length);
  const sourceCounts = new Uint32Array(MEASURE_SOURCES.length);
  const ownerCounts = new Map<number, number>();
  const days: number[] = [];
  for (let slot = 0; slot < cols.slots; slot++) {
    if (cols.live[slot] !== 1) continue;
    unitCounts[cols.unit[slot] as number]!++;
    statusCounts[cols.status[slot] as number]!++;
    sourceCounts[cols.source[slot] as number]!++;
    const owner = cols.owner[slot] as number;
    ownerCounts.set(owner, (ownerCounts.get(owner) ?? 0) + 1);
    days.push((cols.deadlineDay[slot] as number) * DAY_MS);
  }
  const byUnit = new Map<string, number>();
  const bySector = new Map<string, number>();
  unitCounts.forEach((n, code) => {
    if (n === 0) return;
    const unitId = cols.unitIdOf(code);
    byUnit.set(unitId, n);
    // SectorId is written beside every measure from its unit's sector (src/sharepoint/mapping/measure.ts).
    const sector = sectorOf(unitId, units);
    if (sector) bySector.set(sector.id, (bySector.get(sector.id) ?? 0) + n);
  });
  const byOwner = new Map<string, number>();
  for (const [code, n] of ownerCounts) byOwner.set(cols.ownerIdOf(code), n);
  const ownersKnown = days.length === 0 || !byOwner.has('');
  return {
    total: days.length,
    deadlines: { sorted: Float64Array.from(days).sort(), grain: DAY_MS },
    byUnit,
    bySector,
    byStatus: new Map(MEASURE_STATUSES.map((s, i) => [s, statusCounts[i] ?? 0])),
    bySource: new Map(MEASURE_SOURCES.map((s, i) => [s, sourceCounts[i] ?? 0])),
    byOwner: ownersKnown ? byOwner : null,
  };
}

const dayMs = (date: CalendarDate) => dayNumberOf(date) * DAY_MS;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type MeasurePlan = LeadPlan<MeasureLead> | { readonly type: 'windows' };

/** The conditions in the order the repository writes them (actionListQuery), each with what it selects; the first narrow enough leads. */
export function planMeasures(stats: MeasureListStats, q: MeasureQuery): MeasurePlan {
  const owner = (id: string) => (stats.byOwner ? (stats.byOwner.get(id) ?? 0) : stats.total);
  const candidates: [MeasureLead, number][] = [];
  if (q.ownerId !== undefined) candidates.push(['owner', owner(q.ownerId)]);
  if (q.scope.type === 'within') {
    const s = q.scope;
    candidates.push(['scope', countOf(stats.bySector, s.sectorIds) + countOf(stats.byUnit, s.unitIds) + (s.ownerId !== undefined ? owner(s.ownerId) : 0)]);
  }
  if (q.within) candidates.push(['within', countOf(stats.bySector, q.within.sectorIds) + countOf(stats.byUnit, q.within.unitIds)]);
  candidates.push(['statuses', countOf(stats.byStatus, q.statuses)]);
  if (q.source !== undefined) candidates.push(['source', stats.bySource.get(q.source) ?? 0]);
  if (q.deadlineBefore !== undefined) candidates.push(['deadline', windowCount(stats.deadlines, { from: null, before: dayMs(q.deadlineBefore) })]);
  return narrowLead(candidates) ?? { type: 'windows' };
}

/** A continuation that does not belong to the query (edited, or a window wider than any handed out). */
export class InvalidMeasureContinuation extends Error {
  constructor() {
    super('The continuation does not belong to this action-list query.');
    this.name = 'InvalidMeasureContinuation';
  }
}

export interface PlannedMeasuresDeps {
  readonly measures: Pick<MeasureRepository, 'query'>;
  /** The measure index; without it (or before its first sync) a query goes as it is, and SharePoint may refuse it. */
  readonly measureIndex?: { readonly version: number; asOf(): string | null; columns(): MeasureColumns };
}

/** Action-list queries planned under the list view threshold: one page at a time, or every page. */
export class PlannedMeasures {
  private memo: { version: number; units: OrgUnits; stats: MeasureListStats } | null = null;

  constructor(private readonly deps: PlannedMeasuresDeps) {}

  /**
   * One page, earliest deadline first: led by a condition narrow enough, or read window by window of Deadline (the
   * continuation then carries the window). QueryTooBroad if SharePoint refuses anyway (the index a round behind, or
   * more than 5,000 measures due on one day); InvalidMeasureContinuation for a window token that is not ours.
   */
  async page(q: MeasureQuery, units: OrgUnits, page: PageRequest = {}): Promise<Page<Stored<Measure>>> {
    const stats = this.stats(units);
    const token = decodeWindowToken(page.continuation);
    const plan: MeasurePlan = token ? { type: 'windows' } : stats && stats.total > LIST_VIEW_THRESHOLD ? planMeasures(stats, q) : { type: 'lead' };
    if (plan.type === 'lead') return this.deps.measures.query(plan.lead ? { ...q, lead: plan.lead } : q, page);
    if (!stats || (token && windowCount(stats.deadlines, token.window) > LIST_VIEW_THRESHOLD)) throw new InvalidMeasureContinuation();
    return windowedPage({
      axis: stats.deadlines,
      bounds: { from: null, before: q.deadlineBefore === undefined ? null : dayMs(q.deadlineBefore) },
      direction: 'asc',
      token,
      pageSize: page.pageSize ?? 100,
      read: (w: ReportWindow, inner) =>
        this.deps.measures.query({ ...q, window: { ...(w.from !== null ? { from: dateOf(w.from) } : {}), ...(w.before !== null ? { before: dateOf(w.before) } : {}) } }, inner),
    });
  }

  /** Every page, in order, while `more` says so after each (the rows so far); the last continuation (null: all read). */
  async each(q: MeasureQuery, units: OrgUnits, pageSize: number, take: (rows: readonly Stored<Measure>[]) => boolean): Promise<string | null> {
    let continuation: string | null = null;
    do {
      const found: Page<Stored<Measure>> = await this.page(q, units, { pageSize, continuation });
      continuation = found.continuation;
      if (!take(found.items)) break;
    } while (continuation !== null);
    return continuation;
  }

  /** Counts of the whole action list for planning; null before the index's first sync. */
  private stats(units: OrgUnits): MeasureListStats | null {
    const index = this.deps.measureIndex;
    if (!index || index.asOf() === null) return null;
    const memo = this.memo;
    if (memo && memo.version === index.version && memo.units === units) return memo.stats;
    const stats = measureListStats(index.columns(), units);
    this.memo = { version: index.version, units, stats };
    return stats;
  }
}

// Measures in the quality site's 'Tiltak': one action list for every source.
import { InvalidContinuationError } from './list-query.js';
import { MAX_MEASURE_SCOPE_CLAUSES, QueryTooBroad } from '../../app/ports/index.js';
import type { BulkCreateResult, ImportRow, MeasureLead, MeasureQuery, MeasureRepository, Page, PageRequest, Stored } from '../../app/ports/index.js';
import { type CalendarDate, type Measure, addDays } from '../../domain/index.js';
import { type GraphClient, GraphRequestError, type ODataFilter, where } from '../graph/index.js';
import type { Fields } from '../mapping/fields.js';
import { MEASURE_COLUMNS, measureFromFields, measureToFields } from '../mapping/measure.js';
import { DEFAULT_PAGE_SIZE, isListViewThreshold } from './deviation-repository.js';
import type { ListDirectory } from './list-directory.js';
import { type ItemQuery, readAll } from './list-query.js';
import { patchMany } from './patch-many.js';
import { RecordList, type RecordListOptions } from './record-list.js';
import type { UnitSectors } from './unit-sectors.js';

/** A unit's open and in-progress measures, earliest deadline first: UnitId, Status and Deadline are indexed. */
export function openMeasuresQuery(unitId: string, pageSize = DEFAULT_PAGE_SIZE): Omit<ItemQuery, 'list' | 'columns'> {
  return {
    filter: where.and(where.eq('UnitId', unitId), where.in('Status', ['open', 'inProgress'])),
    orderBy: [['Deadline', 'asc']],
    top: pageSize,
  };
}

/**
 * The instant to compare a date-only column with for "deadline before `date`". SharePoint keeps a date-only value at
 * midnight in the site's zone, which Graph gives in UTC: 22:00 or 23:00 UTC the day before on an Oslo site, 00:00 UTC on
 * a UTC site (and in the emulator). Noon UTC of the day before `date` lies after every stored form of the earlier
 * dates and before every stored form of `date` itself, so the one filter is right on either kind of site.
 */
export function beforeDateLiteral(date: CalendarDate): Date {
  return new Date(`${addDays(date, -1)}T12:00:00Z`);
}

/**
 * The `$filter` and `$orderby` of an action-list query, every column indexed (lists.ts). SharePoint starts from the
 * first condition, and on a list of more than 5,000 items refuses a query whose first condition selects more than that
 * (src/app/case-work/query-plan-measures.ts): the usual order is a person's own, the scope, the unit filter, statuses,
 * source and deadline; `lead` moves one of them first, and a `window` of Deadline goes before them all.
 */
export function actionListQuery(q: MeasureQuery, pageSize = DEFAULT_PAGE_SIZE): Omit<ItemQuery, 'list' | 'columns'> {
  const clauses: [MeasureLead, ODataFilter][] = [];
  if (q.ownerId !== undefined) clauses.push(['owner', where.eq('OwnerId', q.ownerId)]);
  if (q.scope.type === 'within') {
    const parts = [
      ...[...new Set(q.scope.sectorIds)].map((id) => where.eq('SectorId', id)),
      ...[...new Set(q.scope.unitIds)].map((id) => where.eq('UnitId', id)),
      ...(q.scope.ownerId !== undefined ? [where.eq('OwnerId', q.scope.ownerId)] : []),
    ];
    if (parts.length === 0) throw new RangeError('An empty scope matches nothing; do not query it.');
    if (parts.length > MAX_MEASURE_SCOPE_CLAUSES) throw new RangeError(`A scope may name at most ${MAX_MEASURE_SCOPE_CLAUSES} parts, not ${parts.length}.`);
    clauses.push(['scope', where.or(...parts)]);
  }
  if (q.within) {
    const parts = [...[...new Set(q.within.sectorIds)].map((id) => where.eq('SectorId', id)), ...[...new Set(q.within.unitIds)].map((id) => where.eq('UnitId', id))];
    if (parts.length === 0) throw new RangeError('An empty unit filter matches nothing; do not query it.');
    if (parts.length > MAX_MEASURE_SCOPE_CLAUSES) throw new RangeError(`A unit filter may name at most ${MAX_MEASURE_SCOPE_CLAUSES} parts, not ${parts.length}.`);
    clauses.push(['within', where.or(...parts)]);
  }
  if (q.statuses.length === 0) throw new RangeError('Ask for at least one status.');
  clauses.push(['statuses', where.in('Status', [...new Set(q.statuses)])]);
  if (q.source !== undefined) clauses.push(['source', where.eq('Source', q.source)]);
  if (q.deadlineBefore !== undefined) clauses.push(['deadline', where.lt('Deadline', beforeDateLiteral(q.deadlineBefore))]);
  const lead = q.lead === undefined ? -1 : clauses.findIndex(([name]) => name === q.lead);
  if (lead > 0) clauses.unshift(...clauses.splice(lead, 1));
  // "Deadline on or after `from`" is "not before `from`": the same literal serves both bounds.
  const window: ODataFilter[] = [];
  if (q.window?.from !== undefined) window.push(where.ge('Deadline', beforeDateLiteral(q.window.from)));
  if (q.window?.before !== undefined) window.push(where.lt('Deadline', beforeDateLiteral(q.window.before)));
  return { filter: where.and(...window, ...clauses.map(([, c]) => c)), orderBy: [['Deadline', 'asc']], top: pageSize };
}

export class SharePointMeasureRepository implements MeasureRepository {
  private readonly list: RecordList<Measure>;

  /** `sectors` gives the SectorId written beside each measure; without it SectorId stays empty (tests of other things). */
  constructor(
    private readonly client: GraphClient,
    directory: ListDirectory,
    options: RecordListOptions = {},
    private readonly sectors?: UnitSectors,
  ) {
    this.list = new RecordList(
      client,
      directory,
      'measures',
      { entity: 'Measure', columns: MEASURE_COLUMNS, toFields: (m) => this.toFields(m), fromFields: measureFromFields, idOf: (m) => m.id },
      options,
    );
  }

  /** Call `sectors.ensure` first on every write path: the mapping is synchronous. */
  private toFields(m: Measure): Fields {
    return measureToFields(m, { sectorId: this.sectors?.sectorOf(m.unitId) ?? null });
  }

  private async sectorsFor(unitIds: Iterable<string>): Promise<void> {
    await this.sectors?.ensure(unitIds);
  }

  async create(measure: Measure): Promise<Stored<Measure>> {
    await this.sectorsFor([measure.unitId]);
    return this.list.create(measure);
  }

  async createMany(rows: readonly ImportRow<Measure>[]): Promise<BulkCreateResult> {
    await this.sectorsFor(rows.map((r) => r.value.unitId));
    return this.list.createMany(rows);
  }

  get(id: string): Promise<Stored<Measure> | null> {
    return this.list.get(id);
  }

  async update(next: Measure, etag: string): Promise<Stored<Measure>> {
    await this.sectorsFor([next.unitId]);
    return this.list.update(next, etag);
  }

  listOpenForUnit(unitId: string, page: PageRequest = {}): Promise<Page<Stored<Measure>>> {
    return this.list.page(openMeasuresQuery(unitId, page.pageSize), page.continuation);
  }

  /** One request. A continuation from another query (or edited) is an InvalidContinuationError, never a 500. */
  async query(query: MeasureQuery, page: PageRequest = {}): Promise<Page<Stored<Measure>>> {
    if (query.scope.type === 'within' && query.scope.sectorIds.length + query.scope.unitIds.length === 0 && query.scope.ownerId === undefined) {
      return { items: [], continuation: null };
    }
    try {
      return await this.list.page(actionListQuery(query, page.pageSize), page.continuation);
    } catch (err) {
      // The store refuses a skip token that belongs to another query with a 400.
      if (page.continuation && err instanceof GraphRequestError && err.status === 400) throw new InvalidContinuationError();
      if (isListViewThreshold(err)) throw new QueryTooBroad();
      throw err;
    }
  }

  /**
   * Writes SectorId where a stored measure lacks it or it is out of date (measures written before the column existed,
   * or a unit moved to another sector). Reads every measure's two key columns, so it belongs at start-up or in a
   * maintenance run, not on a request. Returns how many measures were patched.
   */
  async backfillSectorIds(): Promise<number> {
    const list = await this.list.list();
    const items = await readAll(this.client, { list: list.path, columns: ['RecordId', 'UnitId', 'SectorId'], top: 5000 });
    await this.sectorsFor(items.map((raw) => String((raw.fields as Record<string, unknown> | undefined)?.UnitId ?? '')));
    const patches = [];
    for (const raw of items) {
      const f = (raw.fields ?? {}) as Record<string, unknown>;
      if (typeof raw.id !== 'string' || typeof f.UnitId !== 'string') continue;
      const sectorId = this.sectors?.sectorOf(f.UnitId) ?? null;
      if ((f.SectorId ?? null) === sectorId) continue;
      patches.push({ key: String(f.RecordId ?? raw.id), url: `${list.path}/items/${raw.id}/fields`, fields: { SectorId: sectorId } });
    }
    const failed = await patchMany(this.client, patches);
    if (failed.length > 0) throw new Error(`${failed.length} of ${patches.length} measures could not be brought up to date; run again.`);
    return patches.length;
  }
}

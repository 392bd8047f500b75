// The store of measures (tiltak): the one action list for measures from every source.
import type { CalendarDate, Measure, MeasureSource, MeasureStatus } from '../../domain/index.js';
import type { BulkCreateResult, ImportRow, Page, PageRequest, Stored } from './stored.js';

/**
 * Where an action-list query looks, in the store's terms (who may see what is the caller's job, src/domain/access.ts):
 * every measure, or those of whole sectors (by the sector written beside each measure), of single units, and those
 * one person owns wherever they are. The parts of 'within' are alternatives (OR).
 */
export type MeasureScope =
  | { readonly type: 'all' }
  | { readonly type: 'within'; readonly sectorIds: readonly string[]; readonly unitIds: readonly string[]; readonly ownerId?: string };

/** At most this many sectors, units and owners in one scope: each is a clause of the query, and a query's length is bounded. */
export const MAX_MEASURE_SCOPE_CLAUSES = 40;

/**
 * A condition of the action-list query that can go first (SharePoint starts from the first, and refuses one that
 * selects more than 5,000 items of a large list: see case-work/query-plan-measures.ts).
 */
export type MeasureLead = 'owner' | 'scope' | 'within' | 'statuses' | 'source' | 'deadline';

/** An action-list query: the parts are all required to match (AND). */
export interface MeasureQuery {
  readonly scope: MeasureScope;
  /** Narrows the scope further: measures of these sectors or units (a unit filter with everything below it). */
  readonly within?: { readonly sectorIds: readonly string[]; readonly unitIds: readonly string[] };
  /** At least one. */
  readonly statuses: readonly MeasureStatus[];
  readonly source?: MeasureSource['type'];
  readonly ownerId?: string;
  /** Only measures whose deadline is before this date (with active statuses: the overdue ones). */
  readonly deadlineBefore?: CalendarDate;
  /** The condition to start with when the usual first one selects too much of a large list; default the order above. */
  readonly lead?: MeasureLead;
  /** Only measures with a deadline in [from, before), written first: a window narrow enough to lead when no condition is. */
  readonly window?: { readonly from?: CalendarDate; readonly before?: CalendarDate };
}

export interface MeasureRepository {
  /** Stores a new measure. Idempotent on `measure.id`. */
  create(measure: Measure): Promise<Stored<Measure>>;
  createMany(rows: readonly ImportRow<Measure>[]): Promise<BulkCreateResult>;
  get(id: string): Promise<Stored<Measure> | null>;
  /** Saves `next` if the stored version is still `etag`; else throws ConcurrencyConflict. RecordNotFound if gone. */
  update(next: Measure, etag: string): Promise<Stored<Measure>>;
  /** Open and in-progress measures on the unit's action list, earliest deadline first. */
  listOpenForUnit(unitId: string, page?: PageRequest): Promise<Page<Stored<Measure>>>;
  /**
   * One page of the action list, earliest deadline first, as one request to the store (indexed columns only). A scope
   * of more than MAX_MEASURE_SCOPE_CLAUSES parts is refused (RangeError): the caller widens it to sectors. A query
   * SharePoint refuses under the list view threshold is a QueryTooBroad.
   */
  query(query: MeasureQuery, page?: PageRequest): Promise<Page<Stored<Measure>>>;
}

// The store of measures (tiltak): the one action list for measures from every source.
import type { Measure } from '../../domain/index.js';
import type { BulkCreateResult, ImportRow, Page, PageRequest, Stored } from './stored.js';

export interface MeasureRepository {
  /** Stores a new measure. Idempotent on `measure.id`. */
  create(measure: Measure): Promise<Stored<Measure>>;
  createMany(rows: readonly ImportRow<Measure>[]): Promise<BulkCreateResult>;
  get(id: string): Promise<Stored<Measure> | null>;
  /** Saves `next` if the stored version is still `etag`; else throws ConcurrencyConflict. RecordNotFound if gone. */
  update(next: Measure, etag: string): Promise<Stored<Measure>>;
  /** Open and in-progress measures on the unit's action list, earliest deadline first. */
  listOpenForUnit(unitId: string, page?: PageRequest): Promise<Page<Stored<Measure>>>;
}

// The store of deviations and the other reports that share their case handling, whistleblowing reports included.
import type { CaseNumber, CaseRoute, Deviation } from '../../domain/index.js';
import type { BulkCreateResult, ImportRow, Page, PageRequest, Stored } from './stored.js';

export interface DeviationCountFilter {
  /** Which store: 'ordinary' (default) or 'confidential' (whistleblowing reports). */
  readonly route?: CaseRoute;
  readonly unitId?: string;
}

/**
 * Whistleblowing reports ('confidential' route, `routeOf(kind)`) are written to and read from the
 * confidential store only; every other kind to the ordinary one. Reads of the confidential store are
 * asked for explicitly, so an ordinary lookup can never return a whistleblowing report.
 */
export interface DeviationRepository {
  /** Stores a new case. Idempotent on `deviation.id`. Throws DuplicateRecord if its case number is taken. */
  create(deviation: Deviation): Promise<Stored<Deviation>>;
  /** Bulk import: each row at most once, however often it is retried or re-run. */
  createMany(rows: readonly ImportRow<Deviation>[]): Promise<BulkCreateResult>;
  get(id: string, route?: CaseRoute): Promise<Stored<Deviation> | null>;
  /** The route follows from the number's prefix (VA- is confidential). */
  getByCaseNumber(caseNumber: CaseNumber): Promise<Stored<Deviation> | null>;
  /**
   * Saves `next` if the stored version is still `etag`; else throws ConcurrencyConflict. RecordNotFound
   * if gone (or if `next.kind` moved it to the other route: cases never move between stores).
   */
  update(next: Deviation, etag: string): Promise<Stored<Deviation>>;
  /**
   * The person's own reports in the route's store, newest first ("Mine meldinger"): an indexed query on
   * ReporterId. Callers still pass each case through the access policy before showing it.
   */
  listByReporter(personId: string, page?: PageRequest, route?: CaseRoute): Promise<Page<Stored<Deviation>>>;
  /** Cases of the unit not yet closed, newest report first (ordinary route only). */
  listOpenForUnit(unitId: string, page?: PageRequest): Promise<Page<Stored<Deviation>>>;
  count(filter?: DeviationCountFilter): Promise<number>;
}

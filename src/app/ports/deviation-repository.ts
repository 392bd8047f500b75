// The store of deviations and the other reports that share their case handling, whistleblowing reports included.
import type { CaseNumber, CaseRoute, CaseRow, CaseStatus, Deviation, DeviationKind, Instant, Severity } from '../../domain/index.js';
import type { BulkCreateResult, ImportRow, Page, PageRequest, Stored } from './stored.js';

export interface DeviationCountFilter {
  /** Which store: 'ordinary' (default) or 'confidential' (whistleblowing reports). */
  readonly route?: CaseRoute;
  readonly unitId?: string;
}

/**
 * Which cases a query covers, in the store's terms: every case, or the cases of whole sectors (by the
 * sector written beside each case) and of single units. Deciding who may see what is the caller's job
 * (src/domain/access.ts); this only says where to look.
 */
export type CaseScope =
  | { readonly type: 'all' }
  | { readonly type: 'within'; readonly sectorIds: readonly string[]; readonly unitIds: readonly string[] };

/** At most this many sectors and units in one scope: each is a clause of the query, and a query's length is bounded. */
export const MAX_SCOPE_CLAUSES = 25;

export type CaseSortKey = 'reportedAt' | 'severity' | 'status';

export interface CaseSort {
  readonly by: CaseSortKey;
  readonly direction: 'asc' | 'desc';
}

/** An inbox query: every part optional but the scope; several values of one filter match any of them. */
/** A condition of the inbox query that can go first (SharePoint starts from the first: see case-work/query-plan.ts). */
export type InboxLead = 'reporter' | 'handler' | 'scope' | 'kinds' | 'statuses' | 'severities' | 'period';

export interface DeviationQuery {
  /** Which store: 'ordinary' (default) or 'confidential'. */
  readonly route?: CaseRoute;
  readonly scope: CaseScope;
  readonly reporterId?: string;
  readonly handlerId?: string;
  readonly kinds?: readonly DeviationKind[];
  readonly statuses?: readonly CaseStatus[];
  readonly severities?: readonly Severity[];
  /** Reported at or after this instant. */
  readonly reportedFrom?: Instant;
  /** Reported before this instant. */
  readonly reportedBefore?: Instant;
  /** Default newest report first; ties (same severity or status) newest first. */
  readonly sort?: CaseSort;
  /** The condition to start with when the usual first one selects too much of a large list; default the order above. */
  readonly lead?: InboxLead;
  /** Only cases reported in [from, before), written first: a window narrow enough to lead when no condition is. */
  readonly window?: { readonly from?: Instant; readonly before?: Instant };
}

/** SharePoint refused the query: its first condition selects more than the list view threshold of a large list. */
export class QueryTooBroad extends Error {
  constructor() {
    super('The query selects more items than the list view threshold allows.');
    this.name = 'QueryTooBroad';
  }
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
  /**
   * One page of the cases the query matches, in its order, as one request to the store: only indexed
   * columns are filtered and sorted on. A scope of more than MAX_SCOPE_CLAUSES sectors and units is refused
   * (RangeError): the caller widens it to sectors. Callers pass each case through the access policy.
   */
  query(query: DeviationQuery, page?: PageRequest): Promise<Page<Stored<Deviation>>>;
  /** As `query`, each case's row only: what a list shows and the access policy judges, a fraction of the bytes. */
  queryRows(query: DeviationQuery, page?: PageRequest): Promise<Page<CaseRow>>;
  /** The cases with these ids (at most 100), in the route's store, in no particular order; ids not found are left out. */
  getMany(ids: readonly string[], route?: CaseRoute): Promise<Stored<Deviation>[]>;
  /** As `getMany`, each case's row only. */
  getManyRows(ids: readonly string[], route?: CaseRoute): Promise<CaseRow[]>;
}

// What every repository port shares: a stored record with its version, pages of records, bulk rows and their outcome.

/** A record as read from the store, with the version (ETag) an update must name to win. */
export interface Stored<T> {
  readonly value: T;
  /** Opaque; pass it back unchanged to `update`. */
  readonly etag: string;
}

/** Where a listing resumes: opaque tokens, valid only for the query that produced them. */
export interface PageRequest {
  /** Records per page (the store may cap it). */
  readonly pageSize?: number;
  /** The `continuation` of the previous page; none for the first page. */
  readonly continuation?: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Pass it back as `PageRequest.continuation` for the next page; null on the last page. */
  readonly continuation: string | null;
}

/**
 * One row of a bulk create. The import key is the row's idempotency key (e.g. `legacy:1234`,
 * `demo:deviation:42`): a second run of the same rows, or a retried row whose first attempt
 * landed unseen, finds the record already there instead of creating it twice.
 */
export interface ImportRow<T> {
  readonly importKey: string;
  readonly value: T;
}

export interface BulkFailure {
  readonly importKey: string;
  /** Safe to log: no field values. */
  readonly reason: string;
}

export interface BulkCreateResult {
  /** Rows this call created and saw created. */
  readonly created: number;
  /** Rows whose import key was already stored (an earlier run, or an attempt of this run whose answer was lost). */
  readonly alreadyPresent: number;
  /** Rows that could not be created; the rest are in the store exactly once. */
  readonly failed: readonly BulkFailure[];
}

// The read log (innsynslogg): who read the details of which case, and when. Whistleblowing reads stay in the confidential site.
import type { CaseRoute, Instant } from '../../domain/index.js';

export interface CaseRead {
  readonly caseId: string;
  /** Which store the case is in; its reads are logged beside it. */
  readonly route: CaseRoute;
  readonly readerId: string;
  readonly readAt: Instant;
}

export interface CaseReadLogStore {
  /**
   * Appends the reads (any number; the store sends them in batches) and returns those it could not save
   * (throttled past its retries, unreachable, or an answer lost on the way): the caller keeps them and tries
   * again, so a read may end up logged twice, never not at all.
   */
  append(reads: readonly CaseRead[]): Promise<readonly CaseRead[]>;
  /** Every logged read of the case, oldest first. */
  listForCase(caseId: string, route: CaseRoute): Promise<CaseRead[]>;
}

// A per-instance, delta-synced projection of every ordinary case: what counts, text search and the dashboard read
// instead of scanning SharePoint on each view. Whistleblowing reports are never in it.
import type { Instant } from '../../domain/index.js';
import type { CaseFacts } from './change-feed.js';

/** What the index keeps of a case: the fields filters, counts and charts need, and the text search looks in. */
export interface IndexedCase extends CaseFacts {
  /** Lower-cased case number and title: searchable by anyone who may see the case. */
  readonly publicText: string;
  /** Lower-cased description, location, immediate action: searchable only by those who may see the health details. */
  readonly detailText: string;
}

export interface CaseIndex {
  /** Resolves when the first full read is done; never rejects (a failed sync is retried on the next refresh). */
  readonly ready: Promise<void>;
  /** When the index was last in step with SharePoint; null before the first sync. */
  asOf(): Instant | null;
  /** Moves whenever a round changed anything: what is worked out from the index stays right while it stands still. */
  readonly version: number;
  /**
   * Brings the index up to date with one delta round if the last one is older than `maxAgeMs` (default: the index's
   * own interval). Concurrent callers share one round.
   */
  refresh(maxAgeMs?: number): Promise<void>;
  /** Every indexed case (a live view: do not hold on to it across awaits). */
  all(): Iterable<IndexedCase>;
  get(id: string): IndexedCase | undefined;
  /** Stops background syncing. */
  stop(): void;
}

// What changed in a store since a token: the feeds the per-instance indexes (cases, measures) keep in step with.
import type { CalendarDate, CaseStatus, DeviationKind, Instant, MeasureSource, MeasureStatus, Severity } from '../../domain/index.js';

/**
 * One stored record as a feed sees it. `itemId` is the store's own key: deletions name only that (Graph's delta says
 * which item went, not what it held). `value` is null for an item that exists but is not to be indexed (a
 * whistleblowing report written by hand into the ordinary list, a row that does not map): an index drops it.
 */
export interface FeedItem<T> {
  readonly itemId: string;
  readonly value: T | null;
}

export interface FeedRound<T> {
  /**
   * 'full': `changed` holds every item, and anything an index kept that is not in it is gone (the first round, or
   * the store refused the token and the feed started over). 'changes': only what changed since the token.
   */
  readonly kind: 'full' | 'changes';
  readonly changed: readonly FeedItem<T>[];
  readonly deletedItemIds: readonly string[];
  /** Pass it to the next call; opaque. */
  readonly token: string;
}

export interface ChangeFeed<T> {
  /** Everything (token null) or what changed since `token`. Rejects on a failed read: the caller keeps what it had. */
  changes(token: string | null): Promise<FeedRound<T>>;
}

/** An ordinary case's fields that filters, counts and charts need: what the feed brings and the index keeps alike. */
export interface CaseFacts {
  readonly id: string;
  readonly caseNumber: string;
  readonly kind: DeviationKind;
  readonly status: CaseStatus;
  readonly severity: Severity | null;
  readonly unitId: string;
  readonly reporterId: string;
  readonly handlerId: string | null;
  readonly reportedAt: Instant;
  readonly closedAt: Instant | null;
  readonly healthRelated: boolean;
}

/** What the case index is built from: an ordinary case's counted fields and the text the search looks in. */
export interface CaseSource extends CaseFacts {
  readonly title: string;
  readonly description: string;
  readonly location: string | null;
  readonly immediateAction: string | null;
}

/** Ordinary cases only: the quality site's list. Whistleblowing reports never come through it. */
export type DeviationFeed = ChangeFeed<CaseSource>;

/** What the measure index keeps: enough to count overdue measures per unit without asking the store. */
export interface MeasureFact {
  readonly id: string;
  readonly unitId: string;
  readonly source: MeasureSource['type'];
  readonly status: MeasureStatus;
  readonly deadline: CalendarDate;
  /** Who owns it: counted to plan action-list queries (absent from feeds that do not carry it). */
  readonly ownerId?: string;
}

export type MeasureFeed = ChangeFeed<MeasureFact>;

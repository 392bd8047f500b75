// The engine every per-instance index shares: an in-memory store kept in step with a change feed by a DeltaSync.
//
// An index is a store (how it keeps what the feed delivers: typed columns for cases and measures, records for risk)
// plus this: the first full read in the background, shared delta rounds, a timer while the index is in use, and the
// old data kept when a round fails. Subclasses add their reads and call `read()` so use keeps the timer going.
import type { ChangeFeed } from '../ports/index.js';
import { DeltaSync, type DeltaSyncOptions, type SyncTarget } from './delta-sync.js';

export class SyncedStore<T, S extends SyncTarget<T>> {
  protected readonly sync: DeltaSync<T>;

  constructor(
    name: string,
    feed: ChangeFeed<T>,
    protected readonly store: S,
    options: DeltaSyncOptions = {},
  ) {
    this.sync = new DeltaSync(name, feed, store, options);
  }

  /** Resolves when the first full read is done; never rejects. */
  get ready(): Promise<void> {
    return this.sync.ready;
  }

  /** Starts the first full read, and background rounds while the index is in use; returns at once. */
  start(): void {
    this.sync.start();
  }

  stop(): void {
    this.sync.stop();
  }

  /** When the index was last in step with the store; null before the first round. */
  asOf(): string | null {
    return this.sync.asOf();
  }

  /** One delta round if the data is older than `maxAgeMs` (default: the interval); concurrent callers share it. */
  refresh(maxAgeMs?: number): Promise<void> {
    return this.sync.refresh(maxAgeMs);
  }

  /** The store for a read; marks the index as in use. */
  protected read(): S {
    this.sync.markUsed();
    return this.store;
  }
}

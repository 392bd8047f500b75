// The CaseIndex port's implementation: a CaseStore kept in step with the deviation feed by a DeltaSync.
import type { CaseIndex, CaseSource, DeviationFeed, IndexedCase } from '../ports/index.js';
import { type CaseColumns, CaseStore } from './case-store.js';
import { DeltaSync, type DeltaSyncOptions } from './delta-sync.js';

export class SyncedCaseIndex implements CaseIndex {
  private readonly store = new CaseStore();
  private readonly sync: DeltaSync<CaseSource>;

  constructor(feed: DeviationFeed, options: DeltaSyncOptions = {}) {
    this.sync = new DeltaSync('caseIndex', feed, this.store, options);
  }

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

  asOf(): string | null {
    return this.sync.asOf();
  }

  refresh(maxAgeMs?: number): Promise<void> {
    return this.sync.refresh(maxAgeMs);
  }

  all(): Iterable<IndexedCase> {
    this.sync.markUsed();
    return this.store.all();
  }

  get(id: string): IndexedCase | undefined {
    this.sync.markUsed();
    return this.store.get(id);
  }

  /** How many cases it holds. */
  get size(): number {
    return this.store.size;
  }

  /** Bumps whenever a round changed anything: aggregates cached under it stay right until it moves. */
  get version(): number {
    return this.store.version;
  }

  /** The typed columns for whole-index passes (the dashboard). */
  columns(): CaseColumns {
    this.sync.markUsed();
    return this.store.columns();
  }
}

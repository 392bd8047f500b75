// The CaseIndex port's implementation: a CaseStore kept in step with the deviation feed (the shared SyncedStore engine).
import type { CaseIndex, CaseSource, DeviationFeed, IndexedCase } from '../ports/index.js';
import { type CaseColumns, CaseStore } from './case-store.js';
import type { DeltaSyncOptions } from './delta-sync.js';
import { SyncedStore } from './synced-store.js';

export class SyncedCaseIndex extends SyncedStore<CaseSource, CaseStore> implements CaseIndex {
  constructor(feed: DeviationFeed, options: DeltaSyncOptions = {}) {
    super('caseIndex', feed, new CaseStore(), options);
  }

  all(): Iterable<IndexedCase> {
    return this.read().all();
  }

  get(id: string): IndexedCase | undefined {
    return this.read().get(id);
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
    return this.read().columns();
  }
}

// Every read of a case's details is logged (who, when): written at once, beside the other reads of the view, and kept and retried until it is stored.
import type { CaseRead, CaseReadLogStore } from '../ports/index.js';

export interface ReadLogOptions {
  /** How long a failed write waits before it is tried again (default 5 s, doubling to a minute). */
  readonly retryMs?: number;
  /** Reads kept for retry at most (default 10,000): past that the oldest are dropped, and that is logged. */
  readonly maxPending?: number;
  /** Codes and counts only: never who read what. */
  readonly log?: (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;
}

/**
 * Why not only a batch on a timer: a read held in memory is lost with the process. So each read is written
 * while the view's other reads run (no added wait), and only what failed waits in memory for a retry; each
 * failure, each retry that still fails, and anything dropped at stop is logged with its count. A read may
 * be stored twice (a lost answer retried), never dropped without a trace.
 */
export class ReadLog {
  private pending: CaseRead[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private delay: number;
  private readonly baseDelay: number;
  private readonly maxPending: number;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly store: CaseReadLogStore,
    private readonly options: ReadLogOptions = {},
  ) {
    this.baseDelay = options.retryMs ?? 5000;
    this.delay = this.baseDelay;
    this.maxPending = options.maxPending ?? 10_000;
  }

  /** Logs one read. Never throws: what cannot be stored now is kept and tried again. */
  async record(read: CaseRead): Promise<void> {
    let failed: readonly CaseRead[];
    try {
      failed = await this.store.append([read]);
    } catch {
      failed = [read];
    }
    if (failed.length > 0) this.keep(failed);
  }

  /** Reads waiting for a retry. */
  get waiting(): number {
    return this.pending.length;
  }

  /** Tries the waiting reads now (the timer does this on its own). */
  flush(): Promise<void> {
    this.flushing ??= this.retry().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** A last try at shutdown; what still fails is reported as lost, with its count. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length > 0) await this.flush();
    if (this.pending.length > 0) this.options.log?.('caseWork.readLogLost', { reads: this.pending.length });
  }

  private keep(reads: readonly CaseRead[]): void {
    this.pending.push(...reads);
    const over = this.pending.length - this.maxPending;
    if (over > 0) {
      this.pending.splice(0, over);
      this.options.log?.('caseWork.readLogDropped', { reads: over });
    }
    this.options.log?.('caseWork.readLogDeferred', { reads: reads.length, waiting: this.pending.length });
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delay);
    this.timer.unref?.();
  }

  private async retry(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let failed: readonly CaseRead[];
    try {
      failed = await this.store.append(batch);
    } catch {
      failed = batch;
    }
    if (failed.length === 0) {
      this.delay = this.baseDelay;
      this.options.log?.('caseWork.readLogRecovered', { reads: batch.length });
      return;
    }
    this.delay = Math.min(this.delay * 2, 60_000);
    this.pending.unshift(...failed);
    this.options.log?.('caseWork.readLogStillFailing', { reads: failed.length });
    this.schedule();
  }
}

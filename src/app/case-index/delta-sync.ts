// Keeps an in-memory projection in step with a change feed: one round at a time, shared by everyone who asks, on a timer.
import type { ChangeFeed, FeedRound } from '../ports/index.js';

/** Codes and counts only: never a field value (they may be personal data). */
export type SyncLog = (event: string, detail: Record<string, string | number>) => void;

export interface DeltaSyncOptions {
  /** Background rounds this often, and the default age `refresh()` accepts. Default 30 s. */
  readonly intervalMs?: number;
  /**
   * Timed rounds run only while the index is in use: someone read it or asked for a refresh within this long (default
   * 10 minutes). An idle instance spends no requests on it, and nothing runs beside other work until the tab is used;
   * the first read after a quiet spell brings it up to date itself (one delta round).
   */
  readonly idleAfterMs?: number;
  /** After a failed round, callers of `refresh()` are not sent to the store again for this long (the data they get is the old one). Default 5 s. */
  readonly retryAfterFailureMs?: number;
  readonly now?: () => Date;
  readonly log?: SyncLog;
}

/** Where a round lands. `apply` is synchronous, so a reader never sees half a round. */
export interface SyncTarget<T> {
  apply(round: FeedRound<T>): void;
}

interface Round {
  readonly startedAt: number;
  readonly done: Promise<void>;
}

export class DeltaSync<T> {
  readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private token: string | null = null;
  /** When the last successful round started: its data is at least that fresh. */
  private syncedAt: number | null = null;
  /** syncedAt as ISO text, made once per round: every inbox page asks for it. */
  private syncedIso: string | null = null;
  private failedAt: number | null = null;
  private current: Round | null = null;
  private queued: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private usedAt: number | null = null;
  private readonly intervalMs: number;
  private readonly idleAfterMs: number;
  private readonly retryAfterFailureMs: number;
  private readonly now: () => Date;
  private readonly log: SyncLog;

  constructor(
    private readonly name: string,
    private readonly feed: ChangeFeed<T>,
    private readonly target: SyncTarget<T>,
    options: DeltaSyncOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 30_000;
    this.retryAfterFailureMs = options.retryAfterFailureMs ?? 5_000;
    this.idleAfterMs = options.idleAfterMs ?? 10 * 60_000;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => {});
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }

  asOf(): string | null {
    return this.syncedIso;
  }

  /**
   * Resolves once the data is no older than `maxAgeMs`: at once when it already is, else after a round that started
   * no earlier than that (joining one in flight when it qualifies, or one queued behind it). Never rejects: a failed
   * round keeps the old data and `asOf`, is logged, and callers are not sent to the store again for a few seconds.
   */
  refresh(maxAgeMs: number = this.intervalMs): Promise<void> {
    this.markUsed();
    return this.refreshFor(maxAgeMs);
  }

  /** Someone read the data: timed rounds keep it fresh for `idleAfterMs` from now. */
  markUsed(): void {
    this.usedAt = this.now().getTime();
  }

  private refreshFor(maxAgeMs: number): Promise<void> {
    const now = this.now().getTime();
    const oldest = now - Math.max(0, maxAgeMs);
    if (this.syncedAt !== null && this.syncedAt >= oldest) return Promise.resolve();
    if (this.current && this.current.startedAt >= oldest) return this.current.done;
    if (this.current) {
      // The round in flight started too early for this caller: one more round after it, shared by all who wait.
      this.queued ??= this.current.done.then(() => {
        this.queued = null;
        return this.syncedAt !== null && this.syncedAt >= oldest ? undefined : this.round();
      });
      return this.queued;
    }
    if (this.failedAt !== null && now - this.failedAt < this.retryAfterFailureMs && maxAgeMs > 0) return Promise.resolve();
    return this.round();
  }

  /** The first round now, then one every interval while the index is in use (the timer does not keep the process alive). */
  start(): void {
    if (this.timer) return;
    void this.refreshFor(0);
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref?.();
  }

  /** One timed round, unless nobody has used the index lately (or the last round is still young). */
  tick(): void {
    if (this.usedAt === null || this.now().getTime() - this.usedAt > this.idleAfterMs) return;
    void this.refreshFor(this.intervalMs / 2);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private round(): Promise<void> {
    const startedAt = this.now().getTime();
    const done = this.run(startedAt).finally(() => {
      if (this.current?.done === done) this.current = null;
    });
    this.current = { startedAt, done };
    return done;
  }

  private async run(startedAt: number): Promise<void> {
    const t0 = performance.now();
    try {
      const round = await this.feed.changes(this.token);
      this.target.apply(round);
      this.token = round.token;
      this.syncedAt = startedAt;
      this.syncedIso = new Date(startedAt).toISOString();
      this.failedAt = null;
      if (round.kind === 'full') {
        this.log(`${this.name}.fullRound`, { items: round.changed.length, ms: Math.round(performance.now() - t0) });
      }
      this.resolveReady();
    } catch (err) {
      this.failedAt = this.now().getTime();
      this.log(`${this.name}.roundFailed`, { error: err instanceof Error ? err.name : typeof err });
    }
  }
}

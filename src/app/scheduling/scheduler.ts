// Runs a job once a day at an Oslo wall-clock time, on one instance only, and never twice for the same date.
//
// Restart-safe by construction: nothing is kept in memory between ticks. Each tick asks the ScheduleLease for the
// hold (one instance at a time), reads the date of the last recorded run, runs the job when today's time has come and
// today is not recorded, and records the date before letting go. A process that starts after 08:00 on a day whose run
// is not recorded runs it at once (catch-up); a second instance, or this one after a restart, finds the date recorded.
// The clock is injected, so tests drive days, restarts and DST changes with a fake one.
import type { ScheduleLease } from '../ports/index.js';
import { type TimeOfDay, decide, formatTimeOfDay, nextRunAt, osloInstant } from './daily-schedule.js';
import { toOsloDate } from '../../domain/index.js';

export interface SchedulerClock {
  now(): Date;
  /** Resolves after `ms` (or at once when `signal` aborts). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: SchedulerClock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done() {
        signal.removeEventListener('abort', done);
        clearTimeout(timer);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    }),
};

export type TickOutcome =
  | { readonly type: 'notYet'; readonly next: Date }
  | { readonly type: 'ran'; readonly date: string }
  | { readonly type: 'alreadyDone'; readonly date: string; readonly next: Date }
  /** Another instance holds the lease (running the job, or checking it). */
  | { readonly type: 'busy' }
  | { readonly type: 'failed'; readonly date: string };

export interface DailySchedulerOptions {
  /** The job's name: the lease and the recorded date are per job. */
  readonly job: string;
  readonly time: TimeOfDay;
  readonly lease: ScheduleLease;
  readonly run: (now: Date) => Promise<void>;
  readonly clock?: SchedulerClock;
  /** How long a hold lasts without renewal (default 60 s; renewed every third of it while the job runs). */
  readonly leaseTtlMs?: number;
  /** After a failed run, the next try (the same day only; default 15 minutes). */
  readonly retryAfterFailureMs?: number;
  /** While another instance holds the lease, how soon to look again (default 60 s). */
  readonly busyRetryMs?: number;
  /** Longest single sleep: the schedule is re-read at least this often, so a jump of the wall clock is noticed (default 5 min). */
  readonly maxSleepMs?: number;
  /** Codes and dates only. */
  readonly log?: (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;
}

export class DailyScheduler {
  private readonly clock: SchedulerClock;
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: DailySchedulerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** One look at the schedule: runs the job if it is due here and now. What the loop calls; tests call it directly. */
  async tick(): Promise<TickOutcome> {
    const { job, time, lease } = this.options;
    const now = this.clock.now();
    const today = toOsloDate(now);
    if (now.getTime() < osloInstant(today, time).getTime()) return { type: 'notYet', next: nextRunAt(now, time) };
    const ttl = this.options.leaseTtlMs ?? 60_000;
    const hold = await lease.acquire(job, ttl);
    if (!hold) return { type: 'busy' };
    const renewing = setInterval(() => {
      hold.renew().then(
        (kept) => (kept ? undefined : this.log('scheduler.leaseLost', { job })),
        () => this.log('scheduler.leaseRenewFailed', { job }),
      );
    }, ttl / 3);
    renewing.unref?.();
    try {
      const decision = decide(now, time, await hold.lastRunDate());
      if (decision.action === 'wait') return { type: 'alreadyDone', date: today, next: decision.until };
      this.log('scheduler.runStarted', { job, date: decision.date, time: formatTimeOfDay(time) });
      try {
        await this.options.run(now);
      } catch (err) {
        this.log('scheduler.runFailed', { job, date: decision.date, error: err instanceof Error ? err.name : typeof err });
        return { type: 'failed', date: decision.date };
      }
      await hold.recordRun(decision.date);
      this.log('scheduler.runDone', { job, date: decision.date });
      return { type: 'ran', date: decision.date };
    } finally {
      clearInterval(renewing);
      await hold.release().catch(() => this.log('scheduler.releaseFailed', { job }));
    }
  }

  /** Starts the loop: a tick now (the catch-up), then one at each run time. Returns at once. */
  start(): void {
    if (this.loop) return;
    const abort = new AbortController();
    this.abort = abort;
    this.loop = this.run(abort.signal);
  }

  /** Stops the loop; resolves when a run in progress has ended. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = null;
    this.abort = null;
  }

  private async run(signal: AbortSignal): Promise<void> {
    const maxSleep = this.options.maxSleepMs ?? 5 * 60_000;
    while (!signal.aborted) {
      let wait: number;
      try {
        wait = this.waitAfter(await this.tick());
      } catch (err) {
        // The lease store could not be reached: look again soon.
        this.log('scheduler.tickFailed', { job: this.options.job, error: err instanceof Error ? err.name : typeof err });
        wait = this.options.busyRetryMs ?? 60_000;
      }
      await this.clock.sleep(Math.max(1_000, Math.min(wait, maxSleep)), signal);
    }
  }

  private waitAfter(outcome: TickOutcome): number {
    const now = this.clock.now();
    const untilNext = () => nextRunAt(now, this.options.time).getTime() - now.getTime();
    switch (outcome.type) {
      case 'notYet':
      case 'alreadyDone':
        return outcome.next.getTime() - now.getTime();
      case 'ran':
        return untilNext();
      case 'busy':
        return this.options.busyRetryMs ?? 60_000;
      case 'failed':
        // Tomorrow's run comes anyway; until then, try again in a while (decide() stops at midnight).
        return Math.min(this.options.retryAfterFailureMs ?? 15 * 60_000, untilNext());
    }
  }

  private log(event: string, details?: Readonly<Record<string, string | number | boolean>>): void {
    this.options.log?.(event, details);
  }
}

// Keeps the app's SharePoint resource-unit spending under its per-minute budget, in any sliding minute, while spending all of it.
//
// SharePoint refuses an app that spends more than its resource units per minute with 429
// activityLimitReached (the emulator enforces the same sliding window). Refusals cost time and count
// against the app, so the pacer admits a request only when the units it costs still fit:
//
//  - A log of admitted requests (units, time). A request is admitted when the units in the log
//    whose time is within the last window, plus its own, fit the budget. Requests wait in one FIFO
//    queue, so a 40-unit $batch is not starved by 1-unit reads behind it.
//  - A request in flight counts in full. When it ends, its log time moves to the end time: the server
//    charged it somewhere between send and answer, so the answer time is the latest the server can
//    have charged it, and a unit never leaves our window before it leaves the server's. That makes
//    the pacer exact without padding the window for latency; `marginMs` only covers clock granularity.
//  - Throttled answers keep their units: SharePoint counts throttled requests against the limits.
//  - Several instances of the app share one budget (architecture: stateless instances behind a load
//    balancer), which a local log cannot see. So the pacer also reads what the server says. From
//    80 % use SharePoint sends `RateLimit-Limit`/`-Remaining`/`-Reset`: the server's used units minus
//    our own in the window are spent by someone else, and until the reset our capacity shrinks by
//    that much (our own count is never lower than the server's for our requests, so the estimate
//    never over-blocks a lone instance). A 429 activityLimitReached pauses every request until its
//    Retry-After.
//
// A sliding window lets the app spend its whole budget at once and then wait, which is what "use the
// budget fully" means: 10,000 units at 2,500 a minute take just over three windows as 2-unit creates
// (3.1 min), just over four as 40-unit batches (62 fit a window, 20 units stay unused). Bursts stay
// bounded by the callers' own concurrency.
import { type Clock, systemClock } from './clock.js';

export interface PacerOptions {
  /** Resource units the app may spend per sliding minute; undefined or 0 paces only on the server's signals. */
  ruPerMinute?: number;
  /** The server's window; SharePoint's and the emulator's is one minute. */
  windowMs?: number;
  /** Added to the window before a unit counts as free again; covers timer and clock granularity. */
  marginMs?: number;
  clock?: Clock;
}

export interface PacerTicket {
  readonly units: number;
  /** Units in our window when this request was admitted, itself included. */
  readonly usedAtAdmission: number;
  /** Running total of admitted units just after this request's admission. */
  readonly admittedMark: number;
  /** Milliseconds the request waited for admission. */
  readonly waitedMs: number;
  /** Call once the request has ended, answered or not. */
  settle(): void;
}

export interface ServerSignal {
  status: number;
  /** `RateLimit-Limit`: the server's budget per window. */
  limit?: number;
  /** `RateLimit-Remaining`: units left in the server's window. */
  remaining?: number;
  /** `RateLimit-Reset`: seconds until the server frees units. */
  resetSeconds?: number;
  retryAfterSeconds?: number;
  /** The 429 was SharePoint's resource-unit refusal (activityLimitReached), not a transient one. */
  budgetRefusal?: boolean;
}

interface Entry {
  at: number;
  units: number;
  inFlight: boolean;
}

interface Waiter {
  units: number;
  since: number;
  resolve: (ticket: PacerTicket) => void;
}

export class ResourcePacer {
  readonly capacity: number;
  private readonly windowMs: number;
  private readonly marginMs: number;
  private readonly clock: Clock;
  private log: Entry[] = [];
  /** The sum of the log's units, and when its first settled entry leaves the window: asked per request, kept, not counted. */
  private logUnits = 0;
  private pruneAt = Infinity;
  private queue: Waiter[] = [];
  private pausedUntil = 0;
  /** The budget the server announced (RateLimit-Limit); kept, since an app's budget seldom changes. */
  private serverLimit = Infinity;
  /** The server's last word on the window, valid until its reset. */
  private hint: { limit?: number; foreign: number; remaining: number; mark: number; until: number } | undefined;
  private wakeAt = Infinity;
  private admittedUnits = 0;
  private waitedMs = 0;

  constructor(options: PacerOptions = {}) {
    this.capacity = options.ruPerMinute && options.ruPerMinute > 0 ? options.ruPerMinute : Infinity;
    this.windowMs = options.windowMs ?? 60_000;
    this.marginMs = options.marginMs ?? 250;
    this.clock = options.clock ?? systemClock;
  }

  /** Waits until `units` fit the budget, then charges them. */
  acquire(units: number): Promise<PacerTicket> {
    return new Promise((resolve) => {
      this.queue.push({ units, since: this.clock.now(), resolve });
      this.pump();
    });
  }

  /**
   * Takes in what an answer says about the server's view of the budget. The server counted at some
   * moment between our send and its answer; of our own units, it can have counted at most those in
   * our window when the request was admitted plus all admitted since (`ticket`), so the rest of its
   * count is someone else's. An answer that arrives late never makes us count our own units twice.
   */
  observe(signal: ServerSignal, ticket?: PacerTicket): void {
    const now = this.clock.now();
    if (signal.remaining !== undefined && Number.isFinite(signal.remaining)) {
      const until = now + Math.max(0, signal.resetSeconds ?? 1) * 1000;
      const limit = signal.limit !== undefined && Number.isFinite(signal.limit) && signal.limit > 0 ? signal.limit : undefined;
      if (limit !== undefined) this.serverLimit = limit;
      const mark = ticket?.admittedMark ?? this.admittedUnits;
      const ours = (ticket?.usedAtAdmission ?? this.used(now)) + (this.admittedUnits - mark);
      const foreign = limit === undefined ? 0 : Math.max(0, limit - signal.remaining - ours);
      this.hint = { limit, foreign, remaining: signal.remaining, mark, until };
    }
    if (signal.status === 429 && (signal.budgetRefusal || signal.remaining !== undefined)) {
      this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(1, signal.retryAfterSeconds ?? 1) * 1000);
    }
    this.pump();
  }

  /** Units in the current window (in flight included), and totals for metrics. */
  stats(): { inWindow: number; queued: number; admittedUnits: number; waitedMs: number } {
    return { inWindow: this.used(this.clock.now()), queued: this.queue.length, admittedUnits: this.admittedUnits, waitedMs: this.waitedMs };
  }

  private used(now: number): number {
    this.prune(now);
    return this.logUnits;
  }

  private pump(): void {
    const now = this.clock.now();
    while (this.queue.length > 0) {
      const head = this.queue[0] as Waiter;
      const wait = this.waitFor(head.units, now);
      if (wait > 0) {
        this.schedule(now + wait);
        return;
      }
      this.queue.shift();
      head.resolve(this.admit(head, now));
    }
  }

  /** 0 to admit now; otherwise how long until it may fit (Infinity: until a request in flight ends). */
  private waitFor(units: number, now: number): number {
    if (now < this.pausedUntil) return this.pausedUntil - now;
    if (this.hint && now >= this.hint.until) this.hint = undefined;
    const hint = this.hint;
    // Without the server's limit, all we know is what remains until its reset.
    if (hint && hint.limit === undefined && hint.remaining - (this.admittedUnits - hint.mark) < units) return hint.until - now;
    const capacity = Math.min(this.capacity, this.serverLimit) - (hint?.foreign ?? 0);
    if (capacity === Infinity) return 0;
    if (capacity <= 0) return Math.max(1, (hint?.until ?? now) - now);
    const used = this.used(now);
    // A request larger than the whole budget can never fit: it goes alone into an empty window.
    const need = Math.min(units, capacity);
    if (used + need <= capacity) return 0;
    const settled = this.log.filter((e) => !e.inFlight).sort((a, b) => a.at - b.at);
    let freed = 0;
    let wait = Infinity;
    for (const e of settled) {
      freed += e.units;
      if (used - freed + need <= capacity) {
        wait = Math.max(1, e.at + this.windowMs + this.marginMs - now);
        break;
      }
    }
    // When the server's word expires, the capacity it took away comes back: look again then.
    return hint ? Math.min(wait, Math.max(1, hint.until - now)) : wait;
  }

  private prune(now: number): void {
    if (now < this.pruneAt) return;
    const horizon = now - this.windowMs - this.marginMs;
    this.log = this.log.filter((e) => e.inFlight || e.at > horizon);
    this.logUnits = 0;
    this.pruneAt = Infinity;
    for (const e of this.log) {
      this.logUnits += e.units;
      if (!e.inFlight) this.pruneAt = Math.min(this.pruneAt, this.expiry(e));
    }
  }

  private expiry(e: Entry): number {
    return e.at + this.windowMs + this.marginMs;
  }

  private admit(waiter: Waiter, now: number): PacerTicket {
    const entry: Entry = { at: now, units: waiter.units, inFlight: true };
    this.log.push(entry);
    this.logUnits += waiter.units;
    this.admittedUnits += waiter.units;
    const usedAtAdmission = this.used(now);
    const admittedMark = this.admittedUnits;
    const waitedMs = now - waiter.since;
    this.waitedMs += waitedMs;
    let settled = false;
    return {
      units: waiter.units,
      usedAtAdmission,
      admittedMark,
      waitedMs,
      settle: () => {
        if (settled) return;
        settled = true;
        entry.inFlight = false;
        entry.at = this.clock.now();
        this.pruneAt = Math.min(this.pruneAt, this.expiry(entry));
        this.pump();
      },
    };
  }

  /** One timer at a time; an earlier wake replaces a later one (a stale timer only pumps once more). */
  private schedule(at: number): void {
    if (at === Infinity || at >= this.wakeAt) return;
    this.wakeAt = at;
    void this.clock.sleep(at - this.clock.now()).then(() => {
      if (this.wakeAt === at) this.wakeAt = Infinity;
      this.pump();
    });
  }
}

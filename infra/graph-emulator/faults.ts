// Fault injection and SharePoint's resource-unit budget: seeded, so a test can replay the same run.
import { prng } from './prng.js';
import { activityLimitReached, invalidRequest, serviceUnavailable, tooManyRequests, type GraphError } from './errors.js';

export interface FaultConfig {
  /** Share of requests answered 429 (0..1). */
  rate429: number;
  /** Share of requests answered 503 (0..1). */
  rate503: number;
  /** Share of requests whose connection is reset; half before the work is done, half after. */
  resetRate: number;
  /** Added latency per request in milliseconds. */
  latencyMs: number;
  /** Retry-After sent with injected 429/503, in seconds. */
  retryAfterSeconds: number;
  /** PRNG seed; the same seed and request order give the same faults. */
  seed: number;
  /** Resource units each app may spend per minute; 0 switches the budget off. */
  ruPerMinute: number;
  /** Delta tokens older than this are answered 410; 0 means they never expire. */
  deltaTokenMaxAgeSeconds: number;
}

export const DEFAULT_FAULTS: FaultConfig = {
  rate429: 0,
  rate503: 0,
  resetRate: 0,
  latencyMs: 0,
  retryAfterSeconds: 1,
  seed: 1,
  ruPerMinute: 0,
  deltaTokenMaxAgeSeconds: 0,
};

export function parseFaultConfig(body: Record<string, unknown>, current: FaultConfig): FaultConfig {
  const next: FaultConfig = { ...current };
  for (const [key, value] of Object.entries(body)) {
    if (!(key in DEFAULT_FAULTS)) throw invalidRequest(`Unknown fault setting '${key}'. Known: ${Object.keys(DEFAULT_FAULTS).join(', ')}.`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalidRequest(`Fault setting '${key}' must be a number ≥ 0.`);
    if (key.startsWith('rate') && value > 1) throw invalidRequest(`Fault setting '${key}' is a share between 0 and 1.`);
    next[key as keyof FaultConfig] = value;
  }
  if (next.rate429 + next.rate503 + next.resetRate > 1) throw invalidRequest('The fault rates together must not exceed 1.');
  return next;
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'error'; error: GraphError }
  | { kind: 'reset'; when: 'before' | 'after' };

const WINDOW_MS = 60_000;

export class Faults {
  private random: () => number;
  private spent = new Map<string, { at: number; units: number }[]>();

  constructor(public config: FaultConfig = DEFAULT_FAULTS) {
    this.random = prng(config.seed);
  }

  configure(config: FaultConfig): void {
    this.config = config;
    this.random = prng(config.seed);
    this.spent.clear();
  }

  /** Draws the fault for one request (or one request inside a $batch). */
  decide(): FaultDecision {
    const { rate429, rate503, resetRate, retryAfterSeconds } = this.config;
    if (rate429 + rate503 + resetRate === 0) return { kind: 'none' };
    const r = this.random();
    if (r < rate429) return { kind: 'error', error: tooManyRequests(retryAfterSeconds) };
    if (r < rate429 + rate503) return { kind: 'error', error: serviceUnavailable(retryAfterSeconds) };
    if (r < rate429 + rate503 + resetRate) return { kind: 'reset', when: this.random() < 0.5 ? 'before' : 'after' };
    return { kind: 'none' };
  }

  /**
   * Charges resource units to an app within a sliding minute; refuses with 429 and the seconds
   * until enough units free up. Like SharePoint, sends RateLimit-* headers from 80 % use.
   */
  charge(appId: string, units: number, now = Date.now()): Record<string, string> {
    const budget = this.config.ruPerMinute;
    if (budget <= 0) return {};
    const window = (this.spent.get(appId) ?? []).filter((e) => now - e.at < WINDOW_MS);
    const used = window.reduce((s, e) => s + e.units, 0);
    if (used + units > budget) {
      // Wait until the oldest spends drop out of the window far enough to fit this request.
      let freed = 0;
      let until = now + 1000;
      for (const e of window) {
        freed += e.units;
        until = e.at + WINDOW_MS;
        if (used - freed + units <= budget) break;
      }
      this.spent.set(appId, window);
      const retryAfter = Math.max(1, Math.ceil((until - now) / 1000));
      throw activityLimitReached(retryAfter, rateLimitHeaders(budget, used, retryAfter));
    }
    window.push({ at: now, units });
    this.spent.set(appId, window);
    const after = used + units;
    if (after < 0.8 * budget) return {};
    const reset = Math.max(1, Math.ceil((WINDOW_MS - (now - (window[0]?.at ?? now))) / 1000));
    return rateLimitHeaders(budget, after, reset);
  }
}

function rateLimitHeaders(limit: number, used: number, resetSeconds: number): Record<string, string> {
  return {
    'RateLimit-Limit': String(limit),
    'RateLimit-Remaining': String(Math.max(0, limit - used)),
    'RateLimit-Reset': String(resetSeconds),
  };
}

// Time as the Graph adapter sees it: injectable, so the pacer and the backoffs can be tested without waiting.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries from many
 * callers spread out yet none comes back at once. Attempt 0 is the first retry.
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function jitteredBackoff(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, baseMs * 2 ** attempt);
  return step / 2 + random() * (step / 2);
}

// pacer.ts on virtual time: never over budget in any sliding minute, the budget fully used, the server's signals honoured.
import { describe, expect, it } from 'vitest';
import { ResourcePacer } from './pacer.js';
import { VirtualClock } from './virtual-clock.js';

/** The emulator's own check (faults.ts): a charge at t counts while now - t < 60 s. */
function maxInAnyWindow(charges: { at: number; units: number }[]): number {
  const sorted = [...charges].sort((a, b) => a.at - b.at);
  let max = 0;
  for (const c of sorted) {
    const sum = sorted.filter((e) => e.at <= c.at && c.at - e.at < 60_000).reduce((s, e) => s + e.units, 0);
    max = Math.max(max, sum);
  }
  return max;
}

/** Sends `count` requests of `units` each, `concurrency` at a time; the server charges halfway through `latencyMs`. */
async function simulate(pacer: ResourcePacer, clock: VirtualClock, count: number, units: number, concurrency: number, latencyMs: number) {
  const charges: { at: number; units: number }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const ticket = await pacer.acquire(units);
      await clock.sleep(latencyMs / 2);
      charges.push({ at: clock.now(), units });
      await clock.sleep(latencyMs / 2);
      ticket.settle();
    }
  };
  await clock.run(Promise.all(Array.from({ length: concurrency }, worker)));
  return { charges, elapsedMs: clock.now() };
}

describe('ResourcePacer', () => {
  it('sends 5,000 creates in $batch of 20 at 2,500 RU/min in under 5 minutes without exceeding any sliding minute', async () => {
    const clock = new VirtualClock();
    const pacer = new ResourcePacer({ ruPerMinute: 2500, clock });
    const { charges, elapsedMs } = await simulate(pacer, clock, 250, 40, 4, 300);
    expect(charges.reduce((s, c) => s + c.units, 0)).toBe(10_000);
    expect(maxInAnyWindow(charges)).toBeLessThanOrEqual(2500);
    // 62 batches (2,480 RU) fit a window; 250 need five windows: just over four minutes.
    expect(elapsedMs).toBeGreaterThan(4 * 60_000);
    expect(elapsedMs).toBeLessThan(5 * 60_000);
  });

  it('sends single creates (2 RU) at 2,500 RU/min in just over three windows, the budget used in full', async () => {
    const clock = new VirtualClock();
    const pacer = new ResourcePacer({ ruPerMinute: 2500, clock });
    const { charges, elapsedMs } = await simulate(pacer, clock, 5000, 2, 16, 40);
    expect(maxInAnyWindow(charges)).toBe(2500);
    expect(elapsedMs).toBeLessThan(4 * 60_000);
  });

  it('admits at once while the budget lasts, then waits for the oldest units to leave the window', async () => {
    const clock = new VirtualClock();
    const pacer = new ResourcePacer({ ruPerMinute: 60, marginMs: 0, clock });
    const { charges } = await simulate(pacer, clock, 50, 2, 1, 100);
    expect(maxInAnyWindow(charges)).toBeLessThanOrEqual(60);
    // 30 requests in the first window, the 31st one minute after the first one ended.
    expect(charges[29]?.at).toBeLessThan(5_000);
    expect(charges[30]?.at).toBeGreaterThanOrEqual(60_100);
    expect(pacer.stats().admittedUnits).toBe(100);
  });

  it('serves waiters in order, so a large request is not starved by small ones', async () => {
    const clock = new VirtualClock();
    const pacer = new ResourcePacer({ ruPerMinute: 10, clock });
    const order: string[] = [];
    const take = async (name: string, units: number) => {
      const t = await pacer.acquire(units);
      order.push(name);
      t.settle();
    };
    await clock.run(Promise.all([take('a', 8), take('big', 10), take('small1', 1), take('small2', 1)]));
    expect(order).toEqual(['a', 'big', 'small1', 'small2']);
  });

  it('lets a request larger than the budget through alone in an empty window', async () => {
    const clock = new VirtualClock();
    const pacer = new ResourcePacer({ ruPerMinute: 10, clock });
    const t1 = await pacer.acquire(4);
    t1.settle();
    const big = clock.run(pacer.acquire(40));
    const ticket = await big;
    expect(clock.now()).toBeGreaterThanOrEqual(60_000);
    ticket.settle();
  });

  it('counts a request in flight until it ends, then from its end', async () => {
    const clock = new VirtualClock();
    const pacer = new ResourcePacer({ ruPerMinute: 4, marginMs: 0, clock });
    const slow = await pacer.acquire(4);
    let admitted = false;
    const waiting = pacer.acquire(1).then((t) => {
      admitted = true;
      return t;
    });
    await clock.run(clock.sleep(120_000));
    expect(admitted).toBe(false);
    slow.settle(); // ended at 120 s: its units count until 180 s
    await clock.run(waiting);
    expect(clock.now()).toBe(180_000);
  });

  it('pauses everyone after a 429 activityLimitReached for its Retry-After', async () => {
    const clock = new VirtualClock();
    const pacer = new ResourcePacer({ ruPerMinute: 1000, clock });
    pacer.observe({ status: 429, budgetRefusal: true, retryAfterSeconds: 7 });
    await clock.run(pacer.acquire(1));
    expect(clock.now()).toBe(7000);
  });

  it("shrinks its budget by other instances' use, as RateLimit headers reveal it, until the reset", async () => {
    const clock = new VirtualClock();
    const pacer = new ResourcePacer({ ruPerMinute: 100, clock });
    (await pacer.acquire(20)).settle();
    // The server has 90 of 100 used, 20 of them ours: 70 are someone else's for the next 30 s.
    pacer.observe({ status: 200, limit: 100, remaining: 10, resetSeconds: 30 });
    (await pacer.acquire(10)).settle();
    await clock.run(pacer.acquire(10));
    expect(clock.now()).toBe(30_000);
  });

  it('without a configured budget, follows RateLimit-Remaining until the reset', async () => {
    const clock = new VirtualClock();
    const pacer = new ResourcePacer({ clock });
    pacer.observe({ status: 200, remaining: 3, resetSeconds: 12 });
    (await pacer.acquire(2)).settle();
    await clock.run(pacer.acquire(2));
    expect(clock.now()).toBe(12_000);
  });
});

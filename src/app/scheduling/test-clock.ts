// A fake clock and a scheduler over it, for the scheduler's tests here and the schedule files' in src/server.
import type { ScheduleLease } from '../ports/index.js';
import { DailyScheduler, type SchedulerClock } from './scheduler.js';

export const EIGHT = { hour: 8, minute: 0 };

/** A clock that only moves when told to; sleeping advances it (the loop's waits cost no real time). */
export function fakeClock(start: string) {
  let now = new Date(start).getTime();
  const sleeps: number[] = [];
  const clock: SchedulerClock & { set(iso: string): void; advance(ms: number): void; sleeps: number[] } = {
    now: () => new Date(now),
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (!signal.aborted) now += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
    set: (iso) => void (now = new Date(iso).getTime()),
    advance: (ms) => void (now += ms),
    sleeps,
  };
  return clock;
}

export function scheduler(clock: ReturnType<typeof fakeClock>, lease: ScheduleLease, runs: string[], fail = false) {
  return new DailyScheduler({
    job: 'daily-reminders',
    time: EIGHT,
    lease,
    clock,
    run: async (now) => {
      runs.push(now.toISOString());
      if (fail) throw new Error('Graph is down');
    },
  });
}


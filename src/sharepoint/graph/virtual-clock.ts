// A clock for tests whose time moves only when every task is waiting: a discrete-event run of async code.
import type { Clock } from './clock.js';

export class VirtualClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve }));
  }

  /** Runs `work` to its end: lets every ready task run, then jumps to the earliest timer, and again. */
  async run<T>(work: Promise<T>): Promise<T> {
    let finished = false;
    const done = work.finally(() => {
      finished = true;
    });
    done.catch(() => undefined);
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (finished) return done;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error('VirtualClock: every task waits and no timer is set (deadlock).');
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }
}

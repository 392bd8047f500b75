// The read log: each read written at once; what fails is kept, retried with backoff, and reported by count, never dropped silently.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseRead, CaseReadLogStore } from '../ports/index.js';
import { ReadLog } from './read-log.js';

const read = (n: number): CaseRead => ({ caseId: `c${n}`, route: 'ordinary', readerId: 'tl-a', readAt: `2026-03-02T09:00:0${n}.000Z` });

/** A store that fails while `down` is set (throwing, or handing reads back), and keeps what it took. */
function scriptedStore(mode: 'throw' | 'return' = 'return') {
  const stored: CaseRead[] = [];
  const state = { down: false };
  const store: CaseReadLogStore = {
    async append(reads) {
      if (state.down) {
        if (mode === 'throw') throw new Error('unreachable');
        return reads;
      }
      stored.push(...reads);
      return [];
    },
    async listForCase() {
      return [];
    },
  };
  return { store, stored, state };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ReadLog', () => {
  it('writes each read at once', async () => {
    const { store, stored } = scriptedStore();
    const log = new ReadLog(store);
    await log.record(read(1));
    expect(stored).toEqual([read(1)]);
    expect(log.waiting).toBe(0);
  });

  it.each(['throw', 'return'] as const)('keeps reads the store could not take (%s) and stores them on the retry, in order', async (mode) => {
    vi.useFakeTimers();
    const { store, stored, state } = scriptedStore(mode);
    const events: [string, unknown][] = [];
    const log = new ReadLog(store, { retryMs: 1000, log: (e, d) => events.push([e, d]) });
    state.down = true;
    await log.record(read(1));
    await log.record(read(2));
    expect(log.waiting).toBe(2);
    expect(events[0]).toEqual(['caseWork.readLogDeferred', { reads: 1, waiting: 1 }]);
    // Still down at the first retry: kept, and the wait doubles.
    await vi.advanceTimersByTimeAsync(1000);
    expect(log.waiting).toBe(2);
    expect(events.some(([e]) => e === 'caseWork.readLogStillFailing')).toBe(true);
    state.down = false;
    await vi.advanceTimersByTimeAsync(1999);
    expect(stored).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(stored).toEqual([read(1), read(2)]);
    expect(log.waiting).toBe(0);
    expect(events.at(-1)).toEqual(['caseWork.readLogRecovered', { reads: 2 }]);
  });

  it('at stop, one last try; what still fails is reported lost with its count (no ids, no names)', async () => {
    const { store, state } = scriptedStore();
    const events: [string, unknown][] = [];
    const log = new ReadLog(store, { retryMs: 60_000, log: (e, d) => events.push([e, d]) });
    state.down = true;
    await log.record(read(1));
    await log.stop();
    expect(events.at(-1)).toEqual(['caseWork.readLogLost', { reads: 1 }]);
  });

  it('past maxPending the oldest are dropped, and that is logged', async () => {
    const { store, state } = scriptedStore();
    const events: [string, unknown][] = [];
    const log = new ReadLog(store, { retryMs: 60_000, maxPending: 2, log: (e, d) => events.push([e, d]) });
    state.down = true;
    for (const n of [1, 2, 3]) await log.record(read(n));
    expect(log.waiting).toBe(2);
    expect(events).toContainEqual(['caseWork.readLogDropped', { reads: 1 }]);
    await log.stop();
  });
});

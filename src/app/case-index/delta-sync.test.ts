import { describe, expect, it } from 'vitest';
import type { CaseSource, ChangeFeed, FeedRound } from '../ports/index.js';
import { SyncedCaseIndex } from './case-index.js';
import { DeltaSync } from './delta-sync.js';
import { caseSource, changes, fullRound } from './test-support.js';

/** A feed whose rounds the test answers by hand, one call at a time. */
function manualFeed<T>() {
  const calls: { token: string | null; resolve: (r: FeedRound<T>) => void; reject: (e: Error) => void }[] = [];
  const feed: ChangeFeed<T> = {
    changes: (token) => new Promise((resolve, reject) => calls.push({ token, resolve, reject })),
  };
  return { feed, calls };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function clock(start = Date.parse('2026-03-02T09:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

describe('DeltaSync', () => {
  it('concurrent callers share one round; the token of a round is passed to the next', async () => {
    const { feed, calls } = manualFeed<number>();
    const applied: FeedRound<number>[] = [];
    const c = clock();
    const sync = new DeltaSync('test', feed, { apply: (r) => void applied.push(r) }, { now: c.now });
    const a = sync.refresh(0);
    const b = sync.refresh(0);
    const d = sync.refresh();
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(fullRound([1, 2], 'tok-1'));
    await Promise.all([a, b, d]);
    expect(applied).toHaveLength(1);
    expect(sync.asOf()).toBe('2026-03-02T09:00:00.000Z');

    // Fresh enough: no round at all.
    c.advance(1000);
    await sync.refresh(30_000);
    expect(calls).toHaveLength(1);

    const next = sync.refresh(0);
    expect(calls[1]?.token).toBe('tok-1');
    calls[1]?.resolve(changes([], [], 'tok-2'));
    await next;
    expect(sync.asOf()).toBe('2026-03-02T09:00:01.000Z');
  });

  it('a caller that needs data newer than the round in flight gets one more round after it, shared', async () => {
    const { feed, calls } = manualFeed<number>();
    const c = clock();
    const sync = new DeltaSync('test', feed, { apply: () => {} }, { now: c.now });
    const first = sync.refresh(0);
    c.advance(500); // a write happened here; the round in flight may not see it
    const second = sync.refresh(0);
    const third = sync.refresh(0);
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(fullRound([1]));
    await first;
    await tick();
    expect(calls).toHaveLength(2);
    calls[1]?.resolve(changes([]));
    await Promise.all([second, third]);
    expect(calls).toHaveLength(2);
    expect(sync.asOf()).toBe('2026-03-02T09:00:00.500Z');
  });

  it('a failed round keeps the old data and asOf, never rejects, and is logged by code only', async () => {
    const { feed, calls } = manualFeed<CaseSource>();
    const c = clock();
    const log: [string, Record<string, string | number>][] = [];
    const index = new SyncedCaseIndex(feed, { now: c.now, log: (e, d) => void log.push([e, d]) });
    const first = index.refresh(0);
    calls[0]?.resolve(fullRound([caseSource({ id: 'a' })]) );
    await first;
    await index.ready;
    const asOf = index.asOf();

    c.advance(60_000);
    const failing = index.refresh();
    calls[1]?.reject(Object.assign(new Error('Graph is down for Ola Nordmann'), { name: 'GraphNetworkError' }));
    await expect(failing).resolves.toBeUndefined();
    expect(index.get('a')).toBeDefined();
    expect(index.asOf()).toBe(asOf);
    expect(log).toContainEqual(['caseIndex.roundFailed', { error: 'GraphNetworkError' }]);
    expect(JSON.stringify(log)).not.toContain('Ola');

    // Callers right after a failure are not sent to SharePoint again (they get the old data) …
    await index.refresh();
    expect(calls).toHaveLength(2);
    // … but an explicit refresh(0), or the next timed round, tries again.
    const retry = index.refresh(0);
    expect(calls).toHaveLength(3);
    expect(calls[2]?.token).toBe('t1'); // the failed round's token was never taken
    calls[2]?.resolve(changes([{ itemId: 'i2', value: caseSource({ id: 'b' }) }]) );
    await retry;
    expect(index.get('b')).toBeDefined();
    expect(index.asOf()).not.toBe(asOf);
  });

  it('ready resolves with the first successful round, not with a failed one', async () => {
    const { feed, calls } = manualFeed<number>();
    const sync = new DeltaSync('test', feed, { apply: () => {} });
    let ready = false;
    void sync.ready.then(() => (ready = true));
    const a = sync.refresh(0);
    calls[0]?.reject(new Error('no'));
    await a;
    await tick();
    expect(ready).toBe(false);
    expect(sync.asOf()).toBeNull();
    const b = sync.refresh(0);
    calls[1]?.resolve(fullRound([]));
    await b;
    await tick();
    expect(ready).toBe(true);
  });

  it('start runs the first round at once, then one every interval while the index is in use; stop ends it', async () => {
    let rounds = 0;
    const sync = new DeltaSync<number>('test', { changes: async () => (rounds++, fullRound([])) }, { apply: () => {} }, { intervalMs: 20 });
    sync.start();
    await sync.ready;
    sync.markUsed();
    await new Promise((r) => setTimeout(r, 110));
    sync.stop();
    const after = rounds;
    expect(after).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 60));
    expect(rounds).toBe(after);
  });

  it('an index nobody reads spends no requests on timed rounds', async () => {
    let rounds = 0;
    const c = clock();
    const sync = new DeltaSync<number>('test', { changes: async () => (rounds++, fullRound([])) }, { apply: () => {} }, { intervalMs: 1000, idleAfterMs: 60_000, now: c.now });
    sync.start(); // the first round runs regardless: the index is warm when someone comes
    await sync.ready;
    expect(rounds).toBe(1);
    c.advance(1000);
    sync.tick();
    await tick();
    expect(rounds).toBe(1);
    sync.markUsed();
    c.advance(1000);
    sync.tick();
    await tick();
    expect(rounds).toBe(2);
    c.advance(61_000); // idle again
    sync.tick();
    await tick();
    expect(rounds).toBe(2);
    sync.stop();
  });
});

// The pacer against the emulator's resource-unit budget: ~100 RU at 60 RU/min with no 429, on a shared fake clock so it takes seconds.
// The emulator runs in this process and reads Date.now() for its sliding window; faking Date (and nothing
// else) gives the emulator and the pacer one virtual clock, which the pacer advances when it waits.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Clock, type GraphClient, createGraphClient, runBatch } from '../../src/sharepoint/graph/index.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

let em: TestEmulator;
let items: string;

interface Metrics {
  statuses: Record<string, number>;
  throttled: number;
  resourceUnits: { total: number };
}

const control = async (path: string, body?: unknown) => {
  const res = await fetch(`${em.url}/_emulator/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.status === 204 ? undefined : res.json();
};

/** Virtual time: Date moves only when the pacer sleeps. */
const fakeClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms) => {
    vi.setSystemTime(Date.now() + Math.max(0, ms));
    await new Promise((r) => setImmediate(r));
  },
};

const newClient = (ruPerMinute: number | undefined): GraphClient =>
  createGraphClient({ baseUrl: em.graphUrl, getToken: async () => 't', userAgent: { publisher: 'Test', version: '0' }, ruPerMinute, clock: fakeClock });

beforeAll(async () => {
  em = await startTestEmulator();
  const site = await em.newSite('/sites/pacer');
  const setup = newClient(undefined);
  const list = await setup.post<{ id: string }>(`/sites/${site}/lists`, { displayName: 'P', columns: [{ name: 'N', number: {}, indexed: true }] });
  items = `/sites/${site}/lists/${list.id}/items`;
  await setup.post(items, { fields: { N: 0 } });
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await em?.close();
});

describe('resource-unit pacer against the emulator budget', () => {
  it('spends ~100 RU at 60 RU/min without a single 429, using the first minute in full', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await control('faults', { reset: true, ruPerMinute: 60 });
    await control('metrics/reset', {});
    const c = newClient(60);
    const started = Date.now();
    // 20 single reads (1 RU), 20 creates (2 RU), 10 queries (2 RU): 80 RU one by one, four at a time…
    const work: (() => Promise<unknown>)[] = [
      ...Array.from({ length: 20 }, () => () => c.get(`${items}/1`)),
      ...Array.from({ length: 20 }, (_, i) => () => c.post(items, { fields: { N: i + 1 } })),
      ...Array.from({ length: 10 }, () => () => c.get(items, { query: { $top: 5 } })),
    ];
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < work.length) await (work[next++] as () => Promise<unknown>)();
      }),
    );
    // …and 10 creates in one $batch (20 RU), charged part by part.
    const batch = await runBatch(c, Array.from({ length: 10 }, (_, i) => ({ method: 'POST' as const, url: items, body: { fields: { N: 100 + i } } })));
    expect(batch.every((r) => r.ok)).toBe(true);
    const elapsed = Date.now() - started;

    const m = (await control('metrics')) as Metrics;
    expect(m.resourceUnits.total).toBe(100);
    expect(m.statuses['429'] ?? 0).toBe(0);
    expect(m.throttled).toBe(0);
    // 100 RU at 60 a minute: the first 60 at once, the rest one window later — not earlier, hardly later.
    expect(elapsed).toBeGreaterThanOrEqual(60_000);
    expect(elapsed).toBeLessThan(62_000);
    expect(c.pacer.stats().admittedUnits).toBe(100);
  });

  it('without the pacer the same load is refused with 429 activityLimitReached (the test can fail)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await control('faults', { reset: true, ruPerMinute: 60 });
    await control('metrics/reset', {});
    const statuses = await Promise.all(Array.from({ length: 70 }, () => em.graph(`${items}/1`).then((r) => r.status)));
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });

  it('with no budget configured, learns the server limit from RateLimit headers and a refusal, and then stays under it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await control('faults', { reset: true, ruPerMinute: 60 });
    await control('metrics/reset', {});
    const c = newClient(undefined);
    // 48 RU brings the server to 80 %, from where it sends RateLimit-Limit/-Remaining/-Reset.
    for (let i = 0; i < 48; i++) await c.get(`${items}/1`);
    const started = Date.now();
    for (let i = 0; i < 30; i++) await c.get(`${items}/1`);
    const m = (await control('metrics')) as Metrics;
    expect(m.statuses['429'] ?? 0).toBe(0);
    expect(m.resourceUnits.total).toBe(78);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55_000);
  });
});

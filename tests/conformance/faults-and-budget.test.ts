// Conformance: injected 429/503 with Retry-After, seeded reproducibility, connection resets, the per-app resource-unit budget, metrics.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

let em: TestEmulator;
let siteId: string;
let items: string;

const faults = (body: Record<string, unknown>) => fetch(`${em.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify(body) });

beforeAll(async () => {
  em = await startTestEmulator();
  siteId = await em.newSite('/sites/faults');
  const list = (await (await em.graph(`/sites/${siteId}/lists`, { method: 'POST', json: { displayName: 'F' } })).json()) as { id: string };
  items = `/sites/${siteId}/lists/${list.id}/items`;
});

beforeEach(async () => {
  await faults({ reset: true });
});

afterAll(async () => {
  await em.close();
});

async function statuses(n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await em.graph(`/sites/${siteId}`)).status);
  return out;
}

describe('injected faults', () => {
  it('429 and 503 come at the configured rates with Retry-After and Graph error bodies', async () => {
    await faults({ rate429: 0.2, rate503: 0.1, retryAfterSeconds: 3, seed: 42 });
    const seen = await statuses(400);
    const share = (s: number) => seen.filter((x) => x === s).length / seen.length;
    expect(share(429)).toBeGreaterThan(0.13);
    expect(share(429)).toBeLessThan(0.27);
    expect(share(503)).toBeGreaterThan(0.05);
    expect(share(503)).toBeLessThan(0.15);
    let res: Response;
    do res = await em.graph(`/sites/${siteId}`);
    while (res.status !== 429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
  });

  it('the same seed reproduces the same sequence of faults', async () => {
    await faults({ rate429: 0.3, seed: 9 });
    const a = await statuses(50);
    await faults({ rate429: 0.3, seed: 9 });
    const b = await statuses(50);
    expect(a).toEqual(b);
    expect(a).toContain(429);
  });

  it('a connection reset ends the request without an answer; a reset after the work still stores the write', async () => {
    await faults({ resetRate: 1, seed: 3 });
    let failures = 0;
    for (let i = 0; i < 10; i++) {
      await em.graph(items, { method: 'POST', json: { fields: { Title: `reset ${i}` } } }).catch(() => failures++);
    }
    await faults({ reset: true });
    expect(failures).toBe(10);
    const stored = (await (await em.graph(items)).json()) as { value: unknown[] };
    // Half the resets (by the seeded draw) happen after the write landed.
    expect(stored.value.length).toBeGreaterThan(0);
    expect(stored.value.length).toBeLessThan(10);
  });

  it('added latency delays every Graph answer', async () => {
    await faults({ latencyMs: 120 });
    const t = performance.now();
    await em.graph(`/sites/${siteId}`);
    expect(performance.now() - t).toBeGreaterThanOrEqual(110);
  });

  it('bad fault settings answer 400', async () => {
    expect((await faults({ rate429: 2 })).status).toBe(400);
    expect((await faults({ nonsense: 1 })).status).toBe(400);
    expect((await faults({ rate429: 0.6, rate503: 0.6 })).status).toBe(400);
  });
});

describe('resource-unit budget', () => {
  it('charges 2 units per write and 1 per single read, refuses past the budget with 429 activityLimitReached and Retry-After, and sends RateLimit headers from 80 %', async () => {
    await fetch(`${em.url}/_emulator/metrics/reset`, { method: 'POST' });
    await faults({ ruPerMinute: 20 });
    const first = await em.graph(items, { method: 'POST', json: { fields: { Title: 'a' } } });
    expect(first.status).toBe(201);
    expect(first.headers.get('ratelimit-limit')).toBeNull();
    for (let i = 0; i < 7; i++) expect((await em.graph(items, { method: 'POST', json: { fields: { Title: `b${i}` } } })).status).toBe(201);
    const near = await em.graph(`${items}/1`);
    expect(near.status).toBe(200);
    expect(near.headers.get('ratelimit-limit')).toBe('20');
    expect(near.headers.get('ratelimit-remaining')).toBe('3');
    await em.graph(`${items}/1`);
    await em.graph(`${items}/1`);
    await em.graph(`${items}/1`);
    const refused = await em.graph(`${items}/1`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('activityLimitReached');
    const metrics = (await (await fetch(`${em.url}/_emulator/metrics`)).json()) as {
      resourceUnits: { total: number };
      requests: { byRoute: Record<string, number> };
    };
    expect(metrics.resourceUnits.total).toBe(8 * 2 + 4 * 1);
    expect(metrics.requests.byRoute['POST /sites/:site/lists/:list/items']).toBe(8);
    expect(metrics.requests.byRoute['GET /sites/:site/lists/:list/items/:item']).toBe(5);
  });
});

// $batch over real HTTP: chunks of 20, results in input order, throttled parts retried (none lost, none doubled), lost batches handled by idempotency.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type BatchRequest,
  GraphConflictError,
  GraphNotFoundError,
  GraphUnknownOutcome,
  collectAll,
  createGraphClient,
  runBatch,
} from '../../src/sharepoint/graph/index.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

let em: TestEmulator;
let siteId: string;

interface Metrics {
  requests: { byRoute: Record<string, number> };
  statuses: Record<string, number>;
}

const control = async (path: string, body?: unknown) => {
  const res = await fetch(`${em.url}/_emulator/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.status === 204 ? undefined : res.json();
};

const client = () => createGraphClient({ baseUrl: em.graphUrl, getToken: async () => 't', userAgent: { publisher: 'Test', version: '0' }, connectionRetryBaseMs: 10 });

async function newList(name: string): Promise<string> {
  const list = await client().post<{ id: string }>(`/sites/${siteId}/lists`, { displayName: name, columns: [{ name: 'Key', text: {}, indexed: true }] });
  return `/sites/${siteId}/lists/${list.id}/items`;
}

interface Item {
  id: string;
  '@odata.etag'?: string;
  fields?: { Key?: string };
}

beforeAll(async () => {
  em = await startTestEmulator();
  siteId = await em.newSite('/sites/batch');
});

beforeEach(async () => {
  await control('faults', { reset: true });
  await control('metrics/reset', {});
});

afterAll(async () => {
  await em?.close();
});

describe('runBatch', () => {
  it('creates 45 items in 3 batches with 20 % of parts refused (429/503): all 45 land, none twice, results in input order', async () => {
    const items = await newList('B45');
    await control('faults', { rate429: 0.1, rate503: 0.1, retryAfterSeconds: 1, seed: 2024 });
    const retries: { parts: number; delayMs: number }[] = [];
    const requests: BatchRequest[] = Array.from({ length: 45 }, (_, i) => ({ method: 'POST', url: items, body: { fields: { Key: `k${i}` } } }));
    const started = performance.now();
    const results = await runBatch<Item>(client(), requests, { onRetry: (r) => retries.push(r) });
    const elapsed = performance.now() - started;
    await control('faults', { reset: true });

    expect(results).toHaveLength(45);
    expect(results.every((r) => r.ok && r.status === 201)).toBe(true);
    results.forEach((r, i) => expect(r.ok && r.body.fields?.Key).toBe(`k${i}`));
    // The faults really happened, and each retry waited at least the 1 s Retry-After.
    const m = (await control('metrics')) as Metrics;
    expect((m.statuses['429'] ?? 0) + (m.statuses['503'] ?? 0)).toBeGreaterThan(0);
    expect(retries.length).toBeGreaterThan(0);
    for (const r of retries) expect(r.delayMs).toBeGreaterThanOrEqual(1000);
    expect(m.requests.byRoute['POST /$batch']).toBeGreaterThanOrEqual(3);
    expect(elapsed).toBeGreaterThanOrEqual(1000);

    const stored = await collectAll<Item>(client(), { path: items, query: { $expand: 'fields($select=Key)', $top: 100 } });
    const keys = stored.map((s) => s.fields?.Key).sort();
    expect(keys).toEqual(requests.map((_, i) => `k${i}`).sort());
    expect(new Set(results.map((r) => (r.ok ? r.body.id : ''))).size).toBe(45);
  });

  it('reports per-part errors as typed errors without failing the rest', async () => {
    const items = await newList('BErr');
    const c = client();
    const a = await c.post<Item>(items, { fields: { Key: 'a' } });
    await c.patch(`${items}/${a.id}/fields`, { Key: 'a2' });
    const results = await runBatch(c, [
      { method: 'GET', url: `${items}/${a.id}` },
      { method: 'GET', url: `${items}/424242` },
      { method: 'PATCH', url: `${items}/${a.id}/fields`, ifMatch: a['@odata.etag'] as string, body: { Key: 'stale' } },
      { method: 'DELETE', url: `${items}/${a.id}` },
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 404, 412, 204]);
    expect(results[1]?.ok === false && results[1].error).toBeInstanceOf(GraphNotFoundError);
    expect(results[2]?.ok === false && results[2].error).toBeInstanceOf(GraphConflictError);
  });

  it('resends idempotent parts of a batch whose connection was lost', async () => {
    const items = await newList('BReset');
    const c = client();
    for (let i = 0; i < 3; i++) await c.post(items, { fields: { Key: `r${i}` } });
    await control('faults', { resetRate: 0.5, seed: 11 });
    const results = await runBatch<Item>(
      c,
      Array.from({ length: 30 }, (_, i) => ({ method: 'GET' as const, url: `${items}/${(i % 3) + 1}` })),
      { baseDelayMs: 10, maxPartRetries: 12, concurrency: 1 },
    );
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('reports the creates of a lost batch as GraphUnknownOutcome instead of sending them twice', async () => {
    const items = await newList('BLost');
    await control('faults', { resetRate: 1, seed: 5 });
    const results = await runBatch(client(), Array.from({ length: 25 }, (_, i) => ({ method: 'POST' as const, url: items, body: { fields: { Key: `u${i}` } } })));
    await control('faults', { reset: true });
    expect(results.every((r) => !r.ok && r.error instanceof GraphUnknownOutcome)).toBe(true);
    // Two batches (20 + 5) were sent once each; whether each landed is for the caller to look up.
    const stored = await collectAll<Item>(client(), { path: items, query: { $top: 100 } });
    expect([0, 5, 20, 25]).toContain(stored.length);
  });

  it('runs at most `concurrency` batches at once and keeps input order across chunks', async () => {
    const items = await newList('BConc');
    await control('faults', { latencyMs: 50 });
    const requests = Array.from({ length: 100 }, (_, i) => ({ method: 'POST' as const, url: items, body: { fields: { Key: String(i).padStart(3, '0') } } }));
    const started = performance.now();
    const results = await runBatch<Item>(client(), requests, { concurrency: 2 });
    const elapsed = performance.now() - started;
    expect(results.map((r) => (r.ok ? r.body.fields?.Key : 'x'))).toEqual(requests.map((r) => r.body.fields.Key));
    // Five batches, two at a time, each ≥ 50 ms of latency: at least three rounds.
    expect(elapsed).toBeGreaterThanOrEqual(150);
  });
});

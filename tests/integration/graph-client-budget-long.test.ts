// The budget target in real time: 5,000 creates at 2,500 RU/min against the emulator, no 429, under five minutes.
// Takes four to five minutes, so it runs only when GRAPH_PACER_LONG=1; the pacer's unit tests cover the same on virtual time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient, runBatch } from '../../src/sharepoint/graph/index.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

const LONG = process.env.GRAPH_PACER_LONG === '1';
let em: TestEmulator;

interface Metrics {
  statuses: Record<string, number>;
  resourceUnits: { total: number };
}

describe.skipIf(!LONG)('5,000 creates at 2,500 RU/min', () => {
  beforeAll(async () => {
    em = await startTestEmulator();
  });

  afterAll(async () => {
    await em?.close();
  });

  it('lands every item within five minutes without one refusal', { timeout: 420_000 }, async () => {
    const site = await em.newSite('/sites/budget');
    const setup = createGraphClient({ baseUrl: em.graphUrl, getToken: async () => 't', userAgent: 'NONISV|Test|Varde/0' });
    const list = await setup.post<{ id: string }>(`/sites/${site}/lists`, { displayName: 'Bulk' });
    const items = `/sites/${site}/lists/${list.id}/items`;
    await fetch(`${em.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ reset: true, ruPerMinute: 2500 }) });
    await fetch(`${em.url}/_emulator/metrics/reset`, { method: 'POST' });

    const c = createGraphClient({ baseUrl: em.graphUrl, getToken: async () => 't', userAgent: 'NONISV|Test|Varde/0', ruPerMinute: 2500 });
    const started = performance.now();
    const results = await runBatch(c, Array.from({ length: 5000 }, (_, i) => ({ method: 'POST' as const, url: items, body: { fields: { Title: `bulk ${i}` } } })));
    const minutes = (performance.now() - started) / 60_000;
    const m = (await (await fetch(`${em.url}/_emulator/metrics`)).json()) as Metrics;
    console.log(`5,000 creates in $batch of 20 at 2,500 RU/min: ${minutes.toFixed(2)} min, ${m.resourceUnits.total} RU, statuses ${JSON.stringify(m.statuses)}`);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(m.statuses['429'] ?? 0).toBe(0);
    expect(m.resourceUnits.total).toBe(10_000);
    expect(minutes).toBeLessThan(5);
  });
});

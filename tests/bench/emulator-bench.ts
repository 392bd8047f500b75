// Emulator benchmark: a 150,000-item list (three years of deviations in the largest municipality), indexed query latency, $batch throughput, memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './run.js';
import { percentile } from './stats.js';
import { memoryOf, spawnEmulator } from '../support/emulator-process.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 150_000);
const UNITS = 40;
const STATUSES = ['Ny', 'Mottatt', 'UnderAnalyse', 'TiltakBesluttet', 'Lukket'];

export async function emulatorBench(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'varde-bench-'));
  const { child, url } = await spawnEmulator(dataDir);
  const auth = { authorization: 'Bearer bench', 'content-type': 'application/json' };
  const graph = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${url}/v1.0${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
    if (res.status >= 400) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  try {
    const site = (await (
      await fetch(`${url}/_emulator/sites`, { method: 'POST', headers: auth, body: JSON.stringify({ path: '/sites/kvalitet' }) })
    ).json()) as { id: string };
    const list = await graph(`/sites/${site.id}/lists`, {
      method: 'POST',
      body: JSON.stringify({
        displayName: 'Avvik',
        columns: [
          { name: 'Status', choice: { choices: STATUSES }, indexed: true },
          { name: 'UnitId', number: {}, indexed: true },
          { name: 'OccurredAt', dateTime: {}, indexed: true },
          { name: 'Severity', number: {}, indexed: true },
          { name: 'CaseNumber', text: {}, indexed: true },
          { name: 'Description', text: { allowMultipleLines: true } },
        ],
      }),
    });
    const itemsPath = `/sites/${site.id}/lists/${list.id as string}/items`;
    const start = Date.UTC(2023, 10, 1);
    const fieldsFor = (n: number) => ({
      Title: `Avvik ${n}`,
      CaseNumber: `AV-${2023 + Math.floor(n / 50_000)}-${String(n).padStart(5, '0')}`,
      Status: STATUSES[Math.floor(n / UNITS) % STATUSES.length],
      UnitId: n % UNITS,
      Severity: 1 + (n % 5),
      OccurredAt: new Date(start + n * 630_000).toISOString(),
      Description: 'Beboer falt på badet i natt. Ble funnet av nattevakt, ingen synlige skader. '.repeat(3),
    });
    const batchOf = (from: number, count: number) =>
      JSON.stringify({
        requests: Array.from({ length: count }, (_, i) => ({
          id: String(i + 1),
          method: 'POST',
          url: itemsPath,
          headers: { 'Content-Type': 'application/json' },
          body: { fields: fieldsFor(from + i) },
        })),
      });
    const sendBatches = async (from: number, total: number, concurrency: number) => {
      let next = from;
      const end = from + total;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < end) {
            const at = next;
            next += 20;
            const res = (await graph('/$batch', { method: 'POST', body: batchOf(at, Math.min(20, end - at)) })) as { responses: { status: number }[] };
            if (res.responses.some((r) => r.status !== 201)) throw new Error('a batch create failed');
          }
        }),
      );
    };

    // 1,000 creates through $batch (50 batches of 20, four at a time as a client would).
    const t0 = performance.now();
    await sendBatches(0, 1000, 4);
    const batchMs = performance.now() - t0;
    console.log(`  1,000 creates via $batch: ${batchMs.toFixed(0)} ms`);

    const seedStart = performance.now();
    for (let at = 1000; at < ITEMS; at += 10_000) {
      await sendBatches(at, Math.min(10_000, ITEMS - at), 4);
      process.stdout.write(`\r  seeding ${Math.min(at + 10_000, ITEMS).toLocaleString('en')} / ${ITEMS.toLocaleString('en')}`);
    }
    const seedS = (performance.now() - seedStart) / 1000;
    console.log(`\n  seeded in ${seedS.toFixed(1)} s`);

    // First page of one unit's open cases, newest first: indexed $filter + $orderby, 100 items.
    const samples: number[] = [];
    for (let i = 0; i < 300; i++) {
      const filter = encodeURIComponent(`fields/UnitId eq ${i % UNITS} and fields/Status eq '${STATUSES[i % 3]}'`);
      const t = performance.now();
      const page = (await graph(`${itemsPath}?$expand=fields&$filter=${filter}&$orderby=fields/OccurredAt desc&$top=100`)) as { value: unknown[] };
      samples.push(performance.now() - t);
      if (page.value.length === 0) throw new Error(`expected a page of results, got ${JSON.stringify(page).slice(0, 300)} for ${filter}`);
    }
    const memory = memoryOf(child.pid as number);
    return [
      { name: `indexed $filter+$orderby first page of 100, p95 (${ITEMS.toLocaleString('en')} items)`, value: percentile(samples, 95), unit: 'ms', target: { op: '<=', value: 50 } },
      { name: 'same query, p50', value: percentile(samples, 50), unit: 'ms' },
      { name: '1,000 creates through $batch', value: batchMs, unit: 'ms', target: { op: '<=', value: 2000 } },
      { name: `seeding ${ITEMS.toLocaleString('en')} items through $batch`, value: seedS, unit: 's' },
      { name: 'emulator peak memory (VmHWM)', value: memory.peakMb, unit: 'MB', target: { op: '<=', value: 400 } },
    ];
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

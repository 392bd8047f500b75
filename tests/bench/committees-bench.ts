// Committees benchmark (issue 9): preparing the KUL agenda for the 60,000-employee demo from warm delta caches —
// target ≤ 10 Graph requests and ≤ 2 s per preparation.
//
// The emulator runs in its own process with the demo on disk (bench-demo.ts: 150,000 cases, their measures, every
// person), with the demo's committees added; the app is composed as `npm start` composes it and asked over HTTP, as the
// quality adviser, to propose the agenda of a new KUL meeting: standing items, serious deviations and the trend over the
// case index, overdue measures over the measure index plus the restanseliste's first page, risk, new procedures, and
// the items written in one $batch. "Warm" means the indexes are in step (their delta rounds are not counted: they run
// on their own timer whether anyone prepares an agenda or not) and the instance has read the committees and names once.
import { createHash } from 'node:crypto';
import { composeApp } from '../../src/server/compose.js';
import { readConfig } from '../../src/server/config.js';
import { startAppServer } from '../../src/server/serve.js';
import { openStack } from '../../src/server/stack.js';
import { generateMunicipality } from '../../src/demo/index.js';
import type { AgendaProposalResult, MeetingDetail } from '../../src/server/api/contract.js';
import { BENCH_EMPLOYEES, BENCH_NOW, openBenchDemo } from './bench-demo.js';
import type { BenchResult } from './run.js';
import { percentile } from './stats.js';

const RUNS = Number(process.env.BENCH_COMMITTEE_RUNS ?? 10);

export async function committeesBench(): Promise<BenchResult[]> {
  const demo = await openBenchDemo();
  const { url, site, personas } = demo;
  let server: { close(): Promise<void> } | undefined;
  let stopApp: (() => unknown) | undefined;
  let restoreFetch = () => {};
  try {
    // The demo's committees (KUL, KLG, every sector, unit and service): idempotent by import key on kept data.
    const generated = generateMunicipality({ seed: 2026, employees: BENCH_EMPLOYEES, years: 4, now: BENCH_NOW });
    // Every committee, the long-named services' too (their ids are made to fit the 64-character key columns).
    const present = new Set((await site.repos.committees.list()).map((c) => c.id));
    const missing = generated.committees.filter((c) => !present.has(c.id));
    const seeded = await site.repos.committees.createMany(missing.map((c) => ({ importKey: `bench:committee:${createHash('sha256').update(c.id).digest('base64url').slice(0, 40)}`, value: c })));
    if (seeded.failed.length > 0) throw new Error(`seeding committees failed: ${seeded.failed.length}: ${seeded.failed[0]?.reason}`);
    console.log(`  ${present.size + seeded.created} committees (${seeded.created} new)`);

    const config = readConfig({ GRAPH_BASE_URL: demo.graphUrl, PORT: '0' });
    const stack = await openStack(config);
    // BENCH_COMMITTEE_LOG=1 prints the app's events (codes only), to see what a failed preparation met.
    const composition = composeApp(config, stack, { personas, log: process.env.BENCH_COMMITTEE_LOG ? (event, details) => console.log(`  ${event} ${JSON.stringify(details ?? {})}`) : () => {}, now: () => BENCH_NOW });
    stopApp = () => composition.stop();
    await composition.ready;
    const running = await startAppServer(config, composition.app);
    server = running;
    const { caseIndex, measureIndex, riskIndex } = composition.api;
    await Promise.all([caseIndex.ready, measureIndex.ready, riskIndex.ready]);
    console.log(`  indexes: ${caseIndex.size.toLocaleString('en')} cases, ${measureIndex.size.toLocaleString('en')} measures`);

    const signIn = await fetch(`${running.url}/api/local/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'qualityAdviser' }) });
    if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
    const { token } = (await signIn.json()) as { token: string };
    const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${running.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const json = (await res.json()) as T;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const metrics = async () => ((await (await fetch(`${url}/_emulator/metrics`)).json()) as { requests: { total: number; byRoute: Record<string, number> } }).requests;
    const deltas = (r: { byRoute: Record<string, number> }) => Object.entries(r.byRoute).filter(([route]) => route.includes('delta')).reduce((n, [, v]) => n + v, 0);

    // HTTP requests the app sends to Graph (a $batch is one request; the emulator's metrics count its parts too):
    // counted at the app's fetch, which the Graph client calls for every request. Delta rounds are the indexes' own.
    let sent = 0;
    const realFetch = globalThis.fetch;
    globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      const target = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (target.startsWith(demo.graphUrl) && !target.includes('/delta')) sent++;
      return realFetch(input, init);
    }) as typeof fetch;
    restoreFetch = () => (globalThis.fetch = realFetch);

    const prepare = async (day: number) => {
      const meeting = await api<MeetingDetail>('POST', '/api/committees/committee-kul/meetings', { startsAt: new Date(BENCH_NOW.getTime() + day * 86_400_000).toISOString() });
      // In step before the measured call, as the background rounds keep them.
      await Promise.all([caseIndex.refresh(0), measureIndex.refresh(0), riskIndex.refresh(0)]);
      const before = await metrics();
      const sentBefore = sent;
      const t0 = performance.now();
      const result = await api<AgendaProposalResult>('POST', `/api/meetings/${meeting.id}/agenda/propose`, { etag: meeting.etag });
      const ms = performance.now() - t0;
      const http = sent - sentBefore;
      const after = await metrics();
      if (process.env.BENCH_COMMITTEE_ROUTES) console.log(Object.entries(after.byRoute).map(([k, v]) => [k, v - (before.byRoute[k] ?? 0)]).filter(([, v]) => v !== 0));
      return { ms, requests: http, operations: after.total - before.total - (deltas(after) - deltas(before)), items: result.meeting.items.length, kinds: [...new Set(result.meeting.items.map((i) => i.kind))] };
    };

    const first = await prepare(1);
    console.log(`  first preparation (cold caches: committees, names, libraries): ${first.ms.toFixed(0)} ms, ${first.requests} Graph requests (${first.operations} operations), ${first.items} items (${first.kinds.join(', ')})`);
    const runs: { ms: number; requests: number; operations: number; items: number }[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await prepare(2 + i));
    const times = runs.map((r) => r.ms);
    const requests = Math.max(...runs.map((r) => r.requests));
    const operations = Math.max(...runs.map((r) => r.operations));
    const items = runs[0]?.items ?? 0;
    console.log(`  warm: p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, at most ${requests} Graph requests (${operations} operations counting each part of a $batch), ${items} items`);
    return [
      {
        name: 'KUL agenda preparation, Graph requests (warm, max)',
        value: requests,
        unit: 'requests',
        target: { op: '<=', value: 10 },
        detail: `HTTP requests to Graph (a $batch is one); ${operations} operations counting each $batch part. ${RUNS} preparations of a new KUL meeting's agenda (${items} items) over HTTP; ${demo.setup}`,
      },
      { name: 'KUL agenda preparation, time (warm, p95)', value: percentile(times, 95), unit: 'ms', target: { op: '<=', value: 2000 }, detail: `p50 ${percentile(times, 50).toFixed(0)} ms; wall time of POST /api/meetings/:id/agenda/propose` },
      { name: 'KUL agenda preparation, first (cold caches)', value: first.ms, unit: 'ms', detail: `${first.requests} Graph requests` },
    ];
  } finally {
    restoreFetch();
    await stopApp?.();
    await server?.close();
    await demo.close();
  }
}

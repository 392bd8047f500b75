// Inbox benchmark (issue 6): the first page of GET /api/cases on the 60,000-employee demo, for a tjenesteleder, a
// virksomhetsleder, a kommunalsjef and a quality adviser, against the emulator's own time for the very Graph query
// the app sends for that page. Target: app p95 ≤ 1.2 × the emulator's p95 (app overhead ≤ 20 %), ≤ 2 Graph requests
// a page.
//
// Server time is timed inside this process at the HTTP server: from Node's 'request' event (headers read) to the
// response's 'finish' (the last byte handed to the socket), around the same request listener `npm start` serves with
// (@hono/node-server's). It holds everything the app does for a page: the token's validation, the viewer, the scope,
// the one Graph query and reading its answer, handler names, the counts over the case index, the JSON.
//
// The emulator's time: the app's query is captured as it leaves the app (its URL and headers, from a wrapped fetch,
// once per persona), then sent straight to the emulator by a bare client here, which reads and parses the answer as
// the app's Graph client does — the least any client of that query spends. App page and direct query alternate, the
// same number of each, so both see the same machine.
//
// The list holds more than SharePoint's list view threshold, and the emulator refuses a query whose first condition
// selects more than 5,000 items (src/app/case-work/query-plan.ts): the kommunalsjef's first page is the sector's
// newest cases within a window of ReportedAt that leads the query, the window worked out from the case index.
import { mkdirSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import type { PersonaKey } from '../../src/demo/index.js';
import type { CasePage } from '../../src/server/api/contract.js';
import { composeApp } from '../../src/server/compose.js';
import { readConfig } from '../../src/server/config.js';
import { openStack } from '../../src/server/stack.js';
import type { EmulatorMetrics } from '../support/varde-site.js';
import { BENCH_NOW, openBenchDemo } from './bench-demo.js';
import type { BenchResult } from './run.js';
import { percentile } from './stats.js';

const SAMPLES = Number(process.env.BENCH_INBOX_SAMPLES ?? 200);
/** BENCH_INBOX_CPU_PROFILE=<dir>: a CPU profile of this process (app, client and direct queries) per persona's samples. */
const PROFILE_DIR = process.env.BENCH_INBOX_CPU_PROFILE;
const WARMUP = 20;
const COUNTED_PAGES = 20;
const PAGE = '/api/cases?pageSize=50';
const TARGET_RATIO = 1.2;
const PERSONAS: readonly { key: PersonaKey; label: string }[] = [
  { key: 'serviceLeader', label: 'tjenesteleder' },
  { key: 'unitLeader', label: 'virksomhetsleder' },
  { key: 'sectorHead', label: 'kommunalsjef' },
  { key: 'qualityAdviser', label: 'kvalitetsrådgiver' },
];

interface TimedServer {
  url: string;
  /** The server time of the request sent with `x-bench-id: id` (ms), once its response has been written. */
  timing(id: string): Promise<number>;
  close(): Promise<void>;
}

/** The app behind Node's HTTP server and @hono/node-server's listener (as `npm start`), timed per request. */
async function serveTimed(app: Hono): Promise<TimedServer> {
  const listener = getRequestListener(app.fetch);
  const done = new Map<string, { resolve: (ms: number) => void; promise: Promise<number> }>();
  const slot = (id: string) => {
    let entry = done.get(id);
    if (!entry) {
      let resolve!: (ms: number) => void;
      const promise = new Promise<number>((r) => (resolve = r));
      entry = { resolve, promise };
      done.set(id, entry);
    }
    return entry;
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const id = req.headers['x-bench-id'];
    if (typeof id === 'string') res.once('finish', () => slot(id).resolve(performance.now() - started));
    void listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async timing(id) {
      const ms = await slot(id).promise;
      done.delete(id);
      return ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface Captured {
  url: string;
  headers: Record<string, string>;
}

/** Records the Graph requests the app sends (this process's fetch) while `work` runs. */
async function captureGraph(graphUrl: string, work: () => Promise<unknown>): Promise<Captured[]> {
  const original = globalThis.fetch;
  const seen: Captured[] = [];
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith(graphUrl)) seen.push({ url, headers: Object.fromEntries(new Headers(init?.headers).entries()) });
    return original(input, init);
  };
  try {
    await work();
  } finally {
    globalThis.fetch = original;
  }
  return seen;
}

async function startProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
    },
  };
}

export async function inboxBench(): Promise<BenchResult[]> {
  const demo = await openBenchDemo();
  let server: TimedServer | undefined;
  let stop: (() => Promise<void>) | undefined;
  try {
    const metrics = async () => (await (await fetch(`${demo.url}/_emulator/metrics`)).json()) as EmulatorMetrics;
    const resetMetrics = () => fetch(`${demo.url}/_emulator/metrics/reset`, { method: 'POST' });
    /** Graph requests of the app's reads: the index's background delta rounds left out. */
    const appRequests = (m: EmulatorMetrics) => Object.entries(m.requests.byRoute).filter(([route]) => !route.endsWith('/delta'));

    // ── The app as `npm start` composes it ─────────────────────────────────────────────────────────────────────
    const config = readConfig({ GRAPH_BASE_URL: demo.graphUrl, PORT: '0' });
    const stack = await openStack(config);
    const composition = composeApp(config, stack, { personas: demo.personas, log: () => {}, now: () => BENCH_NOW });
    stop = () => composition.stop();
    await composition.ready;
    server = await serveTimed(composition.app);
    const app = server;
    await Promise.all([composition.api.caseIndex.ready, composition.api.measureIndex.ready]);

    const tokens = new Map<PersonaKey, string>();
    for (const p of PERSONAS) {
      const res = await fetch(`${app.url}/api/local/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: p.key }) });
      if (res.status !== 200) throw new Error(`sign-in as ${p.key}: ${res.status} ${await res.text()}`);
      tokens.set(p.key, ((await res.json()) as { token: string }).token);
    }
    let nextId = 0;
    /** One first page as the persona: the server's time, and the page. */
    const page = async (key: PersonaKey) => {
      const id = `inbox-${++nextId}`;
      const res = await fetch(`${app.url}${PAGE}`, { headers: { authorization: `Bearer ${tokens.get(key) ?? ''}`, 'x-bench-id': id } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`inbox as ${key}: ${res.status} ${body.slice(0, 300)}`);
      return { ms: await app.timing(id), page: JSON.parse(body) as CasePage };
    };
    /** The captured query, straight to the emulator: until its answer is read and parsed. */
    const direct = async (q: Captured) => {
      const t = performance.now();
      const res = await fetch(q.url, { headers: q.headers });
      const body = (await res.json()) as { value?: unknown[] };
      const ms = performance.now() - t;
      if (res.status !== 200 || !Array.isArray(body.value)) throw new Error(`direct query: ${res.status}`);
      return { ms, items: body.value.length };
    };

    const rows: BenchResult[] = [];
    const perPersona: { label: string; app: number[]; emulator: number[]; ratio: number; requests: number; coldRequests: number; total: number | null; items: number; filter: string }[] = [];
    for (const p of PERSONAS) {
      // The first page after start: the names of the page's handlers are not kept yet.
      await resetMetrics();
      const first = await page(p.key);
      const coldRequests = appRequests(await metrics()).reduce((n, [, c]) => n + c, 0);
      for (let i = 0; i < WARMUP; i++) await page(p.key);

      // Graph requests per page, warm (what every later page costs).
      await resetMetrics();
      for (let i = 0; i < COUNTED_PAGES; i++) await page(p.key);
      const counted = appRequests(await metrics());
      const requests = counted.reduce((n, [, c]) => n + c, 0) / COUNTED_PAGES;

      // The query the app sends for the page, as it leaves the app.
      const captured = await captureGraph(demo.graphUrl, () => page(p.key));
      const items = captured.filter((c) => new URL(c.url).pathname.endsWith('/items'));
      if (items.length !== 1) throw new Error(`expected one items query for a warm page as ${p.key}, saw ${captured.map((c) => c.url).join(', ')}`);
      const query = items[0] as Captured;
      const check = await direct(query);
      if (check.items !== first.page.items.length) throw new Error(`the direct query gives ${check.items} items, the page ${first.page.items.length}`);

      // Interleaved: app page and direct query alternate, each first every other round.
      const profiler = PROFILE_DIR ? await startProfile() : null;
      const appMs: number[] = [];
      const emulatorMs: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        if (i % 2 === 0) {
          appMs.push((await page(p.key)).ms);
          emulatorMs.push((await direct(query)).ms);
        } else {
          emulatorMs.push((await direct(query)).ms);
          appMs.push((await page(p.key)).ms);
        }
      }
      if (profiler && PROFILE_DIR) await profiler.stop(join(PROFILE_DIR, `inbox-${p.key}.cpuprofile`));
      const ratio = percentile(appMs, 95) / percentile(emulatorMs, 95);
      const filter = decodeURIComponent(new URL(query.url).searchParams.get('$filter') ?? '(none)');
      perPersona.push({ label: p.label, app: appMs, emulator: emulatorMs, ratio, requests, coldRequests, total: first.page.counts?.total ?? null, items: first.page.items.length, filter });
      console.log(
        `  ${p.label}: app p95 ${percentile(appMs, 95).toFixed(2)} ms, emulator p95 ${percentile(emulatorMs, 95).toFixed(2)} ms → ${ratio.toFixed(2)}×; ${requests} Graph request(s) a page (${coldRequests} on the first); ${first.page.counts?.total ?? '?'} cases in scope`,
      );
    }

    const worst = perPersona.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    const fmt = (xs: number[], p: number) => `${percentile(xs, p).toFixed(2)} ms`;
    rows.push({
      name: 'inbox first page: app p95 / emulator p95 for the same query (worst persona)',
      value: worst.ratio,
      unit: '×',
      target: { op: '<=', value: TARGET_RATIO },
      detail:
        `server time from the request's arrival at Node's HTTP server to its response written (timed in process around @hono/node-server's listener), against the query the app sent (captured from its fetch) sent straight to the emulator and its answer parsed; ${SAMPLES} of each per persona, alternating. ` +
        perPersona.map((x) => `${x.label} ${x.ratio.toFixed(2)}× (p50 ${(percentile(x.app, 50) / percentile(x.emulator, 50)).toFixed(2)}×)`).join(', ') +
        `. ${demo.setup}`,
    });
    for (const x of perPersona) {
      rows.push({
        name: `inbox first page as ${x.label}: app server time p95`,
        value: percentile(x.app, 95),
        unit: 'ms',
        detail: `p50 ${fmt(x.app, 50)}; the emulator for the same query p95 ${fmt(x.emulator, 95)}, p50 ${fmt(x.emulator, 50)}; ${x.items} of ${x.total?.toLocaleString('en') ?? '?'} cases in scope; $filter ${x.filter}`,
      });
    }
    rows.push({
      name: 'Graph requests per inbox page (warm, every persona)',
      value: Math.max(...perPersona.map((x) => x.requests)),
      unit: 'requests',
      target: { op: '<=', value: 2 },
      detail: `${COUNTED_PAGES} pages each: ${perPersona.map((x) => `${x.label} ${x.requests}`).join(', ')}. The first page after start, handlers' names not yet kept: ${perPersona.map((x) => `${x.label} ${x.coldRequests}`).join(', ')}`,
    });
    return rows;
  } finally {
    await stop?.();
    await server?.close();
    await demo.close();
  }
}

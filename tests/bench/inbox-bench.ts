// Inbox benchmark (issue 6): the first page of GET /api/cases on the 60,000-employee demo, for a tjenesteleder, a
// virksomhetsleder, a kommunalsjef and a quality adviser, against the emulator's own time for the very Graph query
// the app sends for that page. Target: app p95 ≤ 1.2 × the emulator's p95 (app overhead ≤ 20 %), ≤ 2 Graph requests
// a page.
//
// Separate processes, as in production the browser, the app and SharePoint are separate parties: the emulator (its
// data on disk), the app (inbox-app.ts, composed as `npm start` composes it), the floor (below) and this one, the
// client.
//
// Server time is timed in the app's process at its HTTP server: from Node's 'request' event (headers read) to the
// response's 'finish' (the last byte handed to the socket), around the request listener `npm start` serves with
// (@hono/node-server's). It holds everything the app does for a page: the token's validation, the viewer, the scope,
// the one Graph query and reading its answer, handler names, the counts over the case index, the JSON.
//
// The emulator's time: the app's query is captured as it leaves the app (its URL and headers, from undici's
// diagnostics channel, once per persona), then sent straight to the emulator from here through the app's own
// transport (src/sharepoint/graph/transport.ts), its answer parsed as the app's Graph client parses it — the least
// any client of that query spends. App page and direct query alternate, the same number of each, so both see the
// same machine.
//
// The floor (inbox-floor.ts) is a bare server in the app's place, on the app's core: it takes the page's request,
// sends the same captured query, parses the answer and writes it back, and does nothing else. Its ratio is what this
// machine's extra hops and wake-ups cost any server before it does work of its own; what the app adds to the
// emulator's time beyond what the floor adds is the app's own work. It is sampled after the app, alternating with
// direct queries of its own as the app does.
//
// The list holds more than SharePoint's list view threshold, and the emulator refuses a query whose first condition
// selects more than 5,000 items (src/app/case-work/query-plan.ts): the kommunalsjef's first page is the sector's
// newest cases within a window of ReportedAt that leads the query, the window worked out from the case index.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import type { PersonaKey } from '../../src/demo/index.js';
import type { CasePage } from '../../src/server/api/contract.js';
import { undiciTransport } from '../../src/sharepoint/graph/transport.js';
import type { EmulatorMetrics } from '../support/varde-site.js';
import { openBenchDemo } from './bench-demo.js';
import { type BenchServer, type CapturedRequest, type GcSeen, startBenchServer } from './inbox-app-ipc.js';
import type { BenchResult } from './run.js';
import { percentile } from './stats.js';

const SAMPLES = Number(process.env.BENCH_INBOX_SAMPLES ?? 200);
/** BENCH_INBOX_CPU_PROFILE=<dir>: a CPU profile of the app's process per persona's samples. */
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

/**
 * The app's process (and the floor's, which waits while the app works) on a core of their own, the emulator and this
 * client on the others (Linux, `taskset`), as in production the app does not share its machine with SharePoint or the
 * browser: otherwise the client, woken by the app's answer, can take the app's core before the answer's write
 * completes. Says what was done, for the results.
 */
function pinApart(servers: number[], others: number[]): string {
  const count = CORES;
  if (count < 2) return 'one core: app, emulator and client share it';
  try {
    for (const pid of servers) execFileSync('taskset', ['-a', '-p', '-c', '0', String(pid)], { stdio: 'ignore' });
    for (const pid of others) execFileSync('taskset', ['-a', '-p', '-c', `1-${count - 1}`, String(pid)], { stdio: 'ignore' });
    return `the app's and the floor's processes on core 0 of ${count}, the emulator and the client on the other${count > 2 ? 's' : ''}`;
  } catch {
    return `${count} cores shared (no taskset)`;
  }
}

/** This process back on every core, for the suites after this one. */
function unpin(): void {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', `0-${CORES - 1}`, String(process.pid)], { stdio: 'ignore' });
  } catch {
    // No taskset: nothing was pinned.
  }
}

/** The cores this process may use before any pinning (availableParallelism follows the affinity). */
const CORES = availableParallelism();

const gcText = (g: GcSeen) => `${g.minor} scavenges (${g.minorMs.toFixed(0)} ms), ${g.major} other collections (${g.majorMs.toFixed(0)} ms)`;

export async function inboxBench(): Promise<BenchResult[]> {
  const demo = await openBenchDemo();
  let app: BenchServer | undefined;
  let floor: BenchServer | undefined;
  const agents: Agent[] = [];
  try {
    const metrics = async () => (await (await fetch(`${demo.url}/_emulator/metrics`)).json()) as EmulatorMetrics;
    const resetMetrics = () => fetch(`${demo.url}/_emulator/metrics/reset`, { method: 'POST' });
    /** Graph requests of the app's reads: the index's background delta rounds left out. */
    const appRequests = (m: EmulatorMetrics) => Object.entries(m.requests.byRoute).filter(([route]) => !route.endsWith('/delta'));

    const started = await startBenchServer('app', demo.graphUrl, demo.personas);
    app = started.server;
    const floorStarted = await startBenchServer('floor', demo.graphUrl, demo.personas);
    floor = floorStarted.server;
    const cores = pinApart([started.pid, floorStarted.pid], [demo.child.pid ?? 0, process.pid]);
    const appUrl = started.url;

    const tokens = new Map<PersonaKey, string>();
    for (const p of PERSONAS) {
      const res = await fetch(`${appUrl}/api/local/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: p.key }) });
      if (res.status !== 200) throw new Error(`sign-in as ${p.key}: ${res.status} ${await res.text()}`);
      tokens.set(p.key, ((await res.json()) as { token: string }).token);
    }
    let nextId = 0;
    // The tab's stand-in.
    const browser = new Agent();
    agents.push(browser);
    /** One first page as the persona: its id for the server's time, and the page (parsed when asked for). */
    const page = async (key: PersonaKey, read = false) => {
      const id = `inbox-${++nextId}`;
      const res = await browser.request({ origin: appUrl, path: PAGE, method: 'GET', headers: { authorization: `Bearer ${tokens.get(key) ?? ''}`, 'x-bench-id': id } });
      const body = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`inbox as ${key}: ${res.statusCode} ${body.slice(0, 300)}`);
      return { id, page: read ? (JSON.parse(body) as CasePage) : null };
    };
    /** One page from the floor (its current query): its id for the floor's time, and how many items it wrote. */
    const floorPage = async () => {
      const id = `floor-${++nextId}`;
      const res = await browser.request({ origin: floorStarted.url, path: PAGE, method: 'GET', headers: { 'x-bench-id': id } });
      const body = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`floor: ${res.statusCode} ${body.slice(0, 300)}`);
      return { id, items: (JSON.parse(body) as { items: unknown[] }).items.length };
    };
    /** The captured query, straight to the emulator through the app's own transport: until its answer is read and parsed. */
    const toEmulator = new Agent();
    agents.push(toEmulator);
    const send = undiciTransport(toEmulator);
    const direct = async (q: CapturedRequest) => {
      const t = performance.now();
      const answer = await send(q.url, { method: 'GET', headers: q.headers, body: undefined, timeoutMs: 100_000 });
      const body = JSON.parse(Buffer.from(answer.bytes ?? new ArrayBuffer(0)).toString('utf8')) as { value?: unknown[] };
      const ms = performance.now() - t;
      if (answer.status !== 200 || !Array.isArray(body.value)) throw new Error(`direct query: ${answer.status}`);
      return { ms, items: body.value.length };
    };

    const rows: BenchResult[] = [];
    const perPersona: { label: string; app: number[]; floor: number[]; floorEmulator: number[]; emulator: number[]; ratio: number; floorRatio: number; requests: number; coldRequests: number; total: number | null; items: number; filter: string; gc: GcSeen }[] = [];
    for (const p of PERSONAS) {
      // The first page after start: the names of the page's handlers are not kept yet.
      await resetMetrics();
      const first = await page(p.key, true);
      if (!first.page) throw new Error('the first page was not read');
      const coldRequests = appRequests(await metrics()).reduce((n, [, c]) => n + c, 0);
      for (let i = 0; i < WARMUP; i++) await page(p.key);

      // Graph requests per page, warm (what every later page costs).
      await resetMetrics();
      for (let i = 0; i < COUNTED_PAGES; i++) await page(p.key);
      const counted = appRequests(await metrics());
      const requests = counted.reduce((n, [, c]) => n + c, 0) / COUNTED_PAGES;

      // The query the app sends for the page, as it leaves the app.
      await app.call({ type: 'captureStart' }, 'ok');
      await page(p.key);
      const { requests: captured } = await app.call({ type: 'captureStop' }, 'captured');
      const items = captured.filter((c) => new URL(c.url).pathname.endsWith('/items'));
      if (items.length !== 1) throw new Error(`expected one items query for a warm page as ${p.key}, saw ${captured.map((c) => c.url).join(', ')}`);
      const query = items[0] as CapturedRequest;
      const check = await direct(query);
      if (check.items !== first.page.items.length) throw new Error(`the direct query gives ${check.items} items, the page ${first.page.items.length}`);
      await floor.call({ type: 'forward', request: query }, 'ok');
      for (let i = 0; i < WARMUP; i++) {
        const warm = await floorPage();
        if (warm.items !== check.items) throw new Error(`the floor gives ${warm.items} items, the direct query ${check.items}`);
      }

      // App page and direct query alternate, each first every other round; then the floor's pages and the direct query
      // the same way. Apart, because the floor's work on the app's core would leave the app's next page a colder core.
      const alternate = async (server: BenchServer, serverPage: () => Promise<{ id: string }>, profileFile?: string) => {
        await server.call({ type: 'sampleStart', ...(profileFile ? { profileFile } : {}) }, 'ok');
        const ids: string[] = [];
        const emulatorMs: number[] = [];
        for (let i = 0; i < SAMPLES; i++) {
          if (i % 2 === 0) ids.push((await serverPage()).id);
          emulatorMs.push((await direct(query)).ms);
          if (i % 2 === 1) ids.push((await serverPage()).id);
        }
        const { timings, gc } = await server.call({ type: 'sampleStop' }, 'samples');
        const serverMs = ids.map((id) => {
          const ms = timings[id];
          if (ms === undefined) throw new Error(`no server time for ${id}`);
          return ms;
        });
        return { serverMs, emulatorMs, ratio: percentile(serverMs, 95) / percentile(emulatorMs, 95), gc };
      };
      const sampled = await alternate(app, () => page(p.key), PROFILE_DIR ? join(PROFILE_DIR, `inbox-${p.key}.cpuprofile`) : undefined);
      const bare = await alternate(floor, floorPage);
      const { ratio, serverMs: appMs, emulatorMs, gc: collected } = sampled;
      const floorRatio = bare.ratio;
      const filter = decodeURIComponent(new URL(query.url).searchParams.get('$filter') ?? '(none)');
      perPersona.push({ label: p.label, app: appMs, floor: bare.serverMs, floorEmulator: bare.emulatorMs, emulator: emulatorMs, ratio, floorRatio, requests, coldRequests, total: first.page.counts?.total ?? null, items: first.page.items.length, filter, gc: collected });
      console.log(
        `  ${p.label}: app p95 ${percentile(appMs, 95).toFixed(2)} ms, emulator p95 ${percentile(emulatorMs, 95).toFixed(2)} ms → ${ratio.toFixed(2)}× (floor ${floorRatio.toFixed(2)}×); ${requests} Graph request(s) a page (${coldRequests} on the first); ${first.page.counts?.total ?? '?'} cases in scope; app GC: ${gcText(collected)}`,
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
        `server time from the request's arrival at Node's HTTP server to its response written (timed in the app's own process around @hono/node-server's listener), against the query the app sent (captured from undici's diagnostics channel) sent straight to the emulator through the app's own transport (src/sharepoint/graph/transport.ts) and its answer parsed as the app parses it, from a client process of its own; ${SAMPLES} of each per persona, alternating. ` +
        perPersona.map((x) => `${x.label} ${x.ratio.toFixed(2)}× (p50 ${(percentile(x.app, 50) / percentile(x.emulator, 50)).toFixed(2)}×)`).join(', ') +
        `. ${demo.setup}; ${cores}`,
    });
    const worstFloor = perPersona.reduce((a, b) => (b.floorRatio > a.floorRatio ? b : a));
    rows.push({
      name: 'inbox first page: floor p95 / emulator p95 for the same query (worst persona)',
      value: worstFloor.floorRatio,
      unit: '×',
      detail:
        `the floor (tests/bench/inbox-floor.ts), a bare server on the app's core that sends the same query, parses the answer and writes it back, timed as the app is: what this machine's hops and wake-ups cost before any work of the app's own. ` +
        perPersona.map((x) => `${x.label} ${x.floorRatio.toFixed(2)}× (p50 ${(percentile(x.floor, 50) / percentile(x.floorEmulator, 50)).toFixed(2)}×)`).join(', '),
    });
    /** What a server adds to the emulator's time at a percentile, in µs: the app against its samples, the floor against its own. */
    const added = (server: number[], emulator: number[], p: number) => `${((percentile(server, p) - percentile(emulator, p)) * 1000).toFixed(0)} µs`;
    for (const x of perPersona) {
      rows.push({
        name: `inbox first page as ${x.label}: app server time p95`,
        value: percentile(x.app, 95),
        unit: 'ms',
        detail: `p50 ${fmt(x.app, 50)}; the emulator for the same query p95 ${fmt(x.emulator, 95)}, p50 ${fmt(x.emulator, 50)}; the floor p95 ${fmt(x.floor, 95)}, p50 ${fmt(x.floor, 50)} (the emulator meanwhile p95 ${fmt(x.floorEmulator, 95)}, p50 ${fmt(x.floorEmulator, 50)}); added to the emulator's time at p50 and p95: the app ${added(x.app, x.emulator, 50)} and ${added(x.app, x.emulator, 95)}, the floor ${added(x.floor, x.floorEmulator, 50)} and ${added(x.floor, x.floorEmulator, 95)}; ${x.items} of ${x.total?.toLocaleString('en') ?? '?'} cases in scope; $filter ${x.filter}; in the app's process while sampled: ${gcText(x.gc)}`,
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
    await Promise.all(agents.map((a) => a.close()));
    await app?.close();
    await floor?.close();
    unpin();
    await demo.close();
  }
}

// Bot benchmark: 200 reporters send a report at once to the app composed as `npm start` composes it, and 200 messages go
// at once to a bare botbuilder echo bot on the same adapter and HTTP edge; server time per activity, Graph requests per report.
//
// Processes: the app and the echo bot run alone in a child process (bot-bench-app.ts), timed inside; this process is
// their world: the Graph emulator (in memory), the Bot Connector stand-in (Teams) and the client (the channel).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateMunicipality } from '../../src/demo/index.js';
import { type OrgUnit, type Person, caseYear } from '../../src/domain/index.js';
import { LOCAL_APP, readConfig } from '../../src/server/config.js';
import { openStack } from '../../src/server/stack.js';
import { startEmulator } from '../../infra/graph-emulator/server.js';
import { type Activity, type TestUser, createBotClient } from '../support/bot-client.js';
import { type RecordedActivity, TEAMS_RATE_LIMITS, startConnectorStandIn } from '../support/connector-stand-in.js';
import type { EmulatorMetrics } from '../support/varde-site.js';
import type { AppCommand, AppReady, ServerTiming } from './bot-bench-app.js';
import type { BenchResult } from './run.js';
import { percentile } from './stats.js';

const REPORTERS = Number(process.env.BENCH_BOT_REPORTERS ?? 200);
/** Bursts of REPORTERS reports (each by other people) and as many echo messages, in turns; the percentiles pool them. */
const ROUNDS = Number(process.env.BENCH_BOT_ROUNDS ?? 5);
/** BENCH_BOT_CPU_PROFILE=<dir>: a CPU profile of the app process during each measured burst (and nothing else). */
const PROFILE_DIR = process.env.BENCH_BOT_CPU_PROFILE;
const WARMUP_REPORTS = 20;
const EMPLOYEES = 1000;
const TARGET_RATIO = 1.5;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const CASE_NUMBER = /\b(AV-\d{4}-\d{5,})\b/;
const REPORT_TEXT = 'Pasienten falt på badet i natt';
const appId = LOCAL_APP.clientId;
/** Bot events that mean something did not go as it should (the conversation handler never throws, it logs). */
const TROUBLE = /failed|unavailable|dropped|notSaved|unauthorized|keysUnavailable|Taken|unusable/i;

type AppProcess = { child: ChildProcess; ready: AppReady; call<T>(command: DistributiveOmit<AppCommand, 'id'>): Promise<T> };
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Starts bot-bench-app.ts in its own Node process (with tsx, and gc() for an even start to every burst). */
async function startAppProcess(graphBaseUrl: string): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', join(import.meta.dirname, 'bot-bench-app.ts')], {
    env: { ...process.env, GRAPH_BASE_URL: graphBaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let exited = false;
  const ready = new Promise<AppReady>((resolve, reject) => {
    child.on('message', (message: AppReady | { id: number; result?: unknown; error?: string }) => {
      if ('type' in message) return resolve(message);
      const w = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error !== undefined) w?.reject(new Error(`app process: ${message.error}`));
      else w?.resolve(message.result);
    });
    child.once('exit', (code) => {
      exited = true;
      const err = new Error(`the app process exited (${code})`);
      reject(err);
      for (const w of waiting.values()) w.reject(err);
      waiting.clear();
    });
  });
  return {
    child,
    ready: await ready,
    call<T>(command: DistributiveOmit<AppCommand, 'id'>) {
      if (exited) return Promise.reject(new Error('the app process has exited'));
      const id = ++nextId;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ ...command, id });
      });
    },
  };
}

interface Burst {
  /** Server time of each activity (ms), in the order sent. */
  server: number[];
  /** When each reached the server (epoch ms). */
  at: number[];
  client: number[];
  bodies: unknown[];
  /** CPU the app process spent during the burst (ms). */
  cpuMs: number;
  /** CPU this process (emulator, connector stand-in, client) spent meanwhile (ms). */
  worldCpuMs: number;
}

export async function botBench(): Promise<BenchResult[]> {
  const em = await startEmulator({ dataDir: ':memory:' });
  // Teams' rate limits off: the comparison is of server time; a 429 on the reply path would measure the stand-in's throttle.
  const connector = await startConnectorStandIn({ auth: { issuer: em.issuer.issuerUrl(), keys: em.issuer.keys, appId }, rateLimits: false });
  let server: AppProcess | undefined;
  try {
    const control = (path: string) => fetch(`${em.url}/_emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const metrics = async () => (await (await fetch(`${em.url}/_emulator/metrics`)).json()) as EmulatorMetrics;

    // Sites provisioned as `npm start` does, and the demo municipality's organisation (units and people).
    const config = readConfig({ GRAPH_BASE_URL: em.graphUrl, PORT: '0' });
    const { repos } = await openStack(config);
    const now = new Date();
    const m = generateMunicipality({ seed: 2026, employees: EMPLOYEES, now });
    await repos.organisation.upsertUnits(m.units);
    await repos.organisation.upsertPeople(m.people);
    server = await startAppProcess(em.graphUrl);
    const app = server;
    const vardeEndpoint = `${app.ready.app}/api/messages`;
    const echoEndpoint = app.ready.echo;

    // Reporters: people who lead nothing, in units with a leader or a deputy to tell. The leaders have the app.
    const units = new Map(m.units.map((u) => [u.id, u]));
    const leadersOf = (u: OrgUnit | undefined) => [...new Set([u?.leaderId, u?.deputyLeaderId].filter((id): id is string => typeof id === 'string' && id !== ''))];
    const leaderIds = new Set(m.units.flatMap((u) => leadersOf(u)));
    const byId = new Map(m.people.map((p) => [p.id, p]));
    const leaders = [...leaderIds].map((id) => byId.get(id)).filter((p): p is Person => p !== undefined);
    const candidates = m.people.filter((p) => !leaderIds.has(p.id) && leadersOf(units.get(p.unitId)).length > 0);
    // Each burst's reporters are different people; later bursts come round to the first ones again when there are too few.
    const pool = candidates.slice(WARMUP_REPORTS);
    if (pool.length < REPORTERS) throw new Error(`only ${pool.length} possible reporters for bursts of ${REPORTERS}`);
    const reportersOf = (round: number) => Array.from({ length: REPORTERS }, (_, i) => pool[(round * REPORTERS + i) % pool.length] as Person);
    const userOf = (p: Person): TestUser => ({ aadObjectId: p.id, name: p.name });

    // One channel token for every activity (it is bound to the bot and the serviceUrl, not to an activity): no signing in a burst.
    const token = await em.issuer.botFramework.sign(appId, connector.url);
    const varde = createBotClient({ endpoint: vardeEndpoint, appId, serviceUrl: connector.url, sign: async () => token });
    const echoClient = createBotClient({ endpoint: echoEndpoint, appId, serviceUrl: connector.url, sign: async () => token });
    /** Posts one signed activity, tagged for the server's timing; the body is serialised before the clock starts. */
    const post = async (endpoint: string, activity: Activity) => {
      const id = randomUUID();
      const body = JSON.stringify(activity);
      const t = performance.now();
      const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-bench-id': id }, body });
      const text = await res.text();
      const roundTrip = performance.now() - t;
      if (res.status !== 200) throw new Error(`${endpoint}: ${res.status} ${text.slice(0, 300)}`);
      return { id, roundTrip, body: text === '' ? null : (JSON.parse(text) as unknown) };
    };
    const inBatches = async <T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> => {
      const out: R[] = [];
      for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
      return out;
    };

    /** Until `cards` leaders' cards have reached the connector and Graph has been quiet for a moment (whatever the app does after its answers). */
    const settled = async (cards: number) => {
      const until = Date.now() + 30_000;
      while (connector.activities.filter((a) => a.operation === 'send').length < cards) {
        if (Date.now() > until) throw new Error('the leaders’ cards did not all arrive within 30 s');
        await sleep(20);
      }
      for (let last = -1, now = (await metrics()).requests.total; now !== last; last = now, now = (await metrics()).requests.total) await sleep(100);
    };

    // ── Warm-up (the app warmed its caches before it listened): every leader's chat, every reporter's open form ──
    const install = (p: Person) => post(vardeEndpoint, varde.personalActivity(userOf(p), { type: 'installationUpdate', action: 'add' }));
    // One alone first: a bot fetches the channel's signing keys on its first activity.
    if (leaders[0]) await install(leaders[0]);
    await inBatches(leaders.slice(1), 25, install);

    type Form = { person: Person; data: Record<string, unknown>; formActivityId: string };
    const opened = new Set<string>();
    /** Free text opens the form (the reporter's first turn): the card's submit data, filled in as the reporter would. */
    const openForm = async (person: Person): Promise<Form> => {
      const user = userOf(person);
      await post(vardeEndpoint, varde.personalActivity(user, { type: 'message', text: REPORT_TEXT, textFormat: 'plain' }));
      const form = await connector.waitFor((a) => a.conversationId === varde.personalConversationId(user) && !opened.has(a.activityId) && submitDataOf(a) !== null, 30_000);
      opened.add(form.activityId);
      return {
        person,
        formActivityId: form.activityId,
        data: { ...submitDataOf(form), kind: 'adverseEvent', description: REPORT_TEXT, unitId: person.unitId, severity: 'medium', consequenceFor: 'employee', occurredDate: '', occurredTime: '' },
      };
    };
    const warmupForms = await inBatches(candidates.slice(0, WARMUP_REPORTS), 50, openForm);
    const forms: Form[][] = [];
    for (let round = 0; round < ROUNDS; round++) forms.push(await inBatches(reportersOf(round), 50, openForm));
    const submitActivity = (f: Form) =>
      varde.personalActivity(userOf(f.person), {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: f.formActivityId,
        value: { action: { type: 'Action.Execute', verb: 'submitReport', data: f.data }, trigger: 'manual' },
      });
    const echoActivity = (p: Person) => echoClient.personalActivity(userOf(p), { type: 'message', text: 'Hei', textFormat: 'plain' });
    // JIT warm-up of both code paths: reports by people outside the measured ones, and echoes.
    connector.clear();
    await Promise.all(warmupForms.map((f) => post(vardeEndpoint, submitActivity(f))));
    await settled(warmupForms.reduce((n, f) => n + leadersOf(units.get(f.person.unitId)).length, 0));
    await post(echoEndpoint, echoActivity(candidates[0] as Person));
    await inBatches(candidates.slice(0, REPORTERS), 50, (p) => post(echoEndpoint, echoActivity(p)));
    const warmup = await app.call<{ allocations: number; events: Record<string, number> }>({ cmd: 'counters' });
    const warmupTrouble = Object.entries(warmup.events).filter(([e]) => TROUBLE.test(e));
    if (warmupTrouble.length) throw new Error(`trouble during warm-up: ${JSON.stringify(warmupTrouble)}`);

    /**
     * REPORTERS activities at once to one bot. Before: a full GC in the app process (neither bot inherits the other's
     * garbage) and one open connection per activity (keep-alive), so that all arrive together as from Teams' front end.
     */
    const burst = async (name: string, endpoint: string, activities: Activity[]): Promise<Burst> => {
      await Promise.all(activities.map(() => fetch(endpoint.replace('/api/messages', '/api/health')).then((r) => r.text())));
      await app.call({ cmd: 'gc' });
      if (PROFILE_DIR) await app.call({ cmd: 'profileStart' });
      const cpu0 = await app.call<number>({ cmd: 'cpu' });
      const world0 = process.cpuUsage();
      const results = await Promise.all(activities.map((a) => post(endpoint, a)));
      const world = process.cpuUsage(world0);
      const cpuMs = (await app.call<number>({ cmd: 'cpu' })) - cpu0;
      if (PROFILE_DIR) await app.call({ cmd: 'profileStop', file: join(PROFILE_DIR, `${name}.cpuprofile`) });
      const timings = await app.call<(ServerTiming | null)[]>({ cmd: 'timings', ids: results.map((r) => r.id) });
      if (timings.some((t) => t === null)) throw new Error(`${name}: not every activity was timed by the server`);
      const ts = timings as ServerTiming[];
      const worldCpuMs = (world.user + world.system) / 1000;
      return { server: ts.map((t) => t.ms), at: ts.map((t) => t.at), client: results.map((r) => r.roundTrip), bodies: results.map((r) => r.body), cpuMs, worldCpuMs };
    };

    // ── Measured: bursts of REPORTERS reports and REPORTERS echoes, in turns ──
    if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
    await control('metrics/reset');
    connector.clear();
    const pooled = { app: [] as number[], echo: [] as number[], appClient: [] as number[], echoClient: [] as number[], echoToConnector: [] as number[] };
    const perBurst = { app: [] as number[], echo: [] as number[], appCpu: [] as number[], echoCpu: [] as number[], appSpread: [] as number[], echoSpread: [] as number[], appWorld: [] as number[], echoWorld: [] as number[] };
    const caseNumbers = new Set<string>();
    let expectedLeaderCards = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const batch = forms[round] as Form[];
      const reports = async () => {
        const b = await burst(`report-${round + 1}`, vardeEndpoint, batch.map(submitActivity));
        for (const [i, body] of b.bodies.entries()) {
          const answer = body as { statusCode?: number; type?: string; value?: unknown } | null;
          const caseNumber = CASE_NUMBER.exec(JSON.stringify(answer?.value ?? ''))?.[1];
          if (answer?.statusCode !== 200 || answer.type !== ADAPTIVE_CARD || !caseNumber) throw new Error(`report ${i} got no receipt with a case number: ${JSON.stringify(answer).slice(0, 300)}`);
          caseNumbers.add(caseNumber);
        }
        expectedLeaderCards += batch.reduce((n, f) => n + leadersOf(units.get(f.person.unitId)).length, 0);
        await settled(expectedLeaderCards);
        pooled.app.push(...b.server);
        pooled.appClient.push(...b.client);
        perBurst.app.push(percentile(b.server, 95));
        perBurst.appCpu.push(b.cpuMs / batch.length);
        perBurst.appWorld.push(b.worldCpuMs / batch.length);
        perBurst.appSpread.push(Math.max(...b.at) - Math.min(...b.at));
      };
      const echoes = async () => {
        const people = batch.map((f) => f.person);
        const b = await burst(`echo-${round + 1}`, echoEndpoint, people.map(echoActivity));
        // The echo's reply as the connector received it (its clock, whole ms), from when the activity reached the echo bot.
        const replies = new Map(connector.activities.filter((a) => a.operation === 'reply' && a.activity.text === 'Ekko: Hei').map((a) => [a.conversationId, a.at]));
        for (const [i, p] of people.entries()) {
          const at = replies.get(echoClient.personalConversationId(userOf(p)));
          if (at === undefined) throw new Error('an echo reply is missing at the connector');
          pooled.echoToConnector.push(at - (b.at[i] as number));
        }
        pooled.echo.push(...b.server);
        pooled.echoClient.push(...b.client);
        perBurst.echo.push(percentile(b.server, 95));
        perBurst.echoCpu.push(b.cpuMs / people.length);
        perBurst.echoWorld.push(b.worldCpuMs / people.length);
        perBurst.echoSpread.push(Math.max(...b.at) - Math.min(...b.at));
      };
      // Alternate which goes first.
      if (round % 2 === 0) {
        await echoes();
        await reports();
      } else {
        await reports();
        await echoes();
      }
      // Keep the leaders' cards (counted below); drop the echoes' replies.
      connector.activities.splice(0, connector.activities.length, ...connector.activities.filter((a) => a.operation !== 'reply'));
      console.log(`  round ${round + 1}/${ROUNDS}: report p95 ${ms(perBurst.app.at(-1))}, echo p95 ${ms(perBurst.echo.at(-1))}`);
    }
    const used = await metrics();
    const counters = await app.call<{ allocations: number; events: Record<string, number> }>({ cmd: 'counters' });
    const reports = ROUNDS * REPORTERS;
    if (caseNumbers.size !== reports) throw new Error(`${reports} reports, ${caseNumbers.size} distinct case numbers`);
    const leaderCards = connector.activities.filter((a) => a.operation === 'send').length;
    if (leaderCards !== expectedLeaderCards) throw new Error(`expected ${expectedLeaderCards} leaders' cards at the connector, got ${leaderCards}`);
    if (connector.refused.length) throw new Error(`the connector refused ${connector.refused.length} requests: ${JSON.stringify(connector.refused.slice(0, 3))}`);
    const trouble = Object.entries(counters.events).filter(([e]) => TROUBLE.test(e));
    if (trouble.length) throw new Error(`trouble during the run: ${JSON.stringify(trouble)}`);

    // One block reservation alone (as the app makes them), to take the measured ones out of the reports' share.
    await control('metrics/reset');
    await repos.caseNumbers.allocate('ordinary', caseYear(now), 1);
    const perAllocation = await metrics();
    const blockRequests = counters.allocations * perAllocation.requests.total;
    const blockUnits = counters.allocations * perAllocation.resourceUnits.total;

    // ── Beside the comparison: one more burst of reports with Teams' rate limits on at the connector stand-in ──
    // (7/s per conversation, 30/s per app). While the leaders' cards are sent within the turn, they hold up the receipt.
    connector.clear();
    const again = await inBatches(reportersOf(ROUNDS), 50, openForm);
    connector.clear();
    connector.setRateLimits(TEAMS_RATE_LIMITS);
    const limited = await burst('report-teams-limits', vardeEndpoint, again.map(submitActivity));
    for (let last = -1; connector.activities.length + connector.refused.length !== last; ) {
      last = connector.activities.length + connector.refused.length;
      await sleep(2500);
    }
    connector.setRateLimits(false);
    const limitedCards = connector.activities.filter((a) => a.operation === 'send').length;
    const limitedExpected = again.reduce((n, f) => n + leadersOf(units.get(f.person.unitId)).length, 0);
    const limitedEvents = (await app.call<{ events: Record<string, number> }>({ cmd: 'counters' })).events;

    const app95 = percentile(pooled.app, 95);
    const echo95 = percentile(pooled.echo, 95);
    const appCpu = mean(perBurst.appCpu);
    const echoCpu = mean(perBurst.echoCpu);
    const list = (xs: number[]) => xs.map(ms).join(', ');
    const setup = `${ROUNDS} bursts of ${REPORTERS} at once to each bot, in turns, pooled. App and echo bot alone in one process; emulator (in memory, ${EMPLOYEES} employees), connector stand-in (Teams' rate limits off) and client in another`;
    return [
      {
        name: `report p95 / echo p95 (server time, ${REPORTERS} at once)`,
        value: app95 / echo95,
        unit: '×',
        target: { op: '<=', value: TARGET_RATIO },
        detail: `server time: POST /api/messages reaching the Hono app → its response ready (the same timing middleware in front of both bots). ${setup}. Per round: ${perBurst.app.map((a, i) => `${(a / (perBurst.echo[i] ?? NaN)).toFixed(2)}×`).join(', ')}`,
      },
      {
        name: 'report (submitReport invoke): server time p95',
        value: app95,
        unit: 'ms',
        detail: `per burst: ${list(perBurst.app)}; arrivals spread over ${list(perBurst.appSpread)}. The invoke response is the receipt card, after the create, the leaders' cards and the save of the message links`,
      },
      { name: 'report: server time p50', value: percentile(pooled.app, 50), unit: 'ms' },
      { name: 'echo: server time p95', value: echo95, unit: 'ms', detail: `per burst: ${list(perBurst.echo)}; arrivals spread over ${list(perBurst.echoSpread)}. The reply is POSTed to the connector (and answered) before the response` },
      { name: 'echo: server time p50', value: percentile(pooled.echo, 50), unit: 'ms' },
      { name: 'echo: activity received → reply at the connector, p95', value: percentile(pooled.echoToConnector, 95), unit: 'ms', detail: "across the two processes' clocks, whole ms" },
      { name: 'report: client round trip p95', value: percentile(pooled.appClient, 95), unit: 'ms', detail: 'the same client and loopback path for both; connections opened before each burst' },
      { name: 'echo: client round trip p95', value: percentile(pooled.echoClient, 95), unit: 'ms' },
      { name: 'app process CPU per report (during the burst)', value: appCpu, unit: 'ms', detail: `per burst: ${list(perBurst.appCpu)}; the other process (emulator, connector, client) meanwhile: ${list(perBurst.appWorld)} per report` },
      { name: 'app process CPU per echo (during the burst)', value: echoCpu, unit: 'ms', detail: `per burst: ${list(perBurst.echoCpu)}; the other process meanwhile: ${list(perBurst.echoWorld)} per echo` },
      {
        name: 'Graph requests per report (block reservations apart)',
        value: (used.requests.total - blockRequests) / reports,
        unit: 'requests',
        target: { op: '<=', value: 2 },
        detail: `${used.requests.total} requests for ${reports} reports, ${blockRequests} of them for ${counters.allocations} case-number blocks (${perAllocation.requests.total} each): ${JSON.stringify(used.requests.byRoute)}`,
      },
      {
        name: 'resource units per report (block reservations apart)',
        value: (used.resourceUnits.total - blockUnits) / reports,
        unit: 'RU',
        target: { op: '<=', value: 4 },
        detail: `${used.resourceUnits.total} RU in all, ${blockUnits} of them for the blocks (${perAllocation.resourceUnits.total} each)`,
      },
      { name: 'Graph requests per report, blocks included', value: used.requests.total / reports, unit: 'requests' },
      { name: 'resource units per report, blocks included', value: used.resourceUnits.total / reports, unit: 'RU' },
      {
        name: "with Teams' rate limits: report server time p95",
        value: percentile(limited.server, 95),
        unit: 'ms',
        detail: `one more burst of ${REPORTERS} reports with the stand-in's TEAMS_RATE_LIMITS (7/s per conversation, 30/s per app): the receipt waits for the leaders' cards`,
      },
      {
        name: "with Teams' rate limits: leaders' cards delivered",
        value: (100 * limitedCards) / limitedExpected,
        unit: '%',
        detail: `${limitedCards} of ${limitedExpected}; ${connector.refused.filter((r) => r.status === 429).length} sends refused with 429; app events ${JSON.stringify(limitedEvents)}`,
      },
    ];
  } finally {
    if (server) {
      const exited = new Promise((r) => server?.child.once('exit', r));
      await server.call({ cmd: 'close' }).catch(() => server?.child.kill('SIGTERM'));
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
    await connector.close();
    await em.close();
  }
}

/** The submitReport data of the form card in a recorded activity, or null. */
function submitDataOf(a: RecordedActivity): Record<string, unknown> | null {
  const attachments = (a.activity.attachments as { contentType?: string; content?: { actions?: { verb?: string; data?: Record<string, unknown> }[] } }[] | undefined) ?? [];
  const card = attachments.find((x) => x.contentType === ADAPTIVE_CARD)?.content;
  return card?.actions?.find((x) => x.verb === 'submitReport')?.data ?? null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function ms(n: number | undefined): string {
  return n === undefined ? '?' : `${n.toFixed(1)} ms`;
}

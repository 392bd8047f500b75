// The whole app as `npm start` composes it, in one call, for integration and browser tests: an in-memory Graph emulator,
// the two sites provisioned, a small municipality seeded (given, or a small generated demo), a Bot Connector stand-in,
// the app server on a free port, and helpers to sign in and call the API.
//
//   const stack = await startAppStack();                       // the generated demo (505 employees, fixed seed and now)
//   const token = await stack.signIn('serviceLeader');          // a demo persona's key, or any person's id
//   const res = await stack.api(token, '/api/me');              // fetch with the bearer token
//   await stack.stop();
import type { BotLog } from '../../bot/adapter.js';
import { type DemoMunicipality, type DemoPersona, demoPersonas, generateMunicipality } from '../../src/demo/index.js';
import type { Deviation, Measure, OrgUnit, Person } from '../../src/domain/index.js';
import { caseSeriesOf, parseCaseNumber } from '../../src/domain/index.js';
import type { LocalSignIn } from '../../src/server/api/contract.js';
import { type Composition, composeApp } from '../../src/server/compose.js';
import { LOCAL_APP, type VardeConfig, readConfig } from '../../src/server/config.js';
import { seedDemo } from '../../src/server/seed.js';
import { type RunningApp, startAppServer } from '../../src/server/serve.js';
import { openStack } from '../../src/server/stack.js';
import type { SharePointRepositories } from '../../src/sharepoint/repositories/index.js';
import { type BotClient, createBotClient } from './bot-client.js';
import { type ConnectorStandIn, type ConnectorStandInOptions, startConnectorStandIn } from './connector-stand-in.js';
import { type TestEmulator, startTestEmulator } from './emulator.js';

/** A small municipality written as given (ids, case numbers and all). */
export interface SmallMunicipality {
  units: readonly OrgUnit[];
  people: readonly Person[];
  /** Ordinary cases and whistleblowing reports alike (the repository puts each on its site). */
  deviations?: readonly Deviation[];
  measures?: readonly Measure[];
  /** unit id → Teams channel id of its leader channel (the channel tab shows that unit). */
  leaderChannels?: Readonly<Record<string, string>>;
  /** Personas for signIn by key (optional: signIn takes person ids too). */
  personas?: readonly DemoPersona[];
}

export interface AppStackOptions {
  /** What to seed; default: the generated demo (`demo`). */
  municipality?: SmallMunicipality;
  /** The generated demo's parameters: 505 employees (its minimum), seed 2026, one year up to 2026-03-02 09:00 UTC. */
  demo?: { employees?: number; seed?: number; now?: Date; years?: number };
  /** Default: the demo's quality adviser (as `npm start` does), or nobody for a given municipality. */
  whistleblowingRecipientIds?: readonly string[];
  /** More environment for readConfig (e.g. VARDE_ALLOWED_TENANTS, TAB_APP_ID_URI); GRAPH_BASE_URL and PORT are set. */
  env?: Readonly<Record<string, string>>;
  /** The emulator checks every Graph token's signature, issuer, audience and expiry (default false, so `emulator.graph()` with its test token works). */
  strictAuth?: boolean;
  /** The API's clock. */
  now?: () => Date;
  /** Bot and API events (codes only); default: kept in `events`. */
  log?: BotLog;
  connector?: Partial<ConnectorStandInOptions>;
  /** The built tab to serve at `/` (default tab/dist); the browser tests give a snapshot of it (tests/support/browser.ts). */
  tabDir?: string;
}

export interface AppStack {
  /** The app server, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  emulator: TestEmulator;
  connector: ConnectorStandIn;
  config: VardeConfig;
  composition: Composition;
  repos: SharePointRepositories;
  /** The demo's personas (or the given ones). */
  personas: readonly DemoPersona[];
  /** The generated demo, when that is what was seeded. */
  demo: DemoMunicipality | null;
  /** Event codes the bot and the API logged, in order. */
  events: string[];
  /** Posts Teams-signed activities to the bot (as the channel would), answering through the connector stand-in. */
  bot: BotClient;
  /** Signs in through POST /api/local/sign-in (a persona's key, or any person's id) and returns the bearer token. */
  signIn(personaKeyOrPersonId: string): Promise<string>;
  /**
   * fetch against the app with `Authorization: Bearer <token>` (null: none); `path` like `/api/me`; `json` sets the
   * body and its content type.
   */
  api(token: string | null, path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** A user token straight from the local Entra stand-in, for anyone (also people the organisation does not know). */
  mintUserToken(claims: { oid: string; name?: string; preferredUsername?: string; audience?: string; expiresInSeconds?: number }): Promise<string>;
  stop(): Promise<void>;
}

export const DEMO_STACK_DEFAULTS = { employees: 505, seed: 2026, years: 1, now: new Date('2026-03-02T09:00:00Z') } as const;

export async function startAppStack(options: AppStackOptions = {}): Promise<AppStack> {
  const events: string[] = [];
  const log: BotLog = options.log ?? ((event) => void events.push(event));
  const emulator = await startTestEmulator({ strictAuth: options.strictAuth ?? false });
  let connector: ConnectorStandIn | undefined;
  let server: RunningApp | undefined;
  let composition: Composition | undefined;
  try {
    connector = await startConnectorStandIn({ auth: { issuer: emulator.issuer.issuerUrl(), keys: emulator.issuer.keys, appId: LOCAL_APP.clientId }, ...options.connector });
    const config = readConfig({ ...options.env, GRAPH_BASE_URL: emulator.graphUrl, PORT: '0' });
    const stack = await openStack(config);
    const { repos } = stack;

    let demo: DemoMunicipality | null = null;
    let personas: readonly DemoPersona[];
    let recipients = options.whistleblowingRecipientIds;
    if (options.municipality) {
      await seedSmall(repos, options.municipality);
      personas = options.municipality.personas ?? [];
    } else {
      const d = { ...DEMO_STACK_DEFAULTS, ...options.demo };
      demo = generateMunicipality({ seed: d.seed, employees: d.employees, now: d.now, years: d.years });
      await seedDemo(repos, demo);
      personas = demoPersonas(demo);
      // As `npm start`: whistleblowing reports go to the demo's quality adviser.
      const adviser = personas.find((p) => p.key === 'qualityAdviser');
      recipients ??= adviser ? [adviser.personId] : [];
    }

    composition = composeApp(config, stack, { log, personas, whistleblowingRecipientIds: recipients ?? [], ...(options.now ? { now: options.now } : {}), ...(options.tabDir ? { tabDir: options.tabDir } : {}) });
    await composition.ready;
    server = await startAppServer(config, composition.app);
    const url = server.url;
    const bot = createBotClient({ endpoint: `${url}/api/messages`, appId: LOCAL_APP.clientId, serviceUrl: connector.url, sign: (aud, serviceUrl, s) => emulator.issuer.botFramework.sign(aud, serviceUrl, s) });

    const api = (token: string | null, path: string, init: RequestInit & { json?: unknown } = {}) => {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token !== null) headers.set('authorization', `Bearer ${token}`);
      let body = rest.body;
      if (json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(json);
      }
      return fetch(`${url}${path}`, { ...rest, headers, body });
    };

    const signIn = async (who: string) => {
      const body = personas.some((p) => p.key === who) ? { persona: who } : { personId: who };
      const res = await api(null, '/api/local/sign-in', { method: 'POST', json: body });
      if (res.status !== 200) throw new Error(`local sign-in as ${who} failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as LocalSignIn).token;
    };

    const mintUserToken: AppStack['mintUserToken'] = async (claims) => {
      const res = await fetch(`${emulator.url}/_emulator/issuer/${LOCAL_APP.tenantId}/user-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ audience: config.userAuth.appIdUri, ...claims }),
      });
      if (res.status !== 200) throw new Error(`the local issuer refused: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { access_token: string }).access_token;
    };

    const running = { composition, server, connector };
    return {
      url,
      emulator,
      connector,
      config,
      composition,
      repos,
      personas,
      demo,
      events,
      bot,
      signIn,
      api,
      mintUserToken,
      stop: async () => {
        // First, while Graph is still there: the read log's last try and the waiting reports written.
        await running.composition.stop();
        await running.server.close();
        await running.connector.close();
        await emulator.close();
      },
    };
  } catch (err) {
    composition?.stop();
    await server?.close();
    await connector?.close();
    await emulator.close();
    throw err;
  }
}

/** Writes a given municipality through the repositories, then moves the case-number counters past the numbers it uses. */
async function seedSmall(repos: SharePointRepositories, m: SmallMunicipality): Promise<void> {
  await repos.organisation.upsertUnits(m.units);
  if (m.people.length > 0) await repos.organisation.upsertPeople(m.people);
  const deviations = m.deviations ?? [];
  if (deviations.length > 0) {
    const result = await repos.deviations.createMany(deviations.map((d) => ({ importKey: `test:deviation:${d.id}`, value: d })));
    if (result.failed.length > 0) throw new Error(`seeding deviations failed: ${JSON.stringify(result.failed)}`);
  }
  const measures = m.measures ?? [];
  if (measures.length > 0) {
    const result = await repos.measures.createMany(measures.map((x) => ({ importKey: `test:measure:${x.id}`, value: x })));
    if (result.failed.length > 0) throw new Error(`seeding measures failed: ${JSON.stringify(result.failed)}`);
  }
  const highest = new Map<string, { series: ReturnType<typeof caseSeriesOf>; year: number; n: number }>();
  for (const d of deviations) {
    const parts = parseCaseNumber(d.caseNumber);
    if (!parts.ok) continue;
    const series = caseSeriesOf(d.kind);
    const key = `${series}:${parts.value.year}`;
    highest.set(key, { series, year: parts.value.year, n: Math.max(highest.get(key)?.n ?? 0, parts.value.sequence) });
  }
  for (const { series, year, n } of highest.values()) await repos.caseNumbers.raiseTo(series, year, n);
  for (const [unitId, channelId] of Object.entries(m.leaderChannels ?? {})) await repos.leaderChannels.setLeaderChannel(unitId, channelId);
}

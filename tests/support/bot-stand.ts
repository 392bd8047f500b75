// The app as `npm start` composes it, over real HTTP, for bot conversations: an in-memory Graph emulator with a small
// municipality, a Bot Connector stand-in, signed activities, and helpers to read cards and what Graph stored. Each stand
// keeps waiting reports in its own temporary directory, and can start a second composition on the same directory (a
// restart of the app) while the first is stopped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrgUnit, Person } from '../../src/domain/index.js';
import { type Composition, composeApp } from '../../src/server/compose.js';
import { LOCAL_APP, readConfig } from '../../src/server/config.js';
import { type RunningApp, startAppServer } from '../../src/server/serve.js';
import { type Stack, openStack } from '../../src/server/stack.js';
import { type BotClient, type PostResult, type TestUser, createBotClient } from './bot-client.js';
import { type ConnectorStandIn, type RecordedActivity, startConnectorStandIn } from './connector-stand-in.js';
import { type TestEmulator, startTestEmulator } from './emulator.js';

export type Card = Record<string, unknown>;
export type Fields = Record<string, unknown>;

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const id = (n: number) => `6a2f0c7a-0000-4a1b-8c2d-${String(n).padStart(12, '0')}`;

export const kari: TestUser = { aadObjectId: id(1), name: 'Kari Nordmann' };
export const liv: TestUser = { aadObjectId: id(2), name: 'Liv Leder' };
export const vera: TestUser = { aadObjectId: id(3), name: 'Vera Varselmottaker' };

const units: OrgUnit[] = [
  { id: 'kommune', name: 'Tønsberg kommune', level: 'municipality', parentId: null, leaderId: id(10) },
  { id: 'mh', name: 'Mestring og helse', level: 'sector', parentId: 'kommune', leaderId: id(11) },
  { id: 'husoy', name: 'Husøy sykehjem', level: 'unit', parentId: 'mh', leaderId: liv.aadObjectId },
];
const person = (user: { aadObjectId: string; name: string }, unitId: string, roles: Person['roles'] = ['employee']): Person => {
  const email = `${user.name.toLowerCase().replace(/\W+/g, '.')}@varde-demo.onmicrosoft.com`;
  return { id: user.aadObjectId, name: user.name, email, upn: email, unitId, roles };
};
const people: Person[] = [
  person({ aadObjectId: id(10), name: 'Kari Direktør' }, 'kommune', ['chiefExecutive']),
  person({ aadObjectId: id(11), name: 'Kåre Sektor' }, 'mh', ['sectorHead']),
  person(kari, 'husoy'),
  person(liv, 'husoy', ['unitLeader']),
  person(vera, 'kommune', ['qualityAdviser']),
];

export const json = (value: unknown) => JSON.stringify(value);
export const cardIn = (a: RecordedActivity): Card | undefined =>
  ((a.activity.attachments as { contentType: string; content: Card }[] | undefined) ?? []).find((x) => x.contentType === ADAPTIVE_CARD)?.content;
export const textIn = (a: RecordedActivity) => (typeof a.activity.text === 'string' ? a.activity.text : null);
export const caseNumberIn = (value: unknown) => /\b((?:AV|NU|FF|PT|VA)-\d{4}-\d{5,})\b/.exec(json(value))?.[1] ?? null;

/** The data of the card's Action.Execute with `verb`. */
export function actionData(card: Card, verb: string): Record<string, unknown> {
  const found = ((card.actions ?? []) as { verb?: string; data?: Record<string, unknown> }[]).find((a) => a.verb === verb);
  if (!found) throw new Error(`no ${verb} on ${json(card).slice(0, 300)}`);
  return found.data ?? {};
}

/** The card an invoke answered with (Action.Execute's response). */
export function invokeCard(res: PostResult): Card {
  const body = res.body as { statusCode?: number; type?: string; value?: Card } | null;
  if (res.status !== 200 || body?.type !== ADAPTIVE_CARD || !body.value) throw new Error(`not a card answer: ${res.status} ${json(res.body).slice(0, 300)}`);
  return body.value;
}

export interface BotStand {
  em: TestEmulator;
  connector: ConnectorStandIn;
  /** The running app (replaced by `restart`). */
  app: { composition: Composition; server: RunningApp; client: BotClient; stack: Stack };
  sites: { quality: string; confidential: string };
  pendingDir: string;
  events: string[];
  chatOf(user: TestUser): string;
  /** A message from `user` (with extra activity fields, e.g. attachments); the next card and texts the bot sends back. */
  say(user: TestUser, text: string, extra?: Record<string, unknown>): Promise<{ activityId: string; card: Card; texts: string[] }>;
  /** Submits the form as Teams does (the action's data with the inputs' values merged in); waits for the follow-up work. */
  submit(user: TestUser, form: { activityId: string; card: Card }, values: Record<string, unknown>): Promise<PostResult>;
  /** Items of a list through Graph, as any Graph client sees them. */
  listItems(site: 'quality' | 'confidential', list: string, filter?: string): Promise<Fields[]>;
  /** The files of a library folder (a case number), with their bytes and their list item's fields. */
  filesIn(site: 'quality' | 'confidential', library: string, folder: string): Promise<{ name: string; bytes: Buffer; fields: Fields }[]>;
  control(path: string, body?: object): Promise<Response>;
  /** Stops the app (its server and background work) and starts a new composition on the same emulator and pending directory. */
  restart(options?: { stack?: Stack }): Promise<void>;
  /** A stack (repositories over Graph) opened now, e.g. before Graph goes down, for a later `restart`. */
  openStack(): Promise<Stack>;
  close(): Promise<void>;
}

export async function startBotStand(options: { env?: Record<string, string> } = {}): Promise<BotStand> {
  const em = await startTestEmulator();
  const connector = await startConnectorStandIn({ auth: { issuer: em.issuer.issuerUrl(), keys: em.issuer.keys, appId: LOCAL_APP.clientId } });
  const pendingDir = join(mkdtempSync(join(tmpdir(), 'varde-bot-stand-')), 'pending-reports');
  const events: string[] = [];
  const config = readConfig({ GRAPH_BASE_URL: em.graphUrl, PORT: '0', VARDE_PENDING_DIR: pendingDir, ...options.env });
  const open = () => openStack(config);

  async function start(stack: Stack): Promise<BotStand['app']> {
    const composition = composeApp(config, stack, { log: (event) => events.push(event), whistleblowingRecipientIds: [vera.aadObjectId] });
    await composition.ready;
    const server = await startAppServer(config, composition.app);
    const client = createBotClient({ endpoint: `${server.url}/api/messages`, appId: LOCAL_APP.clientId, serviceUrl: connector.url, sign: (a, s, t) => em.issuer.botFramework.sign(a, s, t) });
    return { composition, server, client, stack };
  }

  const first = await open();
  await first.repos.organisation.upsertUnits(units);
  await first.repos.organisation.upsertPeople(people);
  const siteId = async (path: string) => ((await (await em.graph(`/sites/varde-demo.sharepoint.com:${path}`)).json()) as { id: string }).id;

  const stand: BotStand = {
    em,
    connector,
    app: await start(first),
    sites: { quality: await siteId('/sites/kvalitet'), confidential: await siteId('/sites/kvalitet-varsling') },
    pendingDir,
    events,
    chatOf: (user) => stand.app.client.personalConversationId(user),
    async say(user, text, extra = {}) {
      const since = connector.activities.length;
      const res = await stand.app.client.post(stand.app.client.personalActivity(user, { type: 'message', text, textFormat: 'plain', ...extra }));
      if (res.status !== 200) throw new Error(`the bot answered ${res.status}`);
      const mine = connector.activities.slice(since).filter((a) => a.conversationId === stand.chatOf(user));
      const withCard = mine.find((a) => cardIn(a) !== undefined);
      return { activityId: withCard?.activityId ?? '', card: (withCard ? cardIn(withCard) : {}) as Card, texts: mine.flatMap((a) => (textIn(a) === null ? [] : [textIn(a) as string])) };
    },
    async submit(user, form, values) {
      const res = await stand.app.client.actionExecute(user, { verb: 'submitReport', data: { ...actionData(form.card, 'submitReport'), ...values }, replyToId: form.activityId });
      await stand.app.composition.conversation.reporting.idle();
      return res;
    },
    async listItems(site, list, filter) {
      const query = new URLSearchParams({ $expand: 'fields', $top: '999', ...(filter ? { $filter: filter } : {}) });
      const res = await em.graph(`/sites/${stand.sites[site]}/lists/${encodeURIComponent(list)}/items?${query}`);
      if (res.status !== 200) throw new Error(`${list}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { value: { fields: Fields }[] }).value.map((item) => item.fields);
    },
    async filesIn(site, library, folder) {
      const base = `/sites/${stand.sites[site]}/lists/${encodeURIComponent(library)}/drive`;
      const res = await em.graph(`${base}/root:/${encodeURIComponent(folder)}:/children?$expand=listItem($expand=fields)`);
      if (res.status === 404) return [];
      if (res.status !== 200) throw new Error(`${library}/${folder}: ${res.status} ${await res.text()}`);
      const children = ((await res.json()) as { value: { id: string; name: string; listItem: { fields: Fields } }[] }).value;
      return Promise.all(
        children.map(async (c) => {
          // The download is a 302 to a pre-authenticated URL, followed here as any client would.
          const content = await em.graph(`${base}/items/${c.id}/content`);
          return { name: c.name, bytes: Buffer.from(await content.arrayBuffer()), fields: c.listItem.fields };
        }),
      );
    },
    control: (path, body = {}) => fetch(`${em.url}/_emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    async restart(restartOptions = {}) {
      await stand.app.composition.stop();
      await stand.app.server.close();
      stand.app = await start(restartOptions.stack ?? (await open()));
    },
    openStack: open,
    async close() {
      await stand.app.composition.stop();
      await stand.app.server.close();
      await connector.close();
      await em.close();
      rmSync(join(pendingDir, '..'), { recursive: true, force: true });
    },
  };
  return stand;
}

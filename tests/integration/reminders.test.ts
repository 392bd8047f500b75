// The daily reminder digest over real HTTP (issue 9, item 6): the app composed as `npm start` composes it, the Graph
// emulator in memory, the Bot Connector stand-in enforcing Teams' rate limits (7/s per conversation, 30/s per app),
// the run started through POST /api/admin/reminders/run, "Utført" and "Ny frist" pressed as Teams sends them from a
// card in a channel, and what was stored read back through the repositories.
//
// The municipality: Husøy sykehjem (leader Liv) under Mestring og helse (Kåre) under the kommune (Kari D.), and
// Byskogen skole (Ola). Leader channels for all four; the bot has been removed from the school's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryDeliveryLog, InMemoryScheduleLease } from '../../src/app/scheduling/in-memory.js';
import { type Measure, type OrgUnit, type Person, addDays, toOsloDate } from '../../src/domain/index.js';
import { deviation } from '../../src/domain/test-fixtures.js';
import { type Composition, composeApp } from '../../src/server/compose.js';
import { LOCAL_APP, readConfig } from '../../src/server/config.js';
import { type RunningApp, startAppServer } from '../../src/server/serve.js';
import { type Stack, openStack } from '../../src/server/stack.js';
import { type BotClient, type TestUser, createBotClient } from '../support/bot-client.js';
import { type ConnectorStandIn, type RecordedActivity, TEAMS_RATE_LIMITS, startConnectorStandIn } from '../support/connector-stand-in.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

const id = (n: number) => `7a2b0c1d-0000-4e5f-8a9b-${String(n).padStart(12, '0')}`;
const liv: TestUser = { aadObjectId: id(2), name: 'Liv Leder' };
const ola: TestUser = { aadObjectId: id(4), name: 'Ola Rektor' };
const nils: TestUser = { aadObjectId: id(7), name: 'Nils Sykepleier', locale: 'nn-NO' };
const vera = { aadObjectId: id(6), name: 'Vera Kvalitet' };

const CH = { kommune: '19:kommune-ledere@thread.tacv2', mh: '19:mh-ledere@thread.tacv2', husoy: '19:husoy-ledere@thread.tacv2', skole: '19:skole-ledere@thread.tacv2' };
const units: OrgUnit[] = [
  { id: 'kommune', name: 'Tønsberg kommune', level: 'municipality', parentId: null, leaderId: id(10) },
  { id: 'mh', name: 'Mestring og helse', level: 'sector', parentId: 'kommune', leaderId: id(11) },
  { id: 'husoy', name: 'Husøy sykehjem', level: 'unit', parentId: 'mh', leaderId: liv.aadObjectId },
  { id: 'ol', name: 'Oppvekst og læring', level: 'sector', parentId: 'kommune', leaderId: id(12) },
  { id: 'skole', name: 'Byskogen skole', level: 'unit', parentId: 'ol', leaderId: ola.aadObjectId },
];
const person = (u: { aadObjectId: string; name: string }, unitId: string, roles: Person['roles'] = ['employee']): Person => {
  const email = `${u.name.toLowerCase().replace(/\W+/g, '.')}@varde-demo.onmicrosoft.com`;
  return { id: u.aadObjectId, name: u.name, email, upn: email, unitId, roles };
};
const people: Person[] = [
  person({ aadObjectId: id(10), name: 'Kari Direktør' }, 'kommune', ['chiefExecutive']),
  person({ aadObjectId: id(11), name: 'Kåre Sektor' }, 'mh', ['sectorHead']),
  person({ aadObjectId: id(12), name: 'Siri Sektor' }, 'ol', ['sectorHead']),
  person(liv, 'husoy', ['unitLeader']),
  person(nils, 'husoy'),
  person(ola, 'skole', ['unitLeader']),
  person(vera, 'kommune', ['qualityAdviser']),
];

const today = toOsloDate(new Date());
const HEALTH_TITLE = 'Gjennomgå medisineringen til beboer på rom 12';
const HEALTH_CASE = deviation({ id: 'case-health', caseNumber: 'AV-2026-00042', unitId: 'husoy', reporterId: nils.aadObjectId, healthRelated: true, status: 'measuresDecided', handlerId: liv.aadObjectId });
const measure = (n: string, patch: Partial<Measure>): Measure => ({
  id: n,
  title: 'Tiltak',
  description: '',
  source: { type: 'audit', auditId: 'audit-1' },
  ownerId: nils.aadObjectId,
  unitId: 'husoy',
  deadline: addDays(today, -5),
  status: 'open',
  createdAt: '2026-01-05T08:00:00.000Z',
  completedAt: null,
  evaluation: null,
  cancelReason: null,
  ...patch,
});
const measures: Measure[] = [
  measure('m-health', { title: HEALTH_TITLE, source: { type: 'deviation', deviationId: HEALTH_CASE.id }, deadline: addDays(today, -3) }),
  measure('m-fire', { title: 'Oppdatere branninstruksen på avdeling B' }),
  measure('m-done-later', { title: 'Bytte låsen på medisinrommet', deadline: addDays(today, -1) }),
  measure('m-school', { title: 'Ny rutine for skolegården', ownerId: ola.aadObjectId, unitId: 'skole', deadline: addDays(today, -10) }),
  measure('m-not-due', { title: 'Ikke forfalt', deadline: addDays(today, 3) }),
];

type Card = Record<string, unknown>;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const appId = LOCAL_APP.clientId;
const json = (v: unknown) => JSON.stringify(v);
const cardIn = (a: RecordedActivity): Card | undefined => ((a.activity.attachments as { contentType: string; content: Card }[] | undefined) ?? []).find((x) => x.contentType === ADAPTIVE_CARD)?.content;

/** Every Action.Execute in the card, however deep (inside ShowCards and ActionSets). */
function executes(card: unknown): { verb: string; data: Record<string, string> }[] {
  const out: { verb: string; data: Record<string, string> }[] = [];
  (function walk(node: unknown) {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const el = node as Record<string, unknown>;
    if (el.type === 'Action.Execute') out.push({ verb: String(el.verb), data: el.data as Record<string, string> });
    Object.values(el).forEach(walk);
  })(card);
  return out;
}
const actionFor = (card: Card, verb: string, measureId: string) => {
  const found = executes(card).find((a) => a.verb === verb && a.data.m === measureId);
  if (!found) throw new Error(`no ${verb} for ${measureId} in ${json(card).slice(0, 300)}`);
  return found.data;
};

let em: TestEmulator;
let connector: ConnectorStandIn;
let stack: Stack;
let server: RunningApp;
let composition: Composition;
let client: BotClient;
const events: { event: string; details?: unknown }[] = [];
// The store two instances share (in production the 'varde-schedule' blob container).
const deliveries = new InMemoryDeliveryLog();
const lease = new InMemoryScheduleLease();

const api = async (who: string, path: string, init: RequestInit = {}) => {
  const signIn = await fetch(`${server.url}/api/local/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json({ personId: who }) });
  const { token } = (await signIn.json()) as { token: string };
  return fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
};
const run = async () => {
  const res = await api(vera.aadObjectId, '/api/admin/reminders/run', { method: 'POST' });
  expect(res.status).toBe(200);
  return (await res.json()) as { date: string; channels: number; measures: number; delivery: Record<string, number> };
};
const posts = (channel: string) => connector.activities.filter((a) => a.conversationId === channel && a.operation !== 'update');

/** Action.Execute on a card in a channel, as Teams sends it: the conversation is the channel's thread of the card. */
function channelAction(user: TestUser, channel: string, activityId: string, verb: string, data: Record<string, string>) {
  return client.post(
    client.personalActivity(user, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: activityId,
      conversation: { conversationType: 'channel', isGroup: true, tenantId: LOCAL_APP.tenantId, id: `${channel};messageid=${activityId}` },
      channelData: { tenant: { id: LOCAL_APP.tenantId }, team: { id: '19:team@thread.tacv2' }, channel: { id: channel } },
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    }),
  );
}
const invokeCard = (res: { status: number; body: unknown }) => {
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD });
  return (res.body as { value: Card }).value;
};

beforeAll(async () => {
  em = await startTestEmulator();
  connector = await startConnectorStandIn({ auth: { issuer: em.issuer.issuerUrl(), keys: em.issuer.keys, appId }, rateLimits: TEAMS_RATE_LIMITS });
  const config = readConfig({ GRAPH_BASE_URL: em.graphUrl, PORT: '0' });
  stack = await openStack(config);
  await stack.repos.organisation.upsertUnits(units);
  await stack.repos.organisation.upsertPeople(people);
  const created = await stack.repos.deviations.createMany([{ importKey: 'test:case-health', value: HEALTH_CASE }]);
  expect(created.failed).toEqual([]);
  expect((await stack.repos.measures.createMany(measures.map((m) => ({ importKey: `test:${m.id}`, value: m })))).failed).toEqual([]);
  for (const [unitId, channel] of Object.entries(CH)) {
    await stack.repos.leaderChannels.setLeaderChannel(unitId === 'skole' ? 'skole' : unitId, channel);
    await stack.repos.conversationReferences.save(
      { kind: 'channel', id: channel },
      { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: channel, isGroup: true, conversationType: 'channel', tenantId: LOCAL_APP.tenantId }, bot: { id: `28:${appId}`, name: 'Varde' } },
    );
  }
  connector.removeBot(CH.skole);
  composition = composeApp(config, stack, { log: (event, details) => void events.push({ event, details }), reminders: { deliveries, lease, instanceId: 'a' } });
  await composition.ready;
  server = await startAppServer(config, composition.app);
  client = createBotClient({ endpoint: `${server.url}/api/messages`, appId, serviceUrl: connector.url, sign: (aud, url, s) => em.issuer.botFramework.sign(aud, url, s) });
}, 60_000);

afterAll(async () => {
  await composition?.stop();
  await server?.close();
  await connector?.close();
  await em?.close();
});

describe('the daily digest', () => {
  let husoyCard: { activityId: string; card: Card };

  it('only quality advisers may start the run by hand', async () => {
    expect((await api(liv.aadObjectId, '/api/admin/reminders/run', { method: 'POST' })).status).toBe(403);
    expect(connector.activities).toEqual([]);
  });

  it('posts one card to each leader channel with what is overdue in its scope; a removed bot is noted and the rest go on', async () => {
    const summary = await run();
    expect(summary).toMatchObject({ date: today, channels: 4, measures: 4 });
    expect(summary.delivery).toMatchObject({ sent: 3, messages: 3, gone: 1, alreadySent: 0 });
    const [h, m, k, s] = [posts(CH.husoy), posts(CH.mh), posts(CH.kommune), posts(CH.skole)];
    expect([h.length, m.length, k.length, s.length]).toEqual([1, 1, 1, 0]);
    const husoy = json(cardIn(h[0] as RecordedActivity));
    // Husøy's own three, the sector's the same three, the kommune's all four; the one not yet due nowhere.
    expect(husoy).toContain('Oppdatere branninstruksen');
    expect(husoy).toContain('Bytte låsen');
    expect(husoy).not.toContain('skolegården');
    expect(json(cardIn(k[0] as RecordedActivity))).toContain('skolegården');
    for (const a of [...h, ...m, ...k]) {
      const card = json(cardIn(a));
      expect(card).not.toContain('Ikke forfalt');
      // A health-related case's measure: case number, unit and deadline, never its title (nor its owner).
      expect(card).not.toContain('medisineringen');
      expect(card).toContain('Tiltak i sak AV-2026-00042');
    }
    expect(connector.refused.filter((r) => r.status === 429)).toEqual([]);
    expect(connector.refused.filter((r) => r.status === 403)).toHaveLength(1);
    expect(events.filter((e) => e.event === 'reminders.channelGone')).toEqual([{ event: 'reminders.channelGone', details: { status: 403, date: today } }]);
    // The channel link is marked (RemovedAt on its row in 'Kanalkoblinger'), so the tab can say so; the others are not.
    const links = await stack.repos.committeeWork.channels.list();
    expect(links.filter((l) => l.removedAt !== null).map((l) => l.channelId)).toEqual([CH.skole]);
    husoyCard = { activityId: (h[0] as RecordedActivity).activityId, card: cardIn(h[0] as RecordedActivity) as Card };
  });

  it('the same day again, or a second instance on the same store, sends nothing twice', async () => {
    const before = connector.activities.length;
    expect((await run()).delivery).toMatchObject({ sent: 0, messages: 0, alreadySent: 3 });
    const second = composeApp(readConfig({ GRAPH_BASE_URL: em.graphUrl, PORT: '0' }), stack, { log: () => {}, reminders: { deliveries, lease, instanceId: 'b' } });
    try {
      await second.ready;
      expect((await second.reminders.runDailyReminders(new Date())).delivery).toMatchObject({ messages: 0, alreadySent: 3 });
    } finally {
      await second.stop();
    }
    expect(connector.activities.length).toBe(before);
  });

  it('"Utført" by the owner asks for the evaluation, marks the measure done and updates the card in place for everyone', async () => {
    const data = actionFor(husoyCard.card, 'reminderDone', 'm-fire');
    const since = connector.activities.length;
    const empty = invokeCard(await channelAction(nils, CH.husoy, husoyCard.activityId, 'reminderDone', { ...data, [data.f as string]: '  ' }));
    expect(json(empty)).toContain('Skriv ei kort evaluering'); // in the actor's nynorsk
    expect((await stack.repos.measures.get('m-fire'))?.value.status).toBe('open');

    const card = invokeCard(await channelAction(nils, CH.husoy, husoyCard.activityId, 'reminderDone', { ...data, [data.f as string]: 'Instruksen er oppdatert og gjennomgått på personalmøtet.' }));
    expect(json(card)).toContain('Tiltaket er sett som utført');
    expect(executes(card).some((a) => a.data.m === 'm-fire')).toBe(false);
    const stored = (await stack.repos.measures.get('m-fire'))?.value;
    expect(stored).toMatchObject({ status: 'done', evaluation: 'Instruksen er oppdatert og gjennomgått på personalmøtet.' });
    await composition.reminders.reminders.idle();
    const update = connector.activities.slice(since).find((a) => a.operation === 'update' && a.activityId === husoyCard.activityId);
    expect(update).toBeDefined();
    expect(json(cardIn(update as RecordedActivity))).toContain('Utført – satt av Nils Sykepleier');
  });

  it('someone who neither owns the measure nor leads above it gets a refusal in the card, and nothing changes', async () => {
    const data = actionFor(husoyCard.card, 'reminderNewDeadline', 'm-done-later');
    const card = invokeCard(await channelAction(ola, CH.husoy, husoyCard.activityId, 'reminderNewDeadline', { ...data, [data.f as string]: addDays(today, 14) }));
    expect(json(card)).toContain('Bare den som er ansvarlig for tiltaket, eller en leder over');
    expect((await stack.repos.measures.get('m-done-later'))?.value.deadline).toBe(addDays(today, -1));
  });

  it('"Ny frist" by the unit’s leader moves the deadline; a date in the past is refused', async () => {
    const data = actionFor(husoyCard.card, 'reminderNewDeadline', 'm-done-later');
    const past = invokeCard(await channelAction(liv, CH.husoy, husoyCard.activityId, 'reminderNewDeadline', { ...data, [data.f as string]: addDays(today, -2) }));
    expect(json(past)).toContain('Den nye fristen må være en gyldig dato');
    const card = invokeCard(await channelAction(liv, CH.husoy, husoyCard.activityId, 'reminderNewDeadline', { ...data, [data.f as string]: addDays(today, 14) }));
    expect(json(card)).toContain('Ny frist er lagret');
    expect((await stack.repos.measures.get('m-done-later'))?.value.deadline).toBe(addDays(today, 14));
  });

  it('a card copied to another conversation acts on nothing', async () => {
    const data = actionFor(husoyCard.card, 'reminderDone', 'm-health');
    const res = await channelAction(liv, CH.mh, husoyCard.activityId, 'reminderDone', { ...data, [data.f as string]: 'Gjort' });
    expect(json(res.body)).not.toContain(ADAPTIVE_CARD);
    expect((await stack.repos.measures.get('m-health'))?.value.status).toBe('open');
  });
});

describe('sending past Teams’ limits', () => {
  it('429s from the connector are retried after Retry-After until every digest is delivered', async () => {
    // Another instance with a store of its own (so it sends again), pacing itself faster than the connector now allows.
    connector.setRateLimits({ perConversationPerSecond: 1, perAppPerSecond: 2, retryAfterSeconds: 1 });
    const refusedBefore = connector.refused.length;
    const since = connector.activities.length;
    const other = composeApp(readConfig({ GRAPH_BASE_URL: em.graphUrl, PORT: '0' }), stack, {
      log: () => {},
      reminders: { deliveries: new InMemoryDeliveryLog(), lease: new InMemoryScheduleLease(), instanceId: 'c', pace: { perConversationPerSecond: 7, perAppPerSecond: 30 } },
    });
    try {
      await other.ready;
      const summary = await other.reminders.runDailyReminders(new Date());
      expect(summary.delivery).toMatchObject({ sent: 3, messages: 3 });
    } finally {
      await other.stop();
      connector.setRateLimits(TEAMS_RATE_LIMITS);
    }
    expect(connector.refused.slice(refusedBefore).filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(new Set(connector.activities.slice(since).filter((a) => a.operation === 'send').map((a) => a.conversationId))).toEqual(new Set([CH.husoy, CH.mh, CH.kommune]));
  }, 60_000);
});

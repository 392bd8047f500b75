// Conversations with the bot over real HTTP: the app composed as `npm start` composes it (ports 0, the emulator in memory),
// activities signed as the Teams channel signs them, a Bot Connector stand-in as Teams' serviceUrl that records every
// reply, proactive send and in-place update, and what was stored read back through Graph (not through the repositories).
// One small municipality: Kari reports at Husøy sykehjem (leader Liv, deputy Dag, a leader channel); Ola leads Byskogen
// skole, where Per works (in nynorsk); Vera receives whistleblowing reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgUnit, Person } from '../../src/domain/index.js';
import { type Composition, composeApp } from '../../src/server/compose.js';
import { LOCAL_APP, readConfig } from '../../src/server/config.js';
import { type RunningApp, startAppServer } from '../../src/server/serve.js';
import { openStack } from '../../src/server/stack.js';
import { type BotClient, type PostResult, type TestUser, createBotClient } from '../support/bot-client.js';
import { type ConnectorStandIn, type RecordedActivity, startConnectorStandIn } from '../support/connector-stand-in.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

// ── The municipality ─────────────────────────────────────────────────────────────────────────────

const id = (n: number) => `5e1f0c7a-0000-4a1b-8c2d-${String(n).padStart(12, '0')}`;
const kari: TestUser = { aadObjectId: id(1), name: 'Kari Nordmann' };
const liv: TestUser = { aadObjectId: id(2), name: 'Liv Leder' };
const dag: TestUser = { aadObjectId: id(3), name: 'Dag Nestleder' };
const ola: TestUser = { aadObjectId: id(4), name: 'Ola Rektor' };
const per: TestUser = { aadObjectId: id(5), name: 'Per Lærar', locale: 'nn-NO' };
const vera: TestUser = { aadObjectId: id(6), name: 'Vera Varselmottaker' };

const TEAM = '19:husoy-team@thread.tacv2';
const LEADER_CHANNEL = '19:husoy-ledere@thread.tacv2';

const units: OrgUnit[] = [
  { id: 'kommune', name: 'Tønsberg kommune', level: 'municipality', parentId: null, leaderId: id(10) },
  { id: 'mh', name: 'Mestring og helse', level: 'sector', parentId: 'kommune', leaderId: id(11) },
  { id: 'husoy', name: 'Husøy sykehjem', level: 'unit', parentId: 'mh', leaderId: liv.aadObjectId, deputyLeaderId: dag.aadObjectId },
  { id: 'ol', name: 'Oppvekst og læring', level: 'sector', parentId: 'kommune', leaderId: id(12) },
  { id: 'skole', name: 'Byskogen skole', level: 'unit', parentId: 'ol', leaderId: ola.aadObjectId },
];
const person = (user: TestUser | { aadObjectId: string; name: string }, unitId: string, roles: Person['roles'] = ['employee']): Person => {
  const email = `${user.name.toLowerCase().replace(/\W+/g, '.')}@varde-demo.onmicrosoft.com`;
  return { id: user.aadObjectId, name: user.name, email, upn: email, unitId, roles };
};
const people: Person[] = [
  person({ aadObjectId: id(10), name: 'Kari Direktør' }, 'kommune', ['chiefExecutive']),
  person({ aadObjectId: id(11), name: 'Kåre Sektor' }, 'mh', ['sectorHead']),
  person({ aadObjectId: id(12), name: 'Siri Sektor' }, 'ol', ['sectorHead']),
  person(kari, 'husoy'),
  person(liv, 'husoy', ['unitLeader']),
  person(dag, 'husoy', ['serviceLeader']),
  person(ola, 'skole', ['unitLeader']),
  person(per, 'skole'),
  person(vera, 'kommune', ['qualityAdviser']),
];

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────────

type Card = Record<string, unknown>;
type Fields = Record<string, unknown>;

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const appId = LOCAL_APP.clientId;
const year = new Date().getUTCFullYear();

let em: TestEmulator;
let connector: ConnectorStandIn;
let server: RunningApp;
let composition: Composition;
let client: BotClient;
let sites: { quality: string; confidential: string };
const events: string[] = [];

const json = (value: unknown) => JSON.stringify(value);
const chatOf = (user: TestUser) => client.personalConversationId(user);
const cardIn = (a: RecordedActivity): Card | undefined =>
  ((a.activity.attachments as { contentType: string; content: Card }[] | undefined) ?? []).find((x) => x.contentType === ADAPTIVE_CARD)?.content;
const textIn = (a: RecordedActivity) => (typeof a.activity.text === 'string' ? a.activity.text : null);
const caseNumberIn = (value: unknown) => /\b((?:AV|NU|FF|PT|VA)-\d{4}-\d{5,})\b/.exec(json(value))?.[1] ?? null;
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

/** Whether the stand-in recorded `a` at index `since` or later: what the bot did after a step began. */
const isAfter = (a: RecordedActivity, since: number) => connector.activities.indexOf(a) >= since;
/** What the stand-in recorded for a conversation (a person's chat or a channel), from index `since` on. */
const recorded = (conversationId: string, since = 0) => connector.activities.slice(since).filter((a) => a.conversationId === conversationId);
/** The next card the bot sends (sends, replies) to a conversation, after index `since` of the recording. */
const nextCard = async (conversationId: string, since: number, contains = '') => {
  const a = await connector.waitFor(
    (x) => isAfter(x, since) && x.conversationId === conversationId && x.operation !== 'update' && cardIn(x) !== undefined && json(cardIn(x)).includes(contains),
  );
  return { activityId: a.activityId, card: cardIn(a) as Card };
};
/** The next update in place of the message `activityId`. */
const updateOf = (conversationId: string, activityId: string, since: number) =>
  connector.waitFor((x) => isAfter(x, since) && x.operation === 'update' && x.conversationId === conversationId && x.activityId === activityId);
const nextText = async (conversationId: string, since: number) =>
  textIn(await connector.waitFor((x) => isAfter(x, since) && x.conversationId === conversationId && textIn(x) !== null)) as string;

/** Every input of a card (id → value), however deep in containers and columns. */
function inputsOf(card: Card): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  (function walk(node: unknown) {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const el = node as Record<string, unknown>;
    if (typeof el.type === 'string' && el.type.startsWith('Input.') && typeof el.id === 'string') out[el.id] = el.value;
    for (const value of Object.values(el)) walk(value);
  })(card.body);
  return out;
}

/** The data of the card's Action.Execute with `verb`. */
function actionData(card: Card, verb: string): Record<string, unknown> {
  const found = ((card.actions ?? []) as { verb?: string; data?: Record<string, unknown> }[]).find((a) => a.verb === verb);
  if (!found) throw new Error(`no ${verb} on ${json(card).slice(0, 300)}`);
  return found.data ?? {};
}

/** The card an invoke answered with (Action.Execute's response); fails on anything else. */
function invokeCard(res: PostResult): Card {
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD });
  return (res.body as { value: Card }).value;
}

/** A re-shown report form: the summary on top, `message` in it, and the submit button still there. */
function expectFormAgain(card: Card, message = '') {
  expect(json(card)).toContain('Meldingen er ikke sendt ennå');
  expect(json(card)).toContain(message);
  expect(actionData(card, 'submitReport').submissionId).toMatch(/^[0-9a-f-]{36}$/);
}

/** A message from `user`, and the form card the bot answers with (its message id is what the receipt later replaces). */
async function openForm(user: TestUser, text: string) {
  const since = connector.activities.length;
  expect((await client.message(user, text)).status).toBe(200);
  const form = await nextCard(chatOf(user), since, 'submitReport');
  return { ...form, submission: actionData(form.card, 'submitReport') };
}

/** Submits a form as Teams does: the action's data with the inputs' values merged in, from the form's message. */
/** Submits the form; returns once the leaders have been told too (that goes out after the receipt). */
async function submit(user: TestUser, form: { activityId: string; submission: Record<string, unknown> }, values: Record<string, unknown>) {
  const res = await client.actionExecute(user, { verb: 'submitReport', data: { ...form.submission, ...values }, replyToId: form.activityId });
  await composition.conversation.reporting.idle();
  return res;
}

const takeCase = (user: TestUser, card: { activityId: string; card: Card }) =>
  client.actionExecute(user, { verb: 'takeCase', data: actionData(card.card, 'takeCase'), replyToId: card.activityId });

const control = (path: string, body: object = {}) => fetch(`${em.url}/_emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const graphRequests = async () => ((await (await fetch(`${em.url}/_emulator/metrics`)).json()) as { requests: { total: number; byRoute: Record<string, number> } }).requests;

/** List items through Graph, as any Graph client would see them. */
async function listItems(site: 'quality' | 'confidential', list: string, filter?: string): Promise<Fields[]> {
  const query = new URLSearchParams({ $expand: 'fields', $top: '999', ...(filter ? { $filter: filter } : {}) });
  const res = await em.graph(`/sites/${sites[site]}/lists/${encodeURIComponent(list)}/items?${query}`);
  expect(res.status, `${list}: ${res.status}`).toBe(200);
  return ((await res.json()) as { value: { fields: Fields }[] }).value.map((item) => item.fields);
}
const avvik = (recordId: string) => listItems('quality', 'Avvik', `fields/RecordId eq '${recordId}'`);
const varsler = (recordId: string) => listItems('confidential', 'Varsler', `fields/RecordId eq '${recordId}'`);
const caseMessages = async (caseId: string) => (await listItems('quality', 'Saksmeldinger', `fields/CaseId eq '${caseId}'`))[0];

/** The form filled in as Kari would: a fall with harm to a resident, serious (high severity, a service user harmed). */
const SERIOUS_FALL = {
  kind: 'adverseEvent',
  description: 'Pasienten falt på badet i natt og slo hodet.',
  location: 'Bad, rom 12',
  unitId: 'husoy',
  severity: 'high',
  consequenceFor: 'serviceUser',
  immediateAction: 'Tilsyn av sykepleier, lege varslet.',
  occurredDate: '',
  occurredTime: '',
};

// ── The app, as `npm start` composes it ──────────────────────────────────────────────────────────

beforeAll(async () => {
  em = await startTestEmulator();
  connector = await startConnectorStandIn({
    auth: { issuer: em.issuer.issuerUrl(), keys: em.issuer.keys, appId },
    teams: { [TEAM]: [{ id: TEAM, name: 'Generelt' }, { id: LEADER_CHANNEL, name: 'Ledere' }] },
  });
  const config = readConfig({ GRAPH_BASE_URL: em.graphUrl, PORT: '0' });
  const stack = await openStack(config);
  await stack.repos.organisation.upsertUnits(units);
  await stack.repos.organisation.upsertPeople(people);
  await stack.repos.leaderChannels.setLeaderChannel('husoy', LEADER_CHANNEL);
  composition = composeApp(config, stack, { log: (event) => events.push(event), whistleblowingRecipientIds: [vera.aadObjectId] });
  await composition.ready;
  server = await startAppServer(config, composition.app);
  client = createBotClient({ endpoint: `${server.url}/api/messages`, appId, serviceUrl: connector.url, sign: (aud, url, s) => em.issuer.botFramework.sign(aud, url, s) });
  const siteId = async (path: string) => ((await (await em.graph(`/sites/varde-demo.sharepoint.com:${path}`)).json()) as { id: string }).id;
  sites = { quality: await siteId('/sites/kvalitet'), confidential: await siteId('/sites/kvalitet-varsling') };
});

afterAll(async () => {
  composition?.stop();
  await server?.close();
  await connector?.close();
  await em?.close();
});

// ── The conversation, in the order it happens ────────────────────────────────────────────────────

/** The report the tests below follow: Kari's serious fall. */
const theCase = { form: { activityId: '', submission: {} as Record<string, unknown> }, receipt: {} as Card, caseId: '', caseNumber: '' };
const leaderCards = { liv: { activityId: '', card: {} as Card }, dag: { activityId: '', card: {} as Card }, channel: { activityId: '', card: {} as Card } };

describe('installing', () => {
  it('the leader and the deputy (and the others who will be told things) get the welcome card when they install the app', async () => {
    for (const user of [liv, dag, ola, vera, per]) {
      const since = connector.activities.length;
      expect((await client.install(user)).status).toBe(200);
      expect(json((await nextCard(chatOf(user), since)).card)).toContain('Meld avvik');
    }
  });

  it('the bot learns the leader channel when it is added to the team', async () => {
    const since = connector.activities.length;
    const added = client.personalActivity(liv, {
      type: 'conversationUpdate',
      conversation: { id: TEAM, conversationType: 'channel', isGroup: true, tenantId: LOCAL_APP.tenantId },
      channelData: { tenant: { id: LOCAL_APP.tenantId }, team: { id: TEAM, name: 'Husøy sykehjem' }, channel: { id: TEAM }, eventType: 'teamMemberAdded' },
      membersAdded: [{ id: `28:${appId}` }],
    });
    expect((await client.post(added)).status).toBe(200);
    await nextCard(TEAM, since);
    const links = await listItems('quality', 'Kanalkoblinger', `fields/TargetId eq '${LEADER_CHANNEL}'`);
    expect(links.map((l) => l.TargetKind)).toEqual(['channel']);
  });

  it('the reporter gets the welcome card when she installs the app', async () => {
    const since = connector.activities.length;
    expect((await client.install(kari)).status).toBe(200);
    const welcome = await nextCard(chatOf(kari), since);
    expect(json(welcome.card)).toContain('Meld avvik');
    expect(recorded(chatOf(kari), since).every((a) => a.appId === appId)).toBe(true);
  });
});

describe('reporting', () => {
  it('free text starts the form, prefilled, with an adverse event suggested and her unit chosen', async () => {
    const form = await openForm(kari, 'pasienten falt på badet i natt');
    const inputs = inputsOf(form.card);
    expect(inputs.kind).toBe('adverseEvent');
    expect(inputs.description).toBe('pasienten falt på badet i natt');
    expect(inputs.unitId).toBe('husoy');
    expect(form.submission.submissionId).toMatch(/^[0-9a-f-]{36}$/);
    theCase.form = form;
  });

  it('submitting answers with the receipt and stores the case in Avvik, for at most two Graph requests', async () => {
    await control('metrics/reset');
    const res = await submit(kari, theCase.form, SERIOUS_FALL);
    const used = await graphRequests();
    theCase.receipt = invokeCard(res);
    theCase.caseId = String(theCase.form.submission.submissionId);
    theCase.caseNumber = caseNumberIn(theCase.receipt) ?? '';
    expect(theCase.caseNumber).toMatch(/^AV-\d{4}-\d{5}$/);
    expect(theCase.caseNumber.slice(3, 7)).toBe(String(year));
    expect(json(theCase.receipt)).toContain('Takk! Meldingen er registrert.');
    // The app warmed up at start: the case's create and the save of its message links, nothing else.
    expect(used.total, json(used.byRoute)).toBeLessThanOrEqual(2);

    const items = await avvik(theCase.caseId);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      CaseNumber: theCase.caseNumber,
      Kind: 'adverseEvent',
      Status: 'new',
      Severity: 'high',
      UnitId: 'husoy',
      ReporterId: kari.aadObjectId,
      Location: 'Bad, rom 12',
      Description: 'Pasienten falt på badet i natt og slo hodet.',
      ImmediateAction: 'Tilsyn av sykepleier, lege varslet.',
      HealthRelated: true,
    });
    expect(JSON.parse(String(items[0]?.ConsequenceFor))).toEqual(['serviceUser']);
    expect(items[0]?.HandlerId ?? null).toBeNull();
  });

  it('the leader and the deputy each get a card with "Ta saken"', async () => {
    leaderCards.liv = await nextCard(chatOf(liv), 0, theCase.caseNumber);
    leaderCards.dag = await nextCard(chatOf(dag), 0, theCase.caseNumber);
    for (const { card } of [leaderCards.liv, leaderCards.dag]) {
      expect(json(card)).toContain('Ta saken');
      expect(actionData(card, 'takeCase')).toMatchObject({ caseId: theCase.caseId });
    }
    expect(recorded(chatOf(liv)).filter((a) => a.operation === 'send')).toHaveLength(1);
  });

  it('a serious case goes to the leader channel too, without the description', async () => {
    leaderCards.channel = await nextCard(LEADER_CHANNEL, 0, theCase.caseNumber);
    const card = json(leaderCards.channel.card);
    expect(card).toContain('Husøy sykehjem');
    expect(card).not.toContain('falt på badet');
    expect(card).not.toContain('rom 12');
    expect(card).not.toContain('lege varslet');
  });

  it('a double tap gives the same receipt, keeps one item in Avvik and tells the leaders once', async () => {
    const since = connector.activities.length;
    const again = invokeCard(await submit(kari, theCase.form, SERIOUS_FALL));
    expect(caseNumberIn(again)).toBe(theCase.caseNumber);
    expect(again).toEqual(theCase.receipt);
    await settle();
    expect(await avvik(theCase.caseId)).toHaveLength(1);
    expect(connector.activities.slice(since).filter((a) => a.operation === 'send')).toEqual([]);
  });
});

describe('markup in what people write', () => {
  it('is a report like any other: stored as written, and shown to the leader only as plain text', async () => {
    const written = '<script>alert(1)</script> **Brann** i [kjøkkenet](https://evil.example/) $filter=1 eq 1';
    const form = await openForm(kari, written);
    const since = connector.activities.length;
    const receipt = invokeCard(await submit(kari, form, { kind: 'nearMiss', description: written, unitId: 'husoy', severity: 'low' }));
    const caseNumber = caseNumberIn(receipt) ?? '';
    expect((await avvik(String(form.submission.submissionId)))[0]).toMatchObject({ Description: written, CaseNumber: caseNumber });

    const { card } = await nextCard(chatOf(liv), since, caseNumber);
    const shownIn: string[] = [];
    (function walk(node: unknown) {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== 'object') return;
      const el = node as Record<string, unknown>;
      if (typeof el.text === 'string' && el.text.includes('evil.example')) shownIn.push(String(el.type));
      for (const value of Object.values(el)) walk(value);
    })(card);
    // A TextRun renders no markdown: the link is text, not a link.
    expect(shownIn.length).toBeGreaterThan(0);
    expect(new Set(shownIn)).toEqual(new Set(['TextRun']));
  });
});

describe('taking the case', () => {
  it('a leader of another unit who taps "Ta saken" is refused in Norwegian, and the case stays as it was', async () => {
    const since = connector.activities.length;
    const res = await client.actionExecute(ola, { verb: 'takeCase', data: { caseId: theCase.caseId }, replyToId: '1700000000099' });
    expect(res.status).toBe(200);
    expect(json(res.body)).not.toContain(theCase.caseNumber);
    expect(await nextText(chatOf(ola), since)).toBe('Du har ikke tilgang til å gjøre dette.');
    expect((await avvik(theCase.caseId))[0]).toMatchObject({ Status: 'new' });
    expect((await avvik(theCase.caseId))[0]?.HandlerId ?? null).toBeNull();
    expect(connector.activities.slice(since).filter((a) => a.operation === 'update')).toEqual([]);
  });

  it('the leader takes it: her card says "Tatt av", the deputy’s card and the reporter’s receipt change in place, and the reporter hears', async () => {
    const since = connector.activities.length;
    const own = invokeCard(await takeCase(liv, leaderCards.liv));
    expect(json(own)).toContain('Tatt av Liv Leder');
    expect(json(own)).not.toContain('"verb":"takeCase"');

    const deputy = await updateOf(chatOf(dag), leaderCards.dag.activityId, since);
    expect(json(cardIn(deputy))).toContain('Tatt av Liv Leder');
    const channel = await updateOf(LEADER_CHANNEL, leaderCards.channel.activityId, since);
    expect(json(cardIn(channel))).not.toContain('falt på badet');
    const receipt = await updateOf(chatOf(kari), theCase.form.activityId, since);
    expect(json(cardIn(receipt))).toContain(theCase.caseNumber);
    expect(json(cardIn(receipt))).toContain('Mottatt');
    expect(await nextText(chatOf(kari), since)).toBe(`Saken din ${theCase.caseNumber} er mottatt av Liv Leder.`);
    // Liv's own card is answered by the invoke, not updated behind her back.
    expect(recorded(chatOf(liv), since).filter((a) => a.operation === 'update')).toEqual([]);

    expect((await avvik(theCase.caseId))[0]).toMatchObject({ Status: 'received', HandlerId: liv.aadObjectId });
  });

  it('the deputy who taps "Ta saken" afterwards hears who took it', async () => {
    const since = connector.activities.length;
    await takeCase(dag, leaderCards.dag);
    expect(await nextText(chatOf(dag), since)).toBe('Saken er allerede tatt av Liv Leder.');
  });
});

describe('Mine meldinger', () => {
  it('lists the reporter’s case for her', async () => {
    const since = connector.activities.length;
    await client.message(kari, 'Mine meldinger');
    expect(json((await nextCard(chatOf(kari), since)).card)).toContain(theCase.caseNumber);
  });

  it('does not list it for another employee', async () => {
    const since = connector.activities.length;
    await client.message(per, 'mine meldingar');
    const card = await nextCard(chatOf(per), since);
    expect(json(card.card)).not.toContain(theCase.caseNumber);
  });
});

describe('whistleblowing', () => {
  it('is stored only in the confidential site’s Varsler, reaches only the named recipient, and is never posted in a channel', async () => {
    const since = connector.activities.length;
    const form = await openForm(kari, 'varsling');
    expect(inputsOf(form.card)).not.toHaveProperty('unitId');
    const receipt = invokeCard(await submit(kari, form, { description: 'Lederen bruker kommunens bil privat.', occurredDate: '', occurredTime: '' }));
    const caseNumber = caseNumberIn(receipt);
    expect(caseNumber).toMatch(/^VA-\d{4}-\d{5}$/);

    const caseId = String(form.submission.submissionId);
    expect(await varsler(caseId)).toEqual([expect.objectContaining({ CaseNumber: caseNumber, Kind: 'whistleblowingReport', ReporterId: kari.aadObjectId })]);
    expect(await avvik(caseId)).toEqual([]);
    expect(await listItems('quality', 'Saksmeldinger', `fields/CaseId eq '${caseId}'`)).toEqual([]);

    expect(json((await nextCard(chatOf(vera), since, caseNumber ?? '')).card)).toContain('Ta saken');
    await settle();
    const sent = connector.activities.slice(since).filter((a) => a.operation === 'send');
    expect(sent.map((a) => a.conversationId)).toEqual([chatOf(vera)]);
    expect(recorded(LEADER_CHANNEL, since)).toEqual([]);
  });
});

describe('bad input over HTTP: the form again with a Norwegian message, never a 5xx, nothing stored', () => {
  let form: Awaited<ReturnType<typeof openForm>>;
  let before: number;

  beforeAll(async () => {
    form = await openForm(kari, 'Det lukter brent på vaskerommet');
    before = (await listItems('quality', 'Avvik')).length;
  });

  const filled = { kind: 'nearMiss', description: 'Det lukter brent på vaskerommet', unitId: 'husoy', severity: 'low', occurredDate: '', occurredTime: '' };
  const cases: [name: string, values: Record<string, unknown>, message: string][] = [
    ['a description of 100,000 characters', { ...filled, description: 'x'.repeat(100_000) }, 'Beskrivelsen kan ha høyst'],
    ['an object where text belongs', { ...filled, severity: { $ne: null } }, 'Verdien har feil format'],
    ['a list where text belongs', { ...filled, location: ['Rom 1', 'Rom 2'] }, 'Verdien har feil format'],
    ['a script tag as the severity', { ...filled, severity: '<script>alert(1)</script>' }, 'Velg alvorlighetsgrad fra listen'],
    ['a markdown link as the kind', { ...filled, kind: '[Trykk her](https://evil.example/)' }, 'Velg hva slags melding dette er'],
    ['an OData injection as the unit', { ...filled, unitId: "husoy' or UnitId ne '" }, 'Finner ikke enheten'],
    ['a consequence that is not on the list', { ...filled, consequenceFor: 'serviceUser,<img src=x onerror=alert(1)>' }, 'Velg hvem det fikk konsekvenser for fra listen'],
    ['an unknown unit', { ...filled, unitId: 'finnes-ikke' }, 'Finner ikke enheten'],
    ['a date in the year 30000', { ...filled, occurredDate: '30000-01-01' }, 'Skriv en gyldig dato'],
    ['a forged submission id', { ...filled, submissionId: "x' or 1 eq 1" }, 'Skjemaet manglet en intern nøkkel'],
  ];

  it.each(cases)('%s', async (_name, values, message) => {
    expectFormAgain(invokeCard(await submit(kari, form, values)), message);
  });

  it('a random JSON blob as the data', async () => {
    const blob = { '🦄': [1, { nested: { deeper: [null, true, 3.14] } }], constructor: { prototype: { polluted: 'yes' } }, verb: 'takeCase' };
    expectFormAgain(invokeCard(await client.actionExecute(kari, { verb: 'submitReport', data: blob, replyToId: form.activityId })), 'Skjemaet manglet en intern nøkkel');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('data that is not an object at all', async () => {
    for (const data of [[1, 2, 3], 'submitReport', 42, null]) {
      expectFormAgain(invokeCard(await client.actionExecute(kari, { verb: 'submitReport', data: data as unknown as Record<string, unknown>, replyToId: form.activityId })));
    }
  });

  it('nothing of it was stored', async () => {
    expect(await avvik(String(form.submission.submissionId))).toEqual([]);
    expect(await listItems('quality', 'Avvik')).toHaveLength(before);
  });
});

describe('when Graph is throttled or down', () => {
  it('the receipt truthfully says the report waits; once Graph is back and the retry runs, it is stored and the receipt changes in place', async () => {
    const form = await openForm(kari, 'Heisen stoppet mellom etasjene');
    const caseId = String(form.submission.submissionId);
    const since = connector.activities.length;
    await control('faults', { rate503: 1, retryAfterSeconds: 0 });
    let waiting: Card;
    try {
      waiting = invokeCard(await submit(kari, form, { kind: 'adverseEvent', description: 'Heisen stoppet mellom etasjene', unitId: 'husoy', severity: 'medium', consequenceFor: 'employee' }));
    } finally {
      await control('faults', { reset: true });
    }
    expect(json(waiting)).toContain('Meldingen er lagret, men ikke sendt videre ennå');
    expect(caseNumberIn(waiting)).toBeNull();
    expect(await avvik(caseId)).toEqual([]);

    expect(await composition.conversation.reporting.retryPending()).toEqual({ stored: 1, waiting: 0 });
    const [item] = await avvik(caseId);
    expect(item).toMatchObject({ Description: 'Heisen stoppet mellom etasjene', Status: 'new', ReporterId: kari.aadObjectId });
    const receipt = await updateOf(chatOf(kari), form.activityId, since);
    expect(json(cardIn(receipt))).toContain(String(item?.CaseNumber));
    expect(json(cardIn(receipt))).toContain('Takk! Meldingen er registrert.');
    expect(await nextText(chatOf(kari), since)).toBe(`Meldingen din er nå registrert som ${String(item?.CaseNumber)}.`);
    await nextCard(chatOf(liv), since, String(item?.CaseNumber));
  });
});

describe('after a restart', () => {
  it('the case keeps what the Messenger needs: a new app instance updates the receipt the old one answered with', async () => {
    const stored = await caseMessages(theCase.caseId);
    expect(JSON.parse(String(stored?.Messages)).receipt).toEqual({ conversationId: chatOf(kari), activityId: theCase.form.activityId, serviceUrl: connector.url });

    const config = readConfig({ GRAPH_BASE_URL: em.graphUrl, PORT: '0' });
    const restarted = composeApp(config, await openStack(config), { log: (event) => events.push(event), whistleblowingRecipientIds: [vera.aadObjectId] });
    try {
      await restarted.ready;
      const since = connector.activities.length;
      // No turn has reached the new instance: the only way it knows where Kari's chat is served is the stored ref.
      expect(await restarted.conversation.reporting.notifyReporter(theCase.caseId)).toBe(true);
      const receipt = await updateOf(chatOf(kari), theCase.form.activityId, since);
      expect(receipt.appId).toBe(appId);
      expect(json(cardIn(receipt))).toContain(theCase.caseNumber);
    } finally {
      restarted.stop();
    }
    expect(events).not.toContain('reporting.updateCardFailed');
  });
});

describe('the reporter’s language', () => {
  it('a reporter who writes nynorsk hears back in nynorsk when a leader takes the case', async () => {
    const form = await openForm(per, 'Ein elev skadde seg i gymsalen');
    const receipt = invokeCard(await submit(per, form, { kind: 'adverseEvent', description: 'Ein elev skadde seg i gymsalen', unitId: 'skole', severity: 'low', consequenceFor: 'employee' }));
    const caseNumber = caseNumberIn(receipt) ?? '';
    expect(json(receipt)).toContain('Takk! Meldinga er registrert.');
    expect((await caseMessages(String(form.submission.submissionId)))?.ReporterLocale).toBe('nn-NO');

    const olaCard = await nextCard(chatOf(ola), 0, caseNumber);
    const since = connector.activities.length;
    invokeCard(await takeCase(ola, olaCard));
    expect(await nextText(chatOf(per), since)).toBe(`Saka di ${caseNumber} er motteken av Ola Rektor.`);
    expect(json(cardIn(await updateOf(chatOf(per), form.activityId, since)))).toContain('Motteken');
  });
});

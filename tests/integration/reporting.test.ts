// Reporting in the chat against the emulator: form → receipt in ≤ 2 Graph requests, double submits, whistleblowing, leaders taking cases, hearing back, Graph down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConversationHandler, createConversationHandler } from '../../src/app/conversation/handler.js';
import type { CardJson, Incoming, Reply } from '../../src/app/conversation/types.js';
import type { DeviationRepository, MessageRef, Messenger, OutgoingMessage } from '../../src/app/ports/index.js';
import type { OrgUnit, Person } from '../../src/domain/index.js';
import { createGraphClient } from '../../src/sharepoint/graph/index.js';
import { provision } from '../../src/sharepoint/provisioning/provision.js';
import { type SharePointRepositories, createSharePointRepositories } from '../../src/sharepoint/repositories/index.js';
import { LISTS } from '../../src/sharepoint/schema/lists.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

/** A test double of the Messenger port: records what was sent and updated, and hands out refs like Teams would. */
class RecordingMessenger implements Messenger {
  readonly sent: { to: 'person' | 'channel'; id: string; message: OutgoingMessage; ref: MessageRef }[] = [];
  readonly updates: { ref: MessageRef; card: CardJson }[] = [];
  private next = 0;

  async sendToPerson(personId: string, message: OutgoingMessage): Promise<MessageRef | null> {
    const ref = { conversationId: `chat:${personId}`, activityId: `act-${++this.next}` };
    this.sent.push({ to: 'person', id: personId, message, ref });
    return ref;
  }

  async sendToChannel(channelId: string, message: OutgoingMessage): Promise<MessageRef | null> {
    const ref = { conversationId: `channel:${channelId}`, activityId: `act-${++this.next}` };
    this.sent.push({ to: 'channel', id: channelId, message, ref });
    return ref;
  }

  async updateCard(ref: MessageRef, card: CardJson): Promise<void> {
    this.updates.push({ ref, card });
  }

  cardsTo(id: string) {
    return this.sent.filter((s) => s.id === id && 'card' in s.message);
  }

  textsTo(id: string): string[] {
    return this.sent.filter((s) => s.id === id && 'text' in s.message).map((s) => (s.message as { text: string }).text);
  }

  clear(): void {
    this.sent.length = 0;
    this.updates.length = 0;
  }
}

const TAB = 'https://varde.example/tab';
const HUSOY_CHANNEL = '19:husoy-ledere@thread.tacv2';

const units: OrgUnit[] = [
  { id: 'kommune', name: 'Tønsberg kommune', level: 'municipality', parentId: null, leaderId: 'p-kd' },
  { id: 'mh', name: 'Mestring og helse', level: 'sector', parentId: 'kommune', leaderId: 'p-ks' },
  { id: 'husoy', name: 'Husøy sykehjem', level: 'unit', parentId: 'mh', leaderId: 'p-liv', deputyLeaderId: 'p-dag' },
  { id: 'ol', name: 'Oppvekst og læring', level: 'sector', parentId: 'kommune', leaderId: 'p-ks2' },
  { id: 'skole', name: 'Byskogen skole', level: 'unit', parentId: 'ol', leaderId: 'p-ola' },
];
const person = (id: string, name: string, unitId: string, roles: Person['roles'] = ['employee']): Person => {
  const email = `${id}@varde-demo.onmicrosoft.com`;
  return { id, name, email, upn: email, unitId, roles };
};
const people: Person[] = [
  person('p-kd', 'Kari Direktør', 'kommune', ['chiefExecutive']),
  person('p-ks', 'Kåre Sektor', 'mh', ['sectorHead']),
  person('p-ks2', 'Siri Sektor', 'ol', ['sectorHead']),
  person('p-liv', 'Liv Leder', 'husoy', ['unitLeader']),
  person('p-dag', 'Dag Deputy', 'husoy', ['serviceLeader']),
  person('p-ola', 'Ola Rektor', 'skole', ['unitLeader']),
  person('p-kari', 'Kari Nordmann', 'husoy'),
  person('p-per', 'Per Lærer', 'skole'),
  person('p-varsel', 'Vera Varselmottaker', 'kommune', ['qualityAdviser']),
];

let em: TestEmulator;
let repos: SharePointRepositories;
let messenger: RecordingMessenger;
let handler: ConversationHandler;
let siteIds: { quality: string; confidential: string };
const year = new Date().getUTCFullYear();

const control = (path: string, body?: object) =>
  fetch(`${em.url}/_emulator/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const faults = (body: object) => control('faults', body);
const metrics = async () => (await (await control('metrics')).json()) as { requests: { total: number; byRoute: Record<string, number> }; resourceUnits: { total: number } };

const speaker = (personId: string) => ({ personId, name: people.find((p) => p.id === personId)?.name ?? personId, locale: 'nb-NO' });
const chat = (personId: string) => ({ conversationId: `chat:${personId}`, kind: 'personal' as const });
const say = (personId: string, text: string): Incoming => ({ type: 'text', speaker: speaker(personId), address: chat(personId), text, attachments: [] });
const act = (personId: string, verb: string, data: unknown, activityId: string | null = null): Incoming => ({
  type: 'action',
  speaker: speaker(personId),
  address: chat(personId),
  verb,
  data,
  activityId,
});

const json = (card: unknown) => JSON.stringify(card);
const firstCard = (reply: Reply): CardJson => {
  const msg = reply.send?.find((m) => 'card' in m);
  if (!msg || !('card' in msg)) throw new Error(`no card in ${json(reply)}`);
  return msg.card;
};
const texts = (reply: Reply) => (reply.send ?? []).flatMap((m) => ('text' in m ? [m.text] : []));
/** The Action.Execute of a card with the given verb, and its data. */
const action = (card: CardJson, verb: string): Record<string, string> => {
  const found = ((card.actions ?? []) as { verb?: string; data?: Record<string, string> }[]).find((a) => a.verb === verb);
  if (!found) throw new Error(`no ${verb} in ${json(card)}`);
  return found.data ?? {};
};
const caseNumberIn = (card: unknown): string | null => /\b((?:AV|NU|FF|PT|VA)-\d{4}-\d{5,})\b/.exec(json(card))?.[1] ?? null;

let formCounter = 0;
/** Opens a form (free text), fills it in and returns the submit's data and the form's activity id. */
async function fillForm(personId: string, patch: Record<string, string> = {}, text = 'Pasienten falt på badet i natt') {
  const form = firstCard(await handler.handle(say(personId, text)));
  const data = action(form, 'submitReport');
  const filled: Record<string, string> = { ...data, kind: 'adverseEvent', description: text, unitId: 'husoy', severity: 'medium', consequenceFor: 'employee', occurredDate: '', occurredTime: '', ...patch };
  return { activityId: `form-${++formCounter}`, data: filled };
}

async function report(personId: string, patch: Record<string, string> = {}) {
  const { data, activityId } = await fillForm(personId, patch);
  const reply = await handler.handle(act(personId, 'submitReport', data, activityId));
  return { reply, data, activityId, caseNumber: caseNumberIn(reply.refreshCard), caseId: data.submissionId as string };
}

beforeAll(async () => {
  em = await startTestEmulator();
  const client = createGraphClient({ baseUrl: em.graphUrl, getToken: async () => 't', userAgent: 'NONISV|Test|Varde/0', connectionRetryBaseMs: 5, maxRetries: 2 });
  const report = await provision(client, {
    sites: { quality: { hostname: 'varde-demo.sharepoint.com', path: '/sites/kvalitet' }, confidential: { hostname: 'varde-demo.sharepoint.com', path: '/sites/kvalitet-varsling' } },
    schema: LISTS,
    createSite: async (site) => {
      await control('sites', site);
    },
  });
  siteIds = { quality: report.siteIds.quality as string, confidential: report.siteIds.confidential as string };
  repos = createSharePointRepositories(client, siteIds);
  await repos.organisation.upsertUnits(units);
  await repos.organisation.upsertPeople(people);
  await repos.leaderChannels.setLeaderChannel('husoy', HUSOY_CHANNEL);
  messenger = new RecordingMessenger();
  handler = settled(
    createConversationHandler({
      ...repos,
      messenger,
      config: { tabBaseUrl: TAB, whistleblowingRecipientIds: ['p-varsel'], retry: { auto: false } },
    }),
  );
  await repos.warmUp();
  await handler.reporting.warmUp();
});

/** Handles a turn and waits for what follows it (the leaders' cards go out after the receipt). */
function settled<T extends { handle: (i: never) => Promise<unknown>; reporting: { idle(): Promise<void> } }>(h: T): T {
  const handle = h.handle.bind(h);
  return Object.assign(h, { handle: async (i: never) => { const r = await handle(i); await h.reporting.idle(); return r; } });
}

afterAll(async () => {
  handler?.reporting.stop();
  await em.close();
});

describe('reporting in the chat', () => {
  it('free text starts a prefilled form with a suggested kind and the reporter’s unit', async () => {
    const form = firstCard(await handler.handle(say('p-kari', 'Pasienten holdt på å falle i gangen')));
    const inputs = (form.body as { id?: string; value?: string }[]).flatMap(function walk(e: unknown): { id?: string; value?: string }[] {
      const el = e as { id?: string; value?: string; items?: unknown[]; columns?: { items: unknown[] }[] };
      return [el, ...(el.items ?? []).flatMap(walk), ...(el.columns ?? []).flatMap((c) => c.items.flatMap(walk))];
    });
    expect(inputs.find((i) => i.id === 'kind')?.value).toBe('nearMiss');
    expect(inputs.find((i) => i.id === 'description')?.value).toBe('Pasienten holdt på å falle i gangen');
    expect(inputs.find((i) => i.id === 'unitId')?.value).toBe('husoy');
    expect(action(form, 'submitReport').submissionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the welcome card on install, and the command menu words', async () => {
    const welcome = await handler.handle({ type: 'install', speaker: speaker('p-kari'), address: chat('p-kari') });
    expect(json(firstCard(welcome))).toContain('Meld avvik');
    expect(json(firstCard(await handler.handle(say('p-kari', 'Nytt forbedringsforslag'))))).toContain('"value":"improvementProposal"');
    expect(json(firstCard(await handler.handle(say('p-kari', 'Mine meldinger'))))).toContain('Mine meldinger');
  });

  it('a report gives a receipt with the case number and a link, tells the leader and deputy, and costs ≤ 2 Graph requests', async () => {
    await report('p-kari'); // warm: the first report of a process may resolve lists
    messenger.clear();
    await control('metrics/reset', {});
    const { reply, caseNumber, caseId, activityId } = await report('p-kari');
    const used = await metrics();

    expect(caseNumber).toMatch(new RegExp(`^AV-${year}-\\d{5}$`));
    expect(json(reply.refreshCard)).toContain(`${TAB}/cases/${caseId}`);
    expect(json(reply.refreshCard)).toContain('Takk! Meldingen er registrert.');
    // The create and the one save of the case's messages; nothing else.
    expect(used.requests.total, json(used.requests.byRoute)).toBeLessThanOrEqual(2);
    console.log(`Graph per report: ${used.requests.total} requests, ${used.resourceUnits.total} resource units: ${json(used.requests.byRoute)}`);

    expect(messenger.cardsTo('p-liv')).toHaveLength(1);
    expect(messenger.cardsTo('p-dag')).toHaveLength(1);
    expect(json(messenger.cardsTo('p-liv')[0]?.message)).toContain('Ta saken');
    // Not serious (medium, an employee): no post in the leader channel.
    expect(messenger.sent.filter((s) => s.to === 'channel')).toEqual([]);
    const stored = await repos.caseMessages.get(caseId);
    expect(stored?.receipt).toEqual({ conversationId: 'chat:p-kari', activityId });
    expect(stored?.notifications).toHaveLength(2);
  });

  it('a serious case also goes to the leader channel, with only number, kind, unit, severity and a link', async () => {
    messenger.clear();
    const { caseNumber, caseId } = await report('p-kari', { severity: 'high', consequenceFor: 'serviceUser', location: 'Rom 12, Kari Pasient' });
    const posts = messenger.sent.filter((s) => s.to === 'channel');
    expect(posts.map((p) => p.id)).toEqual([HUSOY_CHANNEL]);
    const card = json(posts[0]?.message);
    expect(card).toContain(caseNumber as string);
    expect(card).toContain('Husøy sykehjem');
    expect(card).toContain(`${TAB}/cases/${caseId}`);
    expect(card).not.toContain('falt på badet');
    expect(card).not.toContain('Kari Pasient');
    expect((await repos.caseMessages.get(caseId))?.channelNotifications).toHaveLength(1);
  });

  it('a double-tapped submit creates one case and gives the same receipt, here and on another instance', async () => {
    const { data, activityId } = await fillForm('p-kari');
    const [a, b] = await Promise.all([handler.handle(act('p-kari', 'submitReport', data, activityId)), handler.handle(act('p-kari', 'submitReport', data, activityId))]);
    const c = await handler.handle(act('p-kari', 'submitReport', data, activityId));
    expect(caseNumberIn(a.refreshCard)).not.toBeNull();
    expect(caseNumberIn(b.refreshCard)).toBe(caseNumberIn(a.refreshCard));
    expect(caseNumberIn(c.refreshCard)).toBe(caseNumberIn(a.refreshCard));

    // Another instance (its own memory) meets the stored case through the idempotent create.
    const other = settled(createConversationHandler({ ...repos, messenger, config: { tabBaseUrl: TAB, whistleblowingRecipientIds: ['p-varsel'], retry: { auto: false } } }));
    const sentBefore = messenger.sent.length;
    const d = await other.handle(act('p-kari', 'submitReport', data, activityId));
    expect(caseNumberIn(d.refreshCard)).toBe(caseNumberIn(a.refreshCard));
    // The leaders were told once, by the instance that stored it.
    expect(messenger.sent.length).toBe(sentBefore);
    other.reporting.stop();

    const mine = await repos.deviations.listByReporter('p-kari', { pageSize: 500 });
    expect(mine.items.filter((s) => s.value.id === data.submissionId)).toHaveLength(1);
    // Someone else replaying the same submit gets nothing of it.
    const foreign = await handler.handle(act('p-per', 'submitReport', { ...data, unitId: 'skole' }, 'x'));
    expect(foreign.refreshCard).toBeUndefined();
    expect(texts(foreign)).toEqual(['Du har ikke tilgang til å gjøre dette.']);
  });

  it('bad submits get the form back with Norwegian messages and the input kept; nothing is stored', async () => {
    const before = await repos.deviations.count();
    const { data, activityId } = await fillForm('p-kari');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...data, description: 'x'.repeat(100_000) }, 'Beskrivelsen kan ha høyst'],
      [{ ...data, unitId: 'finnes-ikke' }, 'Finner ikke enheten'],
      [{ ...data, occurredDate: '30000-01-01' }, 'Skriv en gyldig dato'],
      [{ ...data, severity: { $ne: null } }, 'Verdien har feil format'],
      [{ ...data, description: '' }, 'Beskriv hva som skjedde'],
    ];
    for (const [bad, message] of cases) {
      const reply = await handler.handle(act('p-kari', 'submitReport', bad, activityId));
      expect(json(reply.refreshCard)).toContain(message);
      expect(json(reply.refreshCard)).toContain('Meldingen er ikke sendt ennå');
      expect(json(reply.refreshCard)).toContain(data.submissionId);
    }
    for (const weird of [null, 'x', 42, [], { submissionId: { $gt: '' } }]) {
      const reply = await handler.handle(act('p-kari', 'submitReport', weird, activityId));
      expect(json(reply)).toContain('Meldingen er ikke sendt ennå');
    }
    expect(await repos.deviations.count()).toBe(before);
    expect(texts(await handler.handle(act('p-kari', 'noSuchVerb', {})))).toContain('Det forsto jeg ikke.');
  });
});

describe('files sent in the chat', () => {
  const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 2000 }, (_, i) => i % 251)]);
  const received = (name: string, bytes: Uint8Array) => ({ status: 'received' as const, name, contentType: 'image/jpeg', bytes });

  it('are held with the form, stored in Vedlegg under the case number with the case id when it is sent, and named in the description', async () => {
    const incoming: Incoming = { ...say('p-kari', 'Knust vindu på vaktrommet'), attachments: [received('vindu.jpg', photo), received('vindu.jpg', photo.slice(0, 1000))] } as Incoming;
    const form = firstCard(await handler.handle(incoming));
    // Two files of one name: the second is renamed, since the case's folder holds each name once.
    expect(json(form)).toContain('vindu.jpg, vindu (2).jpg');
    expect(json(form)).toContain('Filene legges ved saken når du sender meldingen.');
    const data: Record<string, string> = { ...action(form, 'submitReport'), kind: 'adverseEvent', description: 'Knust vindu på vaktrommet', unitId: 'husoy', severity: 'low' };
    const reply = await handler.handle(act('p-kari', 'submitReport', data, 'form-files'));
    const caseNumber = caseNumberIn(reply.refreshCard);
    expect(caseNumber).not.toBeNull();
    expect(texts(reply)).toEqual([]);
    const stored = await repos.deviations.get(data.submissionId as string);
    expect(stored?.value.description).toBe('Knust vindu på vaktrommet\n\nVedlegg sendt i chat: vindu.jpg, vindu (2).jpg');

    const files = await repos.attachments.list(data.submissionId as string);
    expect(files.map((f) => [f.name, f.size])).toEqual([
      ['vindu (2).jpg', 1000],
      ['vindu.jpg', photo.length],
    ]);
    expect(files[0]?.webUrl).toContain(`/Vedlegg/${caseNumber}/`);
    const read = await repos.attachments.read(data.submissionId as string, 'ordinary', files[1]?.id ?? '');
    expect(Buffer.from(read?.bytes ?? []).equals(Buffer.from(photo))).toBe(true);
    // Another case cannot read it by naming its id.
    expect(await repos.attachments.read('some-other-case', 'ordinary', files[1]?.id ?? '')).toBeNull();
    // Held once: a second submit of the same form gives the receipt and stores nothing again.
    await handler.handle(act('p-kari', 'submitReport', data, 'form-files'));
    expect(await repos.attachments.list(data.submissionId as string)).toHaveLength(2);
  });

  it('a form whose files this instance does not hold is still registered, and the reporter is told which files did not come', async () => {
    const form = firstCard(await handler.handle({ ...say('p-kari', 'Gulvet er glatt'), attachments: [received('gulv.jpg', photo)] } as Incoming));
    const data: Record<string, string> = { ...action(form, 'submitReport'), kind: 'nearMiss', description: 'Gulvet er glatt', unitId: 'husoy', severity: 'low' };
    // Another instance (its own memory) gets the submit.
    const other = settled(createConversationHandler({ ...repos, messenger, config: { tabBaseUrl: TAB, whistleblowingRecipientIds: ['p-varsel'], retry: { auto: false } } }));
    const reply = await other.handle(act('p-kari', 'submitReport', data, 'form-missing'));
    await other.reporting.stop();
    expect(caseNumberIn(reply.refreshCard)).not.toBeNull();
    expect(texts(reply)).toEqual(['Filene (gulv.jpg) kom ikke med meldingen. Legg dem til i saken i Varde.']);
    expect(await repos.attachments.list(data.submissionId as string)).toEqual([]);
  });

  it('another reporter cannot take someone’s held files by submitting with their form’s id', async () => {
    const form = firstCard(await handler.handle({ ...say('p-kari', 'Lekkasje i taket'), attachments: [received('tak.jpg', photo)] } as Incoming));
    const data: Record<string, string> = { ...action(form, 'submitReport'), kind: 'nearMiss', description: 'Lekkasje i taket', unitId: 'skole', severity: 'low' };
    const reply = await handler.handle(act('p-per', 'submitReport', data, 'form-stolen'));
    expect(texts(reply)).toEqual(['Filene (tak.jpg) kom ikke med meldingen. Legg dem til i saken i Varde.']);
    expect(await repos.attachments.list(data.submissionId as string)).toEqual([]);
  });

  it('refused files are named in Norwegian after the form, and a message of refused files alone gets help', async () => {
    const reply = await handler.handle({
      ...say('p-kari', 'Brannalarmen gikk'),
      attachments: [
        { status: 'refused', name: 'film.mov', reason: 'notAllowed' },
        { status: 'refused', name: 'stor.pdf', reason: 'tooLarge', limitBytes: 25 * 1024 * 1024 },
        { status: 'refused', name: '[lenke](https://evil.example/)', reason: 'unavailable' },
      ],
    } as Incoming);
    expect(firstCard(reply)).toBeDefined();
    expect(texts(reply)).toEqual([
      'Filen «film.mov» ble ikke tatt med: Varde tar imot bilder, PDF, Office-dokumenter og tekstfiler. Meldingen kan sendes uten den.',
      'Filen «stor.pdf» ble ikke tatt med fordi den er større enn 25 MB. Meldingen kan sendes uten den.',
      'Filen «\\[lenke\\](https://evil.example/)» kunne ikke hentes fra Teams. Meldingen kan sendes uten den, og filen kan legges til i saken i Varde etterpå.',
    ]);
    const alone = await handler.handle({ ...say('p-kari', ''), attachments: [{ status: 'refused', name: 'x.exe', reason: 'notAllowed' }] } as Incoming);
    expect(alone.send?.some((m) => 'card' in m)).toBe(false);
    expect(texts(alone).at(-1)).toContain('meld avvik');
  });
});

describe('conversation references in Kanalkoblinger', () => {
  it('saves, replaces and reads back references; a read is cached; kinds do not mix', async () => {
    const store = repos.conversationReferences;
    const ref = { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.trafficmanager.net/emea/' };
    await store.save({ kind: 'person', id: 'p-kari' }, ref);
    await store.save({ kind: 'person', id: 'p-kari' }, { ...ref, conversation: { id: 'a:2' } });
    const longChannel = `19:${'x'.repeat(80)}@thread.tacv2`;
    await store.save({ kind: 'channel', id: longChannel }, { conversation: { id: longChannel } });

    const fresh = createSharePointRepositories(
      createGraphClient({ baseUrl: em.graphUrl, getToken: async () => 't', userAgent: 'NONISV|Test|Varde/0' }),
      siteIds,
    ).conversationReferences;
    expect(await fresh.get({ kind: 'person', id: 'p-kari' })).toEqual({ ...ref, conversation: { id: 'a:2' } });
    expect(await fresh.get({ kind: 'channel', id: longChannel })).toEqual({ conversation: { id: longChannel } });
    expect(await fresh.get({ kind: 'channel', id: 'p-kari' })).toBeNull();
    expect(await fresh.get({ kind: 'person', id: 'p-ukjent' })).toBeNull();

    await control('metrics/reset', {});
    await fresh.get({ kind: 'person', id: 'p-kari' });
    expect((await metrics()).requests.total).toBe(0);
  });
});

describe('whistleblowing', () => {
  it('is stored in the confidential site only, goes to the named recipients and never to a channel', async () => {
    messenger.clear();
    const ordinaryBefore = await repos.deviations.count();
    const form = firstCard(await handler.handle(act('p-kari', 'startReport', { kind: 'whistleblowingReport' })));
    // The whistleblowing form asks what and when, not which unit (that would narrow down who reported).
    expect(json(form)).not.toContain('"id":"unitId"');
    const data: Record<string, string> = { ...action(form, 'submitReport'), description: 'Leder bruker kommunens bil privat', occurredDate: '', occurredTime: '' };
    const reply = await handler.handle(act('p-kari', 'submitReport', data, 'form-wb'));
    const caseNumber = caseNumberIn(reply.refreshCard);
    expect(caseNumber).toMatch(new RegExp(`^VA-${year}-\\d{5}$`));

    expect((await repos.deviations.get(data.submissionId as string, 'confidential'))?.value.unitId).toBe('kommune');
    expect(await repos.deviations.get(data.submissionId as string, 'ordinary')).toBeNull();
    expect(await repos.deviations.count()).toBe(ordinaryBefore);
    expect(messenger.sent.filter((s) => s.to === 'channel')).toEqual([]);
    expect(messenger.sent.filter((s) => 'card' in s.message).map((s) => s.id)).toEqual(['p-varsel']);
    expect(await repos.caseMessages.get(data.submissionId as string, 'confidential')).not.toBeNull();
    expect(await repos.caseMessages.get(data.submissionId as string)).toBeNull();

    // The unit's leader cannot take it; the named recipient can.
    const card = messenger.cardsTo('p-varsel')[0];
    const take = action((card?.message as { card: CardJson }).card, 'takeCase');
    expect(texts(await handler.handle(act('p-liv', 'takeCase', take, 'x')))).toEqual(['Du har ikke tilgang til å gjøre dette.']);
    const taken = await handler.handle(act('p-varsel', 'takeCase', take, card?.ref.activityId));
    expect(json(taken.refreshCard)).toContain('Tatt av Vera Varselmottaker');
    expect((await repos.deviations.get(data.submissionId as string, 'confidential'))?.value.status).toBe('received');
    // The reporter hears it was received, without the recipient's name.
    expect(messenger.textsTo('p-kari')).toEqual([`Saken din ${caseNumber} er mottatt.`]);
  });
});

describe('the leader’s side', () => {
  it('"Ta saken" receives the case, updates every card in place and tells the reporter; the deputy then hears who took it', async () => {
    messenger.clear();
    const { caseId, caseNumber, activityId } = await report('p-kari', { severity: 'critical', consequenceFor: 'serviceUser' });
    const livCard = messenger.cardsTo('p-liv')[0];
    const dagCard = messenger.cardsTo('p-dag')[0];
    const channelPost = messenger.sent.find((s) => s.to === 'channel');
    const take = action((livCard?.message as { card: CardJson }).card, 'takeCase');
    expect(take).toEqual({ caseId });

    messenger.clear();
    const reply = await handler.handle({ ...act('p-liv', 'takeCase', take, livCard?.ref.activityId), address: { conversationId: livCard?.ref.conversationId as string, kind: 'personal' } });
    expect(json(reply.refreshCard)).toContain('Tatt av Liv Leder');
    expect(json(reply.refreshCard)).not.toContain('"verb":"takeCase"');

    const stored = await repos.deviations.get(caseId);
    expect(stored?.value).toMatchObject({ status: 'received', handlerId: 'p-liv' });
    // Updated in place: the deputy's card, the channel's card, the reporter's receipt; not Liv's own (her invoke answer does that).
    const updated = messenger.updates.map((u) => u.ref.activityId).sort();
    expect(updated).toEqual([dagCard?.ref.activityId, channelPost?.ref.activityId, activityId].sort());
    expect(json(messenger.updates.find((u) => u.ref.activityId === dagCard?.ref.activityId)?.card)).toContain('Tatt av Liv Leder');
    expect(json(messenger.updates.find((u) => u.ref.activityId === activityId)?.card)).toContain('Mottatt');
    expect(messenger.textsTo('p-kari')).toEqual([`Saken din ${caseNumber} er mottatt av Liv Leder.`]);

    const late = await handler.handle(act('p-dag', 'takeCase', take, dagCard?.ref.activityId));
    expect(texts(late)).toEqual(['Saken er allerede tatt av Liv Leder.']);
  });

  it('two leaders at once: one takes it, the other hears who did', async () => {
    messenger.clear();
    const { caseId } = await report('p-kari');
    const [a, b] = await Promise.all([handler.handle(act('p-liv', 'takeCase', { caseId }, 'l')), handler.handle(act('p-dag', 'takeCase', { caseId }, 'd'))]);
    const answers = [...texts(a), ...texts(b)];
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatch(/^Saken er allerede tatt av (Liv Leder|Dag Deputy)\.$/);
    expect((await repos.deviations.get(caseId))?.value.status).toBe('received');
  });

  it('an ETag conflict (the other leader saved first) answers "Saken er allerede tatt av …"', async () => {
    const { caseId } = await report('p-kari');
    const stale = await repos.deviations.get(caseId);
    await handler.handle(act('p-liv', 'takeCase', { caseId }, 'l3'));
    // Dag's instance read the case before Liv's save landed: its update carries the old ETag.
    let first = true;
    const deviations: DeviationRepository = Object.assign(Object.create(repos.deviations) as DeviationRepository, {
      get: async (id: string, route?: 'ordinary' | 'confidential') => {
        if (first) {
          first = false;
          return stale;
        }
        return repos.deviations.get(id, route);
      },
    });
    const slow = createConversationHandler({ ...repos, deviations, messenger, config: { tabBaseUrl: TAB, whistleblowingRecipientIds: [], retry: { auto: false } } });
    const reply = await slow.handle(act('p-dag', 'takeCase', { caseId }, 'd3'));
    slow.reporting.stop();
    expect(first).toBe(false);
    expect(texts(reply)).toEqual(['Saken er allerede tatt av Liv Leder.']);
    expect(json(reply.refreshCard)).toContain('Tatt av Liv Leder');
    expect((await repos.deviations.get(caseId))?.value.handlerId).toBe('p-liv');
  });

  it('a leader of another unit is refused and the card stays as it is', async () => {
    const { caseId } = await report('p-kari');
    const reply = await handler.handle(act('p-ola', 'takeCase', { caseId }, 'o'));
    expect(reply.refreshCard).toBeUndefined();
    expect(texts(reply)).toEqual(['Du har ikke tilgang til å gjøre dette.']);
    expect((await repos.deviations.get(caseId))?.value).toMatchObject({ status: 'new', handlerId: null });
    // A made-up id or a hostile payload learns nothing either.
    for (const data of [{ caseId: 'finnes-ikke' }, { caseId: "' or 1 eq 1" }, null]) {
      expect(texts(await handler.handle(act('p-ola', 'takeCase', data, 'o')))).toEqual(['Du har ikke tilgang til å gjøre dette.']);
    }
  });

  it('notifyReporter after a later status change updates the receipt and sends a short message', async () => {
    messenger.clear();
    const { caseId, caseNumber, activityId } = await report('p-kari');
    await handler.handle(act('p-liv', 'takeCase', { caseId }, 'l2'));
    const stored = await repos.deviations.get(caseId);
    if (!stored) throw new Error('missing');
    const analysing = { ...stored.value, status: 'underAnalysis' as const, history: [...stored.value.history, { type: 'startAnalysis' as const, actorId: 'p-liv', at: new Date().toISOString(), from: 'received' as const, to: 'underAnalysis' as const }] };
    await repos.deviations.update(analysing, stored.etag);
    messenger.clear();
    expect(await handler.reporting.notifyReporter(caseId)).toBe(true);
    expect(messenger.updates.map((u) => u.ref.activityId)).toEqual([activityId]);
    expect(json(messenger.updates[0]?.card)).toContain('Under analyse');
    expect(messenger.textsTo('p-kari')).toEqual([`Saken din ${caseNumber} er under analyse: Liv Leder ser på hva som skjedde og hvorfor.`]);
  });
});

describe('Mine meldinger', () => {
  it('shows my cases and nobody else’s', async () => {
    const { caseNumber: perCase } = await report('p-per', { unitId: 'skole' });
    const mine = json(firstCard(await handler.handle(say('p-per', 'mine meldinger'))));
    expect(mine).toContain(perCase as string);
    const karis = await repos.deviations.listByReporter('p-kari', { pageSize: 500 });
    for (const { value } of karis.items) expect(mine).not.toContain(value.caseNumber);

    const kari = json(firstCard(await handler.handle(act('p-kari', 'myReports', {}))));
    expect(kari).not.toContain(perCase as string);
    expect(caseNumberIn(kari)).not.toBeNull();
  });
});

describe('when Graph is down', () => {
  it('the receipt says the report waits; once Graph is back it is stored and the receipt updated', async () => {
    messenger.clear();
    const before = await repos.deviations.count();
    const { data, activityId } = await fillForm('p-kari', { description: 'Heisen stoppet mellom etasjene' });
    await faults({ rate503: 1, retryAfterSeconds: 0 });
    let reply: Reply;
    try {
      reply = await handler.handle(act('p-kari', 'submitReport', data, activityId));
    } finally {
      await faults({ reset: true });
    }
    expect(json(reply.refreshCard)).toContain('Meldingen er lagret, men ikke sendt videre ennå');
    expect(caseNumberIn(reply.refreshCard)).toBeNull();
    expect(handler.reporting.pendingCount).toBe(1);
    // A second tap while it waits gives the same waiting receipt, not a second report.
    expect(json((await handler.handle(act('p-kari', 'submitReport', data, activityId))).refreshCard)).toContain('ikke sendt videre ennå');
    expect(messenger.sent).toEqual([]);

    expect(await handler.reporting.retryPending()).toEqual({ stored: 1, waiting: 0 });
    expect(await repos.deviations.count()).toBe(before + 1);
    const stored = await repos.deviations.get(data.submissionId as string);
    expect(stored?.value.description).toBe('Heisen stoppet mellom etasjene');
    const receipt = messenger.updates.find((u) => u.ref.activityId === activityId);
    expect(json(receipt?.card)).toContain(stored?.value.caseNumber as string);
    expect(json(receipt?.card)).toContain('Takk! Meldingen er registrert.');
    expect(messenger.textsTo('p-kari')).toEqual([`Meldingen din er nå registrert som ${stored?.value.caseNumber}.`]);
    expect(messenger.cardsTo('p-liv')).toHaveLength(1);
    // And a tap after that shows the registered receipt.
    expect(caseNumberIn((await handler.handle(act('p-kari', 'submitReport', data, activityId))).refreshCard)).toBe(stored?.value.caseNumber);
  });

  it('a slow SharePoint (long waits) gets the waiting receipt within the submit deadline; the store lands later and the receipt follows', async () => {
    messenger.clear();
    const slow = createConversationHandler({ ...repos, messenger, config: { tabBaseUrl: TAB, whistleblowingRecipientIds: [], retry: { auto: false }, submitTimeoutMs: 150 } });
    await slow.reporting.warmUp();
    const { data, activityId } = await fillForm('p-kari', { description: 'Brannalarmen gikk uten grunn' });
    await faults({ latencyMs: 400 });
    let reply: Reply;
    const started = Date.now();
    try {
      reply = await slow.handle(act('p-kari', 'submitReport', data, activityId));
      expect(Date.now() - started).toBeLessThan(400);
      expect(json(reply.refreshCard)).toContain('ikke sendt videre ennå');
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      await faults({ reset: true });
      slow.reporting.stop();
    }
    const stored = await repos.deviations.get(data.submissionId as string);
    expect(stored?.value.description).toBe('Brannalarmen gikk uten grunn');
    expect(json(messenger.updates.find((u) => u.ref.activityId === activityId)?.card)).toContain(stored?.value.caseNumber as string);
    expect(messenger.textsTo('p-kari')).toEqual([`Meldingen din er nå registrert som ${stored?.value.caseNumber}.`]);
    expect(slow.reporting.pendingCount).toBe(0);
  });
});

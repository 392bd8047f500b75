// Quality committees over real HTTP, against the app as `npm start` composes it: the bot learns the team's channels, the
// adviser prepares KUL's agenda from the data, the kommunedirektør approves, the card goes to the leader channel and is
// updated in place, decisions and measures in the meeting, minutes as .docx and PDF, the measure on the action list and
// back on the next agenda until done; and bad input (no channel, a removed bot, a deleted case, stale versions …).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deviation, Measure } from '../../src/domain/index.js';
import { PEOPLE, UNITS, deviation, person } from '../../src/domain/test-fixtures.js';
import type { AgendaItemView, AgendaProposalResult, ApiError, ChannelView, CommitteeApiError, CommitteeDetail, CommitteeSummary, EscalateResult, MeasurePage, MeetingDetail } from '../../src/server/api/contract.js';
import { LOCAL_APP } from '../../src/server/config.js';
import type { TestUser } from '../support/bot-client.js';
import type { RecordedActivity } from '../support/connector-stand-in.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';

const NOW = new Date('2026-03-05T10:00:00Z');
const TEAM = '19:ledelsen-team@thread.tacv2';
const KUL_CHANNEL = '19:kul-kanal@thread.tacv2';
const MH_CHANNEL = '19:mh-ledere@thread.tacv2';
const people = [...Object.values(PEOPLE), person('okonomi', 'k', ['employee'])];
const adviser = PEOPLE.qualityAdviser.id; // 'kr': KUL's facilitator
const chief = PEOPLE.chiefExecutive.id; // 'kd': KUL's leader
const sectorHead = PEOPLE.sectorHeadMh.id; // 'ks-mh': member of KUL, leader of ku-mh
const nurse = PEOPLE.nurse.id; // no committee at all
const HEALTH_TITLE = 'Ola Hansen falt i dusjen';

let stack: AppStack;
const tokens: Record<string, string> = {};
const as = async (personId: string) => (tokens[personId] ??= await stack.signIn(personId));

async function call<T>(personId: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await stack.api(await as(personId), path, init);
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) as unknown as T };
  return { status: res.status, body: (await res.json()) as T };
}
const get = <T>(who: string, path: string) => call<T>(who, path);
const post = <T>(who: string, path: string, json: unknown) => call<T>(who, path, { method: 'POST', json });
const put = <T>(who: string, path: string, json: unknown) => call<T>(who, path, { method: 'PUT', json });
const patch = <T>(who: string, path: string, json: unknown) => call<T>(who, path, { method: 'PATCH', json });

const cardOf = (a: RecordedActivity) => JSON.stringify((a.activity.attachments as { content: unknown }[] | undefined)?.[0]?.content ?? null);
const sentTo = (conversationId: string, since = 0) => stack.connector.activities.slice(since).filter((a) => a.conversationId === conversationId);

let seeded = 0;
async function seedCase(patchWith: Partial<Deviation>): Promise<Deviation> {
  seeded++;
  const d = deviation({ id: `kul-case-${seeded}`, caseNumber: `AV-2026-${String(700 + seeded).padStart(5, '0')}`, history: [], ...patchWith });
  await stack.repos.deviations.create(d);
  return d;
}

const cases = {} as Record<"critical" | "high" | "low" | "sector", Deviation>;
let overdue: Measure;

beforeAll(async () => {
  stack = await startAppStack({
    municipality: { units: UNITS, people },
    now: () => NOW,
    connector: { teams: { [TEAM]: [{ id: TEAM }, { id: KUL_CHANNEL, name: 'KUL' }, { id: MH_CHANNEL, name: 'Ledere Mestring og helse' }] } },
  });
  await stack.repos.committees.createMany(
    [
      { id: 'kul', kind: 'extendedLeadershipMeeting' as const, name: 'Kommunedirektørens utvidede ledermøte (KUL)', unitId: 'k', leaderId: chief, facilitatorId: adviser, members: [{ personId: chief, role: 'leader' as const }, { personId: adviser, role: 'facilitator' as const }, { personId: sectorHead, role: 'member' as const }, { personId: 'hvo', role: 'safetyRepresentative' as const }] },
      { id: 'ku-mh', kind: 'sectorQualityCommittee' as const, name: 'Kvalitetsutvalget i Mestring og helse', unitId: 'mh', leaderId: sectorHead, facilitatorId: 'kk-mh', members: [] },
    ].map((c) => ({ importKey: `test:committee:${c.id}`, value: { ...c, heldInOperationsMeeting: false } })),
  );
  // Serious cases since the last meeting (one health-related, its title a name), one near miss, a low one, and a case at
  // the sector level that the sector head escalates to KUL.
  cases.critical = await seedCase({ unitId: 'sh-a', severity: 'critical', title: HEALTH_TITLE, healthRelated: true, reportedAt: '2026-02-20T08:00:00.000Z' });
  cases.high = await seedCase({ unitId: 'ht', severity: 'high', title: 'Feil medisin gitt', reportedAt: '2026-02-25T08:00:00.000Z' });
  cases.low = await seedCase({ unitId: 'sk', severity: 'low', title: 'Skolen: liten sak', reportedAt: '2026-02-26T08:00:00.000Z' });
  cases.sector = await seedCase({ unitId: 'mh', severity: 'medium', title: 'Rutinesvikt i sektoren', reportedAt: '2026-02-27T08:00:00.000Z', status: 'received', handlerId: sectorHead });
  overdue = { id: 'measure-overdue', title: 'Oppdatere rutine for fallforebygging', description: '', source: { type: 'deviation', deviationId: cases.high.id }, ownerId: 'vl-ht', unitId: 'ht', deadline: '2026-02-01', status: 'open', createdAt: '2026-01-10T08:00:00.000Z', completedAt: null, evaluation: null, cancelReason: null };
  await stack.repos.measures.create(overdue);
  await stack.composition.api.caseIndex.refresh(0);
  await stack.composition.api.measureIndex.refresh(0);
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

const state = { meeting: null as MeetingDetail | null, measureId: '', agendaActivity: '' };
const meeting = () => state.meeting as MeetingDetail;
const item = (kind: string, m = meeting()) => m.items.find((i) => i.kind === kind) as AgendaItemView;

describe('committees and channels', () => {
  it('lists the committees a person may read: KUL first for the adviser, none for a nurse', async () => {
    const mine = await get<CommitteeSummary[]>(adviser, '/api/committees');
    expect(mine.status).toBe(200);
    expect(mine.body.map((c) => c.id)).toEqual(['kul', 'ku-mh']);
    expect(mine.body[0]).toMatchObject({ canPrepare: true, canApprove: false, rhythm: { frequency: 'monthly', durationMinutes: 180 }, channel: { linked: false } });
    expect((await get<CommitteeSummary[]>(nurse, '/api/committees')).body).toEqual([]);
    expect((await get<ApiError>(nurse, '/api/committees/kul')).status).toBe(404);
  });

  it('the bot learns the team’s channels with their names when it is added to the team', async () => {
    const user: TestUser = { aadObjectId: chief, name: 'Kommunedirektøren' };
    const added = stack.bot.personalActivity(user, {
      type: 'conversationUpdate',
      conversation: { id: TEAM, conversationType: 'channel', isGroup: true, tenantId: LOCAL_APP.tenantId },
      channelData: { tenant: { id: LOCAL_APP.tenantId }, team: { id: TEAM, name: 'Kommunedirektørens ledergruppe' }, channel: { id: TEAM }, eventType: 'teamMemberAdded' },
      membersAdded: [{ id: `28:${LOCAL_APP.clientId}` }],
    });
    expect((await stack.bot.post(added)).status).toBe(200);
    let channels: ChannelView[] = [];
    for (let i = 0; i < 50 && !channels.some((c) => c.channelId === MH_CHANNEL); i++) {
      channels = (await get<ChannelView[]>(adviser, '/api/committee-channels')).body;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(channels.find((c) => c.channelId === KUL_CHANNEL)).toMatchObject({ channelName: 'KUL', teamName: 'Kommunedirektørens ledergruppe', reachable: true, committeeIds: [] });
    expect((await get<ApiError>(nurse, '/api/committee-channels')).status).toBe(403);
  });

  it('links KUL to its channel (the adviser), with the etag; a channel the bot does not know is refused', async () => {
    const kul = (await get<CommitteeDetail>(adviser, '/api/committees/kul')).body;
    expect(kul.standingItems).toContain('internalAuditPlan');
    expect(kul.members.map((m) => m.role)).toContain('safetyRepresentative');
    const unknown = await patch<ApiError>(adviser, '/api/committees/kul', { etag: kul.etag, channelId: '19:ukjent@thread.tacv2' });
    expect(unknown.status).toBe(400);
    const linked = await patch<CommitteeDetail>(adviser, '/api/committees/kul', { etag: kul.etag, channelId: KUL_CHANNEL });
    expect(linked.status).toBe(200);
    expect(linked.body.channel).toMatchObject({ channelId: KUL_CHANNEL, linked: true, reachable: true });
    const stale = await patch<CommitteeApiError>(adviser, '/api/committees/kul', { etag: kul.etag, rhythm: null });
    expect(stale.status).toBe(409);
    expect(stale.body.error.currentCommittee?.channel.channelId).toBe(KUL_CHANNEL);
    expect((await patch<ApiError>(sectorHead, '/api/committees/kul', { etag: linked.body.etag, channelId: null })).status).toBe(403);
    expect((await get<{ committeeId: string | null }>(sectorHead, `/api/channels/${encodeURIComponent(KUL_CHANNEL)}/committee`)).body.committeeId).toBe('kul');
  });
});

describe('agenda preparation', () => {
  it('the sector head escalates a case to KUL: a proposal waiting for the agenda setter', async () => {
    const c = await get<{ etag: string }>(sectorHead, `/api/cases/${cases.sector.id}`);
    const res = await post<EscalateResult>(sectorHead, `/api/cases/${cases.sector.id}/escalate`, { note: 'Gjelder flere sektorer.' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.committeeName).toContain('KUL');
    void c;
  });

  it('the adviser plans the meeting and gets a draft agenda proposed from the data', async () => {
    const created = await post<MeetingDetail>(adviser, '/api/committees/kul/meetings', { startsAt: '2026-03-10T08:00:00Z', location: 'Rådhuset' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'planned', meetingMinutes: 180, title: 'KUL 2026-03-10' });
    const res = await post<AgendaProposalResult>(adviser, `/api/meetings/${created.body.id}/agenda/propose`, { etag: created.body.etag });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    state.meeting = res.body.meeting;
    const m = meeting();
    expect(m.status).toBe('agendaDraft');
    expect(m.items.map((i) => i.kind)).toEqual(['standing', 'standing', 'escalation', 'seriousDeviations', 'standing', 'standing', 'standing', 'standing', 'overdueMeasures']);
    const serious = item('seriousDeviations');
    expect(serious.links.map((l) => (l.type === 'case' ? l.caseNumber : ''))).toEqual([cases.critical.caseNumber, cases.high.caseNumber]);
    expect(serious.title).toBe('Alvorlige avvik siden forrige møte: 2 (1 kritiske)');
    expect(item('overdueMeasures').links).toMatchObject([{ type: 'measure', measureId: overdue.id, overdue: true }]);
    expect(item('escalation').links[0]).toMatchObject({ type: 'case', caseId: cases.sector.id, deleted: false });
    // Again: nothing new, nothing twice.
    const again = await post<AgendaProposalResult>(adviser, `/api/meetings/${m.id}/agenda/propose`, { etag: m.etag });
    expect(again.body.addedItemIds).toEqual([]);
    expect(again.body.meeting.items).toHaveLength(m.items.length);
    state.meeting = again.body.meeting;
  });

  it('the adviser edits, adds, orders and attaches; others may give input but not prepare', async () => {
    let m = meeting();
    const quality = m.items[0] as AgendaItemView;
    const edited = await patch<MeetingDetail>(adviser, `/api/meetings/${m.id}/agenda/items/${quality.id}`, { etag: quality.etag, ownerId: sectorHead, durationMinutes: 20 });
    expect(edited.status).toBe(200);
    expect((await patch<ApiError>(adviser, `/api/meetings/${m.id}/agenda/items/${quality.id}`, { etag: quality.etag, title: 'For sent' })).status).toBe(409);
    expect((await patch<ApiError>(sectorHead, `/api/meetings/${m.id}/agenda/items/${quality.id}`, { etag: edited.body.items[0]?.etag, title: 'Ikke min' })).status).toBe(403);
    m = edited.body;
    const added = await post<MeetingDetail>(adviser, `/api/meetings/${m.id}/agenda/items`, { etag: m.etag, title: 'Økonomirapport', durationMinutes: 15 });
    expect(added.status).toBe(201);
    m = added.body;
    const ids = m.items.map((i) => i.id);
    const reordered = await put<MeetingDetail>(adviser, `/api/meetings/${m.id}/agenda/order`, { etag: m.etag, itemIds: [ids.at(-1), ...ids.slice(0, -1)] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.items[0]?.title).toBe('Økonomirapport');
    expect((await put<ApiError>(adviser, `/api/meetings/${m.id}/agenda/order`, { etag: reordered.body.etag, itemIds: ids.slice(1) })).status).toBe(400);
    m = reordered.body;
    const input = await post<AgendaItemView>(sectorHead, `/api/meetings/${m.id}/agenda/items/${ids.at(-1)}/inputs`, { text: 'Ta med prognosen for mars.' });
    expect(input.status).toBe(201);
    expect(input.body.inputs[0]).toMatchObject({ author: { id: sectorHead }, text: 'Ta med prognosen for mars.' });
    const pdf = new TextEncoder().encode('%PDF-1.4\n% vedlegg\n');
    const doc = await stack.api(await as(adviser), `/api/meetings/${m.id}/agenda/items/${ids.at(-1)}/documents?name=${encodeURIComponent('Prognose mars.pdf')}`, { method: 'POST', body: pdf, headers: { 'content-type': 'application/pdf' } });
    expect(doc.status).toBe(201);
    const withDoc = (await doc.json()) as AgendaItemView;
    const download = await stack.api(await as(sectorHead), withDoc.documents[0]?.url ?? '');
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
    const html = await stack.api(await as(adviser), `/api/meetings/${m.id}/agenda/items/${ids.at(-1)}/documents?name=x.exe`, { method: 'POST', body: new Uint8Array([0x4d, 0x5a, 0x00, 0x01]) });
    expect(html.status).toBe(415);
    expect((await get<ApiError>(nurse, withDoc.documents[0]?.url ?? '')).status).toBe(404);
    state.meeting = (await get<MeetingDetail>(adviser, `/api/meetings/${m.id}`)).body;
  });
});

describe('approval and the card in the leader channel', () => {
  it('only the committee’s leader approves; the card lists items, owners and case links, never case text', async () => {
    const m = meeting();
    const refused = await post<ApiError>(adviser, `/api/meetings/${m.id}/agenda/approve`, { etag: m.etag });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('notCommitteeLeader');
    const since = stack.connector.activities.length;
    const res = await post<MeetingDetail>(chief, `/api/meetings/${m.id}/agenda/approve`, { etag: m.etag });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'agendaApproved', approvedBy: { id: chief }, agendaCard: { state: 'posted', message: null } });
    expect(res.body.items.filter((i) => i.status !== 'withdrawn').map((i) => i.number)).toEqual(res.body.items.map((_, n) => `${n + 1}/26`));
    const sent = sentTo(KUL_CHANNEL, since);
    expect(sent).toHaveLength(1);
    const card = cardOf(sent[0] as RecordedActivity);
    expect(card).toContain('Sakliste – Kommunedirektørens utvidede ledermøte (KUL)');
    expect(card).toContain(`${cases.critical.caseNumber} · Avvik · Avdeling A · Kritisk`);
    expect(card).toContain(`/cases/${cases.critical.id}`);
    expect(card).toContain(`Eskalert sak ${cases.sector.caseNumber}`);
    expect(card).not.toContain('Ola Hansen');
    expect(card).not.toContain('Rutinesvikt');
    expect(card).not.toContain('Oppdatere rutine');
    state.agendaActivity = (sent[0] as RecordedActivity).activityId;
    state.meeting = res.body;
    expect((await post<ApiError>(chief, `/api/meetings/${m.id}/agenda/approve`, { etag: res.body.etag })).status).toBe(409);
  });

  it('a change after approval updates the same card in place', async () => {
    const m = meeting();
    const first = m.items[0] as AgendaItemView;
    const since = stack.connector.activities.length;
    const res = await patch<MeetingDetail>(adviser, `/api/meetings/${m.id}/agenda/items/${first.id}`, { etag: first.etag, title: 'Økonomirapport og prognose' });
    expect(res.status).toBe(200);
    const updates = sentTo(KUL_CHANNEL, since);
    expect(updates.map((a) => [a.operation, a.activityId])).toEqual([['update', state.agendaActivity]]);
    expect(cardOf(updates[0] as RecordedActivity)).toContain('Økonomirapport og prognose');
    state.meeting = res.body;
  });

  it('the side panel finds the meeting by its Teams meeting chat', async () => {
    const chat = '19:meeting_NDM0ZjY@thread.v2';
    const linked = await patch<MeetingDetail>(adviser, `/api/meetings/${meeting().id}`, { etag: meeting().etag, teamsChatId: chat });
    expect(linked.status).toBe(200);
    const found = await get<MeetingDetail>(sectorHead, `/api/meetings/for-teams?chatId=${encodeURIComponent(chat)}`);
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(meeting().id);
    expect(found.body.canRecordDecisions).toBe(false);
    expect((await get<ApiError>(nurse, `/api/meetings/for-teams?chatId=${encodeURIComponent(chat)}`)).status).toBe(404);
    expect((await get<ApiError>(adviser, '/api/meetings/for-teams?chatId=not-a-chat')).status).toBe(400);
    state.meeting = linked.body;
  });
});

describe('in the meeting and the minutes', () => {
  it('records a decision and a measure (owner, deadline) that lands on the common action list', async () => {
    const m = meeting();
    const target = item('seriousDeviations');
    const decided = await put<AgendaItemView>(adviser, `/api/meetings/${m.id}/agenda/items/${target.id}/decision`, { etag: target.etag, text: 'Utvalget ber om felles tiltak mot fall.' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ status: 'handled', decision: { text: 'Utvalget ber om felles tiltak mot fall.', recordedBy: { id: adviser } } });
    const badDate = await post<ApiError>(adviser, `/api/meetings/${m.id}/agenda/items/${target.id}/measures`, { etag: decided.body.etag, title: 'X', ownerId: 'vl-sh', deadline: '2026-02-30' });
    expect(badDate.status).toBe(400);
    const past = await post<ApiError>(adviser, `/api/meetings/${m.id}/agenda/items/${target.id}/measures`, { etag: decided.body.etag, title: 'X', ownerId: 'vl-sh', deadline: '2026-01-01' });
    expect(past.status).toBe(400);
    const withMeasure = await post<AgendaItemView>(adviser, `/api/meetings/${m.id}/agenda/items/${target.id}/measures`, { etag: decided.body.etag, title: 'Felles fallforebygging i sykehjemmene', ownerId: 'vl-sh', deadline: '2026-04-30', unitId: 'sh' });
    expect(withMeasure.status, JSON.stringify(withMeasure.body)).toBe(201);
    expect(withMeasure.body.measures).toMatchObject([{ title: 'Felles fallforebygging i sykehjemmene', owner: { id: 'vl-sh' }, deadline: '2026-04-30', source: 'meetingDecision', status: 'open' }]);
    state.measureId = withMeasure.body.measures[0]?.id ?? '';
    const list = await get<MeasurePage>('vl-sh', '/api/measures?source=meetingDecision');
    expect(list.body.items.map((x) => x.id)).toContain(state.measureId);
    state.meeting = (await get<MeetingDetail>(adviser, `/api/meetings/${m.id}`)).body;
    expect(state.meeting.status).toBe('held');
  });

  it('will not publish minutes while items lack a decision, and says which', async () => {
    const m = meeting();
    const res = await post<ApiError>(adviser, `/api/meetings/${m.id}/minutes`, { etag: m.etag });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalidState');
    expect(res.body.error.details?.length).toBe(m.unresolvedItemIds.length);
  });

  it('the rest decided, postponed or withdrawn, the minutes go to the library as .docx and PDF and to the channel', async () => {
    let m = meeting();
    for (const i of m.items.filter((x) => m.unresolvedItemIds.includes(x.id))) {
      const r = i.kind === 'escalation' ? await patch<MeetingDetail>(adviser, `/api/meetings/${m.id}/agenda/items/${i.id}`, { etag: i.etag, status: 'withdrawn' }) : await put<AgendaItemView>(adviser, `/api/meetings/${m.id}/agenda/items/${i.id}/decision`, { etag: i.etag, text: 'Tatt til orientering.', postpone: i.kind === 'overdueMeasures' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    m = (await get<MeetingDetail>(adviser, `/api/meetings/${m.id}`)).body;
    expect(m.unresolvedItemIds).toEqual([]);
    const since = stack.connector.activities.length;
    const res = await post<MeetingDetail>(adviser, `/api/meetings/${m.id}/minutes`, { etag: m.etag });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'minutesPublished', minutesCard: { state: 'posted' }, minutes: { publishedBy: { id: adviser } } });
    const docx = await call<Uint8Array>(sectorHead, res.body.minutes?.docx.url ?? '');
    expect(docx.status).toBe(200);
    expect([...docx.body.slice(0, 2)]).toEqual([0x50, 0x4b]);
    const pdf = await call<Uint8Array>(sectorHead, res.body.minutes?.pdf.url ?? '');
    expect(new TextDecoder().decode(pdf.body.slice(0, 5))).toBe('%PDF-');
    expect((await call<ApiError>(nurse, res.body.minutes?.pdf.url ?? '')).status).toBe(404);
    const minutesCards = sentTo(KUL_CHANNEL, since).filter((a) => a.operation === 'send');
    expect(minutesCards).toHaveLength(1);
    const card = cardOf(minutesCards[0] as RecordedActivity);
    expect(card).toContain('Referat – Kommunedirektørens utvidede ledermøte (KUL)');
    expect(card).toContain('Vedtak fattet · 1 nye tiltak på aksjonslisten');
    expect(card).not.toContain('felles tiltak mot fall');
    // In the library: both files, each with the meeting's id.
    const site = await stack.emulator.graph(`/sites/${stack.config.hostname}:${stack.config.sitePath}`);
    const siteId = ((await site.json()) as { id: string }).id;
    const items = await stack.emulator.graph(`/sites/${siteId}/lists/Referater/items?$expand=fields&$filter=${encodeURIComponent(`fields/MeetingId eq '${m.id}'`)}`);
    const names = ((await items.json()) as { value: { fields: { FileLeafRef?: string; MeetingId: string } }[] }).value.map((v) => v.fields.MeetingId);
    expect(names.length).toBeGreaterThanOrEqual(3); // the two minutes and the agenda document
    expect((await put<ApiError>(adviser, `/api/meetings/${m.id}/agenda/items/${m.items[1]?.id}/decision`, { etag: m.items[1]?.etag, text: 'For sent' })).status).toBe(409);
    state.meeting = res.body;
  });

  it('the next agenda brings the open measure back until it is done', async () => {
    const next = await post<MeetingDetail>(adviser, '/api/committees/kul/meetings', { startsAt: '2026-04-07T08:00:00Z' });
    const proposed = await post<AgendaProposalResult>(adviser, `/api/meetings/${next.body.id}/agenda/propose`, { etag: next.body.etag });
    expect(proposed.status).toBe(200);
    const followUp = item('decisionFollowUp', proposed.body.meeting);
    expect(followUp.links).toMatchObject([{ type: 'measure', measureId: state.measureId, title: 'Felles fallforebygging i sykehjemmene' }]);
    // Since the last meeting now: the serious cases of February are no longer new.
    expect(proposed.body.since).toBe('2026-03-10T08:00:00.000Z');
    expect(proposed.body.meeting.items.some((i) => i.kind === 'seriousDeviations')).toBe(false);

    const measure = followUp.links[0];
    const etag = (await get<MeasurePage>('vl-sh', '/api/measures?source=meetingDecision')).body.items.find((x) => x.id === state.measureId)?.etag;
    expect((await post<unknown>('vl-sh', `/api/measures/${state.measureId}/complete`, { etag, comment: 'Innført i alle sykehjem.' })).status).toBe(200);
    const third = await post<MeetingDetail>(adviser, '/api/committees/kul/meetings', { startsAt: '2026-05-05T08:00:00Z' });
    const again = await post<AgendaProposalResult>(adviser, `/api/meetings/${third.body.id}/agenda/propose`, { etag: third.body.etag });
    expect(again.body.meeting.items.some((i) => i.kind === 'decisionFollowUp')).toBe(false);
    void measure;
  });
});

describe('bad input', () => {
  it('a committee without a channel: the agenda is approved and kept, the tab says why no card was posted', async () => {
    const created = await post<MeetingDetail>('kk-mh', '/api/committees/ku-mh/meetings', { startsAt: '2026-03-12T12:00:00Z' });
    expect(created.status).toBe(201);
    const added = await post<MeetingDetail>('kk-mh', `/api/meetings/${created.body.id}/agenda/items`, { etag: created.body.etag, title: 'Fall i sykehjemmene', caseIds: [cases.critical.id] });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const since = stack.connector.activities.length;
    const approved = await post<MeetingDetail>(sectorHead, `/api/meetings/${created.body.id}/agenda/approve`, { etag: added.body.etag });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('agendaApproved');
    expect(approved.body.agendaCard.state).toBe('noChannel');
    expect(approved.body.agendaCard.message).toContain('ikke koblet til en kanal');
    expect(stack.connector.activities.length).toBe(since);
    state.meeting = approved.body;
  });

  it('a removed bot (403 from the connector): nothing lost, the tab says so, and a retry after it is back posts the card', async () => {
    const mh = (await get<CommitteeDetail>(sectorHead, '/api/committees/ku-mh')).body;
    expect((await patch<CommitteeDetail>(sectorHead, '/api/committees/ku-mh', { etag: mh.etag, channelId: MH_CHANNEL })).status).toBe(200);
    stack.connector.removeBot(MH_CHANNEL);
    const m = meeting();
    const failed = await post<MeetingDetail>('kk-mh', `/api/meetings/${m.id}/cards/retry`, { which: 'agenda' });
    expect(failed.status).toBe(200);
    expect(failed.body.agendaCard.state).toBe('botRemoved');
    expect(failed.body.agendaCard.message).toContain('Legg Varde til i teamet');
    expect(failed.body.items).toHaveLength(m.items.length);
    const channels = (await get<ChannelView[]>(adviser, '/api/committee-channels')).body;
    expect(channels.find((c) => c.channelId === MH_CHANNEL)?.reachable).toBe(false);
    stack.connector.restoreBot(MH_CHANNEL);
    const since = stack.connector.activities.length;
    const posted = await post<MeetingDetail>('kk-mh', `/api/meetings/${m.id}/cards/retry`, { which: 'agenda' });
    expect(posted.body.agendaCard.state).toBe('posted');
    expect(sentTo(MH_CHANNEL, since)).toHaveLength(1);
  });

  it('a case deleted in SharePoint shows as "sak slettet" on the agenda and its card, without failing', async () => {
    const site = await stack.emulator.graph(`/sites/${stack.config.hostname}:${stack.config.sitePath}`);
    const siteId = ((await site.json()) as { id: string }).id;
    const found = await stack.emulator.graph(`/sites/${siteId}/lists/Avvik/items?$filter=${encodeURIComponent(`fields/RecordId eq '${cases.critical.id}'`)}`);
    const itemId = ((await found.json()) as { value: { id: string }[] }).value[0]?.id;
    expect((await stack.emulator.graph(`/sites/${siteId}/lists/Avvik/items/${itemId}`, { method: 'DELETE' })).status).toBe(204);
    await stack.composition.api.caseIndex.refresh(0);
    const m = (await get<MeetingDetail>('kk-mh', `/api/meetings/${meeting().id}`)).body;
    const link = m.items.flatMap((i) => i.links).find((l) => l.type === 'case' && l.caseId === cases.critical.id);
    expect(link).toMatchObject({ deleted: true, caseNumber: cases.critical.caseNumber });
    const since = stack.connector.activities.length;
    const retried = await post<MeetingDetail>('kk-mh', `/api/meetings/${m.id}/cards/retry`, { which: 'agenda' });
    expect(retried.status).toBe(200);
    expect(cardOf(sentTo(MH_CHANNEL, since)[0] as RecordedActivity)).toContain(`${cases.critical.caseNumber}: sak slettet`);
  });

  it('refuses bad bodies with Norwegian field messages, and unknown or hidden things with 404', async () => {
    const m = (await get<MeetingDetail>('kk-mh', `/api/meetings/${meeting().id}`)).body;
    const cases2 = [
      await post<ApiError>(adviser, '/api/committees/kul/meetings', { startsAt: 'i morgen' }),
      await post<ApiError>(adviser, '/api/committees/kul/meetings', { startsAt: '2026-03-10T08:00:00Z', endsAt: '2026-03-10T07:00:00Z' }),
      await post<ApiError>(adviser, '/api/committees/kul/meetings', { startsAt: '2026-03-10T08:00:00Z', extra: 1 }),
      await post<ApiError>(adviser, `/api/meetings/${m.id}/agenda/items`, { etag: m.etag, title: 'x'.repeat(300) }),
      await post<ApiError>('kk-mh', `/api/meetings/${m.id}/agenda/items`, { etag: m.etag, title: 'Sak', caseIds: ['finnes-ikke'] }),
      await post<ApiError>(adviser, '/api/committees/kul/proposals', { title: '' }),
    ];
    for (const r of cases2) {
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.details?.[0]?.message).toMatch(/[a-zæøå]/);
    }
    expect((await get<ApiError>(adviser, '/api/meetings/finnes-ikke')).status).toBe(404);
    expect((await get<ApiError>(nurse, `/api/meetings/${m.id}`)).status).toBe(404);
    expect((await get<ApiError>(adviser, '/api/meetings/..%2Fx')).status).toBe(400);
    const anon = await stack.api(null, `/api/meetings/${m.id}`);
    expect(anon.status).toBe(401);
  });

  it('anyone who reads a committee may propose an item for a coming agenda', async () => {
    const res = await post<AgendaItemView>('hvo', '/api/committees/kul/proposals', { title: 'Vernerunder i sykehjemmene', description: 'Funn fra vernerunden.' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'proposed', kind: 'proposal', meetingId: null });
    const kul = (await get<CommitteeDetail>(adviser, '/api/committees/kul')).body;
    expect(kul.pendingProposals.map((p) => p.title)).toContain('Vernerunder i sykehjemmene');
    expect((await post<ApiError>(nurse, '/api/committees/kul/proposals', { title: 'Nei' })).status).toBe(404);
  });
});

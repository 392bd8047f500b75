// Case work over real HTTP, against the app as `npm start` composes it: a report from the chat handled in the tab from
// receipt to reopening, two leaders at once, feedback reaching the reporter through the Bot Connector stand-in, an
// escalation becoming an agenda proposal, text search and counts from the case index, and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deviation } from '../../src/domain/index.js';
import { PEOPLE, UNITS, deviation, person } from '../../src/domain/test-fixtures.js';
import type { ApiError, CaseDetail, CasePage, EscalateResult, FeedbackResult, MeasurePage } from '../../src/server/api/contract.js';
import type { TestUser } from '../support/bot-client.js';
import type { RecordedActivity } from '../support/connector-stand-in.js';
import { apiClient, graphRequestsDuring } from '../support/api-client.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';

const NOW = new Date('2026-03-10T10:00:00Z');
const teacher = person('laerer', 'sk');
const people = [...Object.values(PEOPLE), teacher];
const nurse: TestUser = { aadObjectId: 'nurse', name: 'Nora Sykepleier', locale: 'nb-NO' };

let stack: AppStack;
const { as, get, post, put } = apiClient(() => stack);

const graphRequests = (work: () => Promise<unknown>) => graphRequestsDuring(stack, work);

const textOf = (a: RecordedActivity) => (typeof a.activity.text === 'string' ? a.activity.text : '');

let seeded = 0;
/** A case written straight to the store (as the bot or an import would). */
async function seedCase(patch: Partial<Deviation> = {}): Promise<Deviation> {
  seeded++;
  const d = deviation({ id: `api-${seeded}`, caseNumber: `AV-2026-${String(900 + seeded).padStart(5, '0')}`, reportedAt: new Date(NOW.getTime() - seeded * 3600_000).toISOString(), history: [], ...patch });
  await stack.repos.deviations.create(d);
  return d;
}

beforeAll(async () => {
  stack = await startAppStack({ municipality: { units: UNITS, people }, whistleblowingRecipientIds: ['varsel-mottaker'], now: () => NOW });
  await stack.repos.committees.createMany(
    [
      { id: 'kul', kind: 'extendedLeadershipMeeting' as const, name: 'Kommunedirektørens utvidede ledermøte', unitId: 'k', leaderId: 'kd' },
      { id: 'ku-mh', kind: 'sectorQualityCommittee' as const, name: 'Kvalitetsutvalget i Mestring og helse', unitId: 'mh', leaderId: 'ks-mh' },
      { id: 'ku-sh', kind: 'unitQualityCommittee' as const, name: 'Kvalitetsutvalget ved Eikeberg sykehjem', unitId: 'sh', leaderId: 'vl-sh' },
    ].map((c) => ({ importKey: `test:committee:${c.id}`, value: { ...c, facilitatorId: null, members: [], heldInOperationsMeeting: false } })),
  );
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('a report from the chat, handled in the tab from receipt to reopening', () => {
  let caseId = '';
  let caseNumber = '';
  let receipt = { conversationId: '', activityId: '' };
  let etag = '';
  const chat = () => stack.bot.personalConversationId(nurse);

  it('the nurse reports in the chat and gets a receipt', async () => {
    expect((await stack.bot.install(nurse)).status).toBe(200);
    const since = stack.connector.activities.length;
    expect((await stack.bot.message(nurse, 'meld avvik')).status).toBe(200);
    const formActivity = await stack.connector.waitFor((a) => stack.connector.activities.indexOf(a) >= since && JSON.stringify(a.activity).includes('submitReport'));
    const card = (formActivity.activity.attachments as { content: { actions: { verb?: string; data?: Record<string, unknown> }[] } }[])[0]?.content;
    const submission = card?.actions.find((a) => a.verb === 'submitReport')?.data ?? {};
    const values = { kind: 'adverseEvent', description: 'Nattevakten var alene på avdelingen i fire timer.', location: 'Avdeling A', unitId: 'sh-a', severity: 'medium', consequenceFor: 'employee', immediateAction: '', occurredDate: '', occurredTime: '' };
    const res = await stack.bot.actionExecute(nurse, { verb: 'submitReport', data: { ...submission, ...values }, replyToId: formActivity.activityId });
    expect(res.status).toBe(200);
    await stack.composition.conversation.reporting.idle();
    const mine = await stack.repos.deviations.listByReporter('nurse');
    const reported = mine.items[0]?.value as Deviation;
    expect(reported.description).toContain('alene på avdelingen');
    caseId = reported.id;
    caseNumber = reported.caseNumber;
    const messages = await stack.repos.caseMessages.get(caseId);
    expect(messages?.receipt).toBeTruthy();
    receipt = { conversationId: messages?.receipt?.conversationId ?? '', activityId: messages?.receipt?.activityId ?? '' };
    expect(receipt.conversationId).toBe(chat());
  });

  it('the tjenesteleder finds it in the inbox, one Graph request a page', async () => {
    const first = await get<CasePage>('tl-a', '/api/cases');
    expect(first.status).toBe(200);
    expect(first.body.items.map((i) => i.id)).toContain(caseId);
    const item = first.body.items.find((i) => i.id === caseId);
    expect(item).toMatchObject({ caseNumber, status: 'new', unitId: 'sh-a', unitName: 'Avdeling A', handlerId: null, healthDetailsHidden: false });
    expect(await graphRequests(() => get<CasePage>('tl-a', '/api/cases?status=new,received'))).toBe(1);
  });

  it('opens it: what may be done now, and the read is logged', async () => {
    const { status, body } = await get<CaseDetail>('tl-a', `/api/cases/${caseId}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'new', allowedActions: ['receive'], canHandle: true, reporter: { id: 'nurse' }, escalationTarget: { committeeId: 'ku-sh' } });
    expect(body.history.map((h) => h.type)).toEqual(['report']);
    etag = body.etag;
    const reads = await stack.repos.caseReads.listForCase(caseId, 'ordinary');
    expect(reads.some((r) => r.readerId === 'tl-a')).toBe(true);
  });

  it('receives it (the reporter hears), starts the analysis, records five whys', async () => {
    const since = stack.connector.activities.length;
    const received = await post<CaseDetail>('tl-a', `/api/cases/${caseId}/actions`, { type: 'receive', etag });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ status: 'received', handlerId: 'tl-a', handlerName: 'tl-a' });
    const told = await stack.connector.waitFor((a) => stack.connector.activities.indexOf(a) >= since && a.conversationId === chat() && textOf(a).includes('mottatt'));
    expect(textOf(told)).toContain(caseNumber);

    const started = await post<CaseDetail>('tl-a', `/api/cases/${caseId}/actions`, { type: 'startAnalysis', etag: received.body.etag });
    expect(started.body.status).toBe('underAnalysis');
    const analysed = await put<CaseDetail>('tl-a', `/api/cases/${caseId}/analysis`, {
      etag: started.body.etag,
      whys: ['Nattevakten var alene', 'Kollegaen ble syk', 'Ingen vikar på kort varsel', 'Vikarlisten var utdatert', 'Ingen eier listen'],
      rootCause: 'Vikarlisten har ingen eier',
      causeCategory: 'staffing',
    });
    expect(analysed.status).toBe(200);
    expect(analysed.body.analysis).toEqual({
      whys: ['Nattevakten var alene', 'Kollegaen ble syk', 'Ingen vikar på kort varsel', 'Vikarlisten var utdatert', 'Ingen eier listen'],
      rootCause: 'Vikarlisten har ingen eier',
      causeCategory: 'staffing',
    });
    etag = analysed.body.etag;
  });

  it('adds a measure with owner and deadline: it is on the case and on the action list', async () => {
    const added = await post<CaseDetail>('tl-a', `/api/cases/${caseId}/measures`, { etag, title: 'Gi vikarlisten en eier', ownerId: 'vl-sh', deadline: '2026-04-01' });
    expect(added.status).toBe(201);
    expect(added.body.measures).toHaveLength(1);
    const measure = added.body.measures[0];
    expect(measure).toMatchObject({ title: 'Gi vikarlisten en eier', owner: { id: 'vl-sh' }, deadline: '2026-04-01', status: 'open', source: 'deviation', sourceLabel: caseNumber, unitId: 'sh-a', overdue: false });
    etag = added.body.etag;
    const list = await get<MeasurePage>('vl-sh', '/api/measures');
    expect(list.body.items.map((m) => m.id)).toContain(measure?.id);
  });

  it('decides measures, sends feedback that reaches the reporter’s chat (and updates her receipt), escalates to the committee above', async () => {
    const decided = await post<CaseDetail>('tl-a', `/api/cases/${caseId}/actions`, { type: 'decideMeasures', etag });
    expect(decided.body.status).toBe('measuresDecided');

    const since = stack.connector.activities.length;
    const feedback = await post<FeedbackResult>('tl-a', `/api/cases/${caseId}/feedback`, { text: 'Takk! Vi gir vikarlisten en eier, så *ingen* står alene igjen.' });
    expect(feedback.status).toBe(200);
    expect(feedback.body.sent).toBe(true);
    const message = await stack.connector.waitFor((a) => stack.connector.activities.indexOf(a) >= since && a.conversationId === chat() && textOf(a).includes('vikarlisten en eier'));
    expect(message.operation).not.toBe('update');
    expect(textOf(message)).toContain(caseNumber);
    // Sent as plain text: the reporter's words cannot become markup.
    expect(textOf(message)).toContain('\\*ingen\\*');
    await stack.connector.waitFor((a) => stack.connector.activities.indexOf(a) >= since && a.operation === 'update' && a.activityId === receipt.activityId);
    // Only to the reporter's personal chat: nothing to any channel.
    expect(stack.connector.activities.slice(since).filter((a) => textOf(a).includes('vikarlisten') && a.conversationId !== chat())).toEqual([]);

    const escalated = await post<EscalateResult>('tl-a', `/api/cases/${caseId}/escalate`, { note: 'Vikarlister mangler eier i flere avdelinger.' });
    expect(escalated.status).toBe(201);
    expect(escalated.body.committeeName).toBe('Kvalitetsutvalget ved Eikeberg sykehjem');
    const item = await stack.repos.agenda.get(escalated.body.agendaItemId);
    expect(item?.value).toMatchObject({
      committeeId: 'ku-sh',
      status: 'proposed',
      meetingId: null,
      source: { type: 'deviation', deviationId: caseId },
      description: 'Vikarlister mangler eier i flere avdelinger.',
      preparedById: 'tl-a',
      title: `${caseNumber}: ${decided.body.title}`,
    });
    etag = escalated.body.case.etag;
  });

  it('closes and reopens; the history tells every change with who and when', async () => {
    const closed = await post<CaseDetail>('tl-a', `/api/cases/${caseId}/actions`, { type: 'close', etag, closingNote: 'Tiltaket er besluttet og følges opp på tiltakslisten.' });
    expect(closed.body).toMatchObject({ status: 'closed', allowedActions: ['reopen'] });
    const reopened = await post<CaseDetail>('vl-sh', `/api/cases/${caseId}/actions`, { type: 'reopen', etag: closed.body.etag, to: 'underAnalysis', reason: 'Samme hendelse igjen i går.' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('underAnalysis');
    const history = reopened.body.history;
    expect(history.map((h) => h.type)).toEqual(['report', 'receive', 'startAnalysis', 'analysis', 'measureAdded', 'decideMeasures', 'feedback', 'escalated', 'close', 'reopen']);
    expect(history.map((h) => h.actor.id)).toEqual(['nurse', 'tl-a', 'tl-a', 'tl-a', 'tl-a', 'tl-a', 'tl-a', 'tl-a', 'tl-a', 'vl-sh']);
    expect(history.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
    expect(history.find((h) => h.type === 'feedback')?.note).toContain('vikarlisten en eier');
    expect(history.find((h) => h.type === 'escalated')?.note).toBe('Kvalitetsutvalget ved Eikeberg sykehjem: Vikarlister mangler eier i flere avdelinger.');
    expect(history.find((h) => h.type === 'measureAdded')?.note).toBe('Gi vikarlisten en eier');
    // The reporter follows it too.
    const own = await get<CaseDetail>('nurse', `/api/cases/${caseId}`);
    expect(own.body).toMatchObject({ status: 'underAnalysis', canHandle: false, allowedActions: [] });
  });
});

describe('two leaders on the same case', () => {
  it('the second gets 409 with the case as it is now, and nothing of theirs is saved', async () => {
    const d = await seedCase({ unitId: 'sh-a' });
    const a = await get<CaseDetail>('tl-a', `/api/cases/${d.id}`);
    const b = await get<CaseDetail>('vl-sh', `/api/cases/${d.id}`);
    expect(a.body.etag).toBe(b.body.etag);
    expect((await post<CaseDetail>('tl-a', `/api/cases/${d.id}/actions`, { type: 'receive', etag: a.body.etag })).status).toBe(200);
    const late = await post<ApiError>('vl-sh', `/api/cases/${d.id}/actions`, { type: 'receive', etag: b.body.etag, handlerId: 'vl-sh' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('conflict');
    expect(late.body.error.message).toMatch(/endret av noen andre/);
    expect(late.body.error.current).toMatchObject({ id: d.id, status: 'received', handlerId: 'tl-a', handlerName: 'tl-a' });
    const stored = await stack.repos.deviations.get(d.id);
    expect(stored?.value).toMatchObject({ status: 'received', handlerId: 'tl-a' });
    // With the case as it is now, the second leader can go on.
    const next = await post<CaseDetail>('vl-sh', `/api/cases/${d.id}/actions`, { type: 'startAnalysis', etag: late.body.error.current?.etag });
    expect(next.status).toBe(200);
  });

  it('at the same instant: exactly one wins, the other gets the conflict (SharePoint’s If-Match decides)', async () => {
    const d = await seedCase({ unitId: 'sh-a', status: 'received', handlerId: 'tl-a' });
    const { body } = await get<CaseDetail>('tl-a', `/api/cases/${d.id}`);
    const [analysis, measure] = await Promise.all([
      post<CaseDetail>('tl-a', `/api/cases/${d.id}/actions`, { type: 'startAnalysis', etag: body.etag }),
      post<CaseDetail>('vl-sh', `/api/cases/${d.id}/measures`, { etag: body.etag, title: 'Samtidig tiltak', ownerId: 'vl-sh', deadline: '2026-05-01' }),
    ]);
    const statuses = [analysis.status, measure.status];
    expect(statuses.filter((s) => s === 409)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200 || s === 201)).toHaveLength(1);
    const stored = (await stack.repos.deviations.get(d.id))?.value;
    if (analysis.status === 200) {
      // The analysis won: the measure was created but cancelled with a reason, and is not on the case.
      expect(stored?.status).toBe('underAnalysis');
      expect(stored?.measureIds).toEqual([]);
      const open = await get<MeasurePage>('vl-sh', '/api/measures');
      expect(open.body.items.some((m) => m.title === 'Samtidig tiltak')).toBe(false);
    } else {
      expect(stored?.status).toBe('received');
      expect(stored?.measureIds).toHaveLength(1);
    }
  });
});

describe('escalation', () => {
  it('goes to the committee of the nearest unit above that has one, and keeps health details off the agenda', async () => {
    const d = await seedCase({ unitId: 'ht', healthRelated: true, title: 'Feil medisin til beboer' });
    const res = await post<EscalateResult>('vl-ht', `/api/cases/${d.id}/escalate`, { note: 'Gjentatte feil i legemiddelhåndteringen.' });
    expect(res.status).toBe(201);
    expect(res.body.committeeName).toBe('Kvalitetsutvalget i Mestring og helse');
    const item = await stack.repos.agenda.get(res.body.agendaItemId);
    expect(item?.value.title).toBe(`Eskalert sak ${d.caseNumber}`);
    expect(JSON.stringify(item?.value)).not.toContain('Feil medisin');
    expect(await stack.repos.agenda.listForCommittee('ku-mh', 'proposed')).toContainEqual(item?.value);
  });

  it('is refused where there is no committee above, and for whistleblowing reports', async () => {
    const top = await seedCase({ unitId: 'k' });
    const none = await post<ApiError>('kd', `/api/cases/${top.id}/escalate`, { note: 'Til utvalget.' });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('invalidState');
    const report = await seedCase({ kind: 'whistleblowingReport', caseNumber: 'VA-2026-00900', unitId: 'sh-a' });
    const refused = await post<ApiError>('varsel-mottaker', `/api/cases/${report.id}/escalate`, { note: 'Til utvalget.' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/varslingsrutinen/);
  });
});

describe('search and counts from the case index', () => {
  it('finds cases by their text; a health-related case only by its number for those who may not read it', async () => {
    const health = await seedCase({ unitId: 'sh-a', healthRelated: true, title: 'Blodsukkermåling glemt', description: 'Insulin ble gitt uten måling.' });
    const plain = await seedCase({ unitId: 'sh-a', title: 'Heisen sto fast', description: 'Blodsukkermåling ble forsinket fordi heisen sto.' });
    const index = stack.composition.api.caseIndex;
    await index.ready;
    await index.refresh(0);

    const leader = await get<CasePage>('tl-a', `/api/cases?q=${encodeURIComponent('blodsukkermåling')}`);
    expect(leader.status).toBe(200);
    expect(leader.body.items.map((i) => i.id).sort()).toEqual([health.id, plain.id].sort());
    expect(leader.body.counts?.total).toBe(2);

    // The kommunalsjef sees both cases, but not the health details of the first: its text does not match for her.
    const above = await get<CasePage>('ks-mh', `/api/cases?q=${encodeURIComponent('blodsukkermåling')}`);
    expect(above.body.items.map((i) => i.id)).toEqual([plain.id]);
    const byNumber = await get<CasePage>('ks-mh', `/api/cases?q=${health.caseNumber}`);
    expect(byNumber.body.items).toMatchObject([{ id: health.id, title: '', healthDetailsHidden: true }]);

    const counts = await get<CasePage>('tl-a', '/api/cases?status=new');
    expect(counts.body.counts?.byStatus.new).toBeGreaterThanOrEqual(2);
    expect(counts.body.counts?.total).toBe(counts.body.counts?.byStatus.new);
    expect(counts.body.asOf).not.toBeNull();
  });
});

describe('attachments', () => {
  it('are listed on the case and downloaded through the app, always as a download; not to those who may not see health details', async () => {
    const d = await seedCase({ unitId: 'sh-a', healthRelated: true });
    const html = new TextEncoder().encode('<script>alert(1)</script>');
    await stack.repos.attachments.save({ caseId: d.id, caseNumber: d.caseNumber, route: 'ordinary' }, { name: 'bilde av rommet.html', contentType: 'text/html', bytes: html });

    const detail = await get<CaseDetail>('tl-a', `/api/cases/${d.id}`);
    expect(detail.body.attachments).toHaveLength(1);
    const url = detail.body.attachments[0]?.url ?? '';
    expect(url).toBe(`/api/cases/${d.id}/attachments/${encodeURIComponent('bilde av rommet.html')}`);
    const file = await stack.api(await as('tl-a'), url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(html);

    // The kommunalsjef sees the case, not its health details: no files listed, and the download refused.
    const above = await get<CaseDetail>('ks-mh', `/api/cases/${d.id}`);
    expect(above.body.attachments).toEqual([]);
    expect((await stack.api(await as('ks-mh'), url)).status).toBe(403);
    // Someone who may not see the case at all: as if it did not exist.
    expect((await stack.api(await as('vl-ht'), url)).status).toBe(404);
    expect((await stack.api(await as('tl-a'), `/api/cases/${d.id}/attachments/nope.txt`)).status).toBe(404);
  });
});

describe('bad input is 400 with a Norwegian message, never a 500', () => {
  let target: Deviation;
  let etag = '';
  beforeAll(async () => {
    target = await seedCase({ unitId: 'sh-a', status: 'underAnalysis', handlerId: 'tl-a' });
    etag = (await get<CaseDetail>('tl-a', `/api/cases/${target.id}`)).body.etag;
  });

  it.each([
    ['sort=bogus', 'sort'],
    ['pageSize=0', 'pageSize'],
    ['pageSize=101', 'pageSize'],
    ['pageSize=abc', 'pageSize'],
    ['kind=adverseEvent,bogus', 'kind'],
    ['status=lukket', 'status'],
    ['from=2026-02-30', 'from'],
    ['from=2026-03-10&to=2026-03-01', 'from'],
    ['to=i%20går', 'to'],
    ['unitId=sh%20a', 'unitId'],
    ['continuation=%25%25%25', 'continuation'],
    [`q=${'x'.repeat(201)}`, 'q'],
    ['scope=everything', 'scope'],
    ['hack=1', '(body)'],
  ])('GET /api/cases?%s', async (query, field) => {
    const res = await get<ApiError>('tl-a', `/api/cases?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalidRequest');
    expect(res.body.error.details?.map((d) => d.field)).toContain(field);
    expect(res.body.error.details?.every((d) => d.message.length > 0)).toBe(true);
  });

  it('an inbox query asked again is refused again, and an accepted one answers each for who asks (the check is kept per query string)', async () => {
    for (let i = 0; i < 3; i++) expect((await get<ApiError>('tl-a', '/api/cases?status=lukket')).status).toBe(400);
    const nurse = await get<CasePage>('nurse', '/api/cases?scope=mine&pageSize=7');
    const leader = await get<CasePage>('tl-a', '/api/cases?scope=mine&pageSize=7');
    const again = await get<CasePage>('nurse', '/api/cases?scope=mine&pageSize=7');
    expect(nurse.status).toBe(200);
    expect(again.body).toEqual(nurse.body);
    expect(nurse.body.items.length).toBeGreaterThan(0);
    expect(leader.body.items.map((i) => i.id)).not.toEqual(nurse.body.items.map((i) => i.id));
  });

  it('a continuation that is not one of ours is 400', async () => {
    const res = await get<ApiError>('tl-a', '/api/cases?continuation=bm90LWEtdG9rZW4');
    expect(res.status).toBe(400);
  });

  it.each([
    ['not JSON', 'actions', '{type:', 'POST'],
    ['an unknown action', 'actions', { type: 'delete', etag: 'x' }, 'POST'],
    ['a close without a note', 'actions', { type: 'close', etag: 'x' }, 'POST'],
    ['a note of 100,000 characters', 'actions', { type: 'close', etag: 'x', closingNote: 'a'.repeat(100_000) }, 'POST'],
    ['no etag', 'actions', { type: 'startAnalysis' }, 'POST'],
    ['an unknown field', 'actions', { type: 'startAnalysis', etag: 'x', status: 'closed' }, 'POST'],
    ['six whys', 'analysis', { etag: 'x', whys: ['1', '2', '3', '4', '5', '6'], rootCause: null, causeCategory: null }, 'PUT'],
    ['no whys', 'analysis', { etag: 'x', whys: [], rootCause: null, causeCategory: null }, 'PUT'],
    ['an unknown cause category', 'analysis', { etag: 'x', whys: ['1'], rootCause: null, causeCategory: 'fate' }, 'PUT'],
    ['a deadline that is not a date', 'measures', { etag: 'x', title: 'T', ownerId: 'vl-sh', deadline: '2026-13-01' }, 'POST'],
    ['an owner id with odd characters', 'measures', { etag: 'x', title: 'T', ownerId: "vl'sh", deadline: '2026-04-01' }, 'POST'],
    ['an empty feedback', 'feedback', { text: '   ' }, 'POST'],
    ['feedback of 100,000 characters', 'feedback', { text: 'a'.repeat(100_000) }, 'POST'],
    ['an escalation without a note', 'escalate', {}, 'POST'],
  ])('%s', async (_label, path, body, method) => {
    const res = await stack.api(await as('tl-a'), `/api/cases/${target.id}/${path}`, {
      method,
      ...(typeof body === 'string' ? { body, headers: { 'content-type': 'application/json' } } : { json: body }),
    });
    expect(res.status).toBe(400);
    const error = ((await res.json()) as ApiError).error;
    expect(error.code).toBe('invalidRequest');
    expect(error.details?.[0]?.message).toMatch(/[a-zæøå]/i);
  });

  it('a text of 100,000 characters is refused by its limit, in words', async () => {
    const res = await post<ApiError>('tl-a', `/api/cases/${target.id}/feedback`, { text: 'a'.repeat(100_000) });
    expect(res.body.error.details).toEqual([{ field: 'text', message: 'Tilbakemeldingen kan ha høyst 4\u00a0000 tegn.' }]);
  });

  it('a deadline in the past and an owner who does not exist are refused by name', async () => {
    const past = await post<ApiError>('tl-a', `/api/cases/${target.id}/measures`, { etag, title: 'Tiltak', ownerId: 'vl-sh', deadline: '2026-03-09' });
    expect(past.status).toBe(400);
    expect(past.body.error.details).toEqual([{ field: 'deadline', message: 'Fristen kan ikke være tilbake i tid.' }]);
    const ghost = await post<ApiError>('tl-a', `/api/cases/${target.id}/measures`, { etag, title: 'Tiltak', ownerId: 'ghost', deadline: '2026-04-01' });
    expect(ghost.status).toBe(400);
    expect(ghost.body.error.details?.[0]?.field).toBe('ownerId');
    // Nothing was written.
    expect((await stack.repos.deviations.get(target.id))?.value.measureIds).toEqual([]);
  });

  it('a case id with odd characters is 400; an unknown one is 404; a step the status does not allow is 409 invalidState', async () => {
    expect((await get<ApiError>('tl-a', "/api/cases/abc'or'1")).status).toBe(400);
    expect((await get<ApiError>('tl-a', `/api/cases/${'a'.repeat(65)}`)).status).toBe(400);
    const unknown = await get<ApiError>('tl-a', '/api/cases/does-not-exist');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'notFound', message: 'Fant ikke saken.' });
    const wrong = await post<ApiError>('tl-a', `/api/cases/${target.id}/actions`, { type: 'receive', etag });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('invalidState');
  });

  it('a stale etag on the analysis is a conflict, not an overwrite', async () => {
    const res = await put<ApiError>('tl-a', `/api/cases/${target.id}/analysis`, { etag: '"stale,1"', whys: ['1'], rootCause: 'x', causeCategory: 'other' });
    expect(res.status).toBe(409);
    expect(res.body.error.current?.analysis.whys).toEqual([]);
  });

  // Last: the server answers before it has read the body and closes that connection.
  it('a body over a megabyte is refused before it is read', async () => {
    const res = await post<ApiError>('tl-a', `/api/cases/${target.id}/feedback`, { text: 'a'.repeat(1_100_000) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/for stor/);
  });
});

// Procedures in the chat (issue 8) over real HTTP: signed activities to /api/messages, a Bot Connector stand-in that
// records every send and in-place update. The approver's card (Godkjenn / Avvis with a comment) round trip, the other
// approver's copy updated, a wrong-level approver refused, the daily digest and "Jeg har lest og forstått" (a
// superseded version refused), and "finn prosedyre …".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../src/server/api/contract-procedures.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';
import type { PostResult, TestUser } from '../support/bot-client.js';
import type { RecordedActivity } from '../support/connector-stand-in.js';
import { HUSOY_PEOPLE, P, TOWN, docx, listItems, qualitySite } from '../support/procedure-town.js';

type Card = Record<string, unknown>;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

let stack: AppStack;
let site: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startAppStack({ municipality: TOWN });
  site = await qualitySite(stack);
  for (const key of Object.keys(P) as (keyof typeof P)[]) tokens[key] = await stack.signIn(P[key].aadObjectId);
  for (const user of [P.liv, P.dag, P.kare, ...HUSOY_PEOPLE.map((p) => ({ aadObjectId: p.id, name: p.name }))]) expect((await stack.bot.install(user)).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const json = (x: unknown) => JSON.stringify(x);
const chat = (user: TestUser) => stack.bot.personalConversationId(user);
const cardIn = (a: RecordedActivity): Card | undefined => ((a.activity.attachments as { contentType: string; content: Card }[] | undefined) ?? []).find((x) => x.contentType === ADAPTIVE_CARD)?.content;
const textIn = (a: RecordedActivity) => (typeof a.activity.text === 'string' ? a.activity.text : null);
const after = (since: number) => stack.connector.activities.slice(since);
const sentTo = (user: TestUser, since: number) => after(since).filter((a) => a.conversationId === chat(user) && a.operation !== 'update');

function invokeCard(res: PostResult): Card {
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD });
  return (res.body as { value: Card }).value;
}

function actionData(card: Card, verb: string): Record<string, unknown> {
  const found = JSON.stringify(card).match(new RegExp(`"verb":"${verb}","data":(\\{[^}]*\\})`));
  if (!found?.[1]) throw new Error(`no ${verb} on ${json(card).slice(0, 300)}`);
  return JSON.parse(found[1]) as Record<string, unknown>;
}

async function api<T>(token: string, path: string, init: RequestInit & { json?: unknown }, status = 200): Promise<T> {
  const res = await stack.api(token, path, init);
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return JSON.parse(text) as T;
}

const state = { id: '', liv: { activityId: '', card: {} as Card }, dag: { activityId: '', card: {} as Card }, anneDigest: { activityId: '', card: {} as Card }, arneDigest: { activityId: '', card: {} as Card } };

describe('approval in the chat', () => {
  it('sending for approval gives the leader and the deputy a card with Godkjenn, Avvis and a comment box', async () => {
    const created = await api<DocumentDetail>(tokens.liv as string, '/api/procedures', { method: 'POST', body: await formOf() }, 201);
    state.id = created.id;
    const since = stack.connector.activities.length;
    await api<DocumentDetail>(tokens.liv as string, `/api/procedures/${state.id}/submit`, { method: 'POST', json: { etag: created.etag, substantive: true, changeNote: 'Ny prosedyre.' } });
    for (const [who, user] of [['liv', P.liv], ['dag', P.dag]] as const) {
      const [sent] = sentTo(user, since);
      expect(sent, who).toBeDefined();
      const card = cardIn(sent as RecordedActivity) as Card;
      expect(json(card)).toContain('Dokument til godkjenning');
      expect(json(card)).toContain('Fall og sengehest');
      expect(actionData(card, 'approveProcedure')).toEqual({ documentId: state.id, version: '0.1' });
      expect(actionData(card, 'rejectProcedure')).toEqual({ documentId: state.id, version: '0.1' });
      state[who] = { activityId: (sent as RecordedActivity).activityId, card };
    }
  });

  it('someone at another level cannot approve, even with the card\'s data', async () => {
    const since = stack.connector.activities.length;
    const res = await stack.bot.actionExecute(P.kare, { verb: 'approveProcedure', data: actionData(state.liv.card, 'approveProcedure'), replyToId: state.liv.activityId });
    expect(res.status).toBe(200);
    const said = after(since).map(textIn).join(' ') + json(res.body);
    expect(said).toContain('lederen på nivået det gjelder for');
    const rows = await listItems(stack, site, 'Prosedyrer', `fields/RecordId eq '${state.id}'`);
    expect(rows[0]?.Status).toBe('awaitingApproval');
  });

  it('Avvis without a comment brings the card back with the message, and decides nothing', async () => {
    const card = invokeCard(await stack.bot.actionExecute(P.liv, { verb: 'rejectProcedure', data: { ...actionData(state.liv.card, 'rejectProcedure'), comment: '  ' }, replyToId: state.liv.activityId }));
    expect(json(card)).toContain('Skriv en kommentar som forklarer hvorfor dokumentet avvises.');
    expect(actionData(card, 'approveProcedure')).toEqual({ documentId: state.id, version: '0.1' });
  });

  it('Godkjenn publishes version 1.0; the card shows it in place, and the deputy\'s copy is updated too', async () => {
    const since = stack.connector.activities.length;
    const card = invokeCard(await stack.bot.actionExecute(P.liv, { verb: 'approveProcedure', data: { ...actionData(state.liv.card, 'approveProcedure'), comment: 'God.' }, replyToId: state.liv.activityId }));
    expect(json(card)).toMatch(/Godkjent av Liv Leder .* som versjon 1\.0\./);
    expect(json(card)).not.toContain('approveProcedure');
    await stack.composition.procedures.idle();
    const update = await stack.connector.waitFor((a) => stack.connector.activities.indexOf(a) >= since && a.operation === 'update' && a.activityId === state.dag.activityId);
    expect(json(cardIn(update))).toMatch(/Godkjent av Liv Leder .* som versjon 1\.0\./);
    // The card Liv acted on was answered by the invoke, not updated again.
    expect(after(since).filter((a) => a.operation === 'update' && a.activityId === state.liv.activityId)).toEqual([]);
    // The sender hears.
    expect(sentTo(P.liv, since).map(textIn).join(' ')).toContain('er godkjent og publisert som versjon 1.0');
    const rows = await listItems(stack, site, 'Prosedyrer', `fields/RecordId eq '${state.id}'`);
    expect(rows[0]).toMatchObject({ Status: 'approved', ApprovedVersion: '1.0', ApproverId: P.liv.aadObjectId });
  });

  it('the deputy\'s late click says it is decided already and shows the outcome', async () => {
    const res = await stack.bot.actionExecute(P.dag, { verb: 'approveProcedure', data: actionData(state.dag.card, 'approveProcedure'), replyToId: state.dag.activityId });
    const card = invokeCard(res);
    expect(json(card)).toContain('Godkjent av Liv Leder');
    const rows = await listItems(stack, site, 'Prosedyrer', `fields/RecordId eq '${state.id}'`);
    expect(JSON.parse(rows[0]?.ApprovalHistory as string)).toHaveLength(1);
  });

  it('a rejection with a comment: every copy says so, and the sender hears why', async () => {
    const created = await api<DocumentDetail>(tokens.liv as string, '/api/procedures', { method: 'POST', body: await formOf('Nattevakt.docx', 'Nattevakt') }, 201);
    let since = stack.connector.activities.length;
    await api<DocumentDetail>(tokens.liv as string, `/api/procedures/${created.id}/submit`, { method: 'POST', json: { etag: created.etag, substantive: true } });
    const livCard = sentTo(P.liv, since)[0] as RecordedActivity;
    const dagCard = sentTo(P.dag, since)[0] as RecordedActivity;
    since = stack.connector.activities.length;
    const card = invokeCard(await stack.bot.actionExecute(P.dag, { verb: 'rejectProcedure', data: { ...actionData(cardIn(dagCard) as Card, 'rejectProcedure'), comment: 'Mangler ansvar.' }, replyToId: dagCard.activityId }));
    expect(json(card)).toContain('Avvist av Dag Nestleder');
    expect(json(card)).toContain('Mangler ansvar.');
    await stack.composition.procedures.idle();
    expect(json(cardIn(after(since).find((a) => a.operation === 'update' && a.activityId === livCard.activityId) as RecordedActivity))).toContain('Avvist av Dag Nestleder');
    expect(sentTo(P.liv, since).map(textIn).join(' ')).toContain('ble ikke godkjent. Kommentar: Mangler ansvar.');
  });
});

describe('reading in the chat', () => {
  it('the daily digest: one card to each person at Husøy, with "Jeg har lest og forstått"', async () => {
    await stack.composition.procedures.idle();
    const since = stack.connector.activities.length;
    const outcome = await stack.composition.procedures.sendReadingDigests(new Date());
    expect(outcome).toMatchObject({ status: 'sent', sent: HUSOY_PEOPLE.length, unreachable: 0, failed: 0 });
    for (const p of HUSOY_PEOPLE) {
      const sent = sentTo({ aadObjectId: p.id, name: p.name }, since);
      expect(sent, p.name).toHaveLength(1);
      expect(actionData(cardIn(sent[0] as RecordedActivity) as Card, 'confirmReading')).toEqual({ documentId: state.id, version: '1.0' });
    }
    const anne = sentTo(P.anne, since)[0] as RecordedActivity;
    const arne = sentTo(P.arne, since)[0] as RecordedActivity;
    state.anneDigest = { activityId: anne.activityId, card: cardIn(anne) as Card };
    state.arneDigest = { activityId: arne.activityId, card: cardIn(arne) as Card };
    // Again the same day: nothing more.
    expect((await stack.composition.procedures.sendReadingDigests(new Date())).status).toBe('done');
  });

  it('"Jeg har lest og forstått" confirms 1.0, and the card shows it in place', async () => {
    const card = invokeCard(await stack.bot.actionExecute(P.anne, { verb: 'confirmReading', data: actionData(state.anneDigest.card, 'confirmReading'), replyToId: state.anneDigest.activityId }));
    expect(json(card)).toContain('Bekreftet');
    expect(json(card)).toContain('Du har lest og bekreftet alt på leselisten');
    const stored = await listItems(stack, site, 'Lesebekreftelser', `fields/PersonId eq '${P.anne.aadObjectId}'`);
    expect(stored.map((c) => [c.DocumentId, c.Version])).toEqual([[state.id, '1.0']]);
  });

  it('a confirmation from a card of a superseded version is refused, and the card shows the new version to read', async () => {
    let doc = await api<DocumentDetail>(tokens.liv as string, `/api/procedures/${state.id}`, {});
    doc = await api<DocumentDetail>(tokens.liv as string, `/api/procedures/${state.id}/versions`, { method: 'POST', body: await versionForm(doc.etag) });
    doc = await api<DocumentDetail>(tokens.liv as string, `/api/procedures/${state.id}/submit`, { method: 'POST', json: { etag: doc.etag, substantive: true, changeNote: 'Ny rutine.' } });
    doc = await api<DocumentDetail>(tokens.liv as string, `/api/procedures/${state.id}/approve`, { method: 'POST', json: { etag: doc.etag } });
    expect(doc.approvedVersion).toBe('2.0');
    await stack.composition.procedures.idle();
    const since = stack.connector.activities.length;
    const res = await stack.bot.actionExecute(P.arne, { verb: 'confirmReading', data: actionData(state.arneDigest.card, 'confirmReading'), replyToId: state.arneDigest.activityId });
    const card = invokeCard(res);
    expect(json(card)).toContain('Versjon 1.0 er erstattet av versjon 2.0');
    expect(actionData(card, 'confirmReading')).toEqual({ documentId: state.id, version: '2.0' });
    expect(after(since).map(textIn).join(' ') + json(res.body)).toContain('erstattet');
    expect(await listItems(stack, site, 'Lesebekreftelser', `fields/PersonId eq '${P.arne.aadObjectId}'`)).toEqual([]);
  });
});

describe('finding procedures in the chat', () => {
  it('"finn prosedyre sengehest" answers with the best matches as a card', async () => {
    const since = stack.connector.activities.length;
    expect((await stack.bot.message(P.per, 'Finn prosedyre fall')).status).toBe(200);
    const reply = await stack.connector.waitFor((a) => stack.connector.activities.indexOf(a) >= since && a.conversationId === chat(P.per) && cardIn(a) !== undefined);
    const card = cardIn(reply) as Card;
    expect(json(card)).toContain('Prosedyrer og styringsdokumenter');
    expect(json(card)).toContain('Fall og sengehest');
    expect(json(card)).toContain('Søk: fall');
    // A draft (the rejected one) is not in a stranger's search.
    expect(json(card)).not.toContain('Nattevakt');
  });

  it('"finn prosedyre" alone says how to ask', async () => {
    const since = stack.connector.activities.length;
    await stack.bot.message(P.per, 'finn prosedyre');
    const reply = await stack.connector.waitFor((a) => stack.connector.activities.indexOf(a) >= since && a.conversationId === chat(P.per) && cardIn(a) !== undefined);
    expect(json(cardIn(reply))).toContain('finn prosedyre legemiddel');
  });
});

async function formOf(name = 'Fall og sengehest.docx', title = 'Fall og sengehest'): Promise<FormData> {
  const form = new FormData();
  form.set('metadata', JSON.stringify({ kind: 'procedure', title, ownerUnitId: 'husoy', reviewerId: P.siv.aadObjectId }));
  form.set('file', new Blob([new Uint8Array(docx(title, 'Sengehesten skal stå nede om natten.'))]), name);
  return form;
}

async function versionForm(etag: string): Promise<FormData> {
  const form = new FormData();
  form.set('etag', etag);
  form.set('file', new Blob([new Uint8Array(docx('Fall og sengehest', 'Ny rutine: tilsyn hver time.'))]), 'Fall og sengehest.docx');
  return form;
}


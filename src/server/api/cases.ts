// The case work routes under /api/cases: the inbox, a case's view, and every change to a case (src/app/case-work).
//
// Every query string and body is checked with zod before anything is read (bounded lengths, enums, dates as
// YYYY-MM-DD, ids as the app makes them); a failure is 400 'invalidRequest' with each field's problem in bokmål.
// Authorisation is the use cases' (the access policy on every read and write); this file maps their answers.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
import { z } from 'zod';
import { type CaseFile, type CaseListItem, CaseWorkError, type InboxPage, type ShownMeasure } from '../../app/case-work/index.js';
import { FEEDBACK_MAX_LENGTH } from '../../cards/index.js';
import { CASE_STATUSES, CAUSE_CATEGORIES, DEVIATION_KINDS, SEVERITIES, TITLE_MAX_LENGTH, isOverdue } from '../../domain/index.js';
import { type ApiEnv, viewerOf } from './context.js';
import type { CaseDetail, CasePage, CaseSummary, EscalateResult, FeedbackResult, HistoryEntry, MeasureView, PersonRef } from './contract.js';
import { ApiProblem, InvalidRequest, apiError, jsonBody, parseOr400 } from './errors.js';
import { ID, calendarDate, continuationParam, etag, id, listOf, optionalText, pageSizeParam, parseQuery, text } from './input.js';
import type { ApiDeps } from './index.js';
import { measureView } from './measures.js';

// ── Input ──────────────────────────────────────────────────────────────────────────────────────

const NOTE_MAX = 4000;
const WHY_MAX = 2000;

const SORTS = ['reportedAt', '-reportedAt', 'severity', '-severity', 'status', '-status'] as const;

const inboxQuery = z
  .strictObject(
    {
      scope: z.enum(['units', 'mine', 'handling'], { error: 'scope må være units, mine eller handling.' }).default('units'),
      route: z.enum(['ordinary', 'confidential'], { error: 'route må være ordinary eller confidential.' }).default('ordinary'),
      kind: listOf(DEVIATION_KINDS, 'kind').optional(),
      status: listOf(CASE_STATUSES, 'status').optional(),
      severity: listOf(SEVERITIES, 'severity').optional(),
      unitId: id('Enheten').optional(),
      from: calendarDate('Fra-datoen').optional(),
      to: calendarDate('Til-datoen').optional(),
      q: z.string().max(200, { error: 'Søket kan ha høyst 200 tegn.' }).transform((s) => s.trim()).optional(),
      sort: z.enum(SORTS, { error: `sort må være en av ${SORTS.join(', ')}.` }).default('-reportedAt'),
      pageSize: pageSizeParam,
      continuation: continuationParam.optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `Ukjent parameter: ${issue.keys.join(', ')}.` : undefined) },
  )
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { error: 'Fra-datoen må være før til-datoen.', path: ['from'] });

const actionBody = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('receive'), etag, handlerId: id('Saksbehandleren').optional() }),
    z.strictObject({ type: z.literal('startAnalysis'), etag }),
    z.strictObject({ type: z.literal('decideMeasures'), etag, noMeasureReason: optionalText('Begrunnelsen', NOTE_MAX).optional() }),
    z.strictObject({ type: z.literal('close'), etag, closingNote: text('Avslutningskommentaren', NOTE_MAX) }),
    z.strictObject({
      type: z.literal('reopen'),
      etag,
      to: z.enum(['received', 'underAnalysis'], { error: 'Saken kan gjenåpnes som mottatt (received) eller under analyse (underAnalysis).' }),
      reason: text('Begrunnelsen', NOTE_MAX),
    }),
  ],
  { error: 'Ukjent handling. Gyldige: receive, startAnalysis, decideMeasures, close, reopen.' },
);

const analysisBody = z.strictObject({
  etag,
  whys: z.array(text('Svaret', WHY_MAX), { error: '«5 hvorfor» må være en liste med svar.' }).min(1, { error: 'Skriv minst ett «hvorfor».' }).max(5, { error: 'Skriv høyst fem «hvorfor».' }),
  rootCause: optionalText('Rotårsaken', WHY_MAX).nullable(),
  causeCategory: z.enum(CAUSE_CATEGORIES as unknown as [string, ...string[]], { error: `Ukjent årsakskategori. Gyldige: ${CAUSE_CATEGORIES.join(', ')}.` }).nullable(),
});

const measureBody = z.strictObject({
  etag,
  title: text('Tiltaket', TITLE_MAX_LENGTH),
  description: optionalText('Beskrivelsen', NOTE_MAX).optional(),
  ownerId: id('Ansvarlig'),
  deadline: calendarDate('Fristen'),
});

const feedbackBody = z.strictObject({ text: text('Tilbakemeldingen', FEEDBACK_MAX_LENGTH) });
const escalateBody = z.strictObject({ note: text('Beskrivelsen til utvalget', NOTE_MAX) });

/**
 * The inbox's query, checked: the tab asks for the same few query strings over and over, and the schema is a pure
 * function of the string, so a string already accepted is not parsed again (refusals are never kept). Frozen, as shared.
 */
function inboxQueryOf(url: string, read: () => Record<string, string>): z.infer<typeof inboxQuery> {
  const at = url.indexOf('?');
  const key = at === -1 ? '' : url.slice(at + 1);
  const kept = ACCEPTED_INBOX_QUERIES.get(key);
  if (kept) return kept;
  const q = parseQuery(inboxQuery, read());
  for (const v of Object.values(q)) if (Array.isArray(v)) Object.freeze(v);
  if (ACCEPTED_INBOX_QUERIES.size >= 256) ACCEPTED_INBOX_QUERIES.clear();
  ACCEPTED_INBOX_QUERIES.set(key, Object.freeze(q));
  return q;
}
const ACCEPTED_INBOX_QUERIES = new Map<string, z.infer<typeof inboxQuery>>();

// ── Routes ─────────────────────────────────────────────────────────────────────────────────────

/** Mounted at /api: GET /cases, GET /cases/:id, and the writes below, over `deps.caseWork` (built by the composition). */
export function caseRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  // 1 MB is far more than any valid body (the longest text is 4,000 characters); past it the body is not even read.
  const limit = bodyLimit({ maxSize: 1024 * 1024, onError: (c) => apiError(c, 400, 'invalidRequest', 'Forespørselen er for stor.') });
  routes.use('/cases/*', async (c, next) => (c.req.method === 'GET' ? next() : limit(c, next)));
  routes.onError((err, c) => {
    if (err instanceof CaseWorkError) return answerRefusal(c, deps, err);
    throw err;
  });

  routes.get('/cases', async (c) => {
    const q = inboxQueryOf(c.req.url, () => c.req.query());
    const desc = q.sort.startsWith('-');
    const page = await deps.caseWork.inbox(viewerOf(c).person, {
      scope: q.scope,
      route: q.route,
      ...(q.kind ? { kinds: q.kind } : {}),
      ...(q.status ? { statuses: q.status } : {}),
      ...(q.severity ? { severities: q.severity } : {}),
      ...(q.unitId !== undefined ? { unitId: q.unitId } : {}),
      ...(q.from !== undefined ? { from: q.from } : {}),
      ...(q.to !== undefined ? { to: q.to } : {}),
      ...(q.q ? { q: q.q } : {}),
      sort: { by: (desc ? q.sort.slice(1) : q.sort) as 'reportedAt' | 'severity' | 'status', direction: desc ? 'desc' : 'asc' },
      pageSize: q.pageSize,
      continuation: q.continuation ?? null,
    });
    return c.json(casePage(page));
  });

  routes.get('/cases/:id', async (c) => {
    const file = await deps.caseWork.caseDetail(viewerOf(c).person, caseId(c));
    return c.json(caseDetail(file, deps.now()));
  });

  routes.get('/cases/:id/attachments/:name', async (c) => {
    const name = c.req.param('name');
    if (name.length === 0 || name.length > 255) throw new InvalidRequest([{ field: 'name', message: 'Ugyldig filnavn.' }]);
    const { file, bytes } = await deps.caseWork.attachment(viewerOf(c).person, caseId(c), name);
    // Always a download, never shown in the app's origin: a file from a report could be HTML or script.
    return c.body(Buffer.from(bytes), 200, {
      'content-type': file.contentType || 'application/octet-stream',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  });

  routes.post('/cases/:id/actions', async (c) => {
    const id = caseId(c);
    const body = parseOr400(actionBody, await jsonBody(c));
    const { etag: version, ...action } = body;
    const file = await deps.caseWork.act(viewerOf(c).person, id, action, version);
    return c.json(caseDetail(file, deps.now()));
  });

  routes.put('/cases/:id/analysis', async (c) => {
    const id = caseId(c);
    const body = parseOr400(analysisBody, await jsonBody(c));
    const file = await deps.caseWork.recordAnalysis(
      viewerOf(c).person,
      id,
      { whys: body.whys, rootCause: body.rootCause === '' ? null : body.rootCause, causeCategory: body.causeCategory as CaseFile['case']['analysis']['causeCategory'] },
      body.etag,
    );
    return c.json(caseDetail(file, deps.now()));
  });

  routes.post('/cases/:id/measures', async (c) => {
    const id = caseId(c);
    const body = parseOr400(measureBody, await jsonBody(c));
    const file = await deps.caseWork.addMeasure(viewerOf(c).person, id, { title: body.title, ...(body.description ? { description: body.description } : {}), ownerId: body.ownerId, deadline: body.deadline }, body.etag);
    return c.json(caseDetail(file, deps.now()), 201);
  });

  routes.post('/cases/:id/feedback', async (c) => {
    const id = caseId(c);
    const body = parseOr400(feedbackBody, await jsonBody(c));
    const { sent, file } = await deps.caseWork.sendFeedback(viewerOf(c).person, id, body.text);
    const answer: FeedbackResult = { sent, case: caseDetail(file, deps.now()) };
    return c.json(answer);
  });

  routes.post('/cases/:id/escalate', async (c) => {
    const id = caseId(c);
    const body = parseOr400(escalateBody, await jsonBody(c));
    const { agendaItemId, committee, file } = await deps.caseWork.escalate(viewerOf(c).person, id, body.note);
    const answer: EscalateResult = { agendaItemId, committeeName: committee.name, case: caseDetail(file, deps.now()) };
    return c.json(answer, 201);
  });

  return routes;
}

function caseId(c: Context<ApiEnv>): string {
  const value = c.req.param('id') ?? '';
  if (!ID.test(value)) throw new InvalidRequest([{ field: 'id', message: 'Saks-id-en er ugyldig.' }]);
  return value;
}

function answerRefusal(c: Context<ApiEnv>, deps: ApiDeps, err: CaseWorkError) {
  switch (err.code) {
    case 'notFound':
      return apiError(c, 404, 'notFound', err.message);
    case 'forbidden':
      return apiError(c, 403, 'forbidden', err.message);
    case 'conflict':
      return apiError(c, 409, 'conflict', err.message, err.extra.current ? { current: caseDetail(err.extra.current, deps.now()) } : {});
    case 'invalidState':
      return apiError(c, 409, 'invalidState', err.message);
    case 'unavailable':
      return apiError(c, 503, 'unavailable', err.message);
    case 'invalidRequest':
      return apiError(c, 400, 'invalidRequest', 'Forespørselen er ugyldig.', { details: [{ field: err.extra.field ?? '(body)', message: err.message }] });
  }
  throw new ApiProblem(500, 'internalError', 'Noe gikk galt hos oss. Prøv igjen om litt.');
}

// ── Output ─────────────────────────────────────────────────────────────────────────────────────

const UNKNOWN_PERSON = 'Ukjent person';
const RECIPIENT = 'Mottaker av varselet';

function personRef(id: string, names: ReadonlyMap<string, string>): PersonRef {
  return { id, name: names.get(id) ?? UNKNOWN_PERSON };
}

function summary(item: CaseListItem, units: InboxPage['units'], names: ReadonlyMap<string, string>): CaseSummary {
  const d = item.case;
  const handlerId = item.handlingHidden ? null : d.handlerId;
  return {
    id: d.id,
    caseNumber: d.caseNumber,
    kind: d.kind,
    title: d.title,
    unitId: d.unitId,
    unitName: units.get(d.unitId)?.name ?? d.unitId,
    severity: d.severity,
    status: d.status,
    reportedAt: d.reportedAt,
    handlerId,
    handlerName: handlerId === null ? null : (names.get(handlerId) ?? UNKNOWN_PERSON),
    healthRelated: d.healthRelated,
    healthDetailsHidden: item.healthDetailsHidden,
  };
}

export function casePage(page: InboxPage): CasePage {
  return {
    items: page.items.map((i) => summary(i, page.units, page.names)),
    continuation: page.continuation,
    counts: page.counts ? { total: page.counts.total, byStatus: { ...page.counts.byStatus } } : null,
    asOf: page.asOf,
  };
}

function caseMeasureView(m: ShownMeasure, file: CaseFile, now: Date): MeasureView {
  return measureView(m.value, {
    etag: m.etag,
    ownerName: personRef(m.value.ownerId, file.names).name,
    unitName: file.units.get(m.value.unitId)?.name ?? m.value.unitId,
    sourceLabel: file.case.caseNumber,
    overdue: isOverdue(m.value, now),
    healthDetailsHidden: m.healthDetailsHidden,
  });
}

export function caseDetail(file: CaseFile, now: Date): CaseDetail {
  const d = file.case;
  const history: HistoryEntry[] = d.history.map((e) => ({
    type: e.type,
    actor: file.handlingHidden && e.actorId !== d.reporterId ? { id: '', name: RECIPIENT } : personRef(e.actorId, file.names),
    at: e.at,
    from: e.from,
    to: e.to,
    note: e.note ?? null,
  }));
  return {
    ...summary(file, file.units, file.names),
    description: d.description,
    location: d.location,
    occurredAt: d.occurredAt,
    reporter: personRef(d.reporterId, file.names),
    consequenceFor: [...d.consequenceFor],
    immediateAction: d.immediateAction,
    analysis: { whys: [...d.analysis.whys], rootCause: d.analysis.rootCause, causeCategory: d.analysis.causeCategory },
    noMeasureReason: d.noMeasureReason,
    closingNote: d.closingNote,
    closedAt: d.closedAt,
    measures: file.measures.map((m) => caseMeasureView(m, file, now)),
    attachments: file.attachments.map((f) => ({ name: f.name, url: `/api/cases/${encodeURIComponent(d.id)}/attachments/${encodeURIComponent(f.name)}` })),
    history,
    allowedActions: [...file.allowedActions],
    canHandle: file.canHandle,
    escalationTarget: file.escalationTarget ? { committeeId: file.escalationTarget.id, name: file.escalationTarget.name } : null,
    etag: file.etag,
  };
}

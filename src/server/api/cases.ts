// The case work routes under /api/cases: the inbox, a case's view, and every change to a case (src/app/case-work).
//
// Every query string and body is checked with zod before anything is read (bounded lengths, enums, dates as
// YYYY-MM-DD, ids as the app makes them); a failure is 400 'invalidRequest' with each field's problem in bokmål.
// Authorisation is the use cases' (the access policy on every read and write); this file maps their answers.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
import { z } from 'zod';
import { type CaseFile, type CaseListItem, CaseWork, CaseWorkError, type InboxPage } from '../../app/case-work/index.js';
import type { Stored } from '../../app/ports/index.js';
import { FEEDBACK_MAX_LENGTH } from '../../cards/index.js';
import { CASE_STATUSES, CAUSE_CATEGORIES, DEVIATION_KINDS, type Measure, SEVERITIES, TITLE_MAX_LENGTH, isCalendarDate, isOverdue } from '../../domain/index.js';
import { type ApiEnv, viewerOf } from './context.js';
import type { CaseDetail, CasePage, CaseSummary, EscalateResult, FeedbackResult, HistoryEntry, MeasureView, PersonRef } from './contract.js';
import { ApiProblem, InvalidRequest, apiError, jsonBody, parseOr400 } from './errors.js';
import type { ApiDeps } from './index.js';

// ── Input ──────────────────────────────────────────────────────────────────────────────────────

/** Ids the app makes (UUIDs, unit and person ids): letters, digits and dashes. */
const ID = /^[A-Za-z0-9-]{1,64}$/;
const id = (what: string) => z.string({ error: `${what} mangler.` }).regex(ID, { error: `${what} er ikke en gyldig id.` });

/** Free text a person writes: trimmed, not empty, bounded (a 100,000-character text is refused by name and limit). */
const text = (what: string, max: number) =>
  z
    .string({ error: `${what} må være tekst.` })
    .max(max, { error: `${what} kan ha høyst ${max.toLocaleString('nb-NO')} tegn.` })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, { error: `${what} kan ikke være tom.` }));

const optionalText = (what: string, max: number) =>
  z
    .string({ error: `${what} må være tekst.` })
    .max(max, { error: `${what} kan ha høyst ${max.toLocaleString('nb-NO')} tegn.` })
    .transform((s) => s.trim());

const NOTE_MAX = 4000;
const WHY_MAX = 2000;

const calendarDate = (what: string) =>
  z
    .string({ error: `${what} må være en dato.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${what} må være en dato på formen ÅÅÅÅ-MM-DD.` })
    .refine(isCalendarDate, { error: `${what} er ikke en gyldig dato.` });

const etag = z.string({ error: 'Versjonen (etag) mangler: last saken på nytt.' }).min(1, { error: 'Versjonen (etag) mangler: last saken på nytt.' }).max(200, { error: 'Versjonen (etag) er ugyldig.' });

/** A comma-separated list of one enum's values, at most one of each. */
function listOf<const T extends string>(values: readonly T[], what: string) {
  return z
    .string()
    .max(500, { error: `For mange verdier i ${what}.` })
    .transform((s) => [...new Set(s.split(',').map((v) => v.trim()).filter((v) => v !== ''))])
    .pipe(z.array(z.enum(values as readonly T[] as [T, ...T[]], { error: `Ukjent verdi i ${what}. Gyldige verdier: ${values.join(', ')}.` })));
}

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
      pageSize: z.coerce.number({ error: 'pageSize må være et tall.' }).int({ error: 'pageSize må være et helt tall.' }).min(1, { error: 'pageSize må være minst 1.' }).max(100, { error: 'pageSize kan være høyst 100.' }).default(50),
      continuation: z.string().regex(/^[A-Za-z0-9_-]{1,8192}$/, { error: 'Ugyldig fortsettelse; start fra første side.' }).optional(),
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

// ── Routes ─────────────────────────────────────────────────────────────────────────────────────

export function createCaseWork(deps: ApiDeps): CaseWork {
  const { repos } = deps;
  return new CaseWork({
    deviations: repos.deviations,
    measures: repos.measures,
    committees: repos.committees,
    agenda: repos.agenda,
    reads: repos.caseReads,
    attachments: repos.attachments,
    peopleByIds: (ids) => repos.organisation.peopleByIds(ids),
    person: (personId) => deps.org.person(personId),
    access: deps.access,
    reporter: deps.reporting,
    caseIndex: deps.caseIndex,
    onChanged: () => void deps.caseIndex.refresh(0).catch(() => {}),
    now: deps.now,
    log: deps.log,
  });
}

/** Mounted at /api: GET /cases, GET /cases/:id, and the writes below. */
export function caseRoutes(deps: ApiDeps, given?: CaseWork): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  // Built on first use: mounting the routes touches none of the dependencies.
  let built: CaseWork | undefined = given;
  const work = (): CaseWork => (built ??= createCaseWork(deps));
  // 1 MB is far more than any valid body (the longest text is 4,000 characters); past it the body is not even read.
  const limit = bodyLimit({ maxSize: 1024 * 1024, onError: (c) => apiError(c, 400, 'invalidRequest', 'Forespørselen er for stor.') });
  routes.use('/cases/*', async (c, next) => (c.req.method === 'GET' ? next() : limit(c, next)));
  routes.onError((err, c) => {
    if (err instanceof CaseWorkError) return answerRefusal(c, deps, err);
    throw err;
  });

  routes.get('/cases', async (c) => {
    const q = parseQuery(inboxQuery, c.req.query());
    const desc = q.sort.startsWith('-');
    const page = await work().inbox(viewerOf(c).person, {
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
    const file = await work().caseDetail(viewerOf(c).person, caseId(c));
    return c.json(caseDetail(file, deps.now()));
  });

  routes.get('/cases/:id/attachments/:name', async (c) => {
    const name = c.req.param('name');
    if (name.length === 0 || name.length > 255) throw new InvalidRequest([{ field: 'name', message: 'Ugyldig filnavn.' }]);
    const { file, bytes } = await work().attachment(viewerOf(c).person, caseId(c), name);
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
    const file = await work().act(viewerOf(c).person, id, action, version);
    return c.json(caseDetail(file, deps.now()));
  });

  routes.put('/cases/:id/analysis', async (c) => {
    const id = caseId(c);
    const body = parseOr400(analysisBody, await jsonBody(c));
    const file = await work().recordAnalysis(
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
    const file = await work().addMeasure(viewerOf(c).person, id, { title: body.title, ...(body.description ? { description: body.description } : {}), ownerId: body.ownerId, deadline: body.deadline }, body.etag);
    return c.json(caseDetail(file, deps.now()), 201);
  });

  routes.post('/cases/:id/feedback', async (c) => {
    const id = caseId(c);
    const body = parseOr400(feedbackBody, await jsonBody(c));
    const { sent, file } = await work().sendFeedback(viewerOf(c).person, id, body.text);
    const answer: FeedbackResult = { sent, case: caseDetail(file, deps.now()) };
    return c.json(answer);
  });

  routes.post('/cases/:id/escalate', async (c) => {
    const id = caseId(c);
    const body = parseOr400(escalateBody, await jsonBody(c));
    const { agendaItemId, committee, file } = await work().escalate(viewerOf(c).person, id, body.note);
    const answer: EscalateResult = { agendaItemId, committeeName: committee.name, case: caseDetail(file, deps.now()) };
    return c.json(answer, 201);
  });

  return routes;
}

/** A query string's problems named by parameter (`kind`, not `kind.1` for the second value in it). */
function parseQuery<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  try {
    return parseOr400(schema, input);
  } catch (err) {
    if (err instanceof InvalidRequest) throw new InvalidRequest(err.details.map((d) => ({ ...d, field: d.field.split('.')[0] || d.field })));
    throw err;
  }
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

function measureView(m: Stored<Measure>, file: CaseFile, now: Date): MeasureView {
  const v = m.value;
  return {
    id: v.id,
    title: file.healthDetailsHidden ? '' : v.title,
    description: file.healthDetailsHidden ? '' : v.description,
    source: v.source.type,
    sourceId: file.case.id,
    sourceLabel: file.case.caseNumber,
    owner: personRef(v.ownerId, file.names),
    unitId: v.unitId,
    unitName: file.units.get(v.unitId)?.name ?? v.unitId,
    deadline: v.deadline,
    status: v.status,
    overdue: isOverdue(v, now),
    completedAt: v.completedAt,
    evaluation: file.healthDetailsHidden ? null : v.evaluation,
    etag: m.etag,
  };
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
    measures: file.measures.map((m) => measureView(m, file, now)),
    attachments: file.attachments.map((f) => ({ name: f.name, url: `/api/cases/${encodeURIComponent(d.id)}/attachments/${encodeURIComponent(f.name)}` })),
    history,
    allowedActions: [...file.allowedActions],
    canHandle: file.canHandle,
    escalationTarget: file.escalationTarget ? { committeeId: file.escalationTarget.id, name: file.escalationTarget.name } : null,
    etag: file.etag,
  };
}

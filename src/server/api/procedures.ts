// Procedures and governing documents under /api (issue 8): contract-procedures.ts is the JSON; src/app/procedures the
// use cases, which check access on every read and write. This file checks every query string and body with zod
// (multipart uploads included), maps the use cases' answers to the contract, and their refusals to statuses.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import {
  DOCUMENT_CONTENT_TYPES,
  type DocumentCoverageResult,
  type DocumentMetadata,
  type ProcedureModule,
  ProcedureFailure,
  type ReadingItem,
  type SearchHit,
  ownedWithin,
} from '../../app/procedures/index.js';
import {
  type DocumentSelfAssessment,
  type Measure,
  type OrgUnits,
  type Person,
  type ProcedureDocument,
  ROLES,
  SELF_ASSESSMENT_CHECKLIST,
  isCalendarDate,
  isInForce,
  isMajorVersion,
  isProcedureReviewOverdue,
  mayApprove,
  mayAssess,
  mayEdit,
  mayReview,
  mayViewDrafts,
  osloYear,
  procedureApproverIds,
  reviewDaysOverdue,
  visibleUnitIds,
} from '../../domain/index.js';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../../sharepoint/schema/lists.js';
import { type ApiEnv, viewerOf } from './context.js';
import type { PersonRef } from './contract.js';
import type {
  ApprovalEntry,
  DocumentAction,
  DocumentCoverage,
  DocumentDetail,
  DocumentPage,
  DocumentSummary,
  ProceduresOverview,
  ReadingConfirmationView,
  ReadingListItem,
  ReadingListView,
  ReminderResult,
  ReviewDuePage,
  ReviewEntry,
  SelfAssessmentOverview,
  SelfAssessmentView,
  UnitReadingOverview,
  UploadLimits,
} from './contract-procedures.js';
import { InvalidRequest, jsonBody, parseOr400 } from './errors.js';
import type { ApiDeps } from './index.js';

// ── Input ──────────────────────────────────────────────────────────────────────────────────────────────────────

const ID = /^[A-Za-z0-9-]{1,64}$/;
const id = (what: string) => z.string({ error: `${what} mangler.` }).regex(ID, { error: `${what} er ikke en gyldig id.` });
const text = (what: string, max: number) =>
  z
    .string({ error: `${what} må være tekst.` })
    .max(max, { error: `${what} kan ha høyst ${max.toLocaleString('nb-NO')} tegn.` })
    .transform((s) => s.trim());
const required = (what: string, max: number) => text(what, max).pipe(z.string().min(1, { error: `${what} kan ikke være tom.` }));
const etag = z.string({ error: 'Versjonen (etag) mangler: last dokumentet på nytt.' }).min(1, { error: 'Versjonen (etag) mangler: last dokumentet på nytt.' }).max(200);
const version = z.string({ error: 'Versjonen mangler.' }).regex(/^\d{1,6}\.\d{1,3}$/, { error: 'Versjonen må se ut som 1.0 eller 0.2.' });
const enumOf = <const T extends string>(values: readonly T[], what: string) => z.enum(values as readonly T[] as [T, ...T[]], { error: `Ukjent ${what}. Gyldige verdier: ${values.join(', ')}.` });
const listOf = <const T extends string>(values: readonly T[], what: string) =>
  z
    .string()
    .max(500)
    .transform((s) => [...new Set(s.split(',').map((v) => v.trim()).filter((v) => v !== ''))])
    .pipe(z.array(enumOf(values, what)));
const strict = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? `Ukjent felt: ${issue.keys.join(', ')}.` : undefined) });

const metadataFields = {
  title: required('Tittelen', 255),
  description: text('Beskrivelsen', 4000).optional(),
  documentType: enumOf(DOCUMENT_TYPES, 'dokumenttype').optional(),
  ownerUnitId: id('Eierenheten'),
  ownerArea: text('Eierområdet', 20).nullable().optional(),
  reviewerId: id('Revisjonsansvarlig'),
  appliesToUnitIds: z.array(id('Enheten'), { error: 'Enhetene må være en liste.' }).max(10, { error: 'Velg høyst ti enheter; velg heller en enhet over dem.' }).optional(),
  appliesToRoles: z.array(enumOf(ROLES, 'rolle'), { error: 'Rollene må være en liste.' }).max(ROLES.length).optional(),
  relatedRiskItemIds: z.array(id('Risikoelementet'), { error: 'Risikoelementene må være en liste.' }).max(20, { error: 'Høyst 20 risikoelementer.' }).optional(),
  keywords: z.array(required('Emneordet', 40), { error: 'Emneordene må være en liste.' }).max(20, { error: 'Høyst 20 emneord.' }).optional(),
};

const metadataInput = strict({ kind: enumOf(['procedure', 'governingDocument'] as const, 'dokumentart (kind)'), ...metadataFields });
const metadataPatch = strict({ etag, ...Object.fromEntries(Object.entries(metadataFields).map(([k, v]) => [k, v.optional()])) } as { etag: typeof etag } & { [K in keyof typeof metadataFields]: z.ZodOptional<(typeof metadataFields)[K]> });

const listQuery = strict({
  q: text('Søket', 200).optional(),
  kind: enumOf(['procedure', 'governingDocument'] as const, 'dokumentart (kind)').optional(),
  status: listOf(DOCUMENT_STATUSES, 'status').optional(),
  documentType: listOf(DOCUMENT_TYPES, 'dokumenttype').optional(),
  unitId: id('Enheten').optional(),
  appliesToMe: z.enum(['true', 'false'], { error: 'appliesToMe må være true eller false.' }).optional(),
  mine: z.enum(['review', 'approve', 'own'], { error: 'mine må være review, approve eller own.' }).optional(),
  reviewDue: z.enum(['true', 'false'], { error: 'reviewDue må være true eller false.' }).optional(),
  sort: z.enum(['relevance', 'title', '-updated', 'nextReview'], { error: 'sort må være relevance, title, -updated eller nextReview.' }).optional(),
  pageSize: z.coerce.number({ error: 'pageSize må være et tall.' }).int().min(1, { error: 'pageSize må være minst 1.' }).max(100, { error: 'pageSize kan være høyst 100.' }).default(25),
  continuation: z.string().regex(/^\d{1,6}$/, { error: 'Ugyldig fortsettelse; start fra første side.' }).optional(),
});

const submitBody = strict({ etag, substantive: z.boolean({ error: 'Si om endringen er vesentlig (substantive: true eller false).' }), changeNote: text('Endringsbeskrivelsen', 2000).optional() });
const approveBody = strict({ etag: etag.optional(), comment: text('Kommentaren', 2000).optional() });
const rejectBody = strict({ etag: etag.optional(), comment: required('Kommentaren', 2000) });
const reviewBody = strict({ etag, outcome: z.enum(['unchanged', 'revise', 'archive'], { error: 'outcome må være unchanged, revise eller archive.' }), comment: text('Kommentaren', 2000).optional() });
const confirmBody = strict({ version });
const reminderBody = strict({ unitId: id('Enheten') });
const unitQuery = strict({ unitId: id('Enheten').optional() });
const contentQuery = strict({ version: z.union([version, z.literal('latest')]).optional() });
const dueQuery = strict({
  unitId: id('Enheten').optional(),
  withinDays: z.coerce.number({ error: 'withinDays må være et tall.' }).int().min(0).max(730, { error: 'withinDays kan være høyst 730.' }).default(30),
  scope: z.enum(['mine', 'units'], { error: 'scope må være mine eller units.' }).default('mine'),
});
const yearQuery = strict({
  year: z.coerce.number({ error: 'Året må være et tall.' }).int().min(2000).max(2100).optional(),
  ownerArea: text('Eierområdet', 20).optional(),
});
const calendarDate = z
  .string({ error: 'Fristen må være en dato.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Fristen må være en dato på formen ÅÅÅÅ-MM-DD.' })
  .refine(isCalendarDate, { error: 'Fristen er ikke en gyldig dato.' });
const selfAssessmentBody = strict({
  year: z.number({ error: 'Året må være et tall.' }).int().min(2000).max(2100).optional(),
  answers: z.partialRecord(enumOf(SELF_ASSESSMENT_CHECKLIST.map((q) => q.id), 'spørsmål'), enumOf(['yes', 'partly', 'no', 'notApplicable'] as const, 'svar')),
  outcome: z.enum(['adequate', 'needsRevision', 'obsolete'], { error: 'outcome må være adequate, needsRevision eller obsolete.' }),
  comment: text('Kommentaren', 4000).optional(),
  measures: z
    .array(strict({ title: required('Tiltaket', 255), description: text('Beskrivelsen', 4000).optional(), ownerId: id('Ansvarlig'), deadline: calendarDate }))
    .max(10, { error: 'Høyst ti tiltak.' })
    .optional(),
});

// ── Routes ─────────────────────────────────────────────────────────────────────────────────────────────────────

export function procedureRoutes(deps: ApiDeps & { procedures: ProcedureModule }): Hono<ApiEnv> {
  const m = deps.procedures;
  const routes = new Hono<ApiEnv>();
  const maxBytes = deps.config.files.maxBytes;
  // Uploads carry the file: the body may be the file's limit and a little for the form around it; JSON bodies 1 MB.
  const uploadLimit = bodyLimit({ maxSize: maxBytes + 256 * 1024, onError: (c) => fileTooLarge(c, maxBytes) });
  const jsonLimit = bodyLimit({ maxSize: 1024 * 1024, onError: (c) => problem(c, 400, 'invalidRequest', 'Forespørselen er for stor.') });
  // '/procedures/*' covers '/procedures' too: one rule for both, by path.
  routes.use('/procedures/*', async (c, next) => {
    if (c.req.method === 'GET') return next();
    return /\/procedures(\/[^/]+\/versions)?$/.test(c.req.path) ? uploadLimit(c, next) : jsonLimit(c, next);
  });
  routes.onError(async (err, c) => {
    if (err instanceof ProcedureFailure) return refusal(c, err, deps);
    throw err;
  });
  const view = views(deps);

  routes.get('/procedures/limits', (c) => {
    const body: UploadLimits = { maxBytes, contentTypes: Object.values(DOCUMENT_CONTENT_TYPES), extensions: ['.docx', '.pdf'] };
    return c.json(body);
  });

  routes.get('/procedures/reviews/due', async (c) => {
    const q = parseOr400(dueQuery, c.req.query());
    const viewer = viewerOf(c).person;
    const units = await deps.org.units();
    const now = deps.now();
    const visible = visibleUnitIds(viewer, units);
    if (q.unitId !== undefined && !visible.has(q.unitId)) throw new ProcedureFailure('forbidden', 'Du har ikke tilgang til denne enheten.');
    const due = (await m.procedures.dueForReview(now, q.withinDays)).filter(({ doc }) =>
      q.scope === 'mine'
        ? doc.reviewerId === viewer.id || procedureApproverIds(doc, units).includes(viewer.id)
        : visible.has(doc.ownerUnitId) && (q.unitId === undefined || ownedWithin(doc, q.unitId, units)),
    );
    const names = await view.names(due.map((d) => d.doc.reviewerId));
    const body: ReviewDuePage = {
      items: due.map(({ doc, daysOverdue }) => ({
        document: view.summary(doc, units, now),
        reviewer: ref(doc.reviewerId, names),
        nextReviewDate: doc.nextReviewDate as string,
        overdue: daysOverdue > 0,
        daysOverdue,
      })),
      overdue: due.filter((d) => d.daysOverdue > 0).length,
      dueSoon: due.filter((d) => d.daysOverdue <= 0).length,
    };
    return c.json(body);
  });

  routes.get('/procedures/overview', async (c) => {
    const q = parseOr400(unitQuery, c.req.query());
    const viewer = viewerOf(c).person;
    const units = await deps.org.units();
    const unitId = q.unitId ?? topUnit(viewer, units);
    if (!unitId || !visibleUnitIds(viewer, units).has(unitId)) throw new ProcedureFailure('forbidden', 'Oversikten er for ledere og kvalitetsrådgivere.');
    const now = deps.now();
    await m.index.fresh();
    const owned = m.index.all().filter((d) => ownedWithin(d, unitId, units));
    const soon = new Date(now.getTime() + 30 * 86_400_000);
    const reading = await m.reading.overviewOf(unitId, units);
    const body: ProceduresOverview = {
      unitId,
      overdueReviews: owned.filter((d) => isProcedureReviewOverdue(d, now)).length,
      reviewsDueSoon: owned.filter((d) => !isProcedureReviewOverdue(d, now) && (reviewDaysOverdue(d, soon) ?? -1) >= 0).length,
      awaitingApproval: owned.filter((d) => d.status === 'awaitingApproval').length,
      readingCoveragePercent: reading.total.percent,
    };
    return c.json(body);
  });

  routes.get('/procedures', async (c) => {
    const q = parseOr400(listQuery, c.req.query());
    const viewer = viewerOf(c).person;
    const hits = await m.procedures.list(viewer, {
      ...(q.q ? { q: q.q } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.status ? { statuses: q.status } : {}),
      ...(q.documentType ? { documentTypes: q.documentType } : {}),
      ...(q.unitId ? { unitId: q.unitId } : {}),
      appliesToMe: q.appliesToMe === 'true',
      ...(q.mine ? { mine: q.mine } : {}),
      reviewDue: q.reviewDue === 'true',
      ...(q.sort ? { sort: q.sort } : {}),
    });
    const start = Number(q.continuation ?? 0);
    const units = await deps.org.units();
    const now = deps.now();
    const page = hits.slice(start, start + q.pageSize);
    const body: DocumentPage = {
      items: page.map((h) => view.summary(h.doc, units, now, h)),
      continuation: start + q.pageSize < hits.length ? String(start + q.pageSize) : null,
      total: hits.length,
      asOf: m.index.asOf?.toISOString() ?? null,
    };
    c.header('Cache-Control', 'private, no-store');
    return c.json(body);
  });

  routes.post('/procedures', async (c) => {
    const form = await multipart(c);
    const raw = form.metadata;
    if (typeof raw !== 'string') throw new InvalidRequest([{ field: 'metadata', message: 'Metadata mangler (en JSON-tekst i feltet «metadata»).' }]);
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(raw);
    } catch {
      throw new InvalidRequest([{ field: 'metadata', message: 'Metadata må være JSON.' }]);
    }
    const input = parseOr400(metadataInput, parsedJson);
    const file = await fileOf(form.file, maxBytes);
    const stored = await m.procedures.create(viewerOf(c).person, metadataOf(input), file);
    return c.json(await view.detail(viewerOf(c).person, stored.value, stored.etag), 201);
  });

  routes.get('/reading-list', async (c) => {
    const viewer = viewerOf(c).person;
    const list = await m.reading.myList(viewer);
    const body: ReadingListView = { open: list.open.map(view.readingItem), confirmed: list.confirmed.map(view.readingItem) };
    c.header('Cache-Control', 'private, no-store');
    return c.json(body);
  });

  routes.get('/reading-coverage', async (c) => {
    const q = parseOr400(unitQuery, c.req.query());
    const overview = await m.reading.unitOverview(viewerOf(c).person, q.unitId);
    const units = await deps.org.units();
    const body: UnitReadingOverview = {
      unit: { id: overview.unitId, name: units.get(overview.unitId)?.name ?? overview.unitId },
      documents: overview.documents.map((d) => ({ documentId: d.doc.id, title: d.doc.title, readingVersion: d.readingVersion, required: d.required, confirmed: d.confirmed, percent: d.percent })),
      percent: overview.total.percent,
    };
    return c.json(body);
  });

  routes.get('/self-assessments', async (c) => {
    const q = parseOr400(yearQuery, c.req.query());
    const viewer = viewerOf(c).person;
    const now = deps.now();
    const year = q.year ?? osloYear(now);
    const rows = await m.selfAssessments.overview(viewer, year, q.ownerArea);
    const units = await deps.org.units();
    const views2 = await Promise.all(rows.map(async (r) => ({ document: view.summary(r.doc, units, now), ownerArea: r.doc.ownerArea, assessment: r.assessment ? await view.assessment(r.assessment) : null, canAssess: r.canAssess })));
    const body: SelfAssessmentOverview = { year, checklist: SELF_ASSESSMENT_CHECKLIST.map((q2) => ({ id: q2.id, text: q2.text })), items: views2, done: rows.filter((r) => r.assessment).length, total: rows.length };
    return c.json(body);
  });

  // ── One document ─────────────────────────────────────────────────────────────────────────────────────────────

  routes.get('/procedures/:id', async (c) => {
    const stored = await m.procedures.get(viewerOf(c).person, docId(c));
    c.header('Cache-Control', 'private, no-store');
    return c.json(await view.detail(viewerOf(c).person, stored.value, stored.etag));
  });

  routes.patch('/procedures/:id', async (c) => {
    const body = parseOr400(metadataPatch, await jsonBody(c));
    const { etag: version2, ...patch } = body;
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Omit<DocumentMetadata, 'kind'>>;
    const stored = await m.procedures.updateMetadata(viewerOf(c).person, docId(c), version2, clean);
    return c.json(await view.detail(viewerOf(c).person, stored.value, stored.etag));
  });

  routes.get('/procedures/:id/content', async (c) => {
    const q = parseOr400(contentQuery, c.req.query());
    const content = await m.procedures.content(viewerOf(c).person, docId(c), q.version);
    // Always a download with its own type, never rendered in the app's origin.
    return c.body(Buffer.from(content.bytes), 200, {
      'content-type': content.contentType,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(content.name)}`,
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  });

  routes.post('/procedures/:id/versions', async (c) => {
    const form = await multipart(c);
    const tag = parseOr400(strict({ etag }), { etag: form.etag });
    const file = await fileOf(form.file, maxBytes);
    const stored = await m.procedures.uploadVersion(viewerOf(c).person, docId(c), tag.etag, file);
    return c.json(await view.detail(viewerOf(c).person, stored.value, stored.etag));
  });

  routes.post('/procedures/:id/submit', async (c) => {
    const body = parseOr400(submitBody, await jsonBody(c));
    const stored = await m.procedures.submit(viewerOf(c).person, docId(c), body.etag, { substantive: body.substantive, changeNote: body.changeNote || null });
    return c.json(await view.detail(viewerOf(c).person, stored.value, stored.etag));
  });

  routes.post('/procedures/:id/approve', async (c) => {
    const body = parseOr400(approveBody, await jsonBody(c));
    const { stored } = await m.procedures.decide(viewerOf(c).person, docId(c), { outcome: 'approve', comment: body.comment || null }, body.etag ? { etag: body.etag } : {});
    return c.json(await view.detail(viewerOf(c).person, stored.value, stored.etag));
  });

  routes.post('/procedures/:id/reject', async (c) => {
    const body = parseOr400(rejectBody, await jsonBody(c));
    const { stored } = await m.procedures.decide(viewerOf(c).person, docId(c), { outcome: 'reject', comment: body.comment }, body.etag ? { etag: body.etag } : {});
    return c.json(await view.detail(viewerOf(c).person, stored.value, stored.etag));
  });

  routes.post('/procedures/:id/review', async (c) => {
    const body = parseOr400(reviewBody, await jsonBody(c));
    const stored = await m.procedures.review(viewerOf(c).person, docId(c), body.etag, body.outcome, body.comment || null);
    return c.json(await view.detail(viewerOf(c).person, stored.value, stored.etag));
  });

  routes.post('/procedures/:id/confirm-reading', async (c) => {
    const body = parseOr400(confirmBody, await jsonBody(c));
    const { record, created } = await m.reading.confirm(viewerOf(c).person, docId(c), body.version);
    const answer: ReadingConfirmationView = { documentId: record.documentId, version: record.version, confirmedAt: record.confirmedAt, created };
    return c.json(answer);
  });

  routes.get('/procedures/:id/reading-coverage', async (c) => {
    const q = parseOr400(unitQuery, c.req.query());
    const coverage = await m.reading.coverage(viewerOf(c).person, docId(c), q.unitId);
    return c.json(await view.coverage(coverage));
  });

  routes.post('/procedures/:id/reading-reminders', async (c) => {
    const body = parseOr400(reminderBody, await jsonBody(c));
    const { reminded, unreachable } = await m.reading.remind(viewerOf(c).person, docId(c), body.unitId);
    const answer: ReminderResult = { reminded, unreachable: unreachable.map((p) => ({ id: p.id, name: p.name })) };
    return c.json(answer);
  });

  routes.get('/procedures/:id/self-assessments', async (c) => {
    const list = await m.selfAssessments.forDocument(viewerOf(c).person, docId(c));
    const body: SelfAssessmentView[] = await Promise.all(list.map((a) => view.assessment(a)));
    return c.json(body);
  });

  routes.post('/procedures/:id/self-assessments', async (c) => {
    const body = parseOr400(selfAssessmentBody, await jsonBody(c));
    const { assessment, measures } = await m.selfAssessments.create(viewerOf(c).person, docId(c), {
      ...(body.year ? { year: body.year } : {}),
      answers: body.answers,
      outcome: body.outcome,
      comment: body.comment ?? '',
      measures: (body.measures ?? []).map((x) => ({ title: x.title, ...(x.description ? { description: x.description } : {}), ownerId: x.ownerId, deadline: x.deadline })),
    });
    return c.json(await view.assessment(assessment, measures), 201);
  });

  return routes;
}

// ── Views ──────────────────────────────────────────────────────────────────────────────────────────────────────

const UNKNOWN = 'Ukjent person';
const ref = (personId: string, names: ReadonlyMap<string, string>): PersonRef => ({ id: personId, name: names.get(personId) ?? UNKNOWN });

function views(deps: ApiDeps & { procedures: ProcedureModule }) {
  const m = deps.procedures;
  const names = async (ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> => {
    const unique = [...new Set(ids.filter((x): x is string => typeof x === 'string' && x !== ''))];
    const people = await Promise.all(unique.map((i) => deps.org.person(i).catch(() => null)));
    return new Map(people.flatMap((p) => (p ? [[p.id, p.name] as const] : [])));
  };
  const contentUrl = (doc: ProcedureDocument, v: string) => `/api/procedures/${encodeURIComponent(doc.id)}/content?version=${encodeURIComponent(v)}`;

  const summary = (doc: ProcedureDocument, units: OrgUnits, now: Date, hit?: SearchHit): DocumentSummary => ({
    id: doc.id,
    kind: doc.kind,
    documentType: doc.documentType,
    title: doc.title,
    description: doc.description,
    fileName: doc.fileName,
    ownerUnitId: doc.ownerUnitId,
    ownerUnitName: units.get(doc.ownerUnitId)?.name ?? doc.ownerUnitId,
    level: units.get(doc.ownerUnitId)?.level ?? doc.level,
    status: doc.status,
    approvedVersion: doc.approvedVersion,
    approvedAt: doc.approvedAt,
    nextReviewDate: doc.nextReviewDate,
    reviewOverdue: isProcedureReviewOverdue(doc, now),
    snippet: hit?.snippet ?? null,
    ...(hit && hit.matchedIn.length > 0 ? { matchedIn: [...hit.matchedIn] } : {}),
  });

  const detail = async (viewer: Person, doc: ProcedureDocument, etag: string): Promise<DocumentDetail> => {
    const units = await deps.org.units();
    const now = deps.now();
    const drafts = mayViewDrafts(viewer, doc, units);
    const approvers = procedureApproverIds(doc, units);
    const people = await names([doc.reviewerId, ...approvers, doc.pending?.submittedById, ...doc.approvals.flatMap((a) => [a.byId, a.submittedById]), ...doc.reviews.map((r) => r.byId)]);
    const [versions, reading] = await Promise.all([
      drafts ? m.procedures.versions(viewer, doc).catch(() => []) : Promise.resolve([]),
      isInForce(doc) ? m.reading.myList(viewer).catch(() => null) : Promise.resolve(null),
    ]);
    const open = reading?.open.find((i) => i.doc.id === doc.id);
    const done = reading?.confirmed.find((i) => i.doc.id === doc.id && i.version === doc.approvedVersion);
    const actions: DocumentAction[] = [];
    const editor = mayEdit(viewer, doc, units);
    if (editor && doc.status === 'draft') actions.push('edit', 'submit');
    if (editor && doc.status !== 'awaitingApproval' && doc.status !== 'archived') actions.push('uploadVersion');
    if (doc.status === 'awaitingApproval' && mayApprove(viewer.id, doc, units)) actions.push('approve', 'reject');
    if (mayReview(viewer, doc, units) && (doc.status === 'approved' || doc.status === 'draft')) actions.push('review');
    if (doc.kind === 'governingDocument' && isInForce(doc) && mayAssess(viewer, doc, units)) actions.push('selfAssess');
    if (isInForce(doc) && visibleUnitIds(viewer, units).size > 0) actions.push('viewCoverage');
    if (isInForce(doc) && !done) actions.push('confirmReading');
    const contentType = doc.fileName.toLowerCase().endsWith('.pdf') ? DOCUMENT_CONTENT_TYPES.pdf : DOCUMENT_CONTENT_TYPES.docx;
    return {
      ...summary(doc, units, now),
      keywords: [...doc.keywords],
      ownerArea: doc.ownerArea,
      reviewer: ref(doc.reviewerId, people),
      approvers: approvers.map((a) => ref(a, people)),
      appliesToUnits: doc.appliesToUnitIds.map((u) => ({ id: u, name: units.get(u)?.name ?? u })),
      appliesToRoles: [...doc.appliesToRoles],
      relatedRiskItemIds: [...doc.relatedRiskItemIds],
      latestVersion: drafts ? doc.latestVersion : (doc.approvedVersion ?? doc.latestVersion),
      contentType,
      size: versions[0]?.size ?? 0,
      approvedContentUrl: doc.approvedVersion && isInForce(doc) ? contentUrl(doc, doc.approvedVersion) : null,
      latestContentUrl: drafts ? contentUrl(doc, 'latest') : null,
      pending: doc.pending && drafts
        ? { version: doc.pending.version, submittedBy: ref(doc.pending.submittedById, people), submittedAt: doc.pending.submittedAt, substantive: doc.pending.substantive, changeNote: doc.pending.changeNote }
        : null,
      approvals: doc.approvals.map(
        (a): ApprovalEntry => ({
          submittedVersion: a.submittedVersion,
          publishedVersion: a.publishedVersion,
          outcome: a.outcome,
          by: ref(a.byId, people),
          at: a.at,
          comment: a.comment,
          submittedBy: ref(a.submittedById, people),
          submittedAt: a.submittedAt,
          substantive: a.substantive,
          changeNote: a.changeNote,
        }),
      ),
      reviews: doc.reviews.map((r): ReviewEntry => ({ outcome: r.outcome, by: ref(r.byId, people), at: r.at, comment: r.comment, nextReviewDate: r.nextReviewDate })),
      versions: versions.map((v) => ({ label: v.label, major: isMajorVersion(v.label), size: v.size, modifiedAt: v.modifiedAt, contentUrl: contentUrl(doc, v.label) })),
      myReading: open
        ? { version: open.version, confirmedAt: null }
        : done
          ? { version: done.version, confirmedAt: done.confirmedAt }
          : null,
      allowedActions: actions,
      etag,
    };
  };

  const readingItem = (item: ReadingItem): ReadingListItem => ({
    documentId: item.doc.id,
    title: item.doc.title,
    kind: item.doc.kind,
    documentType: item.doc.documentType,
    version: item.version,
    assignedAt: item.assignedAt,
    changeNote: item.doc.approvals.find((a) => a.publishedVersion === item.version)?.changeNote ?? null,
    contentUrl: contentUrl(item.doc, item.version),
    confirmedAt: item.confirmedAt,
  });

  const coverage = async (c: DocumentCoverageResult): Promise<DocumentCoverage> => {
    const units = await deps.org.units();
    const name = (u: string) => units.get(u)?.name ?? u;
    return {
      documentId: c.doc.id,
      title: c.doc.title,
      readingVersion: c.readingVersion,
      unit: { id: c.unitId, name: name(c.unitId) },
      required: c.required,
      confirmed: c.confirmed,
      percent: c.percent,
      byUnit: c.byUnit.map((b) => ({ unitId: b.unitId, unitName: name(b.unitId), required: b.required, confirmed: b.confirmed, percent: b.percent, ...(b.own ? { own: true } : {}) })),
      notConfirmed: c.notConfirmed.slice(0, 500).map(({ person, assignedAt }) => ({ id: person.id, name: person.name, unitId: person.unitId, unitName: name(person.unitId), assignedAt })),
      notConfirmedTotal: c.notConfirmed.length,
    };
  };

  const assessment = async (a: DocumentSelfAssessment, known: readonly Measure[] = []): Promise<SelfAssessmentView> => {
    const measures = known.length > 0 ? known : (await Promise.all(a.measureIds.map((mid) => deps.repos.measures.get(mid).catch(() => null)))).flatMap((s) => (s ? [s.value] : []));
    const people = await names([a.assessedById, ...measures.map((x) => x.ownerId)]);
    return {
      id: a.id,
      documentId: a.documentId,
      year: a.year,
      ownerArea: a.ownerArea,
      assessedBy: ref(a.assessedById, people),
      assessedOn: a.assessedOn,
      answers: { ...a.answers },
      outcome: a.outcome,
      comment: a.comment,
      measures: measures.map((x) => ({ id: x.id, title: x.title, owner: ref(x.ownerId, people), deadline: x.deadline, status: x.status })),
    };
  };

  return { names, summary, detail, readingItem, coverage, assessment };
}

// ── Helpers ────────────────────────────────────────────────────────────────────────────────────────────────────

function docId(c: Context<ApiEnv>): string {
  const value = c.req.param('id') ?? '';
  if (!ID.test(value)) throw new InvalidRequest([{ field: 'id', message: 'Dokument-id-en er ugyldig.' }]);
  return value;
}

function metadataOf(input: z.infer<typeof metadataInput>): DocumentMetadata {
  return {
    kind: input.kind,
    title: input.title,
    description: input.description ?? '',
    documentType: input.documentType ?? null,
    ownerUnitId: input.ownerUnitId,
    ownerArea: input.ownerArea || null,
    reviewerId: input.reviewerId,
    appliesToUnitIds: input.appliesToUnitIds ?? [],
    appliesToRoles: input.appliesToRoles ?? [],
    relatedRiskItemIds: input.relatedRiskItemIds ?? [],
    keywords: input.keywords ?? [],
  };
}

/** The form of a multipart request; anything else is a 400 that says what to send. */
async function multipart(c: Context<ApiEnv>): Promise<Record<string, string | File | (string | File)[]>> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    throw new InvalidRequest([{ field: '(body)', message: 'Send filen som multipart/form-data med feltene «file» og «metadata» (eller «etag»).' }]);
  }
  try {
    return await c.req.parseBody({ all: true });
  } catch {
    throw new InvalidRequest([{ field: '(body)', message: 'Skjemaet kunne ikke leses.' }]);
  }
}

async function fileOf(value: unknown, maxBytes: number): Promise<{ name: string; bytes: Uint8Array }> {
  if (Array.isArray(value)) throw new InvalidRequest([{ field: 'file', message: 'Last opp én fil om gangen.' }]);
  if (!(value instanceof File)) throw new InvalidRequest([{ field: 'file', message: 'Filen mangler (feltet «file»).' }]);
  if (value.size > maxBytes) throw new ProcedureFailure('fileTooLarge', `Filen er for stor. Største tillatte størrelse er ${Math.floor(maxBytes / (1024 * 1024))} MB.`, { field: 'file', maxBytes });
  const name = value.name.normalize('NFC').trim();
  if (name.length === 0 || name.length > 200) throw new InvalidRequest([{ field: 'file', message: 'Filen må ha et navn (høyst 200 tegn).' }]);
  return { name, bytes: new Uint8Array(await value.arrayBuffer()) };
}

function topUnit(viewer: Person, units: OrgUnits): string | undefined {
  const visible = visibleUnitIds(viewer, units);
  return [...visible].find((u) => {
    const parent = units.get(u)?.parentId ?? null;
    return parent === null || !visible.has(parent);
  });
}

function problem(c: Context, status: ContentfulStatusCode, code: string, message: string, extra: Record<string, unknown> = {}) {
  return c.json({ error: { code, message, ...extra } }, status);
}

function fileTooLarge(c: Context, maxBytes: number) {
  // Answered before the body is read: the connection closes after it, so a client does not send its next request
  // down a socket the server is about to drop.
  c.header('Connection', 'close');
  return problem(c, 413, 'fileTooLarge', `Filen er for stor. Største tillatte størrelse er ${Math.floor(maxBytes / (1024 * 1024))} MB.`, { maxBytes });
}

async function refusal(c: Context<ApiEnv>, err: ProcedureFailure, deps: ApiDeps & { procedures: ProcedureModule }) {
  const d = err.details;
  switch (err.kind) {
    case 'notFound':
      return problem(c, 404, 'notFound', err.message);
    case 'forbidden':
      return problem(c, 403, 'forbidden', err.message);
    case 'wrongApprover':
      return problem(c, 403, 'wrongApprover', err.message);
    case 'invalid':
      return problem(c, 400, 'invalidRequest', 'Forespørselen er ugyldig.', { details: [{ field: d.field ?? '(body)', message: err.message }] });
    case 'invalidState':
      return problem(c, 409, 'invalidState', err.message);
    case 'duplicateName':
      return problem(c, 409, 'duplicateName', err.message, d.existingId ? { existingId: d.existingId } : {});
    case 'fileTooLarge':
      return problem(c, 413, 'fileTooLarge', err.message, { maxBytes: d.maxBytes ?? deps.config.files.maxBytes });
    case 'unsupportedFileType':
      return problem(c, 415, 'unsupportedFileType', err.message);
    case 'supersededVersion':
      return problem(c, 409, 'supersededVersion', err.message, d.currentVersion ? { currentVersion: d.currentVersion } : {});
    case 'conflict': {
      if (!d.current) return problem(c, 409, 'conflict', err.message);
      const viewer = viewerOf(c).person;
      const current = await views(deps).detail(viewer, d.current, d.currentEtag ?? '');
      return problem(c, 409, 'conflict', err.message, { current });
    }
  }
}

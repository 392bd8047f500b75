// The risk routes under /api/risk (ROS, issue 7): assessments and rows, the steps to KLG, measures and deviations, the
// heat map, the yearly round and its work plan, what is due, Excel. contract-risk.ts describes every route.
//
// Every query string and body is checked with zod (bounded lengths, enums, dates as YYYY-MM-DD, ids as the app makes
// them); levels are checked by the use cases so the message can say which value was wrong. Authorisation is the use
// cases' (src/domain/risk-steps.ts on every read and write); this file maps their answers to the contract.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
import { z } from 'zod';
import {
  type AssessmentFile,
  type AssessmentSummaryFile,
  type EscalationFile,
  type ItemFile,
  RiskError,
  RiskExcel,
  RiskRounds,
  RiskWork,
  type RoundFile,
  cellItems,
  factJudgement,
  fieldOf,
  heatMap,
} from '../../app/risk/index.js';
import {
  RISK_ASSESSMENT_STATUSES,
  RISK_CONSEQUENCE_TYPES,
  canReadAssessment,
  isOverdue,
  addDays,
  isTaskOverdue,
  isoWeeksBetween,
  riskColour,
  riskScore,
  visibleUnitIds,
  type Measure,
  type OrgUnits,
  type Person,
  type RiskAssessmentStatus,
  type RiskConsequenceType,
  type RiskContext,
  type RiskLevel,
} from '../../domain/index.js';
import type { Stored } from '../../app/ports/index.js';
import { RISK_CONTEXTS } from '../../sharepoint/schema/lists.js';
import { type ApiEnv, viewerOf } from './context.js';
import type { MeasureView, PersonRef } from './contract.js';
import type {
  RiskAssessmentActionResult,
  RiskAssessmentDetail,
  RiskAssessmentSummary,
  RiskDueEntry,
  RiskEscalatedItem,
  RiskEscalationView,
  RiskHeatMap,
  RiskHeatMapItems,
  RiskImportResult,
  RiskItemView,
  RiskLinkedCase,
  RiskPositionView,
  RiskRoundDetail,
  RiskRoundSummary,
  RiskSectorStepResult,
  RiskWorkPlanTask,
} from './contract-risk.js';
import { ApiProblem, InvalidRequest, apiError, jsonBody, parseOr400 } from './errors.js';
import { calendarDate, parseQuery, text } from './input.js';
import type { ApiDeps } from './index.js';
import { measureView } from './measures.js';

// ── Input ──────────────────────────────────────────────────────────────────────────────────────

// Wider than input.ts's ID: a round assessment's id may hold a hashed unit id ('#' and base64url, roundAssessmentId).
const ID = /^[A-Za-z0-9#_-]{1,64}$/;
const id = (what: string) => z.string({ error: `${what} mangler.` }).regex(ID, { error: `${what} er ikke en gyldig id.` });

// Unlike input.ts's, not trimmed here: the use cases get the text as the risk routes have always passed it on.
const optionalText = (what: string, max: number) => z.string({ error: `${what} må være tekst.` }).max(max, { error: `${what} kan ha høyst ${max.toLocaleString('nb-NO')} tegn.` });

const etag = z.string({ error: 'Versjonen (etag) mangler: last inn på nytt.' }).min(1, { error: 'Versjonen (etag) mangler: last inn på nytt.' }).max(200, { error: 'Versjonen (etag) er ugyldig.' });
const year = z.coerce.number({ error: 'Året må være et tall.' }).int({ error: 'Året må være et helt tall.' }).min(2000, { error: 'Året må være 2000 eller senere.' }).max(2100, { error: 'Året må være 2100 eller tidligere.' });
const area = z.enum(RISK_CONTEXTS as readonly RiskContext[] as [RiskContext, ...RiskContext[]], { error: `Området må være en av ${RISK_CONTEXTS.join(', ')}.` });
const statusList = z
  .string()
  .max(200)
  .transform((s) => [...new Set(s.split(',').map((v) => v.trim()).filter((v) => v !== ''))])
  .pipe(z.array(z.enum(RISK_ASSESSMENT_STATUSES as readonly RiskAssessmentStatus[] as [RiskAssessmentStatus, ...RiskAssessmentStatus[]], { error: `Status må være en eller flere av ${RISK_ASSESSMENT_STATUSES.join(', ')}.` })));
/** A level is a number here; whether it is 1–5 the use case says, naming the value. */
const level = (what: string) => z.number({ error: `${what} må være et tall fra 1 til 5.` });
const nullableLevel = (what: string) => z.number({ error: `${what} må være et tall fra 1 til 5, eller tom.` }).nullable();
const yesNo = (what: string) => z.boolean({ error: `${what} må være ja (true), nei (false) eller ubesvart (null).` }).nullable();

const itemFields = {
  process: optionalText('Hva skal vurderes', 255),
  whatCanGoWrong: optionalText('Hva kan gå galt', 4000),
  consequenceTypes: z.array(z.enum(RISK_CONSEQUENCE_TYPES as readonly RiskConsequenceType[] as [RiskConsequenceType, ...RiskConsequenceType[]], { error: `Konsekvenstypene må være blant ${RISK_CONSEQUENCE_TYPES.join(', ')}.` })).max(7),
  likelihood: level('Sannsynlighet'),
  consequence: level('Konsekvens'),
  breachOfLaw: z.boolean({ error: 'Lovbrudd må være ja eller nei.' }),
  existingMeasures: optionalText('Hva er gjort', 4000),
  doneEnough: yesNo('Har vi gjort nok'),
  residualLikelihood: nullableLevel('Sannsynlighet etter tiltak'),
  residualConsequence: nullableLevel('Konsekvens etter tiltak'),
  residualAcceptable: yesNo('Er restrisikoen akseptabel'),
  reportToKlg: yesNo('Må meldes til KLG'),
  position: z.number().int().min(0).max(100_000),
};
const newItemBody = z.object({ ...itemFields, process: z.string({ error: 'Fyll ut «Hva skal vurderes?».' }).max(255, { error: 'Hva skal vurderes kan ha høyst 255 tegn.' }), whatCanGoWrong: z.string({ error: 'Fyll ut «Hva kan gå galt?».' }).max(4000) }).partial({
  consequenceTypes: true,
  breachOfLaw: true,
  existingMeasures: true,
  doneEnough: true,
  residualLikelihood: true,
  residualConsequence: true,
  residualAcceptable: true,
  reportToKlg: true,
  position: true,
  likelihood: true,
  consequence: true,
});
const patchItemBody = z.object({ etag, ...itemFields }).partial().required({ etag: true });

const newAssessmentBody = z.object({
  unitId: id('Enheten'),
  title: optionalText('Tittelen', 255).optional(),
  area: area.optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  roundId: id('Risikorunden').optional(),
  responsibleId: id('Ansvarlig').optional(),
  participantIds: z.array(id('Deltakeren')).max(50, { error: 'Høyst 50 deltakere.' }).optional(),
  date: calendarDate('Datoen').optional(),
  copyFromAssessmentId: id('Risikovurderingen det kopieres fra').optional(),
});
const patchAssessmentBody = z.object({
  etag,
  title: optionalText('Tittelen', 255).optional(),
  area: area.optional(),
  responsibleId: id('Ansvarlig').optional(),
  participantIds: z.array(id('Deltakeren')).max(50).optional(),
  date: calendarDate('Datoen').optional(),
});
const actionBody = z.discriminatedUnion(
  'type',
  [
    z.object({ etag, type: z.literal('submit') }),
    z.object({ etag, type: z.literal('return'), note: text('Begrunnelsen', 4000) }),
    z.object({ etag, type: z.literal('compile') }),
    z.object({ etag, type: z.literal('forward') }),
  ],
  { error: 'Ukjent handling: bruk submit, return, compile eller forward.' },
);
const measureBody = z.object({
  title: text('Tiltaket', 255),
  description: optionalText('Beskrivelsen', 4000).optional(),
  ownerId: id('Ansvarlig'),
  deadline: calendarDate('Fristen'),
  unitId: id('Enheten').optional(),
});
const linkBody = z.object({ caseId: id('Saken') });
const listQuery = z.object({ unitId: id('Enheten').optional(), year: year.optional(), roundId: id('Risikorunden').optional(), area: area.optional(), status: statusList.optional() });
const heatQuery = listQuery;
const cellQuery = listQuery.extend({
  likelihood: z.coerce.number({ error: 'Sannsynlighet må være et tall fra 1 til 5.' }).int({ error: 'Sannsynlighet må være et helt tall fra 1 til 5.' }).min(1, { error: 'Sannsynlighet må være fra 1 til 5.' }).max(5, { error: 'Sannsynlighet må være fra 1 til 5.' }),
  consequence: z.coerce.number({ error: 'Konsekvens må være et tall fra 1 til 5.' }).int({ error: 'Konsekvens må være et helt tall fra 1 til 5.' }).min(1, { error: 'Konsekvens må være fra 1 til 5.' }).max(5, { error: 'Konsekvens må være fra 1 til 5.' }),
  position: z.enum(['now', 'after'], { error: 'position må være now eller after.' }).default('now'),
  pageSize: z.coerce.number().int().min(1, { error: 'Sidestørrelsen må være minst 1.' }).max(200, { error: 'Sidestørrelsen kan være høyst 200.' }).default(100),
  continuation: z.string().regex(/^\d{1,7}$/, { error: 'Ugyldig fortsettelse; start fra første side.' }).optional(),
});
const responsible = z.enum(['qualityAdviser', 'sectorHead', 'unitLeader', 'executiveGroup', 'person'], { error: 'Ansvarlig må være qualityAdviser, sectorHead, unitLeader, executiveGroup eller person.' });
const percent = z.number({ error: 'Prosent ferdig må være et tall.' }).int({ error: 'Prosent ferdig må være et helt tall.' }).min(0, { error: 'Prosent ferdig må være fra 0 til 100.' }).max(100, { error: 'Prosent ferdig må være fra 0 til 100.' });
const taskBody = z.object({
  title: text('Oppgaven', 255),
  responsible,
  responsiblePersonId: id('Ansvarlig person').optional(),
  responsibleLabel: optionalText('Ansvarlig (tekst)', 100).optional(),
  percentDone: percent.optional(),
  start: calendarDate('Oppstart'),
  deadline: calendarDate('Fristen'),
});
const taskPatchBody = taskBody.partial();
const newRoundBody = z.object({
  year: z.number({ error: 'Året mangler.' }).int().min(2000, { error: 'Året må være 2000 eller senere.' }).max(2100, { error: 'Året må være 2100 eller tidligere.' }),
  title: optionalText('Tittelen', 255).optional(),
  start: calendarDate('Oppstart').optional(),
  unitDeadline: calendarDate('Fristen for virksomhetene'),
  sectorDeadline: calendarDate('Fristen for kommunalsjefene'),
  plannedEnd: calendarDate('Planlagt ferdig').optional(),
  unitIds: z.array(id('Enheten')).min(1, { error: 'Velg minst én virksomhet.' }).max(2000).optional(),
  tasks: z.array(taskBody).max(100).optional(),
});
const patchRoundBody = z.object({
  etag,
  title: optionalText('Tittelen', 255).optional(),
  unitDeadline: calendarDate('Fristen for virksomhetene').optional(),
  sectorDeadline: calendarDate('Fristen for kommunalsjefene').optional(),
  plannedEnd: calendarDate('Planlagt ferdig').optional(),
  unitIds: z.array(id('Enheten')).min(1).max(2000).optional(),
  status: z.enum(['active', 'closed']).optional(),
});
const dueQuery = z.object({ days: z.coerce.number({ error: 'Antall dager må være et tall.' }).int().min(0, { error: 'Antall dager må være fra 0 til 90.' }).max(90, { error: 'Antall dager må være fra 0 til 90.' }).default(14) });
const escalationQuery = z.object({ roundId: id('Risikorunden').optional(), year: year.optional() });
const etagQuery = z.object({ etag });
const caseQuery = z.object({ caseId: id('Saken') });
const dryRunQuery = z.object({ dryRun: z.enum(['true', 'false'], { error: 'dryRun må være true eller false.' }).optional() });

function param(c: Context<ApiEnv>, name: string, what: string): string {
  const value = c.req.param(name) ?? '';
  if (!ID.test(value)) throw new InvalidRequest([{ field: name, message: `${what} er ugyldig.` }]);
  return value;
}

/** Optional fields left out, so "not given" and "given as null" stay apart for the use case. */
function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

// ── Output ─────────────────────────────────────────────────────────────────────────────────────

const UNKNOWN_PERSON = 'Ukjent person';

interface Lookup {
  readonly units: OrgUnits;
  readonly names: ReadonlyMap<string, Person>;
  readonly now: Date;
}

function personRef(id: string, l: Lookup): PersonRef {
  return { id, name: l.names.get(id)?.name ?? UNKNOWN_PERSON };
}

function position(l: RiskLevel, c: RiskLevel, t: Parameters<typeof riskColour>[1]): RiskPositionView {
  const score = riskScore({ likelihood: l, consequence: c });
  return { likelihood: l, consequence: c, score, colour: riskColour(score, t) };
}

function measureOf(m: Stored<Measure>, l: Lookup): MeasureView {
  // A risk measure holds no health details: its text is the ROS row's, which is not personal.
  return measureView(m.value, {
    etag: m.etag,
    ownerName: l.names.get(m.value.ownerId)?.name ?? '',
    unitName: l.units.get(m.value.unitId)?.name ?? m.value.unitId,
    sourceLabel: null,
    overdue: isOverdue(m.value, l.now),
    healthDetailsHidden: false,
  });
}

export function escalationView(e: EscalationFile): RiskEscalationView {
  return { itemId: e.itemId, agendaItemId: e.agendaItemId, committeeId: e.committeeId, committeeName: e.committeeName, at: e.at };
}

function itemView(f: ItemFile, l: Lookup, work: RiskWork): RiskItemView {
  const i = f.item;
  const t = work.thresholds;
  return {
    id: i.id,
    assessmentId: i.assessmentId,
    unitId: i.unitId,
    process: i.process,
    whatCanGoWrong: i.whatCanGoWrong,
    consequenceTypes: [...i.consequenceTypes],
    current: position(i.current.likelihood, i.current.consequence, t),
    breachOfLaw: i.breachOfLaw,
    existingMeasures: i.existingMeasures,
    doneEnough: i.doneEnough,
    residual: i.residual ? position(i.residual.likelihood, i.residual.consequence, t) : null,
    residualAcceptable: i.residualAcceptable,
    reportToKlg: i.reportToKlg,
    mustReportToKlg: f.mustReportToKlg,
    requiresMeasure: f.requiresMeasure,
    problems: f.problems.map((e) => ({ field: fieldOf(e), message: e.message })),
    measures: f.measures.map((m) => measureOf(m, l)),
    deviations: f.deviations.map((d): RiskLinkedCase => ({ id: d.id, caseNumber: d.caseNumber, title: d.title, status: d.status, reportedAt: d.reportedAt })),
    escalation: i.escalation ? { itemId: i.id, agendaItemId: i.escalation.agendaItemId, committeeId: i.escalation.committeeId, committeeName: f.escalationCommitteeName ?? '', at: i.escalation.at } : null,
    etag: f.etag,
  };
}

function summaryView(f: AssessmentSummaryFile, l: Lookup): RiskAssessmentSummary {
  const a = f.assessment;
  return {
    id: a.id,
    title: a.title,
    area: a.context,
    year: a.year,
    roundId: a.roundId,
    unitId: a.unitId,
    unitName: f.unitName,
    status: a.status,
    responsible: personRef(a.responsibleId, l),
    date: a.date,
    itemCount: f.counts.itemCount,
    colours: { now: { ...f.counts.now }, after: { ...f.counts.after } },
    unacceptable: f.counts.unacceptable,
    submittedAt: a.submittedAt,
    compiledAt: a.compiledAt,
    forwardedAt: a.forwardedAt,
  };
}

function detailView(f: AssessmentFile, l: Lookup, work: RiskWork): RiskAssessmentDetail {
  return {
    ...summaryView(f, l),
    participants: f.assessment.participantIds.map((p) => personRef(p, l)),
    items: f.items.map((i) => itemView(i, l, work)),
    canEdit: f.canEdit,
    allowedActions: [...f.allowedActions],
    returnNote: f.assessment.returnNote,
    etag: f.etag,
  };
}

function taskView(t: RoundFile['round']['tasks'][number], l: Lookup): RiskWorkPlanTask {
  return {
    id: t.id,
    title: t.title,
    responsible: t.responsible,
    responsiblePerson: t.responsiblePersonId ? personRef(t.responsiblePersonId, l) : null,
    responsibleLabel: t.responsibleLabel,
    percentDone: t.percentDone,
    start: t.start,
    deadline: t.deadline,
    weeks: isoWeeksOf(t.start, t.deadline).map(({ year: y, week }) => ({ year: y, week })),
    overdue: isTaskOverdue(t, l.now),
  };
}

function roundSummary(f: RoundFile): RiskRoundSummary {
  const r = f.round;
  const states = { notStarted: 0, draft: 0, submitted: 0, compiled: 0, forwarded: 0 };
  for (const u of f.units) states[u.state]++;
  return { id: r.id, year: r.year, title: r.title, status: r.status, start: r.start, unitDeadline: r.unitDeadline, sectorDeadline: r.sectorDeadline, plannedEnd: r.plannedEnd, states, unitCount: f.units.length };
}

function roundDetail(f: RoundFile, l: Lookup): RiskRoundDetail {
  const r = f.round;
  return {
    ...roundSummary(f),
    startedBy: personRef(r.startedById, l),
    tasks: r.tasks.map((t) => taskView(t, l)),
    weeks: isoWeeksOf(r.start, r.plannedEnd),
    units: f.units.map((u) => ({ ...u })),
    sectors: f.sectors.map((s) => ({ ...s, states: { ...s.states } })),
    escalatedCount: f.escalatedCount,
    canManage: f.canManage,
    etag: f.etag,
  };
}

// ── Routes ─────────────────────────────────────────────────────────────────────────────────────

/** Mounted at /api: every route under /risk (contract-risk.ts). */
export function riskRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const org = deps.repos.organisation;
  const work = new RiskWork({
    store: deps.repos.riskStore,
    measures: deps.repos.measures,
    deviations: deps.repos.deviations,
    agenda: deps.repos.agenda,
    committees: deps.repos.committees,
    units: () => deps.org.units(),
    person: (pid) => deps.org.person(pid),
    index: deps.riskIndex,
    now: deps.now,
    log: deps.log,
  });
  const rounds = new RiskRounds(work);
  const excel = new RiskExcel(work, (email) => org.personByEmail(email));

  /** Names of the people an answer mentions, in one look-up. */
  const lookup = async (personIds: Iterable<string>): Promise<Lookup> => {
    const ids = [...new Set(personIds)].filter((x) => x !== '');
    const [units, people] = await Promise.all([deps.org.units(), ids.length > 0 ? org.peopleByIds(ids) : Promise.resolve([])]);
    return { units, names: new Map(people.map((p) => [p.id, p])), now: deps.now() };
  };
  const peopleOfItems = (items: readonly ItemFile[]) => items.flatMap((i) => i.measures.map((m) => m.value.ownerId));
  const peopleOfAssessment = (f: AssessmentFile) => [f.assessment.responsibleId, ...f.assessment.participantIds, ...peopleOfItems(f.items)];
  const detail = async (f: AssessmentFile) => detailView(f, await lookup(peopleOfAssessment(f)), work);
  const item = async (f: ItemFile) => itemView(f, await lookup(peopleOfItems([f])), work);
  const round = async (f: RoundFile) => roundDetail(f, await lookup([f.round.startedById, ...f.round.tasks.flatMap((t) => (t.responsiblePersonId ? [t.responsiblePersonId] : []))]));

  const jsonLimit = bodyLimit({ maxSize: 1024 * 1024, onError: (c) => apiError(c, 400, 'invalidRequest', 'Forespørselen er for stor.') });
  const fileLimit = bodyLimit({ maxSize: 5 * 1024 * 1024, onError: (c) => apiError(c, 400, 'invalidRequest', 'Filen er for stor (høyst 5 MB).') });
  routes.use('/risk/*', async (c, next) => {
    if (c.req.method === 'GET') return next();
    return c.req.path.endsWith('/import') ? fileLimit(c, next) : jsonLimit(c, next);
  });
  routes.use('/risk/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'private, no-store');
  });
  routes.onError(async (err, c) => {
    if (!(err instanceof RiskError)) throw err;
    const e = err.extra;
    switch (err.code) {
      case 'notFound':
        return apiError(c, 404, 'notFound', err.message);
      case 'forbidden':
        return apiError(c, 403, 'forbidden', err.message);
      case 'conflict': {
        const extra = {
          ...(e.currentAssessment ? { currentAssessment: await detail(e.currentAssessment) } : {}),
          ...(e.currentItem ? { currentItem: await item(e.currentItem) } : {}),
        };
        return apiError(c, 409, 'conflict', err.message, extra as never);
      }
      case 'invalidState':
        return apiError(c, 409, 'invalidState', err.message);
      case 'unavailable':
        return apiError(c, 503, 'unavailable', err.message);
      case 'invalidRequest':
        return apiError(c, 400, 'invalidRequest', err.message, { details: [...(e.details ?? [])], ...(e.rows ? { rows: [...e.rows] } : {}) } as never);
    }
  });

  const me = (c: Context<ApiEnv>) => viewerOf(c).person;

  // ── assessments
  routes.get('/risk/assessments', async (c) => {
    const q = parseQuery(listQuery, c.req.query());
    if (q.unitId !== undefined && !(await deps.org.units()).has(q.unitId)) throw new InvalidRequest([{ field: 'unitId', message: 'Finner ikke enheten.' }]);
    const list = await work.listAssessments(me(c), defined({ unitId: q.unitId, year: q.year, roundId: q.roundId, area: q.area, statuses: q.status }));
    const l = await lookup(list.map((f) => f.assessment.responsibleId));
    return c.json(list.map((f) => summaryView(f, l)));
  });

  routes.post('/risk/assessments', async (c) => {
    const body = parseOr400(newAssessmentBody, await jsonBody(c));
    const { file, created } = await work.createAssessment(me(c), { ...defined(body), unitId: body.unitId });
    return c.json(await detail(file), created ? 201 : 200);
  });

  routes.get('/risk/assessments/:id', async (c) => c.json(await detail(await work.assessment(me(c), param(c, 'id', 'Id-en')))));

  routes.patch('/risk/assessments/:id', async (c) => {
    const aid = param(c, 'id', 'Id-en');
    const { etag: version, ...patch } = parseOr400(patchAssessmentBody, await jsonBody(c));
    return c.json(await detail(await work.patchAssessment(me(c), aid, version, defined(patch))));
  });

  routes.delete('/risk/assessments/:id', async (c) => {
    const aid = param(c, 'id', 'Id-en');
    const q = parseQuery(etagQuery, c.req.query());
    await work.deleteAssessment(me(c), aid, q.etag);
    return c.body(null, 204);
  });

  routes.post('/risk/assessments/:id/actions', async (c) => {
    const aid = param(c, 'id', 'Id-en');
    const { etag: version, ...action } = parseOr400(actionBody, await jsonBody(c));
    const { file, escalated } = await work.act(me(c), aid, version, action);
    const answer: RiskAssessmentActionResult = { assessment: await detail(file), escalated: escalated.map(escalationView) };
    return c.json(answer);
  });

  routes.post('/risk/assessments/:id/items', async (c) => {
    const aid = param(c, 'id', 'Id-en');
    const body = parseOr400(newItemBody, await jsonBody(c));
    return c.json(await item(await work.addItem(me(c), aid, defined(body))), 201);
  });

  routes.get('/risk/assessments/:id/export.xlsx', async (c) => {
    const { fileName, content } = await excel.export(me(c), param(c, 'id', 'Id-en'));
    return c.body(new Uint8Array(content), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${fileName}"`,
    });
  });

  routes.post('/risk/assessments/:id/import', async (c) => {
    const aid = param(c, 'id', 'Id-en');
    const q = parseQuery(dryRunQuery, c.req.query());
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0) throw new InvalidRequest([{ field: '(body)', message: 'Send Excel-filen (.xlsx) som innhold i forespørselen.' }]);
    const outcome = await excel.import(me(c), aid, bytes, q.dryRun === 'true');
    const answer: RiskImportResult = { ...outcome };
    return c.json(answer);
  });

  // ── items
  routes.get('/risk/items', async (c) => {
    const q = parseQuery(caseQuery, c.req.query());
    const files = await work.itemsForCase(me(c), q.caseId);
    const l = await lookup(peopleOfItems(files));
    return c.json(files.map((f) => itemView(f, l, work)));
  });

  routes.get('/risk/items/:id', async (c) => c.json(await item(await work.item(me(c), param(c, 'id', 'Id-en')))));

  routes.patch('/risk/items/:id', async (c) => {
    const iid = param(c, 'id', 'Id-en');
    const { etag: version, ...patch } = parseOr400(patchItemBody, await jsonBody(c));
    return c.json(await item(await work.patchItem(me(c), iid, version, defined(patch))));
  });

  routes.delete('/risk/items/:id', async (c) => {
    const iid = param(c, 'id', 'Id-en');
    const q = parseQuery(etagQuery, c.req.query());
    await work.deleteItem(me(c), iid, q.etag);
    return c.body(null, 204);
  });

  routes.post('/risk/items/:id/measures', async (c) => {
    const iid = param(c, 'id', 'Id-en');
    const body = parseOr400(measureBody, await jsonBody(c));
    const file = await work.addMeasure(me(c), iid, defined(body) as typeof body);
    // The dashboard's overdue count follows at once instead of at the next timed round.
    void deps.measureIndex.refresh(0);
    return c.json(await item(file), 201);
  });

  routes.post('/risk/items/:id/deviations', async (c) => {
    const iid = param(c, 'id', 'Id-en');
    const body = parseOr400(linkBody, await jsonBody(c));
    return c.json(await item(await work.linkDeviation(me(c), iid, body.caseId, true)));
  });

  routes.delete('/risk/items/:id/deviations/:caseId', async (c) => {
    const iid = param(c, 'id', 'Id-en');
    return c.json(await item(await work.linkDeviation(me(c), iid, param(c, 'caseId', 'Saks-id-en'), false)));
  });

  // ── heat map
  const heatScope = async (viewer: Person, unitId: string | undefined) => {
    const units = await deps.org.units();
    const visible = visibleUnitIds(viewer, units);
    if (visible.size === 0) throw new ApiProblem(403, 'forbidden', 'Du har ikke tilgang til risikooversikten.');
    if (unitId !== undefined && !units.has(unitId)) throw new InvalidRequest([{ field: 'unitId', message: 'Finner ikke enheten.' }]);
    if (unitId !== undefined && !visible.has(unitId)) throw new ApiProblem(403, 'forbidden', 'Du har ikke tilgang til risikooversikten for denne enheten.');
    // Default: the widest unit the viewer sees (the municipality for the kommunedirektør and quality advisers).
    const top = unitId ?? [...visible].map((v) => units.get(v)).filter((u) => u !== undefined && (u.parentId === null || !visible.has(u.parentId)))[0]?.id;
    const unit = top === undefined ? undefined : units.get(top);
    if (!unit) throw new ApiProblem(403, 'forbidden', 'Du har ikke tilgang til risikooversikten.');
    const index = await work.readyIndex();
    return { units, visible, unit, index };
  };

  routes.get('/risk/heatmap', async (c) => {
    const q = parseQuery(heatQuery, c.req.query());
    const viewer = me(c);
    const { units, visible, unit, index } = await heatScope(viewer, q.unitId);
    const result = heatMap(defined({ unitId: unit.id, year: q.year, roundId: q.roundId, area: q.area, statuses: q.status }) as { unitId: string }, {
      assessments: index.assessments.all(),
      items: index.items.all(),
      units,
      mayRead: (a) => canReadAssessment(viewer, a, units, visible),
      thresholds: work.thresholds,
    });
    const body: RiskHeatMap = { unit: { id: unit.id, name: unit.name, level: unit.level }, asOf: index.asOf(), ...result };
    return c.json(body);
  });

  routes.get('/risk/heatmap/items', async (c) => {
    const q = parseQuery(cellQuery, c.req.query());
    const viewer = me(c);
    const { units, visible, unit, index } = await heatScope(viewer, q.unitId);
    const all = cellItems(
      { ...(defined({ year: q.year, roundId: q.roundId, area: q.area, statuses: q.status }) as object), unitId: unit.id, likelihood: q.likelihood, consequence: q.consequence, position: q.position },
      { assessments: index.assessments.all(), items: index.items.all(), units, mayRead: (a) => canReadAssessment(viewer, a, units, visible), thresholds: work.thresholds },
    );
    const from = Number(q.continuation ?? 0);
    const page = all.slice(from, from + q.pageSize);
    const t = work.thresholds;
    const body: RiskHeatMapItems = {
      total: all.length,
      continuation: from + q.pageSize < all.length ? String(from + q.pageSize) : null,
      items: page.map((f) => {
        const a = index.assessments.get(f.assessmentId);
        return {
          id: f.id,
          assessmentId: f.assessmentId,
          assessmentTitle: a?.title ?? '',
          unitId: f.unitId,
          unitName: units.get(f.unitId)?.name ?? f.unitId,
          title: f.title,
          current: position(f.likelihood, f.consequence, t),
          residual: f.residualLikelihood !== null && f.residualConsequence !== null ? position(f.residualLikelihood, f.residualConsequence, t) : null,
          mustReportToKlg: factJudgement(f, t).mustReport,
          escalated: f.escalated,
        };
      }),
    };
    return c.json(body);
  });

  // ── rounds
  routes.get('/risk/rounds', async (c) => c.json((await rounds.rounds(me(c))).map(roundSummary)));

  routes.post('/risk/rounds', async (c) => {
    const body = parseOr400(newRoundBody, await jsonBody(c));
    const file = await rounds.start(me(c), {
      ...defined({ title: body.title, start: body.start, plannedEnd: body.plannedEnd, unitIds: body.unitIds }),
      year: body.year,
      unitDeadline: body.unitDeadline,
      sectorDeadline: body.sectorDeadline,
      ...(body.tasks ? { tasks: body.tasks.map((t) => defined(t)) } : {}),
    });
    return c.json(await round(file), 201);
  });

  routes.get('/risk/rounds/:id', async (c) => c.json(await round(await rounds.round(me(c), param(c, 'id', 'Id-en')))));

  routes.patch('/risk/rounds/:id', async (c) => {
    const rid = param(c, 'id', 'Id-en');
    const { etag: version, ...patch } = parseOr400(patchRoundBody, await jsonBody(c));
    return c.json(await round(await rounds.patch(me(c), rid, version, defined(patch))));
  });

  routes.post('/risk/rounds/:id/tasks', async (c) => {
    const rid = param(c, 'id', 'Id-en');
    const body = parseOr400(taskBody, await jsonBody(c));
    return c.json(await round(await rounds.putTask(me(c), rid, null, defined(body))), 201);
  });

  routes.patch('/risk/rounds/:id/tasks/:taskId', async (c) => {
    const rid = param(c, 'id', 'Id-en');
    const body = parseOr400(taskPatchBody, await jsonBody(c));
    return c.json(await round(await rounds.putTask(me(c), rid, param(c, 'taskId', 'Oppgave-id-en'), defined(body))));
  });

  for (const step of ['compile', 'forward'] as const) {
    routes.post(`/risk/rounds/:id/sectors/:sectorId/${step}`, async (c) => {
      const result = await rounds.sectorStep(me(c), param(c, 'id', 'Id-en'), param(c, 'sectorId', 'Områdets id'), step);
      const l = await lookup(result.changed.map((f) => f.assessment.responsibleId));
      const body: RiskSectorStepResult = { changed: result.changed.map((f) => summaryView(f, l)), waitingFor: result.waitingFor, escalated: result.escalated.map(escalationView) };
      return c.json(body);
    });
  }

  routes.get('/risk/escalations', async (c) => {
    const q = parseQuery(escalationQuery, c.req.query());
    const list = await rounds.escalations(me(c), defined(q));
    const l = await lookup(peopleOfItems(list.map((e) => e.file)));
    const body: RiskEscalatedItem[] = list.map((e) => ({
      item: itemView(e.file, l, work),
      assessmentTitle: e.assessmentTitle,
      unitName: e.unitName,
      sectorName: e.sectorName,
      settled: e.file.measures.length > 0 && e.file.measures.every((m) => m.value.status === 'done' || m.value.status === 'cancelled') && e.file.measures.some((m) => m.value.status === 'done'),
    }));
    return c.json(body);
  });

  routes.get('/risk/due', async (c) => {
    const q = parseQuery(dueQuery, c.req.query());
    const entries = await rounds.due(me(c), q.days);
    const body: RiskDueEntry[] = entries.map((e) => ({
      kind: e.kind,
      roundId: e.roundId,
      roundTitle: e.roundTitle,
      title: e.title,
      deadline: e.deadline,
      daysLeft: e.daysLeft,
      overdue: e.overdue,
      unitId: e.unitId,
      taskId: e.taskId,
      responsibleIds: [...e.responsibleIds],
    }));
    return c.json(body);
  });

  return routes;
}

/** The ISO weeks of a span with the month of each week's Thursday (the month the week belongs to in the plan's heading). */
function isoWeeksOf(from: string, to: string): { year: number; week: number; month: string }[] {
  const weekday = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7;
  const firstThursday = addDays(from, 3 - weekday);
  return isoWeeksBetween(from, to).map((w, i) => ({ ...w, month: addDays(firstThursday, 7 * i).slice(0, 7) }));
}

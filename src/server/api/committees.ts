// The committee routes (issue 9; contract-committees.ts): committees, meetings, the agenda, decisions, measures, minutes, channel cards.
//
// Every query string and body is checked with zod before anything is read; a failure is 400 'invalidRequest' with
// each field's problem in bokmål. Authorisation is CommitteeWork's (src/app/committees/access.ts) on every read and
// write; this file maps its answers to the contract's JSON.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { ACTIVE_MEASURE_STATUS_CODES, dayNumberOf } from '../../app/case-index/index.js';
import {
  type CommitteeFile,
  CommitteeWork,
  CommitteeWorkError,
  type MeetingFile,
  type OverdueCounter,
  type RiskSource,
  type AgendaEntry,
  type CardState,
  defaultRhythm,
  itemLinks,
} from '../../app/committees/index.js';
import { factJudgement } from '../../app/risk/index.js';
import { AGENDA_TITLE_MAX_LENGTH, DEFAULT_RISK_THRESHOLDS, type CalendarDate, type OrgUnits, isOverdue, standingItems, type AgendaLinkRef } from '../../domain/index.js';
import { type ApiEnv, viewerOf } from './context.js';
import type { PersonRef } from './contract.js';
import type {
  AgendaItemView,
  AgendaLink,
  CardPostView,
  ChannelCommittee,
  ChannelView,
  CommitteeDetail,
  CommitteeSummary,
  MeetingDetail,
  MeetingSummary,
  AgendaProposalResult,
} from './contract-committees.js';
import { ApiProblem, InvalidRequest, apiError, jsonBody, parseOr400 } from './errors.js';
import { ID, calendarDate, etag, id, optionalText, parseQuery, text } from './input.js';
import type { ApiDeps } from './index.js';
import { measureView } from './measures.js';

// ── Input ──────────────────────────────────────────────────────────────────────────────────────

const ROLES = ['leader', 'facilitator', 'member', 'unionRepresentative', 'safetyRepresentative', 'userRepresentative', 'patientSafetyRepresentative', 'chiefMunicipalPhysician'] as const;
const FREQUENCIES = ['weekly', 'biweekly', 'monthly', 'quarterly', 'threePerYear', 'asNeeded', 'inOperationsMeeting'] as const;
const instant = (what: string) =>
  z
    .string({ error: `${what} må være et tidspunkt.` })
    .max(40, { error: `${what} er ugyldig.` })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, { error: `${what} må være et tidspunkt som 2026-03-10T09:00:00+01:00.` })
    .refine((s) => !Number.isNaN(Date.parse(s)) && Date.parse(s) > Date.parse('2000-01-01') && Date.parse(s) < Date.parse('2100-01-01'), { error: `${what} er ikke et gyldig tidspunkt.` });
const joinUrl = z
  .string()
  .max(2000, { error: 'Lenken til Teams-møtet er for lang.' })
  .regex(/^https:\/\/[^\s]+$/, { error: 'Lenken til Teams-møtet må være en https-lenke.' })
  .nullable();
/** Teams chat ids: '19:meeting_…@thread.v2'. */
const chatId = z
  .string()
  .max(255, { error: 'Chat-id-en er for lang.' })
  .regex(/^19:[A-Za-z0-9_.=@:-]+$/, { error: 'Chat-id-en er ikke en Teams-chat.' });
const channelId = z
  .string()
  .max(64, { error: 'Kanal-id-en er for lang.' })
  .regex(/^19:[A-Za-z0-9_.=@:-]+$/, { error: 'Kanal-id-en er ikke en Teams-kanal.' });
const rhythm = z
  .strictObject({
    frequency: z.enum(FREQUENCIES, { error: `Møterytmen må være en av ${FREQUENCIES.join(', ')}.` }),
    durationMinutes: z.number({ error: 'Varigheten må være et tall.' }).int().min(15, { error: 'Et møte varer minst 15 minutter.' }).max(600, { error: 'Et møte varer høyst 600 minutter.' }),
    note: optionalText('Merknaden', 200).nullable(),
  })
  .nullable();
const duration = z.number({ error: 'Varigheten må være et tall.' }).int({ error: 'Varigheten må være hele minutter.' }).min(0).max(600, { error: 'En sak kan vare høyst 600 minutter.' });
const caseIds = z.array(id('Saken'), { error: 'caseIds må være en liste.' }).max(50, { error: 'Høyst 50 saker.' });

const committeePatch = z.strictObject({
  etag,
  facilitatorId: id('Tilretteleggeren').nullable().optional(),
  members: z
    .array(z.strictObject({ personId: id('Medlemmet'), role: z.enum(ROLES, { error: `Rollen må være en av ${ROLES.join(', ')}.` }) }))
    .max(200, { error: 'Et utvalg kan ha høyst 200 medlemmer.' })
    .optional(),
  channelId: channelId.nullable().optional(),
  rhythm: rhythm.optional(),
});
const newMeeting = z.strictObject({
  startsAt: instant('Starttidspunktet'),
  endsAt: instant('Sluttidspunktet').optional(),
  title: optionalText('Tittelen', 255).optional(),
  location: optionalText('Stedet', 255).nullable().optional(),
  onlineMeetingJoinUrl: joinUrl.optional(),
  teamsChatId: chatId.nullable().optional(),
});
const meetingPatch = newMeeting.partial().extend({ etag, status: z.enum(['held', 'cancelled'], { error: 'Status kan settes til held eller cancelled.' }).optional() }).strict();
const etagOnly = z.strictObject({ etag });
const newItem = z.strictObject({
  etag,
  proposalId: id('Forslaget').optional(),
  title: text('Tittelen', AGENDA_TITLE_MAX_LENGTH).optional(),
  description: optionalText('Beskrivelsen', 10_000).optional(),
  ownerId: id('Saksansvarlig').nullable().optional(),
  presenterId: id('Innlederen').nullable().optional(),
  durationMinutes: duration.optional(),
  caseIds: caseIds.optional(),
});
const itemPatch = z.strictObject({
  etag,
  title: text('Tittelen', AGENDA_TITLE_MAX_LENGTH).optional(),
  description: optionalText('Beskrivelsen', 10_000).optional(),
  ownerId: id('Saksansvarlig').nullable().optional(),
  presenterId: id('Innlederen').nullable().optional(),
  durationMinutes: duration.optional(),
  status: z.enum(['accepted', 'withdrawn', 'postponed'], { error: 'Status må være accepted, withdrawn eller postponed.' }).optional(),
  caseIds: caseIds.optional(),
});
const orderBody = z.strictObject({ etag, itemIds: z.array(id('Saken')).min(1, { error: 'Rekkefølgen kan ikke være tom.' }).max(500) });
const inputBody = z.strictObject({ text: text('Innspillet', 4000) });
const proposalBody = z.strictObject({ title: text('Tittelen', AGENDA_TITLE_MAX_LENGTH), description: optionalText('Beskrivelsen', 4000).optional(), caseIds: caseIds.optional() });
const retryBody = z.strictObject({ which: z.enum(['agenda', 'minutes', 'both']).optional() });
const decisionBody = z.strictObject({ etag, text: text('Vedtaket', 10_000), postpone: z.boolean().optional(), escalate: z.boolean().optional() });
const measureBody = z.strictObject({
  etag,
  title: text('Tiltaket', 255),
  description: optionalText('Beskrivelsen', 4000).optional(),
  ownerId: id('Ansvarlig'),
  deadline: calendarDate('Fristen'),
  unitId: id('Enheten').optional(),
});
const listQuery = z.strictObject({ unitId: id('Enheten').optional(), kind: z.string().max(60).optional() });
const forTeamsQuery = z.strictObject({ chatId: chatId.optional(), committeeId: id('Utvalget').optional() }).refine((q) => q.chatId !== undefined || q.committeeId !== undefined, { error: 'Oppgi chatId eller committeeId.', path: ['chatId'] });
const documentName = z.string().min(1, { error: 'Filen må ha et navn.' }).max(200, { error: 'Filnavnet er for langt.' });

/** Office, OpenDocument and PDF files and images, by their first bytes; plain text by being valid UTF-8 without NULs. */
function sniffDocument(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'application/zip';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'application/x-ole-storage';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (bytes.includes(0)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'text/plain';
  } catch {
    return null;
  }
}

// ── Composition ────────────────────────────────────────────────────────────────────────────────

/** Overdue measures per scope from the delta-synced measure index: a pass over memory, no Graph request. */
function overdueCounter(deps: ApiDeps): OverdueCounter {
  return {
    get ready() {
      return deps.measureIndex.ready;
    },
    countOverdue(unitIds: ReadonlySet<string>, today: CalendarDate) {
      const cols = deps.measureIndex.columns();
      const todayDay = dayNumberOf(today);
      const inScope = new Uint8Array(cols.unitCount);
      for (let code = 0; code < cols.unitCount; code++) inScope[code] = unitIds.has(cols.unitIdOf(code)) ? 1 : 0;
      let n = 0;
      for (let slot = 0; slot < cols.slots; slot++) {
        if (cols.live[slot] === 1 && inScope[cols.unit[slot] ?? 0] === 1 && ACTIVE_MEASURE_STATUS_CODES.has(cols.status[slot] ?? -1) && (cols.deadlineDay[slot] ?? 0) < todayDay) n++;
      }
      return n;
    },
  };
}

/** Risk rows from the delta-synced risk index (issue 7): unacceptable residual risk as the risk work judges it. */
function riskSource(deps: ApiDeps): RiskSource {
  return {
    get ready() {
      return deps.riskIndex.ready;
    },
    *facts() {
      for (const f of deps.riskIndex.items.all()) {
        const hasResidual = f.residualLikelihood !== null && f.residualConsequence !== null;
        yield {
          id: f.id,
          assessmentId: f.assessmentId,
          unitId: f.unitId,
          title: f.title,
          mustReport: factJudgement(f, DEFAULT_RISK_THRESHOLDS).mustReport,
          score: hasResidual ? (f.residualLikelihood ?? 1) * (f.residualConsequence ?? 1) : f.likelihood * f.consequence,
        };
      }
    },
  };
}

/**
 * Approved procedures and governing documents (issue 8): from the procedure module's delta-synced index when the
 * composition has one (no Graph request), else from the libraries, read at most every two minutes.
 */
function approvedDocuments(deps: ApiDeps) {
  const index = deps.procedures?.index;
  if (index) {
    return {
      approvedSince: async (since: string) => {
        await index.fresh().catch(() => undefined);
        return index
          .all()
          .filter((d) => d.approvedAt !== null && d.approvedAt >= since)
          .map((d) => ({ id: d.id, title: d.title, ownerUnitId: d.ownerUnitId, approvedAt: d.approvedAt }));
      },
    };
  }
  let cached: { value: Promise<{ id: string; title: string; ownerUnitId: string | null; approvedAt: string | null }[]>; until: number } | null = null;
  const read = () => {
    const now = Date.now();
    if (cached && cached.until > now) return cached.value;
    const value = deps.repos.procedures.library.all().then((docs) => docs.filter((d) => d.approvedAt !== null).map((d) => ({ id: d.id, title: d.title, ownerUnitId: d.ownerUnitId, approvedAt: d.approvedAt })));
    const entry = { value, until: now + 120_000 };
    cached = entry;
    value.catch(() => {
      if (cached === entry) cached = null;
    });
    return value;
  };
  return { approvedSince: async (since: string) => (await read()).filter((d) => d.approvedAt !== null && d.approvedAt >= since) };
}

/** The committee work over the API's repositories and indexes (the reminder scheduler can build its own the same way). */
export function createCommitteeWork(deps: ApiDeps): CommitteeWork {
  const stores = deps.repos.committeeWork;
  return new CommitteeWork({
    committees: stores.committees,
    meetings: stores.meetings,
    agenda: stores.agenda,
    files: stores.files,
    channels: stores.channels,
    measureLookup: stores.measures,
    measures: deps.repos.measures,
    measureIndex: deps.measureIndex,
    caseIndex: deps.caseIndex,
    overdue: overdueCounter(deps),
    risks: riskSource(deps),
    documents: approvedDocuments(deps),
    messenger: deps.messenger,
    units: () => deps.org.units(),
    peopleByIds: (ids) => deps.repos.organisation.peopleByIds(ids),
    leaderChannelOf: (unitId) => deps.org.leaderChannel(unitId),
    tabBaseUrl: deps.config.publicUrl ?? '',
    now: deps.now,
    newId: () => randomUUID(),
    log: deps.log,
  });
}

// ── Routes ─────────────────────────────────────────────────────────────────────────────────────

export function committeeRoutes(deps: ApiDeps, given?: CommitteeWork): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  // Built on first use: the API is assembled before (and, in unit tests of the gate, without) the committee stores.
  let built = given ?? null;
  const work = (): CommitteeWork => (built ??= createCommitteeWork(deps));
  const fileMax = (deps.config.files?.maxBytes ?? 25 * 1024 * 1024) as number;
  const jsonLimit = bodyLimit({ maxSize: 1024 * 1024, onError: (c) => apiError(c, 400, 'invalidRequest', 'Forespørselen er for stor.') });
  const fileLimit = bodyLimit({ maxSize: fileMax, onError: (c) => apiError(c, 413, 'fileTooLarge', `Filen er for stor. Største tillatte størrelse er ${Math.round(fileMax / 1024 / 1024)} MB.`) });
  routes.use('/committees/*', async (c, next) => (c.req.method === 'GET' ? next() : jsonLimit(c, next)));
  routes.use('/meetings/*', async (c, next) => (c.req.method === 'GET' ? next() : c.req.path.endsWith('/documents') ? fileLimit(c, next) : jsonLimit(c, next)));
  routes.onError(async (err, c) => {
    if (err instanceof CommitteeWorkError) return answerRefusal(c, deps, work(), err);
    throw err;
  });

  const meetingJson = (file: MeetingFile) => meetingDetail(file, deps.now());

  routes.get('/committees', async (c) => {
    const q = parseQuery(listQuery, c.req.query());
    const files = await work().listCommittees(viewerOf(c).person, q);
    const body: CommitteeSummary[] = files.map(committeeSummary);
    return c.json(body);
  });
  routes.get('/committees/:id', async (c) => c.json(committeeDetail(await work().committee(viewerOf(c).person, param(c, 'id')), deps.now())));
  routes.patch('/committees/:id', async (c) => {
    const body = parseOr400(committeePatch, await jsonBody(c));
    const { etag: version, ...patch } = body;
    const file = await work().patchCommittee(viewerOf(c).person, param(c, 'id'), { ...patch, ...(patch.rhythm ? { rhythm: { ...patch.rhythm, note: patch.rhythm.note || null } } : {}) }, version);
    return c.json(committeeDetail(file, deps.now()));
  });
  routes.post('/committees/:id/meetings', async (c) => {
    const body = parseOr400(newMeeting, await jsonBody(c));
    return c.json(meetingJson(await work().createMeeting(viewerOf(c).person, param(c, 'id'), body)), 201);
  });
  routes.post('/committees/:id/proposals', async (c) => {
    const body = parseOr400(proposalBody, await jsonBody(c));
    const viewer = viewerOf(c).person;
    const stored = await work().addProposal(viewer, param(c, 'id'), body);
    const file = await work().committee(viewer, param(c, 'id'));
    const item = file.entries.find((e) => e.value.id === stored.value.id) ?? stored;
    return c.json(proposalView(item.value, item.etag, file), 201);
  });
  routes.get('/committee-channels', async (c) => {
    const list = await work().channels(viewerOf(c).person);
    const body: ChannelView[] = list.map(({ channel, committeeIds }) => ({ channelId: channel.channelId, channelName: channel.channelName, teamId: channel.teamId, teamName: channel.teamName, committeeIds, reachable: channel.removedAt === null }));
    return c.json(body);
  });
  routes.get('/channels/:channelId/committee', async (c) => {
    const raw = c.req.param('channelId');
    const parsed = channelId.safeParse(raw);
    if (!parsed.success) throw new InvalidRequest([{ field: 'channelId', message: 'Kanal-id-en er ugyldig.' }]);
    const body: ChannelCommittee = { committeeId: await work().committeeOfChannel(viewerOf(c).person, parsed.data) };
    return c.json(body);
  });

  routes.get('/meetings/for-teams', async (c) => {
    const q = parseQuery(forTeamsQuery, c.req.query());
    return c.json(meetingJson(await work().meetingFor(viewerOf(c).person, q)));
  });
  routes.get('/meetings/:id', async (c) => c.json(meetingJson(await work().meeting(viewerOf(c).person, param(c, 'id')))));
  routes.patch('/meetings/:id', async (c) => {
    const { etag: version, ...patch } = parseOr400(meetingPatch, await jsonBody(c));
    return c.json(meetingJson(await work().patchMeeting(viewerOf(c).person, param(c, 'id'), patch, version)));
  });
  routes.post('/meetings/:id/agenda/propose', async (c) => {
    const body = parseOr400(etagOnly, await jsonBody(c));
    const { file, addedItemIds, since } = await work().propose(viewerOf(c).person, param(c, 'id'), body.etag);
    const answer: AgendaProposalResult = { meeting: meetingJson(file), addedItemIds, since };
    return c.json(answer);
  });
  routes.post('/meetings/:id/agenda/items', async (c) => {
    const { etag: version, ...input } = parseOr400(newItem, await jsonBody(c));
    return c.json(meetingJson(await work().addItem(viewerOf(c).person, param(c, 'id'), input, version)), 201);
  });
  routes.patch('/meetings/:id/agenda/items/:itemId', async (c) => {
    const { etag: version, ...input } = parseOr400(itemPatch, await jsonBody(c));
    return c.json(meetingJson(await work().patchItem(viewerOf(c).person, param(c, 'id'), param(c, 'itemId'), input, version)));
  });
  routes.put('/meetings/:id/agenda/order', async (c) => {
    const body = parseOr400(orderBody, await jsonBody(c));
    return c.json(meetingJson(await work().order(viewerOf(c).person, param(c, 'id'), body.itemIds, body.etag)));
  });
  routes.post('/meetings/:id/agenda/items/:itemId/inputs', async (c) => {
    const body = parseOr400(inputBody, await jsonBody(c));
    const file = await work().addInput(viewerOf(c).person, param(c, 'id'), param(c, 'itemId'), body.text);
    return c.json(itemOf(file, param(c, 'itemId'), deps.now()), 201);
  });
  routes.post('/meetings/:id/agenda/items/:itemId/documents', async (c) => {
    const name = parseOr400(z.strictObject({ name: documentName }), c.req.query()).name;
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0) throw new InvalidRequest([{ field: '(body)', message: 'Filen er tom.' }]);
    const type = sniffDocument(bytes);
    if (!type) throw new ApiProblem(415, 'unsupportedFileType', 'Filtypen er ikke tillatt. Last opp Office-, OpenDocument- eller PDF-filer, bilder eller ren tekst.');
    const file = await work().addDocument(viewerOf(c).person, param(c, 'id'), param(c, 'itemId'), { name, contentType: type, bytes });
    return c.json(itemOf(file, param(c, 'itemId'), deps.now()), 201);
  });
  routes.get('/meetings/:id/agenda/items/:itemId/documents/:documentId', async (c) => {
    const file = await work().readDocument(viewerOf(c).person, param(c, 'id'), param(c, 'itemId'), param(c, 'documentId'));
    return download(c, file);
  });
  routes.post('/meetings/:id/agenda/approve', async (c) => {
    const body = parseOr400(etagOnly, await jsonBody(c));
    return c.json(meetingJson(await work().approve(viewerOf(c).person, param(c, 'id'), body.etag)));
  });
  routes.post('/meetings/:id/cards/retry', async (c) => {
    const body = parseOr400(retryBody, await jsonBody(c).catch(() => ({})));
    return c.json(meetingJson(await work().retryCards(viewerOf(c).person, param(c, 'id'), body.which ?? 'both')));
  });
  routes.put('/meetings/:id/agenda/items/:itemId/decision', async (c) => {
    const { etag: version, ...input } = parseOr400(decisionBody, await jsonBody(c));
    const file = await work().recordDecision(viewerOf(c).person, param(c, 'id'), param(c, 'itemId'), input, version);
    return c.json(itemOf(file, param(c, 'itemId'), deps.now()));
  });
  routes.post('/meetings/:id/agenda/items/:itemId/measures', async (c) => {
    const { etag: version, ...input } = parseOr400(measureBody, await jsonBody(c));
    const file = await work().addDecisionMeasure(viewerOf(c).person, param(c, 'id'), param(c, 'itemId'), input, version);
    return c.json(itemOf(file, param(c, 'itemId'), deps.now()), 201);
  });
  routes.post('/meetings/:id/minutes', async (c) => {
    const body = parseOr400(etagOnly, await jsonBody(c));
    return c.json(meetingJson(await work().publishMinutes(viewerOf(c).person, param(c, 'id'), body.etag)));
  });
  routes.get('/meetings/:id/minutes.docx', async (c) => download(c, await work().readMinutes(viewerOf(c).person, param(c, 'id'), 'docx')));
  routes.get('/meetings/:id/minutes.pdf', async (c) => download(c, await work().readMinutes(viewerOf(c).person, param(c, 'id'), 'pdf')));
  return routes;
}

function param(c: Context<ApiEnv>, name: string): string {
  const value = c.req.param(name) ?? '';
  if (!ID.test(value)) throw new InvalidRequest([{ field: name, message: 'Id-en er ugyldig.' }]);
  return value;
}

function download(c: Context<ApiEnv>, file: { name: string; contentType: string; bytes: Uint8Array }) {
  // Always a download, never shown in the app's origin.
  return c.body(Buffer.from(file.bytes), 200, {
    'content-type': file.contentType || 'application/octet-stream',
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'content-security-policy': "default-src 'none'; sandbox",
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  });
}

async function answerRefusal(c: Context<ApiEnv>, deps: ApiDeps, work: CommitteeWork, err: CommitteeWorkError) {
  const viewer = viewerOf(c).person;
  switch (err.code) {
    case 'notFound':
      return apiError(c, 404, 'notFound', err.message);
    case 'forbidden':
      return apiError(c, 403, 'forbidden', err.message);
    case 'notCommitteeLeader':
      return apiError(c, 403, 'notCommitteeLeader', err.message);
    case 'conflict': {
      // The record as it is now, so the tab can show it (read again; gone or hidden: just the message).
      const extra: Record<string, unknown> = {};
      try {
        if (err.extra.currentMeetingId) {
          const file = await work.meeting(viewer, err.extra.currentMeetingId);
          extra.currentMeeting = meetingDetail(file, deps.now());
          if (err.extra.currentItemId) extra.currentItem = itemOf(file, err.extra.currentItemId, deps.now());
        } else if (err.extra.currentCommitteeId) {
          extra.currentCommittee = committeeDetail(await work.committee(viewer, err.extra.currentCommitteeId), deps.now());
        }
      } catch {
        // Nothing more to add.
      }
      return apiError(c, 409, 'conflict', err.message, extra);
    }
    case 'invalidState':
      return apiError(c, 409, 'invalidState', err.message, err.extra.details ? { details: err.extra.details } : {});
    case 'unavailable':
      return apiError(c, 503, 'unavailable', err.message);
    case 'invalidRequest':
      return apiError(c, 400, 'invalidRequest', 'Forespørselen er ugyldig.', { details: [{ field: err.extra.field ?? '(body)', message: err.message }] });
  }
  throw new ApiProblem(500, 'internalError', 'Noe gikk galt hos oss. Prøv igjen om litt.');
}

// ── Output ─────────────────────────────────────────────────────────────────────────────────────

const UNKNOWN_PERSON = 'Ukjent person';
const ref = (id: string, names: ReadonlyMap<string, string>): PersonRef => ({ id, name: names.get(id) ?? UNKNOWN_PERSON });
const refOrNull = (id: string | null, names: ReadonlyMap<string, string>): PersonRef | null => (id ? ref(id, names) : null);

function meetingSummary(m: CommitteeFile['meetings'][number] | MeetingFile['meeting'], itemCount: number): MeetingSummary {
  const v = m.value;
  return { id: v.id, committeeId: v.committeeId, title: v.title, startsAt: v.startsAt, endsAt: v.endsAt, location: v.location, status: v.status, itemCount };
}

function committeeSummary(f: CommitteeFile): CommitteeSummary {
  const c = f.committee.value;
  const next = f.meetings.find((m) => m.value.status !== 'minutesPublished' && m.value.status !== 'cancelled' && m.value.status !== 'held');
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    unitId: c.unitId,
    unitName: f.units.get(c.unitId)?.name ?? c.unitId,
    leader: ref(c.leaderId, f.names),
    facilitator: refOrNull(c.facilitatorId, f.names),
    parentCommitteeId: f.parent?.id ?? null,
    rhythm: c.rhythm ?? defaultRhythm(c),
    channel: { channelId: f.channelId, channelName: f.channel?.channelName ?? null, teamName: f.channel?.teamName ?? null, linked: f.channelId !== null, reachable: f.channel !== null && f.channel.removedAt === null },
    nextMeeting: next ? meetingSummary(next, next.value.order.length) : null,
    canPrepare: f.canPrepare,
    canApprove: f.canApprove,
  };
}

function committeeDetail(f: CommitteeFile, now: Date): CommitteeDetail {
  void now;
  const c = f.committee.value;
  return {
    ...committeeSummary(f),
    members: c.members.map((m) => ({ person: ref(m.personId, f.names), role: m.role })),
    standingItems: [...standingItems(c.kind)],
    meetings: [...f.meetings].reverse().slice(0, 24).map((m) => meetingSummary(m, m.value.order.length)),
    pendingProposals: f.entries.map((e) => proposalView(e.value, e.etag, f)),
    canEdit: f.canEdit,
    etag: f.committee.etag,
  };
}

function proposalView(e: AgendaEntry, version: string, f: Pick<CommitteeFile, 'names' | 'units'>): AgendaItemView {
  return {
    id: e.id,
    meetingId: e.meetingId,
    number: null,
    order: null,
    title: e.title,
    description: e.description,
    kind: e.kind,
    standingItem: e.source.type === 'standing' ? e.source.item : null,
    status: e.status,
    owner: refOrNull(e.preparedById, f.names),
    presenter: refOrNull(e.presenterId, f.names),
    durationMinutes: e.durationMinutes,
    links: e.links.map((l): AgendaLink => (l.type === 'case' ? { ...l, unitName: l.unitId ? (f.units.get(l.unitId)?.name ?? null) : null, deleted: false, url: `/cases/${encodeURIComponent(l.caseId)}` } : otherLinkStub(l))),
    moreLinks: e.moreLinks,
    inputs: [],
    documents: [],
    decision: null,
    measures: [],
    escalatedFrom: null,
    etag: version,
  };
}

function otherLinkStub(l: Exclude<AgendaLinkRef, { type: 'case' }>): AgendaLink {
  if (l.type === 'measure') return { type: 'measure', measureId: l.measureId, title: '', owner: null, deadline: null, status: null, overdue: false, deleted: false, healthDetailsHidden: false };
  if (l.type === 'riskItem') return { type: 'riskItem', riskItemId: l.riskItemId, assessmentId: l.assessmentId, title: '', unitName: null, residualScore: null, deleted: false, url: `/risk/assessments/${encodeURIComponent(l.assessmentId ?? '')}` };
  return { type: 'document', documentId: l.documentId, title: '', approvedAt: null, url: `/procedures/${encodeURIComponent(l.documentId)}`, deleted: false };
}

function cardView(state: CardState): CardPostView {
  const messages: Record<CardState['state'], string | null> = {
    posted: null,
    notPosted: 'Kortet er ikke sendt ennå.',
    noChannel: 'Utvalget er ikke koblet til en kanal. Koble utvalget til lederkanalen, og send kortet på nytt. Sakslisten er lagret.',
    botRemoved: 'Varde er ikke med i teamet til kanalen lenger (eller er ikke lagt til ennå). Legg Varde til i teamet, og send kortet på nytt. Ingenting er tapt.',
    failed: 'Teams tok ikke imot kortet akkurat nå. Prøv å sende det på nytt om litt. Ingenting er tapt.',
  };
  return { state: state.state, message: messages[state.state], postedAt: state.postedAt, updatedAt: state.updatedAt };
}

function linkView(file: MeetingFile, l: AgendaLinkRef, now: Date): AgendaLink {
  switch (l.type) {
    case 'case': {
      const c = file.cases.get(l.caseId);
      const deleted = c === null;
      return {
        type: 'case',
        caseId: l.caseId,
        caseNumber: c?.caseNumber ?? l.caseNumber,
        kind: c?.kind ?? l.kind,
        unitId: c?.unitId ?? l.unitId,
        unitName: file.units.get(c?.unitId ?? l.unitId ?? '')?.name ?? null,
        severity: c?.severity ?? l.severity,
        deleted,
        url: file.caseUrl(l.caseId),
      };
    }
    case 'measure': {
      const m = file.measures.get(l.measureId)?.value;
      if (!m) return { ...(otherLinkStub(l) as Extract<AgendaLink, { type: 'measure' }>), deleted: true };
      const hidden = healthHidden(file, m);
      return { type: 'measure', measureId: m.id, title: hidden ? '' : m.title, owner: ref(m.ownerId, file.names), deadline: m.deadline, status: m.status, overdue: isOverdue(m, now), deleted: false, healthDetailsHidden: hidden };
    }
    case 'riskItem': {
      const r = file.risks.get(l.riskItemId);
      const base = file.meetingUrl.replace(/\/committees\/meetings\/[^/]+$/, '');
      return { type: 'riskItem', riskItemId: l.riskItemId, assessmentId: r?.assessmentId ?? l.assessmentId, title: r?.title ?? '', unitName: r ? (file.units.get(r.unitId)?.name ?? null) : null, residualScore: r?.score ?? null, deleted: r === undefined && file.risks.size > 0, url: `${base}/risk/assessments/${encodeURIComponent(r?.assessmentId ?? l.assessmentId ?? '')}` };
    }
    case 'document': {
      const d = file.documents.get(l.documentId);
      const base = file.meetingUrl.replace(/\/committees\/meetings\/[^/]+$/, '');
      return { type: 'document', documentId: l.documentId, title: d?.title ?? '', approvedAt: d?.approvedAt ?? null, url: `${base}/procedures/${encodeURIComponent(l.documentId)}`, deleted: d === undefined };
    }
  }
}

/**
 * A measure on a health-related case shows its text only to its owner and the leaders of the case's own unit, as the
 * action list does (the case's health details are theirs only).
 */
function healthHidden(file: MeetingFile, m: { ownerId: string; source: { type: string }; unitId: string } & { source: { type: string; deviationId?: string } }): boolean {
  if (m.source.type !== 'deviation' || !m.source.deviationId) return false;
  const c = file.cases.get(m.source.deviationId);
  if (!c?.healthRelated) return false;
  if (m.ownerId === file.viewer.id) return false;
  const unit = file.units.get(c.unitId);
  return !(unit && (unit.leaderId === file.viewer.id || unit.deputyLeaderId === file.viewer.id));
}

function itemView(file: MeetingFile, e: AgendaEntry, version: string, position: number | null, now: Date): AgendaItemView {
  const links = itemLinks(file, e).map((l) => linkView(file, l, now));
  const measures = (e.decision?.measureIds ?? []).flatMap((id) => {
    const m = file.measures.get(id);
    if (!m) return [];
    return [measureView(m.value, { etag: m.etag, ownerName: file.names.get(m.value.ownerId) ?? UNKNOWN_PERSON, unitName: file.units.get(m.value.unitId)?.name ?? m.value.unitId, sourceLabel: null, overdue: isOverdue(m.value, now), healthDetailsHidden: false })];
  });
  const d = e.decision;
  return {
    id: e.id,
    meetingId: e.meetingId,
    number: e.sequence === null ? null : `${e.sequence}/${String(e.year % 100).padStart(2, '0')}`,
    order: position,
    title: e.title,
    description: e.description,
    kind: e.kind,
    standingItem: e.source.type === 'standing' ? e.source.item : null,
    status: e.status,
    owner: refOrNull(e.preparedById, file.names),
    presenter: refOrNull(e.presenterId, file.names),
    durationMinutes: e.durationMinutes,
    links,
    moreLinks: e.moreLinks,
    inputs: e.inputs.map((i) => ({ id: i.id, author: ref(i.authorId, file.names), at: i.at, text: i.text })),
    documents: e.documents.map((x) => ({
      id: x.id,
      name: x.name,
      size: x.size,
      uploadedBy: ref(x.uploadedById, file.names),
      uploadedAt: x.uploadedAt,
      url: `/api/meetings/${encodeURIComponent(file.meeting.value.id)}/agenda/items/${encodeURIComponent(e.id)}/documents/${encodeURIComponent(x.id)}`,
    })),
    decision:
      d && d.text !== ''
        ? {
            id: d.id,
            text: d.text,
            decidedAt: d.decidedAt,
            recordedBy: ref(d.recordedById, file.names),
            escalatedTo: d.escalatedTo ? { committeeId: d.escalatedTo.committeeId, name: file.committeeNames.get(d.escalatedTo.committeeId) ?? '', agendaItemId: d.escalatedTo.agendaItemId } : null,
          }
        : null,
    measures,
    escalatedFrom: e.source.type === 'escalation' ? { committeeId: e.source.fromCommitteeId, committeeName: file.committeeNames.get(e.source.fromCommitteeId) ?? '' } : null,
    etag: version,
  };
}

function itemOf(file: MeetingFile, itemId: string, now: Date): AgendaItemView {
  const index = file.items.findIndex((i) => i.value.id === itemId);
  const found = file.items[index];
  if (!found) throw new ApiProblem(404, 'notFound', 'Fant ikke saken.');
  return itemView(file, found.value, found.etag, found.value.status === 'withdrawn' ? null : index + 1, now);
}

export function meetingDetail(file: MeetingFile, now: Date): MeetingDetail {
  const m = file.meeting.value;
  const items = file.items.map((i, index) => itemView(file, i.value, i.etag, i.value.status === 'withdrawn' ? null : index + 1, now));
  const live = file.items.filter((i) => i.value.status !== 'withdrawn');
  const units: OrgUnits = file.units;
  void units;
  const canRecord = file.canPrepare && (m.status === 'agendaApproved' || m.status === 'held');
  return {
    ...meetingSummary(file.meeting, live.length),
    committee: { id: file.committee.id, name: file.committee.name, kind: file.committee.kind, unitId: file.committee.unitId },
    onlineMeetingJoinUrl: m.joinUrl,
    teamsChatId: m.teamsChatId,
    items,
    plannedMinutes: live.reduce((sum, i) => sum + i.value.durationMinutes, 0),
    meetingMinutes: Math.round((Date.parse(m.endsAt) - Date.parse(m.startsAt)) / 60_000),
    approvedBy: refOrNull(m.approvedById, file.names),
    approvedAt: m.approvedAt,
    agendaCard: cardView(m.agendaCard),
    minutes: m.minutes
      ? {
          publishedAt: m.minutes.publishedAt,
          publishedBy: ref(m.minutes.publishedById, file.names),
          docx: { name: m.minutes.docx.name, size: m.minutes.docx.size, url: `/api/meetings/${encodeURIComponent(m.id)}/minutes.docx` },
          pdf: { name: m.minutes.pdf.name, size: m.minutes.pdf.size, url: `/api/meetings/${encodeURIComponent(m.id)}/minutes.pdf` },
        }
      : null,
    minutesCard: cardView(m.minutesCard),
    canPrepare: file.canPrepare && m.status !== 'minutesPublished' && m.status !== 'cancelled',
    canApprove: file.canApprove && (m.status === 'planned' || m.status === 'agendaDraft'),
    canRecordDecisions: canRecord,
    canPublishMinutes: file.canPrepare && (m.status === 'held' || m.status === 'agendaApproved' || m.status === 'minutesPublished') && file.unresolvedItemIds.length === 0,
    unresolvedItemIds: [...file.unresolvedItemIds],
    url: file.meetingUrl,
    etag: file.meeting.etag,
  };
}

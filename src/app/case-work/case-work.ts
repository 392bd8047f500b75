// The case work behind the tab: the inbox, a case's view, and every change to a case, each checked against the access policy.
//
// Every read and write asks src/domain/access.ts (canView, canHandle, canViewHealthDetails through viewFor): a case
// the viewer may not see is "not found" (the answer for a case that does not exist), one they may see but not handle
// is "forbidden". Every write names the version (ETag) the viewer read; a stale one is a conflict that carries the
// case as it is now, and nothing is written.
import { randomUUID } from 'node:crypto';
import {
  type AccessContext,
  type CaseAction,
  type CaseRoute,
  type CaseRow,
  type CaseStatus,
  type CauseAnalysis,
  type Deviation,
  type DeviationKind,
  type Measure,
  type OrgUnits,
  type Person,
  type QualityCommittee,
  type Severity,
  actOnCase,
  addDays,
  addMeasureToCase,
  allowedActions,
  analyseCase,
  canHandle,
  canView,
  canViewHealthDetails,
  changeMeasureStatus,
  committeeAbove,
  createMeasure,
  descendants,
  isCalendarDate,
  noteOnCase,
  proposeAgendaItem,
  routeOf,
  rowWithoutHealthDetails,
  startOfOsloDay,
  toOsloDate,
  withoutHealthDetails,
} from '../../domain/index.js';
import {
  type AgendaRepository,
  type AttachmentStore,
  type CaseIndex,
  type CaseReadLogStore,
  type CaseScope,
  type CaseSort,
  type CommitteeRepository,
  ConcurrencyConflict,
  type DeviationQuery,
  type DeviationRepository,
  type MeasureRepository,
  type Page,
  QueryTooBroad,
  type Stored,
  type StoredCaseFile,
} from '../ports/index.js';
import type { AccessContexts } from '../session/access-contexts.js';
import { CaseWorkError, conflict, forbidden, fromDomain, notFound } from './errors.js';
import { CountsMemo, type IndexFilter, emptyByStatus, fold, searchIndex, searchWords } from './index-search.js';
import { PersonNames } from './person-names.js';
import { type InboxPlan, LIST_VIEW_THRESHOLD, type ListStats, type ReportWindow, listStats, planInbox, windowCount, windowedPage } from './query-plan.js';
import { type WindowToken, decodeWindowToken } from './window-token.js';
import { ReadLog } from './read-log.js';
import { type InboxScope, measureTextHidden, scopeFor, unitsInView, withoutMeasureText } from './scope.js';
import type { CaseFile, CaseListItem, InboxPage } from './views.js';

/** The reporter's side, through the bot (src/app/reporting: Reporting has both). */
export interface ReporterChannel {
  /** The feedback text to the reporter's personal chat only, and their receipt card updated. */
  sendFeedback(caseId: string, route: CaseRoute, text: string): Promise<{ sent: boolean }>;
  /** After a status change or a new measure: the receipt updated and a short message. */
  notifyReporter(caseId: string, options: { route?: CaseRoute; measureAdded?: boolean }): Promise<boolean>;
}

export interface CaseWorkDeps {
  readonly deviations: DeviationRepository;
  readonly measures: MeasureRepository;
  readonly committees: CommitteeRepository;
  readonly agenda: AgendaRepository;
  readonly reads: CaseReadLogStore;
  /** The case's files; without it a case shows none. */
  readonly attachments?: AttachmentStore | null;
  /** People by id, many at once (OrganisationRepository.peopleByIds). */
  readonly peopleByIds: (ids: readonly string[]) => Promise<readonly Person[]>;
  /** One person by id, cached (OrgLookups.person). */
  readonly person: (id: string) => Promise<Person | null>;
  /** The access policy's context: the unit tree and the whistleblowing recipients. */
  readonly access: AccessContexts;
  readonly reporter: ReporterChannel;
  /** The delta-synced index behind text search and counts; without it (or before its first sync) search is unavailable. */
  readonly caseIndex?: CaseIndex | null;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** Codes, ids of records and counts only: never names or what people wrote. */
  readonly log?: (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;
  /** After every saved change: the case index catches up at once instead of at its next timed round (counts, search). */
  readonly onChanged?: () => void;
  /** How long the committees are kept (default 5 minutes). */
  readonly committeeCacheMs?: number;
  readonly readLogRetryMs?: number;
}

export interface InboxRequest {
  /** units: cases of the units I see; mine: my own reports; handling: cases assigned to me. */
  readonly scope: 'units' | 'mine' | 'handling';
  readonly route: CaseRoute;
  readonly kinds?: readonly DeviationKind[];
  readonly statuses?: readonly CaseStatus[];
  readonly severities?: readonly Severity[];
  /** That unit and those below it. */
  readonly unitId?: string;
  /** Oslo calendar dates, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly q?: string;
  readonly sort: CaseSort;
  readonly pageSize: number;
  readonly continuation?: string | null;
}

export type CaseActionRequest = CaseAction;

export interface NewMeasureRequest {
  readonly title: string;
  readonly description?: string;
  readonly ownerId: string;
  readonly deadline: string;
}

/** A text search over whistleblowing reports reads at most this many of the newest matching the filters (one request). */
const CONFIDENTIAL_SEARCH_WINDOW = 500;
/** Re-read and re-apply an append-only change (feedback, escalation) at most this often when someone saves in between. */
const APPEND_ATTEMPTS = 3;

const SEARCH_NOT_READY = 'Søket er ikke klart ennå. Prøv igjen om litt.';
const TOO_BROAD_TO_SORT =
  'Utvalget er for stort til å sorteres etter alvorlighetsgrad eller status (mer enn 5 000 saker i SharePoint-listen). Velg en enhet, en kortere periode, noen statuser eller en sakstype – eller sorter etter dato.';
const TOO_BROAD_NOW = 'Utvalget er for stort for SharePoint akkurat nå. Prøv igjen om litt, eller velg en enhet, en kortere periode eller noen statuser.';
const INVALID_CONTINUATION = 'Ugyldig fortsettelse; start fra første side.';
/** Inbox scopes kept per unit tree (a viewer and unit each); past it they are worked out again. */
const SCOPES_PER_TREE = 5000;

export class CaseWork {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly names: PersonNames;
  private readonly readLog: ReadLog;
  private readonly countsMemo = new CountsMemo();
  private statsMemo: { version: number; units: OrgUnits; stats: ListStats } | null = null;
  private readonly scopes = new WeakMap<OrgUnits, Map<string, InboxScope | null>>();
  private committeesCache: { value: Promise<QualityCommittee[]>; until: number } | null = null;

  constructor(private readonly deps: CaseWorkDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
    this.names = new PersonNames(deps.peopleByIds);
    this.readLog = new ReadLog(deps.reads, { retryMs: deps.readLogRetryMs, log: deps.log });
  }

  /** Stops the read log's retries after one last try (what still fails is logged as lost, with its count). */
  stop(): Promise<void> {
    return this.readLog.stop();
  }

  /** Reads waiting to be logged again (a failed write of the read log). */
  get readsWaiting(): number {
    return this.readLog.waiting;
  }

  // ── The inbox ────────────────────────────────────────────────────────────────────────────────

  /**
   * A page of cases: one query to the store (ordinary or confidential) in the store's order, the counts from the
   * case index. With `q`, the index finds the cases (ordinary route; 503 until its first sync) and the page is read
   * by id; whistleblowing reports are searched among the newest 500 matching the other filters.
   */
  async inbox(viewer: Person, req: InboxRequest): Promise<InboxPage> {
    const ctx = await this.deps.access.context();
    const units = ctx.units;
    const recipient = ctx.whistleblowingRecipientIds.has(viewer.id);
    const empty = (): InboxPage => ({ items: [], continuation: null, counts: null, asOf: null, names: new Map(), units });

    let target: ReadonlySet<string> | null = null;
    let query: CaseScope = { type: 'all' };
    if (req.scope === 'units' && req.route === 'ordinary') {
      const scope = this.viewerScope(viewer, units, req.unitId);
      if (!scope) {
        if (req.unitId !== undefined) throw forbidden('Du har ikke tilgang til sakene i denne enheten.');
        return { ...empty(), counts: this.caseIndexReady() ? { total: 0, byStatus: emptyByStatus() } : null, asOf: this.deps.caseIndex?.asOf() ?? null };
      }
      ({ units: target, query } = scope);
    } else {
      if (req.scope === 'units' && !recipient) throw forbidden('Bare mottakerne varslingsrutinen navngir, ser varslingssaker.');
      if (req.unitId !== undefined) {
        if (!units.has(req.unitId)) return empty();
        const within = new Set([req.unitId, ...descendants(req.unitId, units).map((u) => u.id)]);
        ({ units: target, query } = scopeFor(within, units));
      }
    }

    const filter: IndexFilter = {
      units: target,
      ...(req.scope === 'mine' ? { reporterId: viewer.id } : {}),
      ...(req.scope === 'handling' ? { handlerId: viewer.id } : {}),
      ...(req.kinds?.length ? { kinds: req.kinds } : {}),
      ...(req.statuses?.length ? { statuses: req.statuses } : {}),
      ...(req.severities?.length ? { severities: req.severities } : {}),
      ...(req.from !== undefined ? { reportedFrom: startOfOsloDay(req.from).toISOString() } : {}),
      ...(req.to !== undefined ? { reportedBefore: startOfOsloDay(addDays(req.to, 1)).toISOString() } : {}),
    };
    const words = searchWords(req.q ?? '');
    const see = (d: Deviation): CaseListItem<Deviation> | null => this.listItem(viewer, d, ctx, withoutHealthDetails);

    let items: CaseListItem[];
    let continuation: string | null;
    let counts: InboxPage['counts'] = null;
    const index = this.deps.caseIndex ?? null;

    if (words.length > 0 && req.route === 'ordinary') {
      if (!this.caseIndexReady() || !index) throw new CaseWorkError('unavailable', SEARCH_NOT_READY);
      const offset = searchOffset(req.continuation);
      const found = searchIndex(index.all(), filter, { words, viewerId: viewer.id, units, sort: req.sort, collect: true });
      counts = found.counts;
      const ids = found.matches.slice(offset, offset + req.pageSize).map((c) => c.id);
      const byId = new Map((await this.deps.deviations.getManyRows(ids, 'ordinary')).map((r) => [r.id, r]));
      items = ids.flatMap((id) => {
        const row = byId.get(id);
        const item = row && (target === null || target.has(row.unitId)) ? this.listItem(viewer, row, ctx, rowWithoutHealthDetails) : null;
        return item ? [item] : [];
      });
      continuation = offset + req.pageSize < found.matches.length ? `o${offset + req.pageSize}` : null;
    } else {
      // The same filters, asked of the store: the units as the scope's clauses.
      const { units: _inView, ...filters } = filter;
      const storeQuery: DeviationQuery = { ...filters, route: req.route, scope: query, sort: req.sort };
      if (words.length > 0) {
        // Whistleblowing reports are few and never in the index: the newest matching the filters, searched here.
        const offset = searchOffset(req.continuation);
        const window = await this.deps.deviations.query(storeQuery, { pageSize: CONFIDENTIAL_SEARCH_WINDOW });
        const matching = window.items.flatMap((s) => {
          const item = target === null || target.has(s.value.unitId) ? see(s.value) : null;
          return item && words.every((w) => searchableText(item.case).includes(w)) ? [item] : [];
        });
        items = matching.slice(offset, offset + req.pageSize);
        continuation = offset + req.pageSize < matching.length ? `o${offset + req.pageSize}` : null;
      } else {
        const page = await this.storePage(storeQuery, filter, req, units);
        items = page.items.flatMap((row) => {
          const item = target === null || target.has(row.unitId) ? this.listItem(viewer, row, ctx, rowWithoutHealthDetails) : null;
          return item ? [item] : [];
        });
        continuation = page.continuation;
        if (req.route === 'ordinary' && this.caseIndexReady() && index) counts = this.countsMemo.counts(index.version, filter, () => searchIndex(index.all(), filter, { viewerId: viewer.id, units, collect: false }).counts);
      }
    }
    const names = await this.names.names(items.filter((i) => !i.handlingHidden).map((i) => i.case.handlerId));
    return { items, continuation, counts, asOf: req.route === 'ordinary' ? (index?.asOf() ?? null) : null, names, units };
  }

  /**
   * unitsInView and scopeFor for this viewer (and unit), kept per unit tree: both walk the whole tree (thousands of
   * units in a large municipality), and the same Set of units then keys the counts' memo on every page.
   */
  private viewerScope(viewer: Person, units: OrgUnits, unitId: string | undefined): InboxScope | null {
    let forTree = this.scopes.get(units);
    if (!forTree) this.scopes.set(units, (forTree = new Map()));
    const key = `${viewer.id}\u0000${viewer.unitId}\u0000${viewer.roles.join(',')}\u0000${unitId ?? ''}`;
    let scope = forTree.get(key);
    if (scope === undefined) {
      const inView = unitsInView(viewer, units, unitId);
      scope = inView ? scopeFor(inView, units) : null;
      if (forTree.size >= SCOPES_PER_TREE) forTree.clear();
      forTree.set(key, scope);
    }
    return scope;
  }

  /**
   * One page of the inbox from the store, planned under SharePoint's list view threshold (query-plan.ts): led by a
   * condition narrow enough, or read window by window of ReportedAt (at most two requests for a page, more only while
   * it is still empty). Before the index's first sync nothing can be counted: the query goes as it is, and a refusal
   * is a 503 that says what to narrow.
   */
  private async storePage(q: DeviationQuery, filter: IndexFilter, req: InboxRequest, units: OrgUnits): Promise<Page<CaseRow>> {
    const stats = q.route === 'ordinary' ? this.listStats(units) : null;
    const windowToken = decodeWindowToken(req.continuation);
    const plan: InboxPlan = windowToken ? { type: 'windows' } : stats && stats.total > LIST_VIEW_THRESHOLD ? planInbox(stats, { filter, scope: q.scope, sort: req.sort }) : { type: 'lead' };
    if (plan.type === 'tooBroad') throw new CaseWorkError('invalidRequest', TOO_BROAD_TO_SORT, { field: 'sort' });
    try {
      if (plan.type === 'lead') return await this.deps.deviations.queryRows(plan.lead ? { ...q, lead: plan.lead } : q, { pageSize: req.pageSize, continuation: req.continuation ?? null });
      if (!stats || req.sort.by !== 'reportedAt') throw new CaseWorkError('invalidRequest', INVALID_CONTINUATION, { field: 'continuation' });
      return await this.windowedPage(q, filter, req, stats, windowToken);
    } catch (err) {
      if (err instanceof QueryTooBroad) throw new CaseWorkError('unavailable', TOO_BROAD_NOW);
      throw err;
    }
  }

  private async windowedPage(q: DeviationQuery, filter: IndexFilter, req: InboxRequest, stats: ListStats, token: WindowToken | null): Promise<Page<CaseRow>> {
    const bounds: ReportWindow = { from: filter.reportedFrom === undefined ? null : Date.parse(filter.reportedFrom), before: filter.reportedBefore === undefined ? null : Date.parse(filter.reportedBefore) };
    const direction = req.sort.direction;
    // A window from a continuation is the client's to send back: one wider than any this instance hands out is refused.
    if (token && windowCount(stats, token.window) > LIST_VIEW_THRESHOLD) throw new CaseWorkError('invalidRequest', INVALID_CONTINUATION, { field: 'continuation' });
    return windowedPage({
      axis: stats,
      bounds,
      direction,
      token,
      pageSize: req.pageSize,
      read: (window, page) => {
        const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());
        const from = iso(window.from);
        const before = iso(window.before);
        return this.deps.deviations.queryRows({ ...q, window: { ...(from ? { from } : {}), ...(before ? { before } : {}) } }, page);
      },
    });
  }

  /** Counts of the whole ordinary list for planning; null before the index's first sync. */
  private listStats(units: OrgUnits): ListStats | null {
    const index = this.deps.caseIndex ?? null;
    if (!index || !this.caseIndexReady()) return null;
    const memo = this.statsMemo;
    if (memo && memo.version === index.version && memo.units === units) return memo.stats;
    const stats = listStats(index.all(), units);
    this.statsMemo = { version: index.version, units, stats };
    return stats;
  }

  private caseIndexReady(): boolean {
    return (this.deps.caseIndex?.asOf() ?? null) !== null;
  }

  /** The case (or its row) as the viewer may see it: null when hidden, `blank` where its health details are not theirs. */
  private listItem<C extends CaseRow>(viewer: Person, d: C, ctx: AccessContext, blank: (d: C) => C): CaseListItem<C> | null {
    if (!canView(viewer, d, ctx)) return null;
    const healthDetailsHidden = d.healthRelated && !canViewHealthDetails(viewer, d, ctx);
    const seen = healthDetailsHidden ? blank(d) : d;
    const route = routeOf(d.kind);
    const handlingHidden = route === 'confidential' && !ctx.whistleblowingRecipientIds.has(viewer.id);
    return { case: handlingHidden ? { ...seen, handlerId: null } : seen, route, healthDetailsHidden, handlingHidden };
  }

  // ── One case ─────────────────────────────────────────────────────────────────────────────────

  /** The case with its measures, files, history and what the viewer may do; the read is logged (who, when). */
  async caseDetail(viewer: Person, id: string): Promise<CaseFile> {
    const ctx = await this.deps.access.context();
    const found = await this.find(id);
    if (!found || !canView(viewer, found.stored.value, ctx)) throw notFound();
    return this.fileOf(viewer, found.stored, ctx);
  }

  /** One of the case's files, for a download through the app: only for those who may see its health details too. */
  async attachment(viewer: Person, id: string, name: string): Promise<{ file: StoredCaseFile; bytes: Uint8Array }> {
    const ctx = await this.deps.access.context();
    const found = await this.find(id);
    if (!found || !canView(viewer, found.stored.value, ctx)) throw notFound();
    if (!canViewHealthDetails(viewer, found.stored.value, ctx)) throw forbidden('Vedleggene kan inneholde helseopplysninger, og de ser bare den som behandler saken.');
    const store = this.deps.attachments;
    const listed = store ? (await store.list(id, found.route)).find((f) => f.name === name) : undefined;
    const read = store && listed ? await store.read(id, found.route, listed.id) : null;
    if (!read) throw new CaseWorkError('notFound', 'Fant ikke vedlegget.');
    void this.readLog.record({ caseId: id, route: found.route, readerId: viewer.id, readAt: this.now().toISOString() });
    return read;
  }

  // ── Changes ──────────────────────────────────────────────────────────────────────────────────

  /** A lifecycle step (receive with an optional handler, start analysis, decide measures, close, reopen). */
  async act(viewer: Person, id: string, action: CaseActionRequest, etag: string): Promise<CaseFile> {
    const { stored, route, ctx } = await this.forWrite(viewer, id, etag);
    if (action.type === 'receive' && action.handlerId !== undefined && action.handlerId !== viewer.id) {
      const handler = await this.deps.person(action.handlerId);
      if (!handler) throw new CaseWorkError('invalidRequest', 'Finner ikke personen saken skal tildeles.', { field: 'handlerId' });
      if (route === 'confidential' && !ctx.whistleblowingRecipientIds.has(handler.id))
        throw new CaseWorkError('invalidRequest', 'Et varsel kan bare tildeles dem varslingsrutinen navngir som mottakere.', { field: 'handlerId' });
    }
    const next = actOnCase(stored.value, action, viewer, ctx, this.now());
    if (!next.ok) throw fromDomain(next.error);
    const saved = await this.save(viewer, next.value, stored.etag, ctx);
    this.tellReporter(id, route, {});
    return this.fileOf(viewer, saved, ctx);
  }

  /** "5 hvorfor", root cause and cause category, while the case is under analysis. */
  async recordAnalysis(viewer: Person, id: string, analysis: CauseAnalysis, etag: string): Promise<CaseFile> {
    const { stored, ctx } = await this.forWrite(viewer, id, etag);
    const next = analyseCase(stored.value, analysis, viewer, ctx, this.now());
    if (!next.ok) throw fromDomain(next.error);
    return this.fileOf(viewer, await this.save(viewer, next.value, stored.etag, ctx), ctx);
  }

  /**
   * A measure for the case on the action list of the case's unit (source: the case), linked to the case. The measure
   * is created first; if the case was changed by someone else in between, the measure is cancelled with a reason
   * (so the action list holds nothing unlinked) and the viewer gets the conflict. Whistleblowing reports get no
   * measures on the shared action list: what they are about is confidential.
   */
  async addMeasure(viewer: Person, id: string, input: NewMeasureRequest, etag: string): Promise<CaseFile> {
    const { stored, route, ctx } = await this.forWrite(viewer, id, etag);
    if (route === 'confidential')
      throw new CaseWorkError('invalidState', 'Tiltak i varslingssaker føres ikke på den felles tiltakslisten. Beskriv oppfølgingen i saken.');
    const now = this.now();
    const d = stored.value;
    // The case's state first (a closed case takes no measures), before anything is written.
    const check = addMeasureToCase(d, { id: 'check', title: input.title }, viewer, ctx, now);
    if (!check.ok) throw fromDomain(check.error);
    if (!isCalendarDate(input.deadline)) throw new CaseWorkError('invalidRequest', 'Fristen må være en dato (ÅÅÅÅ-MM-DD).', { field: 'deadline' });
    if (input.deadline < toOsloDate(now)) throw new CaseWorkError('invalidRequest', 'Fristen kan ikke være tilbake i tid.', { field: 'deadline' });
    const owner = await this.deps.person(input.ownerId);
    if (!owner) throw new CaseWorkError('invalidRequest', 'Finner ikke personen som skal ha ansvaret for tiltaket.', { field: 'ownerId' });

    const measure = createMeasure(
      { id: this.newId(), title: input.title, description: input.description ?? '', source: { type: 'deviation', deviationId: d.id }, ownerId: owner.id, unitId: d.unitId, deadline: input.deadline },
      now,
    );
    if (!measure.ok) throw fromDomain(measure.error);
    const created = await this.deps.measures.create(measure.value);
    const next = addMeasureToCase(d, measure.value, viewer, ctx, now);
    if (!next.ok) throw fromDomain(next.error);
    let saved: Stored<Deviation>;
    try {
      saved = this.changed(await this.deps.deviations.update(next.value, stored.etag));
    } catch (err) {
      if (!(err instanceof ConcurrencyConflict)) throw err;
      await this.cancelUnlinked(created);
      throw conflict(await this.current(viewer, id, ctx));
    }
    this.tellReporter(id, route, { measureAdded: true });
    return this.fileOf(viewer, saved, ctx);
  }

  /**
   * Feedback to the reporter: kept in the case's history (where the reporter can read it in the tab) and sent to
   * the reporter's personal chat through the bot, their receipt updated. `sent` is false when the bot could not
   * reach them. Appending to the history never overwrites: the case is read again if someone saved in between.
   */
  async sendFeedback(viewer: Person, id: string, text: string): Promise<{ sent: boolean; file: CaseFile }> {
    const { saved, route, ctx } = await this.appendChange(viewer, id, (d, ctx) => noteOnCase(d, { type: 'feedback', note: text }, viewer, ctx, this.now()));
    let sent = false;
    try {
      sent = (await this.deps.reporter.sendFeedback(id, route, text)).sent;
    } catch (err) {
      this.deps.log?.('caseWork.feedbackNotSent', { error: err instanceof Error ? err.name : 'unknown' });
    }
    return { sent, file: await this.fileOf(viewer, saved, ctx) };
  }

  /**
   * Raises the case to the committee of the nearest unit above that has one: an agenda proposal (status
   * 'proposed', source: the case) that the agenda setter places on a meeting, and an entry in the case's history.
   * The proposal's title carries the case's title only when it holds no health details. Whistleblowing reports
   * follow their own routine and are not raised to committees.
   */
  async escalate(viewer: Person, id: string, note: string): Promise<{ agendaItemId: string; committee: QualityCommittee; file: CaseFile }> {
    const ctx = await this.deps.access.context();
    const found = await this.find(id);
    if (!found || !canView(viewer, found.stored.value, ctx)) throw notFound();
    const d = found.stored.value;
    if (!canHandle(viewer, d, ctx)) throw forbidden();
    if (found.route === 'confidential') throw new CaseWorkError('invalidState', 'Varsler følger varslingsrutinen og meldes ikke til et kvalitetsutvalg.');
    const committee = committeeAbove(d.unitId, await this.committees(), ctx.units);
    if (!committee) throw new CaseWorkError('invalidState', 'Det finnes ikke noe kvalitetsutvalg over enheten saken hører til.');
    const proposal = proposeAgendaItem(
      {
        id: this.newId(),
        committeeId: committee.id,
        title: d.healthRelated ? `Eskalert sak ${d.caseNumber}` : `${d.caseNumber}: ${d.title}`,
        description: note,
        source: { type: 'deviation', deviationId: d.id },
        proposedById: viewer.id,
      },
      this.now(),
    );
    if (!proposal.ok) throw fromDomain(proposal.error);
    const item = await this.deps.agenda.create(proposal.value);
    const { saved } = await this.appendChange(viewer, id, (c, ctx) => noteOnCase(c, { type: 'escalated', note: `${committee.name}: ${note.trim()}` }, viewer, ctx, this.now()));
    return { agendaItemId: item.value.id, committee, file: await this.fileOf(viewer, saved, ctx) };
  }

  // ── Shared steps ─────────────────────────────────────────────────────────────────────────────

  /** By id: the ordinary store first (most cases), then the confidential one. */
  private async find(id: string): Promise<{ stored: Stored<Deviation>; route: CaseRoute } | null> {
    const ordinary = await this.deps.deviations.get(id, 'ordinary');
    if (ordinary) return { stored: ordinary, route: 'ordinary' };
    const confidential = await this.deps.deviations.get(id, 'confidential');
    return confidential ? { stored: confidential, route: 'confidential' } : null;
  }

  /** The checks of every write, in the order that tells least: not visible → 404, not handler → 403, stale → 409. */
  private async forWrite(viewer: Person, id: string, etag: string): Promise<{ stored: Stored<Deviation>; route: CaseRoute; ctx: AccessContext }> {
    const ctx = await this.deps.access.context();
    const found = await this.find(id);
    if (!found || !canView(viewer, found.stored.value, ctx)) throw notFound();
    if (!canHandle(viewer, found.stored.value, ctx)) throw forbidden();
    if (found.stored.etag !== etag) throw conflict(await this.fileOf(viewer, found.stored, ctx));
    return { ...found, ctx };
  }

  /** Saves with If-Match; someone else's save in between is a conflict carrying the case as it is now. */
  private async save(viewer: Person, next: Deviation, etag: string, ctx: AccessContext): Promise<Stored<Deviation>> {
    try {
      return this.changed(await this.deps.deviations.update(next, etag));
    } catch (err) {
      if (err instanceof ConcurrencyConflict) throw conflict(await this.current(viewer, next.id, ctx));
      throw err;
    }
  }

  /** The case as it is now, for a conflict's answer (gone or no longer visible: not found). */
  private async current(viewer: Person, id: string, ctx: AccessContext): Promise<CaseFile> {
    const found = await this.find(id);
    if (!found || !canView(viewer, found.stored.value, ctx)) throw notFound();
    return this.fileOf(viewer, found.stored, ctx);
  }

  /** An append-only change (a history entry): read, apply, save with the version just read; again if someone saved first. */
  private async appendChange(
    viewer: Person,
    id: string,
    change: (d: Deviation, ctx: AccessContext) => ReturnType<typeof noteOnCase>,
  ): Promise<{ saved: Stored<Deviation>; route: CaseRoute; ctx: AccessContext }> {
    const ctx = await this.deps.access.context();
    for (let attempt = 1; ; attempt++) {
      const found = await this.find(id);
      if (!found || !canView(viewer, found.stored.value, ctx)) throw notFound();
      const next = change(found.stored.value, ctx);
      if (!next.ok) throw fromDomain(next.error);
      try {
        return { saved: this.changed(await this.deps.deviations.update(next.value, found.stored.etag)), route: found.route, ctx };
      } catch (err) {
        if (!(err instanceof ConcurrencyConflict) || attempt >= APPEND_ATTEMPTS) {
          if (err instanceof ConcurrencyConflict) throw conflict(await this.current(viewer, id, ctx));
          throw err;
        }
      }
    }
  }

  private changed<T>(saved: T): T {
    try {
      this.deps.onChanged?.();
    } catch {
      // Only a hint to the index: the change is saved either way.
    }
    return saved;
  }

  private async cancelUnlinked(measure: Stored<Measure>): Promise<void> {
    const cancelled = changeMeasureStatus(measure.value, { to: 'cancelled', reason: 'Ikke knyttet til saken: saken ble endret av noen andre samtidig.' }, this.now());
    try {
      if (cancelled.ok) await this.deps.measures.update(cancelled.value, measure.etag);
    } catch (err) {
      // Logged with its id so it can be found: an open measure pointing at a case that does not list it.
      this.deps.log?.('caseWork.unlinkedMeasure', { measureId: measure.value.id, error: err instanceof Error ? err.name : 'unknown' });
    }
  }

  private tellReporter(id: string, route: CaseRoute, options: { measureAdded?: boolean }): void {
    // The change is saved: telling the reporter must not undo or delay the answer.
    this.deps.reporter.notifyReporter(id, { route, ...options }).catch((err: unknown) => {
      this.deps.log?.('caseWork.reporterNotTold', { error: err instanceof Error ? err.name : 'unknown' });
    });
  }

  /** Everything a case's view shows, read side by side; the read of the details is logged. */
  private async fileOf(viewer: Person, stored: Stored<Deviation>, ctx: AccessContext): Promise<CaseFile> {
    const d = stored.value;
    const item = this.listItem(viewer, d, ctx, withoutHealthDetails);
    if (!item) throw notFound();
    const route = item.route;
    const handles = canHandle(viewer, d, ctx);
    const files = !item.healthDetailsHidden && this.deps.attachments ? this.deps.attachments.list(d.id, route) : Promise.resolve([]);
    const [measures, attachments, committees] = await Promise.all([
      Promise.all(d.measureIds.map((m) => this.deps.measures.get(m))).then((all) => all.filter((m): m is Stored<Measure> => m !== null)),
      files,
      handles && route === 'ordinary' ? this.committees() : Promise.resolve([]),
      this.readLog.record({ caseId: d.id, route, readerId: viewer.id, readAt: this.now().toISOString() }),
    ]);
    const seen = item.case;
    const people = [seen.reporterId, seen.handlerId, ...measures.map((m) => m.value.ownerId), ...(item.handlingHidden ? [] : seen.history.map((e) => e.actorId))];
    return {
      ...item,
      etag: stored.etag,
      canHandle: handles,
      allowedActions: handles ? allowedActions(d) : [],
      measures: measures.map((m) => {
        const hidden = measureTextHidden(viewer.id, m.value, item.healthDetailsHidden);
        return { value: hidden ? withoutMeasureText(m.value) : m.value, etag: m.etag, healthDetailsHidden: hidden };
      }),
      attachments,
      escalationTarget: handles && route === 'ordinary' ? (committeeAbove(d.unitId, committees, ctx.units) ?? null) : null,
      names: await this.names.names(people),
      units: ctx.units,
    };
  }

  private committees(): Promise<QualityCommittee[]> {
    const now = Date.now();
    if (this.committeesCache && this.committeesCache.until > now) return this.committeesCache.value;
    const value = this.deps.committees.list();
    const entry = { value, until: now + (this.deps.committeeCacheMs ?? 5 * 60_000) };
    this.committeesCache = entry;
    value.catch(() => {
      if (this.committeesCache === entry) this.committeesCache = null;
    });
    return value;
  }
}

/** A text search's continuation: the offset into the ordered matches. */
function searchOffset(continuation: string | null | undefined): number {
  if (!continuation) return 0;
  const m = /^o(\d{1,7})$/.exec(continuation);
  if (!m) throw new CaseWorkError('invalidRequest', 'Ugyldig fortsettelse; start fra første side.', { field: 'continuation' });
  return Number(m[1]);
}

/** What a search looks in, of a case as the viewer sees it (blanked text is empty). */
function searchableText(d: Deviation): string {
  return fold([d.caseNumber, d.title, d.description, d.location ?? '', d.immediateAction ?? ''].join(' '));
}

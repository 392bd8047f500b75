// Deviations in the quality site's 'Avvik'; whistleblowing reports only ever in the confidential site's 'Varsler'.
import { DuplicateRecord, type InboxLead, MAX_SCOPE_CLAUSES, QueryTooBroad } from '../../app/ports/index.js';
import type { BulkCreateResult, DeviationCountFilter, DeviationQuery, DeviationRepository, ImportRow, Page, PageRequest, Stored } from '../../app/ports/index.js';
import { type CaseNumber, type CaseRoute, type CaseRow, type Deviation, kindOfPrefix, normaliseCaseNumber, parseCaseNumber, routeOf, severityRank } from '../../domain/index.js';
import { type GraphClient, GraphConflictError, GraphRequestError, GraphThrottledError, GraphUnknownOutcome, type ODataFilter, where } from '../graph/index.js';
import { CASE_ROW_COLUMNS, DEVIATION_COLUMNS, caseRowFromFields, deviationFromFields, deviationToFields, statusRank } from '../mapping/deviation.js';
import type { Fields } from '../mapping/fields.js';
import type { ListDirectory } from './list-directory.js';
import { InvalidContinuationError, type ItemQuery, type RawItem, readAll } from './list-query.js';
import { patchMany } from './patch-many.js';
import { RecordList, type RecordListOptions, type RecordMapping } from './record-list.js';
import type { UnitSectors } from './unit-sectors.js';

export const DEFAULT_PAGE_SIZE = 100;

/** A failed POST that may still have written the item: lost answers and server errors; not throttling (429/503: not done) nor a refused connection. */
function mayHaveLanded(err: unknown): boolean {
  if (err instanceof GraphUnknownOutcome) return true;
  if (err instanceof GraphThrottledError) return err.status === 504;
  return err instanceof GraphRequestError && err.status >= 500;
}

/** One person's reports, newest first: ReporterId and ReportedAt are indexed. */
export function reporterQuery(personId: string, pageSize = DEFAULT_PAGE_SIZE): Omit<ItemQuery, 'list' | 'columns'> {
  return { filter: where.eq('ReporterId', personId), orderBy: [['ReportedAt', 'desc']], top: pageSize };
}

/** A unit's cases that are not closed, newest report first: UnitId, Status and ReportedAt are indexed. */
export function openDeviationsQuery(unitId: string, pageSize = DEFAULT_PAGE_SIZE): Omit<ItemQuery, 'list' | 'columns'> {
  return {
    filter: where.and(where.eq('UnitId', unitId), where.ne('Status', 'closed')),
    orderBy: [['ReportedAt', 'desc']],
    top: pageSize,
  };
}

/** Graph's `$filter` is bounded in length; an inbox page reads at most this many cases by id in one request. */
const IDS_PER_QUERY = 50;

/**
 * The `$filter` and `$orderby` of an inbox query. Every column is indexed (lists.ts). SharePoint starts from the first
 * condition, and on a list of more than 5,000 items refuses a query whose first condition selects more than that
 * (src/app/case-work/query-plan.ts): the usual order is a person's cases, then the scope, then kind, status, severity
 * and period; `lead` moves one of them first, and a `window` of ReportedAt goes before them all. Sorting by severity or
 * status uses their rank columns (a choice column would sort by its text); ties go newest first.
 */
export function inboxQuery(q: DeviationQuery, pageSize = DEFAULT_PAGE_SIZE): Omit<ItemQuery, 'list' | 'columns'> {
  const clauses: [InboxLead, ODataFilter[]][] = [];
  if (q.reporterId !== undefined) clauses.push(['reporter', [where.eq('ReporterId', q.reporterId)]]);
  if (q.handlerId !== undefined) clauses.push(['handler', [where.eq('HandlerId', q.handlerId)]]);
  if (q.scope.type === 'within') {
    const parts = [...new Set(q.scope.sectorIds)].map((id) => where.eq('SectorId', id)).concat([...new Set(q.scope.unitIds)].map((id) => where.eq('UnitId', id)));
    if (parts.length === 0) throw new RangeError('An empty scope matches nothing; do not query it.');
    if (parts.length > MAX_SCOPE_CLAUSES) throw new RangeError(`A scope may name at most ${MAX_SCOPE_CLAUSES} sectors and units, not ${parts.length}.`);
    clauses.push(['scope', [where.or(...parts)]]);
  }
  if (q.kinds?.length) clauses.push(['kinds', [where.in('Kind', [...new Set(q.kinds)])]]);
  if (q.statuses?.length) clauses.push(['statuses', [where.in('Status', [...new Set(q.statuses)])]]);
  if (q.severities?.length) clauses.push(['severities', [where.in('Severity', [...new Set(q.severities)])]]);
  const period: ODataFilter[] = [];
  if (q.reportedFrom !== undefined) period.push(where.ge('ReportedAt', new Date(q.reportedFrom)));
  if (q.reportedBefore !== undefined) period.push(where.lt('ReportedAt', new Date(q.reportedBefore)));
  if (period.length > 0) clauses.push(['period', period]);
  const lead = q.lead === undefined ? -1 : clauses.findIndex(([name]) => name === q.lead);
  if (lead > 0) clauses.unshift(...clauses.splice(lead, 1));
  const window: ODataFilter[] = [];
  if (q.window?.from !== undefined) window.push(where.ge('ReportedAt', new Date(q.window.from)));
  if (q.window?.before !== undefined) window.push(where.lt('ReportedAt', new Date(q.window.before)));
  const all = [...window, ...clauses.flatMap(([, c]) => c)];
  const sort = q.sort ?? { by: 'reportedAt', direction: 'desc' };
  const orderBy: [string, 'asc' | 'desc'][] =
    sort.by === 'reportedAt'
      ? [['ReportedAt', sort.direction]]
      : [[sort.by === 'severity' ? 'SeverityRank' : 'StatusRank', sort.direction], ['ReportedAt', 'desc']];
  return { ...(all.length > 0 ? { filter: where.and(...all) } : {}), orderBy, top: pageSize };
}

/**
 * SharePoint's answer to a query over the list view threshold: SharePoint's own message (SPQueryThrottledException,
 * a 429 through Graph), or Graph's "uses too many resources" (notSupported / tooManyResources) that some tenants give.
 */
export function isListViewThreshold(err: unknown): boolean {
  return (err instanceof GraphThrottledError || err instanceof GraphRequestError) && /list view threshold|too many resources/i.test(err.graphMessage ?? '');
}

export class SharePointDeviationRepository implements DeviationRepository {
  private readonly ordinary: RecordList<Deviation>;
  private readonly confidential: RecordList<Deviation>;

  /** `sectors` gives the SectorId written beside each case; without it SectorId stays empty (tests of other things). */
  constructor(
    private readonly client: GraphClient,
    directory: ListDirectory,
    options: RecordListOptions = {},
    private readonly sectors?: UnitSectors,
  ) {
    const mapping: RecordMapping<Deviation> = {
      entity: 'Deviation',
      columns: DEVIATION_COLUMNS,
      toFields: (d) => this.toFields(d),
      fromFields: deviationFromFields,
      idOf: (d) => d.id,
    };
    this.ordinary = new RecordList(client, directory, 'deviations', mapping, options);
    this.confidential = new RecordList(client, directory, 'whistleblowingReports', mapping, options);
  }

  /** Call `sectors.ensure` first on every write path: the mapping is synchronous. */
  private toFields(d: Deviation): Fields {
    return deviationToFields(d, { sectorId: this.sectors?.sectorOf(d.unitId) ?? null });
  }

  private async sectorsFor(unitIds: Iterable<string>): Promise<void> {
    await this.sectors?.ensure(unitIds);
  }

  private store(route: CaseRoute): RecordList<Deviation> {
    return route === 'confidential' ? this.confidential : this.ordinary;
  }

  /**
   * One plain POST in the common case (a report from the chat costs one request, not a $batch of one).
   * When that POST meets the unique RecordId (a double submit, or a retry of a create that landed) the
   * stored case is returned; any other doubt (lost answer, server error) goes the bulk path, which
   * looks the id up before it writes again.
   */
  async create(deviation: Deviation): Promise<Stored<Deviation>> {
    const store = this.store(routeOf(deviation.kind));
    const [list] = await Promise.all([store.list(), this.sectorsFor([deviation.unitId])]);
    try {
      const raw = await this.client.post<RawItem>(`${list.path}/items`, { fields: this.toFields(deviation) });
      return store.toStored(raw, list);
    } catch (err) {
      if (err instanceof GraphConflictError) {
        const found = await store.get(deviation.id);
        if (found) return found;
        throw new DuplicateRecord('Deviation', deviation.id);
      }
      if (mayHaveLanded(err)) return store.create(deviation);
      throw err;
    }
  }

  async createMany(rows: readonly ImportRow<Deviation>[]): Promise<BulkCreateResult> {
    await this.sectorsFor(rows.map((r) => r.value.unitId));
    const byRoute = (route: CaseRoute) => rows.filter((r) => routeOf(r.value.kind) === route);
    const results = await Promise.all([this.ordinary.createMany(byRoute('ordinary')), this.confidential.createMany(byRoute('confidential'))]);
    return {
      created: results.reduce((n, r) => n + r.created, 0),
      alreadyPresent: results.reduce((n, r) => n + r.alreadyPresent, 0),
      failed: results.flatMap((r) => r.failed),
    };
  }

  async get(id: string, route: CaseRoute = 'ordinary'): Promise<Stored<Deviation> | null> {
    return this.guard(await this.store(route).get(id), route);
  }

  async getByCaseNumber(caseNumber: CaseNumber): Promise<Stored<Deviation> | null> {
    const canonical = normaliseCaseNumber(caseNumber);
    const parts = parseCaseNumber(caseNumber);
    if (!canonical.ok || !parts.ok) return null;
    const route = routeOf(kindOfPrefix(parts.value.prefix));
    return this.guard(await this.store(route).findOne(where.eq('CaseNumber', canonical.value)), route);
  }

  async update(next: Deviation, etag: string): Promise<Stored<Deviation>> {
    await this.sectorsFor([next.unitId]);
    return this.store(routeOf(next.kind)).update(next, etag);
  }

  listByReporter(personId: string, page: PageRequest = {}, route: CaseRoute = 'ordinary'): Promise<Page<Stored<Deviation>>> {
    return this.store(route).page(reporterQuery(personId, page.pageSize), page.continuation);
  }

  listOpenForUnit(unitId: string, page: PageRequest = {}): Promise<Page<Stored<Deviation>>> {
    return this.ordinary.page(openDeviationsQuery(unitId, page.pageSize), page.continuation);
  }

  count(filter: DeviationCountFilter = {}): Promise<number> {
    return this.store(filter.route ?? 'ordinary').count(filter.unitId === undefined ? undefined : where.eq('UnitId', filter.unitId));
  }

  /** One request. A continuation from another query (or edited) is an InvalidContinuationError, never a 500. */
  query(query: DeviationQuery, page: PageRequest = {}): Promise<Page<Stored<Deviation>>> {
    return this.inboxPage(query, page, (store, itemQuery) => store.page(itemQuery, page.continuation), (s) => s.value.kind);
  }

  /** As `query`, each case's row only (CASE_ROW_COLUMNS): what the inbox lists. */
  queryRows(query: DeviationQuery, page: PageRequest = {}): Promise<Page<CaseRow>> {
    return this.inboxPage(query, page, (store, itemQuery) => store.pageOf(itemQuery, CASE_ROW_COLUMNS, caseRowFromFields, page.continuation), (r) => r.kind);
  }

  private async inboxPage<R>(query: DeviationQuery, page: PageRequest, read: (store: RecordList<Deviation>, itemQuery: ReturnType<typeof inboxQuery>) => Promise<Page<R>>, kindOf: (r: R) => Deviation['kind']): Promise<Page<R>> {
    const route = query.route ?? 'ordinary';
    if (query.scope.type === 'within' && query.scope.sectorIds.length + query.scope.unitIds.length === 0) return { items: [], continuation: null };
    try {
      const found = await read(this.store(route), inboxQuery(query, page.pageSize));
      return { items: found.items.filter((r) => routeOf(kindOf(r)) === route), continuation: found.continuation };
    } catch (err) {
      // The store refuses a skip token that belongs to another query with a 400.
      if (page.continuation && err instanceof GraphRequestError && err.status === 400) throw new InvalidContinuationError();
      if (isListViewThreshold(err)) throw new QueryTooBroad();
      throw err;
    }
  }

  getMany(ids: readonly string[], route: CaseRoute = 'ordinary'): Promise<Stored<Deviation>[]> {
    return this.byIds(ids, route, (store, query) => store.page(query), (s) => s.value.kind);
  }

  /** As `getMany`, each case's row only (a page of search results). */
  getManyRows(ids: readonly string[], route: CaseRoute = 'ordinary'): Promise<CaseRow[]> {
    return this.byIds(ids, route, (store, query) => store.pageOf(query, CASE_ROW_COLUMNS, caseRowFromFields), (r) => r.kind);
  }

  private async byIds<R>(ids: readonly string[], route: CaseRoute, read: (store: RecordList<Deviation>, query: Omit<ItemQuery, 'list' | 'columns'>) => Promise<Page<R>>, kindOf: (r: R) => Deviation['kind']): Promise<R[]> {
    const unique = [...new Set(ids)];
    if (unique.length > 100) throw new RangeError('getMany reads at most 100 cases at a time.');
    const chunks: string[][] = [];
    for (let at = 0; at < unique.length; at += IDS_PER_QUERY) chunks.push(unique.slice(at, at + IDS_PER_QUERY));
    const pages = await Promise.all(chunks.map((chunk) => read(this.store(route), { filter: where.in('RecordId', chunk), top: chunk.length })));
    return pages.flatMap((p) => p.items).filter((r) => routeOf(kindOf(r)) === route);
  }

  /**
   * Writes SectorId, SeverityRank and StatusRank where a stored case lacks them or they are out of date (cases
   * written before the columns existed, or a unit moved to another sector). Reads every case's few key columns,
   * so it belongs at start-up or in a maintenance run, not on a request. Returns how many cases were patched.
   */
  async backfillDerivedColumns(): Promise<number> {
    let patched = 0;
    for (const store of [this.ordinary, this.confidential]) {
      const list = await store.list();
      const items = await readAll(this.client, { list: list.path, columns: ['RecordId', 'UnitId', 'Severity', 'Status', 'SectorId', 'SeverityRank', 'StatusRank'], top: 5000 });
      await this.sectorsFor(items.map((raw) => String((raw.fields as Record<string, unknown> | undefined)?.UnitId ?? '')));
      const patches = [];
      for (const raw of items) {
        const f = (raw.fields ?? {}) as Record<string, unknown>;
        const status = f.Status as Deviation['status'] | undefined;
        if (typeof raw.id !== 'string' || typeof f.UnitId !== 'string' || status === undefined) continue;
        const want: Fields = {
          SectorId: this.sectors?.sectorOf(f.UnitId) ?? null,
          SeverityRank: typeof f.Severity === 'string' ? severityRank(f.Severity as NonNullable<Deviation['severity']>) : null,
          StatusRank: statusRank(status),
        };
        if (Object.entries(want).every(([k, v]) => (f[k] ?? null) === v)) continue;
        patches.push({ key: String(f.RecordId ?? raw.id), url: `${list.path}/items/${raw.id}/fields`, fields: want });
      }
      const failed = await patchMany(this.client, patches);
      if (failed.length > 0) throw new Error(`${failed.length} of ${patches.length} cases in '${list.spec.displayName}' could not be brought up to date; run again.`);
      patched += patches.length;
    }
    return patched;
  }

  /** A whistleblowing report found in the ordinary list (written by hand?) is never handed out as an ordinary case. */
  private guard(found: Stored<Deviation> | null, route: CaseRoute): Stored<Deviation> | null {
    return found && routeOf(found.value.kind) === route ? found : null;
  }
}

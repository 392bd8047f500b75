// Deviations in the quality site's 'Avvik'; whistleblowing reports only ever in the confidential site's 'Varsler'.
import { DuplicateRecord } from '../../app/ports/index.js';
import type { BulkCreateResult, DeviationCountFilter, DeviationRepository, ImportRow, Page, PageRequest, Stored } from '../../app/ports/index.js';
import { type CaseNumber, type CaseRoute, type Deviation, kindOfPrefix, normaliseCaseNumber, parseCaseNumber, routeOf } from '../../domain/index.js';
import { type GraphClient, GraphConflictError, GraphRequestError, GraphThrottledError, GraphUnknownOutcome, where } from '../graph/index.js';
import { DEVIATION_COLUMNS, deviationFromFields, deviationToFields } from '../mapping/deviation.js';
import type { ListDirectory } from './list-directory.js';
import type { ItemQuery, RawItem } from './list-query.js';
import { RecordList, type RecordListOptions, type RecordMapping } from './record-list.js';

const mapping: RecordMapping<Deviation> = {
  entity: 'Deviation',
  columns: DEVIATION_COLUMNS,
  toFields: deviationToFields,
  fromFields: deviationFromFields,
  idOf: (d) => d.id,
};

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

export class SharePointDeviationRepository implements DeviationRepository {
  private readonly ordinary: RecordList<Deviation>;
  private readonly confidential: RecordList<Deviation>;

  constructor(
    private readonly client: GraphClient,
    directory: ListDirectory,
    options: RecordListOptions = {},
  ) {
    this.ordinary = new RecordList(client, directory, 'deviations', mapping, options);
    this.confidential = new RecordList(client, directory, 'whistleblowingReports', mapping, options);
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
    const list = await store.list();
    try {
      const raw = await this.client.post<RawItem>(`${list.path}/items`, { fields: deviationToFields(deviation) });
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

  update(next: Deviation, etag: string): Promise<Stored<Deviation>> {
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

  /** A whistleblowing report found in the ordinary list (written by hand?) is never handed out as an ordinary case. */
  private guard(found: Stored<Deviation> | null, route: CaseRoute): Stored<Deviation> | null {
    return found && routeOf(found.value.kind) === route ? found : null;
  }
}

// The change feeds behind the per-instance indexes: Graph delta on 'Avvik' (ordinary cases) and 'Tiltak' (measures).
//
// Each round reads only the columns the index keeps ($expand=fields($select=…), $select=id), 5,000 items a page,
// and maps every item as its page arrives, so a first round over 150,000 cases never holds the raw items at once.
// A first round pages through everything; a refused token (410) starts over and says so ('full'). Costs: 2 resource
// units for the first page of a round without a token, 1 a page after; a round with nothing new is one request.
import { z } from 'zod';
import type { CaseSource, DeviationFeed, FeedItem, FeedRound, MeasureFact, MeasureFeed } from '../../app/ports/index.js';
import { routeOf } from '../../domain/index.js';
import { type DeltaItem, type GraphClient, readListDeltaAs } from '../graph/index.js';
import { deviationRow } from '../mapping/deviation.js';
import { measureRow } from '../mapping/measure.js';
import type { ListDirectory } from './list-directory.js';

/** Graph's largest page of list items. */
const DELTA_PAGE = 5000;

// Only the columns the index keeps, read as the mapping reads them; a row without a title is still counted.
const caseRow = deviationRow
  .pick({ RecordId: true, CaseNumber: true, Kind: true, Status: true, Severity: true, UnitId: true, ReporterId: true, HandlerId: true, ReportedAt: true, ClosedAt: true, HealthRelated: true, Description: true, Location: true, ImmediateAction: true })
  .extend({ Title: z.string().nullish().transform((v) => v ?? '') });

export const CASE_FEED_COLUMNS: readonly string[] = Object.keys(caseRow.shape);

/** A row that does not map (edited by hand) or a whistleblowing report in the ordinary list: not indexed (null). */
export function caseSourceOf(fields: unknown): CaseSource | null {
  const parsed = caseRow.safeParse(fields);
  if (!parsed.success) return null;
  const r = parsed.data;
  if (routeOf(r.Kind) !== 'ordinary') return null;
  return {
    id: r.RecordId,
    caseNumber: r.CaseNumber,
    kind: r.Kind,
    status: r.Status,
    severity: r.Severity,
    unitId: r.UnitId,
    reporterId: r.ReporterId,
    handlerId: r.HandlerId,
    reportedAt: r.ReportedAt,
    closedAt: r.ClosedAt,
    healthRelated: r.HealthRelated,
    title: r.Title,
    description: r.Description ?? '',
    location: r.Location,
    immediateAction: r.ImmediateAction,
  };
}

// OwnerId is counted to plan action-list queries (src/app/case-work/query-plan-measures.ts); a row without one still counts.
const measureFactRow = measureRow.pick({ RecordId: true, UnitId: true, OwnerId: true, Source: true, Status: true, Deadline: true }).partial({ OwnerId: true });

export const MEASURE_FEED_COLUMNS: readonly string[] = Object.keys(measureFactRow.shape);

export function measureFactOf(fields: unknown): MeasureFact | null {
  const parsed = measureFactRow.safeParse(fields);
  if (!parsed.success) return null;
  const r = parsed.data;
  return { id: r.RecordId, unitId: r.UnitId, source: r.Source, status: r.Status, deadline: r.Deadline, ...(r.OwnerId !== undefined ? { ownerId: r.OwnerId } : {}) };
}

export interface ChangeFeedOptions {
  /** Items per delta page; default 5,000 (Graph's most). */
  pageSize?: number;
}

/** Graph delta on one list, mapped page by page: the feed behind every per-instance index (cases, measures, risk). */
export class ListChangeFeed<T> {
  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
    private readonly listKey: string,
    private readonly columns: readonly string[],
    private readonly toValue: (fields: unknown) => T | null,
    private readonly options: ChangeFeedOptions,
  ) {}

  async changes(token: string | null): Promise<FeedRound<T>> {
    const list = await this.directory.resolve(this.listKey);
    const top = this.options.pageSize ?? DELTA_PAGE;
    const round = await readListDeltaAs<DeltaItem, FeedItem<T>>(
      this.client,
      {
        list: list.path,
        fields: this.columns,
        select: ['id'],
        top,
        // Enough pages for two million items: a round is never cut short by the guard against looping servers.
        maxPages: Math.max(1000, Math.ceil(2_000_000 / top)),
        ...(token ? { deltaLink: token } : {}),
      },
      (item) => ({ itemId: item.id, value: this.toValue(item.fields) }),
    );
    return { kind: round.kind === 'changes' ? 'changes' : 'full', changed: round.changed, deletedItemIds: round.deleted, token: round.deltaLink };
  }
}

export class SharePointDeviationFeed extends ListChangeFeed<CaseSource> implements DeviationFeed {
  constructor(client: GraphClient, directory: ListDirectory, options: ChangeFeedOptions = {}) {
    super(client, directory, 'deviations', CASE_FEED_COLUMNS, caseSourceOf, options);
  }
}

export class SharePointMeasureFeed extends ListChangeFeed<MeasureFact> implements MeasureFeed {
  constructor(client: GraphClient, directory: ListDirectory, options: ChangeFeedOptions = {}) {
    super(client, directory, 'measures', MEASURE_FEED_COLUMNS, measureFactOf, options);
  }
}

// Measures in the quality site's 'Tiltak': one action list for every source.
import type { BulkCreateResult, ImportRow, MeasureRepository, Page, PageRequest, Stored } from '../../app/ports/index.js';
import type { Measure } from '../../domain/index.js';
import { type GraphClient, where } from '../graph/index.js';
import { MEASURE_COLUMNS, measureFromFields, measureToFields } from '../mapping/measure.js';
import { DEFAULT_PAGE_SIZE } from './deviation-repository.js';
import type { ListDirectory } from './list-directory.js';
import type { ItemQuery } from './list-query.js';
import { RecordList, type RecordListOptions } from './record-list.js';

/** A unit's open and in-progress measures, earliest deadline first: UnitId, Status and Deadline are indexed. */
export function openMeasuresQuery(unitId: string, pageSize = DEFAULT_PAGE_SIZE): Omit<ItemQuery, 'list' | 'columns'> {
  return {
    filter: where.and(where.eq('UnitId', unitId), where.in('Status', ['open', 'inProgress'])),
    orderBy: [['Deadline', 'asc']],
    top: pageSize,
  };
}

export class SharePointMeasureRepository implements MeasureRepository {
  private readonly list: RecordList<Measure>;

  constructor(client: GraphClient, directory: ListDirectory, options: RecordListOptions = {}) {
    this.list = new RecordList(
      client,
      directory,
      'measures',
      { entity: 'Measure', columns: MEASURE_COLUMNS, toFields: measureToFields, fromFields: measureFromFields, idOf: (m) => m.id },
      options,
    );
  }

  create(measure: Measure): Promise<Stored<Measure>> {
    return this.list.create(measure);
  }

  createMany(rows: readonly ImportRow<Measure>[]): Promise<BulkCreateResult> {
    return this.list.createMany(rows);
  }

  get(id: string): Promise<Stored<Measure> | null> {
    return this.list.get(id);
  }

  update(next: Measure, etag: string): Promise<Stored<Measure>> {
    return this.list.update(next, etag);
  }

  listOpenForUnit(unitId: string, page: PageRequest = {}): Promise<Page<Stored<Measure>>> {
    return this.list.page(openMeasuresQuery(unitId, page.pageSize), page.continuation);
  }
}

// Committees' agenda items in 'Saker': proposals raised from cases wait here for the agenda setter.
import type { AgendaRepository, Stored } from '../../app/ports/index.js';
import type { AgendaItem, AgendaItemStatus } from '../../domain/index.js';
import { type GraphClient, where } from '../graph/index.js';
import { AGENDA_ITEM_COLUMNS, agendaItemFromFields, agendaItemToFields } from '../mapping/agenda-item.js';
import type { ListDirectory } from './list-directory.js';
import { RecordList, type RecordListOptions, keyedById } from './record-list.js';

export class SharePointAgendaRepository implements AgendaRepository {
  private readonly records: RecordList<AgendaItem>;

  constructor(client: GraphClient, directory: ListDirectory, options: RecordListOptions = {}) {
    this.records = new RecordList(client, directory, 'agendaItems', keyedById('AgendaItem', AGENDA_ITEM_COLUMNS, agendaItemToFields, agendaItemFromFields), options);
  }

  /** Idempotent on the item's id (the unique RecordId): a retry finds the item instead of writing it twice. */
  create(item: AgendaItem): Promise<Stored<AgendaItem>> {
    return this.records.create(item);
  }

  get(id: string): Promise<Stored<AgendaItem> | null> {
    return this.records.get(id);
  }

  /** CommitteeId and Status are indexed. */
  listForCommittee(committeeId: string, status?: AgendaItemStatus): Promise<AgendaItem[]> {
    const byCommittee = where.eq('CommitteeId', committeeId);
    return this.records.all(status === undefined ? byCommittee : where.and(byCommittee, where.eq('Status', status)));
  }
}

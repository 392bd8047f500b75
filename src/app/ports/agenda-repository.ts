// The store of committees' agenda items (saker), proposals waiting for the agenda setter included.
import type { AgendaItem, AgendaItemStatus } from '../../domain/index.js';
import type { Stored } from './stored.js';

export interface AgendaRepository {
  /** Stores a new item. Idempotent on `item.id`: a retried create returns the stored item. */
  create(item: AgendaItem): Promise<Stored<AgendaItem>>;
  get(id: string): Promise<Stored<AgendaItem> | null>;
  /** The committee's items, optionally of one status ('proposed': waiting for the agenda setter). */
  listForCommittee(committeeId: string, status?: AgendaItemStatus): Promise<AgendaItem[]>;
}

// One list item per key in a unique column, replaced whole on save: create, or find and patch; safe to repeat.
import { type GraphClient, GraphConflictError, GraphNotFoundError, GraphUnknownOutcome, where } from '../graph/index.js';
import type { Fields } from '../mapping/fields.js';
import type { ResolvedList } from './list-directory.js';
import { type RawItem, readPage } from './list-query.js';

/**
 * Saves `fields` as the item whose `keyColumn` is `key`. A known item is patched (one request); an
 * unknown one is created (one request). A create that meets the unique index (409: another instance,
 * or our own earlier write whose answer was lost) finds the item and patches it. Last writer wins:
 * these are replace-whole records written by the app only.
 */
export async function saveKeyedItem(client: GraphClient, list: ResolvedList, keyColumn: string, key: string, fields: Fields, itemIds: Map<string, string>): Promise<void> {
  const known = itemIds.get(key);
  if (known) {
    try {
      await client.patch(`${list.path}/items/${known}/fields`, fields);
      return;
    } catch (err) {
      // Deleted by hand since: forget it and create again below.
      if (!(err instanceof GraphNotFoundError)) throw err;
      itemIds.delete(key);
    }
  }
  try {
    const created = await client.post<RawItem>(`${list.path}/items`, { fields });
    if (typeof created?.id === 'string') itemIds.set(key, created.id);
    return;
  } catch (err) {
    if (!(err instanceof GraphConflictError) && !(err instanceof GraphUnknownOutcome)) throw err;
  }
  const itemId = await findItemId(client, list, keyColumn, key);
  if (itemId === null) {
    // The lost create did not land after all.
    const created = await client.post<RawItem>(`${list.path}/items`, { fields });
    if (typeof created?.id === 'string') itemIds.set(key, created.id);
    return;
  }
  itemIds.set(key, itemId);
  await client.patch(`${list.path}/items/${itemId}/fields`, fields);
}

async function findItemId(client: GraphClient, list: ResolvedList, keyColumn: string, key: string): Promise<string | null> {
  const page = await readPage(client, { list: list.path, columns: [keyColumn], filter: where.eq(keyColumn, key), top: 1 });
  const id = page.items[0]?.id;
  return typeof id === 'string' ? id : null;
}

/** The item whose key column holds `key`, or null; remembers its id for the next save. */
export async function readKeyedItem(client: GraphClient, list: ResolvedList, keyColumn: string, key: string, columns: readonly string[], itemIds: Map<string, string>): Promise<RawItem | null> {
  const page = await readPage(client, { list: list.path, columns, filter: where.eq(keyColumn, key), top: 1 });
  const raw = page.items[0] ?? null;
  if (raw && typeof raw.id === 'string') itemIds.set(key, raw.id);
  return raw;
}

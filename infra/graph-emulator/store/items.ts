// List items: create, read, update, delete, query, versions and the change log that delta reads. Every write is one transaction.
import { randomUUID } from 'node:crypto';
import { GraphError, itemNotFound, resourceModified } from '../errors.js';
import type { Caller } from '../request.js';
import { nowIso } from './clock.js';
import { type ColumnDefinition, storageKey } from './columns.js';
import type { Db } from './database.js';
import { type StoredFields, assertRequired, assertSerializable } from './field-values.js';
import { type ListRecord, fieldSql } from './lists.js';

export interface ItemRow {
  id: number;
  uid: string;
  version: number;
  created_by: string;
  modified_by: string;
  /** JSON of StoredFields, including Created, Modified, AuthorLookupId and EditorLookupId. */
  fields: string;
}

export interface Item {
  id: number;
  uid: string;
  version: number;
  createdBy: Caller;
  modifiedBy: Caller;
  fields: StoredFields;
}

export function toItem(row: ItemRow): Item {
  return {
    id: row.id,
    uid: row.uid,
    version: row.version,
    createdBy: JSON.parse(row.created_by) as Caller,
    modifiedBy: JSON.parse(row.modified_by) as Caller,
    fields: JSON.parse(row.fields) as StoredFields,
  };
}

/** SharePoint's eTag of an item: its unique id and its version counter. */
export const itemETag = (item: Pick<Item, 'uid' | 'version'>) => `"${item.uid},${item.version}"`;

/** `If-Match` passes when absent, `*`, or equal to the current eTag (quotes and braces ignored). */
export function checkIfMatch(item: Item, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const norm = (s: string) => s.replace(/^W\//, '').replace(/["{}\\]/g, '').trim().toLowerCase();
  if (norm(ifMatch) !== norm(itemETag(item))) throw resourceModified();
}

// The app account SharePoint records as author; Graph app-only writes show as "SharePoint App".
const APP_USER_ID = 1073741822;

export function getItem(db: Db, list: ListRecord, id: number): Item {
  const row = db.prepare(`SELECT * FROM "${list.itemTable}" WHERE id = ?`).get(id) as ItemRow | undefined;
  if (!row) throw itemNotFound('Item not found');
  return toItem(row);
}

export function parseItemId(raw: string): number {
  if (!/^\d{1,10}$/.test(raw)) throw itemNotFound('Item not found');
  return Number(raw);
}

export function createItem(db: Db, list: ListRecord, columns: ColumnDefinition[], values: StoredFields, caller: Caller): Item {
  return db.transaction(() => {
    const { next_item_id: id } = db.prepare('SELECT next_item_id FROM lists WHERE id = ?').get(list.id) as { next_item_id: number };
    const now = nowIso();
    const fields: StoredFields = { ...values, Created: now, Modified: now, AuthorLookupId: APP_USER_ID, EditorLookupId: APP_USER_ID };
    assertRequired(columns, fields);
    assertSerializable(fields);
    assertUnique(db, list, columns, fields, undefined);
    const item: Item = { id, uid: randomUUID(), version: 1, createdBy: caller, modifiedBy: caller, fields };
    db.prepare(`INSERT INTO "${list.itemTable}" (id, uid, version, created_by, modified_by, fields) VALUES (?, ?, ?, ?, ?, ?)`).run(
      id, item.uid, 1, JSON.stringify(caller), JSON.stringify(caller), JSON.stringify(fields),
    );
    db.prepare('UPDATE lists SET next_item_id = ?, item_count = item_count + 1 WHERE id = ?').run(id + 1, list.id);
    recordVersion(db, list, item);
    recordChange(db, list, id, false);
    return item;
  })();
}

export function updateItem(
  db: Db,
  list: ListRecord,
  columns: ColumnDefinition[],
  id: number,
  values: StoredFields,
  caller: Caller,
  ifMatch: string | undefined,
): Item {
  return db.transaction(() => {
    const current = getItem(db, list, id);
    checkIfMatch(current, ifMatch);
    const fields: StoredFields = { ...current.fields, ...values, Modified: nowIso(), EditorLookupId: APP_USER_ID };
    assertRequired(columns, fields);
    assertSerializable(fields);
    assertUnique(db, list, columns, values, id);
    const item: Item = { ...current, version: current.version + 1, modifiedBy: caller, fields };
    db.prepare(`UPDATE "${list.itemTable}" SET version = ?, modified_by = ?, fields = ? WHERE id = ?`).run(
      item.version, JSON.stringify(caller), JSON.stringify(fields), id,
    );
    recordVersion(db, list, item);
    recordChange(db, list, id, false);
    return item;
  })();
}

export function deleteItem(db: Db, list: ListRecord, id: number, ifMatch: string | undefined): void {
  db.transaction(() => {
    const current = getItem(db, list, id);
    checkIfMatch(current, ifMatch);
    db.prepare(`DELETE FROM "${list.itemTable}" WHERE id = ?`).run(id);
    db.prepare('UPDATE lists SET item_count = item_count - 1 WHERE id = ?').run(list.id);
    db.prepare('DELETE FROM item_versions WHERE list_id = ? AND item_id = ?').run(list.id, id);
    recordChange(db, list, id, true);
  })();
}

/** Columns that enforce unique values refuse a value another item already has (SharePoint checks on write). */
function assertUnique(db: Db, list: ListRecord, columns: ColumnDefinition[], values: StoredFields, selfId: number | undefined): void {
  for (const c of columns) {
    if (!c.enforceUniqueValues) continue;
    const key = storageKey(c);
    const value = values[key];
    if (value === undefined || value === null || Array.isArray(value)) continue;
    const clash = db
      .prepare(`SELECT id FROM "${list.itemTable}" WHERE ${fieldSql(key)} = ? AND id <> ? LIMIT 1`)
      .get(typeof value === 'boolean' ? Number(value) : value, selfId ?? -1);
    if (clash)
      throw new GraphError(
        409,
        'conflict',
        'The list item could not be added or updated because duplicate values were found in one or more fields in the list. Please remove the duplicate values and try again.',
      );
  }
}

// --- versions ---------------------------------------------------------------------------

function recordVersion(db: Db, list: ListRecord, item: Item): void {
  db.prepare('INSERT OR REPLACE INTO item_versions (list_id, item_id, version, modified, modified_by, fields) VALUES (?, ?, ?, ?, ?, ?)').run(
    list.id, item.id, item.version, String(item.fields.Modified), JSON.stringify(item.modifiedBy), JSON.stringify(item.fields),
  );
}

export interface ItemVersion {
  version: number;
  modified: string;
  modifiedBy: Caller;
  fields: StoredFields;
}

export function listVersions(db: Db, list: ListRecord, itemId: number): ItemVersion[] {
  getItem(db, list, itemId);
  const rows = db
    .prepare('SELECT version, modified, modified_by, fields FROM item_versions WHERE list_id = ? AND item_id = ? ORDER BY version DESC')
    .all(list.id, itemId) as { version: number; modified: string; modified_by: string; fields: string }[];
  return rows.map((r) => ({ version: r.version, modified: r.modified, modifiedBy: JSON.parse(r.modified_by) as Caller, fields: JSON.parse(r.fields) as StoredFields }));
}

/** Version ids look like "3.0" (major versions only: lists publish every save). */
export function parseVersionId(raw: string): number {
  const m = /^(\d{1,6})\.0$/.exec(raw);
  if (!m) throw itemNotFound('Version not found');
  return Number(m[1]);
}

export function getVersion(db: Db, list: ListRecord, itemId: number, version: number): ItemVersion {
  const v = listVersions(db, list, itemId).find((x) => x.version === version);
  if (!v) throw itemNotFound('Version not found');
  return v;
}

/** Restoring writes the old values as a new version; history is kept. */
export function restoreVersion(db: Db, list: ListRecord, columns: ColumnDefinition[], itemId: number, version: number, caller: Caller): Item {
  return db.transaction(() => {
    const old = getVersion(db, list, itemId, version);
    const writable = new Set(columns.filter((c) => !c.readOnly).map(storageKey));
    const current = getItem(db, list, itemId);
    const values: StoredFields = {};
    for (const key of writable) values[key] = old.fields[key] ?? null;
    for (const key of Object.keys(current.fields)) if (writable.has(key) && !(key in values)) values[key] = null;
    return updateItem(db, list, columns, itemId, values, caller, undefined);
  })();
}

// --- change log for delta -------------------------------------------------------------------

function recordChange(db: Db, list: ListRecord, itemId: number, deleted: boolean): void {
  db.prepare('INSERT INTO changes (list_id, item_id, deleted) VALUES (?, ?, ?)').run(list.id, itemId, deleted ? 1 : 0);
}

export function latestChange(db: Db): number {
  const row = db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').get('changes') as { seq: number } | undefined;
  return row?.seq ?? 0;
}

/**
 * Items whose latest change lies in (since, upTo] and after `afterSeq`, each once, in change order.
 * An item that no longer exists was deleted (ids are never reused).
 */
export function changesSince(db: Db, list: ListRecord, since: number, upTo: number, afterSeq: number, limit: number) {
  return db
    .prepare(
      `SELECT item_id, MAX(seq) AS seq FROM changes WHERE list_id = ? AND seq > ? AND seq <= ?
       GROUP BY item_id HAVING MAX(seq) > ? ORDER BY MAX(seq) LIMIT ?`,
    )
    .all(list.id, since, upTo, afterSeq, limit) as { item_id: number; seq: number }[];
}

// --- queries ----------------------------------------------------------------------------------

export interface ItemQuery {
  where?: { sql: string; params: unknown[] };
  /** ORDER BY terms, ending with `id`. */
  order: { sql: string; desc: boolean }[];
  orderSql: string;
  after?: { sql: string; params: unknown[] };
  limit: number;
  /** Reads through this index (SharePoint's seek by the leading condition), not the one SQLite would pick. */
  indexedBy?: string;
}

export function queryItems(db: Db, list: ListRecord, q: ItemQuery): ItemRow[] {
  const conditions = [q.where, q.after].filter((c): c is { sql: string; params: unknown[] } => c !== undefined);
  const where = conditions.length ? `WHERE ${conditions.map((c) => `(${c.sql})`).join(' AND ')}` : '';
  const params = conditions.flatMap((c) => c.params);
  const from = q.indexedBy ? `"${list.itemTable}" INDEXED BY "${q.indexedBy}"` : `"${list.itemTable}"`;
  return db.prepare(`SELECT * FROM ${from} ${where} ${q.orderSql} LIMIT ?`).all(...params, q.limit) as ItemRow[];
}

export function getItemsByIds(db: Db, list: ListRecord, ids: number[]): Map<number, Item> {
  const out = new Map<number, Item>();
  if (ids.length === 0) return out;
  const rows = db.prepare(`SELECT * FROM "${list.itemTable}" WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as ItemRow[];
  for (const r of rows) out.set(r.id, toItem(r));
  return out;
}

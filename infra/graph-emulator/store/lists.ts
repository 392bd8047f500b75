// Lists and document libraries: one SQLite table of items per list, with an expression index per indexed column.
import { randomUUID } from 'node:crypto';
import { invalidRequest, itemNotFound, nameAlreadyExists } from '../errors.js';
import { nowIso } from './clock.js';
import {
  type ColumnDefinition,
  builtInLibraryColumns,
  builtInListColumns,
  columnKind,
  insertColumn,
  listColumns,
  parseNewColumn,
  storageKey,
} from './columns.js';
import type { Db } from './database.js';
import type { Site } from './sites.js';

export type ListTemplate = 'genericList' | 'documentLibrary';

export interface ListRecord {
  id: string;
  siteId: string;
  name: string;
  displayName: string;
  description: string;
  template: ListTemplate;
  hidden: boolean;
  createdDateTime: string;
  lastModifiedDateTime: string;
  webUrl: string;
  /** Name of the SQLite table holding this list's items. */
  itemTable: string;
}

interface ListRow {
  data: string;
  item_count: number;
}

const TEMPLATES: readonly string[] = ['genericList', 'documentLibrary'];

/** Graph creates a list from `displayName`; the URL name is derived by the server. */
export function createList(db: Db, site: Site, body: Record<string, unknown>): ListRecord {
  if (body.name !== undefined)
    throw invalidRequest("Cannot define a 'name' for a list as it is assigned by the server. Instead, provide 'displayName'");
  const displayName = body.displayName;
  if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > 255)
    throw invalidRequest("A list needs a 'displayName' of 1 to 255 characters.");
  const listFacet = (body.list ?? {}) as Record<string, unknown>;
  const template = listFacet.template ?? 'genericList';
  if (typeof template !== 'string' || !TEMPLATES.includes(template))
    throw invalidRequest(`List template '${String(template)}' is not supported by the emulator (supported: ${TEMPLATES.join(', ')}).`);
  const columnsInput = body.columns ?? [];
  if (!Array.isArray(columnsInput)) throw invalidRequest("'columns' must be an array of columnDefinition.");
  const userColumns = columnsInput.map((c) => {
    if (c === null || typeof c !== 'object') throw invalidRequest("Each of 'columns' must be a columnDefinition object.");
    return parseNewColumn(c as Record<string, unknown>);
  });

  const exists = db.prepare('SELECT 1 FROM lists WHERE site_id = ? AND display_name = ?').get(site.id, displayName.trim());
  if (exists)
    throw nameAlreadyExists('A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.');

  const id = randomUUID();
  const now = nowIso();
  const name = uniqueUrlName(db, site.id, displayName);
  const list: ListRecord = {
    id,
    siteId: site.id,
    name,
    displayName: displayName.trim(),
    description: typeof body.description === 'string' ? body.description : '',
    template: template as ListTemplate,
    hidden: listFacet.hidden === true,
    createdDateTime: now,
    lastModifiedDateTime: now,
    webUrl: template === 'documentLibrary' ? `${site.webUrl}/${name}` : `${site.webUrl}/Lists/${name}`,
    itemTable: `items_${id.replaceAll('-', '')}`,
  };
  db.transaction(() => {
    db.prepare('INSERT INTO lists (id, site_id, name, display_name, item_table, data) VALUES (?, ?, ?, ?, ?, ?)').run(
      id, site.id, name, list.displayName, list.itemTable, JSON.stringify(list),
    );
    db.exec(`CREATE TABLE "${list.itemTable}" (
      id INTEGER PRIMARY KEY,
      uid TEXT NOT NULL,
      version INTEGER NOT NULL,
      created_by TEXT NOT NULL,
      modified_by TEXT NOT NULL,
      fields TEXT NOT NULL
    )`);
    const builtIns = template === 'documentLibrary' ? [...builtInListColumns(), ...builtInLibraryColumns()] : builtInListColumns();
    for (const c of [...builtIns, ...userColumns]) {
      insertColumn(db, site.id, id, c);
      if (c.indexed) createIndex(db, list, c);
    }
  })();
  return list;
}

function uniqueUrlName(db: Db, siteId: string, displayName: string): string {
  const base = displayName.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '') || 'List';
  let name = base;
  for (let n = 1; db.prepare('SELECT 1 FROM lists WHERE site_id = ? AND name = ?').get(siteId, name); n++) name = `${base}${n}`;
  return name;
}

/** Graph addresses a list by id or by its title. */
export function resolveList(db: Db, site: Site, idOrTitle: string): ListRecord {
  const row = db
    .prepare('SELECT data, item_count FROM lists WHERE site_id = ? AND (id = ? COLLATE NOCASE OR display_name = ? OR name = ?) LIMIT 1')
    .get(site.id, idOrTitle, idOrTitle, idOrTitle) as ListRow | undefined;
  if (!row) throw itemNotFound('The specified list was not found');
  return JSON.parse(row.data) as ListRecord;
}

export function getListById(db: Db, listId: string): ListRecord | undefined {
  const row = db.prepare('SELECT data FROM lists WHERE id = ?').get(listId) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as ListRecord) : undefined;
}

export function listLists(db: Db, siteId: string): ListRecord[] {
  return (db.prepare('SELECT data FROM lists WHERE site_id = ? ORDER BY rowid').all(siteId) as { data: string }[]).map(
    (r) => JSON.parse(r.data) as ListRecord,
  );
}

export function itemCount(db: Db, list: ListRecord): number {
  return (db.prepare('SELECT item_count AS n FROM lists WHERE id = ?').get(list.id) as { n: number }).n;
}

export function saveList(db: Db, list: ListRecord): void {
  db.prepare('UPDATE lists SET data = ?, display_name = ? WHERE id = ?').run(JSON.stringify(list), list.displayName, list.id);
}

export function deleteList(db: Db, list: ListRecord): void {
  db.transaction(() => {
    db.exec(`DROP TABLE IF EXISTS "${list.itemTable}"`);
    for (const sql of [
      'DELETE FROM columns WHERE list_id = ?',
      'DELETE FROM content_types WHERE list_id = ?',
      'DELETE FROM item_versions WHERE list_id = ?',
      'DELETE FROM changes WHERE list_id = ?',
      'DELETE FROM lists WHERE id = ?',
    ])
      db.prepare(sql).run(list.id);
  })();
}

export function columnsOf(db: Db, list: ListRecord): ColumnDefinition[] {
  return listColumns(db, list.siteId, list.id);
}

/** The SQL expression for a stored field; indexes and queries must use exactly this text to meet. */
export function fieldSql(key: string): string {
  return `json_extract(fields, '$."${key}"')`;
}

export function indexName(list: ListRecord, column: ColumnDefinition): string {
  return `ix_${list.itemTable}_${column.id.replaceAll('-', '')}`;
}

export function createIndex(db: Db, list: ListRecord, column: ColumnDefinition): void {
  if (columnKind(column) === 'text' && column.text?.allowMultipleLines) throw invalidRequest('A column with multiple lines of text cannot be indexed.');
  db.exec(`CREATE INDEX IF NOT EXISTS "${indexName(list, column)}" ON "${list.itemTable}" (${fieldSql(storageKey(column))}, id)`);
}

export function dropIndex(db: Db, list: ListRecord, column: ColumnDefinition): void {
  db.exec(`DROP INDEX IF EXISTS "${indexName(list, column)}"`);
}

// Content types, as far as lists need them: the built-in Item, Document and Folder, and site content types that link site columns.
import { randomUUID } from 'node:crypto';
import { invalidRequest, itemNotFound, nameAlreadyExists } from '../errors.js';
import { type ColumnDefinition, getColumn } from './columns.js';
import type { Db } from './database.js';

export interface ContentTypeResource {
  id: string;
  name: string;
  description: string;
  group: string;
  hidden: boolean;
  readOnly: boolean;
  sealed: boolean;
  base?: { id: string; name: string };
}

interface StoredContentType {
  resource: ContentTypeResource;
  /** Ids of the site columns the content type links. */
  columns: string[];
}

const BUILT_IN: ContentTypeResource[] = [
  { id: '0x01', name: 'Item', description: 'Create a new list item.', group: 'List Content Types', hidden: false, readOnly: false, sealed: false },
  { id: '0x0101', name: 'Document', description: 'Create a new document.', group: 'Document Content Types', hidden: false, readOnly: false, sealed: false },
  { id: '0x0120', name: 'Folder', description: 'Create a new folder.', group: 'Folder Content Types', hidden: false, readOnly: false, sealed: true },
];

function ensureBuiltIns(db: Db, siteId: string): void {
  const insert = db.prepare("INSERT OR IGNORE INTO content_types (id, site_id, list_id, data) VALUES (?, ?, '', ?)");
  for (const ct of BUILT_IN) insert.run(ct.id, siteId, JSON.stringify({ resource: ct, columns: [] } satisfies StoredContentType));
}

export function listContentTypes(db: Db, siteId: string, listId: string): ContentTypeResource[] {
  ensureBuiltIns(db, siteId);
  const rows = db.prepare('SELECT data FROM content_types WHERE site_id = ? AND list_id = ? ORDER BY rowid').all(siteId, listId) as { data: string }[];
  return rows.map((r) => (JSON.parse(r.data) as StoredContentType).resource);
}

export function getContentType(db: Db, siteId: string, listId: string, idOrName: string): StoredContentType {
  ensureBuiltIns(db, siteId);
  const rows = db.prepare('SELECT data FROM content_types WHERE site_id = ? AND list_id = ?').all(siteId, listId) as { data: string }[];
  const found = rows.map((r) => JSON.parse(r.data) as StoredContentType).find(
    (c) => c.resource.id.toLowerCase() === idOrName.toLowerCase() || c.resource.name.toLowerCase() === idOrName.toLowerCase(),
  );
  if (!found) throw itemNotFound(`Content type '${idOrName}' does not exist.`);
  return found;
}

function save(db: Db, siteId: string, ct: StoredContentType): void {
  db.prepare("INSERT OR REPLACE INTO content_types (id, site_id, list_id, data) VALUES (?, ?, '', ?)").run(ct.resource.id, siteId, JSON.stringify(ct));
}

/** POST /sites/{id}/contentTypes: `{ name, base: { id }, group?, description? }`. The id is the parent's plus 00 and a GUID. */
export function createContentType(db: Db, siteId: string, body: Record<string, unknown>): StoredContentType {
  const name = body.name;
  if (typeof name !== 'string' || name.trim() === '') throw invalidRequest("A content type needs a 'name'.");
  if (listContentTypes(db, siteId, '').some((c) => c.name.toLowerCase() === name.toLowerCase()))
    throw nameAlreadyExists(`A content type with the name "${name}" already exists.`);
  const baseId = typeof (body.base as { id?: unknown } | undefined)?.id === 'string' ? (body.base as { id: string }).id : '0x01';
  const parent = getContentType(db, siteId, '', baseId);
  const ct: StoredContentType = {
    resource: {
      id: `${parent.resource.id}00${randomUUID().replaceAll('-', '').toUpperCase()}`,
      name,
      description: typeof body.description === 'string' ? body.description : '',
      group: typeof body.group === 'string' ? body.group : 'Custom Content Types',
      hidden: false,
      readOnly: false,
      sealed: false,
      base: { id: parent.resource.id, name: parent.resource.name },
    },
    columns: [...parent.columns],
  };
  save(db, siteId, ct);
  return ct;
}

/** POST …/contentTypes/{id}/columns with `sourceColumn@odata.bind` pointing at a site column. */
export function addContentTypeColumn(db: Db, siteId: string, ctId: string, body: Record<string, unknown>): ColumnDefinition {
  const ct = getContentType(db, siteId, '', ctId);
  const bind = body['sourceColumn@odata.bind'];
  if (typeof bind !== 'string') throw invalidRequest("Add a site column with 'sourceColumn@odata.bind': the column's URL.");
  const columnId = bind.split('/').at(-1) ?? '';
  const column = getColumn(db, siteId, '', columnId);
  if (!ct.columns.includes(column.id)) ct.columns.push(column.id);
  save(db, siteId, ct);
  return column;
}

export function removeContentTypeColumn(db: Db, siteId: string, ctId: string, columnId: string): void {
  const ct = getContentType(db, siteId, '', ctId);
  ct.columns = ct.columns.filter((c) => c !== columnId);
  save(db, siteId, ct);
}

// Drives of document libraries, their files, folders, versions and upload sessions: the SQL behind /drives, free of HTTP.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { itemNotFound } from '../errors.js';
import type { Caller } from '../request.js';
import type { EmulatorContext } from '../server.js';
import { blobKeys, clearTemp, dropBlobIfUnused, dropPart, partIds } from './blobs.js';
import { nowIso } from './clock.js';
import type { Db } from './database.js';
import type { ListRecord } from './lists.js';
import type { Site } from './sites.js';

export interface DriveRecord {
  id: string;
  siteId: string;
  listId: string;
  rootId: string;
  created: string;
}

export interface DriveItem {
  id: string;
  /** The GUID inside eTag and cTag. */
  uid: string;
  driveId: string;
  /** null for the drive's root. */
  parentId: string | null;
  name: string;
  isFolder: boolean;
  /** The library's list item for this file or folder. */
  listItemId: number | null;
  /** Content version of a file (1, 2, …), the cTag counter; 0 for folders. */
  version: number;
  /** Bumped by every write: the eTag counter. */
  change: number;
  size: number;
  blob: string | null;
  quickXorHash: string | null;
  created: string;
  modified: string;
  createdBy: Caller;
  modifiedBy: Caller;
}

/** A row as selected with ITEM_COLUMNS: booleans as 0/1, callers as JSON. */
type ItemRow = Omit<DriveItem, 'isFolder' | 'createdBy' | 'modifiedBy'> & { isFolder: number; createdBy: string; modifiedBy: string };

const ITEM_COLUMNS = `id, uid, drive_id AS driveId, parent_id AS parentId, name, is_folder AS isFolder, list_item_id AS listItemId, version, change,
  size, blob, quick_xor AS quickXorHash, created, modified, created_by AS createdBy, modified_by AS modifiedBy`;

const toItem = (r: ItemRow): DriveItem => ({
  ...r,
  isFolder: r.isFolder === 1,
  createdBy: JSON.parse(r.createdBy) as Caller,
  modifiedBy: JSON.parse(r.modifiedBy) as Caller,
});

/** SharePoint compares names without regard to case, æøå included. */
export const nameKey = (name: string) => name.normalize('NFC').toLowerCase();

const SYSTEM: Caller = { appId: '00000003-0000-0ff1-ce00-000000000000', displayName: 'System Account' };

// --- drives ----------------------------------------------------------------------------------

/** Graph's id of a library's drive: "b!" and base64url of the site collection, web and list GUIDs in .NET byte order. */
export function driveIdFor(site: Site, list: ListRecord): string {
  const [, siteGuid = '', webGuid = ''] = site.id.split(',');
  return 'b!' + Buffer.concat([guidBytes(siteGuid), guidBytes(webGuid), guidBytes(list.id)]).toString('base64url');
}

function guidBytes(guid: string): Buffer {
  const hex = guid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) return createHash('md5').update(guid).digest();
  const b = Buffer.from(hex, 'hex');
  // Guid.ToByteArray writes the first three groups little-endian.
  return Buffer.concat([b.subarray(0, 4).reverse(), b.subarray(4, 6).reverse(), b.subarray(6, 8).reverse(), b.subarray(8)]);
}

/** The list GUID inside a drive id (its last 16 bytes), so a library made before its drive row still resolves. */
export function listIdOfDriveId(driveId: string): string | undefined {
  const bytes = Buffer.from(driveId.slice(2), 'base64url');
  if (!driveId.startsWith('b!') || bytes.length !== 48) return undefined;
  const g = bytes.subarray(32);
  const hex = Buffer.concat([Buffer.from(g.subarray(0, 4)).reverse(), Buffer.from(g.subarray(4, 6)).reverse(), Buffer.from(g.subarray(6, 8)).reverse(), g.subarray(8)]).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Item ids in SharePoint's form: "01" and 32 base32 characters. */
export function newItemId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '01';
  let value = 0;
  let bits = 0;
  for (const byte of randomBytes(20)) {
    value = ((value << 8) | byte) & 0x1fff;
    bits += 8;
    for (; bits >= 5; bits -= 5) out += alphabet[(value >>> (bits - 5)) & 31];
  }
  return out;
}

const DRIVE_COLUMNS = 'id, site_id AS siteId, list_id AS listId, root_id AS rootId, created';

/** Every document library has a drive with a root folder; made when the library is made, or on first use. */
export function ensureListDrive(ctx: Pick<EmulatorContext, 'db'>, site: Site, list: ListRecord): DriveRecord {
  const { db } = ctx;
  return db.transaction(() => {
    const existing = driveOfList(db, list.id);
    if (existing) return existing;
    const drive: DriveRecord = { id: driveIdFor(site, list), siteId: site.id, listId: list.id, rootId: newItemId(), created: list.createdDateTime };
    db.prepare('INSERT INTO drives (id, site_id, list_id, root_id, created) VALUES (?, ?, ?, ?, ?)').run(drive.id, drive.siteId, drive.listId, drive.rootId, drive.created);
    insertItem(db, {
      id: drive.rootId, uid: randomUUID(), driveId: drive.id, parentId: null, name: 'root', isFolder: true, listItemId: null,
      version: 0, change: 1, size: 0, blob: null, quickXorHash: null, created: drive.created, modified: drive.created, createdBy: SYSTEM, modifiedBy: SYSTEM,
    });
    return drive;
  })();
}

/** Removes a library's drive before the library itself goes: rows, unfinished uploads and contents no one else shares. */
export function deleteListDrive(ctx: Pick<EmulatorContext, 'db' | 'blobDir'>, list: ListRecord): void {
  const { db } = ctx;
  const drive = driveOfList(db, list.id);
  if (!drive) return;
  const blobs = db
    .prepare('SELECT DISTINCT v.blob FROM drive_item_versions v JOIN drive_items i ON i.id = v.item_id WHERE i.drive_id = ?')
    .pluck()
    .all(drive.id) as string[];
  const sessions = db.prepare('SELECT id FROM upload_sessions WHERE drive_id = ?').pluck().all(drive.id) as string[];
  db.transaction(() => {
    db.prepare('DELETE FROM drive_item_versions WHERE item_id IN (SELECT id FROM drive_items WHERE drive_id = ?)').run(drive.id);
    db.prepare('DELETE FROM drive_item_version_labels WHERE item_id IN (SELECT id FROM drive_items WHERE drive_id = ?)').run(drive.id);
    db.prepare('DELETE FROM drive_item_checkouts WHERE item_id IN (SELECT id FROM drive_items WHERE drive_id = ?)').run(drive.id);
    db.prepare('DELETE FROM library_versioning WHERE list_id = ?').run(list.id);
    db.prepare('DELETE FROM drive_items WHERE drive_id = ?').run(drive.id);
    db.prepare('DELETE FROM upload_sessions WHERE drive_id = ?').run(drive.id);
    db.prepare('DELETE FROM drives WHERE id = ?').run(drive.id);
  })();
  for (const s of sessions) dropPart(ctx.blobDir, s);
  for (const b of blobs) dropBlobIfUnused(ctx.blobDir, b, (sha) => blobReferenced(db, sha));
}

export function getDrive(db: Db, id: string): DriveRecord | undefined {
  return db.prepare(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE id = ?`).get(id) as DriveRecord | undefined;
}

export function driveOfList(db: Db, listId: string): DriveRecord | undefined {
  return db.prepare(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE list_id = ?`).get(listId) as DriveRecord | undefined;
}

/** Bytes the drive holds, every version counted, as SharePoint counts storage. */
export function quotaUsed(db: Db, driveId: string): number {
  return db
    .prepare('SELECT COALESCE(SUM(v.size), 0) FROM drive_item_versions v JOIN drive_items i ON i.id = v.item_id WHERE i.drive_id = ?')
    .pluck()
    .get(driveId) as number;
}

export function lastModified(db: Db, driveId: string): string | undefined {
  return (db.prepare('SELECT MAX(modified) FROM drive_items WHERE drive_id = ?').pluck().get(driveId) as string | null) ?? undefined;
}

// --- items -----------------------------------------------------------------------------------

export function findItem(db: Db, driveId: string, id: string): DriveItem | undefined {
  const row = db.prepare(`SELECT ${ITEM_COLUMNS} FROM drive_items WHERE id = ? AND drive_id = ?`).get(id, driveId) as ItemRow | undefined;
  return row ? toItem(row) : undefined;
}

export function getItem(db: Db, driveId: string, id: string): DriveItem {
  const item = findItem(db, driveId, id);
  if (!item) throw itemNotFound('The resource could not be found.');
  return item;
}

export function itemByListItem(db: Db, driveId: string, listItemId: number): DriveItem | undefined {
  const row = db.prepare(`SELECT ${ITEM_COLUMNS} FROM drive_items WHERE drive_id = ? AND list_item_id = ?`).get(driveId, listItemId) as ItemRow | undefined;
  return row ? toItem(row) : undefined;
}

export function childByName(db: Db, parentId: string, name: string): DriveItem | undefined {
  const row = db.prepare(`SELECT ${ITEM_COLUMNS} FROM drive_items WHERE parent_id = ? AND name_key = ?`).get(parentId, nameKey(name)) as ItemRow | undefined;
  return row ? toItem(row) : undefined;
}

/** One page of a folder's children in name order; `after` is the last (name key, id) of the previous page. */
export function listChildren(db: Db, parentId: string, after: { key: string; id: string } | undefined, limit: number): DriveItem[] {
  const rows = after
    ? db
        .prepare(`SELECT ${ITEM_COLUMNS} FROM drive_items WHERE parent_id = ? AND (name_key > ? OR (name_key = ? AND id > ?)) ORDER BY name_key, id LIMIT ?`)
        .all(parentId, after.key, after.key, after.id, limit)
    : db.prepare(`SELECT ${ITEM_COLUMNS} FROM drive_items WHERE parent_id = ? ORDER BY name_key, id LIMIT ?`).all(parentId, limit);
  return (rows as ItemRow[]).map(toItem);
}

export function childCount(db: Db, id: string): number {
  return db.prepare('SELECT COUNT(*) FROM drive_items WHERE parent_id = ?').pluck().get(id) as number;
}

const SUBTREE = 'WITH RECURSIVE tree(id) AS (SELECT ? UNION ALL SELECT d.id FROM drive_items d JOIN tree t ON d.parent_id = t.id)';

/** A folder's size is the size of the files below it, as Graph reports it. */
export function treeSize(db: Db, id: string): number {
  return db.prepare(`${SUBTREE} SELECT COALESCE(SUM(size), 0) FROM drive_items WHERE is_folder = 0 AND id IN (SELECT id FROM tree)`).pluck().get(id) as number;
}

/** The item and everything below it. */
export function subtree(db: Db, id: string): DriveItem[] {
  return (db.prepare(`${SUBTREE} SELECT ${ITEM_COLUMNS} FROM drive_items WHERE id IN (SELECT id FROM tree)`).all(id) as ItemRow[]).map(toItem);
}

/** The folders from the root down to the item's parent. */
export function ancestors(db: Db, item: DriveItem): DriveItem[] {
  const out: DriveItem[] = [];
  for (let id = item.parentId; id; ) {
    const parent = getItem(db, item.driveId, id);
    out.unshift(parent);
    id = parent.parentId;
  }
  return out;
}

export function insertItem(db: Db, i: DriveItem): void {
  db.prepare(
    `INSERT INTO drive_items (id, uid, drive_id, parent_id, name, name_key, is_folder, list_item_id, version, change, size, blob, quick_xor, created, modified, created_by, modified_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    i.id, i.uid, i.driveId, i.parentId, i.name, nameKey(i.name), i.isFolder ? 1 : 0, i.listItemId, i.version, i.change, i.size,
    i.blob, i.quickXorHash, i.created, i.modified, JSON.stringify(i.createdBy), JSON.stringify(i.modifiedBy),
  );
}

/** Writes an item's mutable state back. */
export function saveItem(db: Db, i: DriveItem): void {
  db.prepare(
    `UPDATE drive_items SET parent_id = ?, name = ?, name_key = ?, list_item_id = ?, version = ?, change = ?, size = ?, blob = ?, quick_xor = ?,
     modified = ?, modified_by = ? WHERE id = ?`,
  ).run(i.parentId, i.name, nameKey(i.name), i.listItemId, i.version, i.change, i.size, i.blob, i.quickXorHash, i.modified, JSON.stringify(i.modifiedBy), i.id);
}

/** Deletes the rows of items and their versions; returns the contents they referred to, for collection. */
export function deleteItemRows(db: Db, ids: string[]): string[] {
  const json = JSON.stringify(ids);
  const blobs = db.prepare('SELECT DISTINCT blob FROM drive_item_versions WHERE item_id IN (SELECT value FROM json_each(?))').pluck().all(json) as string[];
  db.prepare('DELETE FROM drive_item_versions WHERE item_id IN (SELECT value FROM json_each(?))').run(json);
  db.prepare('DELETE FROM drive_item_version_labels WHERE item_id IN (SELECT value FROM json_each(?))').run(json);
  db.prepare('DELETE FROM drive_item_checkouts WHERE item_id IN (SELECT value FROM json_each(?))').run(json);
  db.prepare('DELETE FROM drive_items WHERE id IN (SELECT value FROM json_each(?))').run(json);
  return blobs;
}

export function blobReferenced(db: Db, sha256: string): boolean {
  return db.prepare('SELECT 1 FROM drive_item_versions WHERE blob = ? LIMIT 1').get(sha256) !== undefined;
}

export function newFolder(driveId: string, parentId: string, name: string, caller: Caller): DriveItem {
  const now = nowIso();
  return {
    id: newItemId(), uid: randomUUID(), driveId, parentId, name, isFolder: true, listItemId: null, version: 0, change: 1, size: 0,
    blob: null, quickXorHash: null, created: now, modified: now, createdBy: caller, modifiedBy: caller,
  };
}

// --- versions ----------------------------------------------------------------------------------

export interface FileVersion {
  version: number;
  /** SharePoint's version label: '1.0', '2.0' …; in a library with minor versions also '0.1', '1.1' … */
  label: string;
  size: number;
  blob: string;
  quickXorHash: string;
  modified: string;
  modifiedBy: Caller;
}

/**
 * Stores a new version of a file and returns its label. In a library with minor versions a new version is a draft,
 * the next minor of the last one ('0.1' for a new file, '1.0' → '1.1'), as SharePoint numbers saves; publishing
 * (check-in as published) makes it the next major. Elsewhere every version is a major: '<n>.0'.
 */
export function insertVersion(db: Db, itemId: string, v: Omit<FileVersion, 'label'>): string {
  db.prepare('INSERT INTO drive_item_versions (item_id, version, size, blob, quick_xor, modified, modified_by) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    itemId, v.version, v.size, v.blob, v.quickXorHash, v.modified, JSON.stringify(v.modifiedBy),
  );
  if (!keepsMinorVersions(db, itemId)) return `${v.version}.0`;
  const last = db.prepare('SELECT label FROM drive_item_version_labels WHERE item_id = ? ORDER BY version DESC LIMIT 1').pluck().get(itemId) as string | undefined;
  const { major, minor } = parseLabel(last ?? '0.0');
  const label = `${major}.${minor + 1}`;
  db.prepare('INSERT OR REPLACE INTO drive_item_version_labels (item_id, version, label) VALUES (?, ?, ?)').run(itemId, v.version, label);
  return label;
}

function parseLabel(label: string): { major: number; minor: number } {
  const [major, minor] = label.split('.').map(Number);
  return { major: major ?? 0, minor: minor ?? 0 };
}

/** Whether the file's library keeps minor versions. */
export function keepsMinorVersions(db: Db, itemId: string): boolean {
  const row = db
    .prepare('SELECT v.minor FROM drive_items i JOIN drives d ON d.id = i.drive_id JOIN library_versioning v ON v.list_id = d.list_id WHERE i.id = ?')
    .pluck()
    .get(itemId) as number | undefined;
  return row === 1;
}

/** Sets a library's versioning: major versions only, or major and minor (draft) versions. */
export function setLibraryVersioning(db: Db, listId: string, minor: boolean): void {
  db.prepare('INSERT OR REPLACE INTO library_versioning (list_id, minor) VALUES (?, ?)').run(listId, minor ? 1 : 0);
}

export function libraryKeepsMinorVersions(db: Db, listId: string): boolean {
  return (db.prepare('SELECT minor FROM library_versioning WHERE list_id = ?').pluck().get(listId) as number | undefined) === 1;
}

/**
 * Publishes the current version: a draft '1.2' becomes '2.0' (its history keeps 1.0 and 1.1, as SharePoint's does);
 * a major version stays as it is. Returns the current label.
 */
export function publishCurrentVersion(db: Db, itemId: string): string {
  const current = listVersions(db, itemId)[0];
  if (!current) return '0.0';
  if (!keepsMinorVersions(db, itemId)) return current.label;
  const { major, minor } = parseLabel(current.label);
  if (minor === 0) return current.label;
  const label = `${major + 1}.0`;
  db.prepare('INSERT OR REPLACE INTO drive_item_version_labels (item_id, version, label) VALUES (?, ?, ?)').run(itemId, current.version, label);
  return label;
}

/** Newest first, the current version included, as Graph lists them. */
export function listVersions(db: Db, itemId: string): FileVersion[] {
  const rows = db
    .prepare(
      `SELECT v.version, v.size, v.blob, v.quick_xor, v.modified, v.modified_by, l.label FROM drive_item_versions v
       LEFT JOIN drive_item_version_labels l ON l.item_id = v.item_id AND l.version = v.version WHERE v.item_id = ? ORDER BY v.version DESC`,
    )
    .all(itemId) as { version: number; size: number; blob: string; quick_xor: string; modified: string; modified_by: string; label: string | null }[];
  return rows.map((r) => ({
    version: r.version,
    label: r.label ?? `${r.version}.0`,
    size: r.size,
    blob: r.blob,
    quickXorHash: r.quick_xor,
    modified: r.modified,
    modifiedBy: JSON.parse(r.modified_by) as Caller,
  }));
}

// --- check-out ---------------------------------------------------------------------------------

export function checkedOutBy(db: Db, itemId: string): Caller | undefined {
  const row = db.prepare('SELECT by_caller FROM drive_item_checkouts WHERE item_id = ?').pluck().get(itemId) as string | undefined;
  return row === undefined ? undefined : (JSON.parse(row) as Caller);
}

export function checkOut(db: Db, itemId: string, caller: Caller): void {
  db.prepare('INSERT OR REPLACE INTO drive_item_checkouts (item_id, by_caller, at) VALUES (?, ?, ?)').run(itemId, JSON.stringify(caller), nowIso());
}

export function checkIn(db: Db, itemId: string): void {
  db.prepare('DELETE FROM drive_item_checkouts WHERE item_id = ?').run(itemId);
}

// --- upload sessions -----------------------------------------------------------------------------

export interface UploadSessionState {
  id: string;
  driveId: string;
  /** An existing file to update, or a path below a folder for a new (or replaced) file. */
  target: { itemId: string } | { baseId: string; segments: string[] };
  conflict: 'fail' | 'replace' | 'rename';
  deferCommit: boolean;
  /** The file's size, fixed by the first fragment's Content-Range. */
  total: number | null;
  /** Bytes 0…received-1 are in the part file: fragments arrive in order. */
  received: number;
  /** ISO time with milliseconds, as Graph writes it. */
  expires: string;
  created: string;
  createdBy: Caller;
}

export function saveSession(db: Db, s: UploadSessionState): void {
  db.prepare('INSERT INTO upload_sessions (id, drive_id, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data').run(s.id, s.driveId, JSON.stringify(s));
}

export function getSession(db: Db, id: string): UploadSessionState | undefined {
  const data = db.prepare('SELECT data FROM upload_sessions WHERE id = ?').pluck().get(id) as string | undefined;
  return data ? (JSON.parse(data) as UploadSessionState) : undefined;
}

export function deleteSession(ctx: Pick<EmulatorContext, 'db' | 'blobDir'>, id: string): void {
  ctx.db.prepare('DELETE FROM upload_sessions WHERE id = ?').run(id);
  dropPart(ctx.blobDir, id);
}

/**
 * At startup: what a crash can leave behind goes — temp files, blobs no version refers to (stored, but the row
 * never committed), part files without a session — and sessions that expired while the emulator was down.
 */
export function recoverDriveStorage(ctx: Pick<EmulatorContext, 'db' | 'blobDir'>): void {
  clearTemp(ctx.blobDir);
  for (const sha of blobKeys(ctx.blobDir)) dropBlobIfUnused(ctx.blobDir, sha, (b) => blobReferenced(ctx.db, b));
  for (const id of partIds(ctx.blobDir)) if (!getSession(ctx.db, id)) dropPart(ctx.blobDir, id);
  sweepSessions(ctx);
}

/** Expired sessions are cleaned up as Graph does "after the expirationDateTime has passed". */
export function sweepSessions(ctx: Pick<EmulatorContext, 'db' | 'blobDir'>, now = Date.now()): void {
  const rows = ctx.db.prepare('SELECT id, data FROM upload_sessions').all() as { id: string; data: string }[];
  for (const r of rows) if (Date.parse((JSON.parse(r.data) as UploadSessionState).expires) <= now) deleteSession(ctx, r.id);
}

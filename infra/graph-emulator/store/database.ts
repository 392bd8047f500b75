// Opens the emulator's SQLite database and keeps its schema; the only place that runs DDL for shared tables.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sites (
  id TEXT PRIMARY KEY,
  hostname TEXT NOT NULL COLLATE NOCASE,
  path TEXT NOT NULL COLLATE NOCASE,
  data TEXT NOT NULL,
  UNIQUE (hostname, path)
);
CREATE TABLE IF NOT EXISTS lists (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  name TEXT NOT NULL COLLATE NOCASE,
  display_name TEXT NOT NULL COLLATE NOCASE,
  item_table TEXT NOT NULL,
  next_item_id INTEGER NOT NULL DEFAULT 1,
  item_count INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL,
  UNIQUE (site_id, name),
  UNIQUE (site_id, display_name)
);
-- list_id '' holds a site column; Graph addresses both kinds with the same shape.
CREATE TABLE IF NOT EXISTS columns (
  id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  list_id TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL COLLATE NOCASE,
  position INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (site_id, list_id, id),
  UNIQUE (site_id, list_id, name)
);
CREATE TABLE IF NOT EXISTS content_types (
  id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  list_id TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL,
  PRIMARY KEY (site_id, list_id, id)
);
CREATE TABLE IF NOT EXISTS item_versions (
  list_id TEXT NOT NULL,
  item_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  modified TEXT NOT NULL,
  modified_by TEXT NOT NULL,
  fields TEXT NOT NULL,
  PRIMARY KEY (list_id, item_id, version)
);
-- The change log behind delta queries: one row per write, newest wins per item.
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  list_id TEXT NOT NULL,
  item_id INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS changes_by_list ON changes (list_id, seq);
-- One drive per document library (store/drives.ts); its id is Graph's "b!…" form of site, web and list ids.
CREATE TABLE IF NOT EXISTS drives (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  list_id TEXT NOT NULL UNIQUE,
  root_id TEXT NOT NULL,
  created TEXT NOT NULL
);
-- Files and folders; parent_id NULL is the drive's root. version counts content versions (cTag), change every write (eTag).
CREATE TABLE IF NOT EXISTS drive_items (
  id TEXT PRIMARY KEY,
  uid TEXT NOT NULL,
  drive_id TEXT NOT NULL,
  parent_id TEXT,
  name TEXT NOT NULL,
  -- SharePoint names are unique regardless of case, also for æøå, which NOCASE does not fold.
  name_key TEXT NOT NULL,
  is_folder INTEGER NOT NULL,
  list_item_id INTEGER,
  version INTEGER NOT NULL DEFAULT 0,
  change INTEGER NOT NULL DEFAULT 1,
  size INTEGER NOT NULL DEFAULT 0,
  blob TEXT,
  quick_xor TEXT,
  created TEXT NOT NULL,
  modified TEXT NOT NULL,
  created_by TEXT NOT NULL,
  modified_by TEXT NOT NULL,
  UNIQUE (drive_id, parent_id, name_key)
);
CREATE INDEX IF NOT EXISTS drive_items_children ON drive_items (parent_id, name_key, id);
-- Every content version of a file, the current one included (Graph lists it first).
CREATE TABLE IF NOT EXISTS drive_item_versions (
  item_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  size INTEGER NOT NULL,
  blob TEXT NOT NULL,
  quick_xor TEXT NOT NULL,
  modified TEXT NOT NULL,
  modified_by TEXT NOT NULL,
  PRIMARY KEY (item_id, version)
);
CREATE INDEX IF NOT EXISTS drive_item_versions_blob ON drive_item_versions (blob);
-- Libraries set to keep minor (draft) versions beside major ones ("Create major and minor versions" in the library's
-- versioning settings; Graph v1.0 cannot set it, a site owner does, and locally the control /_emulator/libraries/versioning).
CREATE TABLE IF NOT EXISTS library_versioning (
  list_id TEXT PRIMARY KEY,
  minor INTEGER NOT NULL
);
-- The label of each version of a file in such a library ('0.1', '1.0', '1.1' …); without a row a version is '<n>.0'.
CREATE TABLE IF NOT EXISTS drive_item_version_labels (
  item_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (item_id, version)
);
-- Files checked out (POST …/checkout) until checked in (POST …/checkin).
CREATE TABLE IF NOT EXISTS drive_item_checkouts (
  item_id TEXT PRIMARY KEY,
  by_caller TEXT NOT NULL,
  at TEXT NOT NULL
);
-- Resumable uploads: the state is here, the bytes received so far in a part file under the blob folder.
CREATE TABLE IF NOT EXISTS upload_sessions (
  id TEXT PRIMARY KEY,
  drive_id TEXT NOT NULL,
  data TEXT NOT NULL
);
`;

/**
 * WAL with synchronous=NORMAL: a committed transaction survives the process being killed
 * (kill -9) because it is already in the WAL file; only an OS crash could lose the last ones.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  dropPlaceholderDriveTables(db);
  db.exec(SCHEMA);
  ensureEpoch(db);
  return db;
}

/** Databases made before drives were built have empty placeholder drive tables of another shape; they held nothing. */
function dropPlaceholderDriveTables(db: Db): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('drive_items')").all() as { name: string }[];
  if (columns.length === 0 || columns.some((c) => c.name === 'name_key')) return;
  for (const t of ['drives', 'drive_items', 'drive_item_versions', 'upload_sessions']) db.exec(`DROP TABLE IF EXISTS "${t}"`);
}

/** A random id of this database's life; delta tokens from before a reset carry another and are refused. */
function ensureEpoch(db: Db): void {
  if (!getMeta(db, 'epoch')) setMeta(db, 'epoch', Math.random().toString(36).slice(2, 10));
}

/** Drops every table, including the per-list item tables, then recreates the schema. */
export function resetDatabase(db: Db): void {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as {
    name: string;
  }[];
  db.pragma('foreign_keys = OFF');
  db.transaction(() => {
    for (const t of tables) db.exec(`DROP TABLE IF EXISTS "${t.name}"`);
  })();
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  ensureEpoch(db);
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

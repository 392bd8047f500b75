// Writes to a library's files and folders; each is one transaction that keeps the library's list item in step with the file.
import { randomUUID } from 'node:crypto';
import { GraphError, invalidRequest, nameAlreadyExists } from '../../errors.js';
import type { Caller } from '../../request.js';
import type { EmulatorContext } from '../../server.js';
import { type BlobInfo, dropBlobIfUnused } from '../../store/blobs.js';
import { nowIso } from '../../store/clock.js';
import type { ColumnDefinition } from '../../store/columns.js';
import {
  type DriveItem,
  type FileVersion,
  ancestors,
  blobReferenced,
  childByName,
  deleteItemRows,
  getItem,
  insertItem,
  insertVersion,
  newFolder,
  newItemId,
  saveItem,
  subtree,
} from '../../store/drives.js';
import type { StoredFields } from '../../store/field-values.js';
import { createItem, deleteItem, updateItem } from '../../store/items.js';
import { columnsOf } from '../../store/lists.js';
import { type Address, type ConflictBehavior, type DriveScope, checkIfMatch, resolvePartial, validateName } from './resolve.js';

const exists = (name: string) => nameAlreadyExists(`The specified item name '${name}' already exists.`);

/** A file lands even when the library has required columns left empty; SharePoint asks for them afterwards. */
function libraryColumns(ctx: EmulatorContext, scope: DriveScope): ColumnDefinition[] {
  return columnsOf(ctx.db, scope.list).map((c) => ({ ...c, required: false }));
}

function syncListItem(ctx: EmulatorContext, scope: DriveScope, item: DriveItem, values: StoredFields, caller: Caller): void {
  const columns = libraryColumns(ctx, scope);
  if (item.listItemId !== null) {
    try {
      updateItem(ctx.db, scope.list, columns, item.listItemId, values, caller, undefined);
      return;
    } catch (err) {
      // The list item was deleted through the list; the file gets a new one.
      if (!(err instanceof GraphError) || err.status !== 404) throw err;
    }
  }
  item.listItemId = createItem(ctx.db, scope.list, columns, { FileLeafRef: item.name, ...values }, caller).id;
}

function dropListItem(ctx: EmulatorContext, scope: DriveScope, listItemId: number | null): void {
  if (listItemId === null) return;
  try {
    deleteItem(ctx.db, scope.list, listItemId, undefined);
  } catch (err) {
    if (!(err instanceof GraphError) || err.status !== 404) throw err;
  }
}

/** Contents no version refers to any more are deleted once the transaction that freed them has committed. */
export function collect(ctx: EmulatorContext, blobs: Iterable<string>): void {
  for (const b of blobs) dropBlobIfUnused(ctx.blobDir, b, (sha) => blobReferenced(ctx.db, sha));
}

/** `name 1.ext`, `name 2.ext`, …: the first name not taken in the folder, as rename conflict behaviour picks. */
function freeName(ctx: EmulatorContext, parentId: string, name: string): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; ; n++) {
    const candidate = `${stem} ${n}${ext}`;
    if (!childByName(ctx.db, parentId, candidate)) return candidate;
  }
}

/** Deletes an item and everything below it, their list items too; returns the contents to collect. */
function removeTree(ctx: EmulatorContext, scope: DriveScope, item: DriveItem): string[] {
  const items = subtree(ctx.db, item.id);
  for (const i of items) dropListItem(ctx, scope, i.listItemId);
  return deleteItemRows(ctx.db, items.map((i) => i.id));
}

/** Applies a conflict behaviour to a name in a folder; returns the name to use. Frees the name for `replace`. */
function settleConflict(ctx: EmulatorContext, scope: DriveScope, parent: DriveItem, name: string, conflict: ConflictBehavior, self: string | undefined, freed: string[]): string {
  const clash = childByName(ctx.db, parent.id, name);
  if (!clash || clash.id === self) return name;
  if (conflict === 'fail') throw exists(name);
  if (conflict === 'rename') return freeName(ctx, parent.id, name);
  freed.push(...removeTree(ctx, scope, clash));
  return name;
}

function makeFolder(ctx: EmulatorContext, scope: DriveScope, parent: DriveItem, name: string, caller: Caller): DriveItem {
  const folder = newFolder(scope.drive.id, parent.id, name, caller);
  // The list item says it is a folder; the listItem JSON shows content type Folder for it (item-resource.ts).
  syncListItem(ctx, scope, folder, { ContentType: 'Folder' }, caller);
  insertItem(ctx.db, folder);
  return folder;
}

/** Walks down the names, making the folders that are missing, as Graph does for path-addressed uploads. */
function makeFolders(ctx: EmulatorContext, scope: DriveScope, start: DriveItem, names: string[], caller: Caller): DriveItem {
  let parent = start;
  for (const name of names) {
    const child = childByName(ctx.db, parent.id, name);
    if (child && !child.isFolder) throw exists(name);
    parent = child ?? makeFolder(ctx, scope, parent, name, caller);
  }
  return parent;
}

export function createFolder(ctx: EmulatorContext, scope: DriveScope, parent: DriveItem, name: string, conflict: ConflictBehavior, caller: Caller): DriveItem {
  validateName(name);
  if (!parent.isFolder) throw invalidRequest('Children can only be created in a folder.');
  const freed: string[] = [];
  const folder = ctx.db.transaction(() => makeFolder(ctx, scope, parent, settleConflict(ctx, scope, parent, name, conflict, undefined, freed), caller))();
  collect(ctx, freed);
  return folder;
}

/** Where an upload goes: an existing file (by id), or a path whose last name is the file. */
export type FileTarget = { itemId: string } | Address;

/**
 * Stores uploaded content as a new file or as the next version of an existing one; `created` tells which.
 * The content is already in the blob store; this only writes rows.
 */
export function commitFile(
  ctx: EmulatorContext,
  scope: DriveScope,
  target: FileTarget,
  blob: BlobInfo,
  conflict: ConflictBehavior,
  caller: Caller,
  ifMatch?: string,
): { item: DriveItem; created: boolean } {
  const freed: string[] = [];
  const result = ctx.db.transaction(() => {
    let existing: DriveItem | undefined;
    let parent: DriveItem | undefined;
    let name = '';
    if ('itemId' in target) {
      existing = getItem(ctx.db, scope.drive.id, target.itemId);
      if (existing.isFolder) throw invalidRequest('The item is a folder; content can only be uploaded to a file.');
    } else {
      const segments = target.segments;
      name = segments.at(-1) ?? '';
      if (segments.length === 0) throw invalidRequest('The item is a folder; content can only be uploaded to a file.');
      const { item, missing } = resolvePartial(ctx, scope, { baseId: target.baseId, segments: segments.slice(0, -1) });
      parent = makeFolders(ctx, scope, item, missing, caller);
      existing = childByName(ctx.db, parent.id, name);
      if (existing?.isFolder) throw exists(name);
      if (existing && conflict !== 'replace') {
        name = settleConflict(ctx, scope, parent, name, conflict, undefined, freed);
        existing = undefined;
      }
    }
    checkIfMatch(existing, ifMatch);
    const now = nowIso();
    const version: Omit<FileVersion, 'label'> = { version: (existing?.version ?? 0) + 1, size: blob.size, blob: blob.sha256, quickXorHash: blob.quickXorHash, modified: now, modifiedBy: caller };
    const item: DriveItem = existing
      ? { ...existing, version: version.version, change: existing.change + 1, size: blob.size, blob: blob.sha256, quickXorHash: blob.quickXorHash, modified: now, modifiedBy: caller }
      : {
          id: newItemId(), uid: randomUUID(), driveId: scope.drive.id, parentId: parent?.id ?? null, name, isFolder: false, listItemId: null,
          version: 1, change: 1, size: blob.size, blob: blob.sha256, quickXorHash: blob.quickXorHash, created: now, modified: now, createdBy: caller, modifiedBy: caller,
        };
    syncListItem(ctx, scope, item, { FileSizeDisplay: blob.size }, caller);
    if (existing) saveItem(ctx.db, item);
    else insertItem(ctx.db, item);
    insertVersion(ctx.db, item.id, version);
    return { item, created: !existing };
  })();
  collect(ctx, freed);
  return result;
}

/** Renames and/or moves an item within its drive (PATCH name / parentReference). */
export function moveItem(
  ctx: EmulatorContext,
  scope: DriveScope,
  item: DriveItem,
  change: { name?: string; parentId?: string },
  conflict: ConflictBehavior,
  caller: Caller,
  ifMatch?: string,
): DriveItem {
  if (item.parentId === null) throw invalidRequest('The root folder of a drive cannot be renamed or moved.');
  const freed: string[] = [];
  const moved = ctx.db.transaction(() => {
    checkIfMatch(item, ifMatch);
    const parent = getItem(ctx.db, scope.drive.id, change.parentId ?? item.parentId ?? '');
    if (!parent.isFolder) throw invalidRequest('The new parent is a file; items can only be moved into a folder.');
    if (parent.id === item.id || ancestors(ctx.db, parent).some((a) => a.id === item.id))
      throw invalidRequest('A folder cannot be moved into itself or into a folder below it.');
    const wanted = change.name ?? item.name;
    validateName(wanted);
    const name = settleConflict(ctx, scope, parent, wanted, conflict, item.id, freed);
    const next: DriveItem = { ...item, parentId: parent.id, name, change: item.change + 1, modified: nowIso(), modifiedBy: caller };
    if (name !== item.name) syncListItem(ctx, scope, next, { FileLeafRef: name }, caller);
    saveItem(ctx.db, next);
    return next;
  })();
  collect(ctx, freed);
  return moved;
}

export function deleteDriveItem(ctx: EmulatorContext, scope: DriveScope, item: DriveItem, ifMatch: string | undefined): void {
  if (item.parentId === null) throw invalidRequest('The root folder of a drive cannot be deleted.');
  checkIfMatch(item, ifMatch);
  const freed = ctx.db.transaction(() => removeTree(ctx, scope, item))();
  collect(ctx, freed);
}

/** Restoring makes the old content the newest version; history is kept, as SharePoint does. */
export function restoreFileVersion(ctx: EmulatorContext, scope: DriveScope, item: DriveItem, old: FileVersion, caller: Caller): DriveItem {
  return ctx.db.transaction(() => {
    const now = nowIso();
    const next: DriveItem = { ...item, version: item.version + 1, change: item.change + 1, size: old.size, blob: old.blob, quickXorHash: old.quickXorHash, modified: now, modifiedBy: caller };
    syncListItem(ctx, scope, next, { FileSizeDisplay: old.size }, caller);
    saveItem(ctx.db, next);
    const { label: _restoredFrom, ...content } = old;
    insertVersion(ctx.db, item.id, { ...content, version: next.version, modified: now, modifiedBy: caller });
    return next;
  })();
}

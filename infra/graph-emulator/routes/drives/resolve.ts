// Finds what a drive URL addresses: the drive (by id, a site's default library, a list's library) and the item (root, root:/path, items/{id}, items/{id}:/path).
import { GraphError, invalidRequest, itemNotFound, resourceModified } from '../../errors.js';
import { type QueryOptions, parseQueryOptions } from '../../odata/query-options.js';
import type { EmulatorRequest } from '../../request.js';
import type { EmulatorContext } from '../../server.js';
import { type DriveItem, type DriveRecord, childByName, ensureListDrive, getDrive, getItem, listIdOfDriveId } from '../../store/drives.js';
import { type ListRecord, createList, getListById, listLists, resolveList } from '../../store/lists.js';
import { type Site, resolveSite } from '../../store/sites.js';

/** A drive together with the site and library it belongs to; every handler needs all three. */
export interface DriveScope {
  drive: DriveRecord;
  site: Site;
  list: ListRecord;
}

/** The URL prefixes under which Graph addresses one drive; every item route is registered under each. */
export const DRIVE_PREFIXES = ['/drives/:drive', '/sites/:site/drive', '/sites/:site/lists/:list/drive'] as const;
/** The two ways to name an item below a drive prefix: `root`/`root:/path` and `items/{id}` / `items/{id}:/path`. */
export const ITEM_ADDRESSES = [':root', 'items/:item'] as const;

const DEFAULT_LIBRARY = 'Documents';

export function driveFrom(ctx: EmulatorContext, params: Record<string, string>): DriveScope {
  const { db } = ctx;
  if (params.drive !== undefined) {
    if (!/^b![A-Za-z0-9_-]{20,}$/.test(params.drive))
      throw invalidRequest('The provided drive id appears to be malformed, or does not represent a valid drive.');
    const drive = getDrive(db, params.drive);
    const listId = drive?.listId ?? listIdOfDriveId(params.drive);
    const list = listId === undefined ? undefined : getListById(db, listId);
    if (!list || list.template !== 'documentLibrary') throw itemNotFound('The drive could not be found.');
    const site = resolveSite(db, list.siteId, ctx.hostname);
    const scope = { drive: drive ?? ensureListDrive(ctx, site, list), list, site };
    if (scope.drive.id !== params.drive) throw itemNotFound('The drive could not be found.');
    return scope;
  }
  const site = resolveSite(db, params.site ?? '', ctx.hostname);
  if (params.list !== undefined) {
    const list = resolveList(db, site, params.list);
    if (list.template !== 'documentLibrary') throw itemNotFound('The list is not a document library and has no drive.');
    return { drive: ensureListDrive(ctx, site, list), site, list };
  }
  return defaultDrive(ctx, site);
}

/**
 * A site's default drive is its "Documents" library, which SharePoint makes with the site. Sites here are made
 * without lists, so the library is made the first time something asks for it.
 */
export function defaultDrive(ctx: EmulatorContext, site: Site): DriveScope {
  const libraries = listLists(ctx.db, site.id).filter((l) => l.template === 'documentLibrary');
  let list = libraries.find((l) => l.displayName.toLowerCase() === DEFAULT_LIBRARY.toLowerCase());
  if (!list) {
    try {
      list = createList(ctx.db, site, { displayName: DEFAULT_LIBRARY, list: { template: 'documentLibrary' } });
    } catch (err) {
      // A generic list already took the title: the first library stands in as the default.
      if (!(err instanceof GraphError) || err.status !== 409 || !libraries[0]) throw err;
      list = libraries[0];
    }
  }
  return { drive: ensureListDrive(ctx, site, list), site, list };
}

/** An item address: the item it starts from and the names below it. */
export interface Address {
  baseId: string;
  segments: string[];
}

export function parseAddress(scope: DriveScope, params: Record<string, string>): Address {
  if (params.item !== undefined) {
    const raw = params.item;
    const colon = raw.indexOf(':');
    const base = colon < 0 ? raw : raw.slice(0, colon);
    return { baseId: base.toLowerCase() === 'root' ? scope.drive.rootId : base, segments: splitPath(colon < 0 ? '' : raw.slice(colon + 1)) };
  }
  const raw = params.root ?? '';
  if (raw.toLowerCase() === 'root') return { baseId: scope.drive.rootId, segments: [] };
  if (!/^root:/i.test(raw)) throw itemNotFound(`Resource not found for the segment '${raw}'.`);
  return { baseId: scope.drive.rootId, segments: splitPath(raw.slice('root:'.length)) };
}

export function splitPath(path: string): string[] {
  const segments = path.split('/').filter((s) => s !== '');
  for (const s of segments) validateName(s);
  return segments;
}

const FORBIDDEN_CHARS = /["*:<>?/\\|]/;
const hasControlCharacter = (name: string) => [...name].some((c) => c.charCodeAt(0) < 0x20);
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9]|\.lock|desktop\.ini)$/i;

/**
 * SharePoint's rules for file and folder names (support.microsoft.com, "Restrictions and limitations in OneDrive
 * and SharePoint"): no " * : < > ? / \ |, no leading or trailing space, none of the reserved names, no `~$` prefix,
 * no `_vti_`. `.` and `..` are refused first: a path only goes down from where it starts.
 */
export function validateName(name: string): void {
  if (name === '.' || name === '..') throw invalidRequest(`The path segment '${name}' is not allowed: paths are resolved downwards from the item they start at.`);
  if (name.length === 0 || name.length > 255) throw invalidRequest('A file or folder name must be 1 to 255 characters long.');
  if (FORBIDDEN_CHARS.test(name) || hasControlCharacter(name)) throw invalidRequest(`The name '${name}' contains characters that are not allowed: " * : < > ? / \\ |`);
  if (name !== name.trim()) throw invalidRequest(`The name '${name}' begins or ends with a space, which is not allowed.`);
  if (RESERVED.test(name) || name.startsWith('~$') || name.toLowerCase().includes('_vti_')) throw invalidRequest(`The name '${name}' is reserved and cannot be used.`);
}

/** Walks the address; 404 when any part of it is missing. */
export function resolveItem(ctx: EmulatorContext, scope: DriveScope, addr: Address): DriveItem {
  const { item, missing } = resolvePartial(ctx, scope, addr);
  if (missing.length > 0) throw itemNotFound('The resource could not be found.');
  return item;
}

/** The deepest item of the address that exists, and the names below it that do not (yet). */
export function resolvePartial(ctx: EmulatorContext, scope: DriveScope, addr: Address): { item: DriveItem; missing: string[] } {
  let item = getItem(ctx.db, scope.drive.id, addr.baseId);
  for (let i = 0; i < addr.segments.length; i++) {
    const name = addr.segments[i] ?? '';
    const child = item.isFolder ? childByName(ctx.db, item.id, name) : undefined;
    if (!child) {
      if (!item.isFolder) throw itemNotFound('The resource could not be found.');
      return { item, missing: addr.segments.slice(i) };
    }
    item = child;
  }
  return { item, missing: [] };
}

export const eTagOf = (i: DriveItem) => `"{${i.uid.toUpperCase()}},${i.change}"`;
export const cTagOf = (i: DriveItem) => `"c:{${i.uid.toUpperCase()}},${i.version}"`;

/** `If-Match` passes when absent, `*`, or equal to the item's eTag or cTag; a missing item never matches. */
export function checkIfMatch(item: DriveItem | undefined, ifMatch: string | undefined): void {
  if (ifMatch === undefined) return;
  if (!item) throw resourceModified();
  if (ifMatch.trim() === '*') return;
  const norm = (s: string) => s.replace(/^W\//, '').replace(/["{}]/g, '').trim().toLowerCase();
  if (norm(ifMatch) !== norm(eTagOf(item)) && norm(ifMatch) !== norm(cTagOf(item))) throw resourceModified();
}

export type ConflictBehavior = 'fail' | 'replace' | 'rename';

/** `@microsoft.graph.conflictBehavior`: fail, replace or rename; anything else is the caller's mistake. */
export function conflictBehavior(value: unknown, fallback: ConflictBehavior): ConflictBehavior {
  if (value === undefined || value === null) return fallback;
  if (value === 'fail' || value === 'replace' || value === 'rename') return value;
  throw invalidRequest(`Invalid value '${String(value)}' for @microsoft.graph.conflictBehavior; use fail, replace or rename.`);
}

/** $select, $expand, $top and $skiptoken for drive items; $filter and $orderby are not emulated on drives. */
export function driveQuery(req: EmulatorRequest): QueryOptions {
  const options = parseQueryOptions(req.query);
  if (options.filter) throw invalidRequest('$filter on drive items is not supported by the emulator; use the library\'s list items.');
  if (options.orderby) throw invalidRequest('$orderby on drive items is not supported by the emulator; children come in name order.');
  return options;
}

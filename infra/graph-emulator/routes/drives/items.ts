// …/root, …/items/{id} and their path forms: get, list and create children, rename or move, delete, and the library listItem.
import { invalidRequest } from '../../errors.js';
import type { ExpandItem } from '../../odata/query-options.js';
import { type EmulatorRequest, json, jsonBody, noContent } from '../../request.js';
import type { Router } from '../../router.js';
import type { EmulatorContext } from '../../server.js';
import { type DriveItem, listChildren, nameKey } from '../../store/drives.js';
import { getItem as getListItem } from '../../store/items.js';
import { itemResource as listItemResource } from '../sites/lists/item-resource.js';
import { fieldsExpansion } from '../sites/lists/items.js';
import { nextLink, pageSize } from '../resources.js';
import { type Placement, driveContext, driveItemResource, placementOf } from './item-resource.js';
import { type DriveScope, conflictBehavior, driveFrom, driveQuery, parseAddress, resolveItem } from './resolve.js';
import { createFolder, deleteDriveItem, moveItem } from './writes.js';

/** Resolves the drive and the addressed item of a request; every item route starts here. */
export function itemFrom(ctx: EmulatorContext, params: Record<string, string>): { scope: DriveScope; item: DriveItem } {
  const scope = driveFrom(ctx, params);
  return { scope, item: resolveItem(ctx, scope, parseAddress(scope, params)) };
}

const itemContext = (req: EmulatorRequest, scope: DriveScope) => driveContext(req, `drives('${scope.drive.id}')/items/$entity`);

/** The skip token of children pages: the last (name, id) seen, opaque to the caller. */
const encodeToken = (i: DriveItem) => Buffer.from(JSON.stringify([nameKey(i.name), i.id])).toString('base64url');
function decodeToken(token: string | undefined): { key: string; id: string } | undefined {
  if (token === undefined) return undefined;
  try {
    const [key, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string' && typeof id === 'string') return { key, id };
  } catch {
    // fall through
  }
  throw invalidRequest('The $skiptoken is not valid; follow the @odata.nextLink as returned.');
}

/** What a read asked for: `$select`, and `$expand` of children and listItem (nested as Graph allows). */
interface Shape {
  select?: string[];
  expand?: ExpandItem[];
}

function childrenPage(req: EmulatorRequest, ctx: EmulatorContext, scope: DriveScope, folder: DriveItem, top: number | undefined, token: string | undefined, shape: Shape) {
  if (!folder.isFolder) return { value: [] as Record<string, unknown>[], next: undefined };
  const limit = pageSize(top);
  const rows = listChildren(ctx.db, folder.id, decodeToken(token), limit + 1);
  const page = rows.slice(0, limit);
  const placement = { parentId: folder.id, folders: folder.parentId === null ? [] : [...placementOf(ctx, folder).folders, folder.name] };
  return {
    value: page.map((c) => renderItem(req, ctx, scope, c, shape, placement)),
    next: rows.length > limit ? encodeToken(page.at(-1) as DriveItem) : undefined,
  };
}

/** The library's list item of a file or folder, with `fields` when expanded. */
function listItemOf(req: EmulatorRequest, ctx: EmulatorContext, scope: DriveScope, item: DriveItem, shape: Shape) {
  if (item.listItemId === null) throw invalidRequest('The root folder of a drive has no list item.');
  const listItem = getListItem(ctx.db, scope.list, item.listItemId);
  return listItemResource(req, scope.site, scope.list, listItem, fieldsExpansion(shape.expand), shape.select);
}

/** A driveItem with `$select`, `$expand=children(...)` and `$expand=listItem(...)`. */
function renderItem(req: EmulatorRequest, ctx: EmulatorContext, scope: DriveScope, item: DriveItem, shape: Shape, placement?: Placement) {
  const out = driveItemResource(ctx, scope, item, { select: shape.select, placement });
  for (const e of shape.expand ?? []) {
    const name = e.name.toLowerCase();
    if (name === 'children') out.children = childrenPage(req, ctx, scope, item, e.top, undefined, e).value;
    else if (name === 'listitem') out.listItem = listItemOf(req, ctx, scope, item, e);
    else throw invalidRequest(`Expanding '${e.name}' on a driveItem is not supported by the emulator (supported: children, listItem).`);
  }
  return out;
}

// Renaming and moving are emulated; other writable properties (fileSystemInfo, description) are refused, not dropped.
const PATCHABLE = new Set(['name', 'parentReference']);

export function registerDriveItemRoutes(r: Router, ctx: EmulatorContext, base: string): void {
  r.add('GET', base, 1, (req, params) => {
    const { scope, item } = itemFrom(ctx, params);
    return json(200, { '@odata.context': itemContext(req, scope), ...renderItem(req, ctx, scope, item, driveQuery(req)) });
  });

  r.add('GET', `${base}/children`, 2, (req, params) => {
    const { scope, item } = itemFrom(ctx, params);
    const { top, skiptoken, select, expand } = driveQuery(req);
    const page = childrenPage(req, ctx, scope, item, top, skiptoken, { select, expand });
    return json(200, {
      '@odata.context': driveContext(req, `drives('${scope.drive.id}')/items('${item.id}')/children`),
      value: page.value,
      ...(page.next ? { '@odata.nextLink': nextLink(req, '$skiptoken', page.next) } : {}),
    });
  });

  // Graph creates folders this way; files are created by uploading content.
  r.add('POST', `${base}/children`, 2, (req, params) => {
    const { scope, item } = itemFrom(ctx, params);
    const body = jsonBody(req);
    if (typeof body.name !== 'string') throw invalidRequest("A new item needs a 'name'.");
    if (body.folder === undefined || body.folder === null || typeof body.folder !== 'object')
      throw invalidRequest("Only folders can be created with POST …/children (give 'folder': {}); upload files with PUT …/content.");
    const conflict = conflictBehavior(body['@microsoft.graph.conflictBehavior'], 'fail');
    const folder = createFolder(ctx, scope, item, body.name, conflict, req.caller);
    return json(201, { '@odata.context': itemContext(req, scope), ...driveItemResource(ctx, scope, folder) });
  });

  r.add('PATCH', base, 2, (req, params) => {
    const { scope, item } = itemFrom(ctx, params);
    const body = jsonBody(req);
    for (const key of Object.keys(body))
      if (!key.startsWith('@') && !PATCHABLE.has(key)) throw invalidRequest(`Property '${key}' of a driveItem cannot be updated.`);
    if (body.name !== undefined && typeof body.name !== 'string') throw invalidRequest("'name' must be a string.");
    const parentId = parentIdOf(ctx, scope, body.parentReference);
    const conflict = conflictBehavior(body['@microsoft.graph.conflictBehavior'] ?? req.query.get('@microsoft.graph.conflictBehavior') ?? undefined, 'fail');
    const moved = moveItem(ctx, scope, item, { name: body.name as string | undefined, parentId }, conflict, req.caller, req.headers['if-match']);
    return json(200, { '@odata.context': itemContext(req, scope), ...driveItemResource(ctx, scope, moved) });
  });

  r.add('DELETE', base, 2, (req, params) => {
    const { scope, item } = itemFrom(ctx, params);
    deleteDriveItem(ctx, scope, item, req.headers['if-match']);
    return noContent();
  });

  r.add('GET', `${base}/listItem`, 1, (req, params) => {
    const { scope, item } = itemFrom(ctx, params);
    return json(200, {
      '@odata.context': driveContext(req, `drives('${scope.drive.id}')/items('${item.id}')/listItem/$entity`),
      ...listItemOf(req, ctx, scope, item, driveQuery(req)),
    });
  });
}

/** `parentReference: { id }` or `{ path: "/drives/{id}/root:/Folder" }`; moving to another drive is refused. */
function parentIdOf(ctx: EmulatorContext, scope: DriveScope, ref: unknown): string | undefined {
  if (ref === undefined) return undefined;
  if (ref === null || typeof ref !== 'object') throw invalidRequest("'parentReference' must be an object.");
  const { id, path, driveId } = ref as Record<string, unknown>;
  if (driveId !== undefined && driveId !== scope.drive.id) throw invalidRequest('Moving items to another drive is not supported; copy them instead.');
  if (typeof id === 'string') return id;
  if (typeof path === 'string') {
    const m = /^\/drives?(?:\/([^/]+))?\/root:?(.*)$/i.exec(path);
    if (!m || (m[1] !== undefined && m[1] !== scope.drive.id)) throw invalidRequest(`'parentReference.path' must be a path in this drive, such as /drives/${scope.drive.id}/root:/Folder.`);
    let rest = (m[2] ?? '').replace(/:$/, '');
    try {
      // Paths come back as Graph gives them out: percent-encoded.
      rest = decodeURIComponent(rest);
    } catch {
      throw invalidRequest(`'parentReference.path' is not a valid percent-encoded path.`);
    }
    return resolveItem(ctx, scope, parseAddress(scope, { root: `root:${rest}` })).id;
  }
  throw invalidRequest("'parentReference' needs an 'id' or a 'path'.");
}

// The JSON of a drive, a driveItem and a driveItemVersion, as Graph returns them for a SharePoint document library.
import type { EmulatorRequest } from '../../request.js';
import type { EmulatorContext } from '../../server.js';
import { type DriveItem, type FileVersion, ancestors, childCount, lastModified, quotaUsed, treeSize } from '../../store/drives.js';
import { identitySet } from '../resources.js';
import { downloadUrl } from './download.js';
import { mimeTypeOf } from './mime-types.js';
import { type DriveScope, cTagOf, eTagOf } from './resolve.js';

/** A SharePoint library's quota is the site's storage: 1 TiB here, nothing in the recycle bin. */
const QUOTA_TOTAL = 1024 ** 4;

export function driveResource(ctx: EmulatorContext, scope: DriveScope) {
  const { drive, list } = scope;
  const used = quotaUsed(ctx.db, drive.id);
  return {
    createdDateTime: drive.created,
    description: list.description,
    id: drive.id,
    lastModifiedDateTime: lastModified(ctx.db, drive.id) ?? drive.created,
    name: list.displayName,
    webUrl: list.webUrl,
    driveType: 'documentLibrary',
    createdBy: { user: { displayName: 'System Account' } },
    // Libraries of sites without a Microsoft 365 group are owned by the site itself, shown as System Account.
    owner: { user: { displayName: 'System Account' } },
    quota: { deleted: 0, remaining: QUOTA_TOTAL - used, state: 'normal', total: QUOTA_TOTAL, used },
  };
}

/** Where an item sits: the names of the folders from below the root to its parent. */
export interface Placement {
  parentId: string | null;
  folders: string[];
}

export function placementOf(ctx: EmulatorContext, item: DriveItem): Placement {
  return { parentId: item.parentId, folders: ancestors(ctx.db, item).slice(1).map((a) => a.name) };
}

const encodeSegments = (names: string[]) => names.map((n) => encodeURIComponent(n)).join('/');

export interface RenderOptions {
  /** Known when rendering a folder's children: they share it. */
  placement?: Placement;
  select?: string[];
}

export function driveItemResource(ctx: EmulatorContext, scope: DriveScope, item: DriveItem, options: RenderOptions = {}): Record<string, unknown> {
  const { drive, list } = scope;
  const isRoot = item.parentId === null;
  const placement = options.placement ?? placementOf(ctx, item);
  // itemReference.path is percent-encoded, e.g. /drive/root:/Documents/my%20file.docx (Graph docs, itemReference).
  const parentPath = `/drives/${drive.id}/root:${placement.folders.map((f) => `/${encodeURIComponent(f)}`).join('')}`;
  const webPath = isRoot ? '' : `/${encodeSegments([...placement.folders, item.name])}`;
  const out: Record<string, unknown> = {};
  if (!item.isFolder && item.blob) out['@microsoft.graph.downloadUrl'] = downloadUrl(ctx, item.blob, item.name);
  Object.assign(out, {
    createdBy: identitySet(item.createdBy),
    createdDateTime: item.created,
    eTag: eTagOf(item),
    id: item.id,
    lastModifiedBy: identitySet(item.modifiedBy),
    lastModifiedDateTime: item.modified,
    name: item.name,
    parentReference: isRoot
      ? { driveType: 'documentLibrary', driveId: drive.id }
      : { driveType: 'documentLibrary', driveId: drive.id, id: placement.parentId, path: parentPath, siteId: scope.site.id },
    webUrl: `${list.webUrl}${webPath}`,
    cTag: cTagOf(item),
    ...(item.isFolder
      ? { folder: { childCount: childCount(ctx.db, item.id) } }
      : { file: { hashes: { quickXorHash: item.quickXorHash ?? '' }, mimeType: mimeTypeOf(item.name) } }),
    fileSystemInfo: { createdDateTime: item.created, lastModifiedDateTime: item.modified },
    ...(isRoot ? { root: {} } : {}),
    size: item.isFolder ? treeSize(ctx.db, item.id) : item.size,
  });
  return selectProperties(out, options.select);
}

/**
 * `$select` on a driveItem: OData control information (`@odata.*`) always stays; the download URL only when
 * asked for by name, as Graph does (`$select=id,@microsoft.graph.downloadUrl`).
 */
function selectProperties(resource: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
  if (!select || select.length === 0 || select.includes('*')) return resource;
  const wanted = new Set(select.map((s) => s.toLowerCase()));
  return Object.fromEntries(Object.entries(resource).filter(([k]) => k.startsWith('@odata.') || wanted.has(k.toLowerCase())));
}

export function versionResource(v: FileVersion) {
  return {
    id: v.label,
    lastModifiedBy: identitySet(v.modifiedBy),
    lastModifiedDateTime: v.modified,
    size: v.size,
  };
}

export const driveContext = (req: EmulatorRequest, fragment: string) => `${req.baseUrl}/$metadata#${fragment}`;

// /drives, /sites/{site}/drive(s), /sites/{site}/lists/{list}/drive and every driveItem route under each; the uploadUrl and download URLs.
import { itemNotFound } from '../errors.js';
import { json } from '../request.js';
import type { Router } from '../router.js';
import type { EmulatorContext } from '../server.js';
import { ensureListDrive, itemByListItem, recoverDriveStorage } from '../store/drives.js';
import { listLists } from '../store/lists.js';
import { parseItemId } from '../store/items.js';
import { registerDownloadRoute, redirectToContent } from './drives/download.js';
import { driveContext, driveItemResource, driveResource } from './drives/item-resource.js';
import { registerDriveItemRoutes } from './drives/items.js';
import { registerItemContentRoutes } from './drives/items/content.js';
import { registerVersionRoutes } from './drives/items/versions.js';
import { registerItemCheckInRoutes } from './drives/items/checkin.js';
import { DRIVE_PREFIXES, ITEM_ADDRESSES, defaultDrive, driveFrom } from './drives/resolve.js';
import { registerCreateUploadSessionRoute, registerUploadUrlRoutes } from './drives/upload-sessions.js';
import { siteFrom } from './resources.js';

export function registerDriveRoutes(r: Router, ctx: EmulatorContext): void {
  for (const prefix of DRIVE_PREFIXES) {
    r.add('GET', prefix, 1, (req, params) => {
      const scope = driveFrom(ctx, params);
      return json(200, { '@odata.context': driveContext(req, 'drives/$entity'), ...driveResource(ctx, scope) });
    });
  }

  r.add('GET', '/sites/:site/drives', 2, (req, params) => {
    const site = siteFrom(ctx, params);
    // Every site has its Documents library; make sure it is there before listing.
    defaultDrive(ctx, site);
    const value = listLists(ctx.db, site.id)
      .filter((l) => l.template === 'documentLibrary')
      .map((list) => driveResource(ctx, { site, list, drive: ensureListDrive(ctx, site, list) }));
    return json(200, { '@odata.context': driveContext(req, 'drives'), value });
  });

  // A library's list item leads back to its file: /lists/{list}/items/{id}/driveItem.
  const listItemBase = '/sites/:site/lists/:list/items/:listItem/driveItem';
  const fileOfListItem = (params: Record<string, string>) => {
    const scope = driveFrom(ctx, { site: params.site ?? '', list: params.list ?? '' });
    const item = itemByListItem(ctx.db, scope.drive.id, parseItemId(params.listItem ?? ''));
    if (!item) throw itemNotFound('The list item has no file.');
    return { scope, item };
  };
  r.add('GET', listItemBase, 1, (req, params) => {
    const { scope, item } = fileOfListItem(params);
    return json(200, { '@odata.context': driveContext(req, `drives('${scope.drive.id}')/items/$entity`), ...driveItemResource(ctx, scope, item) });
  });
  r.add('GET', `${listItemBase}/content`, 1, (_req, params) => {
    const { item } = fileOfListItem(params);
    if (item.isFolder || !item.blob) throw itemNotFound('The item is a folder and has no content to download.');
    return redirectToContent(ctx, item.blob, item.name);
  });

  for (const prefix of DRIVE_PREFIXES) {
    for (const address of ITEM_ADDRESSES) {
      const base = `${prefix}/${address}`;
      registerDriveItemRoutes(r, ctx, base);
      registerItemContentRoutes(r, ctx, base);
      registerVersionRoutes(r, ctx, base);
      registerItemCheckInRoutes(r, ctx, base);
      registerCreateUploadSessionRoute(r, ctx, base);
    }
  }
}

/** The URLs Graph hands out for bytes: they carry their own authorisation, so the control router serves them without a token. */
export function registerContentRoutes(controlRouter: Router, ctx: EmulatorContext): void {
  // Registration happens once per start, before any request: the moment to clear up after a crash.
  recoverDriveStorage(ctx);
  registerDownloadRoute(controlRouter, ctx);
  registerUploadUrlRoutes(controlRouter, ctx);
}

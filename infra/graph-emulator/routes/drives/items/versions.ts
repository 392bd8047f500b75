// …/versions: a file's versions newest first, one version, its content (302 like a download), and restoreVersion.
import { invalidRequest, itemNotFound } from '../../../errors.js';
import { json, noContent } from '../../../request.js';
import type { Router } from '../../../router.js';
import type { EmulatorContext } from '../../../server.js';
import { type DriveItem, type FileVersion, listVersions } from '../../../store/drives.js';
import { redirectToContent } from '../download.js';
import { itemFrom } from '../items.js';
import { driveContext, versionResource } from '../item-resource.js';
import { restoreFileVersion } from '../writes.js';

function versionsOf(ctx: EmulatorContext, item: DriveItem): FileVersion[] {
  // Folders have no versions; Graph refuses the request rather than answering an empty list.
  if (item.isFolder) throw invalidRequest('Versions are only kept for files.');
  return listVersions(ctx.db, item.id);
}

/** Version ids are SharePoint's labels: "1.0", "2.0", …, and "0.1", "1.1" … in a library that keeps minor versions. */
function versionOf(ctx: EmulatorContext, item: DriveItem, id: string): FileVersion {
  const version = /^\d{1,6}\.\d{1,3}$/.test(id) ? versionsOf(ctx, item).find((v) => v.label === id) : undefined;
  if (!version) throw itemNotFound('The version could not be found.');
  return version;
}

export function registerVersionRoutes(r: Router, ctx: EmulatorContext, base: string): void {
  r.add('GET', `${base}/versions`, 2, (req, params) => {
    const { scope, item } = itemFrom(ctx, params);
    return json(200, {
      '@odata.context': driveContext(req, `drives('${scope.drive.id}')/items('${item.id}')/versions`),
      value: versionsOf(ctx, item).map(versionResource),
    });
  });

  r.add('GET', `${base}/versions/:version`, 1, (req, params) => {
    const { scope, item } = itemFrom(ctx, params);
    return json(200, {
      '@odata.context': driveContext(req, `drives('${scope.drive.id}')/items('${item.id}')/versions/$entity`),
      ...versionResource(versionOf(ctx, item, params.version ?? '')),
    });
  });

  r.add('GET', `${base}/versions/:version/content`, 1, (_req, params) => {
    const { item } = itemFrom(ctx, params);
    return redirectToContent(ctx, versionOf(ctx, item, params.version ?? '').blob, item.name);
  });

  r.add('POST', `${base}/versions/:version/restoreVersion`, 2, (req, params) => {
    const { scope, item } = itemFrom(ctx, params);
    restoreFileVersion(ctx, scope, item, versionOf(ctx, item, params.version ?? ''), req.caller);
    return noContent();
  });
}

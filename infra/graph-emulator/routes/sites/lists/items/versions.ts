// /sites/{site}/lists/{list}/items/{item}/versions: the history SharePoint keeps of every save, and restoring one.
import { parseQueryOptions } from '../../../../odata/query-options.js';
import { json, noContent } from '../../../../request.js';
import type { Router } from '../../../../router.js';
import type { EmulatorContext } from '../../../../server.js';
import { renderFieldValues } from '../../../../store/field-values.js';
import { type ItemVersion, getVersion, listVersions, parseItemId, parseVersionId, restoreVersion } from '../../../../store/items.js';
import { columnsOf } from '../../../../store/lists.js';
import { context, identitySet, listFrom } from '../../../resources.js';
import { fieldsExpansion } from '../items.js';

function versionResource(v: ItemVersion) {
  return {
    id: `${v.version}.0`,
    lastModifiedBy: identitySet(v.modifiedBy),
    lastModifiedDateTime: v.modified,
    published: { level: 'published', versionId: `${v.version}.0` },
  };
}

export function registerVersionRoutes(r: Router, ctx: EmulatorContext): void {
  const { db } = ctx;

  r.add('GET', '/sites/:site/lists/:list/items/:item/versions', 2, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    const itemId = parseItemId(params.item ?? '');
    return json(200, {
      '@odata.context': context(req, `sites('${encodeURIComponent(site.id)}')/lists('${list.id}')/items('${itemId}')/versions`),
      value: listVersions(db, list, itemId).map(versionResource),
    });
  });

  r.add('GET', '/sites/:site/lists/:list/items/:item/versions/:version', 1, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    const itemId = parseItemId(params.item ?? '');
    const v = getVersion(db, list, itemId, parseVersionId(params.version ?? ''));
    const fields = fieldsExpansion(parseQueryOptions(req.query).expand);
    return json(200, {
      '@odata.context': context(req, `sites('${encodeURIComponent(site.id)}')/lists('${list.id}')/items('${itemId}')/versions/$entity`),
      ...versionResource(v),
      ...(fields ? { fields: renderFieldValues(v.fields, fields.select) } : {}),
    });
  });

  r.add('POST', '/sites/:site/lists/:list/items/:item/versions/:version/restoreVersion', 2, (req, params) => {
    const { list } = listFrom(ctx, params);
    restoreVersion(db, list, columnsOf(db, list), parseItemId(params.item ?? ''), parseVersionId(params.version ?? ''), req.caller);
    return noContent();
  });
}

// /sites: a site by id, by `hostname:/path`, the root site, and the site's columns and content types.
import { invalidRequest, itemNotFound } from '../errors.js';
import { json, jsonBody, noContent } from '../request.js';
import type { Router } from '../router.js';
import type { EmulatorContext } from '../server.js';
import { deleteColumnRow, getColumn, insertColumn, listColumns, parseNewColumn, patchColumn, saveColumn } from '../store/columns.js';
import { addContentTypeColumn, createContentType, getContentType, listContentTypes, removeContentTypeColumn } from '../store/content-types.js';
import { siteResource } from '../store/sites.js';
import { parseQueryOptions } from '../odata/query-options.js';
import { applySelect, context, siteFrom } from './resources.js';

export function registerSiteRoutes(r: Router, ctx: EmulatorContext): void {
  const { db } = ctx;

  r.add('GET', '/sites/:site', 1, (req, params) => {
    const site = siteFrom(ctx, params);
    const { select } = parseQueryOptions(req.query);
    return json(200, { '@odata.context': context(req, 'sites/$entity'), ...applySelect(siteResource(site), select) });
  });

  r.add('GET', '/sites/:site/columns', 2, (req, params) => {
    const site = siteFrom(ctx, params);
    return json(200, { '@odata.context': context(req, `sites('${site.id}')/columns`), value: listColumns(db, site.id, '') });
  });

  r.add('POST', '/sites/:site/columns', 2, (req, params) => {
    const site = siteFrom(ctx, params);
    const def = parseNewColumn(jsonBody(req));
    insertColumn(db, site.id, '', def);
    return json(201, { '@odata.context': context(req, `sites('${site.id}')/columns/$entity`), ...def });
  });

  r.add('GET', '/sites/:site/columns/:column', 1, (req, params) => {
    const site = siteFrom(ctx, params);
    return json(200, { '@odata.context': context(req, `sites('${site.id}')/columns/$entity`), ...getColumn(db, site.id, '', params.column ?? '') });
  });

  r.add('PATCH', '/sites/:site/columns/:column', 2, (req, params) => {
    const site = siteFrom(ctx, params);
    const next = patchColumn(getColumn(db, site.id, '', params.column ?? ''), jsonBody(req));
    saveColumn(db, site.id, '', next);
    return json(200, { '@odata.context': context(req, `sites('${site.id}')/columns/$entity`), ...next });
  });

  r.add('DELETE', '/sites/:site/columns/:column', 2, (_req, params) => {
    const site = siteFrom(ctx, params);
    const col = getColumn(db, site.id, '', params.column ?? '');
    deleteColumnRow(db, site.id, '', col.id);
    return noContent();
  });

  r.add('GET', '/sites/:site/contentTypes', 2, (req, params) => {
    const site = siteFrom(ctx, params);
    return json(200, { '@odata.context': context(req, `sites('${site.id}')/contentTypes`), value: listContentTypes(db, site.id, '') });
  });

  r.add('POST', '/sites/:site/contentTypes', 2, (req, params) => {
    const site = siteFrom(ctx, params);
    const ct = createContentType(db, site.id, jsonBody(req));
    return json(201, { '@odata.context': context(req, `sites('${site.id}')/contentTypes/$entity`), ...ct.resource });
  });

  r.add('POST', '/sites/:site/contentTypes/:ct/columns', 2, (req, params) => {
    const site = siteFrom(ctx, params);
    const col = addContentTypeColumn(db, site.id, params.ct ?? '', jsonBody(req));
    return json(201, { '@odata.context': context(req, `sites('${site.id}')/contentTypes('${params.ct}')/columns/$entity`), ...col });
  });

  r.add('GET', '/sites/:site/contentTypes/:ct', 1, (req, params) => {
    const site = siteFrom(ctx, params);
    return json(200, { '@odata.context': context(req, `sites('${site.id}')/contentTypes/$entity`), ...getContentType(db, site.id, '', params.ct ?? '').resource });
  });

  // A content type's columns are site columns it links; the emulator shows the site's own columns it names.
  r.add('GET', '/sites/:site/contentTypes/:ct/columns', 2, (req, params) => {
    const site = siteFrom(ctx, params);
    const ct = getContentType(db, site.id, '', params.ct ?? '');
    return json(200, { '@odata.context': context(req, `sites('${site.id}')/contentTypes('${ct.resource.id}')/columns`), value: ct.columns.map((c) => getColumn(db, site.id, '', c)) });
  });

  r.add('GET', '/sites/:site/contentTypes/:ct/columns/:column', 1, (req, params) => {
    const site = siteFrom(ctx, params);
    const ct = getContentType(db, site.id, '', params.ct ?? '');
    const col = getColumn(db, site.id, '', params.column ?? '');
    if (!ct.columns.includes(col.id)) throw itemNotFound(`Column '${params.column}' is not in content type '${ct.resource.name}'.`);
    return json(200, { '@odata.context': context(req, `sites('${site.id}')/contentTypes('${ct.resource.id}')/columns/$entity`), ...col });
  });

  r.add('PATCH', '/sites/:site/contentTypes/:ct/columns/:column', 2, (req, params) => {
    const site = siteFrom(ctx, params);
    const ct = getContentType(db, site.id, '', params.ct ?? '');
    const col = getColumn(db, site.id, '', params.column ?? '');
    if (!ct.columns.includes(col.id)) throw itemNotFound(`Column '${params.column}' is not in content type '${ct.resource.name}'.`);
    const next = patchColumn(col, jsonBody(req));
    saveColumn(db, site.id, '', next);
    return json(200, { '@odata.context': context(req, `sites('${site.id}')/contentTypes('${ct.resource.id}')/columns/$entity`), ...next });
  });

  r.add('DELETE', '/sites/:site/contentTypes/:ct/columns/:column', 2, (_req, params) => {
    const site = siteFrom(ctx, params);
    const ct = getContentType(db, site.id, '', params.ct ?? '');
    const col = getColumn(db, site.id, '', params.column ?? '');
    if (!ct.columns.includes(col.id)) throw itemNotFound(`Column '${params.column}' is not in content type '${ct.resource.name}'.`);
    if (ct.resource.readOnly) throw invalidRequest(`Content type '${ct.resource.name}' is read-only.`);
    removeContentTypeColumn(db, site.id, ct.resource.id, col.id);
    return noContent();
  });
}

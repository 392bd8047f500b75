// /sites/{site}/lists and their columns and content types.
import { invalidRequest } from '../../errors.js';
import { json, jsonBody, noContent } from '../../request.js';
import type { Router } from '../../router.js';
import type { EmulatorContext } from '../../server.js';
import { assertIndexBudget, deleteColumnRow, getColumn, insertColumn, listColumns, parseNewColumn, patchColumn, saveColumn } from '../../store/columns.js';
import { listContentTypes } from '../../store/content-types.js';
import { type ListRecord, createIndex, createList, deleteList, dropIndex, listLists, saveList } from '../../store/lists.js';
import type { Site } from '../../store/sites.js';
import { type ExpandItem, parseQueryOptions } from '../../odata/query-options.js';
import type { EmulatorRequest } from '../../request.js';
import { nowIso } from '../../store/clock.js';
import { applySelect, context, listFrom, siteFrom } from '../resources.js';
import { listItemsPage } from './lists/items.js';
import { deleteListDrive, ensureListDrive } from '../../store/drives.js';

export function listResource(site: Site, list: ListRecord) {
  const etag = `"${list.id},${Date.parse(list.lastModifiedDateTime) / 1000}"`;
  return {
    '@odata.etag': etag,
    createdDateTime: list.createdDateTime,
    description: list.description,
    eTag: etag,
    id: list.id,
    lastModifiedDateTime: list.lastModifiedDateTime,
    name: list.name,
    webUrl: list.webUrl,
    displayName: list.displayName,
    createdBy: { user: { displayName: 'System Account' } },
    lastModifiedBy: { user: { displayName: 'System Account' } },
    parentReference: { siteId: site.id },
    list: { contentTypesEnabled: false, hidden: list.hidden, template: list.template },
  };
}

export function registerListRoutes(r: Router, ctx: EmulatorContext): void {
  const { db } = ctx;

  /** A list with `$select` and `$expand=columns(...)`, `items(...)` as Graph allows. */
  function renderList(req: EmulatorRequest, site: Site, list: ListRecord, select: string[] | undefined, expand: ExpandItem[] | undefined) {
    const out: Record<string, unknown> = applySelect(listResource(site, list), select);
    for (const e of expand ?? []) {
      if (e.name === 'columns') out.columns = listColumns(db, site.id, list.id).map((c) => applySelect(c, e.select));
      else if (e.name === 'contentTypes') out.contentTypes = listContentTypesOf(list);
      else if (e.name === 'items') out.items = listItemsPage(ctx, req, site, list, { select: e.select, expand: e.expand, top: e.top }).value;
      else throw invalidRequest(`Could not find a property named '${e.name}' on type 'microsoft.graph.list'.`);
    }
    return out;
  }

  function listContentTypesOf(list: ListRecord) {
    const builtIns = listContentTypes(db, list.siteId, '');
    const names = list.template === 'documentLibrary' ? ['Document', 'Folder'] : ['Item', 'Folder'];
    return builtIns.filter((c) => names.includes(c.name)).map((c) => ({ ...c, id: `${c.id}00${list.id.replaceAll('-', '').toUpperCase()}` }));
  }

  r.add('GET', '/sites/:site/lists', 2, (req, params) => {
    const site = siteFrom(ctx, params);
    const { select, expand, filter } = parseQueryOptions(req.query);
    if (filter) throw invalidRequest('$filter on lists is not supported by the emulator.');
    return json(200, {
      '@odata.context': context(req, `sites('${site.id}')/lists`),
      value: listLists(db, site.id).map((l) => renderList(req, site, l, select, expand)),
    });
  });

  r.add('POST', '/sites/:site/lists', 2, (req, params) => {
    const site = siteFrom(ctx, params);
    const list = createList(db, site, jsonBody(req));
    if (list.template === 'documentLibrary') ensureListDrive(ctx, site, list);
    return json(201, { '@odata.context': context(req, `sites('${site.id}')/lists/$entity`), ...listResource(site, list) });
  });

  r.add('GET', '/sites/:site/lists/:list', 1, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    const { select, expand } = parseQueryOptions(req.query);
    return json(200, { '@odata.context': context(req, `sites('${site.id}')/lists/$entity`), ...renderList(req, site, list, select, expand) });
  });

  r.add('PATCH', '/sites/:site/lists/:list', 2, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    const body = jsonBody(req);
    for (const [key, value] of Object.entries(body)) {
      if (key === 'displayName' || key === 'description') {
        if (typeof value !== 'string' || (key === 'displayName' && value.trim() === '')) throw invalidRequest(`Property '${key}' must be a non-empty string.`);
        list[key] = value;
      } else if (!key.startsWith('@')) {
        throw invalidRequest(`Property '${key}' cannot be updated on a list.`);
      }
    }
    list.lastModifiedDateTime = nowIso();
    saveList(db, list);
    return json(200, { '@odata.context': context(req, `sites('${site.id}')/lists/$entity`), ...listResource(site, list) });
  });

  r.add('DELETE', '/sites/:site/lists/:list', 2, (_req, params) => {
    const { list } = listFrom(ctx, params);
    if (list.template === 'documentLibrary') deleteListDrive(ctx, list);
    deleteList(db, list);
    return noContent();
  });

  r.add('GET', '/sites/:site/lists/:list/contentTypes', 2, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    return json(200, { '@odata.context': context(req, `sites('${site.id}')/lists('${list.id}')/contentTypes`), value: listContentTypesOf(list) });
  });

  r.add('GET', '/sites/:site/lists/:list/columns', 2, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    const { select } = parseQueryOptions(req.query);
    return json(200, {
      '@odata.context': context(req, `sites('${site.id}')/lists('${list.id}')/columns`),
      value: listColumns(db, site.id, list.id).map((c) => applySelect(c, select)),
    });
  });

  r.add('POST', '/sites/:site/lists/:list/columns', 2, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    const def = parseNewColumn(jsonBody(req));
    db.transaction(() => {
      insertColumn(db, site.id, list.id, def);
      if (def.indexed) createIndex(db, list, def);
    })();
    return json(201, { '@odata.context': context(req, `sites('${site.id}')/lists('${list.id}')/columns/$entity`), ...def });
  });

  r.add('GET', '/sites/:site/lists/:list/columns/:column', 1, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    return json(200, { '@odata.context': context(req, `sites('${site.id}')/lists('${list.id}')/columns/$entity`), ...getColumn(db, site.id, list.id, params.column ?? '') });
  });

  r.add('PATCH', '/sites/:site/lists/:list/columns/:column', 2, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    const current = getColumn(db, site.id, list.id, params.column ?? '');
    const next = patchColumn(current, jsonBody(req));
    db.transaction(() => {
      if (next.indexed && !current.indexed) {
        assertIndexBudget(listColumns(db, site.id, list.id));
        createIndex(db, list, next);
      }
      if (!next.indexed && current.indexed) dropIndex(db, list, current);
      saveColumn(db, site.id, list.id, next);
    })();
    return json(200, { '@odata.context': context(req, `sites('${site.id}')/lists('${list.id}')/columns/$entity`), ...next });
  });

  r.add('DELETE', '/sites/:site/lists/:list/columns/:column', 2, (_req, params) => {
    const { site, list } = listFrom(ctx, params);
    const col = getColumn(db, site.id, list.id, params.column ?? '');
    if (col.readOnly || col.name === 'Title') throw invalidRequest(`Column '${col.name}' is built in and cannot be deleted.`);
    db.transaction(() => {
      if (col.indexed) dropIndex(db, list, col);
      deleteColumnRow(db, site.id, list.id, col.id);
    })();
    return noContent();
  });
}

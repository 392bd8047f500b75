// /sites/{site}/lists/{list}/items: query with paging, create, read, update (item or fields), delete.
import { invalidRequest } from '../../../errors.js';
import { type ExpandItem, parseQueryOptions } from '../../../odata/query-options.js';
import { type EmulatorRequest, json, jsonBody, noContent } from '../../../request.js';
import type { Router } from '../../../router.js';
import type { EmulatorContext } from '../../../server.js';
import { validateFieldWrites } from '../../../store/field-values.js';
import { createItem, deleteItem, getItem, parseItemId, toItem, updateItem } from '../../../store/items.js';
import { type ListRecord, columnsOf } from '../../../store/lists.js';
import type { Site } from '../../../store/sites.js';
import { context, listFrom, nextLink, pageSize } from '../../resources.js';
import { runItemQuery } from './item-query.js';
import { type FieldsExpansion, fieldsResource, itemResource } from './item-resource.js';

/** Reads `$expand` for list items: only `fields` (with its own `$select`) is emulated. */
export function fieldsExpansion(expand: ExpandItem[] | undefined): FieldsExpansion {
  let out: FieldsExpansion;
  for (const e of expand ?? []) {
    if (e.name.toLowerCase() !== 'fields') throw invalidRequest(`Expanding '${e.name}' on list items is not supported by the emulator.`);
    out = { select: e.select };
  }
  return out;
}

/** One page of items; used by GET …/items and by `$expand=items` on a list. */
export function listItemsPage(
  ctx: EmulatorContext,
  req: EmulatorRequest,
  site: Site,
  list: ListRecord,
  options: ReturnType<typeof parseQueryOptions>,
) {
  const page = runItemQuery(ctx.db, list, columnsOf(ctx.db, list), options, req.headers.prefer, pageSize(options.top));
  const fields = fieldsExpansion(options.expand);
  return {
    value: page.rows.map((row) => itemResource(req, site, list, toItem(row), fields, options.select)),
    next: page.next,
  };
}

const ITEM_BODY_KEYS = new Set(['fields', 'contentType']);

function fieldsOfItemBody(body: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(body)) {
    if (!ITEM_BODY_KEYS.has(key) && !key.startsWith('@')) throw invalidRequest(`Property '${key}' does not exist on type 'microsoft.graph.listItem' or cannot be written.`);
  }
  const fields = body.fields ?? {};
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) throw invalidRequest("'fields' must be an object of field values.");
  return fields as Record<string, unknown>;
}

export function registerItemRoutes(r: Router, ctx: EmulatorContext): void {
  const { db } = ctx;
  const itemContext = (req: EmulatorRequest, site: Site, list: ListRecord) =>
    context(req, `sites('${encodeURIComponent(site.id)}')/lists('${list.id}')/items/$entity`);

  r.add('GET', '/sites/:site/lists/:list/items', 2, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    const options = parseQueryOptions(req.query);
    const page = listItemsPage(ctx, req, site, list, options);
    return json(200, {
      '@odata.context': context(req, `sites('${encodeURIComponent(site.id)}')/lists('${list.id}')/items`),
      value: page.value,
      ...(page.next ? { '@odata.nextLink': nextLink(req, '$skiptoken', page.next) } : {}),
    });
  });

  r.add('POST', '/sites/:site/lists/:list/items', 2, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    const columns = columnsOf(db, list);
    const values = validateFieldWrites(columns, fieldsOfItemBody(jsonBody(req)));
    const item = createItem(db, list, columns, values, req.caller);
    return json(201, { '@odata.context': itemContext(req, site, list), ...itemResource(req, site, list, item, {}) });
  });

  r.add('GET', '/sites/:site/lists/:list/items/:item', 1, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    const options = parseQueryOptions(req.query);
    const item = getItem(db, list, parseItemId(params.item ?? ''));
    return json(200, { '@odata.context': itemContext(req, site, list), ...itemResource(req, site, list, item, fieldsExpansion(options.expand), options.select) });
  });

  r.add('PATCH', '/sites/:site/lists/:list/items/:item', 2, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    const columns = columnsOf(db, list);
    const values = validateFieldWrites(columns, fieldsOfItemBody(jsonBody(req)));
    const item = updateItem(db, list, columns, parseItemId(params.item ?? ''), values, req.caller, req.headers['if-match']);
    return json(200, { '@odata.context': itemContext(req, site, list), ...itemResource(req, site, list, item, {}) });
  });

  r.add('DELETE', '/sites/:site/lists/:list/items/:item', 2, (req, params) => {
    const { list } = listFrom(ctx, params);
    deleteItem(db, list, parseItemId(params.item ?? ''), req.headers['if-match']);
    return noContent();
  });

  r.add('GET', '/sites/:site/lists/:list/items/:item/fields', 1, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    const { select } = parseQueryOptions(req.query);
    const item = getItem(db, list, parseItemId(params.item ?? ''));
    return json(200, {
      '@odata.context': context(req, `sites('${encodeURIComponent(site.id)}')/lists('${list.id}')/items('${item.id}')/fields/$entity`),
      ...fieldsResource(list, item, select),
    });
  });

  r.add('PATCH', '/sites/:site/lists/:list/items/:item/fields', 2, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    const columns = columnsOf(db, list);
    const values = validateFieldWrites(columns, jsonBody(req));
    const item = updateItem(db, list, columns, parseItemId(params.item ?? ''), values, req.caller, req.headers['if-match']);
    return json(200, {
      '@odata.context': context(req, `sites('${encodeURIComponent(site.id)}')/lists('${list.id}')/items('${item.id}')/fields/$entity`),
      ...fieldsResource(list, item),
    });
  });
}

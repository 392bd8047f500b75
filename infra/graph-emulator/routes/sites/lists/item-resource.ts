// The JSON of a listItem and of its fields, as Graph shows them.
import type { EmulatorRequest } from '../../../request.js';
import { renderFieldValues } from '../../../store/field-values.js';
import { type Item, itemETag } from '../../../store/items.js';
import type { ListRecord } from '../../../store/lists.js';
import type { Site } from '../../../store/sites.js';
import { context, identitySet } from '../../resources.js';

/** What `$expand=fields(...)` asked for: nothing, all fields, or a selection. */
export type FieldsExpansion = undefined | { select?: string[] };

/** An item's content type: a folder in a library says so in its ContentType field; otherwise the list's default. */
export function contentTypeOf(list: ListRecord, item?: Item) {
  const suffix = list.id.replaceAll('-', '').toUpperCase();
  if (item?.fields.ContentType === 'Folder') return { id: `0x012000${suffix}`, name: 'Folder' };
  return list.template === 'documentLibrary' ? { id: `0x010100${suffix}`, name: 'Document' } : { id: `0x0100${suffix}`, name: 'Item' };
}

export function fieldsResource(list: ListRecord, item: Item, select?: string[]) {
  const all: Record<string, unknown> = {
    ...renderFieldValues(item.fields),
    id: String(item.id),
    ContentType: contentTypeOf(list, item).name,
    _UIVersionString: `${item.version}.0`,
    Attachments: false,
  };
  const wanted = select && select.length > 0 ? new Set(select.map((s) => s.toLowerCase())) : undefined;
  const out: Record<string, unknown> = { '@odata.etag': itemETag(item) };
  for (const [k, v] of Object.entries(all)) if (!wanted || wanted.has(k.toLowerCase())) out[k] = v;
  return out;
}

export function itemResource(req: EmulatorRequest, site: Site, list: ListRecord, item: Item, fields: FieldsExpansion, select?: string[]) {
  const etag = itemETag(item);
  const resource: Record<string, unknown> = {
    '@odata.etag': etag,
    createdDateTime: item.fields.Created,
    eTag: etag,
    id: String(item.id),
    lastModifiedDateTime: item.fields.Modified,
    webUrl: `${list.webUrl}/DispForm.aspx?ID=${item.id}`,
    createdBy: identitySet(item.createdBy),
    lastModifiedBy: identitySet(item.modifiedBy),
    // Graph's delta example shows the list's folder path beside the ids.
    parentReference: { id: list.id, path: encodeURI(new URL(list.webUrl).pathname.replace(/^\//, '')), siteId: site.id },
    contentType: contentTypeOf(list, item),
  };
  const wanted = select && select.length > 0 ? new Set(select.map((s) => s.toLowerCase())) : undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(resource)) if (k.startsWith('@') || !wanted || wanted.has(k.toLowerCase())) out[k] = v;
  if (fields) {
    out['fields@odata.context'] = context(req, `sites('${encodeURIComponent(site.id)}')/lists('${list.id}')/items('${item.id}')/fields/$entity`);
    out.fields = fieldsResource(list, item, fields.select);
  }
  return out;
}

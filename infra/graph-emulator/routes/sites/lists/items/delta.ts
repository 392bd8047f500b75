// /sites/{site}/lists/{list}/items/delta: a full enumeration, then only what changed, with `?token=` links as Graph gives them.
import { resyncRequired } from '../../../../errors.js';
import { parseQueryOptions } from '../../../../odata/query-options.js';
import { type EmulatorRequest, json } from '../../../../request.js';
import type { Router } from '../../../../router.js';
import type { EmulatorContext } from '../../../../server.js';
import { getMeta } from '../../../../store/database.js';
import { changesSince, getItemsByIds, latestChange, queryItems, toItem } from '../../../../store/items.js';
import { context, encodePath, listFrom, pageSize } from '../../../resources.js';
import { contentTypeOf, itemResource } from '../item-resource.js';
import { fieldsExpansion } from '../items.js';

/** What a delta token remembers: the database epoch, where the round started and ends, how far it got. */
interface DeltaToken {
  e: string;
  /** Phase: 'i' enumerates all items by id, 'c' reads the change log. */
  p: 'i' | 'c';
  /** Change sequence the round starts after. */
  s: number;
  /** Change sequence the round ends at (a snapshot taken on its first page). */
  m: number;
  /** Progress within the round: last item id (phase i) or change sequence (phase c). */
  a: number;
  /** When the round's token was issued (ms), for expiry. */
  t: number;
}

const encode = (t: DeltaToken) => Buffer.from(JSON.stringify(t)).toString('base64url');

function decode(raw: string): DeltaToken | undefined {
  try {
    const t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as DeltaToken;
    const ok = typeof t.e === 'string' && (t.p === 'i' || t.p === 'c') && [t.s, t.m, t.a, t.t].every((n) => Number.isSafeInteger(n) && n >= 0);
    return ok ? t : undefined;
  } catch {
    return undefined;
  }
}

export function registerDeltaRoutes(r: Router, ctx: EmulatorContext): void {
  const { db } = ctx;

  // SharePoint charges 2 units for a delta without a token and 1 with one.
  const cost = (req: EmulatorRequest) => (req.query.get('token') ? 1 : 2);

  r.add('GET', '/sites/:site/lists/:list/items/delta', cost, (req, params) => {
    const { site, list } = listFrom(ctx, params);
    const options = parseQueryOptions(req.query);
    const epoch = getMeta(db, 'epoch') ?? '';
    const base = `${req.baseUrl}${encodePath(req.path)}`;
    const link = (t: DeltaToken) => {
      const q = new URLSearchParams(req.query);
      q.set('token', encode(t));
      return `${base}?${q.toString().replaceAll('%24', '$')}`;
    };
    const restart = () => {
      const q = new URLSearchParams(req.query);
      q.delete('token');
      return q.size ? `${base}?${q.toString().replaceAll('%24', '$')}` : base;
    };
    const raw = req.query.get('token');
    const now = Date.now();
    if (raw === 'latest') {
      return page(req, [], { '@odata.deltaLink': link({ e: epoch, p: 'c', s: latestChange(db), m: 0, a: 0, t: now }) });
    }
    let token: DeltaToken;
    if (raw === null) {
      token = { e: epoch, p: 'i', s: 0, m: latestChange(db), a: 0, t: now };
    } else {
      const parsed = decode(raw);
      const maxAge = ctx.faults.config.deltaTokenMaxAgeSeconds;
      if (!parsed || parsed.e !== epoch || (maxAge > 0 && now - parsed.t > maxAge * 1000)) throw resyncRequired(restart());
      token = parsed;
      // A deltaLink starts a new round: fix its end now so that writes during paging wait for the next one.
      if (token.p === 'c' && token.m === 0) token = { ...token, m: latestChange(db) };
    }

    const size = pageSize(options.top);
    const fields = fieldsExpansion(options.expand);
    const render = (item: ReturnType<typeof toItem>) => itemResource(req, site, list, item, fields, options.select);

    if (token.p === 'i') {
      const rows = queryItems(db, list, { where: { sql: 'id > ?', params: [token.a] }, order: [], orderSql: 'ORDER BY id', limit: size + 1 });
      const more = rows.length > size;
      const shown = rows.slice(0, size);
      const value = shown.map((row) => render(toItem(row)));
      if (more) return page(req, value, { '@odata.nextLink': link({ ...token, a: shown.at(-1)?.id ?? token.a }) });
      return page(req, value, { '@odata.deltaLink': link({ e: epoch, p: 'c', s: token.m, m: 0, a: 0, t: now }) });
    }

    const changes = changesSince(db, list, token.s, token.m, token.a, size + 1);
    const more = changes.length > size;
    const shown = changes.slice(0, size);
    const items = getItemsByIds(db, list, shown.map((c) => c.item_id));
    const value = shown.map((c) => {
      const item = items.get(c.item_id);
      return item ? render(item) : { id: String(c.item_id), parentReference: { siteId: site.id }, contentType: contentTypeOf(list), deleted: { state: 'deleted' } };
    });
    if (more) return page(req, value, { '@odata.nextLink': link({ ...token, a: shown.at(-1)?.seq ?? token.a }) });
    return page(req, value, { '@odata.deltaLink': link({ e: epoch, p: 'c', s: token.m, m: 0, a: 0, t: now }) });
  });
}

function page(req: EmulatorRequest, value: unknown[], links: Record<string, string>) {
  return json(200, { '@odata.context': context(req, 'Collection(listItem)'), value, ...links });
}

// Shared pieces of Graph's JSON: @odata.context, identity sets, $select on top-level properties, address resolution.
import { invalidRequest } from '../errors.js';
import type { EmulatorContext } from '../server.js';
import type { Caller, EmulatorRequest } from '../request.js';
import { type ListRecord, resolveList } from '../store/lists.js';
import { type Site, resolveSite } from '../store/sites.js';

export const context = (req: EmulatorRequest, fragment: string) => `${req.baseUrl}/$metadata#${fragment}`;

/** How Graph shows an app-only writer: the application, and SharePoint's own display of it. */
export function identitySet(caller: Caller) {
  return { application: { id: caller.appId, displayName: caller.displayName }, user: { displayName: 'SharePoint App' } };
}

export function siteFrom(ctx: EmulatorContext, params: Record<string, string>): Site {
  return resolveSite(ctx.db, params.site ?? '', ctx.hostname);
}

export function listFrom(ctx: EmulatorContext, params: Record<string, string>): { site: Site; list: ListRecord } {
  const site = siteFrom(ctx, params);
  return { site, list: resolveList(ctx.db, site, params.list ?? '') };
}

/** Applies `$select` to a resource's top-level properties; annotations stay. */
export function applySelect<T extends Record<string, unknown>>(resource: T, select: string[] | undefined): Record<string, unknown> {
  if (!select || select.length === 0) return resource;
  const wanted = new Set(select.map((s) => s.toLowerCase()));
  return Object.fromEntries(Object.entries(resource).filter(([k]) => k.startsWith('@') || wanted.has(k.toLowerCase())));
}

/** Graph's page size for list queries, and the most `$top` may ask for. */
export const DEFAULT_PAGE = 200;
export const MAX_PAGE = 5000;

export function pageSize(top: number | undefined): number {
  if (top === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(top) || top < 1) throw invalidRequest('$top must be a positive integer.');
  return Math.min(top, MAX_PAGE);
}

/** The next-page link: the same request with the skip token replaced. */
export function nextLink(req: EmulatorRequest, tokenParam: string, token: string): string {
  const query = new URLSearchParams(req.query);
  query.delete('$skiptoken');
  query.delete('skiptoken');
  query.delete('token');
  query.set(tokenParam, token);
  return `${req.baseUrl}${encodePath(req.path)}?${query.toString().replaceAll('%24', '$')}`;
}

export function encodePath(path: string): string {
  return path.split('/').map((s) => encodeURIComponent(s).replaceAll('%3A', ':').replaceAll('%2C', ',')).join('/');
}

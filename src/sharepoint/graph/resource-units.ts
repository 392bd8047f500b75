// What SharePoint charges the app for one Graph request, in resource units (RU), so the pacer can stay inside the budget.
// Costs as SharePoint documents them: 1 for a single-item read or a delta with a token, 2 for a multi-item query,
// a create, an update, a delete or an upload, 5 for permission operations; each request inside a $batch on its own.
// https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online#application-throttling

/** Last path segments that name a collection: reading one is a multi-item query. */
const COLLECTIONS = new Set([
  'items',
  'lists',
  'columns',
  'contenttypes',
  'children',
  'versions',
  'drives',
  'sites',
  'subsites',
  'pages',
  'activities',
  'operations',
  'permissions',
  'followed',
]);

/** What an unreadable $batch body is charged: its most, 20 writes. */
const UNKNOWN_BATCH = 40;

export function resourceUnits(method: string, url: string, body?: unknown): number {
  const { segments, query } = split(url);
  const last = segments.at(-1)?.toLowerCase() ?? '';
  const m = method.toUpperCase();
  if (m === 'POST' && last === '$batch') return batchUnits(body);
  if (segments.some((s) => s.toLowerCase() === 'permissions')) return 5;
  if (m !== 'GET' && m !== 'HEAD') return 2;
  if (last === 'delta') {
    const q = queryOptions(query);
    return q.has('token') || q.has('$deltatoken') || q.has('$skiptoken') ? 1 : 2;
  }
  return COLLECTIONS.has(last) ? 2 : 1;
}

function batchUnits(body: unknown): number {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return UNKNOWN_BATCH;
    }
  }
  const requests = (parsed as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests)) return UNKNOWN_BATCH;
  let sum = 0;
  for (const r of requests as { method?: unknown; url?: unknown }[]) {
    sum += typeof r?.method === 'string' && typeof r.url === 'string' ? resourceUnits(r.method, r.url) : 2;
  }
  return sum;
}

/** The path's segments, and the raw query left unparsed: only a delta needs it, and an inbox query's $filter is long. */
function split(url: string): { segments: string[]; query: string } {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const query = queryAt === -1 ? '' : beforeHash.slice(queryAt);
  const parsed = new URL(queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt), 'http://relative.invalid/');
  const segments = parsed.pathname.split('/').filter((s) => s !== '');
  // A `host:/sites/x:` or `root:/a/b:` address stands for one resource; `…:/children` continues after it.
  const last = segments.at(-1) ?? '';
  if (last.endsWith(':') && segments.length > 1) segments.push('(addressed)');
  return { segments, query };
}

function queryOptions(query: string): Set<string> {
  return new Set([...new URLSearchParams(query).keys()].map((k) => k.toLowerCase()));
}

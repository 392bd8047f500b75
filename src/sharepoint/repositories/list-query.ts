// Item queries as SharePoint wants them: only indexed columns in $filter/$orderby, only the needed fields, opaque continuation tokens.
import type { GraphClient, GraphRequestSpec, ODataFilter } from '../graph/index.js';

/** Graph's largest page of list items. */
export const MAX_PAGE_SIZE = 5000;

export interface ItemQuery {
  /** `/sites/{site}/lists/{list}`. */
  list: string;
  /** Columns to read (`$expand=fields($select=…)`). */
  columns: readonly string[];
  /** Built with `where`: only indexed columns. */
  filter?: ODataFilter;
  /** Indexed columns only, e.g. `[['ReportedAt', 'desc']]`. */
  orderBy?: readonly (readonly [column: string, direction: 'asc' | 'desc'])[];
  top?: number;
}

/** A raw listItem as Graph answers it; validated by the mapping's `readEnvelope`. */
export type RawItem = Record<string, unknown>;

function queryOptions(q: ItemQuery, skipToken?: string): Record<string, string | number | undefined> {
  return {
    // Of the item itself only its id and ETag: the rest (creator, parent, content type …) is a kilobyte a row nobody reads.
    $select: 'id,eTag',
    $expand: `fields($select=${q.columns.join(',')})`,
    $orderby: q.orderBy?.map(([column, dir]) => `fields/${column} ${dir}`).join(',') || undefined,
    $top: q.top === undefined ? undefined : Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(q.top))),
    $skiptoken: skipToken,
  };
}

/** The GET of one page; a continuation token from `readPage` resumes the same query. */
export function itemRequest(q: ItemQuery, continuation?: string | null): GraphRequestSpec {
  const query = queryOptions(q, continuation ? decodeContinuation(continuation) : undefined);
  return { path: `${q.list}/items`, query, ...(q.filter ? { filter: q.filter } : {}) };
}

/** The same GET as a relative URL, for a `$batch` part (values percent-encoded as the client does). */
export function itemUrl(q: ItemQuery): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(queryOptions(q))) if (value !== undefined) parts.push(`${key}=${encode(String(value))}`);
  if (q.filter) parts.push(`$filter=${encode(q.filter.text)}`);
  return `${q.list}/items?${parts.join('&')}`;
}

const encode = (value: string) => encodeURIComponent(value).replaceAll('%24', '$').replaceAll('%2C', ',');

export interface RawPage {
  items: RawItem[];
  continuation: string | null;
}

/** One page of the query, and a token for the next one. */
export async function readPage(client: GraphClient, q: ItemQuery, continuation?: string | null): Promise<RawPage> {
  const { body } = await client.request<{ value?: RawItem[]; '@odata.nextLink'?: string }>(itemRequest(q, continuation));
  const next = body?.['@odata.nextLink'];
  return { items: body?.value ?? [], continuation: next === undefined ? null : encodeContinuation(next) };
}

/** Every item the query matches, page by page (for small lists and bounded queries). */
export async function readAll(client: GraphClient, q: ItemQuery): Promise<RawItem[]> {
  const out: RawItem[] = [];
  let continuation: string | null = null;
  do {
    const page: RawPage = await readPage(client, q, continuation);
    out.push(...page.items);
    continuation = page.continuation;
  } while (continuation !== null);
  return out;
}

/**
 * The token handed out is only the nextLink's `$skiptoken`, wrapped: the query itself is rebuilt
 * from the caller's own parameters, so a token sent back by a browser cannot point us at another
 * list or site.
 */
export function encodeContinuation(nextLink: string): string {
  const token = new URL(nextLink, 'https://graph.invalid').searchParams.get('$skiptoken');
  if (token === null) throw new Error('Graph sent a nextLink without $skiptoken; paging cannot resume it.');
  return Buffer.from(token, 'utf8').toString('base64url');
}

export class InvalidContinuationError extends Error {
  constructor() {
    super('The continuation token is not one this store handed out.');
    this.name = 'InvalidContinuationError';
  }
}

export function decodeContinuation(continuation: string): string {
  if (!/^[A-Za-z0-9_-]{1,8192}$/.test(continuation)) throw new InvalidContinuationError();
  return Buffer.from(continuation, 'base64url').toString('utf8');
}

// Reads every page of a Graph collection by following @odata.nextLink, with a guard on the number of pages.
// The SDK's PageIterator does not fit: it follows links with client.api(link), which understands only
// https links (the emulator's are http), and it throws the SDK's untyped errors.
import type { GraphClient, GraphRequestSpec } from './graph-client.js';

export interface Page<T> {
  value: T[];
  nextLink?: string;
  deltaLink?: string;
}

interface Collection<T> {
  value?: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export interface PagingOptions {
  /** Stop with PagingLimitError after this many pages (default 1,000: 200,000 items at Graph's default page size). */
  maxPages?: number;
}

/** More pages than the caller allowed: a query that should have been narrower, or a server that loops. */
export class PagingLimitError extends Error {
  constructor(readonly pages: number) {
    super(`Stopped after ${pages} pages; raise maxPages or narrow the query.`);
    this.name = 'PagingLimitError';
  }
}

/** Yields each page; the first request is a path or a full GET spec, later ones follow nextLink as given. */
export async function* pages<T>(client: GraphClient, first: string | GraphRequestSpec, options: PagingOptions = {}): AsyncGenerator<Page<T>> {
  const maxPages = options.maxPages ?? 1000;
  const seen = new Set<string>();
  let spec: GraphRequestSpec = typeof first === 'string' ? { path: first } : { ...first, method: 'GET' };
  for (let count = 1; ; count++) {
    const { body } = await client.request<Collection<T>>(spec);
    const page: Page<T> = { value: body?.value ?? [] };
    const next = body?.['@odata.nextLink'];
    if (next !== undefined) page.nextLink = next;
    if (body?.['@odata.deltaLink'] !== undefined) page.deltaLink = body['@odata.deltaLink'];
    yield page;
    if (next === undefined) return;
    if (count >= maxPages) throw new PagingLimitError(count);
    if (seen.has(next)) throw new Error('The server sent the same nextLink twice; stopping instead of looping.');
    seen.add(next);
    // The link carries every query option already; only our headers (Prefer, ConsistencyLevel…) go along.
    spec = { path: next, ...(spec.headers ? { headers: spec.headers } : {}) };
  }
}

/** Yields each item of every page. */
export async function* allItems<T>(client: GraphClient, first: string | GraphRequestSpec, options?: PagingOptions): AsyncGenerator<T> {
  for await (const page of pages<T>(client, first, options)) yield* page.value;
}

/** Every item of every page, in one array. */
export async function collectAll<T>(client: GraphClient, first: string | GraphRequestSpec, options?: PagingOptions): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages<T>(client, first, options)) out.push(...page.value);
  return out;
}

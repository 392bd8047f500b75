// The app's one way of talking to Microsoft Graph: the official client with our middleware chain, behind a small typed facade.
//
// Chain, outermost first (each retry of an outer link passes again through every inner one):
//   decorate (User-Agent, client-request-id) → RetryHandler (the SDK's: 429/503/504, Retry-After)
//   → connection retry (idempotent requests only) → pacer (resource units) → auth (token per attempt)
//   → fetch (one attempt, answer read in full).
// Emulator or tenant is only `baseUrl` and `getToken`; nothing else differs.
import { Client, ResponseType, RetryHandler, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { AuthMiddleware } from './auth-middleware.js';
import { type Clock, systemClock } from './clock.js';
import { ConnectionRetryMiddleware } from './connection-retry-middleware.js';
import { DecorateMiddleware, type UserAgentParts, userAgentString } from './decorate-middleware.js';
import { FetchMiddleware, answerBytes, answerText } from './fetch-middleware.js';
import { errorFromResponse, pathForLogs, retryAfterSeconds } from './graph-error.js';
import { RequestTrace } from './middleware.js';
import type { ODataFilter } from './odata.js';
import { PacerMiddleware } from './pacer-middleware.js';
import { ResourcePacer } from './pacer.js';
import { isIdempotent } from './request-info.js';
import { type FetchLike, fetchTransport, undiciTransport } from './transport.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface GraphClientOptions {
  /** `https://graph.microsoft.com/v1.0`, `https://graph.microsoft.com/` (version from `version`), or the emulator's `http://127.0.0.1:5099/v1.0`. */
  baseUrl: string;
  /** Used when `baseUrl` names no version; default v1.0. */
  version?: string;
  /** An app-only token for Graph; asked once per attempt, so it should cache (msal-node does). */
  getToken: () => Promise<string>;
  /** Publisher and version for `NONISV|<publisher>|Varde/<version>`, or the whole string. */
  userAgent: UserAgentParts | string;
  /** The app's SharePoint resource-unit budget per minute; unset paces only on the server's RateLimit signals. */
  ruPerMinute?: number;
  /** Retries of 429/503/504 answers (the SDK's RetryHandler; at most 10). Default 5. */
  maxRetries?: number;
  /** Longest Retry-After we wait in-process; a longer one surfaces as GraphThrottledError at once. Default 120 s. */
  maxRetryAfterSeconds?: number;
  /** Retries of lost connections for idempotent requests. Default 3. */
  connectionRetries?: number;
  /** First connection-retry backoff step (doubles, jittered, up to 10 s). Default 200 ms. */
  connectionRetryBaseMs?: number;
  /** One attempt's limit. Default 100 s, Graph's own request timeout. */
  requestTimeoutMs?: number;
  /** Pacer margin over the one-minute window. Default 250 ms. */
  pacerMarginMs?: number;
  clock?: Clock;
  /** Instead of undici's request API (transport.ts): tests inject failures through it. */
  fetch?: FetchLike;
  /** Retries as they happen, for logs and metrics: method, path without query, codes; never bodies or tokens. */
  onEvent?: (event: GraphEvent) => void;
}

export type GraphEvent =
  | { type: 'throttled'; method: string; path: string; status: number; retryAfterSeconds: number | undefined; attempt: number; willRetry: boolean }
  | { type: 'connection-retry'; method: string; path: string; code: string; attempt: number; delayMs: number };

export type QueryValue = string | number | boolean | undefined;

export interface GraphRequestSpec {
  method?: HttpMethod;
  /** Relative to the version root (`/sites/{id}/lists`), or an absolute link Graph gave us (nextLink, deltaLink). */
  path: string;
  /** OData and other query options; values are encoded here. `$filter` only through `filter`. */
  query?: Record<string, QueryValue>;
  /** Built with odata.ts, so that no value reaches the query unescaped. */
  filter?: ODataFilter;
  headers?: Record<string, string>;
  /** Sent as If-Match: a stale eTag then fails with GraphConflictError instead of overwriting. */
  ifMatch?: string;
  body?: unknown;
  /** How to read a successful answer; default JSON (an empty answer reads as undefined). */
  responseType?: 'json' | 'text' | 'arrayBuffer';
}

export interface GraphResponse<T> {
  status: number;
  headers: Headers;
  body: T;
  /** Attempts, units, waits: for metrics and tests. */
  trace: RequestTrace;
}

type CallOptions = Omit<GraphRequestSpec, 'method' | 'path' | 'body'>;

export interface GraphClient {
  /** The official client underneath, with our chain (for SDK helpers such as LargeFileUploadTask). */
  readonly sdk: Client;
  /** Normalised, with the version: `https://graph.microsoft.com/v1.0`. */
  readonly baseUrl: string;
  readonly pacer: ResourcePacer;
  readonly userAgent: string;
  request<T = unknown>(spec: GraphRequestSpec): Promise<GraphResponse<T>>;
  get<T = unknown>(path: string, options?: CallOptions): Promise<T>;
  post<T = unknown>(path: string, body: unknown, options?: CallOptions): Promise<T>;
  patch<T = unknown>(path: string, body: unknown, options?: CallOptions): Promise<T>;
  put<T = unknown>(path: string, body: unknown, options?: CallOptions): Promise<T>;
  delete(path: string, options?: CallOptions): Promise<void>;
  /** A link under our base URL as a path relative to the version root; refuses links to anywhere else. */
  relativePath(link: string): string;
}

/** The SDK reads the ceiling from getMaxDelay(); handed per request, this instance keeps its override. */
class CeilingRetryOptions extends RetryHandlerOptions {
  constructor(
    maxRetries: number,
    shouldRetry: RetryHandlerOptions['shouldRetry'],
    private readonly ceilingSeconds: number,
  ) {
    super(1, maxRetries, shouldRetry);
  }

  override getMaxDelay(): number {
    return this.ceilingSeconds;
  }
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const base = splitBaseUrl(options.baseUrl, options.version ?? 'v1.0');
  const clock = options.clock ?? systemClock;
  const userAgent = typeof options.userAgent === 'string' ? options.userAgent : userAgentString(options.userAgent);
  const pacer = new ResourcePacer({ ruPerMinute: options.ruPerMinute, marginMs: options.pacerMarginMs, clock });
  const ceiling = options.maxRetryAfterSeconds ?? 120;
  const emit = options.onEvent ?? (() => undefined);

  const retryOptions = new CeilingRetryOptions(
    Math.min(10, options.maxRetries ?? 5),
    (_delay, attempt, request, fetchOptions, response) => {
      const method = (fetchOptions?.method ?? 'GET').toUpperCase();
      const path = pathForLogs(typeof request === 'string' ? request : (request as { url: string }).url);
      const wait = retryAfterSeconds(response.headers);
      const ifMatch = headerIn(fetchOptions?.headers, 'if-match');
      // A gateway timeout may come after the work was done: only an idempotent request may go again.
      const willRetry = !(response.status === 504 && !isIdempotent(method, ifMatch)) && (wait === undefined || wait <= ceiling);
      emit({ type: 'throttled', method, path, status: response.status, retryAfterSeconds: wait, attempt: attempt + 1, willRetry });
      return willRetry;
    },
    ceiling,
  );

  const sdk = Client.initWithMiddleware({
    baseUrl: base.host,
    defaultVersion: base.version,
    middleware: [
      new DecorateMiddleware(userAgent),
      new RetryHandler(retryOptions),
      new ConnectionRetryMiddleware({
        maxRetries: options.connectionRetries ?? 3,
        baseDelayMs: options.connectionRetryBaseMs ?? 200,
        maxDelayMs: 10_000,
        clock,
        onRetry: (info) => emit({ type: 'connection-retry', ...info }),
      }),
      new PacerMiddleware(pacer),
      new AuthMiddleware(base.origin, options.getToken),
      new FetchMiddleware(options.fetch ? fetchTransport(options.fetch) : undiciTransport(), options.requestTimeoutMs ?? 100_000),
    ],
  });

  const relativePath = (link: string): string => {
    if (!/^https?:\/\//i.test(link)) return link.startsWith('/') ? link : `/${link}`;
    const url = new URL(link);
    const inside = url.origin === base.origin && (url.pathname === base.path || url.pathname.startsWith(`${base.path}/`));
    // A link elsewhere would carry our token to another host.
    if (!inside) throw new Error(`Refusing a link outside ${base.origin}${base.path}: ${url.origin}${pathForLogs(url.pathname)}`);
    return (url.pathname.slice(base.path.length) || '/') + url.search;
  };

  async function request<T>(spec: GraphRequestSpec): Promise<GraphResponse<T>> {
    const method = spec.method ?? 'GET';
    const target = withQuery(relativePath(spec.path), spec.query, spec.filter);
    const trace = new RequestTrace();
    const headers: Record<string, string> = { ...spec.headers };
    if (spec.ifMatch !== undefined) headers['If-Match'] = spec.ifMatch;
    const call = sdk.api(target).headers(headers).responseType(ResponseType.RAW).middlewareOptions([trace, retryOptions]);
    let raw: Response;
    try {
      if (method === 'GET') raw = await call.get();
      else if (method === 'POST') raw = await call.post(spec.body);
      else if (method === 'PATCH') raw = await call.patch(spec.body);
      else if (method === 'PUT') raw = await call.put(spec.body);
      else raw = await call.delete();
    } catch (err) {
      // GraphRequest wraps what a link throws in its own GraphError; the typed failure waits in the trace.
      if (trace.failure) throw trace.failure;
      throw err;
    }
    if (!raw.ok) {
      const body = await readBody(raw, 'json').catch(() => undefined);
      // The full path, as the connection-retry link reports it too: `/v1.0/sites/…`.
      throw errorFromResponse({ status: raw.status, headers: raw.headers, body, method, path: `${base.path}${target}`, idempotent: isIdempotent(method, spec.ifMatch) });
    }
    return { status: raw.status, headers: raw.headers, body: (await readBody(raw, spec.responseType ?? 'json')) as T, trace };
  }

  return {
    sdk,
    baseUrl: `${base.origin}${base.path}`,
    pacer,
    userAgent,
    request,
    relativePath,
    get: async (path, o) => (await request({ ...o, method: 'GET', path })).body as never,
    post: async (path, body, o) => (await request({ ...o, method: 'POST', path, body })).body as never,
    patch: async (path, body, o) => (await request({ ...o, method: 'PATCH', path, body })).body as never,
    put: async (path, body, o) => (await request({ ...o, method: 'PUT', path, body })).body as never,
    delete: async (path, o) => {
      await request({ ...o, method: 'DELETE', path });
    },
  };
}

/** `https://host/prefix/v1.0` → SDK host `https://host/prefix` and version `v1.0`. */
function splitBaseUrl(baseUrl: string, defaultVersion: string) {
  const url = new URL(baseUrl);
  if (url.search || url.hash) throw new Error('The Graph base URL takes no query or fragment.');
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const last = segments.at(-1);
  const version = last && /^(v\d+\.\d+|beta)$/i.test(last) ? last : defaultVersion;
  if (version === last) segments.pop();
  const prefix = segments.length ? `/${segments.join('/')}` : '';
  return { origin: url.origin, host: `${url.origin}${prefix}`, version, path: `${prefix}/${version}` };
}

/** Appends query options, each value percent-encoded (so `&`, `#`, `+` and quotes in values stay values). */
function withQuery(path: string, query: Record<string, QueryValue> | undefined, filter: ODataFilter | undefined): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (/^\$?filter$/i.test(key)) throw new Error('Pass $filter as `filter`, built with odata.ts, so that every value in it is escaped.');
    if (!/^\$?[A-Za-z][A-Za-z0-9_.-]*$/.test(key)) throw new Error(`Invalid query option name '${key}'.`);
    parts.push(`${key}=${encodeValue(String(value))}`);
  }
  if (filter) parts.push(`$filter=${encodeValue(filter.text)}`);
  if (parts.length === 0) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${parts.join('&')}`;
}

// `$` and `,` are left readable: OData's own punctuation, harmless in a query (RFC 3986 §3.4).
const encodeValue = (value: string) => encodeURIComponent(value).replaceAll('%24', '$').replaceAll('%2C', ',');

function headerIn(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const record = headers as Record<string, string>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : record[key];
}

async function readBody(res: Response, type: 'json' | 'text' | 'arrayBuffer'): Promise<unknown> {
  if (type === 'arrayBuffer') return answerBytes(res);
  const text = await answerText(res);
  if (type === 'text') return text;
  if (text === '') return undefined;
  const contentType = res.headers.get('content-type') ?? '';
  return /json/i.test(contentType) ? JSON.parse(text) : text;
}

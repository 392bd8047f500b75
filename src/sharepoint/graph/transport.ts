// How one attempt reaches Graph and comes back read in full: undici's request API by default, or a fetch given in.
//
// Not the global fetch by default: every fetch builds a WHATWG Request, a signal, a Headers and a body stream, some
// of them held by finalization registries past the next garbage collection, so every scavenge copies them (issue 6's
// inbox benchmark: 1–2 MB a scavenge, 3.2 ms each; through undici's request API 1.2–1.5 ms).
import { Agent, type Dispatcher, interceptors } from 'undici';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;
type HeadersInit = ConstructorParameters<typeof Headers>[0];

export interface OutgoingRequest {
  method: string;
  /** As the SDK leaves them on its context: a plain record, Headers or pairs. */
  headers: HeadersInit | undefined;
  /** As the SDK serialised it: JSON text, or bytes for uploads. */
  body: unknown;
  /** The attempt's limit: waiting for the answer's headers, and each pause within its body. */
  timeoutMs: number;
}

/** One answer, its body read whole (null when the status carries none). */
export interface Answer {
  status: number;
  headers: Headers;
  bytes: ArrayBuffer | null;
}

export type Transport = (url: string, request: OutgoingRequest) => Promise<Answer>;

const NO_BODY = new Set([101, 204, 205, 304]);
/** As many as fetch follows before it gives up (20), far more than Graph ever sends. */
const MAX_REDIRECTIONS = 20;

/**
 * undici's request API over one keep-alive pool for the process. Its errors keep undici's codes (UND_ERR_SOCKET,
 * UND_ERR_HEADERS_TIMEOUT, ECONNREFUSED …), which the connection-retry link sorts into lost and unsent. Redirects are
 * followed as fetch follows them (a file's `/content` is a 302 to its download address), the Authorization header
 * dropped on the way to another origin.
 */
export function undiciTransport(pool: Dispatcher = sharedAgent()): Transport {
  const dispatcher = pool.compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTIONS }));
  return async (url, request) => {
    const { origin, path } = splitUrl(url);
    const { statusCode, headers, body } = await dispatcher.request({
      origin,
      path,
      method: request.method.toUpperCase() as Dispatcher.HttpMethod,
      headers: headerPairs(request.headers),
      body: await bodyBytes(request.body),
      headersTimeout: request.timeoutMs,
      bodyTimeout: request.timeoutMs,
    });
    const answerHeaders = new Headers();
    for (const [name, value] of Object.entries(headers)) {
      if (Array.isArray(value)) for (const v of value) answerHeaders.append(name, v);
      else if (value !== undefined) answerHeaders.append(name, value);
    }
    // Read (or dropped) in full either way: an unread body would hold its connection.
    if (NO_BODY.has(statusCode)) {
      await body.dump();
      return { status: statusCode, headers: answerHeaders, bytes: null };
    }
    const bytes = await body.arrayBuffer();
    return { status: statusCode, headers: answerHeaders, bytes };
  };
}

/** A fetch (tests inject one to break connections; other runtimes may bring their own), its timeout an abort. */
export function fetchTransport(fetchImpl: FetchLike): Transport {
  return async (url, request) => {
    // A timer cleared when the answer is in, not AbortSignal.timeout: that one's timer and signal live on for the
    // whole limit (100 s) after every request.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException('The request timed out.', 'TimeoutError')), request.timeoutMs);
    try {
      const res = await fetchImpl(url, { method: request.method, ...(request.headers ? { headers: request.headers } : {}), ...(request.body !== undefined ? { body: request.body as RequestInit['body'] } : {}), signal: abort.signal });
      return { status: res.status, headers: res.headers, bytes: NO_BODY.has(res.status) ? null : await res.arrayBuffer() };
    } finally {
      clearTimeout(timer);
    }
  };
}

let agent: Agent | undefined;

/** Connections stay open between requests (undici's default keep-alive); idle sockets do not hold the process. */
function sharedAgent(): Agent {
  return (agent ??= new Agent());
}

/** `https://host:port/v1.0/x?y` → origin and path with its query, untouched (a URL object would re-encode it). */
function splitUrl(url: string): { origin: string; path: string } {
  const pathAt = url.indexOf('/', url.indexOf('//') + 2);
  return pathAt === -1 ? { origin: url, path: '/' } : { origin: url.slice(0, pathAt), path: url.slice(pathAt) };
}

function headerPairs(headers: HeadersInit | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(headers);
  return headers as Record<string, string>;
}

async function bodyBytes(body: unknown): Promise<string | Uint8Array | null> {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  throw new TypeError(`A Graph request body must be text or bytes, not ${Object.prototype.toString.call(body)}.`);
}

// Typed failures of Graph requests: what callers branch on, carrying Graph's code, status and request-id for logs (never bodies or tokens).
// Graph's error resource: https://learn.microsoft.com/graph/errors

/** What a failure keeps for logs and for the caller's decisions; no request or response bodies. */
export interface GraphFailureDetails {
  /** HTTP status; 0 when no HTTP answer arrived. */
  status: number;
  /** Graph's `error.code` (e.g. `resourceModified`), or ours for failures without an answer. */
  code: string;
  method: string;
  /** The request path without its query (queries can hold personal data in `$filter` values). */
  path: string;
  requestId?: string;
  clientRequestId?: string;
  /** Graph's own message: may echo what was sent, so it is kept apart from `message` and out of `toLog()`. */
  graphMessage?: string;
  /** Seconds Graph asked us to wait (429/503), when it said. */
  retryAfterSeconds?: number;
  /** `Location` header, e.g. the fresh start link that comes with a delta 410. */
  location?: string;
}

/** Base class of every failure this adapter throws; `message` is safe to log. */
export class GraphFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly method: string;
  readonly path: string;
  readonly requestId: string | undefined;
  readonly clientRequestId: string | undefined;
  readonly graphMessage: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly location: string | undefined;

  constructor(details: GraphFailureDetails, options?: { cause?: unknown }) {
    const id = details.requestId ? ` request-id ${details.requestId}` : '';
    super(`${details.method} ${details.path} → ${details.status || 'no answer'} ${details.code}${id}`, options);
    this.name = new.target.name;
    this.status = details.status;
    this.code = details.code;
    this.method = details.method;
    this.path = details.path;
    this.requestId = details.requestId;
    this.clientRequestId = details.clientRequestId;
    this.graphMessage = details.graphMessage;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.location = details.location;
  }

  /** The fields a log line may carry. */
  toLog(): Record<string, string | number | undefined> {
    return {
      error: this.name,
      status: this.status,
      code: this.code,
      method: this.method,
      path: this.path,
      requestId: this.requestId,
      clientRequestId: this.clientRequestId,
    };
  }
}

/** 412 (If-Match did not match: someone else saved first) or 409 (a name or unique value is taken). */
export class GraphConflictError extends GraphFailure {}

/** 404: the site, list or item does not exist (or is not visible to the app). */
export class GraphNotFoundError extends GraphFailure {}

/** 429/503/504 that outlasted our retries, or asked for a wait longer than our ceiling: try again later. */
export class GraphThrottledError extends GraphFailure {}

/** Any other error answer (400, 401, 403, 410, 5xx…), with Graph's code. */
export class GraphRequestError extends GraphFailure {}

/** No HTTP answer after our retries (connection refused, reset, timed out). Safe to repeat later only if the request is idempotent. */
export class GraphNetworkError extends GraphFailure {}

/**
 * A non-idempotent request (POST, PATCH without If-Match) lost its connection after it may have
 * reached Graph: it may or may not have been applied. Not retried blindly; the caller looks it up
 * (by its idempotency key) and decides.
 */
export class GraphUnknownOutcome extends GraphNetworkError {}

/** Drops the query and the path part of `root:/Folder/File.docx:` addresses (file names can name people). */
export function pathForLogs(pathOrUrl: string): string {
  let path = pathOrUrl;
  if (/^https?:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      path = '(unparsable url)';
    }
  }
  const q = path.indexOf('?');
  if (q >= 0) path = path.slice(0, q);
  return path.replace(/(root|items\/[^/:]+):\/[^:]*:?/gi, '$1:/…:');
}

type HeaderSource = Headers | Record<string, string | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

/** Retry-After in seconds from either form the header may take (delta-seconds or an HTTP date). */
export function retryAfterSeconds(headers: HeaderSource, now = Date.now()): number | undefined {
  const raw = header(headers, 'retry-after');
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (Number.isFinite(n)) return Math.max(0, n);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

interface GraphErrorBody {
  error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> };
}

/** Maps one Graph error answer (a whole response or one part of a `$batch`) to its typed error. */
export function errorFromResponse(input: {
  status: number;
  headers?: HeaderSource;
  body?: unknown;
  method: string;
  path: string;
  /** A gateway timeout (504) on a request that is not idempotent may have been applied. */
  idempotent?: boolean;
}): GraphFailure {
  const err = (input.body && typeof input.body === 'object' ? (input.body as GraphErrorBody).error : undefined) ?? {};
  const inner = err.innerError ?? {};
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const details: GraphFailureDetails = {
    status: input.status,
    code: str(err.code) ?? `http${input.status}`,
    method: input.method.toUpperCase(),
    path: pathForLogs(input.path),
    requestId: header(input.headers, 'request-id') ?? str(inner['request-id']),
    clientRequestId: header(input.headers, 'client-request-id') ?? str(inner['client-request-id']),
    graphMessage: str(err.message),
    retryAfterSeconds: retryAfterSeconds(input.headers),
    location: header(input.headers, 'location'),
  };
  switch (input.status) {
    case 404:
      return new GraphNotFoundError(details);
    case 409:
    case 412:
      return new GraphConflictError(details);
    case 504:
      return input.idempotent === false ? new GraphUnknownOutcome(details) : new GraphThrottledError(details);
    case 429:
    case 503:
      return new GraphThrottledError(details);
    default:
      return new GraphRequestError(details);
  }
}

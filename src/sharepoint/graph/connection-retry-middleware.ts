// Retries requests whose connection failed, but only where repeating cannot apply them twice; a lost POST becomes GraphUnknownOutcome.
import type { Context } from '@microsoft/microsoft-graph-client';
import { type Clock, jitteredBackoff } from './clock.js';
import { GraphNetworkError, GraphUnknownOutcome, pathForLogs } from './graph-error.js';
import { ChainLink, traceOf } from './middleware.js';
import { contextIsIdempotent, requestMethod, requestUrl } from './request-info.js';

/**
 * How a fetch failed: `unsent` when no connection was made (nothing reached the server, so any
 * request may be repeated), `lost` when the connection broke or timed out after the request may
 * have been received. Undefined for anything that is not a connection failure (a bug, an abort).
 */
export type ConnectionFailure = 'unsent' | 'lost';

const UNSENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const LOST = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export function classifyConnectionError(err: unknown): { kind: ConnectionFailure; code: string } | undefined {
  // fetch wraps the socket error: TypeError('fetch failed' | 'terminated') with the cause (and its cause) below.
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNSENT.has(code)) return { kind: 'unsent', code };
    if (typeof code === 'string' && LOST.has(code)) return { kind: 'lost', code };
    // Our per-attempt timeout (AbortSignal.timeout) ends the request while the server may be working on it.
    if ((e as { name?: unknown }).name === 'TimeoutError') return { kind: 'lost', code: 'timeout' };
  }
  if (err instanceof TypeError && /fetch failed|terminated|other side closed|socket/i.test(err.message)) return { kind: 'lost', code: 'network' };
  return undefined;
}

export interface ConnectionRetryOptions {
  /** Retries after the first attempt (default 3). */
  maxRetries: number;
  /** First backoff step in ms (default 200); doubles per retry, up to maxDelayMs, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  clock: Clock;
  onRetry?: (info: { method: string; path: string; code: string; attempt: number; delayMs: number }) => void;
}

export class ConnectionRetryMiddleware extends ChainLink {
  constructor(private readonly options: ConnectionRetryOptions) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const idempotent = contextIsIdempotent(context);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.forward(context);
        return;
      } catch (err) {
        const failure = classifyConnectionError(err);
        if (!failure) throw err;
        const method = requestMethod(context);
        const path = pathForLogs(requestUrl(context));
        const repeatable = idempotent || failure.kind === 'unsent';
        if (repeatable && attempt < this.options.maxRetries) {
          const delayMs = jitteredBackoff(attempt, this.options.baseDelayMs, this.options.maxDelayMs);
          const trace = traceOf(context);
          if (trace) trace.connectionRetries++;
          this.options.onRetry?.({ method, path, code: failure.code, attempt: attempt + 1, delayMs });
          await this.options.clock.sleep(delayMs);
          continue;
        }
        const details = { status: 0, code: failure.code, method, path, clientRequestId: traceOf(context)?.clientRequestId };
        const typed = repeatable ? new GraphNetworkError(details, { cause: err }) : new GraphUnknownOutcome(details, { cause: err });
        const trace = traceOf(context);
        if (trace) trace.failure = typed;
        throw typed;
      }
    }
  }
}

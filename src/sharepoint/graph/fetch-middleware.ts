// The chain's last link: sends the request with fetch and reads the whole answer, so a connection lost mid-body is seen here, where it can be retried.
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { traceOf } from './middleware.js';
import { requestUrl } from './request-info.js';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

const NO_BODY = new Set([101, 204, 205, 304]);

export class FetchMiddleware implements Middleware {
  constructor(
    private readonly fetchImpl: FetchLike,
    /** One attempt's limit; a request over it counts as a lost connection. */
    private readonly timeoutMs: number,
  ) {}

  async execute(context: Context): Promise<void> {
    const trace = traceOf(context);
    if (trace) trace.attempts++;
    const init = { ...(context.options as RequestInit), signal: AbortSignal.timeout(this.timeoutMs) };
    const res = await this.fetchImpl(requestUrl(context), init);
    // Buffered: Graph's JSON answers are small (4 MB at most), and an unread body would hold its socket.
    const body = NO_BODY.has(res.status) ? null : await res.arrayBuffer();
    context.response = new Response(body && body.byteLength > 0 ? body : null, { status: res.status, statusText: res.statusText, headers: res.headers });
  }
}

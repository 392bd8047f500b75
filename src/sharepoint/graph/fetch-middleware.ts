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
    // A timer cleared when the answer is in, not AbortSignal.timeout: that one's timer and signal live on for the
    // whole limit (100 s) after every request, thousands of them under load, all promoted to the old heap.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException('The request timed out.', 'TimeoutError')), this.timeoutMs);
    try {
      const res = await this.fetchImpl(requestUrl(context), { ...(context.options as RequestInit), signal: abort.signal });
      // Buffered: Graph's JSON answers are small (4 MB at most), and an unread body would hold its socket. The bytes
      // travel beside the Response (readers use answerText/answerBytes): a copy of the Response around them, or a second
      // stream over them, cost more per page than the JSON parse.
      if (!NO_BODY.has(res.status)) BUFFERED.set(res, await res.arrayBuffer());
      context.response = res;
    } finally {
      clearTimeout(timer);
    }
  }
}

const BUFFERED = new WeakMap<Response, ArrayBuffer>();

/** The answer's bytes as FetchMiddleware read them (any other Response: read from its own body). */
export async function answerBytes(res: Response): Promise<ArrayBuffer> {
  return BUFFERED.get(res) ?? (await res.arrayBuffer());
}

/** The answer's text (UTF-8), as answerBytes. */
export async function answerText(res: Response): Promise<string> {
  const bytes = BUFFERED.get(res);
  if (!bytes) return await res.text();
  // Buffer's decoder over the same bytes (no copy) is faster than TextDecoder's; the BOM goes, as TextDecoder drops it.
  const text = Buffer.from(bytes).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

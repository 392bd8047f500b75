// The chain's last link: sends the request and reads the whole answer, so a connection lost mid-body is seen here, where it can be retried.
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { traceOf } from './middleware.js';
import { requestUrl } from './request-info.js';
import type { Transport } from './transport.js';

export class FetchMiddleware implements Middleware {
  constructor(
    private readonly transport: Transport,
    /** One attempt's limit; a request over it counts as a lost connection. */
    private readonly timeoutMs: number,
  ) {}

  async execute(context: Context): Promise<void> {
    const trace = traceOf(context);
    if (trace) trace.attempts++;
    const options = context.options ?? {};
    const answer = await this.transport(requestUrl(context), { method: options.method ?? 'GET', headers: options.headers, body: options.body, timeoutMs: this.timeoutMs });
    // The SDK's handlers (RetryHandler) and ours read status and headers from a Response; the bytes travel beside it
    // (answerText/answerBytes): a Response over them would wrap them in a stream only to read it back.
    const res = new Response(null, { status: answer.status, headers: answer.headers });
    if (answer.bytes) BUFFERED.set(res, answer.bytes);
    context.response = res;
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

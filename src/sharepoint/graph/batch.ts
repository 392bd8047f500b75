// Runs many requests through JSON $batch: chunks of at most 20, a few chunks at a time, results in input order.
// https://learn.microsoft.com/graph/json-batching
//
// Graph answers a $batch with one status per part; a part can be throttled (429/503) while its
// neighbours succeed, and each part is charged and throttled on its own. So only the throttled
// parts go again, after the longest Retry-After among them. A lost connection on the $batch POST
// leaves every part's outcome unknown: idempotent parts are sent again, the others are reported
// as GraphUnknownOutcome for their caller to look up. dependsOn is not offered: every part stands
// alone, which keeps partial retries simple.
import { type Clock, jitteredBackoff, systemClock } from './clock.js';
import type { GraphClient, HttpMethod } from './graph-client.js';
import { GraphFailure, GraphNetworkError, GraphUnknownOutcome, errorFromResponse, pathForLogs, retryAfterSeconds } from './graph-error.js';
import { isIdempotent } from './request-info.js';
import { resourceUnits } from './resource-units.js';

/** Graph's limit on requests in one JSON batch. */
export const MAX_BATCH = 20;

export interface BatchRequest {
  method: HttpMethod;
  /** Relative to the version root, e.g. `/sites/{site}/lists/{list}/items`. */
  url: string;
  headers?: Record<string, string>;
  ifMatch?: string;
  body?: unknown;
}

export type BatchResult<T = unknown> =
  | { ok: true; status: number; headers: Record<string, string>; body: T }
  | { ok: false; status: number; error: GraphFailure };

export interface BatchOptions {
  /** $batch requests in flight at once (default 4, as Graph's guidance on concurrency suggests a few). */
  concurrency?: number;
  /** Parts per $batch (default and most 20). */
  maxPerBatch?: number;
  /** Rounds of resending throttled parts (default 5). */
  maxPartRetries?: number;
  /** A part asking for a longer wait fails with GraphThrottledError instead (default 120 s). */
  maxRetryAfterSeconds?: number;
  /** Backoff when a throttled part says no Retry-After, or a lost batch is resent (default 1 s, doubling). */
  baseDelayMs?: number;
  clock?: Clock;
  onRetry?: (info: { parts: number; reason: 'throttled' | 'connection'; delayMs: number; round: number }) => void;
}

interface BatchAnswer {
  responses?: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
}

export async function runBatch<T = unknown>(client: GraphClient, requests: readonly BatchRequest[], options: BatchOptions = {}): Promise<BatchResult<T>[]> {
  const results: (BatchResult<T> | undefined)[] = new Array(requests.length);
  const chunks = chunk(requests, Math.min(MAX_BATCH, options.maxPerBatch ?? MAX_BATCH), client.pacer.capacity);
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, chunks.length));
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < chunks.length) {
        const indices = chunks[next++] as number[];
        await runChunk(client, requests, indices, results, options);
      }
    }),
  );
  return results.map((r, i) => r ?? { ok: false, status: 0, error: new GraphFailure({ status: 0, code: 'notRun', method: requests[i]?.method ?? '', path: '' }) });
}

/** Splits indices into chunks of at most `max` parts whose units fit the budget, so a chunk never waits for an impossible window. */
function chunk(requests: readonly BatchRequest[], max: number, capacity: number): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let units = 0;
  requests.forEach((r, i) => {
    const u = resourceUnits(r.method, r.url);
    if (current.length > 0 && (current.length >= max || units + u > capacity)) {
      out.push(current);
      current = [];
      units = 0;
    }
    current.push(i);
    units += u;
  });
  if (current.length > 0) out.push(current);
  return out;
}

async function runChunk<T>(
  client: GraphClient,
  requests: readonly BatchRequest[],
  indices: number[],
  results: (BatchResult<T> | undefined)[],
  options: BatchOptions,
): Promise<void> {
  const clock = options.clock ?? systemClock;
  const maxRounds = options.maxPartRetries ?? 5;
  const ceiling = options.maxRetryAfterSeconds ?? 120;
  const baseDelay = options.baseDelayMs ?? 1000;
  const fail = (i: number, error: GraphFailure) => (results[i] = { ok: false, status: error.status, error });
  const idempotent = (i: number) => {
    const r = requests[i] as BatchRequest;
    return isIdempotent(r.method, r.ifMatch ?? headerOf(r.headers, 'if-match'));
  };

  // One part's share of a whole-batch failure: the batch's status and code, the part's own method and path.
  const share = (Kind: typeof GraphFailure, cause: GraphFailure, i: number) => {
    const r = requests[i] as BatchRequest;
    return new Kind({ status: cause.status, code: cause.code, method: r.method, path: logPath(client, r.url), requestId: cause.requestId }, { cause });
  };

  let pending = indices;
  for (let round = 0; pending.length > 0; round++) {
    let answer: BatchAnswer;
    try {
      answer = (await client.request<BatchAnswer>({ method: 'POST', path: '/$batch', body: { requests: pending.map((i) => part(client, i, requests[i] as BatchRequest)) } })).body ?? {};
    } catch (err) {
      if (!(err instanceof GraphFailure)) throw err;
      if (!(err instanceof GraphUnknownOutcome)) {
        for (const i of pending) fail(i, err);
        return;
      }
      // The batch may have run in part or in full: only what may run twice goes again.
      for (const i of pending.filter((i) => !idempotent(i))) fail(i, share(GraphUnknownOutcome, err, i));
      pending = pending.filter(idempotent);
      if (pending.length === 0) return;
      if (round >= maxRounds) {
        for (const i of pending) fail(i, share(GraphNetworkError, err, i));
        return;
      }
      const delayMs = jitteredBackoff(round, baseDelay, 30_000);
      options.onRetry?.({ parts: pending.length, reason: 'connection', delayMs, round: round + 1 });
      await clock.sleep(delayMs);
      continue;
    }

    const byId = new Map((answer.responses ?? []).map((r) => [String(r.id), r]));
    const again: number[] = [];
    let waitSeconds: number | undefined;
    for (const i of pending) {
      const res = byId.get(String(i));
      const req = requests[i] as BatchRequest;
      if (!res) {
        fail(i, new GraphFailure({ status: 0, code: 'missingBatchResponse', method: req.method, path: logPath(client, req.url) }));
        continue;
      }
      const retryable = res.status === 429 || res.status === 503 || (res.status === 504 && idempotent(i));
      if (retryable) {
        const after = retryAfterSeconds(res.headers);
        if (after !== undefined && after > ceiling) {
          fail(i, errorFromResponse({ status: res.status, headers: res.headers, body: res.body, method: req.method, path: logPath(client, req.url) }));
          continue;
        }
        again.push(i);
        if (after !== undefined) waitSeconds = Math.max(waitSeconds ?? 0, after);
        continue;
      }
      if (res.status >= 200 && res.status < 300) results[i] = { ok: true, status: res.status, headers: res.headers ?? {}, body: res.body as T };
      else fail(i, errorFromResponse({ status: res.status, headers: res.headers, body: res.body, method: req.method, path: logPath(client, req.url), idempotent: idempotent(i) }));
    }
    if (again.length === 0) return;
    if (round >= maxRounds) {
      for (const i of again) {
        const req = requests[i] as BatchRequest;
        const res = byId.get(String(i));
        fail(i, errorFromResponse({ status: res?.status ?? 429, headers: res?.headers, body: res?.body, method: req.method, path: logPath(client, req.url) }));
      }
      return;
    }
    // Retry-After is a floor; a little jitter keeps the chunks in flight from returning in step.
    const delayMs = waitSeconds !== undefined ? waitSeconds * 1000 + Math.random() * 250 : jitteredBackoff(round, baseDelay, 30_000);
    options.onRetry?.({ parts: again.length, reason: 'throttled', delayMs, round: round + 1 });
    await clock.sleep(delayMs);
    pending = again;
  }
}

function part(client: GraphClient, id: number, r: BatchRequest) {
  const headers: Record<string, string> = { ...r.headers };
  if (r.ifMatch !== undefined) headers['If-Match'] = r.ifMatch;
  if (r.body !== undefined && headerOf(headers, 'content-type') === undefined) headers['Content-Type'] = 'application/json';
  return {
    id: String(id),
    method: r.method,
    url: client.relativePath(r.url),
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(r.body !== undefined ? { body: r.body } : {}),
  };
}


/** A part's path as the client's own errors give it: `/v1.0/sites/…`, without the query. */
function logPath(client: GraphClient, url: string): string {
  try {
    return pathForLogs(`${client.baseUrl}${client.relativePath(url)}`);
  } catch {
    return pathForLogs(url);
  }
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

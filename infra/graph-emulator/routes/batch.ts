// POST /$batch: up to 20 requests, run in order of their dependsOn, each charged and throttled on its own.
import { randomUUID } from 'node:crypto';
import { GraphError, badRequest } from '../errors.js';
import { type EmulatorRequest, type EmulatorResponse, json, jsonBody } from '../request.js';
import type { Router } from '../router.js';
import type { EmulatorContext } from '../server.js';

/** Graph's limit on requests in one JSON batch. */
export const MAX_BATCH = 20;
const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

interface BatchPart {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  dependsOn: string[];
}

function parseBatch(body: Record<string, unknown>): BatchPart[] {
  const requests = body.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw badRequest('Invalid batch payload format.');
  if (requests.length > MAX_BATCH) throw badRequest(`The number of requests in the batch (${requests.length}) exceeds the limit of ${MAX_BATCH}.`);
  const seen = new Set<string>();
  const parts = requests.map((raw, index): BatchPart => {
    if (raw === null || typeof raw !== 'object') throw badRequest(`Request ${index} in the batch is not an object.`);
    const r = raw as Record<string, unknown>;
    const id = typeof r.id === 'number' ? String(r.id) : r.id;
    if (typeof id !== 'string' || id === '') throw badRequest(`Request ${index} in the batch has no 'id'.`);
    // Batch ids compare case-insensitively.
    if (seen.has(id.toLowerCase())) throw badRequest(`Request Id ${id} has to be unique in a batch.`);
    seen.add(id.toLowerCase());
    const method = typeof r.method === 'string' ? r.method.toUpperCase() : '';
    if (!METHODS.has(method)) throw badRequest(`Request ${id} has an invalid method '${String(r.method)}'.`);
    if (typeof r.url !== 'string' || r.url === '' || /^https?:/i.test(r.url)) throw badRequest(`Request ${id} needs a relative 'url'.`);
    const headers: Record<string, string> = {};
    if (r.headers !== undefined) {
      if (r.headers === null || typeof r.headers !== 'object') throw badRequest(`Request ${id} has invalid 'headers'.`);
      for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = String(v);
    }
    if (r.body !== undefined && headers['content-type'] === undefined) throw badRequest(`Request ${id} has a body but no Content-Type header.`);
    const dependsOn = r.dependsOn === undefined ? [] : r.dependsOn;
    if (!Array.isArray(dependsOn) || !dependsOn.every((d) => typeof d === 'string' || typeof d === 'number'))
      throw badRequest(`Request ${id} has an invalid 'dependsOn'.`);
    return { id, method, url: r.url, headers, body: r.body, dependsOn: dependsOn.map(String) };
  });
  const ids = new Map(parts.map((p) => [p.id.toLowerCase(), p]));
  for (const p of parts) for (const d of p.dependsOn) if (!ids.has(d.toLowerCase())) throw badRequest(`Request ${p.id} depends on an unknown request '${d}'.`);
  return order(parts, ids);
}

/** Orders parts so that each runs after the ones it depends on; a cycle is refused. */
function order(parts: BatchPart[], ids: Map<string, BatchPart>): BatchPart[] {
  const out: BatchPart[] = [];
  const state = new Map<BatchPart, 'visiting' | 'done'>();
  const visit = (p: BatchPart) => {
    if (state.get(p) === 'done') return;
    if (state.get(p) === 'visiting') throw badRequest(`The dependsOn of request ${p.id} forms a cycle.`);
    state.set(p, 'visiting');
    for (const d of p.dependsOn) visit(ids.get(d.toLowerCase()) as BatchPart);
    state.set(p, 'done');
    out.push(p);
  };
  parts.forEach(visit);
  return out;
}

export function registerBatchRoute(r: Router, ctx: EmulatorContext): void {
  r.add('POST', '/$batch', 1, async (req) => {
    const parts = parseBatch(jsonBody(req));
    const results = new Map<string, EmulatorResponse>();
    const responses: { id: string; status: number; headers: Record<string, string>; body: unknown }[] = [];
    for (const part of parts) {
      const failedDependency = part.dependsOn.some((d) => {
        const res = [...results].find(([id]) => id.toLowerCase() === d.toLowerCase())?.[1];
        return !res || res.status >= 400;
      });
      const res = failedDependency ? failed(part) : await ctx.dispatch(subRequest(req, part));
      results.set(part.id, res);
      const headers = { ...(res.headers ?? {}) };
      // A part without a body (204) carries "body": null, as in Graph's own batch example.
      const body = res.body === undefined ? null : Buffer.isBuffer(res.body) ? res.body.toString('base64') : res.body;
      responses.push({ id: part.id, status: res.status, headers, body });
    }
    return json(200, { responses });
  });
}

function failed(part: BatchPart): EmulatorResponse {
  const err = new GraphError(424, 'failedDependency', `Request ${part.id} was not run because a request it depends on failed.`);
  return { status: 424, headers: { 'Content-Type': 'application/json' }, body: { error: { code: err.code, message: err.message } } };
}

function subRequest(outer: EmulatorRequest, part: BatchPart): EmulatorRequest {
  const url = new URL(part.url.replace(/^\/?(v1\.0\/)?/, '/'), 'http://batch.invalid');
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep the raw path; the router answers 404
  }
  const body = part.body === undefined ? Buffer.alloc(0) : Buffer.from(typeof part.body === 'string' ? part.body : JSON.stringify(part.body));
  return { ...outer, method: part.method, path, query: url.searchParams, headers: { ...part.headers, authorization: outer.headers.authorization ?? '' }, body, requestId: randomUUID() };
}

// The emulator's HTTP server: reads a request, authenticates, injects faults, charges resource units, dispatches, answers in Graph's shape.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type AuthPolicy, authenticate } from './auth.js';
import { GraphError, errorBody, generalException, invalidRequest, itemNotFound, payloadTooLarge } from './errors.js';
import { ODataError } from './odata/errors.js';
import { DEFAULT_FAULTS, Faults } from './faults.js';
import { Metrics } from './metrics.js';
import type { Caller, EmulatorRequest, EmulatorResponse } from './request.js';
import { Router } from './router.js';
import { registerControl, registerRoutes } from './routes/index.js';
import { type Db, openDatabase } from './store/database.js';
import { createSite } from './store/sites.js';
import type { Issuer } from './issuer.js';

/** JSON bodies larger than this are refused (Graph's request size limit for JSON payloads). */
export const MAX_JSON_BODY = 4 * 1024 * 1024;
/** Simple upload (`PUT …/content`) limit. */
export const MAX_SIMPLE_UPLOAD = 250 * 1024 * 1024;
/** One upload-session fragment must be under 60 MiB. */
export const MAX_UPLOAD_FRAGMENT = 60 * 1024 * 1024;

const ANONYMOUS: Caller = { appId: 'anonymous', displayName: 'Anonymous' };

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** Folder for the database and file contents; ':memory:' keeps nothing. */
  dataDir?: string;
  /** SharePoint hostname of the tenant, whose root site always exists. */
  hostname?: string;
  /** Require tokens signed by the local issuer. */
  strictAuth?: boolean;
  /** Print one line per request. */
  log?: boolean;
}

export interface Emulator {
  /** e.g. http://127.0.0.1:5099 */
  url: string;
  /** e.g. http://127.0.0.1:5099/v1.0 */
  graphUrl: string;
  port: number;
  db: Db;
  faults: Faults;
  metrics: Metrics;
  issuer: Issuer;
  close(): Promise<void>;
}

/** Everything a route handler may need; built once per emulator. */
export interface EmulatorContext {
  db: Db;
  hostname: string;
  blobDir: string;
  faults: Faults;
  metrics: Metrics;
  issuer: Issuer;
  /** Runs one request through auth-free dispatch: used by $batch for its parts. */
  dispatch(req: EmulatorRequest): Promise<EmulatorResponse>;
  /** Absolute origin of this emulator, known once listening. */
  origin(): string;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const { createIssuer } = await import('./issuer.js');
  const dataDir = options.dataDir ?? '.data/graph';
  const memory = dataDir === ':memory:';
  const db = openDatabase(memory ? ':memory:' : join(dataDir, 'graph.db'));
  const hostname = (options.hostname ?? 'varde-demo.sharepoint.com').toLowerCase();
  createSite(db, { hostname, path: '/', displayName: 'Communication site' });

  let origin = '';
  const issuer = await createIssuer(memory ? undefined : join(dataDir, 'issuer-key.json'), () => origin);
  const faults = new Faults({ ...DEFAULT_FAULTS });
  const metrics = new Metrics();
  const router = new Router();
  const controlRouter = new Router();
  // The issuer URL holds the port, known only once listening: read it per request, not now.
  const authPolicy: AuthPolicy = options.strictAuth
    ? { strict: true, keys: issuer.keys, get issuer() { return issuer.issuerUrl(); } }
    : { strict: false };

  const ctx: EmulatorContext = {
    db,
    hostname,
    blobDir: memory ? join(process.env.TMPDIR ?? '/tmp', `graph-emulator-${process.pid}-${randomUUID()}`) : join(dataDir, 'blobs'),
    faults,
    metrics,
    issuer,
    dispatch: (req) => dispatch(req),
    origin: () => origin,
  };
  registerRoutes(router, ctx);
  registerControl(controlRouter, ctx);

  /** Routes, charges and runs one Graph request; errors become Graph error responses. */
  async function dispatch(req: EmulatorRequest, fault = faults.decide()): Promise<EmulatorResponse> {
    let routeName = 'unmatched';
    // Units actually charged to the app's budget: the metrics report what the budget saw.
    let charged = 0;
    let response: EmulatorResponse;
    try {
      if (fault.kind === 'error') throw fault.error;
      const { route, params } = router.match(req.method, req.path);
      routeName = route.pattern;
      // A $batch itself costs nothing: each request inside it is charged on its own.
      const units = route.pattern === '/$batch' ? 0 : typeof route.cost === 'function' ? route.cost(req) : route.cost;
      const rateHeaders = units > 0 ? faults.charge(req.caller.appId, units) : {};
      charged = units;
      response = await route.handler(req, params);
      response.headers = { ...response.headers, ...rateHeaders };
    } catch (err) {
      response = errorResponse(err, req);
    }
    metrics.record(req.method, routeName, response.status, charged, req.caller.appId);
    return response;
  }

  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((err: unknown) => {
      console.error('graph-emulator: unexpected failure', err);
      if (!outgoing.headersSent) outgoing.writeHead(500).end();
      else outgoing.destroy();
    });
  });

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', origin);
    const requestId = randomUUID();
    const headers = lowerHeaders(incoming);
    const method = (incoming.method ?? 'GET').toUpperCase();
    const started = Date.now();
    const ids = { requestId, headers };
    const isGraph = url.pathname === '/v1.0' || url.pathname.startsWith('/v1.0/');
    const isControl = url.pathname.startsWith('/_emulator/') || url.pathname.startsWith('/_content/');
    const reply = (res: EmulatorResponse, close = false) => {
      if (options.log) console.log(`${method} ${url.pathname} → ${res.status} (${Date.now() - started} ms)`);
      send(outgoing, res, requestId, headers['client-request-id'], close);
    };
    if (!isGraph && !isControl) return reply(errorResponse(itemNotFound('Invalid version: only /v1.0 is emulated.'), ids));

    // Faults and latency apply to Graph calls, not to the emulator's own controls.
    const fault = isGraph ? faults.decide() : ({ kind: 'none' } as const);
    if (isGraph && faults.config.latencyMs > 0) await sleep(faults.config.latencyMs);
    if (fault.kind === 'reset' && fault.when === 'before') return void incoming.socket.destroy();

    let body: Buffer;
    try {
      body = await readBody(incoming, bodyLimit(method, url.pathname));
    } catch (err) {
      return reply(errorResponse(err, ids), true);
    }

    let caller: Caller = ANONYMOUS;
    if (isGraph) {
      try {
        caller = await authenticate(headers.authorization, authPolicy);
      } catch (err) {
        metrics.record(method, 'unauthenticated', 401, 0, 'anonymous');
        return reply(errorResponse(err, ids));
      }
    }

    const req: EmulatorRequest = {
      method,
      path: decodePath(isGraph ? url.pathname.slice('/v1.0'.length) || '/' : url.pathname),
      query: url.searchParams,
      headers,
      body,
      requestId,
      baseUrl: `${origin}/v1.0`,
      caller,
      remoteAddress: incoming.socket.remoteAddress,
    };
    if (!isGraph) return reply(await dispatchControl(req));
    const res = await dispatch(req, fault.kind === 'reset' ? { kind: 'none' } : fault);
    // A reset after the work: the write happened but the caller never hears of it.
    if (fault.kind === 'reset') return void incoming.socket.destroy();
    reply(res);
  }

  async function dispatchControl(req: EmulatorRequest): Promise<EmulatorResponse> {
    try {
      const { route, params } = controlRouter.match(req.method, req.path);
      return await route.handler(req, params);
    } catch (err) {
      return errorResponse(err, req);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${options.host === '0.0.0.0' || !options.host ? '127.0.0.1' : options.host}:${port}`;

  return {
    url: origin,
    graphUrl: `${origin}/v1.0`,
    port,
    db,
    faults,
    metrics,
    issuer,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
      // An in-memory emulator keeps file contents in a temporary folder of its own.
      if (memory) rmSync(ctx.blobDir, { recursive: true, force: true });
    },
  };
}

/** Simple uploads and upload-session fragments may be large; everything else is JSON. */
function bodyLimit(method: string, path: string): number {
  if (method === 'PUT' && /\/content$/i.test(path)) return MAX_SIMPLE_UPLOAD;
  if (path.startsWith('/_content/upload/')) return MAX_UPLOAD_FRAGMENT;
  return MAX_JSON_BODY;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function lowerHeaders(incoming: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(incoming.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Reads the body up to a limit; a larger body is refused without buffering the rest. */
export function readBody(incoming: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(incoming.headers['content-length'] ?? '0');
    if (declared > limit) {
      incoming.resume();
      return reject(payloadTooLarge(`The request body is ${declared} bytes; the limit is ${limit}.`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        incoming.removeAllListeners('data');
        incoming.resume();
        reject(payloadTooLarge(`The request body exceeds the limit of ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

/** Any failure as Graph's error response; a malformed OData option is the caller's 400, anything unforeseen a logged 500. */
export function errorResponse(err: unknown, ids: { requestId: string; headers: Record<string, string> }): EmulatorResponse {
  const graphErr = err instanceof GraphError ? err : err instanceof ODataError ? invalidRequest(err.message) : generalException();
  if (!(err instanceof GraphError) && !(err instanceof ODataError)) console.error('graph-emulator: handler failed', err);
  return {
    status: graphErr.status,
    headers: { 'Content-Type': 'application/json', ...graphErr.headers },
    body: errorBody(graphErr, ids.requestId, ids.headers['client-request-id']),
  };
}

function send(outgoing: ServerResponse, res: EmulatorResponse, requestId: string, clientRequestId: string | undefined, close = false): void {
  const headers: Record<string, string> = {
    'request-id': requestId,
    'client-request-id': clientRequestId ?? requestId,
    ...res.headers,
  };
  if (close) headers.Connection = 'close';
  if (res.body === undefined) {
    outgoing.writeHead(res.status, headers).end();
  } else if (Buffer.isBuffer(res.body)) {
    outgoing.writeHead(res.status, { 'Content-Length': String(res.body.length), ...headers }).end(res.body);
  } else {
    const text = JSON.stringify(res.body);
    outgoing.writeHead(res.status, { 'Content-Type': 'application/json', ...headers, 'Content-Length': String(Buffer.byteLength(text)) }).end(text);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type { Server };

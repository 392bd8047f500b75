// The Graph client over real HTTP: Retry-After on 429/503, the User-Agent on the wire, lost connections, typed errors, escaped filters, a real token.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_CLIENT } from '../../infra/graph-emulator/issuer.js';
import { createGraphTokenSource } from '../../src/auth/graph-token.js';
import {
  type GraphClientOptions,
  type GraphEvent,
  GraphConflictError,
  GraphNetworkError,
  GraphNotFoundError,
  GraphRequestError,
  GraphThrottledError,
  GraphUnknownOutcome,
  collectAll,
  createGraphClient,
  where,
} from '../../src/sharepoint/graph/index.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

let em: TestEmulator;
let siteId: string;
let listId: string;
let items: string;

const faults = (body: Record<string, unknown>) =>
  fetch(`${em.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify(body) }).then((r) => {
    if (!r.ok) throw new Error(`faults: ${r.status}`);
  });

const client = (extra: Partial<GraphClientOptions> = {}) =>
  createGraphClient({
    baseUrl: em.graphUrl,
    getToken: async () => 'test-token',
    userAgent: { publisher: 'Test kommune', version: '0.1.0' },
    connectionRetryBaseMs: 20,
    ...extra,
  });

interface Item {
  id: string;
  eTag?: string;
  '@odata.etag'?: string;
  fields?: Record<string, unknown>;
}

beforeAll(async () => {
  em = await startTestEmulator();
  siteId = await em.newSite('/sites/graph-client');
  const list = await client().post<{ id: string }>(`/sites/${siteId}/lists`, {
    displayName: 'Avvik',
    columns: [
      { name: 'Name', text: {}, indexed: true },
      { name: 'N', number: {}, indexed: true },
    ],
  });
  listId = list.id;
  items = `/sites/${siteId}/lists/${listId}/items`;
});

beforeEach(async () => {
  await faults({ reset: true });
  await fetch(`${em.url}/_emulator/metrics/reset`, { method: 'POST' });
});

afterAll(async () => {
  await em?.close();
});

describe('throttling: the SDK RetryHandler honours Retry-After', () => {
  for (const [status, setting, seconds] of [
    [429, 'rate429', 1],
    [503, 'rate503', 2],
  ] as const) {
    it(`waits at least Retry-After (${seconds} s) after a ${status}, then succeeds`, async () => {
      await faults({ [setting]: 1, retryAfterSeconds: seconds });
      const events: GraphEvent[] = [];
      const c = client({
        onEvent: (e) => {
          events.push(e);
          // Heal the service as soon as the first refusal is seen, so the retry succeeds.
          if (e.type === 'throttled') void faults({ reset: true });
        },
      });
      const started = performance.now();
      const res = await c.request<{ id: string }>({ path: `/sites/${siteId}` });
      const elapsed = performance.now() - started;
      expect(res.body.id).toBe(siteId);
      expect(res.trace.attempts).toBe(2);
      expect(elapsed).toBeGreaterThanOrEqual(seconds * 1000);
      expect(elapsed).toBeLessThan(seconds * 1000 + 1500);
      expect(events).toEqual([{ type: 'throttled', method: 'GET', path: expect.stringContaining('/sites/'), status, retryAfterSeconds: seconds, attempt: 1, willRetry: true }]);
    });
  }

  it('surfaces GraphThrottledError with Graph code and request-id once the retries run out', async () => {
    await faults({ rate429: 1, retryAfterSeconds: 0 });
    const err = await client({ maxRetries: 2 })
      .get(`/sites/${siteId}`)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphThrottledError);
    const t = err as GraphThrottledError;
    expect(t.status).toBe(429);
    expect(t.code).toBe('TooManyRequests');
    expect(t.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.retryAfterSeconds).toBe(0);
    const m = (await (await fetch(`${em.url}/_emulator/metrics`)).json()) as { statuses: Record<string, number> };
    expect(m.statuses['429']).toBe(3);
  });

  it('does not sleep in-process past its ceiling: a longer Retry-After fails at once', async () => {
    await faults({ rate503: 1, retryAfterSeconds: 30 });
    const started = performance.now();
    const err = await client({ maxRetryAfterSeconds: 5 })
      .get(`/sites/${siteId}`)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphThrottledError);
    expect((err as GraphThrottledError).retryAfterSeconds).toBe(30);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

/** A tiny HTTP server that records what arrives and answers as told: for what the emulator cannot show. */
async function recorder(answer: (n: number, req: { method: string; url: string; headers: IncomingHttpHeaders }, res: ServerResponse) => void) {
  const seen: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((req, res) => {
    const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    seen.push(entry);
    req.resume();
    req.on('end', () => answer(seen.length, entry, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const okJson = (res: ServerResponse, body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

describe('decoration and auth on the wire', () => {
  it('sends User-Agent NONISV|publisher|Varde/version, a bearer token and a client-request-id, the same id on every retry', async () => {
    const rec = await recorder((n, _req, res) => (n === 1 ? res.writeHead(503, { 'retry-after': '0' }).end() : okJson(res, { id: 'x' })));
    try {
      const c = createGraphClient({ baseUrl: `${rec.url}/v1.0`, getToken: async () => 'tok-123', userAgent: { publisher: 'Tønsberg kommune', version: '1.2.3' } });
      expect(await c.get<{ id: string }>('/sites/root')).toEqual({ id: 'x' });
      expect(rec.seen).toHaveLength(2);
      for (const r of rec.seen) {
        expect(r.url).toBe('/v1.0/sites/root');
        expect(r.headers['user-agent']).toBe('NONISV|Tønsberg kommune|Varde/1.2.3');
        expect(r.headers.authorization).toBe('Bearer tok-123');
      }
      expect(rec.seen[0]?.headers['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(rec.seen[1]?.headers['client-request-id']).toBe(rec.seen[0]?.headers['client-request-id']);
    } finally {
      await rec.close();
    }
  });

  it('refuses to follow a link to another origin, so the token never leaves for it', async () => {
    const c = client();
    await expect(c.get('https://evil.example/v1.0/sites/root')).rejects.toThrow(/outside/);
    await expect(c.get(`${em.url}/v2.0/sites/root`)).rejects.toThrow(/outside/);
  });

  it('rejects a User-Agent publisher that would break the format', () => {
    expect(() => createGraphClient({ baseUrl: em.graphUrl, getToken: async () => 't', userAgent: { publisher: 'a|b', version: '1' } })).toThrow(/publisher/);
  });

  it('works with a real token from msal-node against the strict emulator', async () => {
    const strict = await startTestEmulator({ strictAuth: true });
    try {
      const tokens = createGraphTokenSource({ authority: strict.issuer.authority(), clientId: LOCAL_CLIENT.id, clientSecret: LOCAL_CLIENT.secret, localIssuer: true });
      const c = createGraphClient({ baseUrl: strict.graphUrl, getToken: () => tokens.getToken(), userAgent: { publisher: 'Test', version: '0' } });
      const site = await c.get<{ id: string }>('/sites/root');
      expect(site.id).toContain(',');
      const bad = createGraphClient({ baseUrl: strict.graphUrl, getToken: async () => 'forged', userAgent: { publisher: 'Test', version: '0' } });
      const err = await bad.get('/sites/root').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GraphRequestError);
      expect((err as GraphRequestError).status).toBe(401);
    } finally {
      await strict.close();
    }
  });
});

describe('lost connections', () => {
  it('retries a GET whose connection was reset, and succeeds', async () => {
    const rec = await recorder((n, _req, res) => (n <= 2 ? res.socket?.destroy() : okJson(res, { value: [] })));
    try {
      const c = createGraphClient({ baseUrl: `${rec.url}/v1.0`, getToken: async () => 't', userAgent: 'NONISV|Test|Varde/0', connectionRetryBaseMs: 10 });
      const res = await c.request({ path: '/sites/s/lists' });
      expect(res.body).toEqual({ value: [] });
      expect(res.trace.connectionRetries).toBe(2);
      expect(rec.seen.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
    } finally {
      await rec.close();
    }
  });

  it('does not repeat a POST whose connection was reset: GraphUnknownOutcome, sent once', async () => {
    const rec = await recorder((_n, _req, res) => res.socket?.destroy());
    try {
      const c = createGraphClient({ baseUrl: `${rec.url}/v1.0`, getToken: async () => 't', userAgent: 'NONISV|Test|Varde/0', connectionRetryBaseMs: 10 });
      const err = await c.post('/sites/s/lists/l/items', { fields: { Title: 'personal data stays out of errors' } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GraphUnknownOutcome);
      const u = err as GraphUnknownOutcome;
      expect(u.status).toBe(0);
      expect(u.method).toBe('POST');
      expect(u.path).toBe('/v1.0/sites/s/lists/l/items');
      expect(u.message).not.toContain('personal');
      expect(rec.seen).toHaveLength(1);
    } finally {
      await rec.close();
    }
  });

  it('repeats a PATCH that carries If-Match (a second copy meets a changed eTag), but not one without', async () => {
    const rec = await recorder((n, req, res) => (n === 1 || req.headers['if-match'] === undefined ? res.socket?.destroy() : okJson(res, { ok: true })));
    try {
      const c = createGraphClient({ baseUrl: `${rec.url}/v1.0`, getToken: async () => 't', userAgent: 'NONISV|Test|Varde/0', connectionRetryBaseMs: 10 });
      expect(await c.patch('/sites/s/lists/l/items/1/fields', { N: 1 }, { ifMatch: '"abc,1"' })).toEqual({ ok: true });
      await expect(c.patch('/sites/s/lists/l/items/1/fields', { N: 1 })).rejects.toBeInstanceOf(GraphUnknownOutcome);
      expect(rec.seen).toHaveLength(3);
    } finally {
      await rec.close();
    }
  });

  it('retries even a POST when the connection was refused (nothing was sent), then reports GraphNetworkError', async () => {
    const rec = await recorder(() => undefined);
    const url = rec.url;
    await rec.close();
    const c = createGraphClient({ baseUrl: `${url}/v1.0`, getToken: async () => 't', userAgent: 'NONISV|Test|Varde/0', connectionRetries: 2, connectionRetryBaseMs: 10 });
    const err = await c.post('/sites/s/lists/l/items', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphNetworkError);
    expect(err).not.toBeInstanceOf(GraphUnknownOutcome);
    expect((err as GraphNetworkError).code).toBe('ECONNREFUSED');
  });

  it('against the emulator: reset GETs are retried; a reset POST is unknown, and looking it up tells whether it landed', async () => {
    await faults({ resetRate: 0.4, seed: 7 });
    const c = client({ connectionRetries: 10 });
    let retried = 0;
    for (let i = 0; i < 15; i++) retried += (await c.request({ path: `/sites/${siteId}` })).trace.connectionRetries;
    expect(retried).toBeGreaterThan(0);

    const outcomes: ('created' | 'unknown')[] = [];
    for (let i = 0; i < 20; i++) {
      const key = `reset-probe-${i}`;
      const r = await c.post(items, { fields: { Name: key } }).then(
        () => 'created' as const,
        (e: unknown) => {
          if (e instanceof GraphUnknownOutcome) return 'unknown' as const;
          throw e;
        },
      );
      outcomes.push(r);
    }
    await faults({ reset: true });
    expect(outcomes).toContain('unknown');
    // The caller's way out: look the key up. Some unknown ones landed (reset after the work), some did not.
    const stored = await collectAll<Item>(c, { path: items, query: { $expand: 'fields($select=Name)', $top: 200 }, filter: where.startsWith('Name', 'reset-probe-') });
    const created = outcomes.filter((o) => o === 'created').length;
    expect(stored.length).toBeGreaterThanOrEqual(created);
    expect(stored.length).toBeLessThanOrEqual(20);
  });
});

describe('typed errors', () => {
  it('a stale If-Match gives GraphConflictError (412 resourceModified) with the request-id', async () => {
    const c = client();
    const created = await c.post<Item>(items, { fields: { Name: 'etag', N: 1 } });
    const etag = created['@odata.etag'] as string;
    expect(etag).toBeTruthy();
    await c.patch(`${items}/${created.id}`, { fields: { N: 2 } }, { ifMatch: etag });
    const err = await c.patch(`${items}/${created.id}`, { fields: { N: 3 } }, { ifMatch: etag }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphConflictError);
    const conflict = err as GraphConflictError;
    expect(conflict.status).toBe(412);
    expect(conflict.code).toBe('resourceModified');
    expect(conflict.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(conflict.toLog()).toMatchObject({ error: 'GraphConflictError', status: 412, code: 'resourceModified' });
    const now = await c.get<Item>(`${items}/${created.id}`, { query: { $expand: 'fields' } });
    expect(now.fields?.N).toBe(2);
  });

  it('a missing item gives GraphNotFoundError; a bad request GraphRequestError with Graph code and message', async () => {
    const c = client();
    await expect(c.get(`${items}/999999`)).rejects.toBeInstanceOf(GraphNotFoundError);
    const err = await c.post(items, { fields: { Nope: 1 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphRequestError);
    expect((err as GraphRequestError).status).toBe(400);
    expect((err as GraphRequestError).graphMessage).toMatch(/Nope/);
    expect((err as GraphRequestError).message).not.toMatch(/Nope/);
  });

  it('keeps $filter values out of error paths and logs', async () => {
    const err = await client()
      .get(`/sites/${siteId}/lists/${listId}/items`, { filter: where.eq('Unindexed', 'Kari Nordmann') })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphRequestError);
    expect(JSON.stringify((err as GraphRequestError).toLog())).not.toContain('Kari');
    expect((err as GraphRequestError).path).not.toContain('?');
  });
});

describe('escaped filters against the emulator', () => {
  it('finds each value exactly, injection attempts included', async () => {
    const c = client();
    const values = ["O'Brien", "x' or fields/Name ne 'y", "') or (fields/N ge 0", 'a&b=c#d+e%20f', 'æøå ÆØÅ', 'plain'];
    for (const Name of values) await c.post(items, { fields: { Name } });
    for (const Name of values) {
      const found = await collectAll<Item>(c, { path: items, query: { $expand: 'fields($select=Name)' }, filter: where.eq('Name', Name) });
      expect(found.map((i) => i.fields?.Name), Name).toEqual([Name]);
    }
    const either = await collectAll<Item>(c, { path: items, query: { $expand: 'fields($select=Name)' }, filter: where.in('Name', ["O'Brien", 'plain']) });
    expect(either.map((i) => i.fields?.Name).sort()).toEqual(["O'Brien", 'plain']);
  });

  it('refuses a raw $filter string in query options', async () => {
    await expect(client().get(items, { query: { $filter: "fields/Name eq 'x'" } })).rejects.toThrow(/filter/);
  });
});

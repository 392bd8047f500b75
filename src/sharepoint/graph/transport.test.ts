// transport.ts against a real HTTP server on localhost: what is sent, what comes back, and how failures read.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { classifyConnectionError } from './connection-retry-middleware.js';
import { type Transport, fetchTransport, undiciTransport } from './transport.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

let server: Server;
let base: string;
let handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;
const seen: Seen[] = [];
const agent = new Agent();
const send: Transport = undiciTransport(agent);
const request = (over: Partial<Parameters<Transport>[1]> = {}) => ({ method: 'GET', headers: undefined, body: undefined, timeoutMs: 5_000, ...over });

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  seen.length = 0;
});

afterAll(async () => {
  await agent.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('undiciTransport', () => {
  it('sends the method, the path with its query untouched, the headers, and reads status, headers and bytes', async () => {
    handler = (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-multi', ['a', 'b']);
      res.end('{"value":[1,2]}');
    };
    const path = "/v1.0/sites/s/lists/l/items?$select=id,eTag&$filter=fields%2FUnitId%20eq%20'a%26b'";
    const answer = await send(`${base}${path}`, request({ headers: { Authorization: 'Bearer t', 'client-request-id': 'r1' } }));
    expect(seen[0]).toMatchObject({ method: 'GET', url: path });
    expect(seen[0]?.headers).toMatchObject({ authorization: 'Bearer t', 'client-request-id': 'r1' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('x-multi')).toBe('a, b');
    expect(Buffer.from(answer.bytes ?? new ArrayBuffer(0)).toString()).toBe('{"value":[1,2]}');
  });

  it('takes headers as a record, as Headers and as pairs', async () => {
    handler = (_req, res) => res.end();
    await send(`${base}/a`, request({ headers: new Headers({ 'If-Match': '"e1"' }) }));
    await send(`${base}/b`, request({ headers: [['If-Match', '"e2"']] }));
    expect(seen.map((s) => s.headers['if-match'])).toEqual(['"e1"', '"e2"']);
  });

  it('sends JSON text and bytes in every form the SDK leaves them', async () => {
    handler = (_req, res) => res.end();
    const bytes = new Uint8Array([1, 2, 3]);
    await send(`${base}/json`, request({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' }));
    await send(`${base}/u8`, request({ method: 'PUT', body: bytes }));
    await send(`${base}/buffer`, request({ method: 'PUT', body: Buffer.from(bytes) }));
    await send(`${base}/ab`, request({ method: 'PUT', body: bytes.buffer }));
    await send(`${base}/blob`, request({ method: 'PUT', body: new Blob([bytes]) }));
    expect(seen.map((s) => [s.method, s.body.toString('hex')])).toEqual([
      ['POST', Buffer.from('{"a":1}').toString('hex')],
      ['PUT', '010203'],
      ['PUT', '010203'],
      ['PUT', '010203'],
      ['PUT', '010203'],
    ]);
  });

  it('refuses a body it cannot send as it is, before anything goes out', async () => {
    handler = (_req, res) => res.end();
    await expect(send(`${base}/x`, request({ method: 'POST', body: { a: 1 } }))).rejects.toThrow(TypeError);
    expect(seen).toHaveLength(0);
  });

  it('gives no bytes for 204, and every answer read leaves its connection free for the next request', async () => {
    handler = (req, res) => {
      res.statusCode = req.url === '/empty' ? 204 : 200;
      res.end(req.url === '/empty' ? undefined : 'ok');
    };
    let connections = 0;
    const count = () => connections++;
    server.on('connection', count);
    const own = new Agent();
    const once = undiciTransport(own);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await once(`${base}/${i % 2 ? 'next' : 'empty'}`, request({ method: i % 2 ? 'GET' : 'DELETE' })));
    await own.close();
    server.off('connection', count);
    expect(answers.map((a) => [a.status, a.bytes === null])).toEqual([
      [204, true],
      [200, false],
      [204, true],
      [200, false],
      [204, true],
      [200, false],
    ]);
    // undici may open a second connection while the first answer is being released; never one per request.
    expect(connections).toBeLessThanOrEqual(2);
  });

  it('follows a redirect as fetch does: the token kept on the same origin, dropped on the way to another', async () => {
    const other = createServer((req, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.alloc(0) });
      res.end('file bytes');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const elsewhere = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    handler = (req, res) => {
      if (req.url === '/content') res.writeHead(302, { location: '/moved' }).end();
      else if (req.url === '/moved') res.writeHead(302, { location: `${elsewhere}/download?sig=1` }).end();
      else res.end();
    };
    const answer = await send(`${base}/content`, request({ headers: { Authorization: 'Bearer secret' } }));
    other.closeAllConnections();
    await new Promise<void>((resolve) => other.close(() => resolve()));
    expect(Buffer.from(answer.bytes ?? new ArrayBuffer(0)).toString()).toBe('file bytes');
    expect(seen.map((s) => [s.url, s.headers.authorization ?? null])).toEqual([
      ['/content', 'Bearer secret'],
      ['/moved', 'Bearer secret'],
      ['/download?sig=1', null],
    ]);
  });

  it('gives up on an answer that does not come within the limit: a lost connection', async () => {
    handler = () => {};
    const err = await send(`${base}/slow`, request({ timeoutMs: 100 })).catch((e: unknown) => e);
    expect(classifyConnectionError(err)).toEqual({ kind: 'lost', code: 'UND_ERR_HEADERS_TIMEOUT' });
  });

  it('reads a connection closed mid-body as lost, and a refused one as unsent', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"value":');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    const cut = await send(`${base}/cut`, request()).catch((e: unknown) => e);
    expect(classifyConnectionError(cut)?.kind).toBe('lost');

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await send(`http://127.0.0.1:${port}/x`, request()).catch((e: unknown) => e);
    expect(classifyConnectionError(refused)).toEqual({ kind: 'unsent', code: 'ECONNREFUSED' });
  });
});

describe('fetchTransport', () => {
  it('sends through the fetch given and reads the answer whole', async () => {
    handler = (_req, res) => res.end('hello');
    const answer = await fetchTransport(fetch)(`${base}/f?x=1`, request({ method: 'POST', headers: { 'x-a': '1' }, body: 'b' }));
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/f?x=1' });
    expect(seen[0]?.headers['x-a']).toBe('1');
    expect(Buffer.from(answer.bytes ?? new ArrayBuffer(0)).toString()).toBe('hello');
  });

  it('ends an attempt over the limit with a timeout the retry link reads as lost', async () => {
    handler = () => {};
    const err = await fetchTransport(fetch)(`${base}/slow`, request({ timeoutMs: 100 })).catch((e: unknown) => e);
    expect(classifyConnectionError(err)).toEqual({ kind: 'lost', code: 'timeout' });
  });
});

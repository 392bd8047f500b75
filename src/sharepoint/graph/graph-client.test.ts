// graph-client.ts without a network: base URLs, links, query encoding, headers and error mapping, through an injected fetch.
import { describe, expect, it } from 'vitest';
import { type GraphClientOptions, createGraphClient } from './graph-client.js';
import { GraphConflictError, GraphThrottledError, GraphUnknownOutcome } from './graph-error.js';
import { where } from './odata.js';

interface Sent {
  url: string;
  init: RequestInit;
}

function fake(answer: (sent: Sent) => Response = () => Response.json({ ok: true })) {
  const sent: Sent[] = [];
  const options = (extra: Partial<GraphClientOptions> = {}): GraphClientOptions => ({
    baseUrl: 'https://graph.microsoft.com/v1.0',
    getToken: async () => 'tok',
    userAgent: { publisher: 'Tønsberg kommune', version: '1.0.0' },
    fetch: async (url, init) => {
      const s = { url, init };
      sent.push(s);
      return answer(s);
    },
    ...extra,
  });
  return { sent, options };
}

const header = (s: Sent | undefined, name: string) => new Headers(s?.init.headers as ConstructorParameters<typeof Headers>[0]).get(name);

describe('createGraphClient', () => {
  it('accepts the base URL with or without a version, and the emulator over http', async () => {
    for (const [baseUrl, expected] of [
      ['https://graph.microsoft.com/v1.0', 'https://graph.microsoft.com/v1.0'],
      ['https://graph.microsoft.com/', 'https://graph.microsoft.com/v1.0'],
      ['https://graph.microsoft.com/beta/', 'https://graph.microsoft.com/beta'],
      ['http://127.0.0.1:5099/v1.0', 'http://127.0.0.1:5099/v1.0'],
    ] as const) {
      const { sent, options } = fake();
      const c = createGraphClient(options({ baseUrl }));
      expect(c.baseUrl).toBe(expected);
      await c.get('/sites/root');
      expect(sent[0]?.url).toBe(`${expected}/sites/root`);
    }
  });

  it('follows links under its base, and refuses others', () => {
    const { options } = fake();
    const c = createGraphClient(options());
    expect(c.relativePath('https://graph.microsoft.com/v1.0/sites/a/lists?$skiptoken=x')).toBe('/sites/a/lists?$skiptoken=x');
    expect(() => c.relativePath('https://graph.microsoft.com/beta/sites/a')).toThrow(/outside/);
    expect(() => c.relativePath('https://graph.microsoft.com.evil.example/v1.0/sites/a')).toThrow(/outside/);
    expect(() => c.relativePath('http://graph.microsoft.com/v1.0/sites/a')).toThrow(/outside/);
  });

  it('encodes query values so that &, #, + and quotes stay inside them', async () => {
    const { sent, options } = fake();
    const c = createGraphClient(options());
    await c.get('/sites/s/lists/l/items', { query: { $top: 5, $expand: 'fields($select=Title,Status)' }, filter: where.eq('Title', "a&b=c#d+e 'f'") });
    const url = new URL(sent[0]?.url ?? '');
    expect(url.searchParams.get('$filter')).toBe("fields/Title eq 'a&b=c#d+e ''f'''");
    expect(url.searchParams.get('$expand')).toBe('fields($select=Title,Status)');
    expect(url.searchParams.get('$top')).toBe('5');
    expect(url.hash).toBe('');
  });

  it('decorates every request and sends the token only to its own origin', async () => {
    const { sent, options } = fake();
    const c = createGraphClient(options());
    await c.patch('/sites/s/lists/l/items/1/fields', { N: 1 }, { ifMatch: '"e,1"' });
    expect(header(sent[0], 'user-agent')).toBe('NONISV|Tønsberg kommune|Varde/1.0.0');
    expect(header(sent[0], 'authorization')).toBe('Bearer tok');
    expect(header(sent[0], 'if-match')).toBe('"e,1"');
    expect(header(sent[0], 'content-type')).toBe('application/json');
    expect(sent[0]?.init.body).toBe('{"N":1}');
  });

  it('maps answers to typed errors, and a 504 on a POST to GraphUnknownOutcome (it may have run)', async () => {
    const { options } = fake(({ init }) =>
      init.method === 'POST'
        ? new Response(null, { status: 504 })
        : Response.json({ error: { code: 'resourceModified', message: 'changed', innerError: { 'request-id': 'r-1' } } }, { status: 412 }),
    );
    const c = createGraphClient(options({ maxRetries: 0 }));
    const conflict = await c.patch('/x', {}, { ifMatch: '"a"' }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(GraphConflictError);
    expect((conflict as GraphConflictError).requestId).toBe('r-1');
    expect((conflict as GraphConflictError).path).toBe('/v1.0/x');
    await expect(c.post('/x', {})).rejects.toBeInstanceOf(GraphUnknownOutcome);
  });

  it('retries a 504 on a GET and surfaces GraphThrottledError when it persists', async () => {
    const { sent, options } = fake(() => new Response(null, { status: 504, headers: { 'retry-after': '0' } }));
    const c = createGraphClient(options({ maxRetries: 2 }));
    await expect(c.get('/x')).rejects.toBeInstanceOf(GraphThrottledError);
    expect(sent).toHaveLength(3);
  });
});

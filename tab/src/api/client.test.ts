// The API client carries the token, reads the API error shape, and signs out only when a fresh token fails too.
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError, createApiClient, fileNameOf, type TokenSource } from './client';

const messages = () => ({ network: 'nett', unexpected: 'uventet' });

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function tokens(overrides: Partial<TokenSource> = {}): TokenSource & { calls: boolean[] } {
  const calls: boolean[] = [];
  return {
    calls,
    token: async (fresh) => {
      calls.push(fresh);
      return fresh ? 'fresh-token' : 'token';
    },
    unauthenticated: vi.fn(),
    ...overrides,
  };
}

describe('API client', () => {
  it('sends the bearer token on every call, and JSON bodies', async () => {
    const fetchMock = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(200, { ok: true }));
    const api = createApiClient(tokens(), messages, fetchMock as typeof fetch);
    await api.post('/api/cases/1/feedback', { text: 'Takk' });
    const init = fetchMock.mock.calls[0]![1]!;
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer token');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(init.body).toBe('{"text":"Takk"}');
  });

  it('turns the API error shape into an error with the server message and details', async () => {
    const api = createApiClient(tokens(), messages, (async () => json(400, { error: { code: 'invalidRequest', message: 'Ugyldig.', details: [{ field: 'q', message: 'For lang.' }] } })) as typeof fetch);
    const err = await api.get('/api/cases').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect((err as ApiRequestError).status).toBe(400);
    expect((err as ApiRequestError).message).toBe('Ugyldig.');
    expect((err as ApiRequestError).body.details).toEqual([{ field: 'q', message: 'For lang.' }]);
  });

  it('keeps the other version on a conflict', async () => {
    const current = { id: 'c1', etag: '"2"' };
    const api = createApiClient(tokens(), messages, (async () => json(409, { error: { code: 'conflict', message: 'Endret.', current } })) as typeof fetch);
    const err = (await api.put('/api/cases/c1/analysis', {}).catch((e: unknown) => e)) as ApiRequestError;
    expect(err.code).toBe('conflict');
    expect(err.body.current).toEqual(current);
  });

  it('asks once for a fresh token after a 401, and signs out if that fails too', async () => {
    const t = tokens();
    const fetchMock = vi.fn(async () => json(401, { error: { code: 'unauthenticated', message: 'Logg inn.' } }));
    const api = createApiClient(t, messages, fetchMock as typeof fetch);
    await expect(api.get('/api/me')).rejects.toThrow('Logg inn.');
    expect(t.calls).toEqual([false, true]);
    expect(t.unauthenticated).toHaveBeenCalledOnce();
  });

  it('goes on with the fresh token when it works', async () => {
    const t = tokens();
    let n = 0;
    const api = createApiClient(t, messages, (async () => (n++ === 0 ? json(401, { error: { code: 'unauthenticated', message: 'x' } }) : json(200, { id: 'me' }))) as typeof fetch);
    await expect(api.get('/api/me')).resolves.toEqual({ id: 'me' });
    expect(t.unauthenticated).not.toHaveBeenCalled();
  });

  it('says the network failed, and the unexpected for a body that is not ours', async () => {
    const down = createApiClient(tokens(), messages, (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch);
    await expect(down.get('/api/me')).rejects.toMatchObject({ status: 0, code: 'network', message: 'nett' });
    const proxy = createApiClient(tokens(), messages, (async () => new Response('<html>Bad gateway</html>', { status: 502 })) as typeof fetch);
    await expect(proxy.get('/api/me')).rejects.toMatchObject({ status: 502, message: 'uventet' });
  });

  it('sends PATCH and DELETE, and a file as the body with its own content type (the risk pages)', async () => {
    const fetchMock = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => (init?.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, { ok: true })));
    const api = createApiClient(tokens(), messages, fetchMock as typeof fetch);
    await api.patch('/api/risk/items/i1', { etag: '"1"', likelihood: 4 });
    await expect(api.delete('/api/risk/items/i1?etag=%221%22')).resolves.toBeUndefined();
    const file = new Blob([new Uint8Array([80, 75, 3, 4])]);
    await api.upload('/api/risk/assessments/a1/import?dryRun=true', file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const [patch, del, upload] = fetchMock.mock.calls.map((c) => c[1]!) as [RequestInit, RequestInit, RequestInit];
    expect(patch.method).toBe('PATCH');
    expect(patch.body).toBe('{"etag":"\\"1\\"","likelihood":4}');
    expect(del.method).toBe('DELETE');
    expect(upload.method).toBe('POST');
    expect(upload.body).toBe(file);
    expect((upload.headers as Record<string, string>)['Content-Type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((upload.headers as Record<string, string>).Authorization).toBe('Bearer token');
  });

  it('reads download names from Content-Disposition', () => {
    expect(fileNameOf('attachment; filename="tiltak.xlsx"', 'x.xlsx')).toBe('tiltak.xlsx');
    expect(fileNameOf("attachment; filename*=UTF-8''tiltak%20%C3%A5pne.xlsx", 'x.xlsx')).toBe('tiltak åpne.xlsx');
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx');
  });
});

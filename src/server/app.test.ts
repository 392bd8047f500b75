// The app server answers health and refuses unknown API paths with a JSON error.
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';

describe('app server', () => {
  const app = createApp({ version: '1.2.3', local: true });

  it('answers health with its version', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: '1.2.3' });
  });

  it('answers an unknown API path with a JSON 404 in Norwegian', async () => {
    const res = await app.request('/api/finnes-ikke');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Fant ikke ressursen.');
  });

  it('sends security headers', async () => {
    const res = await app.request('/');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

// The app server serves the built tab: client routes get index.html, hashed files a long cache, and Teams may frame it.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';

const dist = mkdtempSync(join(tmpdir(), 'varde-tab-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="nb"><body><div id="root"></div><script type="module" src="/assets/index-AbCd1234.js"></script></body></html>');
const bigScript = `console.log(${JSON.stringify('x'.repeat(5000))});`;
writeFileSync(join(dist, 'assets', 'index-AbCd1234.js'), bigScript);
writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
writeFileSync(join(tmpdir(), 'varde-secret.txt'), 'secret');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const app = createApp({ version: 't', local: true, tabDir: dist });

describe('the tab from the app server', () => {
  it('answers / and client routes with index.html, not cached', async () => {
    for (const path of ['/', '/inbox?kind=nearMiss', '/cases/abc', '/channel?unitId=u1', '/config']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('caches hashed assets for a year and compresses them for clients that accept gzip', async () => {
    const res = await app.request('/assets/index-AbCd1234.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(bigScript);
    const plain = await app.request('/assets/index-AbCd1234.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(bigScript);
  });

  it('gives a short cache to unhashed files', async () => {
    const res = await app.request('/favicon.svg');
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('answers a missing file with 404 rather than HTML', async () => {
    expect((await app.request('/assets/index-old12345.js')).status).toBe(404);
    expect((await app.request('/robots.txt')).status).toBe(404);
  });

  it('never serves a file outside the build', async () => {
    for (const path of ['/../varde-secret.txt', '/%2e%2e/varde-secret.txt', '/assets/%2e%2e%2f%2e%2e%2fvarde-secret.txt', '/%00.js', '/..%5cvarde-secret.txt']) {
      const res = await app.request(path);
      expect([400, 404], path).toContain(res.status);
      expect(await res.text(), path).not.toContain('secret');
    }
  });

  it('lets Teams frame the tab with a strict CSP, and keeps the API unframeable', async () => {
    const res = await app.request('/inbox');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toMatch(/frame-ancestors [^;]*teams\.microsoft\.com \*\.teams\.microsoft\.com \*\.office\.com \*\.microsoft365\.com \*\.cloud\.microsoft/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const api = await app.request('/api/health');
    expect(api.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('leaves /api to the API', async () => {
    const res = await app.request('/api/finnes-ikke');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });

  it('says how to build the tab when it is not built', async () => {
    const bare = createApp({ version: 't', local: true, tabDir: join(dist, 'nothing-here') });
    const res = await bare.request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:tab');
  });
});

// Serves the built Teams tab (tab/dist) at `/`: hashed assets cached for a year, index.html for every client route, and a strict CSP that still lets Teams frame the tab.
//
// Teams shows a tab in an iframe, so the tab must not send `X-Frame-Options` and must name Teams' hosts in the CSP's
// `frame-ancestors` (https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/tab-requirements: teams.microsoft.com,
// *.teams.microsoft.com, the Microsoft 365 app's *.microsoft365.com and *.office.com, and *.cloud.microsoft, where
// Microsoft 365's web clients are moving). The API keeps the app's default headers; see src/server/app.ts.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** Where `npm run build:tab` puts the tab. */
export const DEFAULT_TAB_DIR = resolve(fileURLToPath(new URL('../../tab/dist', import.meta.url)));

export const TEAMS_FRAME_ANCESTORS = ['teams.microsoft.com', '*.teams.microsoft.com', '*.office.com', '*.microsoft365.com', '*.cloud.microsoft'] as const;

/**
 * The tab's Content-Security-Policy: its own scripts only (Vite emits no inline script), API calls to this origin only,
 * no plugins, no <base>. Styles allow 'unsafe-inline' because Fluent UI's CSS-in-JS (Griffel) inserts <style> rules at
 * run time; no script can come in that way.
 */
export const TAB_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  // teams-js fetches Teams' list of valid origins from Microsoft's CDN (it falls back to a built-in list if refused).
  connectSrc: ["'self'", 'https://res.cdn.office.net'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'", ...TEAMS_FRAME_ANCESTORS],
};

/** Security headers for the tab's pages and files: the app's defaults, less X-Frame-Options, plus the CSP above. */
export function tabSecureHeaders(): MiddlewareHandler {
  return secureHeaders({ xFrameOptions: false, contentSecurityPolicy: TAB_CSP });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt']);
/** Vite names built files `name-<hash>.ext`: their content never changes under that name. */
const HASHED = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

interface Cached {
  mtimeMs: number;
  body: Buffer;
  gzip: Buffer | null;
}

/** The tab's routes: GET for every path outside /api (mount after the API's routes). */
export function tabRoutes(options: { distDir?: string } = {}): Hono {
  const dist = resolve(options.distDir ?? DEFAULT_TAB_DIR);
  const cache = new Map<string, Cached>();

  async function load(file: string): Promise<Cached | null> {
    let info;
    try {
      info = await stat(file);
    } catch {
      return null;
    }
    if (!info.isFile()) return null;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs) return hit;
    const body = await readFile(file);
    const entry: Cached = { mtimeMs: info.mtimeMs, body, gzip: COMPRESSIBLE.has(extname(file)) && body.length > 1024 ? gzipSync(body) : null };
    cache.set(file, entry);
    return entry;
  }

  /** The file a URL path names inside dist, or null for anything that could leave it. */
  function fileFor(path: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return null;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return null;
    const full = resolve(dist, `.${normalize(decoded)}`);
    return full === dist || full.startsWith(dist + sep) ? full : null;
  }

  const routes = new Hono();
  routes.get('*', async (c) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return c.notFound();
    const acceptsGzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const send = (entry: Cached, file: string, cacheControl: string) => {
      const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cacheControl, vary: 'Accept-Encoding' };
      if (entry.gzip && acceptsGzip) {
        headers['content-encoding'] = 'gzip';
        return c.body(new Uint8Array(entry.gzip), 200, headers);
      }
      return c.body(new Uint8Array(entry.body), 200, headers);
    };

    const file = path === '/' ? null : fileFor(path);
    if (file) {
      const entry = await load(file);
      if (entry) return send(entry, file, HASHED.test(path) ? 'public, max-age=31536000, immutable' : file.endsWith('.html') ? 'no-cache' : 'public, max-age=3600');
    }
    // A missing file is a 404 (a stale chunk must fail loudly, not come back as HTML); a path without one is a client route.
    if (extname(path) !== '' || path.startsWith('/assets/')) return c.text('Fant ikke filen.', 404);
    const index = join(dist, 'index.html');
    const entry = await load(index);
    if (!entry) {
      return c.html(
        '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Varde</title></head><body><h1>Varde</h1>' +
          '<p>Fanen er ikke bygget ennå. Kjør <code>npm run build:tab</code> (eller <code>npm start</code>, som bygger den).</p></body></html>',
        503,
        { 'cache-control': 'no-store' },
      );
    }
    return send(entry, index, 'no-cache');
  });
  return routes;
}

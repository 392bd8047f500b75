// The app server's HTTP surface: health, the bot endpoint and /api/* (mounted from the composition), and the Teams tab at `/`.
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { tabRoutes, tabSecureHeaders } from './tab-static.js';

export interface AppInfo {
  version: string;
  /** Whether Graph is the local emulator (shown on the local start page only). */
  local: boolean;
  /** The built tab (default tab/dist); served at `/` with index.html for its client routes. */
  tabDir?: string;
}

/** `routes`: route groups built elsewhere in the composition (the bot's POST /api/messages). */
export function createApp(info: AppInfo, routes: readonly Hono[] = []) {
  const app = new Hono();
  // The API keeps the default headers (X-Frame-Options among them); the tab's pages may be framed by Teams (tab-static.ts).
  const apiHeaders = secureHeaders();
  const tabHeaders = tabSecureHeaders();
  app.use((c, next) => (c.req.path === '/api' || c.req.path.startsWith('/api/') ? apiHeaders(c, next) : tabHeaders(c, next)));
  app.get('/api/health', (c) => c.json({ status: 'ok', version: info.version }));
  for (const group of routes) app.route('/', group);
  // The Teams tab: everything outside /api (after the API's routes, so they win).
  app.route('/', tabRoutes(info.tabDir === undefined ? {} : { distDir: info.tabDir }));
  // Graph-style JSON errors for the API; Norwegian text for people.
  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: { code: 'notFound', message: 'Fant ikke ressursen.' } }, 404) : c.text('Fant ikke siden.', 404)));
  app.onError((err, c) => {
    console.error('varde: request failed', err instanceof Error ? err.name : 'unknown');
    return c.json({ error: { code: 'internalError', message: 'Noe gikk galt hos oss. Prøv igjen om litt.' } }, 500);
  });
  return app;
}

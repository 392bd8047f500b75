// The app server's HTTP surface: health, the bot endpoint (mounted from the composition), and later the tab and /api/*.
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export interface AppInfo {
  version: string;
  /** Whether Graph is the local emulator (shown on the local start page only). */
  local: boolean;
}

/** `routes`: route groups built elsewhere in the composition (the bot's POST /api/messages). */
export function createApp(info: AppInfo, routes: readonly Hono[] = []) {
  const app = new Hono();
  app.use(secureHeaders());
  app.get('/api/health', (c) => c.json({ status: 'ok', version: info.version }));
  for (const group of routes) app.route('/', group);
  app.get('/', (c) =>
    c.html(
      `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Varde</title></head><body>` +
        `<h1>Varde</h1><p>Kvalitetssystemet kjører${info.local ? ' lokalt, mot Graph-emulatoren' : ''}.</p></body></html>`,
    ),
  );
  // Graph-style JSON errors for the API; Norwegian text for people.
  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: { code: 'notFound', message: 'Fant ikke ressursen.' } }, 404) : c.text('Fant ikke siden.', 404)));
  app.onError((err, c) => {
    console.error('varde: request failed', err instanceof Error ? err.name : 'unknown');
    return c.json({ error: { code: 'internalError', message: 'Noe gikk galt hos oss. Prøv igjen om litt.' } }, 500);
  });
  return app;
}

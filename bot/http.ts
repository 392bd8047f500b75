// POST /api/messages on the Hono app: the token gate, then botbuilder's CloudAdapter.process through a minimal req/res shim.
import type { IncomingMessage } from 'node:http';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { BotLog } from './adapter.js';

/** Checks the bearer token of an activity (src/auth/bot-token.ts implements it). */
export interface ActivityTokenCheck {
  validate(authorization: string | undefined, activity: { serviceUrl: string; channelId: string }): Promise<{ ok: true } | { ok: false; reason: string }>;
}

export interface BotEndpointOptions {
  /** The adapter for signed traffic. */
  adapter: CloudAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  tokens: ActivityTokenCheck;
  /**
   * Local development only, and only when explicitly enabled: activities with no Authorization header, from a process
   * on this machine that names a serviceUrl on this machine, go to this adapter (authentication off). That is
   * Microsoft 365 Agents Playground, which cannot sign. Never set in Azure (config refuses it).
   */
  unsignedLocal?: CloudAdapter;
  log?: BotLog;
  /** Activities are small; Teams' own limit for a message is about 100 KB. */
  maxBodyBytes?: number;
}

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** A request relayed by a proxy or tunnel (dev tunnels, ngrok) arrives from this machine but is not from it. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'x-original-url'];

export function botRoutes(options: BotEndpointOptions): Hono {
  const log = options.log ?? (() => {});
  const routes = new Hono();
  const unauthorized = (c: Context, reason: string) => {
    log('bot.unauthorized', { reason });
    return c.json({ error: { code: 'unauthorized', message: 'Forespørselen mangler gyldig autentisering.' } }, 401);
  };

  routes.post(
    '/api/messages',
    bodyLimit({ maxSize: options.maxBodyBytes ?? 512 * 1024, onError: (c) => c.json({ error: { code: 'payloadTooLarge', message: 'Forespørselen er for stor.' } }, 413) }),
    async (c) => {
      const authorization = c.req.header('authorization');
      const unsigned = !authorization && options.unsignedLocal !== undefined && fromThisMachine(c);
      // No token, no work: refused before the body is read.
      if (!authorization && !unsigned) return unauthorized(c, 'missing');

      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return c.json({ error: { code: 'badRequest', message: 'Forespørselen er ikke gyldig JSON.' } }, 400);
      }
      const activity = activityEnvelope(body);
      if (!activity) return c.json({ error: { code: 'badRequest', message: 'Forespørselen er ikke en aktivitet.' } }, 400);

      let adapter = options.adapter;
      if (unsigned && options.unsignedLocal) {
        // Replies go to the serviceUrl: an unsigned request may only make the bot talk to this machine.
        if (!LOOPBACK_HOSTS.has(hostOf(activity.serviceUrl))) return unauthorized(c, 'unsignedRemoteServiceUrl');
        adapter = options.unsignedLocal;
      } else {
        const check = await options.tokens.validate(authorization, activity);
        if (!check.ok) {
          if (check.reason === 'keysUnavailable') {
            log('bot.keysUnavailable');
            return c.json({ error: { code: 'serviceUnavailable', message: 'Kan ikke kontrollere forespørselen nå. Prøv igjen om litt.' } }, 503);
          }
          return unauthorized(c, check.reason);
        }
      }
      return processActivity(c, adapter, options.bot, body as Record<string, unknown>, authorization);
    },
  );
  return routes;
}

/** What CloudAdapter.process reads of a request and writes to a response (express/restify-shaped), mapped onto Hono. */
async function processActivity(c: Context, adapter: CloudAdapter, bot: BotEndpointOptions['bot'], body: Record<string, unknown>, authorization: string | undefined): Promise<Response> {
  const req = { method: 'POST', headers: authorization ? { authorization } : {}, body };
  const out: { status: number; body: unknown } = { status: 200, body: undefined };
  const res = {
    socket: null,
    status(code: number) {
      out.status = code;
      return res;
    },
    header() {
      return res;
    },
    send(payload: unknown) {
      out.body = payload;
      return res;
    },
    end() {
      return res;
    },
  };
  await adapter.process(req, res, (context) => bot.run(context));
  const status = out.status as ContentfulStatusCode;
  if (status === 401) return c.json({ error: { code: 'unauthorized', message: 'Forespørselen mangler gyldig autentisering.' } }, 401);
  if (status >= 500) return c.json({ error: { code: 'internalError', message: 'Noe gikk galt hos oss. Prøv igjen om litt.' } }, status);
  if (out.body === undefined || out.body === null) return c.body(null, status);
  return typeof out.body === 'object' ? c.json(out.body as object, status) : c.text(String(out.body), status);
}

function activityEnvelope(body: unknown): { type: string; serviceUrl: string; channelId: string } | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const { type, serviceUrl, channelId } = body as Record<string, unknown>;
  if (typeof type !== 'string' || type === '' || typeof serviceUrl !== 'string' || !/^https?:\/\//i.test(serviceUrl) || typeof channelId !== 'string') return null;
  return { type, serviceUrl, channelId };
}

function fromThisMachine(c: Context): boolean {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const address = incoming?.socket?.remoteAddress;
  if (!address || !LOOPBACK_ADDRESSES.has(address)) return false;
  return FORWARDING_HEADERS.every((h) => c.req.header(h) === undefined);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

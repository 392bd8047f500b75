// The bot's own tokens for calls to the Bot Connector (replies, proactive messages) when the issuer is the local Entra stand-in.
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

/** botbuilder's ServiceClientCredentialsFactory, named through a public constructor (its package is not ours to import). */
export type BotCredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;
type ServiceClientCredentials = Awaited<ReturnType<BotCredentialsFactory['createCredentials']>>;
type WebResource = Parameters<ServiceClientCredentials['signRequest']>[0];

export interface LocalBotCredentialsOptions {
  /** The local issuer's authority, e.g. http://127.0.0.1:5099/_emulator/issuer/<tenant>. */
  authority: string;
  appId: string;
  appPassword: string;
  fetch?: typeof fetch;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * In Azure, botbuilder's own credentials (msal-node against login.microsoftonline.com) are used. msal-node refuses an
 * http authority, so locally this factory takes the client-credentials token from the emulator's issuer itself, for
 * the audience botbuilder asks for (https://api.botframework.com), and caches it until five minutes before expiry.
 * It refuses any authority that is not plain http on this machine: a client secret must not cross a network in clear.
 */
export function createLocalBotCredentials(options: LocalBotCredentialsOptions): BotCredentialsFactory {
  const authority = new URL(options.authority);
  if (authority.protocol !== 'http:' || !LOOPBACK.has(authority.hostname)) {
    throw new Error(`Local bot credentials expect the emulator's issuer on this machine, not ${authority.origin}.`);
  }
  const doFetch = options.fetch ?? fetch;
  const cache = new Map<string, { token: string; renewAt: number }>();
  const pending = new Map<string, Promise<string>>();

  async function fetchToken(audience: string): Promise<string> {
    const res = await doFetch(`${options.authority}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: options.appId, client_secret: options.appPassword, scope: `${audience}/.default` }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string };
    if (!res.ok || typeof body.access_token !== 'string') throw new Error(`The local issuer refused the bot's token request (${res.status} ${body.error ?? ''}).`);
    cache.set(audience, { token: body.access_token, renewAt: Date.now() + Math.max(0, (body.expires_in ?? 3600) - 300) * 1000 });
    return body.access_token;
  }

  function token(audience: string): Promise<string> {
    const hit = cache.get(audience);
    if (hit && hit.renewAt > Date.now()) return Promise.resolve(hit.token);
    let inFlight = pending.get(audience);
    if (!inFlight) {
      inFlight = fetchToken(audience).finally(() => pending.delete(audience));
      pending.set(audience, inFlight);
    }
    return inFlight;
  }

  return {
    isValidAppId: async (appId: string) => appId === options.appId,
    // Never: authentication is disabled only by botbuilder's own factory with no app id, which the server never builds for signed traffic.
    isAuthenticationDisabled: async () => false,
    createCredentials: async (appId: string, audience: string | undefined) => {
      if (appId !== options.appId) throw new Error('Invalid appId.');
      const scope = audience && audience.length > 0 ? audience : 'https://api.botframework.com';
      return {
        async signRequest(webResource: WebResource) {
          webResource.headers.set('authorization', `Bearer ${await token(scope)}`);
          return webResource;
        },
      };
    },
  };
}

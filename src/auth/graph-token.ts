// The app's Microsoft Graph token source: msal-node client credentials against Entra ID, or against the Graph emulator's local issuer.
import { ConfidentialClientApplication, type Configuration, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';

/** App-only Graph access: the permissions granted to the app registration, never a user's. */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export interface GraphTokenOptions {
  /** `https://login.microsoftonline.com/<tenantId>`; with `localIssuer`, the emulator's `http://127.0.0.1:<port>/_emulator/issuer/<tenant>`. */
  authority: string;
  clientId: string;
  clientSecret: string;
  /** The authority is the emulator's issuer on this machine, over plain http. Local development and tests only. */
  localIssuer?: boolean;
}

export interface GraphTokenSource {
  /** A valid access token for Graph; msal-node's in-memory cache answers until the token nears expiry. */
  getToken(): Promise<string>;
}

export function createGraphTokenSource(options: GraphTokenOptions): GraphTokenSource {
  const app = new ConfidentialClientApplication(
    options.localIssuer ? localIssuerConfiguration(options) : { auth: { authority: options.authority, clientId: options.clientId, clientSecret: options.clientSecret } },
  );
  // msal-node caches too, but its cache lookup costs more than the Graph request's own work on a hot path;
  // the token is kept here until five minutes before it expires, then msal is asked again.
  let cached: { token: string; renewAt: number } | undefined;
  return {
    async getToken() {
      if (cached && Date.now() < cached.renewAt) return cached.token;
      const result = await app.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
      if (!result?.accessToken) throw new Error('msal-node returned no access token for Microsoft Graph.');
      const expires = result.expiresOn?.getTime() ?? Date.now() + 10 * 60_000;
      cached = { token: result.accessToken, renewAt: expires - 5 * 60_000 };
      return result.accessToken;
    },
  };
}

// msal-common refuses any authority that is not https (authority_uri_insecure, no option turns it off), and for
// a host it does not know it asks login.microsoftonline.com for instance discovery. So msal is given the https
// form of the local authority, told the host is a known authority (no instance discovery), and handed a network
// client that carries https://<local origin> over plain http to the emulator and refuses every other host.
// OpenID discovery and the token request themselves run unchanged against the emulator.
export function localIssuerConfiguration(options: GraphTokenOptions): Configuration {
  const local = new URL(options.authority);
  if (local.protocol !== 'http:' || !LOOPBACK.has(local.hostname)) {
    throw new Error(`localIssuer expects the emulator's http authority on this machine, not ${local.origin}: a client secret must not cross a network in clear.`);
  }
  const secureOrigin = `https://${local.host}`;
  return {
    auth: {
      authority: `${secureOrigin}${local.pathname}`,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      knownAuthorities: [local.host],
    },
    system: { networkClient: plainHttpLocalIssuerNetwork(secureOrigin, local.origin) },
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Stands in for TLS in front of the local issuer: msal sees `secureOrigin`, the wire carries `plainOrigin`.
 * URLs in responses are mapped back, so the discovery document's issuer and endpoints match the authority
 * msal was given (msal checks that the issuer shares the authority's scheme and host).
 */
function plainHttpLocalIssuerNetwork(secureOrigin: string, plainOrigin: string): INetworkModule {
  const send = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    if (!url.startsWith(`${secureOrigin}/`)) throw new Error(`The local issuer's network client only reaches ${secureOrigin}; refused ${url}.`);
    const res = await fetch(plainOrigin + url.slice(secureOrigin.length), {
      method,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
    });
    const body = (await res.json()) as Record<string, unknown>;
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string' && value.startsWith(`${plainOrigin}/`)) body[key] = secureOrigin + value.slice(plainOrigin.length);
    }
    return { status: res.status, headers: Object.fromEntries(res.headers), body: body as T };
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

// Validates the bearer token on an activity posted to /api/messages: only the Bot Framework channel (Teams) may call the bot.
import { type JWK, type JWTHeaderParameters, type JWTPayload, errors as joseErrors, importJWK, jwtVerify } from 'jose';

/** Where channel tokens come from and whom they must be for. */
export interface ChannelTokenPolicy {
  /** The channel issuer's OpenID metadata: https://login.botframework.com/v1/.well-known/openidconfiguration in Azure. */
  openIdMetadataUrl: string;
  /** The `iss` of channel tokens: https://api.botframework.com in Azure. */
  issuer: string;
  /** The bot's Microsoft app id: the one audience accepted. */
  appId: string;
  /** Allowed clock skew; the Bot Framework SDKs allow five minutes. */
  clockToleranceSeconds?: number;
  /** Keys older than this are fetched again (the SDKs: 24 hours). */
  keyRefreshMs?: number;
  /** An unknown key id triggers a refetch at most this often, so forged tokens cannot make us hammer the issuer. */
  unknownKeyRefetchMs?: number;
  fetch?: typeof fetch;
}

/** Why a request was refused; safe to log (no token, no claim values). */
export type ChannelTokenFailure = 'missing' | 'malformed' | 'signature' | 'issuer' | 'audience' | 'expired' | 'serviceUrl' | 'endorsement' | 'keysUnavailable';

export type ChannelTokenResult = { ok: true; claims: JWTPayload } | { ok: false; reason: ChannelTokenFailure };

export interface ChannelTokenValidator {
  /** Checks `Authorization: Bearer …` for the activity it came with (its serviceUrl and channelId). */
  validate(authorization: string | undefined, activity: { serviceUrl: string; channelId: string }): Promise<ChannelTokenResult>;
}

interface PublishedKey {
  key: Awaited<ReturnType<typeof importJWK>>;
  /** The channels the key may sign for (Microsoft's keys carry them); empty: any. */
  endorsements: string[];
}

/**
 * The same rules as botbuilder's channel validation (which still runs after this), applied first and on their own so
 * that every failure is a plain 401 and only channel tokens pass: tokens from the Bot Framework Emulator or from other
 * bots (skills), which botbuilder would also accept, are refused here. Signature (RS256 only), issuer, audience = the
 * bot's app id, expiry and not-before, the `serviceurl` claim equal to the activity's serviceUrl (so replies, which
 * carry the bot's own token, go only where the channel said), and the key's endorsement of the activity's channel.
 */
export function createChannelTokenValidator(policy: ChannelTokenPolicy): ChannelTokenValidator {
  const doFetch = policy.fetch ?? fetch;
  const refreshMs = policy.keyRefreshMs ?? 24 * 3600_000;
  const unknownKeyMs = policy.unknownKeyRefetchMs ?? 5 * 60_000;
  let keys = new Map<string, PublishedKey>();
  let fetchedAt = 0;
  let lastAttempt = 0;
  let pending: Promise<void> | null = null;

  async function load(): Promise<void> {
    lastAttempt = Date.now();
    const metadata = await getJson(doFetch, policy.openIdMetadataUrl);
    const jwksUri = typeof metadata.jwks_uri === 'string' ? metadata.jwks_uri : null;
    if (!jwksUri) throw new Error('OpenID metadata without jwks_uri');
    const body = await getJson(doFetch, jwksUri);
    const next = new Map<string, PublishedKey>();
    for (const jwk of Array.isArray(body.keys) ? (body.keys as (JWK & { endorsements?: unknown })[]) : []) {
      if (jwk.kty !== 'RSA' || typeof jwk.kid !== 'string' || !jwk.n || !jwk.e) continue;
      const { endorsements, ...publicJwk } = jwk;
      next.set(jwk.kid, {
        key: await importJWK({ kty: 'RSA', n: publicJwk.n, e: publicJwk.e }, 'RS256'),
        endorsements: Array.isArray(endorsements) ? endorsements.filter((e): e is string => typeof e === 'string') : [],
      });
    }
    keys = next;
    fetchedAt = Date.now();
  }

  function refresh(): Promise<void> {
    pending ??= load().finally(() => {
      pending = null;
    });
    return pending;
  }

  async function keyFor(kid: string | undefined): Promise<PublishedKey | null> {
    // A fetch under way (the first one after start above all): requests that arrive meanwhile wait for it, not 503.
    if (pending) await pending.catch(() => undefined);
    if (Date.now() - fetchedAt > refreshMs && Date.now() - lastAttempt > RETRY_MS) {
      // Stale keys are still used if the issuer cannot be reached; none at all is reported as such.
      await refresh().catch(() => undefined);
    }
    let found = kid === undefined ? undefined : keys.get(kid);
    if (!found && kid !== undefined && Date.now() - lastAttempt > unknownKeyMs) {
      await refresh().catch(() => undefined);
      found = keys.get(kid);
    }
    return found ?? null;
  }

  return {
    async validate(authorization, activity) {
      const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization?.trim() ?? '');
      if (!match?.[1]) return { ok: false, reason: authorization ? 'malformed' : 'missing' };
      const token = match[1];
      let used: PublishedKey | null = null;
      try {
        const { payload } = await jwtVerify(
          token,
          async (header: JWTHeaderParameters) => {
            used = await keyFor(header.kid);
            if (!used) throw keys.size === 0 ? new KeysUnavailable() : new joseErrors.JWKSNoMatchingKey();
            return used.key;
          },
          {
            issuer: policy.issuer,
            audience: policy.appId,
            algorithms: ['RS256'],
            clockTolerance: policy.clockToleranceSeconds ?? 300,
            requiredClaims: ['exp', 'serviceurl'],
          },
        );
        if (payload.serviceurl !== activity.serviceUrl) return { ok: false, reason: 'serviceUrl' };
        const endorsements = (used as PublishedKey | null)?.endorsements ?? [];
        if (endorsements.length > 0 && !endorsements.includes(activity.channelId)) return { ok: false, reason: 'endorsement' };
        return { ok: true, claims: payload };
      } catch (err) {
        return { ok: false, reason: failureOf(err) };
      }
    },
  };
}

/** While the issuer cannot be reached, it is asked again at most this often. */
const RETRY_MS = 10_000;

class KeysUnavailable extends Error {}

function failureOf(err: unknown): ChannelTokenFailure {
  if (err instanceof KeysUnavailable) return 'keysUnavailable';
  if (err instanceof joseErrors.JWTExpired) return 'expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return 'issuer';
    if (err.claim === 'aud') return 'audience';
    if (err.claim === 'nbf') return 'expired';
    if (err.claim === 'serviceurl') return 'serviceUrl';
    return 'malformed';
  }
  if (err instanceof joseErrors.JWSInvalid || err instanceof joseErrors.JWTInvalid) return 'malformed';
  // A wrong signature, a key the issuer never published, an algorithm other than RS256 (including "none").
  return 'signature';
}

async function getJson(doFetch: typeof fetch, url: string): Promise<Record<string, unknown>> {
  const res = await doFetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  const body = (await res.json()) as unknown;
  if (body === null || typeof body !== 'object') throw new Error(`${url} did not answer a JSON object`);
  return body as Record<string, unknown>;
}

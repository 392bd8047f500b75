// Validates the access tokens the Teams tab sends to /api/* (Teams SSO: `authentication.getAuthToken()`), with jose.
//
// A Teams SSO token is an Entra ID access token for the tab's own app registration: audience its Application ID URI
// (`api://host/clientId`, v1 tokens) or its client id (v2 tokens); issuer `https://login.microsoftonline.com/{tid}/v2.0`
// (v2) or `https://sts.windows.net/{tid}/` (v1), depending on the registration's accessTokenAcceptedVersion. Locally
// the Graph emulator's Entra stand-in signs them; the rules are the same.
import { type JWTPayload, type JWTVerifyGetKey, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';

/** Who the token names; the API resolves `oid` to a person in the organisation. */
export interface UserIdentity {
  /** Entra object id: Person.id. */
  oid: string;
  tid: string;
  name: string | null;
  /** The sign-in name (`preferred_username` in v2 tokens, `upn`/`unique_name` in v1). */
  preferredUsername: string | null;
}

/** Why a token was refused; safe to log (no token, no claim values). */
export type UserTokenFailure =
  | 'missing'
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'issuer'
  | 'audience'
  | 'expired'
  | 'notYetValid'
  | 'tenant'
  | 'claims'
  | 'keysUnavailable';

export type UserTokenResult = { ok: true; user: UserIdentity } | { ok: false; reason: UserTokenFailure };

/** Where issuers and keys come from: Entra ID, or the Graph emulator's local stand-in for it. */
export type UserTokenAuthority =
  /** `host`: https://login.microsoftonline.com (or a sovereign cloud's). */
  | { kind: 'entra'; host: string }
  /** `base`: the emulator's `{origin}/_emulator/issuer`; tenant authorities are `{base}/{tid}`. */
  | { kind: 'local'; base: string };

export interface UserTokenPolicy {
  authority: UserTokenAuthority;
  /** Accepted `aud` values (the tab's Application ID URI, its client id). */
  audiences: readonly string[];
  /** `tid` values admitted. Checked before any key is fetched, so a stranger's token costs nothing. */
  allowedTenants: readonly string[];
  /** Clock skew allowed on `exp` and `nbf` (default 120 s). */
  clockToleranceSeconds?: number;
  /** Keys per tenant; default: the authority's published JWKS, fetched and cached by jose. For tests. */
  keysFor?: (tenantId: string) => JWTVerifyGetKey;
  /** The time to check `exp`/`nbf` against; default now. */
  now?: () => Date;
}

export interface UserTokenValidator {
  /** Checks the bearer token (just the token, not the header). */
  validate(token: string | undefined): Promise<UserTokenResult>;
}

/** The issuers a tenant's Teams SSO tokens may carry. */
export function issuersFor(authority: UserTokenAuthority, tenantId: string): string[] {
  if (authority.kind === 'local') return [`${authority.base}/${tenantId}/v2.0`];
  return [`${authority.host}/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];
}

/** The tenant's published signing keys (Entra: https://login.microsoftonline.com/{tid}/discovery/v2.0/keys). */
export function jwksUrlFor(authority: UserTokenAuthority, tenantId: string): URL {
  const base = authority.kind === 'local' ? `${authority.base}/${tenantId}` : `${authority.host}/${tenantId}`;
  return new URL(`${base}/discovery/v2.0/keys`);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Signature (RS256 only: `none` and HMAC are refused before anything else), issuer for the token's own tenant, audience,
 * `exp`/`nbf` with a small tolerance, the tenant allow-list, and the claims the API needs: `oid` and `tid`, a delegated
 * token (`scp` present; app-only tokens are refused).
 */
export function createUserTokenValidator(policy: UserTokenPolicy): UserTokenValidator {
  const allowed = new Set(policy.allowedTenants.map((t) => t.toLowerCase()));
  const tolerance = policy.clockToleranceSeconds ?? 120;
  // One key set per allowed tenant (bounded by the allow-list); jose caches the keys and refetches on an unknown kid,
  // at most every 30 s (its cooldown), so forged kids cannot make us hammer the issuer.
  const keySets = new Map<string, JWTVerifyGetKey>();
  const keysFor = (tid: string): JWTVerifyGetKey => {
    let keys = keySets.get(tid);
    if (!keys) {
      keys = policy.keysFor?.(tid) ?? createRemoteJWKSet(jwksUrlFor(policy.authority, tid), { timeoutDuration: 5000, cacheMaxAge: 24 * 3600_000 });
      keySets.set(tid, keys);
    }
    return keys;
  };

  return {
    async validate(token) {
      if (!token) return { ok: false, reason: 'missing' };
      let unverified: JWTPayload;
      try {
        const header = decodeProtectedHeader(token);
        if (header.alg !== 'RS256') return { ok: false, reason: 'algorithm' };
        unverified = decodeJwt(token);
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      // The tenant decides which issuer and keys apply; it is only trusted once the signature is checked below.
      const tid = typeof unverified.tid === 'string' ? unverified.tid.toLowerCase() : '';
      if (!GUID.test(tid)) return { ok: false, reason: 'claims' };
      if (!allowed.has(tid)) return { ok: false, reason: 'tenant' };
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keysFor(tid), {
          algorithms: ['RS256'],
          issuer: issuersFor(policy.authority, tid),
          audience: [...policy.audiences],
          clockTolerance: tolerance,
          requiredClaims: ['exp', 'iat'],
          ...(policy.now ? { currentDate: policy.now() } : {}),
        }));
      } catch (err) {
        return { ok: false, reason: failureOf(err) };
      }
      if (typeof payload.tid !== 'string' || payload.tid.toLowerCase() !== tid) return { ok: false, reason: 'claims' };
      const oid = payload.oid;
      if (typeof oid !== 'string' || oid === '') return { ok: false, reason: 'claims' };
      // A delegated token only: an app-only token (no scp, idtyp app) names an application, not a person.
      if (payload.idtyp === 'app' || typeof payload.scp !== 'string' || payload.scp.trim() === '') return { ok: false, reason: 'claims' };
      const username = [payload.preferred_username, payload.upn, payload.unique_name].find((v): v is string => typeof v === 'string' && v !== '') ?? null;
      return { ok: true, user: { oid, tid, name: typeof payload.name === 'string' ? payload.name : null, preferredUsername: username } };
    },
  };
}

function failureOf(err: unknown): UserTokenFailure {
  if (err instanceof joseErrors.JWTExpired) return 'expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return 'issuer';
    if (err.claim === 'aud') return 'audience';
    if (err.claim === 'nbf') return 'notYetValid';
    return 'claims';
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'algorithm';
  // A key id the issuer never published fails like a wrong signature: no published key verifies the token.
  if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey || err instanceof joseErrors.JWKSMultipleMatchingKeys) return 'signature';
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid) return 'keysUnavailable';
  if (err instanceof joseErrors.JWSInvalid || err instanceof joseErrors.JWTInvalid) return 'malformed';
  // A failed fetch of the keys (a non-200 answer: jose's plain JOSEError; the network: not jose's at all).
  if (err instanceof joseErrors.JOSEError && err.constructor !== joseErrors.JOSEError) return 'malformed';
  return 'keysUnavailable';
}

/** `Authorization: Bearer <token>` → the token; undefined for a missing or malformed header. */
export function bearerToken(header: string | undefined): string | undefined {
  // The scheme is case-insensitive (RFC 9110); the token must look like a compact JWS (three base64url parts).
  const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(header?.trim() ?? '');
  return match?.[1];
}

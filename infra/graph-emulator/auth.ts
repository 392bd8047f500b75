// Bearer-token checks: lenient by default (any token, caller read from its claims), strict against the local issuer.
import { decodeJwt, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { unauthenticated } from './errors.js';
import type { Caller } from './request.js';

/** The audience Graph tokens carry. */
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';

export interface AuthPolicy {
  /** Verify signature, issuer, audience and expiry; otherwise only require a bearer token. */
  strict: boolean;
  keys?: JWTVerifyGetKey;
  issuer?: string;
}

const LOCAL_CALLER: Caller = { appId: '00000000-0000-0000-0000-000000000000', displayName: 'Local app' };

/** Checks the Authorization header and returns who calls; throws Graph's 401 otherwise. */
export async function authenticate(header: string | undefined, policy: AuthPolicy): Promise<Caller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) throw unauthenticated('Access token is empty.');
  const token = match[1];
  if (!policy.strict) return callerFromClaims(tryDecode(token)) ?? LOCAL_CALLER;
  if (!policy.keys || !policy.issuer) throw unauthenticated('Access token validation failure.');
  try {
    const { payload } = await jwtVerify(token, policy.keys, { issuer: policy.issuer, audience: [GRAPH_AUDIENCE, `${GRAPH_AUDIENCE}/`] });
    return callerFromClaims(payload) ?? LOCAL_CALLER;
  } catch (err) {
    throw unauthenticated(messageFor(err));
  }
}

// Graph's own wording for each failure, so client code that logs or branches on it sees the same.
function messageFor(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'Lifetime validation failed, the token is expired.';
  // A key id the issuer never published fails like a wrong signature: either way no published key verifies the token.
  if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey) return 'Signature is invalid.';
  if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'aud') return 'Access token validation failure. Invalid audience.';
  if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'iss') return 'Access token validation failure. Invalid issuer.';
  if (err instanceof joseErrors.JWSInvalid || err instanceof joseErrors.JWTInvalid) return 'CompactToken parsing failed with error code: 80049217';
  return 'Access token validation failure.';
}

function tryDecode(token: string): Record<string, unknown> | undefined {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

function callerFromClaims(claims: Record<string, unknown> | undefined): Caller | undefined {
  const appId = claims?.appid ?? claims?.azp;
  if (typeof appId !== 'string') return undefined;
  const name = claims?.app_displayname;
  return { appId, displayName: typeof name === 'string' ? name : appId, ...userFromClaims(claims) };
}

/** A delegated token (on-behalf-of a user) carries `scp` and the user's `oid`; an app-only token carries `roles`. */
function userFromClaims(claims: Record<string, unknown> | undefined): Pick<Caller, 'user'> {
  const { oid, scp, name, preferred_username: username } = claims ?? {};
  if (typeof oid !== 'string' || typeof scp !== 'string' || claims?.idtyp === 'app') return {};
  return {
    user: {
      oid,
      scopes: scp.split(' ').filter(Boolean),
      ...(typeof name === 'string' ? { name } : {}),
      ...(typeof username === 'string' ? { preferredUsername: username } : {}),
    },
  };
}

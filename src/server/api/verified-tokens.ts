// Bearer tokens already verified, kept briefly: an RSA signature check per request is the largest fixed cost of a page.
//
// Only successful validations are kept, under the exact token string, for at most TTL_MS of real time and never past
// the token's own `exp` (against real time, as the validator checks it). A token is immutable, so its signature, issuer, audience and
// claims were right for all of that time; the short TTL bounds how long a rotated-away signing key still counts.
import type { UserIdentity, UserTokenResult, UserTokenValidator } from '../../auth/user-token.js';

const TTL_MS = 60_000;
const MAX_ENTRIES = 5_000;

interface Entry {
  readonly user: UserIdentity;
  /** Real time (performance.now) after which it is checked again. */
  readonly until: number;
  /** The token's `exp`, epoch ms. */
  readonly expMs: number;
}

/** The validator with a cache of its successes in front; refusals are never kept. */
export function withVerifiedTokens(tokens: UserTokenValidator, now: () => number = Date.now): UserTokenValidator {
  const kept = new Map<string, Entry>();
  return {
    async validate(token): Promise<UserTokenResult> {
      if (token) {
        const hit = kept.get(token);
        if (hit && performance.now() < hit.until && now() < hit.expMs) return { ok: true, user: hit.user };
        if (hit) kept.delete(token);
      }
      const result = await tokens.validate(token);
      if (result.ok && token) {
        const expMs = expiryOf(token);
        if (expMs !== null) {
          if (kept.size >= MAX_ENTRIES) kept.clear();
          kept.set(token, { user: result.user, until: performance.now() + TTL_MS, expMs });
        }
      }
      return result;
    },
  };
}

/** The `exp` of a token the validator has just accepted (so its payload is the signed one), in epoch ms. */
function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' && Number.isFinite(payload.exp) ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

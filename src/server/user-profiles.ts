// The signed-in user's preferred language, read from Microsoft Graph as the user (on-behalf-of), once per user per few hours.
import type { OnBehalfOfTokenSource } from '../auth/on-behalf-of.js';
import type { ApiLog, UserProfiles } from './api/index.js';
import type { Locale } from './api/contract.js';

export interface UserProfileOptions {
  /** e.g. https://graph.microsoft.com/v1.0, or the emulator's /v1.0. */
  graphBaseUrl: string;
  obo: OnBehalfOfTokenSource;
  /** The app's User-Agent for Graph (`NONISV|publisher|Varde/version`). */
  userAgent: string;
  /** How long a user's language is kept (default 6 hours: it is changed seldom, and a new sign-in is not a new session here). */
  ttlMs?: number;
  /** How long "could not read it" is kept before asking again (default 1 minute; bokmål meanwhile). */
  failureTtlMs?: number;
  /** Users kept at most (default 5,000; the oldest go first). */
  maxUsers?: number;
  now?: () => number;
  fetch?: typeof fetch;
  log?: ApiLog;
}

/** Microsoft 365's language tag (`nb-NO`, `nn-NO`, `en-US` …) as the tab's locale; bokmål for anything else. */
export function localeFromLanguage(tag: string | null | undefined): Locale {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'nn') return 'nn';
  if (primary === 'en') return 'en';
  return 'nb';
}

/**
 * The API keeps no sessions, so "the first sign-in of a session" is the first request of a user to this instance within
 * `ttlMs`: that one asks Graph `/me` on the user's behalf, later ones read the cache. A failure (no consent, Graph
 * down) gives bokmål and is retried after `failureTtlMs`; it never fails the request.
 */
export function createUserProfiles(options: UserProfileOptions): UserProfiles {
  const ttl = options.ttlMs ?? 6 * 3600_000;
  const failureTtl = options.failureTtlMs ?? 60_000;
  const maxUsers = options.maxUsers ?? 5000;
  const now = options.now ?? Date.now;
  const doFetch = options.fetch ?? fetch;
  const log = options.log ?? (() => {});
  const base = options.graphBaseUrl.replace(/\/+$/, '');
  const cache = new Map<string, { value: Promise<Locale>; until: number }>();

  async function read(token: string): Promise<Locale> {
    const graphToken = await options.obo.graphTokenFor(token);
    const res = await doFetch(`${base}/me?$select=preferredLanguage`, { headers: { authorization: `Bearer ${graphToken}`, 'user-agent': options.userAgent, accept: 'application/json' } });
    if (res.status !== 200) throw new Error(`Graph /me answered ${res.status}`);
    const body = (await res.json()) as { preferredLanguage?: unknown };
    return localeFromLanguage(typeof body.preferredLanguage === 'string' ? body.preferredLanguage : null);
  }

  return {
    locale(user) {
      const hit = cache.get(user.oid);
      if (hit && hit.until > now()) return hit.value;
      const entry = { value: Promise.resolve<Locale>('nb'), until: now() + ttl };
      entry.value = read(user.token).catch((err: unknown) => {
        log('api.profileUnavailable', { error: err instanceof Error ? err.name : typeof err });
        entry.until = now() + failureTtl;
        return 'nb' as const;
      });
      if (cache.size >= maxUsers && !cache.has(user.oid)) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.delete(user.oid);
      cache.set(user.oid, entry);
      return entry.value;
    },
  };
}

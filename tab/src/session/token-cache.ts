// Keeps the Teams SSO token until shortly before it expires, so not every API call asks the Teams client for it.
export function jwtExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp * 1000 : null;
  } catch {
    return null;
  }
}

/** Wraps a token source: the same token until five minutes before its `exp`; `fresh` always asks again. */
export function cachedTokens(get: () => Promise<string>, now: () => number = Date.now, marginMs = 5 * 60_000): (fresh: boolean) => Promise<string> {
  let cached: { token: string; until: number } | null = null;
  return async (fresh) => {
    if (!fresh && cached && now() < cached.until) return cached.token;
    const token = await get();
    const exp = jwtExpiry(token);
    cached = exp === null ? null : { token, until: exp - marginMs };
    return token;
  };
}

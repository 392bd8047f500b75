// The Teams token is reused until shortly before it expires.
import { describe, expect, it } from 'vitest';
import { cachedTokens, jwtExpiry } from './token-cache';

const jwt = (payload: object) => `h.${btoa(JSON.stringify(payload)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.s`;

describe('Teams token cache', () => {
  it('reads the expiry of a JWT', () => {
    expect(jwtExpiry(jwt({ exp: 1_800_000_000 }))).toBe(1_800_000_000_000);
    expect(jwtExpiry(jwt({ sub: 'x' }))).toBeNull();
    expect(jwtExpiry('not a token')).toBeNull();
  });

  it('reuses a token until five minutes before it expires, and asks again when told to', async () => {
    let n = 0;
    let clock = 1_000_000_000_000;
    const get = cachedTokens(async () => jwt({ exp: 1_000_000_000 + 3600, n: ++n }), () => clock);
    const first = await get(false);
    expect(await get(false)).toBe(first);
    expect(await get(true)).not.toBe(first);
    clock += 56 * 60_000;
    const later = await get(false);
    expect(later).toContain('.');
    expect(n).toBe(3);
  });

  it('does not keep a token it cannot read', async () => {
    let n = 0;
    const get = cachedTokens(async () => `opaque-${++n}`);
    await get(false);
    await get(false);
    expect(n).toBe(2);
  });
});

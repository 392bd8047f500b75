import { describe, expect, it } from 'vitest';
import type { UserTokenResult, UserTokenValidator } from '../../auth/user-token.js';
import { withVerifiedTokens } from './verified-tokens.js';

const tokenWith = (exp: number) => `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;
const user = { oid: 'o', tid: 't', name: null, preferredUsername: null };

function counting(answer: (token: string | undefined) => UserTokenResult) {
  let calls = 0;
  const validator: UserTokenValidator = {
    validate: async (token) => {
      calls++;
      return answer(token);
    },
  };
  return { validator, calls: () => calls };
}

describe('withVerifiedTokens', () => {
  it('validates a token once while it is valid; an expired one is validated again', async () => {
    let now = 1_000_000;
    const inner = counting(() => ({ ok: true, user }));
    const tokens = withVerifiedTokens(inner.validator, () => now);
    const token = tokenWith(now / 1000 + 30);
    expect(await tokens.validate(token)).toEqual({ ok: true, user });
    expect(await tokens.validate(token)).toEqual({ ok: true, user });
    expect(inner.calls()).toBe(1);
    now += 31_000;
    await tokens.validate(token);
    expect(inner.calls()).toBe(2);
  });

  it('never keeps a refusal, nor a token without exp', async () => {
    const refused = counting(() => ({ ok: false, reason: 'signature' }));
    const tokens = withVerifiedTokens(refused.validator, () => 0);
    await tokens.validate(tokenWith(100));
    expect(await tokens.validate(tokenWith(100))).toEqual({ ok: false, reason: 'signature' });
    expect(refused.calls()).toBe(2);
    const noExp = counting(() => ({ ok: true, user }));
    const kept = withVerifiedTokens(noExp.validator, () => 0);
    await kept.validate('a.e30.b');
    await kept.validate('a.e30.b');
    expect(noExp.calls()).toBe(2);
  });
});

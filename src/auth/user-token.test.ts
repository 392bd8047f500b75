// Teams SSO token validation with locally generated keys: what passes, and every way a token must not.
import { type CryptoKey, type JWK, SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { type UserTokenPolicy, bearerToken, createUserTokenValidator, issuersFor, jwksUrlFor } from './user-token.js';

const TENANT = '7f1c2a5e-0b6d-4c1e-9a3f-5d8e2b4c6a10';
const OTHER_TENANT = '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a';
const CLIENT_ID = '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const APP_ID_URI = `api://varde.example.no/${CLIENT_ID}`;
const OID = '11111111-2222-4333-8444-555555555555';
const HOST = 'https://login.microsoftonline.com';
const V2 = `${HOST}/${TENANT}/v2.0`;
const V1 = `https://sts.windows.net/${TENANT}/`;

let key: CryptoKey;
let strangerKey: CryptoKey;
let jwks: { keys: JWK[] };
const KID = 'test-key';

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] };
  strangerKey = (await generateKeyPair('RS256')).privateKey;
});

const policy = (overrides: Partial<UserTokenPolicy> = {}): UserTokenPolicy => ({
  authority: { kind: 'entra', host: HOST },
  audiences: [APP_ID_URI, CLIENT_ID],
  allowedTenants: [TENANT],
  keysFor: () => createLocalJWKSet(jwks),
  ...overrides,
});

interface Mint {
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string;
  expiresIn?: number;
  notBefore?: number;
  signWith?: CryptoKey;
  kid?: string;
}

async function mint(options: Mint = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: TENANT, oid: OID, scp: 'access_as_user', name: 'Per Pleier', preferred_username: 'per@testvik.no', ver: '2.0', ...options.claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? KID, typ: 'JWT' })
    .setIssuer(options.issuer ?? V2)
    .setAudience(options.audience ?? CLIENT_ID)
    .setIssuedAt(now - 60)
    .setNotBefore(options.notBefore ?? now - 60)
    .setExpirationTime(now + (options.expiresIn ?? 3600))
    .sign(options.signWith ?? key);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('createUserTokenValidator', () => {
  it('accepts a v2 Teams SSO token and returns who it names', async () => {
    const result = await createUserTokenValidator(policy()).validate(await mint());
    expect(result).toEqual({ ok: true, user: { oid: OID, tid: TENANT, name: 'Per Pleier', preferredUsername: 'per@testvik.no' } });
  });

  it('accepts a v1 token (sts.windows.net issuer, the Application ID URI as audience, upn for the sign-in name)', async () => {
    const token = await mint({ issuer: V1, audience: APP_ID_URI, claims: { ver: '1.0', preferred_username: undefined, upn: 'per@testvik.no' } });
    const result = await createUserTokenValidator(policy()).validate(token);
    expect(result).toEqual({ ok: true, user: { oid: OID, tid: TENANT, name: 'Per Pleier', preferredUsername: 'per@testvik.no' } });
  });

  it('allows a little clock skew, not more', async () => {
    const validator = createUserTokenValidator(policy({ clockToleranceSeconds: 120 }));
    expect((await validator.validate(await mint({ expiresIn: -60 }))).ok).toBe(true);
    expect(await validator.validate(await mint({ expiresIn: -300 }))).toEqual({ ok: false, reason: 'expired' });
    const now = Math.floor(Date.now() / 1000);
    expect((await validator.validate(await mint({ notBefore: now + 60 }))).ok).toBe(true);
    expect(await validator.validate(await mint({ notBefore: now + 600 }))).toEqual({ ok: false, reason: 'notYetValid' });
  });

  it.each<[string, () => Promise<string>, string]>([
    ['expired', () => mint({ expiresIn: -3600 }), 'expired'],
    ['wrong audience (another app)', () => mint({ audience: 'api://elsewhere/22222222-2222-4333-8444-555555555555' }), 'audience'],
    ['wrong audience (a Graph token)', () => mint({ audience: 'https://graph.microsoft.com' }), 'audience'],
    ['wrong issuer', () => mint({ issuer: 'https://evil.example/v2.0' }), 'issuer'],
    ["another tenant's issuer for this tenant's tid", () => mint({ issuer: `${HOST}/${OTHER_TENANT}/v2.0` }), 'issuer'],
    ['a tenant not allowed', () => mint({ issuer: `${HOST}/${OTHER_TENANT}/v2.0`, claims: { tid: OTHER_TENANT } }), 'tenant'],
    ['bad signature (a key not published)', () => mint({ signWith: strangerKey }), 'signature'],
    ['a key id not published', () => mint({ signWith: strangerKey, kid: 'unknown' }), 'signature'],
    ['missing oid', () => mint({ claims: { oid: undefined } }), 'claims'],
    ['missing tid', () => mint({ claims: { tid: undefined } }), 'claims'],
    ['an app-only token (no scp)', () => mint({ claims: { scp: undefined, roles: ['Sites.Selected'], idtyp: 'app' } }), 'claims'],
  ])('refuses %s', async (_name, token, reason) => {
    expect(await createUserTokenValidator(policy()).validate(await token())).toEqual({ ok: false, reason });
  });

  it('refuses alg none and HMAC before looking at anything else', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { tid: TENANT, oid: OID, scp: 'access_as_user', iss: V2, aud: CLIENT_ID, iat: now, exp: now + 3600 };
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    const validator = createUserTokenValidator(policy());
    expect(await validator.validate(none)).toEqual({ ok: false, reason: 'algorithm' });
    const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('a shared secret of at least 32 bytes!'));
    expect(await validator.validate(hs256)).toEqual({ ok: false, reason: 'algorithm' });
  });

  it('refuses a tampered payload (the signature no longer matches)', async () => {
    const [header, , signature] = (await mint()).split('.');
    const now = Math.floor(Date.now() / 1000);
    const payload = b64({ tid: TENANT, oid: '99999999-2222-4333-8444-555555555555', scp: 'access_as_user', iss: V2, aud: CLIENT_ID, iat: now, exp: now + 3600 });
    expect(await createUserTokenValidator(policy()).validate(`${header}.${payload}.${signature}`)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses what is not a token at all', async () => {
    const validator = createUserTokenValidator(policy());
    expect(await validator.validate(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(await validator.validate('garbage')).toEqual({ ok: false, reason: 'malformed' });
    expect(await validator.validate('a.b.c')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('says keysUnavailable (not a forged token) when the keys cannot be fetched', async () => {
    const validator = createUserTokenValidator(policy({ keysFor: () => () => Promise.reject(new TypeError('fetch failed')) }));
    expect(await validator.validate(await mint())).toEqual({ ok: false, reason: 'keysUnavailable' });
  });

  it('fetches no keys for a tenant that is not allowed', async () => {
    const asked: string[] = [];
    const validator = createUserTokenValidator(policy({ keysFor: (tid) => (asked.push(tid), createLocalJWKSet(jwks)) }));
    await validator.validate(await mint({ issuer: `${HOST}/${OTHER_TENANT}/v2.0`, claims: { tid: OTHER_TENANT } }));
    expect(asked).toEqual([]);
    await validator.validate(await mint());
    await validator.validate(await mint());
    expect(asked).toEqual([TENANT]);
  });

  it('checks against the given clock', async () => {
    const later = new Date(Date.now() + 2 * 3600_000);
    expect(await createUserTokenValidator(policy({ now: () => later })).validate(await mint())).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('issuers and keys', () => {
  it("are Entra's per tenant, v2 and v1", () => {
    expect(issuersFor({ kind: 'entra', host: HOST }, TENANT)).toEqual([V2, V1]);
    expect(jwksUrlFor({ kind: 'entra', host: HOST }, TENANT).href).toBe(`${HOST}/${TENANT}/discovery/v2.0/keys`);
  });

  it("are the emulator's Entra stand-in's locally", () => {
    const base = 'http://127.0.0.1:5099/_emulator/issuer';
    expect(issuersFor({ kind: 'local', base }, TENANT)).toEqual([`${base}/${TENANT}/v2.0`]);
    expect(jwksUrlFor({ kind: 'local', base }, TENANT).href).toBe(`${base}/${TENANT}/discovery/v2.0/keys`);
  });
});

describe('bearerToken', () => {
  it('takes the token from a bearer header, any case of the scheme, and nothing else', () => {
    expect(bearerToken('Bearer aaa.bbb.ccc')).toBe('aaa.bbb.ccc');
    expect(bearerToken('bearer aaa.bbb.ccc')).toBe('aaa.bbb.ccc');
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
    expect(bearerToken('Bearer aaa.bbb.ccc extra')).toBeUndefined();
    expect(bearerToken('Bearer not-a-token')).toBeUndefined();
  });
});

// A local stand-in for Entra ID: OpenID metadata, signing keys and the client-credentials token endpoint, so msal-node runs for real.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type JWK, type JWTVerifyGetKey, SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, importJWK } from 'jose';
import { GRAPH_AUDIENCE } from './auth.js';

/** The tenant the emulator pretends to be. */
export const LOCAL_TENANT_ID = '7f1c2a5e-0b6d-4c1e-9a3f-5d8e2b4c6a10';
/** The app registration `npm start` uses; strict mode accepts only registered clients. */
export const LOCAL_CLIENT = { id: '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', secret: 'local-development-secret', displayName: 'Varde (local)' };

export interface Issuer {
  /** Base that msal-node takes as its authority, e.g. http://127.0.0.1:5099/_emulator/issuer/{tenant}. */
  authority(): string;
  issuerUrl(): string;
  keys: JWTVerifyGetKey;
  jwks(): { keys: JWK[] };
  /** Signs an access token for the given audience and claims, valid for `seconds`. */
  sign(claims: Record<string, unknown>, audience?: string, seconds?: number): Promise<string>;
  /** Registered clients (id → secret and name). */
  clients: Map<string, { secret: string; displayName: string }>;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

async function loadOrCreateKey(file: string | undefined): Promise<StoredKey> {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StoredKey;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const key: StoredKey = { kid, privateJwk: await exportJWK(privateKey), publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  }
  return key;
}

export async function createIssuer(keyFile: string | undefined, origin: () => string): Promise<Issuer> {
  const stored = await loadOrCreateKey(keyFile);
  const privateKey = await importJWK(stored.privateJwk, 'RS256');
  const jwks = { keys: [stored.publicJwk] };
  const authority = () => `${origin()}/_emulator/issuer/${LOCAL_TENANT_ID}`;
  const issuerUrl = () => `${authority()}/v2.0`;
  return {
    authority,
    issuerUrl,
    keys: createLocalJWKSet(jwks),
    jwks: () => jwks,
    clients: new Map([[LOCAL_CLIENT.id, { secret: LOCAL_CLIENT.secret, displayName: LOCAL_CLIENT.displayName }]]),
    sign: (claims, audience = GRAPH_AUDIENCE, seconds = 3600) =>
      new SignJWT({ tid: LOCAL_TENANT_ID, ver: '2.0', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: stored.kid, typ: 'JWT' })
        .setIssuer(issuerUrl())
        .setAudience(audience)
        .setIssuedAt()
        .setNotBefore('0s')
        .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
        .setJti(randomUUID())
        .sign(privateKey),
  };
}

// A local stand-in for Entra ID (OpenID metadata, signing keys, the client-credentials and on-behalf-of token endpoint, so
// msal-node runs for real; a control that mints users' access tokens as Teams SSO would; a small directory behind /me)
// and for the Bot Framework channel's own issuer, which signs what Teams sends to a bot.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  /** The users `GET /v1.0/me` knows beyond their token's claims (set through the issuer's controls). */
  users: Map<string, DirectoryUser>;
  /** The Bot Framework channel's issuer (https://api.botframework.com in Azure): signs activities sent to bots. */
  botFramework: ChannelIssuer;
}

/**
 * Stands in for login.botframework.com: the OpenID metadata and keys a bot validates incoming activities with, and
 * tokens shaped as the channel's (`iss`, `aud` = the bot's app id, `serviceurl`, `nbf`, `exp`; no `ver`, `appid` or
 * `azp`, so botbuilder treats them as channel tokens, not skill or emulator tokens). Its key is its own, published with
 * the endorsement `msteams`, as Microsoft's keys carry the channels they may sign for.
 */
export interface ChannelIssuer {
  /** The `iss` of channel tokens, e.g. http://127.0.0.1:5099/_emulator/botframework. */
  issuer(): string;
  /** What botbuilder's ToBotFromChannelOpenIdMetadataUrl points at. */
  metadataUrl(): string;
  jwksUrl(): string;
  jwks(): { keys: (JWK & { endorsements: string[] })[] };
  /** A channel token for the bot `audience`, bound to the activity's serviceUrl, valid for `seconds` (negative: already expired). */
  sign(audience: string, serviceUrl: string, seconds?: number): Promise<string>;
}

/** A user of the local directory, as `GET /v1.0/me` shows them (the few properties emulated). */
export interface DirectoryUser {
  id: string;
  displayName: string | null;
  mail: string | null;
  userPrincipalName: string | null;
  /** e.g. 'nb-NO'; null when not set, as in Graph. */
  preferredLanguage: string | null;
}

/** The channels the local channel key is endorsed for: only Teams is emulated. */
export const CHANNEL_ENDORSEMENTS = ['msteams'];

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
  const botFramework = await createChannelIssuer(keyFile ? join(dirname(keyFile), 'botframework-key.json') : undefined, origin);
  const jwks = { keys: [stored.publicJwk] };
  const authority = () => `${origin()}/_emulator/issuer/${LOCAL_TENANT_ID}`;
  const issuerUrl = () => `${authority()}/v2.0`;
  return {
    authority,
    issuerUrl,
    keys: createLocalJWKSet(jwks),
    jwks: () => jwks,
    clients: new Map([[LOCAL_CLIENT.id, { secret: LOCAL_CLIENT.secret, displayName: LOCAL_CLIENT.displayName }]]),
    users: new Map(),
    botFramework,
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

async function createChannelIssuer(keyFile: string | undefined, origin: () => string): Promise<ChannelIssuer> {
  const stored = await loadOrCreateKey(keyFile);
  const privateKey = await importJWK(stored.privateJwk, 'RS256');
  const jwks = { keys: [{ ...stored.publicJwk, endorsements: CHANNEL_ENDORSEMENTS }] };
  const issuer = () => `${origin()}/_emulator/botframework`;
  return {
    issuer,
    metadataUrl: () => `${issuer()}/v1/.well-known/openidconfiguration`,
    jwksUrl: () => `${issuer()}/v1/.well-known/keys`,
    jwks: () => jwks,
    sign: (audience, serviceUrl, seconds = 3600) => {
      const now = Math.floor(Date.now() / 1000);
      // A token that expired `seconds` ago was also issued before then.
      const notBefore = Math.min(now, now + seconds - 60);
      return new SignJWT({ serviceurl: serviceUrl })
        .setProtectedHeader({ alg: 'RS256', kid: stored.kid, typ: 'JWT' })
        .setIssuer(issuer())
        .setAudience(audience)
        .setNotBefore(notBefore)
        .setExpirationTime(now + seconds)
        .sign(privateKey);
    },
  };
}

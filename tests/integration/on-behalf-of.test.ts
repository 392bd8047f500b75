// msal-node's on-behalf-of flow against the emulator's Entra stand-in (strict auth): a tab token becomes a delegated Graph
// token for the same user, which Graph's /me answers for; what Entra refuses, the stand-in refuses too.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnBehalfOfTokenSource } from '../../src/auth/on-behalf-of.js';
import { LOCAL_APP } from '../../src/server/config.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

const OID = '6a2b1c3d-0000-4e5f-8a9b-000000000005';
const AUDIENCE = `api://127.0.0.1:3978/${LOCAL_APP.clientId}`;

let em: TestEmulator;

const control = async (path: string, body: object) =>
  fetch(`${em.url}/_emulator/issuer/${LOCAL_APP.tenantId}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const userToken = async (body: object = {}) => ((await (await control('user-token', { oid: OID, name: 'Per Pleier', preferredUsername: 'per@testvik.no', audience: AUDIENCE, ...body })).json()) as { access_token: string }).access_token;
const obo = () => createOnBehalfOfTokenSource({ authority: em.issuer.authority(), clientId: LOCAL_APP.clientId, clientSecret: LOCAL_APP.clientSecret, localIssuer: true });
const me = (token: string, query = '') => fetch(`${em.graphUrl}/me${query}`, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  em = await startTestEmulator({ strictAuth: true });
});

afterAll(async () => {
  await em?.close();
});

describe('on-behalf-of', () => {
  it("exchanges the user's token for a delegated Graph token for the same user", async () => {
    const graphToken = await obo().graphTokenFor(await userToken());
    const claims = decodeJwt(graphToken);
    expect(claims).toMatchObject({ aud: 'https://graph.microsoft.com', oid: OID, scp: 'User.Read', tid: LOCAL_APP.tenantId, azp: LOCAL_APP.clientId, iss: em.issuer.issuerUrl() });
    expect(claims.roles).toBeUndefined();
  });

  it('GET /v1.0/me answers as the user, with the language set in the directory', async () => {
    const graphToken = await obo().graphTokenFor(await userToken());
    const plain = await me(graphToken);
    expect(plain.status).toBe(200);
    expect(await plain.json()).toMatchObject({ id: OID, displayName: 'Per Pleier', mail: 'per@testvik.no', userPrincipalName: 'per@testvik.no', preferredLanguage: null });
    expect((await control('users', { id: OID, displayName: 'Per Pleier', preferredLanguage: 'nn-NO' })).status).toBe(201);
    const selected = await me(graphToken, '?$select=preferredLanguage');
    const body = (await selected.json()) as Record<string, unknown>;
    expect(body).toEqual({ '@odata.context': `${em.graphUrl}/$metadata#users(preferredLanguage)/$entity`, preferredLanguage: 'nn-NO' });
  });

  it('/me refuses an app-only token, as Graph does', async () => {
    const appToken = await em.issuer.sign({ appid: LOCAL_APP.clientId, azp: LOCAL_APP.clientId, roles: ['Sites.Selected'], idtyp: 'app', oid: LOCAL_APP.clientId });
    const res = await me(appToken);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('/me request is only valid with delegated authentication flow.');
  });

  it("refuses an assertion for another app, an expired one, and one the issuer did not sign", async () => {
    await expect(obo().graphTokenFor(await userToken({ audience: 'api://elsewhere/22222222-2222-4333-8444-555555555555' }))).rejects.toThrow(/AADSTS50013/);
    await expect(obo().graphTokenFor(await userToken({ expiresInSeconds: -600 }))).rejects.toThrow(/AADSTS500133/);
    const [header, payload] = (await userToken()).split('.');
    await expect(obo().graphTokenFor(`${header}.${payload}.${Buffer.from('forged').toString('base64url')}`)).rejects.toThrow(/AADSTS50013/);
  });

  it('refuses a client with the wrong secret', async () => {
    const wrong = createOnBehalfOfTokenSource({ authority: em.issuer.authority(), clientId: LOCAL_APP.clientId, clientSecret: 'wrong', localIssuer: true });
    await expect(wrong.graphTokenFor(await userToken())).rejects.toThrow(/AADSTS7000215/);
  });
});

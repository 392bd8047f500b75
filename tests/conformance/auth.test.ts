// Conformance: bearer tokens as Graph checks them, and the app's real msal-node client-credentials flow against the emulator's local issuer.
import { SignJWT, decodeJwt, generateKeyPair } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_CLIENT } from '../../infra/graph-emulator/issuer.js';
import { type Emulator, startEmulator } from '../../infra/graph-emulator/server.js';
import { GRAPH_SCOPE, createGraphTokenSource } from '../../src/auth/graph-token.js';

interface GraphErrorBody {
  error: { code: string; message: string };
}
interface OAuthErrorBody {
  error: string;
  error_description: string;
}

let strict: Emulator;

beforeAll(async () => {
  strict = await startEmulator({ dataDir: ':memory:', strictAuth: true });
});

afterAll(async () => {
  await strict.close();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const localTokenSource = (em: Emulator, secret = LOCAL_CLIENT.secret, clientId = LOCAL_CLIENT.id) =>
  createGraphTokenSource({ authority: em.issuer.authority(), clientId, clientSecret: secret, localIssuer: true });

const getRoot = (em: Emulator, token?: string) => fetch(`${em.graphUrl}/sites/root`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

async function expect401(res: Response, message: string): Promise<void> {
  expect(res.status).toBe(401);
  const body = (await res.json()) as GraphErrorBody;
  expect(body.error.code).toBe('InvalidAuthenticationToken');
  expect(body.error.message).toBe(message);
}

/** A token with the emulator's issuer and Graph's audience under the given key id, signed by a key the emulator never published. */
async function tokenSignedByAnotherKey(kid: string | undefined): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT({ appid: LOCAL_CLIENT.id, azp: LOCAL_CLIENT.id })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(kid ? { kid } : {}) })
    .setIssuer(strict.issuer.issuerUrl())
    .setAudience('https://graph.microsoft.com')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}

describe('strict mode refuses a bad bearer token with 401 InvalidAuthenticationToken', () => {
  it('refuses a request without a token: "Access token is empty."', async () => {
    await expect401(await getRoot(strict), 'Access token is empty.');
  });

  it('refuses a token signed by another key under the issuer\'s key id: "Signature is invalid."', async () => {
    const kid = strict.issuer.jwks().keys[0]?.kid;
    expect(kid).toBeTruthy();
    await expect401(await getRoot(strict, await tokenSignedByAnotherKey(kid)), 'Signature is invalid.');
  });

  it('refuses a token signed by a key the issuer never published: "Signature is invalid."', async () => {
    await expect401(await getRoot(strict, await tokenSignedByAnotherKey('some-other-key')), 'Signature is invalid.');
  });

  it('refuses an expired token: "Lifetime validation failed, the token is expired."', async () => {
    const expired = await strict.issuer.sign({ appid: LOCAL_CLIENT.id }, undefined, -60);
    await expect401(await getRoot(strict, expired), 'Lifetime validation failed, the token is expired.');
  });

  it('refuses a token for another audience: "Access token validation failure. Invalid audience."', async () => {
    const forArm = await strict.issuer.sign({ appid: LOCAL_CLIENT.id }, 'https://management.azure.com');
    await expect401(await getRoot(strict, forArm), 'Access token validation failure. Invalid audience.');
  });

  it('refuses a garbage token that is not a JWT', async () => {
    await expect401(await getRoot(strict, 'not-a-jwt'), 'CompactToken parsing failed with error code: 80049217');
  });

  it('accepts a token the local issuer signed for Graph', async () => {
    expect((await getRoot(strict, await strict.issuer.sign({ appid: LOCAL_CLIENT.id }))).status).toBe(200);
  });
});

describe("msal-node's client-credentials flow against the local issuer (src/auth/graph-token.ts)", () => {
  it('gets a token that strict mode accepts: GET /v1.0/sites/root answers 200', async () => {
    const token = await localTokenSource(strict).getToken();
    expect((await getRoot(strict, token)).status).toBe(200);
  });

  it('the token is an app-only Graph token from the local issuer for the client', async () => {
    const claims = decodeJwt(await localTokenSource(strict).getToken());
    expect(claims.iss).toBe(strict.issuer.issuerUrl());
    expect(claims.aud).toBe('https://graph.microsoft.com');
    expect(claims.appid).toBe(LOCAL_CLIENT.id);
    expect(claims.idtyp).toBe('app');
    expect(GRAPH_SCOPE).toBe('https://graph.microsoft.com/.default');
  });

  it('talks only to the emulator: OpenID discovery, then the token endpoint, never login.microsoftonline.com', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    await localTokenSource(strict).getToken();
    // msal adds ?client-request-id=… to the token request; the path is what matters here.
    const calls = fetchSpy.mock.calls.map(([input, init]) => `${init?.method ?? 'GET'} ${String(input).split('?')[0]}`);
    const authority = strict.issuer.authority();
    expect(calls).toEqual([`GET ${authority}/v2.0/.well-known/openid-configuration`, `POST ${authority}/oauth2/v2.0/token`]);
  });

  it("answers a second getToken from msal-node's cache without calling the token endpoint again", async () => {
    const source = localTokenSource(strict);
    const first = await source.getToken();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    expect(await source.getToken()).toBe(first);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('the Graph call shows the app as creator: createdBy.application.id is the client id', async () => {
    const token = await localTokenSource(strict).getToken();
    const graph = (path: string, json: unknown) =>
      fetch(`${strict.graphUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(json) });
    const site = await fetch(`${strict.url}/_emulator/sites`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: '/sites/x' }) });
    expect(site.status).toBe(201);
    const siteId = ((await site.json()) as { id: string }).id;
    const list = await graph(`/sites/${siteId}/lists`, { displayName: 'L' });
    expect(list.status, await list.clone().text()).toBe(201);
    const listId = ((await list.json()) as { id: string }).id;
    const item = await graph(`/sites/${siteId}/lists/${listId}/items`, { fields: { Title: 't' } });
    expect(item.status, await item.clone().text()).toBe(201);
    const created = (await item.json()) as { createdBy: { application: { id: string; displayName: string } } };
    expect(created.createdBy.application.id).toBe(LOCAL_CLIENT.id);
    expect(created.createdBy.application.displayName).toBe(LOCAL_CLIENT.displayName);
  });
});

describe('the local token endpoint refuses bad client credentials as Entra ID does', () => {
  const tokenRequest = (clientId: string, clientSecret: string) =>
    fetch(`${strict.issuer.authority()}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: GRAPH_SCOPE }),
    });

  it('refuses a wrong secret: 401 invalid_client (AADSTS7000215)', async () => {
    const res = await tokenRequest(LOCAL_CLIENT.id, 'wrong-secret');
    expect(res.status).toBe(401);
    const body = (await res.json()) as OAuthErrorBody;
    expect(body.error).toBe('invalid_client');
    expect(body.error_description).toMatch(/^AADSTS7000215:/);
  });

  it('refuses an unknown client: 400 unauthorized_client (AADSTS700016)', async () => {
    const res = await tokenRequest('11111111-2222-4333-8444-555555555555', 'any-secret');
    expect(res.status).toBe(400);
    const body = (await res.json()) as OAuthErrorBody;
    expect(body.error).toBe('unauthorized_client');
    expect(body.error_description).toMatch(/^AADSTS700016:/);
  });

  it('msal-node surfaces a wrong secret as a ServerError invalid_client', async () => {
    await expect(localTokenSource(strict, 'wrong-secret').getToken()).rejects.toMatchObject({ name: 'ServerError', errorCode: 'invalid_client' });
  });

  it('msal-node surfaces an unknown client as a ServerError unauthorized_client', async () => {
    await expect(localTokenSource(strict, 'any-secret', '11111111-2222-4333-8444-555555555555').getToken()).rejects.toMatchObject({
      name: 'ServerError',
      errorCode: 'unauthorized_client',
    });
  });
});

describe('graph-token.ts configuration', () => {
  it('for a real tenant, msal-node goes straight to Entra ID\'s token endpoint with no discovery call (fetch faked, no network)', async () => {
    const tenant = '00000000-1111-4222-8333-444444444444';
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation(async () => Response.json({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'entra-token' }));
    const source = createGraphTokenSource({ authority: `https://login.microsoftonline.com/${tenant}`, clientId: LOCAL_CLIENT.id, clientSecret: 'secret' });
    expect(await source.getToken()).toBe('entra-token');
    const calls = fetchSpy.mock.calls.map(([input, init]) => `${init?.method ?? 'GET'} ${String(input).split('?')[0]}`);
    expect(calls).toEqual([`POST https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`]);
    expect(String(fetchSpy.mock.calls[0]?.[1]?.body)).toContain(`scope=${encodeURIComponent(GRAPH_SCOPE)}`);
  });

  it('without localIssuer, msal-node refuses the plain-http authority (authority_uri_insecure)', async () => {
    const source = createGraphTokenSource({ authority: strict.issuer.authority(), clientId: LOCAL_CLIENT.id, clientSecret: LOCAL_CLIENT.secret });
    await expect(source.getToken()).rejects.toMatchObject({ errorCode: 'authority_uri_insecure' });
  });

  it('localIssuer refuses an authority off this machine, so a secret never crosses a network in clear', () => {
    expect(() =>
      createGraphTokenSource({ authority: 'http://graph.example.org/_emulator/issuer/t', clientId: LOCAL_CLIENT.id, clientSecret: LOCAL_CLIENT.secret, localIssuer: true }),
    ).toThrow(/localIssuer/);
    expect(() =>
      createGraphTokenSource({ authority: 'https://login.microsoftonline.com/t', clientId: LOCAL_CLIENT.id, clientSecret: LOCAL_CLIENT.secret, localIssuer: true }),
    ).toThrow(/localIssuer/);
  });
});

describe('lenient mode (the default)', () => {
  let lenient: Emulator;
  beforeAll(async () => {
    lenient = await startEmulator({ dataDir: ':memory:' });
  });
  afterAll(async () => {
    await lenient.close();
  });

  it('accepts any bearer token', async () => {
    expect((await getRoot(lenient, 'anything-at-all')).status).toBe(200);
  });

  it('still requires a bearer token: "Access token is empty."', async () => {
    await expect401(await getRoot(lenient), 'Access token is empty.');
  });

  it("accepts msal-node's token from its own local issuer too", async () => {
    expect((await getRoot(lenient, await localTokenSource(lenient).getToken())).status).toBe(200);
  });
});

// The tab API's authentication over real HTTP, against the app as `npm start` composes it: every /api/* route needs a
// valid Teams SSO token (here signed by the emulator's Entra stand-in, which the server trusts locally as it trusts Entra
// in a tenant); the local sign-in mints such tokens and exists only in local runs; the bot keeps its own endpoint.
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgUnit, Person } from '../../src/domain/index.js';
import type { ApiError, ChannelUnit, LocalPersona, LocalSignIn, MeView, PersonSummary, UnitView } from '../../src/server/api/contract.js';
import { createApp } from '../../src/server/app.js';
import { LOCAL_APP } from '../../src/server/config.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';

const id = (n: number) => `6a2b1c3d-0000-4e5f-8a9b-${String(n).padStart(12, '0')}`;
const CHANNEL = '19:solvang-ledere@thread.tacv2';
const units: OrgUnit[] = [
  { id: 'kommune', name: 'Testvik kommune', level: 'municipality', parentId: null, leaderId: id(1) },
  { id: 'mh', name: 'Mestring og helse', level: 'sector', parentId: 'kommune', leaderId: id(2) },
  { id: 'solvang', name: 'Solvang sykehjem', level: 'unit', parentId: 'mh', leaderId: id(3) },
  { id: 'solvang-1', name: 'Avdeling 1. etasje', level: 'service', parentId: 'solvang', leaderId: id(4) },
];
const person = (n: number, name: string, unitId: string, roles: Person['roles']): Person => {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@testvik.no`;
  return { id: id(n), name, email, upn: email, unitId, roles };
};
const people: Person[] = [
  person(1, 'Kari Direktør', 'kommune', ['chiefExecutive']),
  person(2, 'Kåre Sektor', 'mh', ['sectorHead']),
  person(3, 'Liv Leder', 'solvang', ['unitLeader']),
  person(4, 'Tor Tjeneste', 'solvang-1', ['serviceLeader']),
  person(5, 'Per Pleier', 'solvang-1', ['employee']),
  person(6, 'Åse Ansatt', 'solvang-1', ['employee']),
  person(7, 'Vera Varsel', 'kommune', ['qualityAdviser']),
];
const per = people[4] as Person;
const vera = people[6] as Person;
const STRANGER = id(99);

let stack: AppStack;
let perToken: string;

const errorOf = async (res: Response) => ((await res.json()) as ApiError).error;

beforeAll(async () => {
  stack = await startAppStack({
    strictAuth: true,
    municipality: {
      units,
      people,
      leaderChannels: { solvang: CHANNEL },
      personas: [{ key: 'employee', label: 'Ansatt', personId: per.id, name: per.name, email: per.email, unitId: per.unitId, unitName: 'Avdeling 1. etasje, Solvang sykehjem' }],
    },
    whistleblowingRecipientIds: [vera.id],
  });
  perToken = await stack.signIn(per.id);
});

afterAll(async () => {
  await stack?.stop();
});

describe('without a valid token, every /api route is 401 with a Graph-style error in Norwegian', () => {
  const routes = ['/api/me', '/api/units', '/api/people?q=per', `/api/channels/${encodeURIComponent(CHANNEL)}/unit`, '/api/cases', '/api/does-not-exist'];

  it('no Authorization header', async () => {
    for (const path of routes) {
      const res = await stack.api(null, path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await errorOf(res)).toEqual({ code: 'unauthenticated', message: 'Du er ikke logget inn. Logg inn og prøv igjen.' });
    }
  });

  it('garbage, a non-bearer scheme, an empty bearer', async () => {
    for (const authorization of ['Bearer not-a-token', 'Basic dXNlcjpwYXNz', 'Bearer ', 'Bearer a.b.c']) {
      const res = await stack.api(null, '/api/me', { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
      const error = await errorOf(res);
      expect(error.code).toBe('unauthenticated');
      expect(error.message).toMatch(/Logg inn/);
    }
  });

  it('an expired token', async () => {
    const token = await stack.mintUserToken({ oid: per.id, name: per.name, expiresInSeconds: -600 });
    const res = await stack.api(token, '/api/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await errorOf(res)).toEqual({ code: 'unauthenticated', message: 'Innloggingen har utløpt. Logg inn på nytt.' });
  });

  it('a token for another audience (another app, or Graph)', async () => {
    for (const audience of ['api://elsewhere.example/11111111-2222-4333-8444-555555555555', 'https://graph.microsoft.com']) {
      const token = await stack.mintUserToken({ oid: per.id, name: per.name, audience });
      const res = await stack.api(token, '/api/me');
      expect(res.status, audience).toBe(401);
      expect((await errorOf(res)).code).toBe('unauthenticated');
    }
  });

  it('a token from another tenant, even one signed with the right key', async () => {
    const other = '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a';
    const token = await stack.emulator.issuer.sign({ tid: other, oid: per.id, scp: 'access_as_user', name: per.name }, stack.config.userAuth.appIdUri);
    const res = await stack.api(token, '/api/me');
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toEqual({ code: 'unauthenticated', message: 'Du er logget inn i en organisasjon som ikke har tilgang til Varde.' });
  });

  it('a token signed with a key the issuer never published', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const kid = (stack.emulator.issuer.jwks().keys[0] as { kid: string }).kid;
    expect(await exportJWK(publicKey)).toBeTruthy();
    const forged = await new SignJWT({ tid: LOCAL_APP.tenantId, oid: per.id, scp: 'access_as_user', ver: '2.0' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(stack.emulator.issuer.issuerUrl())
      .setAudience(stack.config.userAuth.appIdUri as string)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const res = await stack.api(forged, '/api/me');
    expect(res.status).toBe(401);
  });

  it('an app-only token (client credentials) is not a user', async () => {
    const token = await stack.emulator.issuer.sign({ appid: LOCAL_APP.clientId, oid: LOCAL_APP.clientId, roles: ['Sites.Selected'], idtyp: 'app' }, stack.config.userAuth.appIdUri);
    expect((await stack.api(token, '/api/me')).status).toBe(401);
  });

  it('logs the reason code only, never the token', () => {
    expect(stack.events).toContain('api.unauthenticated');
    expect(stack.events.join('\n')).not.toMatch(/eyJ/);
  });
});

describe('with a valid token', () => {
  it('GET /api/me says who I am, what I lead and how I signed in', async () => {
    const res = await stack.api(perToken, '/api/me');
    expect(res.status).toBe(200);
    const me = (await res.json()) as MeView;
    expect(me).toEqual({
      id: per.id,
      name: 'Per Pleier',
      email: per.email,
      unitId: 'solvang-1',
      unitName: 'Avdeling 1. etasje',
      roles: ['employee'],
      leadsUnitIds: [],
      seesOthersCases: false,
      whistleblowingRecipient: false,
      localSession: true,
      locale: 'nb',
    } satisfies MeView);
  });

  it('a leader sees what they lead; the named recipient is marked as such', async () => {
    const liv = (await (await stack.api(await stack.signIn(id(3)), '/api/me')).json()) as MeView;
    expect(liv.leadsUnitIds).toEqual(['solvang']);
    expect(liv.seesOthersCases).toBe(true);
    const v = (await (await stack.api(await stack.signIn(vera.id), '/api/me')).json()) as MeView;
    expect(v.whistleblowingRecipient).toBe(true);
    expect(v.seesOthersCases).toBe(true);
  });

  it('the locale is the user\'s preferredLanguage in Microsoft 365, read from Graph /me on their behalf', async () => {
    const asa = people[5] as Person;
    const registered = await fetch(`${stack.emulator.url}/_emulator/issuer/${LOCAL_APP.tenantId}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: asa.id, displayName: asa.name, mail: asa.email, userPrincipalName: asa.upn, preferredLanguage: 'nn-NO' }),
    });
    expect(registered.status).toBe(201);
    await fetch(`${stack.emulator.url}/_emulator/metrics/reset`, { method: 'POST' });
    const me = (await (await stack.api(await stack.signIn(asa.id), '/api/me')).json()) as MeView;
    expect(me.locale).toBe('nn');
    const metrics = (await (await fetch(`${stack.emulator.url}/_emulator/metrics`)).json()) as { requests: { byRoute: Record<string, number> } };
    expect(Object.entries(metrics.requests.byRoute).filter(([route]) => route.includes('/me'))).toEqual([['GET /me', 1]]);
    // Once per user per instance, not per request.
    await stack.api(await stack.signIn(asa.id), '/api/me');
    const again = (await (await fetch(`${stack.emulator.url}/_emulator/metrics`)).json()) as { requests: { byRoute: Record<string, number> } };
    expect(again.requests.byRoute['GET /me']).toBe(1);
  });

  it('GET /api/units is the whole tree, top down', async () => {
    const res = await stack.api(perToken, '/api/units');
    expect(res.status).toBe(200);
    expect(((await res.json()) as UnitView[]).map((u) => [u.id, u.level, u.parentId])).toEqual([
      ['kommune', 'municipality', null],
      ['mh', 'sector', 'kommune'],
      ['solvang', 'unit', 'mh'],
      ['solvang-1', 'service', 'solvang'],
    ]);
  });

  it('GET /api/people finds by name within a unit, at most 50, and refuses bad input with 400', async () => {
    const found = (await (await stack.api(perToken, '/api/people?unitId=solvang&q=%C3%A5se')).json()) as PersonSummary[];
    expect(found).toEqual([{ id: id(6), name: 'Åse Ansatt', unitId: 'solvang-1' }]);
    const all = (await (await stack.api(perToken, '/api/people?unitId=solvang')).json()) as PersonSummary[];
    expect(all.map((p) => p.name)).toEqual(['Liv Leder', 'Per Pleier', 'Tor Tjeneste', 'Åse Ansatt']);
    const unknown = await stack.api(perToken, '/api/people?unitId=nowhere');
    expect(unknown.status).toBe(400);
    expect(await errorOf(unknown)).toEqual({ code: 'invalidRequest', message: 'Forespørselen er ugyldig.', details: [{ field: 'unitId', message: 'Finner ikke enheten.' }] });
    const long = await stack.api(perToken, `/api/people?q=${'x'.repeat(101)}`);
    expect(long.status).toBe(400);
    expect((await errorOf(long)).details?.[0]?.field).toBe('q');
  });

  it('GET /api/channels/:channelId/unit finds the unit of a leader channel, null for any other channel', async () => {
    const linked = await stack.api(perToken, `/api/channels/${encodeURIComponent(CHANNEL)}/unit`);
    expect((await linked.json()) as ChannelUnit).toEqual({ unitId: 'solvang' });
    const other = await stack.api(perToken, `/api/channels/${encodeURIComponent('19:other@thread.tacv2')}/unit`);
    expect((await other.json()) as ChannelUnit).toEqual({ unitId: null });
  });

  it('an unknown path is 404 notFound once signed in', async () => {
    const res = await stack.api(perToken, '/api/does-not-exist');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('notFound');
  });

  it('a valid token of someone the organisation does not know is 403 notInOrganisation', async () => {
    const token = await stack.mintUserToken({ oid: STRANGER, name: 'Ukjent Person', preferredUsername: 'ukjent@testvik.no' });
    const res = await stack.api(token, '/api/me');
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({ code: 'notInOrganisation', message: 'Du finnes ikke i kommunens organisasjonskart i Varde. Kontakt kvalitetsrådgiveren eller HR.' });
  });
});

describe('local sign-in', () => {
  it('lists the personas and signs in as one; the token is a Teams-shaped user token for the tab', async () => {
    const personas = (await (await stack.api(null, '/api/local/personas')).json()) as LocalPersona[];
    expect(personas).toEqual([{ key: 'employee', label: 'Ansatt', name: 'Per Pleier', unitName: 'Avdeling 1. etasje, Solvang sykehjem' }]);
    const res = await stack.api(null, '/api/local/sign-in', { method: 'POST', json: { persona: 'employee' } });
    expect(res.status).toBe(200);
    const signIn = (await res.json()) as LocalSignIn;
    const claims = JSON.parse(Buffer.from(signIn.token.split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toMatchObject({ oid: per.id, tid: LOCAL_APP.tenantId, aud: stack.config.userAuth.appIdUri, scp: 'access_as_user', iss: stack.emulator.issuer.issuerUrl() });
    expect(Date.parse(signIn.expiresAt) - Date.now()).toBeGreaterThan(3500_000);
    expect((await stack.api(signIn.token, '/api/me')).status).toBe(200);
  });

  it('refuses unknown personas, people outside the organisation and bad bodies with 400', async () => {
    for (const json of [{ persona: 'nobody' }, { personId: STRANGER }, {}, { persona: 'employee', personId: per.id }, 'text']) {
      const res = await stack.api(null, '/api/local/sign-in', { method: 'POST', json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect((await errorOf(res)).code).toBe('invalidRequest');
    }
    const notJson = await stack.api(null, '/api/local/sign-in', { method: 'POST', body: 'persona=employee', headers: { 'content-type': 'text/plain' } });
    expect(notJson.status).toBe(400);
  });

  it("the emulator's token control answers only on this machine, and not through a proxy", async () => {
    const res = await fetch(`${stack.emulator.url}/_emulator/issuer/${LOCAL_APP.tenantId}/user-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ oid: per.id, audience: stack.config.userAuth.appIdUri }),
    });
    expect(res.status).toBe(403);
  });
});

describe('outside local runs', () => {
  it('the local sign-in routes are 404', async () => {
    // The same API, composed with a tenant's configuration: no emulator, no local sign-in.
    const { createApi } = await import('../../src/server/api/index.js');
    const { Hono } = await import('hono');
    const deps = { ...stack.composition.api, config: { ...stack.config, local: false }, localSignIn: null };
    const app = createApp({ version: '0', local: false }, [new Hono().route('/api', createApi(deps))]);
    for (const [method, path] of [
      ['GET', '/api/local/personas'],
      ['POST', '/api/local/sign-in'],
    ] as const) {
      const res = await app.request(path, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? JSON.stringify({ persona: 'employee' }) : undefined });
      expect(res.status, path).toBe(404);
      expect((await errorOf(res)).code).toBe('notFound');
    }
    // The rest of the API is unchanged (here still trusting the emulator's issuer, as this configuration was built with).
    const me = await app.request('/api/me', { headers: { authorization: `Bearer ${perToken}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as MeView).localSession).toBe(false);
  });
});

describe('the bot endpoint', () => {
  it('/api/messages still takes signed activities from the channel and refuses others, without the tab token rules', async () => {
    const user = { aadObjectId: per.id, name: per.name };
    expect((await stack.bot.message(user, 'hei')).status).toBe(200);
    await stack.connector.waitFor((a) => a.conversationId === stack.bot.personalConversationId(user));
    // A tab token is not a channel token.
    expect((await stack.bot.message(user, 'hei', { token: perToken })).status).toBe(401);
    expect((await stack.bot.message(user, 'hei', { token: null })).status).toBe(401);
  });

  it('/api/health needs no token', async () => {
    const res = await stack.api(null, '/api/health');
    expect(res.status).toBe(200);
  });
});

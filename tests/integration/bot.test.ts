// The bot over real HTTP: emulator + app server composed as `npm start` does, a Bot Connector stand-in as Teams' serviceUrl, activities signed as the channel signs them.
// The reporting conversation itself (forms, receipts, leaders) is tested in tests/integration/reporting.test.ts; here: the edge.
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeApp, type Composition } from '../../src/server/compose.js';
import { ConfigError, LOCAL_APP, readConfig } from '../../src/server/config.js';
import { type RunningApp, startAppServer } from '../../src/server/serve.js';
import { openStack } from '../../src/server/stack.js';
import { startEchoBot } from '../bench/bot-echo.js';
import { type BotClient, type TestUser, createBotClient, signerFromEmulator } from '../support/bot-client.js';
import { type ConnectorStandIn, TEAMS_RATE_LIMITS, startConnectorStandIn } from '../support/connector-stand-in.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const quiet = () => {};

let em: TestEmulator;
let connector: ConnectorStandIn;
let server: RunningApp;
let composition: Composition;
let client: BotClient;
const events: string[] = [];

const kari: TestUser = { aadObjectId: '0d9e5f4a-1111-4c1e-9a3f-000000000001', name: 'Kari Nordmann' };
const per: TestUser = { aadObjectId: '0d9e5f4a-2222-4c1e-9a3f-000000000002', name: 'Per Hansen', locale: 'nn-NO' };

const appId = LOCAL_APP.clientId;
const sign = (audience: string, serviceUrl: string, seconds?: number) => em.issuer.botFramework.sign(audience, serviceUrl, seconds);
const sentTo = (user: TestUser) => connector.activities.filter((a) => a.conversationId === client.personalConversationId(user));
const cardOf = (activity: Record<string, unknown>) => ((activity.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined) ?? []).find((a) => a.contentType === ADAPTIVE_CARD)?.content;
const settle = () => new Promise((r) => setTimeout(r, 150));

beforeAll(async () => {
  em = await startTestEmulator();
  connector = await startConnectorStandIn({ auth: { issuer: em.issuer.issuerUrl(), keys: em.issuer.keys, appId } });
  const config = readConfig({ GRAPH_BASE_URL: em.graphUrl, PORT: '0' });
  const stack = await openStack(config);
  composition = composeApp(config, stack, { log: (event) => events.push(event) });
  server = await startAppServer(config, composition.app);
  client = createBotClient({ endpoint: `${server.url}/api/messages`, appId, serviceUrl: connector.url, sign });
});

afterAll(async () => {
  await server?.close();
  await connector?.close();
  await em?.close();
});

beforeEach(() => {
  connector.clear();
  connector.setRateLimits(false);
});

describe('signed activities', () => {
  it('answers an install in a personal chat with the welcome card, sent to the connector with the bot’s own token', async () => {
    const res = await client.install(kari);
    expect(res.status).toBe(200);
    const welcome = await connector.waitFor((a) => a.conversationId === client.personalConversationId(kari));
    expect(['send', 'reply']).toContain(welcome.operation);
    expect(welcome.appId).toBe(appId);
    expect(cardOf(welcome.activity)).toMatchObject({ type: 'AdaptiveCard' });
    expect(connector.refused).toEqual([]);
  });

  it('welcomes once when Teams sends both installationUpdate and conversationUpdate for one install', async () => {
    expect((await client.botAdded(per)).status).toBe(200);
    expect((await client.install(per)).status).toBe(200);
    await settle();
    expect(sentTo(per)).toHaveLength(1);
  });

  it('answers a message in the same conversation', async () => {
    const res = await client.message(kari, 'hjelp');
    expect(res.status).toBe(200);
    const reply = await connector.waitFor((a) => a.conversationId === client.personalConversationId(kari));
    expect(reply.activity.type).toBe('message');
    expect(reply.operation).toBe('reply');
  });

  it('returns the refreshed card as the invoke response of an Action.Execute', async () => {
    // An empty submit comes back as the form with its errors: a card that replaces the one acted on.
    const res = await client.actionExecute(kari, { verb: 'submitReport', data: {}, replyToId: '1700000000001' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD, value: { type: 'AdaptiveCard' } });
  });

  it('answers an action without a new card with a short confirmation, and sends its messages', async () => {
    const res = await client.actionExecute(kari, { verb: 'noSuchVerb', data: {} });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Mottatt' });
    await connector.waitFor((a) => a.conversationId === client.personalConversationId(kari));
  });
});

describe('refused activities: 401, and the bot sends nothing', () => {
  const refusedWith = async (send: () => Promise<{ status: number }>) => {
    const res = await send();
    await settle();
    expect(res.status).toBe(401);
    expect(connector.activities).toEqual([]);
  };
  const message = () => client.personalActivity(kari, { type: 'message', text: 'hjelp' });

  it('without a token', () => refusedWith(() => client.message(kari, 'hjelp', { token: null })));

  it('with a token for another bot', async () => refusedWith(async () => client.post(message(), { token: await sign('11111111-2222-3333-4444-555555555555', connector.url) })));

  it('with an expired token (beyond the five minutes of clock skew allowed)', async () => refusedWith(async () => client.post(message(), { token: await sign(appId, connector.url, -600) })));

  it('with a token signed by another key under the channel key’s id', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const kid = em.issuer.botFramework.jwks().keys[0]?.kid ?? '';
    const forged = await new SignJWT({ serviceurl: connector.url })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(em.issuer.botFramework.issuer())
      .setAudience(appId)
      .setNotBefore('0s')
      .setExpirationTime('1h')
      .sign(privateKey);
    await refusedWith(() => client.post(message(), { token: forged }));
  });

  it('with an unsigned token (alg none)', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: em.issuer.botFramework.issuer(), aud: appId, serviceurl: connector.url, nbf: now, exp: now + 3600 })}.`;
    await refusedWith(() => client.post(message(), { token: unsigned }));
  });

  it('with a token from the Entra stand-in, not the channel, even for the bot’s audience', async () =>
    refusedWith(async () => client.post(message(), { token: await em.issuer.sign({ serviceurl: connector.url, appid: appId, azp: appId }, appId) })));

  it('with a token bound to another serviceUrl (replies would carry the bot’s token elsewhere)', async () =>
    refusedWith(async () => client.post({ ...message(), serviceUrl: 'http://127.0.0.1:9/' }, { token: await sign(appId, connector.url) })));

  it('from a channel the signing key is not endorsed for', async () => refusedWith(async () => client.post({ ...message(), channelId: 'webchat' })));

  it('with garbage in the Authorization header', () => refusedWith(() => client.post(message(), { token: 'not-a-token' })));

  it('unsigned from this machine, when unsigned traffic is not enabled', () => refusedWith(() => client.install(kari, { token: null })));
});

describe('proactive messages through the Messenger', () => {
  it('reaches a person who has the app, and updates the card in place', async () => {
    await client.install(kari);
    connector.clear();
    const ref = await composition.messenger.sendToPerson(kari.aadObjectId, { text: 'Saken din er behandlet.' });
    expect(ref).toMatchObject({ conversationId: client.personalConversationId(kari) });
    const sent = await connector.waitFor((a) => a.operation === 'send');
    expect(sent.activity.text).toBe('Saken din er behandlet.');
    expect(sent.appId).toBe(appId);

    await composition.messenger.updateCard({ conversationId: ref?.conversationId ?? '', activityId: ref?.activityId ?? '' }, { type: 'AdaptiveCard', version: '1.5', body: [] });
    const updated = await connector.waitFor((a) => a.operation === 'update');
    expect(updated.activityId).toBe(ref?.activityId);
    expect(cardOf(updated.activity)).toMatchObject({ type: 'AdaptiveCard' });
  });

  it('returns null for a person the bot has no conversation with', async () => {
    expect(await composition.messenger.sendToPerson('00000000-0000-0000-0000-00000000dead', { text: 'Hei' })).toBeNull();
    expect(connector.activities).toEqual([]);
  });

  it('rides out Teams’ rate limit (429 with Retry-After) without losing a message', async () => {
    await client.install(per);
    connector.clear();
    connector.setRateLimits(TEAMS_RATE_LIMITS);
    const refs = await Promise.all(Array.from({ length: 10 }, (_, i) => composition.messenger.sendToPerson(per.aadObjectId, { text: `Melding ${i}` })));
    expect(refs.every((r) => r !== null)).toBe(true);
    expect(connector.activities.filter((a) => a.operation === 'send')).toHaveLength(10);
    expect(connector.refused.some((r) => r.status === 429)).toBe(true);
  }, 20_000);
});

describe('Agents Playground: unsigned traffic', () => {
  let playgroundServer: RunningApp;
  let playgroundConnector: ConnectorStandIn;
  let playground: BotClient;

  beforeAll(async () => {
    // The playground's own connector takes replies without a token.
    playgroundConnector = await startConnectorStandIn({ auth: false });
    const config = readConfig({ GRAPH_BASE_URL: em.graphUrl, PORT: '0', BOT_ALLOW_UNSIGNED_LOCAL: '1' });
    const stack = await openStack(config);
    playgroundServer = await startAppServer(config, composeApp(config, stack, { log: quiet }).app);
    playground = createBotClient({ endpoint: `${playgroundServer.url}/api/messages`, appId, serviceUrl: playgroundConnector.url, sign });
  });

  afterAll(async () => {
    await playgroundServer?.close();
    await playgroundConnector?.close();
  });

  it('is admitted from this machine when enabled, and answered without a token', async () => {
    expect((await playground.install(kari, { token: null })).status).toBe(200);
    await playgroundConnector.waitFor((a) => a.conversationId === playground.personalConversationId(kari));
  });

  it('is refused when it names a serviceUrl on another machine', async () => {
    const res = await playground.post(playground.personalActivity(kari, { type: 'message', text: 'hjelp', serviceUrl: 'https://smba.trafficmanager.net/teams/' }), { token: null });
    expect(res.status).toBe(401);
  });

  it('is refused when relayed by a proxy or tunnel', async () => {
    const res = await fetch(`${playgroundServer.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7' },
      body: JSON.stringify(playground.personalActivity(kari, { type: 'message', text: 'hjelp' })),
    });
    expect(res.status).toBe(401);
  });

  it('still checks a token that is sent', async () => {
    const res = await playground.post(playground.personalActivity(kari, { type: 'message', text: 'hjelp' }), { token: await sign(appId, playgroundConnector.url, -600) });
    expect(res.status).toBe(401);
  });
});

describe('the benchmarks’ echo bot', () => {
  it('answers through the same edge, signed through the emulator’s control endpoint as a separate process would', async () => {
    const echo = await startEchoBot(readConfig({ GRAPH_BASE_URL: em.graphUrl }));
    try {
      const viaControl = createBotClient({ endpoint: echo.endpoint, appId, serviceUrl: connector.url, sign: signerFromEmulator(em.url) });
      expect((await viaControl.message(kari, 'hei')).status).toBe(200);
      const echoed = await connector.waitFor((a) => a.activity.text === 'Ekko: hei');
      expect(echoed.appId).toBe(appId);
      expect((await viaControl.message(kari, 'hei', { token: null })).status).toBe(401);
    } finally {
      await echo.close();
    }
  });
});

describe('configuration', () => {
  it('refuses unsigned traffic outside a local run', () => {
    expect(() => readConfig({ AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's', BOT_ALLOW_UNSIGNED_LOCAL: '1' })).toThrow(ConfigError);
  });

  it('refuses unsigned traffic with a real app registration, even locally', () => {
    expect(() => readConfig({ GRAPH_BASE_URL: em.graphUrl, MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TENANT_ID: 't', BOT_ALLOW_UNSIGNED_LOCAL: '1' })).toThrow(ConfigError);
  });

  it('uses Microsoft’s channel endpoints with a real app registration, single-tenant by default', () => {
    const { bot } = readConfig({ GRAPH_BASE_URL: em.graphUrl, MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TENANT_ID: 't' });
    expect(bot).toMatchObject({ appId: 'a', appType: 'SingleTenant', channel: { tokenIssuer: 'https://api.botframework.com' }, allowUnsignedLocal: false });
    expect(bot?.localIssuer).toBeUndefined();
  });

  it('has no bot outside a local run without an app registration, and the composition says what is missing', () => {
    expect(readConfig({ AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's' }).bot).toBeNull();
  });

  it('logs refusals by reason only', () => {
    expect(events).toContain('bot.unauthorized');
  });
});

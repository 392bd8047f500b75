// The bot edge over HTTP with a recording conversation handler: what Teams sends becomes which Incoming, what is remembered, what a failed turn says.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Incoming, Reply } from '../../src/app/conversation/types.js';
import type { ConversationReferenceStore } from '../../src/app/ports/index.js';
import { createApp } from '../../src/server/app.js';
import { type BotEdge, createBotEdge } from '../../src/server/bot.js';
import { LOCAL_APP, readConfig } from '../../src/server/config.js';
import { type RunningApp, startAppServer } from '../../src/server/serve.js';
import { type Activity, type BotClient, type TestUser, createBotClient } from '../support/bot-client.js';
import { type ConnectorStandIn, startConnectorStandIn } from '../support/connector-stand-in.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

const appId = LOCAL_APP.clientId;
const TEAM = '19:team-general@thread.tacv2';
const LEADERS = '19:ledere@thread.tacv2';
const NEW_CHANNEL = '19:ny-kanal@thread.tacv2';

class MemoryReferences implements ConversationReferenceStore {
  readonly saves: { kind: string; id: string; reference: Record<string, unknown> }[] = [];
  private readonly refs = new Map<string, unknown>();
  async save(target: { kind: 'person' | 'channel'; id: string }, reference: unknown) {
    this.saves.push({ ...target, reference: reference as Record<string, unknown> });
    this.refs.set(`${target.kind}:${target.id}`, JSON.parse(JSON.stringify(reference)));
  }
  async get(target: { kind: 'person' | 'channel'; id: string }) {
    return this.refs.get(`${target.kind}:${target.id}`) ?? null;
  }
}

let em: TestEmulator;
let connector: ConnectorStandIn;
let server: RunningApp;
let edge: BotEdge;
let client: BotClient;
let references: MemoryReferences;
const incomings: Incoming[] = [];
const logged: { event: string; details?: Readonly<Record<string, string | number | boolean>> }[] = [];
let answer: (incoming: Incoming) => Promise<Reply> = async () => ({});

const ola: TestUser = { aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Ola Nordmann' };
const settle = () => new Promise((r) => setTimeout(r, 150));

beforeAll(async () => {
  em = await startTestEmulator();
  connector = await startConnectorStandIn({
    auth: { issuer: em.issuer.issuerUrl(), keys: em.issuer.keys, appId },
    teams: { [TEAM]: [{ id: TEAM, name: 'General' }, { id: LEADERS, name: 'Ledere' }] },
  });
  const config = readConfig({ GRAPH_BASE_URL: em.graphUrl, PORT: '0' });
  if (!config.bot) throw new Error('a local run has a bot');
  references = new MemoryReferences();
  edge = createBotEdge(config.bot, {
    references,
    conversation: () => ({
      handle: async (incoming) => {
        incomings.push(incoming);
        return answer(incoming);
      },
    }),
    log: (event, details) => logged.push({ event, details }),
  });
  server = await startAppServer(config, createApp({ version: 't', local: true }, [edge.routes]));
  client = createBotClient({ endpoint: `${server.url}/api/messages`, appId, serviceUrl: connector.url, sign: (a, s, t) => em.issuer.botFramework.sign(a, s, t) });
});

afterAll(async () => {
  await server?.close();
  await connector?.close();
  await em?.close();
});

beforeEach(() => {
  connector.clear();
  incomings.length = 0;
  logged.length = 0;
  answer = async () => ({});
});

/** A Teams activity in a team's channel (from Ola), with the bot @mentioned when there is text. */
function channelActivity(extra: Activity, channelId = LEADERS): Activity {
  return client.personalActivity(ola, {
    conversation: { conversationType: 'channel', tenantId: LOCAL_APP.tenantId, id: `${channelId};messageid=1700000000123`, isGroup: true },
    channelData: { tenant: { id: LOCAL_APP.tenantId }, team: { id: TEAM, name: 'Kvalitet' }, channel: { id: channelId, name: 'Ledere' } },
    ...extra,
  });
}

describe('what the handler is given', () => {
  it('a personal message: the person by Entra id, the text, and Teams files (not the HTML copy of the text)', async () => {
    const res = await client.post(
      client.personalActivity(ola, {
        type: 'message',
        text: '  Pasienten falt  ',
        attachments: [
          { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'bilde.jpg', content: { downloadUrl: 'https://tenant.sharepoint.com/dl/1', fileType: 'jpg', uniqueId: 'u1' } },
          { contentType: 'text/html', content: '<p>Pasienten falt</p>' },
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(incomings).toEqual([
      {
        type: 'text',
        speaker: { personId: ola.aadObjectId, name: ola.name, locale: 'nb-NO' },
        // The serviceUrl rides along (bound to the token), for the message refs the app stores.
        address: { conversationId: client.personalConversationId(ola), kind: 'personal', serviceUrl: connector.url },
        text: 'Pasienten falt',
        // Fetched by the edge before the handler sees it; locally only this machine's links are fetched (bot/files.ts),
        // so a tenant's link is refused, never requested, and the handler is told why.
        attachments: [{ status: 'refused', name: 'bilde.jpg', reason: 'unavailable' }],
      },
    ]);
  });

  it('a channel message: without the @mention, addressed to the channel (not the thread)', async () => {
    await client.post(
      channelActivity({
        type: 'message',
        text: '<at>Varde</at> meld avvik',
        entities: [{ type: 'mention', text: '<at>Varde</at>', mentioned: { id: `28:${appId}`, name: 'Varde' } }],
      }),
    );
    expect(incomings[0]).toMatchObject({ type: 'text', text: 'meld avvik', address: { conversationId: LEADERS, kind: 'channel' } });
  });

  it('an Action.Execute: verb, data and the card message acted on', async () => {
    await client.actionExecute(ola, { verb: 'takeCase', data: { caseId: 'c-1' }, replyToId: '1700000000999' });
    expect(incomings[0]).toMatchObject({ type: 'action', verb: 'takeCase', data: { caseId: 'c-1' }, activityId: '1700000000999' });
  });

  it('nothing, and a Norwegian answer, when Teams does not say who it is (no Entra object id)', async () => {
    const activity = client.personalActivity(ola, { type: 'message', text: 'hei' });
    activity.from = { id: '29:anonymous', name: 'Ukjent' };
    expect((await client.post(activity)).status).toBe(200);
    expect(incomings).toEqual([]);
    const said = await connector.waitFor(() => true);
    expect(String(said.activity.text)).toContain('kjenner deg ikke igjen');
  });

  it('nothing when the app is removed', async () => {
    await client.post(client.personalActivity(ola, { type: 'installationUpdate', action: 'remove' }));
    await settle();
    expect(incomings).toEqual([]);
    expect(connector.activities).toEqual([]);
  });
});

describe('what the bot sends', () => {
  it('the reply’s messages in order: text, then the card as an Adaptive Card attachment', async () => {
    answer = async () => ({ send: [{ text: 'Takk!' }, { card: { type: 'AdaptiveCard', version: '1.5', body: [] } }] });
    await client.message(ola, 'hei');
    await connector.waitFor((a) => Array.isArray(a.activity.attachments));
    const [first, second] = connector.activities;
    expect(first?.activity.text).toBe('Takk!');
    expect(second?.activity.attachments).toEqual([{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [] } }]);
  });

  it('an apology when the turn fails, and a log line with codes only', async () => {
    answer = async () => {
      throw new TypeError(`kunne ikke lagre for ${ola.name}`);
    };
    expect((await client.message(ola, 'Pasienten falt')).status).toBe(200);
    const apology = await connector.waitFor(() => true);
    expect(apology.activity.text).toBe('Beklager, noe gikk galt hos oss. Prøv igjen om litt.');
    const line = logged.find((l) => l.event === 'bot.turnFailed');
    expect(line?.details).toEqual({ activityType: 'message', conversationType: 'personal', error: 'TypeError' });
    expect(JSON.stringify(logged)).not.toMatch(/Ola|Nordmann|Pasienten|a1b2c3d4/);
  });

  it('an error response Teams shows on the card when an action fails', async () => {
    answer = async () => {
      throw new Error('boom');
    };
    const res = await client.actionExecute(ola, { verb: 'submitReport', data: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 500, type: 'application/vnd.microsoft.error', value: { message: 'Beklager, noe gikk galt hos oss. Prøv igjen om litt.' } });
  });
});

describe('how people and channels are remembered', () => {
  it('a personal chat once per person, without the message id', async () => {
    await client.message(ola, 'en');
    await client.message(ola, 'to');
    const saves = references.saves.filter((s) => s.kind === 'person' && s.id === ola.aadObjectId);
    expect(saves).toHaveLength(1);
    expect(saves[0]?.reference).toMatchObject({ serviceUrl: connector.url, conversation: { id: client.personalConversationId(ola) } });
    expect(saves[0]?.reference.activityId).toBeUndefined();
  });

  it('every channel of a team the bot is added to, as the channel itself', async () => {
    await client.post(channelActivity({ type: 'conversationUpdate', membersAdded: [{ id: `28:${appId}` }], channelData: { tenant: { id: LOCAL_APP.tenantId }, team: { id: TEAM }, eventType: 'teamMemberAdded' } }, TEAM));
    const channels = references.saves.filter((s) => s.kind === 'channel').map((s) => s.id);
    expect(channels).toEqual(expect.arrayContaining([TEAM, LEADERS]));
    const leaders = references.saves.find((s) => s.id === LEADERS);
    expect(leaders?.reference).toMatchObject({ conversation: { id: LEADERS, conversationType: 'channel' } });
    // The team's welcome goes to the handler, which decides what a channel gets.
    expect(incomings[0]).toMatchObject({ type: 'install', address: { kind: 'channel', conversationId: TEAM } });
  });

  it('a channel created later', async () => {
    await client.post(
      channelActivity({ type: 'conversationUpdate', channelData: { tenant: { id: LOCAL_APP.tenantId }, team: { id: TEAM }, channel: { id: NEW_CHANNEL, name: 'Ny' }, eventType: 'channelCreated' } }, TEAM),
    );
    expect(references.saves.map((s) => s.id)).toContain(NEW_CHANNEL);
  });

  it('so that the messenger can post a new thread in the channel', async () => {
    const ref = await edge.messenger.sendToChannel(LEADERS, { text: 'Alvorlig avvik meldt' });
    const post = await connector.waitFor((a) => a.operation === 'send');
    expect(post.conversationId).toBe(LEADERS);
    expect(post.activity.replyToId).toBeUndefined();
    expect(ref).toMatchObject({ conversationId: LEADERS, activityId: post.activityId });
  });
});

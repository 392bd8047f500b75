// Posts Teams-shaped activities to the app's /api/messages as the Bot Framework channel does: signed by the (local) channel issuer.
import { randomUUID } from 'node:crypto';

/** Mints a channel token for the bot `audience`, bound to `serviceUrl`; `seconds` negative gives an expired one. */
export type ChannelTokenSigner = (audience: string, serviceUrl: string, seconds?: number) => Promise<string>;

export interface BotClientOptions {
  /** The app's bot endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  endpoint: string;
  /** The bot's app id: the audience of channel tokens and the recipient of activities. */
  appId: string;
  /** The Bot Connector the bot should answer through (the connector stand-in's url). */
  serviceUrl: string;
  /** How to sign: the in-process emulator's `issuer.botFramework.sign`, or `signerFromEmulator(url)` for one in another process. */
  sign: ChannelTokenSigner;
  tenantId?: string;
}

export interface TestUser {
  /** Entra object id: what the app knows the person by. */
  aadObjectId: string;
  name: string;
  locale?: string;
}

export interface PostResult {
  status: number;
  /** Parsed JSON, or the text, or null for an empty body. */
  body: unknown;
}

/** `token`: undefined signs as the channel; null sends no Authorization header; a string is sent as the bearer token. */
export interface PostOptions {
  token?: string | null;
}

export type Activity = Record<string, unknown>;

export interface BotClient {
  post(activity: Activity, options?: PostOptions): Promise<PostResult>;
  /** The personal (1:1) conversation of a user with the bot. */
  personalConversationId(user: TestUser): string;
  /** A Teams-shaped activity in the user's personal chat; `extra` is merged in. */
  personalActivity(user: TestUser, extra: Activity): Activity;
  message(user: TestUser, text: string, options?: PostOptions): Promise<PostResult>;
  /** The app installed in personal scope (installationUpdate, action add). */
  install(user: TestUser, options?: PostOptions): Promise<PostResult>;
  /** conversationUpdate: the bot added to the user's personal chat, as Teams also sends on install. */
  botAdded(user: TestUser, options?: PostOptions): Promise<PostResult>;
  /** Action.Execute on a card (adaptiveCard/action invoke); the result's body is the invoke response. */
  actionExecute(user: TestUser, action: { verb: string; data?: Record<string, unknown>; replyToId?: string }, options?: PostOptions): Promise<PostResult>;
}

export function createBotClient(options: BotClientOptions): BotClient {
  const tenantId = options.tenantId ?? '7f1c2a5e-0b6d-4c1e-9a3f-5d8e2b4c6a10';
  const bot = { id: `28:${options.appId}`, name: 'Varde' };

  const personalConversationId = (user: TestUser) => `a:personal-${user.aadObjectId}`;

  function personalActivity(user: TestUser, extra: Activity): Activity {
    const locale = user.locale ?? 'nb-NO';
    const now = new Date().toISOString();
    return {
      id: randomUUID(),
      timestamp: now,
      localTimestamp: now,
      serviceUrl: options.serviceUrl,
      channelId: 'msteams',
      from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
      conversation: { conversationType: 'personal', tenantId, id: personalConversationId(user) },
      recipient: bot,
      entities: [{ type: 'clientInfo', locale, country: 'NO', platform: 'Web', timezone: 'Europe/Oslo' }],
      channelData: { tenant: { id: tenantId } },
      locale,
      ...extra,
    };
  }

  async function post(activity: Activity, postOptions: PostOptions = {}): Promise<PostResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = postOptions.token === undefined ? await options.sign(options.appId, String(activity.serviceUrl ?? options.serviceUrl)) : postOptions.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const res = await fetch(options.endpoint, { method: 'POST', headers, body: JSON.stringify(activity) });
    const text = await res.text();
    let body: unknown = text === '' ? null : text;
    try {
      if (text) body = JSON.parse(text) as unknown;
    } catch {
      // not JSON: the text as it is
    }
    return { status: res.status, body };
  }

  return {
    post,
    personalConversationId,
    personalActivity,
    message: (user, text, o) => post(personalActivity(user, { type: 'message', text, textFormat: 'plain' }), o),
    install: (user, o) => post(personalActivity(user, { type: 'installationUpdate', action: 'add' }), o),
    botAdded: (user, o) => post(personalActivity(user, { type: 'conversationUpdate', membersAdded: [{ id: bot.id }] }), o),
    actionExecute: (user, action, o) =>
      post(
        personalActivity(user, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          ...(action.replyToId ? { replyToId: action.replyToId } : {}),
          value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data ?? {} }, trigger: 'manual' },
        }),
        o,
      ),
  };
}

/** Signs through the emulator's control endpoint, for an emulator in another process (`npm start`, benchmarks). */
export function signerFromEmulator(emulatorUrl: string): ChannelTokenSigner {
  return async (audience, serviceUrl, seconds) => {
    const res = await fetch(`${emulatorUrl}/_emulator/botframework/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ audience, serviceUrl, ...(seconds === undefined ? {} : { expiresInSeconds: seconds }) }),
    });
    if (!res.ok) throw new Error(`the emulator refused a channel token: ${res.status}`);
    return ((await res.json()) as { access_token: string }).access_token;
  };
}

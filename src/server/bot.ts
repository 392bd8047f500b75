// Builds the Teams bot edge from configuration: adapter and token checks, the messenger, VardeBot, and the /api/messages routes.
import type { CloudAdapter } from 'botbuilder';
import type { Hono } from 'hono';
import { type BotLog, createAdapter, createBotFrameworkAuthentication, createUnsignedLocalAdapter } from '../../bot/adapter.js';
import { type ActivityTokenCheck, botRoutes } from '../../bot/http.js';
import { localFileSources, teamsFileSources } from '../../bot/files.js';
import { ServiceUrlBook, createBotMessenger, loopbackServiceUrl, teamsServiceUrl } from '../../bot/messenger.js';
import { type ConversationHandler, VardeBot } from '../../bot/varde-bot.js';
import type { ConversationReferenceStore, Messenger } from '../app/ports/index.js';
import { createLocalBotCredentials } from '../auth/bot-credentials.js';
import { createChannelTokenValidator } from '../auth/bot-token.js';
import type { BotConfig } from './config.js';

export interface BotAdapters {
  /** For signed traffic (and proactive messages). */
  adapter: CloudAdapter;
  /** The gate in front of it: channel tokens only. */
  tokens: ActivityTokenCheck;
  /** Only with BOT_ALLOW_UNSIGNED_LOCAL in a local run: Agents Playground's unsigned traffic. */
  unsignedLocal?: CloudAdapter;
}

/** The adapter setup every bot on this server shares (Varde's, and the benchmarks' bare echo bot). */
export function createBotAdapters(config: BotConfig, log: BotLog): BotAdapters {
  const local = config.localIssuer
    ? {
        channelOpenIdMetadataUrl: config.channel.openIdMetadataUrl,
        channelTokenIssuer: config.channel.tokenIssuer,
        loginUrl: config.localIssuer.authority,
        credentials: createLocalBotCredentials({ authority: config.localIssuer.authority, appId: config.appId, appPassword: config.password ?? '' }),
      }
    : undefined;
  const auth = createBotFrameworkAuthentication({ appId: config.appId, password: config.password, tenantId: config.tenantId, appType: config.appType, local });
  return {
    adapter: createAdapter(auth, log),
    tokens: createChannelTokenValidator({ openIdMetadataUrl: config.channel.openIdMetadataUrl, issuer: config.channel.tokenIssuer, appId: config.appId }),
    unsignedLocal: config.allowUnsignedLocal && config.localIssuer ? createUnsignedLocalAdapter(log) : undefined,
  };
}

export interface BotEdgeDeps {
  /** Where the bot keeps how to reach people and channels (SharePoint's 'Kanalkoblinger'). */
  references: ConversationReferenceStore;
  /** The conversation handler, given the messenger it may use for proactive messages. */
  conversation(messenger: Messenger): ConversationHandler;
  /** Limits on files sent in the chat (largest size, time to fetch one); where they may come from follows the channel. */
  files?: { maxBytes?: number; timeoutMs?: number };
  log?: BotLog;
}

export interface BotEdge {
  routes: Hono;
  messenger: Messenger;
  adapter: CloudAdapter;
  bot: VardeBot;
}

export function createBotEdge(config: BotConfig, deps: BotEdgeDeps): BotEdge {
  const log = deps.log ?? (() => {});
  const { adapter, tokens, unsignedLocal } = createBotAdapters(config, log);
  const serviceUrls = new ServiceUrlBook();
  const messenger = createBotMessenger({
    adapter,
    appId: config.appId,
    references: deps.references,
    serviceUrls,
    defaultServiceUrl: config.defaultServiceUrl,
    trustServiceUrl: config.localIssuer ? loopbackServiceUrl : teamsServiceUrl,
    log,
  });
  // Files come from Teams' hosts in Azure, and from this machine locally (where a test's file server plays Teams).
  const files = { ...deps.files, sources: config.localIssuer ? localFileSources : teamsFileSources };
  const bot = new VardeBot({ handler: deps.conversation(messenger), references: deps.references, serviceUrls, files, log });
  return { routes: botRoutes({ adapter, bot, tokens, unsignedLocal, log }), messenger, adapter, bot };
}

/** Bot events as log lines: codes only (bot/ never passes names, ids or text). */
export const consoleBotLog: BotLog = (event, details) => console.log(`varde: ${event}${details ? ` ${JSON.stringify(details)}` : ''}`);

// The composition root of the app server: repositories → conversation handler → bot edge → HTTP app. `npm start` and the tests use it alike.
import type { Hono } from 'hono';
import type { BotLog } from '../../bot/adapter.js';
import { type ConversationHandler, createConversationHandler } from '../app/conversation/handler.js';
import type { Messenger } from '../app/ports/index.js';
import { createApp } from './app.js';
import { type BotEdge, consoleBotLog, createBotEdge } from './bot.js';
import { ConfigError, type VardeConfig } from './config.js';
import type { Stack } from './stack.js';

export interface ComposeOptions {
  /** Bot and conversation events (codes only); default: console. */
  log?: BotLog;
  /** Overrides VARDE_WHISTLEBLOWING_RECIPIENTS (the local demo names its quality adviser). */
  whistleblowingRecipientIds?: readonly string[];
}

export interface Composition {
  app: Hono;
  /** Proactive messages, for the scheduler and the tab's use cases. */
  messenger: Messenger;
  conversation: ConversationHandler;
  bot: BotEdge;
  /**
   * Resolves once the caches a report needs are warm (the lists of both sites, the unit tree and leader channels, a
   * block of case numbers), so the first report costs what every report costs (two Graph requests). Never rejects:
   * a failed warm-up is logged and the first report pays for the look-ups instead.
   */
  ready: Promise<void>;
  /** Stops background work (the retry timer of reports waiting for SharePoint); for a clean shutdown. */
  stop(): void;
}

export function composeApp(config: VardeConfig, stack: Stack, options: ComposeOptions = {}): Composition {
  if (!config.bot) throw new ConfigError('MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD og MICROSOFT_APP_TENANT_ID må være satt for å starte boten.');
  if (!config.publicUrl) throw new ConfigError('VARDE_PUBLIC_URL må være satt (adressen appen nås på, for lenker til fanen).');
  const log = options.log ?? consoleBotLog;
  const { repos } = stack;
  const tabBaseUrl = config.publicUrl;
  let conversation: ConversationHandler | undefined;
  const bot = createBotEdge(config.bot, {
    references: repos.conversationReferences,
    conversation: (messenger) =>
      (conversation = createConversationHandler({
        deviations: repos.deviations,
        organisation: repos.organisation,
        caseNumbers: repos.caseNumbers,
        caseMessages: repos.caseMessages,
        leaderChannels: repos.leaderChannels,
        messenger,
        config: { tabBaseUrl, whistleblowingRecipientIds: options.whistleblowingRecipientIds ?? config.whistleblowingRecipientIds },
        log,
      })),
    log,
  });
  if (!conversation) throw new Error('The bot edge did not ask for its conversation handler.');
  const app = createApp({ version: config.userAgent.version, local: config.local }, [bot.routes]);
  const { reporting } = conversation;
  const ready = Promise.all([repos.warmUp(), reporting.warmUp()]).then(
    () => undefined,
    (err: unknown) => log('reporting.warmUpFailed', { error: err instanceof Error ? err.name : typeof err }),
  );
  return { app, messenger: bot.messenger, conversation, bot, ready, stop: () => reporting.stop() };
}

// The baseline for bot latency ("p95 within 1.5× of a bare echo bot"): a bare botbuilder echo handler behind exactly Varde's adapter setup and HTTP edge.
import { ActivityHandler } from 'botbuilder';
import type { Hono } from 'hono';
import { botRoutes } from '../../bot/http.js';
import { createApp } from '../../src/server/app.js';
import { createBotAdapters } from '../../src/server/bot.js';
import type { VardeConfig } from '../../src/server/config.js';
import { type RunningApp, startAppServer } from '../../src/server/serve.js';

export interface EchoBot extends RunningApp {
  /** POST activities here, signed as the channel signs them (tests/support/bot-client.ts). */
  endpoint: string;
}

/**
 * Starts the echo bot on a free port with the same token gate, CloudAdapter, credentials and Hono app as Varde's
 * (src/server/bot.ts, bot/http.ts): only the handler differs, so the difference in latency is Varde's own work.
 * `config` is a local configuration (readConfig with GRAPH_BASE_URL at an emulator, whose issuers it trusts).
 * `wrap` puts the app inside another before it is served (the bot benchmark's timing middleware, applied to Varde alike).
 */
export async function startEchoBot(config: VardeConfig, options: { wrap?: (app: Hono) => Hono } = {}): Promise<EchoBot> {
  if (!config.bot) throw new Error('The echo bot needs a bot configuration (a local run, or MICROSOFT_APP_ID).');
  const { adapter, tokens, unsignedLocal } = createBotAdapters(config.bot, () => {});
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`Ekko: ${context.activity.text ?? ''}`);
    await next();
  });
  const app = createApp({ version: config.userAgent.version, local: config.local }, [botRoutes({ adapter, bot, tokens, unsignedLocal })]);
  const running = await startAppServer({ ...config, port: 0 }, options.wrap ? options.wrap(app) : app);
  return { ...running, endpoint: `${running.url}/api/messages` };
}

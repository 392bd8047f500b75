// The Bot Framework adapter: how the bot authenticates (Azure's endpoints, or the local emulator's), and what a failed turn says.
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';

/** botbuilder's ServiceClientCredentialsFactory (named through a public constructor: its package is botbuilder's, not ours). */
export type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;
export type BotFrameworkAuthentication = ConfigurationBotFrameworkAuthentication;

/** Events for logs: codes only, never what people wrote, their names or ids. */
export type BotLog = (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;

export type BotAppType = 'SingleTenant' | 'MultiTenant' | 'UserAssignedMsi';

export interface BotAuthSettings {
  /** The bot's Microsoft app id (the Azure Bot resource's). Never empty: botbuilder reads an empty id as "authentication off". */
  appId: string;
  password?: string;
  tenantId?: string;
  appType: BotAppType;
  /**
   * Local only: the emulator's stand-ins for login.botframework.com (the channel's token issuer) and Entra ID (the
   * bot's own tokens), with credentials that reach the latter over plain http on this machine.
   */
  local?: {
    channelOpenIdMetadataUrl: string;
    channelTokenIssuer: string;
    /** The local Entra authority, e.g. http://127.0.0.1:5099/_emulator/issuer/<tenant>. */
    loginUrl: string;
    credentials: CredentialsFactory;
  };
}

/** The audience of the bot's tokens for the Bot Connector, in Azure and locally. */
export const BOT_CONNECTOR_SCOPE = 'https://api.botframework.com';

export function createBotFrameworkAuthentication(settings: BotAuthSettings): BotFrameworkAuthentication {
  if (!settings.appId.trim()) throw new Error('The bot needs its Microsoft app id: without one botbuilder accepts unauthenticated requests.');
  if (!settings.local) {
    // Azure: botbuilder's public-cloud endpoints; SingleTenant takes tokens from the app's own tenant.
    return new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: settings.appId,
      MicrosoftAppPassword: settings.password,
      MicrosoftAppType: settings.appType,
      MicrosoftAppTenantId: settings.tenantId,
    });
  }
  const { local } = settings;
  return new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: settings.appId,
      MicrosoftAppTenantId: settings.tenantId,
      // Any of these set makes botbuilder take all of them as given, so none points at Microsoft.
      ToBotFromChannelOpenIdMetadataUrl: local.channelOpenIdMetadataUrl,
      ToBotFromChannelTokenIssuer: local.channelTokenIssuer,
      ToBotFromEmulatorOpenIdMetadataUrl: local.channelOpenIdMetadataUrl,
      ToChannelFromBotLoginUrl: local.loginUrl,
      ToChannelFromBotOAuthScope: BOT_CONNECTOR_SCOPE,
      OAuthUrl: local.loginUrl,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: false,
    },
    local.credentials,
  );
}

const APOLOGY = 'Beklager, noe gikk galt hos oss. Prøv igjen om litt.';

/** The adapter for signed traffic: every request's token is validated by botbuilder with `auth`. */
export function createAdapter(auth: BotFrameworkAuthentication, log: BotLog = () => {}): CloudAdapter {
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = turnErrorHandler(log);
  return adapter;
}

/**
 * An adapter with authentication off (botbuilder's behaviour when it has no app id): it accepts anything and sends its
 * replies without a token. Only for Microsoft 365 Agents Playground on this machine; see bot/http.ts for the gate.
 */
export function createUnsignedLocalAdapter(log: BotLog = () => {}): CloudAdapter {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = turnErrorHandler(log);
  return adapter;
}

function turnErrorHandler(log: BotLog) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const activity = context.activity;
    log('bot.turnFailed', {
      activityType: activity.type ?? 'unknown',
      ...(activity.type === ActivityTypes.Invoke && activity.name ? { invoke: activity.name } : {}),
      conversationType: activity.conversation?.conversationType ?? 'unknown',
      error: error instanceof Error ? error.name : typeof error,
    });
    try {
      if (activity.type === ActivityTypes.Invoke) {
        // An invoke waits for its response: an error card response, which Teams shows on the card.
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: { status: 200, body: { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalServerError', message: APOLOGY } } },
        });
      } else if (activity.type === ActivityTypes.Message) {
        await context.sendActivity(APOLOGY);
      }
    } catch (sendError) {
      log('bot.apologyFailed', { error: sendError instanceof Error ? sendError.name : typeof sendError });
    }
  };
}

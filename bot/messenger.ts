// Proactive messages (outside a turn): to a person's chat or a channel, from the conversation references the bot saved; cards updated in place.
import { ActivityTypes, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { CardJson } from '../src/app/conversation/types.js';
import type { ConversationReferenceStore, MessageRef, Messenger, OutgoingMessage } from '../src/app/ports/index.js';
import type { BotLog } from './adapter.js';
import { outgoingActivity } from './activities.js';

/**
 * Which serviceUrl (the Bot Connector endpoint of a region) serves which conversation, as seen in turns and sends:
 * the freshest endpoint for updating a message (a MessageRef stored earlier carries the one it was sent through).
 * Bounded: the oldest entries go first.
 */
export class ServiceUrlBook {
  private readonly urls = new Map<string, string>();

  constructor(private readonly capacity = 50_000) {}

  remember(conversationId: string, serviceUrl: string): void {
    if (this.urls.get(conversationId) === serviceUrl) return;
    this.urls.delete(conversationId);
    this.urls.set(conversationId, serviceUrl);
    if (this.urls.size > this.capacity) {
      const oldest = this.urls.keys().next().value;
      if (oldest !== undefined) this.urls.delete(oldest);
    }
  }

  get(conversationId: string): string | undefined {
    return this.urls.get(conversationId);
  }

  /** The serviceUrl seen last: locally there is only one Bot Connector (Agents Playground or a test's stand-in). */
  latest(): string | undefined {
    let last: string | undefined;
    for (const url of this.urls.values()) last = url;
    return last;
  }
}

export interface BotMessengerOptions {
  adapter: CloudAdapter;
  /** The bot's Microsoft app id: continueConversationAsync acts as this app. */
  appId: string;
  references: ConversationReferenceStore;
  serviceUrls: ServiceUrlBook;
  /**
   * For a MessageRef whose conversation this instance has not seen: Teams' global endpoint
   * (https://smba.trafficmanager.net/teams/) in Azure. Unset locally, where the serviceUrl seen last is used.
   */
  defaultServiceUrl?: string;
  /**
   * Whether a serviceUrl read back from storage may receive the bot's Bot Connector token. Stored references
   * live in SharePoint lists that people with edit rights could change, so only Teams' own endpoints pass in
   * production (`teamsServiceUrl`); locally, this machine's.
   */
  trustServiceUrl: (url: string) => boolean;
  log?: BotLog;
}

/** Teams' Bot Connector endpoints (commercial and government clouds). */
export function teamsServiceUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && (u.hostname === 'smba.trafficmanager.net' || u.hostname.endsWith('.botframework.com') || u.hostname.endsWith('.teams.microsoft.com'));
  } catch {
    return false;
  }
}

/** A Bot Connector stand-in on this machine (Agents Playground, tests). */
export function loopbackServiceUrl(url: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

export function createBotMessenger(options: BotMessengerOptions): Messenger {
  const { adapter, appId, references, serviceUrls } = options;
  const log = options.log ?? (() => {});

  /** The ref carries the serviceUrl, which the app stores with the ids (a later instance updates the message through it). */
  async function send(target: { kind: 'person' | 'channel'; id: string }, message: OutgoingMessage): Promise<MessageRef | null> {
    const reference = asReference(await references.get(target), options.trustServiceUrl);
    if (!reference) {
      if (reference === undefined) log('bot.referenceUnusable', { kind: target.kind });
      return null;
    }
    let activityId: string | undefined;
    let failure: { error: unknown } | null = null;
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      startsAfresh(context);
      // Caught here, not left to the adapter's onTurnError (which logs and swallows): the caller needs the Bot
      // Connector's answer itself (a 429 after botbuilder's retries, 403 for a team the bot was removed from).
      try {
        const sent = await context.sendActivity(outgoingActivity(message));
        activityId = sent?.id;
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw (failure as { error: unknown }).error;
    const conversationId = reference.conversation.id;
    serviceUrls.remember(conversationId, reference.serviceUrl);
    if (!activityId) throw new Error('The Bot Connector accepted the message but returned no activity id.');
    return { conversationId, activityId, serviceUrl: reference.serviceUrl };
  }

  return {
    sendToPerson: (personId, message) => send({ kind: 'person', id: personId }, message),
    sendToChannel: (channelId, message) => send({ kind: 'channel', id: channelId }, message),
    async updateCard(ref: MessageRef, card: CardJson) {
      // The endpoint seen last for the conversation (Teams may move one), else the one stored with the ref (another
      // instance or a restart sent it); a guess only for refs stored before they carried it.
      const carried = typeof ref.serviceUrl === 'string' && options.trustServiceUrl(ref.serviceUrl) ? ref.serviceUrl : undefined;
      const serviceUrl = serviceUrls.get(ref.conversationId) ?? carried ?? options.defaultServiceUrl ?? serviceUrls.latest();
      if (!serviceUrl) throw new Error('Unknown conversation: no serviceUrl to update the message through.');
      const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: ref.conversationId, isGroup: false, conversationType: '', name: '' },
        bot: { id: appId, name: '' },
      };
      let failure: { error: unknown } | null = null;
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        try {
          await context.updateActivity({ type: ActivityTypes.Message, id: ref.activityId, ...outgoingActivity({ card }) });
        } catch (error) {
          failure = { error }; // as for sends: the caller gets the connector's answer
        }
      });
      if (failure) throw (failure as { error: unknown }).error;
    },
  };
}

/**
 * A proactive message is a new message (in a channel: a new post), not a reply: botbuilder would otherwise address it
 * as a reply to the synthetic continuation event it runs the turn with, an id Teams has never seen.
 */
function startsAfresh(context: TurnContext): void {
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) delete activity.replyToId;
    return next();
  });
}

type UsableReference = Partial<ConversationReference> & { serviceUrl: string; conversation: ConversationReference['conversation'] };

/** null: nothing stored; undefined: something stored that cannot be a conversation reference. */
function asReference(stored: unknown, trust: (url: string) => boolean): UsableReference | null | undefined {
  if (stored === null || stored === undefined) return null;
  if (typeof stored !== 'object') return undefined;
  const r = stored as Partial<ConversationReference>;
  if (typeof r.serviceUrl !== 'string' || !trust(r.serviceUrl)) return undefined;
  if (!r.conversation || typeof r.conversation.id !== 'string' || r.conversation.id === '') return undefined;
  return r as UsableReference;
}

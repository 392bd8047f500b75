// The Teams bot: turns activities into the app's Incoming, hands them to the conversation handler, and sends its Reply back.
import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  ActivityTypes,
  type ConversationReference,
  TeamsActivityHandler,
  TeamsInfo,
  type TurnContext,
} from 'botbuilder';
import type { Incoming, IncomingAttachment, Reply } from '../src/app/conversation/types.js';
import type { ChannelDetails, ConversationReferenceStore } from '../src/app/ports/index.js';
import { ADAPTIVE_CARD, addressOf, outgoingActivity, referenceFor, speakerOf, textOf } from './activities.js';
import type { BotLog } from './adapter.js';
import { type FileFetchOptions, fetchFiles, fileCandidatesOf } from './files.js';
import type { ServiceUrlBook } from './messenger.js';

/** The app's side of the conversation (src/app/conversation/handler.ts). */
export interface ConversationHandler {
  handle(incoming: Incoming): Promise<Reply>;
}

export interface VardeBotOptions {
  handler: ConversationHandler;
  /** Where the bot keeps how to reach people and channels later (SharePoint). */
  references: ConversationReferenceStore;
  /** Shared with the messenger, so a card sent in a turn can be updated later. */
  serviceUrls: ServiceUrlBook;
  /** How files sent in a personal chat are fetched (sources, limits); without it no file is fetched, and none is taken. */
  files?: Omit<FileFetchOptions, 'log'>;
  log?: BotLog;
}

const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';
/** Teams sends an install as both a conversationUpdate and an installationUpdate: one welcome per conversation in this window. */
const INSTALL_WINDOW_MS = 5 * 60_000;
/** Without an Entra object id there is nobody to act for (webchat, a misconfigured client). */
const UNKNOWN_PERSON = 'Beklager, jeg kjenner deg ikke igjen. Bruk Varde fra Microsoft Teams med jobbkontoen din.';
/** The short confirmation Teams shows on a card when an action answers with messages instead of a new card. */
const RECEIVED: Readonly<Record<string, string>> = { nb: 'Mottatt', nn: 'Motteke', en: 'Received' };

export class VardeBot extends TeamsActivityHandler {
  private readonly saved = new Set<string>();
  private readonly welcomed = new Map<string, number>();
  private readonly log: BotLog;

  constructor(private readonly options: VardeBotOptions) {
    super();
    this.log = options.log ?? (() => {});

    this.onTurn(async (context, next) => {
      // In parallel with the turn; never its failure (a reference not saved now is saved on the next turn).
      const remembering = this.remember(context).catch((err: unknown) => this.log('bot.rememberFailed', { error: err instanceof Error ? err.name : typeof err }));
      try {
        await next();
      } finally {
        await remembering;
      }
    });
    this.onMessage(async (context, next) => {
      await this.onText(context);
      await next();
    });
    this.onInstallationUpdate(async (context, next) => {
      if (context.activity.action === 'add') await this.onInstall(context);
      if (context.activity.action === 'remove') await this.onRemoved(context);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersRemoved ?? []).some((m) => m.id === botId)) await this.onRemoved(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await this.onInstall(context);
      await next();
    });
    // A channel the bot can now post in: reachable the same way as the team's other channels.
    const channelAppeared = async (channel: { id?: string; name?: string }, context: TurnContext, next: () => Promise<void>) => {
      if (channel.id) await this.saveOnce({ kind: 'channel', id: channel.id }, referenceFor(context.activity, { id: channel.id, conversationType: 'channel' }), channelDetails(context, channel.name));
      await next();
    };
    this.onTeamsChannelCreatedEvent((channel, _team, context, next) => channelAppeared(channel, context, next));
    this.onTeamsChannelRestoredEvent((channel, _team, context, next) => channelAppeared(channel, context, next));
  }

  /** Action.Execute: the reply's card replaces the one acted on (for the person who acted); other messages follow in the chat. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const speaker = speakerOf(context.activity);
    if (!speaker) return { statusCode: 200, type: MESSAGE_RESPONSE, value: UNKNOWN_PERSON as unknown as Record<string, unknown> };
    const reply = await this.options.handler.handle({
      type: 'action',
      speaker,
      address: addressOf(context.activity),
      verb: invokeValue.action.verb ?? '',
      data: invokeValue.action.data ?? {},
      activityId: context.activity.replyToId ?? null,
    });
    await this.deliver(context, reply);
    if (reply.refreshCard) return { statusCode: 200, type: ADAPTIVE_CARD, value: reply.refreshCard };
    const language = speaker.locale.slice(0, 2).toLowerCase();
    return { statusCode: 200, type: MESSAGE_RESPONSE, value: (RECEIVED[language] ?? RECEIVED.nb) as unknown as Record<string, unknown> };
  }

  private async onText(context: TurnContext): Promise<void> {
    const speaker = speakerOf(context.activity);
    if (!speaker) {
      await context.sendActivity(UNKNOWN_PERSON);
      return;
    }
    const address = addressOf(context.activity);
    const attachments = address.kind === 'personal' ? await this.filesOf(context) : [];
    const incoming: Incoming = { type: 'text', speaker, address, text: textOf(context.activity), attachments };
    await this.deliver(context, await this.options.handler.handle(incoming));
  }

  /**
   * Files of a personal message, fetched now: Teams' download links last minutes, not as long as someone takes to fill in
   * the form. Teams only sends files to a bot in personal chats; a channel's are not the bot's to take.
   */
  private async filesOf(context: TurnContext): Promise<IncomingAttachment[]> {
    const candidates = fileCandidatesOf(context.activity.attachments ?? []);
    if (candidates.length === 0) return [];
    if (!this.options.files) return candidates.map((c) => ({ status: 'refused', name: c.name || 'bilde', reason: 'unavailable' }));
    return fetchFiles(candidates, () => this.botAuthorization(context), { ...this.options.files, log: this.log });
  }

  /** The bot's own Authorization header for the Bot Connector (pasted images live there), from the turn's connector client. */
  private async botAuthorization(context: TurnContext): Promise<string | null> {
    const client = context.turnState.get(context.adapter.ConnectorClientKey) as { credentials?: { signRequest(resource: unknown): Promise<unknown> } } | undefined;
    if (!client?.credentials) return null;
    let value: string | null = null;
    await client.credentials.signRequest({
      headers: {
        set: (name: string, v: string) => {
          if (name.toLowerCase() === 'authorization') value = v;
        },
      },
    });
    return value;
  }

  private async onInstall(context: TurnContext): Promise<void> {
    const speaker = speakerOf(context.activity);
    const address = addressOf(context.activity);
    if (!this.firstWelcome(address.conversationId)) return;
    if (address.kind === 'channel') await this.rememberTeamChannels(context);
    if (!speaker) return;
    await this.deliver(context, await this.options.handler.handle({ type: 'install', speaker, address }));
  }

  private async deliver(context: TurnContext, reply: Reply): Promise<void> {
    if (reply.send && reply.send.length > 0) await context.sendActivities(reply.send.map(outgoingActivity));
  }

  private firstWelcome(conversationId: string): boolean {
    const now = Date.now();
    const last = this.welcomed.get(conversationId);
    if (last !== undefined && now - last < INSTALL_WINDOW_MS) return false;
    if (this.welcomed.size > 10_000) for (const [id, at] of this.welcomed) if (now - at >= INSTALL_WINDOW_MS) this.welcomed.delete(id);
    this.welcomed.set(conversationId, now);
    return true;
  }

  /** Saves how to reach this person (personal chat) or channel, once per conversation and process. */
  private async remember(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (!activity.serviceUrl || !activity.conversation?.id) return;
    this.options.serviceUrls.remember(activity.conversation.id, activity.serviceUrl);
    // Being removed is no reason to remember anyone.
    if (activity.type === ActivityTypes.InstallationUpdate && activity.action !== 'add' && activity.action !== 'add-upgrade') return;
    if ((activity.membersRemoved ?? []).some((m) => m.id === activity.recipient?.id)) return;
    const address = addressOf(activity);
    if (address.kind === 'channel') {
      this.options.serviceUrls.remember(address.conversationId, activity.serviceUrl);
      await this.saveOnce({ kind: 'channel', id: address.conversationId }, referenceFor(activity, { id: address.conversationId, conversationType: 'channel' }), channelDetails(context));
    } else if (address.kind === 'personal') {
      const personId = speakerOf(activity)?.personId;
      if (personId) await this.saveOnce({ kind: 'person', id: personId }, referenceFor(activity));
    }
  }

  /** When the bot joins a team, every channel of it becomes reachable (the team's id is its General channel's). */
  private async rememberTeamChannels(context: TurnContext): Promise<void> {
    try {
      const channels = await TeamsInfo.getTeamChannels(context);
      for (const channel of channels) {
        if (channel.id) await this.saveOnce({ kind: 'channel', id: channel.id }, referenceFor(context.activity, { id: channel.id, conversationType: 'channel' }), channelDetails(context, channel.name));
      }
    } catch (err) {
      // The General channel is saved anyway (remember); the others when the bot is first mentioned there.
      this.log('bot.teamChannelsUnavailable', { error: err instanceof Error ? err.name : typeof err });
    }
  }

  /**
   * The bot was removed from a team (issue 9): its channels are marked in SharePoint, so the tab can tell a committee
   * linked to one that the bot must be added back; and everything is saved afresh when it is.
   */
  private async onRemoved(context: TurnContext): Promise<void> {
    const teamId = channelDetails(context).teamId;
    // Removed from a personal chat: nothing to do (the reference is simply not used until the app is back).
    if (!teamId) return;
    for (const key of this.saved) if (key.startsWith('channel:')) this.saved.delete(key);
    if (!this.options.references.markTeamRemoved) return;
    try {
      await this.options.references.markTeamRemoved(teamId, new Date().toISOString());
    } catch (err) {
      this.log('bot.teamRemovedNotSaved', { error: err instanceof Error ? err.name : typeof err });
    }
  }

  private async saveOnce(target: { kind: 'person' | 'channel'; id: string }, reference: Partial<ConversationReference>, details?: ChannelDetails): Promise<void> {
    const key = `${target.kind}:${target.id}`;
    if (this.saved.has(key)) return;
    if (this.saved.size > 100_000) this.saved.clear();
    this.saved.add(key);
    try {
      await this.options.references.save(target, reference, details);
    } catch (err) {
      this.saved.delete(key);
      this.log('bot.referenceSaveFailed', { kind: target.kind, error: err instanceof Error ? err.name : typeof err });
    }
  }
}

/**
 * The team and channel as Teams describes them on a channel activity (`channelData.team`, `channelData.channel`); the
 * General channel has no name of its own (its id is the team's).
 */
function channelDetails(context: TurnContext, channelName?: string | null): ChannelDetails {
  const data = (context.activity.channelData ?? {}) as { team?: { id?: unknown; name?: unknown }; channel?: { id?: unknown; name?: unknown } };
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  return { teamId: text(data.team?.id), teamName: text(data.team?.name), channelName: text(channelName) ?? text(data.channel?.name) ?? null };
}

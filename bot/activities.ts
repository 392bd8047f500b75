// Bot Framework activities ⇄ the app's SDK-free conversation types (src/app/conversation/types.ts): reading only, no decisions.
import { type Activity, ActivityTypes, TurnContext, teamsGetChannelId } from 'botbuilder';
import type { ConversationAddress, Speaker } from '../src/app/conversation/types.js';
import type { OutgoingMessage } from '../src/app/ports/index.js';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const DEFAULT_LOCALE = 'nb-NO';

/** A text or an Adaptive Card as a message activity. */
export function outgoingActivity(message: OutgoingMessage): Partial<Activity> {
  if ('card' in message) return { type: ActivityTypes.Message, attachments: [{ contentType: ADAPTIVE_CARD, content: message.card }] };
  return { type: ActivityTypes.Message, text: message.text, textFormat: 'markdown' };
}

/** Who is talking: Teams gives the Entra object id as `from.aadObjectId`; without it there is no person to act for. */
export function speakerOf(activity: Activity): Speaker | null {
  const personId = activity.from?.aadObjectId;
  if (typeof personId !== 'string' || personId === '') return null;
  return { personId, name: activity.from.name ?? '', locale: activity.locale || DEFAULT_LOCALE };
}

/** The conversation, with a channel named by its channel id (a thread's `;messageid=` suffix dropped). */
export function addressOf(activity: Activity): ConversationAddress {
  const type = activity.conversation?.conversationType;
  // The serviceUrl was checked against the token's `serviceurl` claim before the turn ran.
  const serviceUrl = typeof activity.serviceUrl === 'string' && activity.serviceUrl !== '' ? { serviceUrl: activity.serviceUrl } : {};
  if (type === 'channel') return { conversationId: channelIdOf(activity), kind: 'channel', ...serviceUrl };
  if (type === 'groupChat') return { conversationId: activity.conversation.id, kind: 'groupChat', ...serviceUrl };
  return { conversationId: activity.conversation.id, kind: 'personal', ...serviceUrl };
}

export function channelIdOf(activity: Activity): string {
  return teamsGetChannelId(activity) ?? activity.conversation.id.split(';')[0] ?? activity.conversation.id;
}

/** The message text without the @mention of the bot (channels and group chats), trimmed. */
export function textOf(activity: Activity): string {
  const withoutMention = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return withoutMention.trim();
}

/** How to reach this conversation later, without the message it was taken from (a channel post starts a new thread). */
export function referenceFor(activity: Activity, conversation?: { id: string; conversationType: string }): ReturnType<typeof TurnContext.getConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  if (conversation) reference.conversation = { ...reference.conversation, id: conversation.id, name: reference.conversation?.name ?? '', conversationType: conversation.conversationType, isGroup: true };
  return reference;
}

// Sends and updates bot messages outside a conversation turn (proactive): to a person's chat or a channel.
import type { CardJson } from '../conversation/types.js';

/** Where a sent message lives, so it can be updated in place later. Opaque to the app; stored as JSON. */
export interface MessageRef {
  readonly conversationId: string;
  readonly activityId: string;
  /**
   * The channel's endpoint for the conversation (Bot Framework's serviceUrl), as the Messenger or the incoming
   * activity gave it: stored with the ids, so that another instance, or this one after a restart, can update the
   * message without guessing. Absent on refs stored before it was kept.
   */
  readonly serviceUrl?: string;
}

export type OutgoingMessage = { readonly text: string } | { readonly card: CardJson };

export interface Messenger {
  /** Sends to the person's personal chat with the bot; null when the bot has no conversation with them (not installed). */
  sendToPerson(personId: string, message: OutgoingMessage): Promise<MessageRef | null>;
  /** Posts in a Teams channel the bot was added to; null when the bot does not know the channel. */
  sendToChannel(channelId: string, message: OutgoingMessage): Promise<MessageRef | null>;
  /** Replaces a card the bot sent earlier (the receipt, a leader's notification). */
  updateCard(ref: MessageRef, card: CardJson): Promise<void>;
}

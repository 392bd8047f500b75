// The bot's conversation as the app sees it: SDK-free messages in, replies and card updates out, so the bot SDK can be swapped.

/** Who is talking, as Teams identifies them (Entra object id) and what language they read. */
export interface Speaker {
  /** Entra ID object id: the same id as Person.id. */
  readonly personId: string;
  readonly name: string;
  /** Teams locale, e.g. 'nb-NO', 'nn-NO', 'en-US'. */
  readonly locale: string;
}

/** Where a message came from or goes to; opaque to the app (the bot edge keeps the SDK's reference). */
export interface ConversationAddress {
  readonly conversationId: string;
  readonly kind: 'personal' | 'channel' | 'groupChat';
  /** The channel's endpoint for this conversation (Bot Framework's serviceUrl, bound to the activity's token); opaque, kept in MessageRefs. */
  readonly serviceUrl?: string;
}

/**
 * A file sent with a message in personal chat, as the bot edge fetched it from Teams (type and size already checked),
 * or why it was not taken: too large, a type Varde does not keep, one file too many, or Teams would not give it.
 */
export type IncomingAttachment =
  | { readonly status: 'received'; readonly name: string; readonly contentType: string; readonly bytes: Uint8Array }
  | { readonly status: 'refused'; readonly name: string; readonly reason: 'tooLarge' | 'notAllowed' | 'unavailable' | 'tooMany'; readonly limitBytes?: number };

export type Incoming =
  /** The app was added (personal scope) or the user said hello. */
  | { readonly type: 'install'; readonly speaker: Speaker; readonly address: ConversationAddress }
  | { readonly type: 'text'; readonly speaker: Speaker; readonly address: ConversationAddress; readonly text: string; readonly attachments: readonly IncomingAttachment[] }
  /**
   * An Adaptive Card Action.Execute (`adaptiveCard/action` invoke): `verb` and `data` from the card.
   * `activityId` is the card message the action came from (to update it in place).
   */
  | { readonly type: 'action'; readonly speaker: Speaker; readonly address: ConversationAddress; readonly verb: string; readonly data: unknown; readonly activityId: string | null };

/** An Adaptive Card as JSON (version 1.5), built by src/cards. */
export type CardJson = Record<string, unknown>;

/** What the app answers; the bot edge turns it into activities. */
export interface Reply {
  /** Messages to send in the same conversation, in order. */
  readonly send?: readonly ({ readonly text: string } | { readonly card: CardJson })[];
  /** For an action: the card that replaces the one acted on (Action.Execute's invoke response). */
  readonly refreshCard?: CardJson;
}

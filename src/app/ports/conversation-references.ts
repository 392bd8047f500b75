// Where the bot can reach people and channels later: Bot Framework conversation references, kept in SharePoint (no state on the server).
export interface ConversationReferenceStore {
  /** Saves (or replaces) how to reach a person or a channel; the reference is the SDK's JSON, opaque here. */
  save(target: { kind: 'person' | 'channel'; id: string }, reference: unknown, details?: ChannelDetails): Promise<void>;
  get(target: { kind: 'person' | 'channel'; id: string }): Promise<unknown | null>;
  /**
   * Reads every person's reference in a few paged queries and keeps them, so that a bulk send (the daily reading
   * digest to thousands) costs no Graph read per person; resolves with the ids of the people it knows (the others have
   * no chat with the bot). Optional: a store may not.
   */
  preloadPeople?(): Promise<ReadonlySet<string>>;
  /**
   * Teams said the bot was removed from a team (issue 9): its channels are marked, so committees linked to them show
   * that the bot must be added back. Optional: a store may not keep this.
   */
  markTeamRemoved?(teamId: string, at: string): Promise<void>;
}

/** What Teams tells about a channel when the bot learns it (issue 9): for the committee's channel picker. */
export interface ChannelDetails {
  readonly teamId: string | null;
  readonly teamName: string | null;
  readonly channelName: string | null;
}

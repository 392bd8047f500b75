// Where the bot can reach people and channels later: Bot Framework conversation references, kept in SharePoint (no state on the server).
export interface ConversationReferenceStore {
  /** Saves (or replaces) how to reach a person or a channel; the reference is the SDK's JSON, opaque here. */
  save(target: { kind: 'person' | 'channel'; id: string }, reference: unknown): Promise<void>;
  get(target: { kind: 'person' | 'channel'; id: string }): Promise<unknown | null>;
}

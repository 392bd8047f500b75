// Bot Framework conversation references in 'Kanalkoblinger', cached per instance: sending to a person or channel costs no Graph read once known.
import type { ConversationReferenceStore } from '../../app/ports/index.js';
import type { GraphClient } from '../graph/index.js';
import { readEnvelope } from '../mapping/fields.js';
import { CONVERSATION_REFERENCE_COLUMNS, type ReferenceTargetKind, conversationReferenceFromFields, conversationReferenceToFields, targetKey } from '../mapping/conversation-reference.js';
import type { ListDirectory } from './list-directory.js';
import { readKeyedItem, saveKeyedItem } from './keyed-item.js';

export interface ConversationReferenceStoreOptions {
  /** How long a found reference is kept (default 1 hour; a reference changes only when the app is reinstalled). */
  readonly ttlMs?: number;
  /** How long "not found" is kept (default 5 minutes: someone who installs the app is reachable soon after, on any instance). */
  readonly missTtlMs?: number;
  readonly now?: () => number;
  /** References kept at most (default 20,000). */
  readonly maxEntries?: number;
}

export class SharePointConversationReferenceStore implements ConversationReferenceStore {
  private readonly cache = new Map<string, { reference: unknown | null; until: number }>();
  private readonly itemIds = new Map<string, string>();

  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
    private readonly options: ConversationReferenceStoreOptions = {},
  ) {}

  async save(target: { kind: ReferenceTargetKind; id: string }, reference: unknown): Promise<void> {
    const list = await this.directory.resolve('channelLinks');
    const key = targetKey(target.kind, target.id);
    await saveKeyedItem(this.client, list, 'TargetId', key, conversationReferenceToFields(target.kind, target.id, reference), this.itemIds);
    this.keep(`${target.kind}:${key}`, reference ?? null, this.options.ttlMs ?? 3_600_000);
  }

  async get(target: { kind: ReferenceTargetKind; id: string }): Promise<unknown | null> {
    const key = targetKey(target.kind, target.id);
    const cacheKey = `${target.kind}:${key}`;
    const hit = this.cache.get(cacheKey);
    if (hit && hit.until > this.now()) return hit.reference;
    const list = await this.directory.resolve('channelLinks');
    const raw = await readKeyedItem(this.client, list, 'TargetId', key, CONVERSATION_REFERENCE_COLUMNS, this.itemIds);
    let reference: unknown | null = null;
    if (raw) {
      const { itemId, fields } = readEnvelope(raw, list.spec.displayName);
      const row = conversationReferenceFromFields(fields, { list: list.spec.displayName, itemId });
      // A person's id and a channel's id never look alike, but the kind is checked all the same.
      if (row.kind === target.kind) reference = row.reference;
    }
    this.keep(cacheKey, reference, reference === null ? (this.options.missTtlMs ?? 300_000) : (this.options.ttlMs ?? 3_600_000));
    return reference;
  }

  private keep(key: string, reference: unknown | null, ttl: number): void {
    if (!this.cache.has(key) && this.cache.size >= (this.options.maxEntries ?? 20_000)) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, { reference, until: this.now() + ttl });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

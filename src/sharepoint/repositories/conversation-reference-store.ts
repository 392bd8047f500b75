// Bot Framework conversation references in 'Kanalkoblinger', cached per instance: sending to a person or channel costs no Graph read once known.
import type { ChannelDetails, ConversationReferenceStore } from '../../app/ports/index.js';
import { type GraphClient, where } from '../graph/index.js';
import { readAll } from './list-query.js';
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

  async save(target: { kind: ReferenceTargetKind; id: string }, reference: unknown, details?: ChannelDetails): Promise<void> {
    const list = await this.directory.resolve('channelLinks');
    const key = targetKey(target.kind, target.id);
    // A channel saved again (the bot added back to its team) is reachable again; its names as Teams gives them now.
    const channel =
      target.kind === 'channel'
        ? { RemovedAt: null, ...(details ? { TeamId: details.teamId, TeamName: details.teamName?.slice(0, 255) ?? null, ChannelName: details.channelName?.slice(0, 255) ?? null } : {}) }
        : {};
    await saveKeyedItem(this.client, list, 'TargetId', key, { ...conversationReferenceToFields(target.kind, target.id, reference), ...channel }, this.itemIds);
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

  /**
   * Every person's reference, 5,000 a page, kept as `get` keeps one. The whole list unfiltered: `TargetKind eq 'person'`
   * would select more than SharePoint's list view threshold once more than 5,000 people have the bot (refused however
   * it is paged), while a plain read of every item, page by page, is always served; the few channel rows are skipped.
   */
  async preloadPeople(): Promise<ReadonlySet<string>> {
    const list = await this.directory.resolve('channelLinks');
    const items = await readAll(this.client, { list: list.path, columns: CONVERSATION_REFERENCE_COLUMNS, top: 5000 });
    const known = new Set<string>();
    for (const raw of items) {
      try {
        const { itemId, fields } = readEnvelope(raw, list.spec.displayName);
        const row = conversationReferenceFromFields(fields, { list: list.spec.displayName, itemId });
        if (row.kind !== 'person') continue;
        this.itemIds.set(row.targetId, itemId);
        this.keep(`person:${row.targetId}`, row.reference, this.options.ttlMs ?? 3_600_000);
        // Entra object ids (36 characters) are stored as themselves (targetKey hashes only ids over 64).
        known.add(row.targetId);
      } catch {
        // A row edited by hand into something else is skipped; `get` reports it when that person is asked for.
      }
    }
    return known;
  }

  /** Marks every channel of the team (one indexed query on TargetKind, then a PATCH per channel of that team). */
  async markTeamRemoved(teamId: string, at: string): Promise<void> {
    const list = await this.directory.resolve('channelLinks');
    const items = await readAll(this.client, { list: list.path, columns: ['TargetId', 'TeamId'], filter: where.eq('TargetKind', 'channel'), top: 5000 });
    for (const raw of items) {
      const { itemId, fields } = readEnvelope(raw, list.spec.displayName);
      if (fields.TeamId === teamId) await this.client.patch(`${list.path}/items/${encodeURIComponent(itemId)}/fields`, { RemovedAt: at });
    }
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

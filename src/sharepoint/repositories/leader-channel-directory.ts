// Each unit's leader channel, from the LeaderChannelId column of 'Enheter' (a column the organisation sync leaves alone).
import type { LeaderChannelDirectory } from '../../app/reporting/ports.js';
import { type GraphClient, where } from '../graph/index.js';
import { readEnvelope } from '../mapping/fields.js';
import type { ListDirectory } from './list-directory.js';
import { readAll, readPage } from './list-query.js';

export interface LeaderChannelDirectoryOptions {
  /** How long the read of every unit's channel is kept (default 5 minutes). */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

/** Reads every unit's channel in one paged query (a few hundred units) and keeps the map for a while. */
export class SharePointLeaderChannelDirectory implements LeaderChannelDirectory {
  private cached: { channels: Promise<Map<string, string>>; until: number } | null = null;

  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
    private readonly options: LeaderChannelDirectoryOptions = {},
  ) {}

  async leaderChannelOf(unitId: string): Promise<string | null> {
    return (await this.channels()).get(unitId) ?? null;
  }

  /** The unit whose leader channel this is (the channel tab shows that unit), or null; from the same cached read. */
  async unitOfLeaderChannel(channelId: string): Promise<string | null> {
    for (const [unitId, channel] of await this.channels()) if (channel === channelId) return unitId;
    return null;
  }

  /** Links a unit to its leader channel (when the bot is added to the channel, or by an administrator). */
  async setLeaderChannel(unitId: string, channelId: string | null): Promise<void> {
    const list = await this.directory.resolve('orgUnits');
    const page = await readPage(this.client, { list: list.path, columns: ['UnitId'], filter: where.eq('UnitId', unitId), top: 1 });
    const itemId = page.items[0]?.id;
    if (typeof itemId !== 'string') throw new Error(`No unit ${unitId} in ${list.spec.displayName}.`);
    await this.client.patch(`${list.path}/items/${itemId}/fields`, { LeaderChannelId: channelId });
    this.cached = null;
  }

  private channels(): Promise<Map<string, string>> {
    const now = (this.options.now ?? Date.now)();
    if (this.cached && this.cached.until > now) return this.cached.channels;
    const channels = this.read();
    const entry = { channels, until: now + (this.options.ttlMs ?? 300_000) };
    this.cached = entry;
    channels.catch(() => {
      if (this.cached === entry) this.cached = null;
    });
    return channels;
  }

  private async read(): Promise<Map<string, string>> {
    const list = await this.directory.resolve('orgUnits');
    const items = await readAll(this.client, { list: list.path, columns: ['UnitId', 'LeaderChannelId'], top: 1000 });
    const out = new Map<string, string>();
    for (const raw of items) {
      const { fields } = readEnvelope(raw, list.spec.displayName);
      if (typeof fields.UnitId === 'string' && typeof fields.LeaderChannelId === 'string' && fields.LeaderChannelId.trim() !== '') out.set(fields.UnitId, fields.LeaderChannelId);
    }
    return out;
  }
}

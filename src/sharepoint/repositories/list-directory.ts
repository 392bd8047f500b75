// Finds each declared list's id once, by its display name in its site, and keeps it: one request per site for the life of the process.
import { type GraphClient, collectAll } from '../graph/index.js';
import { LISTS } from '../schema/lists.js';
import type { ListSpec, SiteKey } from '../schema/schema-types.js';

/** Site ids as Graph gives them (`host,siteCollectionGuid,webGuid`), from configuration or provisioning. */
export type SiteIds = Readonly<Record<SiteKey, string>>;

export class ListMissingError extends Error {
  constructor(
    readonly list: string,
    readonly site: SiteKey,
  ) {
    super(`The list '${list}' is missing from the ${site} site: run provisioning (npm run provision).`);
    this.name = 'ListMissingError';
  }
}

export interface ResolvedList {
  readonly spec: ListSpec;
  readonly siteId: string;
  readonly listId: string;
  /** `/sites/{site}/lists/{list}`: the base of every item request. */
  readonly path: string;
}

export class ListDirectory {
  private readonly sites = new Map<SiteKey, Promise<Map<string, string>>>();

  constructor(
    private readonly client: GraphClient,
    private readonly siteIds: SiteIds,
    private readonly schema: readonly ListSpec[] = LISTS,
  ) {}

  /** The list declared under `key` (see schema/lists.ts). */
  async resolve(key: string): Promise<ResolvedList> {
    const spec = this.schema.find((l) => l.key === key);
    if (!spec) throw new Error(`No list is declared with key '${key}'.`);
    const siteId = this.siteIds[spec.site];
    const ids = await this.listsOf(spec.site);
    const listId = ids.get(spec.displayName.toLowerCase());
    if (!listId) {
      // Provisioning may run while we are up: look again next time instead of remembering the gap.
      this.sites.delete(spec.site);
      throw new ListMissingError(spec.displayName, spec.site);
    }
    return { spec, siteId, listId, path: `/sites/${siteId}/lists/${listId}` };
  }

  /** Display name (lower case) → list id for one site; a failed read is forgotten so the next call tries again. */
  private listsOf(site: SiteKey): Promise<Map<string, string>> {
    let pending = this.sites.get(site);
    if (!pending) {
      pending = collectAll<{ id: string; displayName: string }>(this.client, {
        path: `/sites/${this.siteIds[site]}/lists`,
        query: { $select: 'id,displayName' },
      }).then((lists) => new Map(lists.map((l) => [l.displayName.toLowerCase(), l.id])));
      pending.catch(() => this.sites.delete(site));
      this.sites.set(site, pending);
    }
    return pending;
  }
}

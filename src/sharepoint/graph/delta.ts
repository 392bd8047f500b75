// Reads what changed in a SharePoint list since the last round, from a stored deltaLink; starts over (and says so) when Graph asks for a resync.
// https://learn.microsoft.com/graph/api/listitem-delta
import type { GraphClient, GraphRequestSpec } from './graph-client.js';
import { GraphRequestError } from './graph-error.js';
import { type PagingOptions, pages } from './paging.js';

export interface DeltaItem {
  id: string;
  /** Present on items deleted since the last round. */
  deleted?: { state?: string };
  fields?: Record<string, unknown>;
}

export interface DeltaRound<T extends DeltaItem> {
  /**
   * `initial`: no deltaLink was given, `changed` holds every item.
   * `changes`: only what changed since the stored deltaLink.
   * `resync`: the stored link was refused (410); this round started over, `changed` holds every item,
   * and anything the caller kept that is not in it is gone.
   */
  kind: 'initial' | 'changes' | 'resync';
  /** Items created or changed (each once, at its latest state); every item for initial and resync rounds. */
  changed: T[];
  /** Ids of items deleted since the last round. */
  deleted: string[];
  /** Store this; the next round starts from it. */
  deltaLink: string;
}

export interface DeltaOptions extends PagingOptions {
  /** The list, relative to the version root: `/sites/{site}/lists/{list}`. */
  list: string;
  /** The link the previous round ended with; none for the first round. */
  deltaLink?: string;
  /** Columns to read along (`$expand=fields($select=…)`); none reads no fields. */
  fields?: readonly string[];
  /** Page size. */
  top?: number;
}

/** One delta round: follows nextLinks to the deltaLink. A 410 on the stored link starts a fresh round once. */
export async function readListDelta<T extends DeltaItem = DeltaItem>(client: GraphClient, options: DeltaOptions): Promise<DeltaRound<T>> {
  const fresh: GraphRequestSpec = {
    path: `${options.list.replace(/\/+$/, '')}/items/delta`,
    query: {
      $expand: options.fields?.length ? `fields($select=${options.fields.join(',')})` : undefined,
      $top: options.top,
    },
  };
  if (!options.deltaLink) return round<T>(client, fresh, 'initial', options);
  try {
    return await round<T>(client, { path: options.deltaLink }, 'changes', options);
  } catch (err) {
    // 410 Gone: the token expired or the list was reset. Graph's Location holds a fresh start link, but our own
    // request is rebuilt from the options instead, so the round reads the same fields the caller asked for.
    if (err instanceof GraphRequestError && err.status === 410) return round<T>(client, fresh, 'resync', options);
    throw err;
  }
}

async function round<T extends DeltaItem>(client: GraphClient, first: GraphRequestSpec, kind: DeltaRound<T>['kind'], options: PagingOptions): Promise<DeltaRound<T>> {
  const changed = new Map<string, T>();
  const deleted = new Set<string>();
  for await (const page of pages<T>(client, first, options)) {
    for (const item of page.value) {
      // An item can show up on more than one page of a round; the later state wins.
      if (item.deleted) {
        changed.delete(item.id);
        deleted.add(item.id);
      } else {
        deleted.delete(item.id);
        changed.set(item.id, item);
      }
    }
    if (page.deltaLink) return { kind, changed: [...changed.values()], deleted: [...deleted], deltaLink: page.deltaLink };
  }
  throw new GraphRequestError({ status: 200, code: 'missingDeltaLink', method: 'GET', path: '(delta round)' });
}

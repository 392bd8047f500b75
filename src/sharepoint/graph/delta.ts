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

export interface DeltaRound<T = DeltaItem> {
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
  /** Top-level properties to read (`$select`, e.g. `['id']`); default all. Deleted items come with their facet regardless. */
  select?: readonly string[];
  /** Page size. */
  top?: number;
}

/** One delta round: follows nextLinks to the deltaLink. A 410 on the stored link starts a fresh round once. */
export async function readListDelta<T extends DeltaItem = DeltaItem>(client: GraphClient, options: DeltaOptions): Promise<DeltaRound<T>> {
  return readListDeltaAs<T, T>(client, options, (item) => item);
}

/**
 * The same round, with each changed item turned into what the caller keeps as its page arrives: a first round over
 * a large list then never holds every raw item (envelope, identity sets, all fields) at once.
 */
export async function readListDeltaAs<T extends DeltaItem, U>(client: GraphClient, options: DeltaOptions, map: (item: T) => U): Promise<DeltaRound<U>> {
  const fresh: GraphRequestSpec = {
    path: `${options.list.replace(/\/+$/, '')}/items/delta`,
    query: {
      $select: options.select?.length ? options.select.join(',') : undefined,
      $expand: options.fields?.length ? `fields($select=${options.fields.join(',')})` : undefined,
      $top: options.top,
    },
  };
  if (!options.deltaLink) return round<T, U>(client, fresh, 'initial', options, map);
  try {
    return await round<T, U>(client, { path: options.deltaLink }, 'changes', options, map);
  } catch (err) {
    // 410 Gone: the token expired or the list was reset. Graph's Location holds a fresh start link, but our own
    // request is rebuilt from the options instead, so the round reads the same fields the caller asked for.
    if (err instanceof GraphRequestError && err.status === 410) return round<T, U>(client, fresh, 'resync', options, map);
    throw err;
  }
}

async function round<T extends DeltaItem, U>(
  client: GraphClient,
  first: GraphRequestSpec,
  kind: DeltaRound<U>['kind'],
  options: PagingOptions,
  map: (item: T) => U,
): Promise<DeltaRound<U>> {
  const changed = new Map<string, U>();
  const deleted = new Set<string>();
  for await (const page of pages<T>(client, first, options)) {
    for (const item of page.value) {
      // An item can show up on more than one page of a round; the later state wins.
      if (item.deleted) {
        changed.delete(item.id);
        deleted.add(item.id);
      } else {
        deleted.delete(item.id);
        changed.set(item.id, map(item));
      }
    }
    if (page.deltaLink) return { kind, changed: [...changed.values()], deleted: [...deleted], deltaLink: page.deltaLink };
  }
  throw new GraphRequestError({ status: 200, code: 'missingDeltaLink', method: 'GET', path: '(delta round)' });
}

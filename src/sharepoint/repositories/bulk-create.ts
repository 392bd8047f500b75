// Creates many list items through $batch so that each row exists exactly once, however often a row or the whole run is retried.
//
// Each row carries a key held in a unique (hence indexed) column. A POST whose answer was lost
// (GraphUnknownOutcome), or that meets the unique index (409), may have been our own earlier write:
// the key is looked up (`fields/<key> eq …`), and an item found counts as created. A row is posted
// again only when the lookup shows it is not there, and the unique index refuses any copy that
// slips through, so nothing is ever stored twice.
import type { BulkFailure } from '../../app/ports/index.js';
import {
  type BatchOptions,
  type BatchResult,
  type GraphClient,
  GraphConflictError,
  type GraphFailure,
  GraphNetworkError,
  GraphThrottledError,
  GraphUnknownOutcome,
  runBatch,
  where,
} from '../graph/index.js';
import type { Fields } from '../mapping/fields.js';
import { type RawItem, itemUrl } from './list-query.js';

export interface BulkRow {
  key: string;
  fields: Fields;
}

export interface BulkCreateOptions {
  /** The unique column holding each row's key (ImportKey, RecordId, UnitId …). */
  keyColumn: string;
  /** Columns to read back when a row is found by its key. */
  columns: readonly string[];
  /** Rounds of posting and looking up before a row is reported as failed (default 5). */
  maxRounds?: number;
  batch?: BatchOptions;
}

export interface BulkOutcome {
  created: number;
  alreadyPresent: number;
  failed: BulkFailure[];
  /** Key → the item as stored (from the create's answer or the lookup). */
  items: Map<string, RawItem>;
}

/** Keys per lookup query: `k eq a or k eq b …` stays short of URL limits. */
const KEYS_PER_LOOKUP = 10;

type Next = 'created' | 'lookup' | 'repost' | 'failed';

/** What a failed POST means for its row. */
function afterFailure(error: GraphFailure): Next {
  if (error instanceof GraphConflictError) return 'lookup';
  if (error instanceof GraphUnknownOutcome) return 'lookup';
  // Throttled or never sent: nothing was written.
  if (error instanceof GraphThrottledError || error instanceof GraphNetworkError) return 'repost';
  // No part answer (notRun, missing) or a server error: it may have run.
  if (error.status === 0 || error.status >= 500) return 'lookup';
  return 'failed';
}

export async function bulkCreate(client: GraphClient, list: string, rows: readonly BulkRow[], options: BulkCreateOptions): Promise<BulkOutcome> {
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.key === '') throw new Error('Every row needs a non-empty key.');
    if (seen.has(row.key)) throw new Error(`The key '${row.key}' appears twice in one bulk create.`);
    seen.add(row.key);
  }
  const outcome: BulkOutcome = { created: 0, alreadyPresent: 0, failed: [], items: new Map() };
  const fail = (row: BulkRow, reason: string) => outcome.failed.push({ importKey: row.key, reason });
  const maxRounds = options.maxRounds ?? 5;

  let toPost: BulkRow[] = [...rows];
  let toLookup: { row: BulkRow; conflict: boolean }[] = [];
  for (let round = 0; round < maxRounds && (toPost.length > 0 || toLookup.length > 0); round++) {
    if (round > 0) await sleep(Math.min(250 * 2 ** (round - 1), 4000));
    const repost: BulkRow[] = [];

    const answers = toPost.length ? await runBatch<RawItem>(client, toPost.map((row) => ({ method: 'POST', url: `${list}/items`, body: { fields: { ...row.fields, [options.keyColumn]: row.key } } })), options.batch) : [];
    answers.forEach((answer, i) => {
      const row = toPost[i] as BulkRow;
      const next: Next = answer.ok ? 'created' : afterFailure(answer.error);
      if (next === 'created') {
        outcome.created++;
        outcome.items.set(row.key, (answer as Extract<BatchResult<RawItem>, { ok: true }>).body);
      } else if (next === 'lookup') toLookup.push({ row, conflict: !answer.ok && answer.error instanceof GraphConflictError });
      else if (next === 'repost') repost.push(row);
      else if (!answer.ok) fail(row, `${answer.status} ${answer.error.code}`);
    });

    const lookupAgain: typeof toLookup = [];
    if (toLookup.length > 0) {
      const { found, unanswered } = await lookUp(client, list, toLookup.map((l) => l.row.key), options);
      for (const l of toLookup) {
        const item = found.get(l.row.key);
        if (unanswered.has(l.row.key)) lookupAgain.push(l);
        else if (item) {
          outcome.alreadyPresent++;
          outcome.items.set(l.row.key, item);
        } else if (l.conflict) fail(l.row, 'conflict: another record holds one of its unique values (id or case number)');
        else repost.push(l.row);
      }
    }
    toPost = repost;
    toLookup = lookupAgain;
  }
  for (const row of toPost) fail(row, `not created after ${maxRounds} rounds (throttled or unreachable)`);
  for (const { row } of toLookup) fail(row, `outcome unknown after ${maxRounds} rounds`);
  return outcome;
}

/** Looks keys up in the unique column, ten per query, the queries in $batch. */
async function lookUp(client: GraphClient, list: string, keys: readonly string[], options: BulkCreateOptions) {
  const groups: string[][] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_LOOKUP) groups.push(keys.slice(i, i + KEYS_PER_LOOKUP));
  const columns = options.columns.includes(options.keyColumn) ? options.columns : [...options.columns, options.keyColumn];
  const answers = await runBatch<{ value?: RawItem[] }>(
    client,
    groups.map((group) => ({ method: 'GET', url: itemUrl({ list, columns, filter: where.in(options.keyColumn, group), top: group.length }) })),
    options.batch,
  );
  const found = new Map<string, RawItem>();
  const unanswered = new Set<string>();
  answers.forEach((answer, i) => {
    const group = groups[i] as string[];
    if (!answer.ok) {
      for (const key of group) unanswered.add(key);
      return;
    }
    for (const item of answer.body?.value ?? []) {
      const key = (item.fields as Record<string, unknown> | undefined)?.[options.keyColumn];
      if (typeof key === 'string') found.set(key, item);
    }
  });
  return { found, unanswered };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

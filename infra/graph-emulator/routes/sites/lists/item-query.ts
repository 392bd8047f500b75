// Plans a list-item query as SharePoint runs it: $filter and $orderby only on indexed columns, keyset paging, the 5,000-item threshold.
import { activityLimitReached, invalidRequest, listViewThresholdExceeded } from '../../../errors.js';
import { ODataError } from '../../../odata/errors.js';
import type { FilterExpr } from '../../../odata/filter-ast.js';
import { compileFilter, type FieldType, type ResolvedField } from '../../../odata/filter-sql.js';
import { decodeSkipToken, encodeSkipToken, keysetAfter, orderSql } from '../../../odata/keyset.js';
import type { QueryOptions } from '../../../odata/query-options.js';
import { type ColumnDefinition, columnKind, storageKey } from '../../../store/columns.js';
import type { Db } from '../../../store/database.js';
import { type ItemRow, queryItems } from '../../../store/items.js';
import { type ListRecord, fieldSql, indexName, itemCount } from '../../../store/lists.js';

/** SharePoint's list view threshold. */
export const LIST_VIEW_THRESHOLD = 5000;
const HONOR_NON_INDEXED = 'honornonindexedquerieswarningmayfailrandomly';

const KIND_TYPE: Record<string, FieldType> = {
  text: 'text',
  choice: 'text',
  number: 'number',
  boolean: 'boolean',
  dateTime: 'dateTime',
  personOrGroup: 'lookupId',
  lookup: 'lookupId',
};

interface Resolved extends ResolvedField {
  indexed: boolean;
  name: string;
}

/** Maps `fields/X` (and `id`) to the SQL that reads it; the item id is the primary key and always usable. */
function resolver(columns: ColumnDefinition[]) {
  const byKey = new Map(columns.map((c) => [storageKey(c).toLowerCase(), c]));
  return (path: string[]): Resolved => {
    const [head, name, ...rest] = path;
    if (path.length === 1 && head?.toLowerCase() === 'id') return { sql: 'id', type: 'number', indexed: true, name: 'id' };
    if (head !== 'fields' || name === undefined || rest.length > 0)
      throw new ODataError(`Only fields/<name> and id can be used in $filter and $orderby of list items (got '${path.join('/')}').`);
    if (name.toLowerCase() === 'id') return { sql: 'id', type: 'number', indexed: true, name: 'ID' };
    const column = byKey.get(name.toLowerCase());
    if (!column) throw new ODataError(`Field '${name}' is not recognized`);
    const kind = columnKind(column);
    if (kind === 'text' && column.text?.allowMultipleLines) throw new ODataError(`Field '${name}' has multiple lines of text and cannot be queried.`);
    return { sql: fieldSql(storageKey(column)), type: KIND_TYPE[kind] ?? 'text', indexed: column.indexed, name: storageKey(column) };
  };
}

export interface PlannedPage {
  rows: ItemRow[];
  /** Skip token for the next page, if there is one. */
  next?: string;
}

/**
 * Runs one page of a list-item query. Mirrors SharePoint: a field in $filter or $orderby that is not
 * indexed is refused unless the caller sends `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly`,
 * and even then the query fails on a list over the threshold (Graph answers it as a 429). On a list over the threshold
 * an indexed query is refused too when its leading condition (leadingCondition) selects more than 5,000 items, and it
 * is read through that condition's index.
 */
export function runItemQuery(db: Db, list: ListRecord, columns: ColumnDefinition[], options: QueryOptions, prefer: string | undefined, pageSize: number): PlannedPage {
  const resolve = resolver(columns);
  const used = new Map<string, Resolved>();
  const track = (path: string[]) => {
    const r = resolve(path);
    used.set(r.name, r);
    return r;
  };
  const where = options.filter ? compileFilter(options.filter, track) : undefined;
  const order = [...(options.orderby ?? []).map((t) => ({ sql: track(t.path).sql, desc: t.desc }))];
  if (!order.some((t) => t.sql === 'id')) order.push({ sql: 'id', desc: false });

  const nonIndexed = [...used.values()].find((r) => !r.indexed);
  if (nonIndexed) {
    const honored = (prefer ?? '').toLowerCase().split(/[,;]\s*/).includes(HONOR_NON_INDEXED);
    if (!honored)
      throw invalidRequest(
        `Field '${nonIndexed.name}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
      );
    if (itemCount(db, list) > LIST_VIEW_THRESHOLD) throw activityLimitReached(1);
  }
  let indexedBy: string | undefined;
  if (options.filter && itemCount(db, list) > LIST_VIEW_THRESHOLD) {
    // SharePoint seeks with the filter's first indexed condition and refuses when that alone selects more than the
    // threshold: later `and` terms and $top do not narrow what it has to read (see leadingCondition).
    const leading = leadingCondition(options.filter);
    const lead = compileFilter(leading, resolve);
    const selected = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM "${list.itemTable}" WHERE ${lead.sql} LIMIT ?)`).get(...lead.params, LIST_VIEW_THRESHOLD + 1) as { n: number };
    if (selected.n > LIST_VIEW_THRESHOLD) throw listViewThresholdExceeded();
    // And it reads those items through that column's index, as SharePoint does; left alone, SQLite may prefer a later,
    // broader condition (an equality) and read a hundred thousand rows to find fifty.
    const column = seekColumn(leading, columns);
    if (column) indexedBy = indexName(list, column);
  }

  const signature = order.map((t) => `${t.sql}${t.desc ? ' desc' : ''}`).join(',');
  let after: { sql: string; params: unknown[] } | undefined;
  if (options.skiptoken) {
    const token = decodeSkipToken(options.skiptoken);
    if (token.extra?.o !== signature) throw new ODataError('The $skiptoken does not belong to this query.');
    after = keysetAfter(order, token.values);
  }
  const rows = queryItems(db, list, {
    where: where ? { sql: where.sql, params: where.params } : undefined,
    order,
    orderSql: orderSql(order),
    after,
    limit: pageSize + 1,
    ...(indexedBy ? { indexedBy } : {}),
  });
  if (rows.length <= pageSize) return { rows };
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1] as ItemRow;
  const values = order.map((t) => (t.sql === 'id' ? last.id : sortValue(last, t.sql)));
  return { rows: page, next: encodeSkipToken(values, { o: signature }) };
}

/**
 * The part of a filter SharePoint starts from on a large list: the first term of the top-level `and` chain (a single
 * comparison, or a parenthesised `or` group such as the expansion of `in`), together with the terms right after it
 * that compare the same column (`fields/D ge x and fields/D lt y`: one range over one index).
 */
export function leadingCondition(filter: FilterExpr): FilterExpr {
  const terms: FilterExpr[] = [];
  const walk = (e: FilterExpr) => {
    if (e.kind === 'and') {
      walk(e.left);
      walk(e.right);
    } else terms.push(e);
  };
  walk(filter);
  const first = terms[0] as FilterExpr;
  const column = comparedColumn(first);
  let lead = first;
  for (const term of terms.slice(1)) {
    if (column === null || comparedColumn(term) !== column) break;
    lead = { kind: 'and', left: lead, right: term };
  }
  return lead;
}

/** The indexed column a leading condition seeks by: comparisons (not `ne`) of one column only; else none. */
function seekColumn(leading: FilterExpr, columns: ColumnDefinition[]): ColumnDefinition | undefined {
  const terms: FilterExpr[] = [];
  const walk = (e: FilterExpr): void => {
    if (e.kind !== 'and') terms.push(e);
    else {
      walk(e.left);
      walk(e.right);
    }
  };
  walk(leading);
  const names = new Set(terms.map(comparedColumn));
  if (names.size !== 1 || terms.some((t) => t.kind !== 'compare' || t.op === 'ne')) return undefined;
  const [path] = [...names];
  const name = path?.startsWith('fields/') ? path.slice('fields/'.length) : null;
  return name ? columns.find((c) => c.indexed && storageKey(c).toLowerCase() === name) : undefined;
}

function comparedColumn(e: FilterExpr): string | null {
  if (e.kind !== 'compare') return null;
  const property = e.left.kind === 'property' ? e.left : e.right.kind === 'property' ? e.right : null;
  return property ? property.path.join('/').toLowerCase() : null;
}

/** Reads the value a row has under an ORDER BY expression (a json_extract over its fields). */
function sortValue(row: ItemRow, sql: string): string | number | null {
  const key = /'\$\."(.+)"'\)$/.exec(sql)?.[1];
  if (!key) return null;
  const v = (JSON.parse(row.fields) as Record<string, unknown>)[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'number' || typeof v === 'string' ? v : null;
}

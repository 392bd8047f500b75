// Keyset pagination: ORDER BY text, the "rows after this one" condition, and the skip token that carries the last row's sort values.
import { createHash } from 'node:crypto';
import { ODataError } from './errors.js';

/** One compiled sort key; the emulator ends the list with `{ sql: 'id', desc: false }` so the order is total. */
export interface KeysetTerm {
  sql: string;
  desc: boolean;
}

export type KeyValue = string | number | null;

export interface KeysetCondition {
  sql: string;
  params: KeyValue[];
}

export interface SkipToken {
  /** The sort values of the last row of the previous page, one per term. */
  values: KeyValue[];
  /** Whatever the emulator stored beside them, e.g. a signature of the query the token belongs to. */
  extra: Record<string, string | number>;
}

/** Tokens longer than this were not made by encodeSkipToken (8 terms of long text stay well below it). */
export const MAX_SKIPTOKEN_LENGTH = 8192;

/** `ORDER BY a ASC, b DESC, id ASC`. SQLite puts NULLs first in ASC and last in DESC; keysetAfter relies on that. */
export function orderSql(terms: KeysetTerm[]): string {
  if (terms.length === 0) throw new Error('orderSql needs at least one term');
  return `ORDER BY ${terms.map((t) => `${t.sql} ${t.desc ? 'DESC' : 'ASC'}`).join(', ')}`;
}

/**
 * A WHERE condition for the rows that come strictly after the row whose sort values are `values`,
 * in the order `orderSql(terms)` gives. Lexicographic: a row is after when it is after on the first
 * term, or equal there and after on the rest. "After" has to know where NULLs sort:
 *   ASC  (NULLs first): after v is `x > v`; after NULL is `x IS NOT NULL`.
 *   DESC (NULLs last):  after v is `x < v OR x IS NULL`; nothing is after NULL.
 * Written nested (`a > ? OR (a = ? AND (...))`) so the SQL grows linearly with the number of terms.
 */
export function keysetAfter(terms: KeysetTerm[], values: readonly KeyValue[]): KeysetCondition {
  if (terms.length === 0) throw new Error('keysetAfter needs at least one term');
  if (values.length !== terms.length) {
    throw new ODataError(`The $skiptoken holds ${values.length} sort values but this query sorts by ${terms.length}; it belongs to another query.`);
  }
  checkValues(values);
  // Built from the last term outwards; `undefined` stands for a condition that is always false.
  let rest: KeysetCondition | undefined;
  for (let i = terms.length - 1; i >= 0; i--) {
    const term = terms[i] as KeysetTerm;
    const value = values[i] as KeyValue;
    const after = afterOne(term, value);
    if (rest === undefined) {
      rest = after;
      continue;
    }
    const equal: KeysetCondition = value === null ? { sql: `${term.sql} IS NULL`, params: [] } : { sql: `${term.sql} = ?`, params: [value] };
    const tie: KeysetCondition = { sql: `(${equal.sql} AND ${rest.sql})`, params: [...equal.params, ...rest.params] };
    rest = after === undefined ? tie : { sql: `(${after.sql} OR ${tie.sql})`, params: [...after.params, ...tie.params] };
  }
  return rest ?? { sql: '0', params: [] };
}

function afterOne(term: KeysetTerm, value: KeyValue): KeysetCondition | undefined {
  if (!term.desc) return value === null ? { sql: `${term.sql} IS NOT NULL`, params: [] } : { sql: `${term.sql} > ?`, params: [value] };
  return value === null ? undefined : { sql: `(${term.sql} < ? OR ${term.sql} IS NULL)`, params: [value] };
}

/**
 * base64url(JSON) plus a checksum. The checksum is not a secret (the emulator has none to keep):
 * it makes a hand-edited or truncated token fail loudly, as Graph's opaque tokens do, instead of
 * quietly returning some other page.
 */
export function encodeSkipToken(values: readonly KeyValue[], extra: Record<string, string | number> = {}): string {
  checkValues(values);
  for (const [k, v] of Object.entries(extra)) {
    if (v === null || !isKeyValue(v)) throw new TypeError(`skip token extra '${k}' must be a string or finite number`);
  }
  const payload = Buffer.from(JSON.stringify({ v: values, x: extra }), 'utf8').toString('base64url');
  return `${payload}.${checksum(payload)}`;
}

export function decodeSkipToken(token: string): SkipToken {
  const invalid = (why: string): never => {
    throw new ODataError(`The $skiptoken is not valid (${why}); use the @odata.nextLink exactly as it was returned.`);
  };
  if (token.length > MAX_SKIPTOKEN_LENGTH) invalid('too long');
  const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!m) return invalid('garbled');
  const [, payload = '', sum] = m;
  if (sum !== checksum(payload)) invalid('altered or truncated');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return invalid('garbled');
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.v) || !isRecord(parsed.x)) return invalid('wrong shape');
  const values: unknown[] = parsed.v;
  const entries = Object.entries(parsed.x);
  if (!values.every(isKeyValue) || !entries.every(([, v]) => v !== null && isKeyValue(v))) return invalid('wrong shape');
  // fromEntries defines own properties, so a "__proto__" key in a crafted token stays plain data.
  return { values, extra: Object.fromEntries(entries) as Record<string, string | number> };
}

function isKeyValue(v: unknown): v is KeyValue {
  return v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

function checkValues(values: readonly unknown[]): void {
  for (const v of values) {
    if (!isKeyValue(v)) throw new TypeError(`sort values must be strings, finite numbers or null, got ${String(v)}`);
  }
}

function checksum(payload: string): string {
  return createHash('sha256').update(payload).digest('base64url').slice(0, 16);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

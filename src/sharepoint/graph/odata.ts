// Builds `$filter` expressions for list items from typed parts, so that no value ever reaches a query unescaped.
// OData string literals: single quotes, a quote inside doubled (OData ABNF `SQUOTE-in-string`).
// http://docs.oasis-open.org/odata/odata/v4.01/os/abnf/odata-abnf-construction-rules.txt

const BUILDER = Symbol('odata.ts');

/** A filter made only by this module (the constructor wants a symbol nobody else holds): no concatenated strings. */
export class ODataFilter {
  constructor(
    readonly text: string,
    builder: symbol,
  ) {
    if (builder !== BUILDER) throw new Error('Build filters with the functions of odata.ts.');
    Object.freeze(this);
  }

  toString(): string {
    return this.text;
  }
}

const make = (text: string) => new ODataFilter(text, BUILDER);

export class ODataValueError extends Error {}

/** C0 and C1 controls and DEL: no column value needs them, and they are how log and parser tricks start. */
export function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `O'Brien` → `'O''Brien'`; refuses control characters and lone surrogates. */
export function odataString(value: string): string {
  if (typeof value !== 'string') throw new ODataValueError('An OData string literal needs a string.');
  if (hasControlCharacter(value)) throw new ODataValueError('A filter value may not contain control characters.');
  if (LONE_SURROGATE.test(value)) throw new ODataValueError('A filter value may not contain lone surrogates.');
  return `'${value.replaceAll("'", "''")}'`;
}

export type FilterValue = string | number | boolean | Date | null;

/** SharePoint internal column names: letters, digits and `_` (spaces and others are `_x0020_`-encoded). */
const COLUMN = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

function fieldPath(column: string): string {
  if (typeof column !== 'string' || !COLUMN.test(column)) throw new ODataValueError(`'${String(column).slice(0, 40)}' is not a column's internal name.`);
  return `fields/${column}`;
}

/** A literal for any value a column holds: text quoted, numbers finite and plain, dates as UTC ISO strings. */
export function odataLiteral(value: FilterValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return odataString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    // Exponent forms (1e21) and NaN/Infinity are not OData integers or decimals that SharePoint takes.
    if (!Number.isFinite(value) || Math.abs(value) >= 1e21) throw new ODataValueError('A number in a filter must be finite and written without an exponent.');
    const text = String(value);
    if (/e/i.test(text)) throw new ODataValueError('A number in a filter must be written without an exponent.');
    return text;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ODataValueError('Invalid date in a filter.');
    // SharePoint keeps date-times at whole seconds in UTC; a quoted ISO string is what it compares with.
    return odataString(value.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  }
  throw new ODataValueError(`Unsupported filter value of type ${typeof value}.`);
}

type Comparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

function compare(op: Comparison, column: string, value: FilterValue): ODataFilter {
  if (value === null && op !== 'eq' && op !== 'ne') throw new ODataValueError(`Only eq and ne compare with null, not ${op}.`);
  if (typeof value === 'boolean' && op !== 'eq' && op !== 'ne') throw new ODataValueError(`Only eq and ne compare booleans, not ${op}.`);
  return make(`${fieldPath(column)} ${op} ${odataLiteral(value)}`);
}

function combine(op: 'and' | 'or', parts: ODataFilter[]): ODataFilter {
  if (parts.length === 0) throw new ODataValueError(`'${op}' needs at least one part.`);
  for (const p of parts) if (!(p instanceof ODataFilter)) throw new ODataValueError(`'${op}' takes filters built with odata.ts.`);
  if (parts.length === 1) return parts[0] as ODataFilter;
  // Every part in parentheses: precedence never depends on how the parts were built.
  return make(parts.map((p) => `(${p.text})`).join(` ${op} `));
}

/** The builder repositories use: `where.and(where.eq('Status', 'Ny'), where.ge('Severity', 3))`. */
export const where = {
  eq: (column: string, value: FilterValue) => compare('eq', column, value),
  ne: (column: string, value: FilterValue) => compare('ne', column, value),
  gt: (column: string, value: FilterValue) => compare('gt', column, value),
  ge: (column: string, value: FilterValue) => compare('ge', column, value),
  lt: (column: string, value: FilterValue) => compare('lt', column, value),
  le: (column: string, value: FilterValue) => compare('le', column, value),
  startsWith: (column: string, prefix: string) => make(`startswith(${fieldPath(column)}, ${odataString(prefix)})`),
  and: (...parts: ODataFilter[]) => combine('and', parts),
  or: (...parts: ODataFilter[]) => combine('or', parts),
  not: (part: ODataFilter) => {
    if (!(part instanceof ODataFilter)) throw new ODataValueError("'not' takes a filter built with odata.ts.");
    // OData binds `not` tighter than `eq`, so the operand is always parenthesised.
    return make(`not (${part.text})`);
  },
  /** `fields/X eq a or fields/X eq b …`; an empty list matches nothing and is refused, so callers decide what that means. */
  in: (column: string, values: readonly FilterValue[]) => combine('or', values.map((v) => compare('eq', column, v))),
};

// Compiles a FilterExpr to a parameterized SQLite WHERE condition over the item store's fields JSON.
import { normalizeDateTime } from './datetime.js';
import { ODataError } from './errors.js';
import { formatOperand, type Compare, type CompareOp, type FilterExpr, type Literal, type Operand, type Property } from './filter-ast.js';

export type FieldType = 'text' | 'number' | 'boolean' | 'dateTime' | 'lookupId';

/** What a property path reads: `sql` is pasted verbatim so SQLite can match it to an expression index. */
export interface ResolvedField {
  sql: string;
  type: FieldType;
}

/** Maps a path such as ['fields', 'Status'] to its SQL; throws ODataError for a field that does not exist. */
export type FieldResolver = (path: string[]) => ResolvedField;

export type SqlParam = string | number | null;

export interface CompiledFilter {
  sql: string;
  params: SqlParam[];
  /** Every property path the filter reads, once each, in order of first use. */
  paths: string[][];
}

const MIRRORED: Record<CompareOp, CompareOp> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };
const SQL_OP: Record<Exclude<CompareOp, 'ne'>, string> = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' };

/**
 * Semantics, chosen to match SharePoint and to keep `not` honest under SQL's three-valued logic:
 * a condition on a field that is empty (null) is false, except `ne`, which matches empty fields
 * (`fields/A ne 'x'` returns items without an A, as SharePoint does). `not` is then the plain
 * complement: the compiled `not` turns SQL's unknown into false before negating.
 * Literal values only ever travel as `?` parameters; only resolver SQL and fixed operators are written into the text.
 */
export function compileFilter(expr: FilterExpr, resolve: FieldResolver): CompiledFilter {
  const params: SqlParam[] = [];
  const paths: string[][] = [];
  const seen = new Set<string>();

  const field = (property: Property): ResolvedField => {
    const resolved = resolve(property.path);
    const key = property.path.join('/');
    if (!seen.has(key)) {
      seen.add(key);
      paths.push([...property.path]);
    }
    return resolved;
  };

  const compile = (node: FilterExpr): string => {
    switch (node.kind) {
      case 'and':
      case 'or': {
        // Flattening a chain keeps the SQL as shallow as the filter reads: a 400-term `and` is one group, not 400 nested ones.
        const parts = flatten(node, node.kind).map(compile);
        return `(${parts.join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
      }
      case 'not':
        return `(NOT COALESCE(${compile(node.expr)}, 0))`;
      case 'call':
        return compileStartsWith(node.args, field, params);
      case 'compare':
        return compileCompare(node, field, params);
    }
  };

  return { sql: compile(expr), params, paths };
}

function flatten(node: FilterExpr, kind: 'and' | 'or'): FilterExpr[] {
  const out: FilterExpr[] = [];
  const stack: FilterExpr[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as FilterExpr;
    if (n.kind === kind) stack.push(n.right, n.left);
    else out.push(n);
  }
  return out;
}

function compileCompare(node: Compare, field: (p: Property) => ResolvedField, params: SqlParam[]): string {
  const { left, right } = node;
  if (left.kind === 'property' && right.kind === 'property') {
    throw new ODataError(
      `Comparing two fields (${formatOperand(left)} ${node.op} ${formatOperand(right)}) is not supported; compare a field with a value.`,
    );
  }
  if (left.kind === 'literal' && right.kind === 'literal') {
    throw new ODataError(`The comparison ${formatOperand(left)} ${node.op} ${formatOperand(right)} has no field; one side must be a field.`);
  }
  // Put the field on the left: `5 lt fields/A` is `fields/A gt 5`.
  const [property, literal, op] =
    left.kind === 'property' ? [left, right as Literal, node.op] : [right as Property, left as Literal, MIRRORED[node.op]];
  const resolved = field(property);
  const name = formatOperand(property);

  if (literal.type === 'null') {
    if (op === 'eq') return `${resolved.sql} IS NULL`;
    if (op === 'ne') return `${resolved.sql} IS NOT NULL`;
    throw new ODataError(`${name} ${op} null is not supported; null can only be compared with eq or ne.`);
  }
  if (resolved.type === 'boolean' && op !== 'eq' && op !== 'ne') {
    throw new ODataError(`${name} is a yes/no field; it can only be compared with eq or ne, not ${op}.`);
  }
  params.push(coerce(resolved.type, literal, name));
  // IS NOT is SQLite's null-safe inequality: true when the field is empty, which is what SharePoint answers for ne.
  if (op === 'ne') return `${resolved.sql} IS NOT ?`;
  return `${resolved.sql} ${SQL_OP[op]} ?`;
}

/** Turns a literal into the value the store holds for that field type, or refuses the pairing. */
function coerce(type: FieldType, literal: Literal, name: string): string | number {
  const mismatch = (wanted: string): never => {
    throw new ODataError(`${name} is a ${describeType(type)} field; compare it with ${wanted}, not ${describeLiteral(literal)}.`);
  };
  const { value } = literal;
  switch (type) {
    case 'text':
      return literal.type === 'string' && typeof value === 'string' ? value : mismatch("a quoted string such as 'text'");
    case 'number':
      return literal.type === 'number' && typeof value === 'number' ? value : mismatch('a number such as 42');
    case 'lookupId':
      if (literal.type === 'number' && typeof value === 'number' && Number.isInteger(value)) return value;
      return mismatch('a whole-number id such as 12');
    case 'boolean':
      // The store keeps JSON true/false, which json_extract reads as 1/0.
      return literal.type === 'boolean' && typeof value === 'boolean' ? (value ? 1 : 0) : mismatch('true or false');
    case 'dateTime':
      if (literal.type === 'datetime' && typeof value === 'string') return value;
      // Graph callers routinely quote dates: fields/Due lt '2024-01-01T00:00:00Z'.
      if (literal.type === 'string' && typeof value === 'string') return normalizeDateTime(value, { requireZone: false });
      return mismatch('a date such as 2024-01-31T12:00:00Z');
  }
}

function compileStartsWith(args: [Operand, Operand], field: (p: Property) => ResolvedField, params: SqlParam[]): string {
  const [subject, prefix] = args;
  if (subject.kind !== 'property') {
    throw new ODataError(`The first argument of startswith must be a field, not ${formatOperand(subject)}.`);
  }
  if (prefix.kind !== 'literal' || prefix.type !== 'string' || typeof prefix.value !== 'string') {
    throw new ODataError(`The second argument of startswith must be a quoted string, not ${formatOperand(prefix)}.`);
  }
  const resolved = field(subject);
  if (resolved.type !== 'text') {
    throw new ODataError(`startswith needs a text field; ${formatOperand(subject)} is a ${describeType(resolved.type)} field.`);
  }
  // substr/length count characters and compare with BINARY collation: case-sensitive, and no LIKE wildcards to escape.
  params.push(prefix.value, prefix.value);
  return `substr(${resolved.sql}, 1, length(?)) = ?`;
}

function describeType(type: FieldType): string {
  return { text: 'text', number: 'number', boolean: 'yes/no', dateTime: 'date/time', lookupId: 'lookup id' }[type];
}

function describeLiteral(literal: Literal): string {
  const kind = { string: 'the string', number: 'the number', boolean: 'the boolean', datetime: 'the date', null: '' }[literal.type];
  return `${kind} ${formatOperand(literal)}`.trim();
}

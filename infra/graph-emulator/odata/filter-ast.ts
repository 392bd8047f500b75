// The syntax tree of a parsed $filter, shared by the parser and the SQL compiler.

export type Literal = {
  kind: 'literal';
  type: 'string' | 'number' | 'boolean' | 'null' | 'datetime';
  value: string | number | boolean | null;
};
/** `fields/Status` is `['fields', 'Status']`; `id` is `['id']`. */
export type Property = { kind: 'property'; path: string[] };
export type Operand = Literal | Property;
export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type Compare = { kind: 'compare'; op: CompareOp; left: Operand; right: Operand };
export type Logical = { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr };
export type Not = { kind: 'not'; expr: FilterExpr };
export type Call = { kind: 'call'; name: 'startswith'; args: [Operand, Operand] };
export type FilterExpr = Compare | Logical | Not | Call;

/**
 * Writes an operand back as OData text, so error messages quote what the client wrote
 * (`fields/Status`, `'Open'`, `2024-01-31T12:00:00Z`) rather than a JSON dump.
 */
export function formatOperand(operand: Operand): string {
  if (operand.kind === 'property') return operand.path.join('/');
  switch (operand.type) {
    case 'string':
      return `'${String(operand.value).replaceAll("'", "''")}'`;
    case 'null':
      return 'null';
    default:
      return String(operand.value);
  }
}

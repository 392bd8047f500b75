// Tests for parseFilter: the tree it builds, OData precedence, and every construct it must refuse loudly.
import { describe, expect, it } from 'vitest';
import { ODataError } from './errors.js';
import type { FilterExpr, Operand } from './filter-ast.js';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, parseFilter } from './filter-parser.js';

const prop = (...path: string[]): Operand => ({ kind: 'property', path });
const str = (value: string): Operand => ({ kind: 'literal', type: 'string', value });
const num = (value: number): Operand => ({ kind: 'literal', type: 'number', value });

/** Renders a tree in fully parenthesized prefix form, so precedence tests are one readable string. */
function show(e: FilterExpr): string {
  const op = (o: Operand) => (o.kind === 'property' ? o.path.join('/') : `${o.type}:${String(o.value)}`);
  switch (e.kind) {
    case 'and':
    case 'or':
      return `(${e.kind} ${show(e.left)} ${show(e.right)})`;
    case 'not':
      return `(not ${show(e.expr)})`;
    case 'call':
      return `${e.name}(${op(e.args[0])},${op(e.args[1])})`;
    case 'compare':
      return `[${op(e.left)} ${e.op} ${op(e.right)}]`;
  }
}

function errorOf(text: string): ODataError {
  try {
    parseFilter(text);
  } catch (e) {
    if (e instanceof ODataError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text.slice(0, 80))} to be rejected`);
}

describe('parseFilter: what it accepts', () => {
  it('builds a comparison with a property path and a literal', () => {
    expect(parseFilter("fields/Status eq 'Open'")).toEqual({ kind: 'compare', op: 'eq', left: prop('fields', 'Status'), right: str('Open') });
    expect(parseFilter('id eq 5')).toEqual({ kind: 'compare', op: 'eq', left: prop('id'), right: num(5) });
  });

  it('knows all six comparison operators, in any case', () => {
    for (const op of ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const) {
      expect(parseFilter(`fields/A ${op.toUpperCase()} 1`)).toMatchObject({ kind: 'compare', op });
      expect(parseFilter(`fields/A ${op[0]?.toUpperCase()}${op[1]} 1`)).toMatchObject({ kind: 'compare', op });
    }
  });

  it('reads every literal type', () => {
    expect(show(parseFilter('fields/A eq -1.5'))).toBe('[fields/A eq number:-1.5]');
    expect(show(parseFilter('fields/A eq true'))).toBe('[fields/A eq boolean:true]');
    expect(show(parseFilter('fields/A eq FALSE'))).toBe('[fields/A eq boolean:false]');
    expect(show(parseFilter('fields/A eq null'))).toBe('[fields/A eq null:null]');
    expect(show(parseFilter('fields/A ne Null'))).toBe('[fields/A ne null:null]');
    expect(show(parseFilter('fields/D lt 2024-01-31T12:00:00.000+01:00'))).toBe('[fields/D lt datetime:2024-01-31T11:00:00Z]');
    expect(show(parseFilter('fields/D ge 2024-01-31'))).toBe('[fields/D ge datetime:2024-01-31T00:00:00Z]');
    expect(show(parseFilter("fields/D ge datetime'2024-01-31T12:00:00Z'"))).toBe('[fields/D ge datetime:2024-01-31T12:00:00Z]');
  });

  it('keeps a literal on the left where it was written', () => {
    expect(parseFilter("'x' eq fields/A")).toEqual({ kind: 'compare', op: 'eq', left: str('x'), right: prop('fields', 'A') });
  });

  it('keeps unicode and SQL-looking text as the string value only', () => {
    expect(parseFilter("fields/Kommune eq 'Bærum og Ørland på Østlandet'")).toMatchObject({ right: str('Bærum og Ørland på Østlandet') });
    expect(parseFilter("fields/A eq '''; DROP TABLE x; --'")).toMatchObject({ right: str("'; DROP TABLE x; --") });
  });

  it('binds not tighter than and, and tighter than or', () => {
    expect(show(parseFilter('a eq 1 or b eq 2 and c eq 3'))).toBe('(or [a eq number:1] (and [b eq number:2] [c eq number:3]))');
    expect(show(parseFilter('a eq 1 and b eq 2 or c eq 3'))).toBe('(or (and [a eq number:1] [b eq number:2]) [c eq number:3])');
    expect(show(parseFilter('not (a eq 1) and b eq 2'))).toBe('(and (not [a eq number:1]) [b eq number:2])');
    expect(show(parseFilter('not (a eq 1) or not (b eq 2) and c eq 3'))).toBe(
      '(or (not [a eq number:1]) (and (not [b eq number:2]) [c eq number:3]))',
    );
  });

  it('associates chains to the left', () => {
    expect(show(parseFilter('a eq 1 and b eq 2 and c eq 3'))).toBe('(and (and [a eq number:1] [b eq number:2]) [c eq number:3])');
    expect(show(parseFilter('a eq 1 OR b eq 2 Or c eq 3'))).toBe('(or (or [a eq number:1] [b eq number:2]) [c eq number:3])');
  });

  it('lets parentheses override precedence', () => {
    expect(show(parseFilter('(a eq 1 or b eq 2) and c eq 3'))).toBe('(and (or [a eq number:1] [b eq number:2]) [c eq number:3])');
    expect(show(parseFilter('((((a eq 1))))'))).toBe('[a eq number:1]');
    expect(show(parseFilter('NOT(a eq 1)'))).toBe('(not [a eq number:1])');
    expect(show(parseFilter('not not (a eq 1)'))).toBe('(not (not [a eq number:1]))');
  });

  it('parses startswith in either spelling, alone, negated or compared with a boolean', () => {
    expect(parseFilter("startswith(fields/Title,'abc')")).toEqual({ kind: 'call', name: 'startswith', args: [prop('fields', 'Title'), str('abc')] });
    expect(show(parseFilter("startsWith( fields/Title , 'Å' )"))).toBe('startswith(fields/Title,string:Å)');
    expect(show(parseFilter("not startswith(fields/T,'a')"))).toBe('(not startswith(fields/T,string:a))');
    expect(show(parseFilter("startswith(fields/T,'a') eq true"))).toBe('startswith(fields/T,string:a)');
    expect(show(parseFilter("startswith(fields/T,'a') eq false"))).toBe('(not startswith(fields/T,string:a))');
    expect(show(parseFilter("startswith(fields/T,'a') ne true"))).toBe('(not startswith(fields/T,string:a))');
    expect(show(parseFilter("startswith(fields/T,'a') NE FALSE and b eq 1"))).toBe('(and startswith(fields/T,string:a) [b eq number:1])');
  });

  it('accepts property names that look like keywords only where a property can stand', () => {
    // `Not` and `True` after a slash are path segments, not keywords.
    expect(show(parseFilter('fields/Not eq fields/True'))).toBe('[fields/Not eq fields/True]');
    expect(show(parseFilter('fields/and_or eq 1'))).toBe('[fields/and_or eq number:1]');
  });

  it('accepts exactly the maximum length and depth', () => {
    const base = 'fields/A eq 1';
    const chain = Array.from({ length: 300 }, () => base).join(' and ').slice(0, MAX_FILTER_LENGTH);
    const text = chain.slice(0, chain.lastIndexOf(' and '));
    expect(text.length).toBeLessThanOrEqual(MAX_FILTER_LENGTH);
    expect(() => parseFilter(text)).not.toThrow();
    const padded = `${base}${' '.repeat(MAX_FILTER_LENGTH - base.length)}`;
    expect(padded.length).toBe(MAX_FILTER_LENGTH);
    expect(() => parseFilter(padded)).not.toThrow();
    const deep = `${'('.repeat(MAX_FILTER_DEPTH)}${base}${')'.repeat(MAX_FILTER_DEPTH)}`;
    expect(show(parseFilter(deep))).toBe('[fields/A eq number:1]');
    const deepNot = `${'not '.repeat(MAX_FILTER_DEPTH - 1)}(${base})`;
    expect(() => parseFilter(deepNot)).not.toThrow();
  });
});

describe('parseFilter: what it refuses', () => {
  it('refuses an empty or blank filter', () => {
    expect(errorOf('').message).toMatch(/The filter is empty/);
    expect(errorOf('   ').message).toMatch(/The filter is empty/);
  });

  it('refuses a filter over the length limit before reading it', () => {
    const err = errorOf(`fields/A eq '${'x'.repeat(MAX_FILTER_LENGTH)}'`);
    expect(err.message).toBe(`The filter is ${MAX_FILTER_LENGTH + 14} characters long; the limit is ${MAX_FILTER_LENGTH}.`);
    expect(errorOf(' '.repeat(MAX_FILTER_LENGTH + 1)).message).toMatch(/limit is 4000/);
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    const tooDeep = `${'('.repeat(MAX_FILTER_DEPTH + 1)}a eq 1${')'.repeat(MAX_FILTER_DEPTH + 1)}`;
    const err = errorOf(tooDeep);
    expect(err.message).toMatch(/nests deeper than 100 levels at position 100/);
    expect(err.position).toBe(MAX_FILTER_DEPTH);
    // As deep as the length limit allows: must still be an ODataError, not a RangeError.
    expect(errorOf('('.repeat(MAX_FILTER_LENGTH)).message).toMatch(/nests deeper/);
    expect(errorOf('not '.repeat(999)).message).toMatch(/nests deeper/);
    expect(errorOf(`${'not ('.repeat(600)}`).message).toMatch(/nests deeper/);
  });

  it('refuses unbalanced parentheses, saying which one', () => {
    const open = errorOf('(a eq 1 and (b eq 2)');
    expect(open.message).toBe("Expected ')' to close the '(' at position 0, but found the end of the filter at position 20.");
    expect(open.position).toBe(20);
    const close = errorOf('a eq 1)');
    expect(close.message).toBe("Unexpected ')' at position 6: there is no '(' for it to close.");
    expect(errorOf('()').message).toMatch(/Expected a property or a value at position 1, but found '\)'/);
    expect(errorOf(')(').message).toMatch(/found '\)'/);
  });

  it('refuses trailing garbage after a complete condition', () => {
    expect(errorOf('a eq 1 b').message).toBe("Unexpected 'b' at position 7: expected 'and', 'or' or the end of the filter.");
    expect(errorOf("a eq 'x' 'y'").message).toMatch(/Unexpected ''y'' at position 9/);
    expect(errorOf('a eq 1 eq 2').message).toMatch(/Unexpected 'eq' at position 7/);
    expect(errorOf('a eq 1 ,').message).toMatch(/Unexpected ','/);
  });

  it('refuses incomplete conditions, naming what was expected', () => {
    expect(errorOf('fields/Status').message).toBe(
      'Expected a comparison operator (eq, ne, gt, ge, lt, le) after fields/Status at position 13, but found the end of the filter.',
    );
    expect(errorOf('fields/Status eqq 1').message).toMatch(/comparison operator .* but found 'eqq'/);
    expect(errorOf('a eq').message).toMatch(/Expected a property or a value at position 4, but found the end of the filter/);
    expect(errorOf('a eq 1 and').message).toMatch(/Expected a property or a value at position 10/);
    expect(errorOf('a eq 1 or or b eq 1').message).toMatch(/found 'or'/);
    expect(errorOf('and a eq 1').message).toMatch(/found 'and'/);
    expect(errorOf('a eq and').message).toMatch(/found 'and'/);
    expect(errorOf('true').message).toMatch(/comparison operator .* after the value/);
  });

  it('refuses not without parentheses, as OData binds it tighter than eq', () => {
    expect(errorOf('not fields/A eq 1').message).toMatch(/Expected '\(' after 'not' at position 0, but found 'fields\/A'; write not \(fields\/A eq 1\)/);
    expect(errorOf('not').message).toMatch(/found the end of the filter/);
  });

  it('refuses functions other than startswith, by name', () => {
    for (const fn of ['contains', 'endswith', 'substringof', 'tolower', 'length', 'year', 'now', 'indexof']) {
      expect(errorOf(`${fn}(fields/A,'x') eq 1`).message).toBe(
        `The function '${fn}' at position 0 is not supported; the only supported function is startswith.`,
      );
    }
    expect(errorOf("fields/A eq tolower('X')").message).toMatch(/function 'tolower' at position 12/);
    expect(errorOf("tolower(fields/A) eq 'x'").message).toMatch(/function 'tolower'/);
    expect(errorOf("fields/A eq startswith(fields/B,'x')").message).toMatch(/is a condition and cannot be used as a value/);
  });

  it('refuses startswith with the wrong arguments or comparison', () => {
    expect(errorOf("startswith(fields/A)").message).toMatch(/Expected ',' after the first argument of startswith .*exactly two arguments/);
    expect(errorOf("startswith(fields/A,'a','b')").message).toMatch(/Expected '\)' after the second argument/);
    expect(errorOf("startswith(fields/A,'a'").message).toMatch(/found the end of the filter/);
    expect(errorOf("startswith(fields/A,'a') eq 1").message).toMatch(/can only be compared with true or false; found '1'/);
    expect(errorOf("startswith(fields/A,'a') gt true").message).toMatch(/Unexpected 'gt'/);
  });

  it('refuses lambdas, in, has and arithmetic by name', () => {
    expect(errorOf("fields/Tags/any(t: t eq 'x')").message).toBe("The lambda operator 'any' at position 0 is not supported in $filter.");
    expect(errorOf('fields/Tags/ALL(t: t eq 1)').message).toMatch(/lambda operator 'all'/);
    expect(errorOf("fields/A in ('a','b')").message).toBe("The 'in' operator at position 9 is not supported in $filter.");
    expect(errorOf('fields/A has 1').message).toMatch(/'has' operator/);
    for (const op of ['add', 'sub', 'mul', 'div', 'divby', 'mod']) {
      expect(errorOf(`fields/A ${op} 1 eq 2`).message).toBe(`The arithmetic operator '${op}' at position 9 is not supported in $filter.`);
    }
  });

  it('refuses SQL smuggled outside string literals', () => {
    expect(() => parseFilter("a eq 1; DROP TABLE x; --")).toThrow(ODataError);
    expect(() => parseFilter("a eq 1 -- comment")).toThrow(ODataError);
    expect(() => parseFilter("a eq 1 or 1=1")).toThrow(ODataError);
    expect(() => parseFilter("a eq 'x' or 'a'='a'")).toThrow(ODataError);
    expect(() => parseFilter('a eq 1 /* x */')).toThrow(ODataError);
  });
});

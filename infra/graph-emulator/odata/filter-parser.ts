// Parses $filter text into the FilterExpr tree: OData's comparison, logical and startswith subset that SharePoint lists answer.
import type { Call, CompareOp, FilterExpr, Literal, Operand } from './filter-ast.js';
import { ODataError } from './errors.js';
import { lex, type Token } from './filter-lexer.js';

/** Longer filters are refused before lexing; SharePoint's own URL limits make real ones far shorter. */
export const MAX_FILTER_LENGTH = 4000;
/** Parentheses and `not` nested deeper than this are refused, so recursion cannot exhaust the stack. */
export const MAX_FILTER_DEPTH = 100;

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const ARITHMETIC_OPS = new Set(['add', 'sub', 'mul', 'div', 'divby', 'mod']);
const OTHER_OPS = new Set(['in', 'has']);
// Words that can never be a property here; naming them in "expected a value" errors beats "unknown field 'and'".
const RESERVED = new Set([...COMPARE_OPS, 'and', 'or', 'not']);
const LAMBDAS = new Set(['any', 'all']);

/**
 * Grammar (keywords case-insensitive), loosest binding first:
 *   or      := and ('or' and)*
 *   and     := unary ('and' unary)*
 *   unary   := 'not' unary | primary
 *   primary := '(' or ')' | startswith '(' operand ',' operand ')' [('eq'|'ne') bool] | operand cmp operand
 * `not` takes a parenthesized group or a function call: in OData `not` binds tighter than `eq`, so
 * `not fields/A eq 1` means `(not fields/A) eq 1`, which Graph rejects; we reject it too, with a hint.
 */
export function parseFilter(text: string): FilterExpr {
  if (text.length > MAX_FILTER_LENGTH) {
    throw new ODataError(`The filter is ${text.length} characters long; the limit is ${MAX_FILTER_LENGTH}.`);
  }
  if (text.trim() === '') throw new ODataError('The filter is empty; expected a condition such as fields/Status eq \'Open\'.', 0);
  return new Parser(lex(text)).parse();
}

class Parser {
  private index = 0;
  private depth = 0;
  /** Tokens read so far; the lexer is only asked for more when the parser looks further ahead. */
  private readonly tokens: Token[] = [];

  constructor(private readonly source: Iterator<Token, void, undefined>) {}

  parse(): FilterExpr {
    const expr = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'eof') {
      const why = next.kind === 'rparen' ? "there is no '(' for it to close" : "expected 'and', 'or' or the end of the filter";
      throw new ODataError(`Unexpected ${describe(next)} at position ${next.position}: ${why}.`, next.position);
    }
    return expr;
  }

  private parseOr(): FilterExpr {
    let left = this.parseAnd();
    while (this.isKeyword(this.peek(), 'or')) {
      this.index++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpr {
    let left = this.parseUnary();
    while (this.isKeyword(this.peek(), 'and')) {
      this.index++;
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterExpr {
    const token = this.peek();
    if (!this.isKeyword(token, 'not')) return this.parsePrimary();
    this.index++;
    const next = this.peek();
    const isCall = next.kind === 'name' && this.peek(1).kind === 'lparen';
    if (next.kind !== 'lparen' && !isCall && !this.isKeyword(next, 'not')) {
      throw new ODataError(
        `Expected '(' after 'not' at position ${token.position}, but found ${describe(next)}; write not (fields/A eq 1).`,
        next.position,
      );
    }
    return this.nested(token, () => ({ kind: 'not', expr: this.parseUnary() }));
  }

  private parsePrimary(): FilterExpr {
    const token = this.peek();
    if (token.kind === 'lparen') {
      this.index++;
      const expr = this.nested(token, () => this.parseOr());
      const close = this.peek();
      if (close.kind !== 'rparen') {
        throw new ODataError(
          `Expected ')' to close the '(' at position ${token.position}, but found ${describe(close)} at position ${close.position}.`,
          close.position,
        );
      }
      this.index++;
      return expr;
    }
    if (token.kind === 'name' && this.peek(1).kind === 'lparen' && !this.isReserved(token)) return this.parseCall(token);
    const left = this.parseOperand();
    const opToken = this.peek();
    const op = this.compareOp(opToken, left);
    this.index++;
    const right = this.parseOperand();
    return { kind: 'compare', op, left, right };
  }

  private parseCall(nameToken: Token & { kind: 'name' }): FilterExpr {
    if (nameToken.segments.length > 1 || nameToken.text.toLowerCase() !== 'startswith') unsupportedCall(nameToken);
    this.index += 2; // name and '('
    const first = this.parseOperand();
    this.expect('comma', `Expected ',' after the first argument of startswith`, 'startswith takes exactly two arguments');
    const second = this.parseOperand();
    this.expect('rparen', `Expected ')' after the second argument of startswith`, 'startswith takes exactly two arguments');
    const call: Call = { kind: 'call', name: 'startswith', args: [first, second] };
    // `startswith(a,'b') eq true` is valid OData and seen in the wild; it folds into the bare call.
    const opToken = this.peek();
    if (opToken.kind === 'name' && (this.isKeyword(opToken, 'eq') || this.isKeyword(opToken, 'ne'))) {
      const value = this.peek(1);
      const truth = value.kind === 'name' && value.segments.length === 1 ? value.text.toLowerCase() : '';
      if (truth !== 'true' && truth !== 'false') {
        throw new ODataError(
          `startswith(...) can only be compared with true or false; found ${describe(value)} at position ${value.position}.`,
          value.position,
        );
      }
      this.index += 2;
      const negate = (truth === 'true') === this.isKeyword(opToken, 'ne');
      return negate ? { kind: 'not', expr: call } : call;
    }
    return call;
  }

  private parseOperand(): Operand {
    const token = this.peek();
    switch (token.kind) {
      case 'string':
        this.index++;
        return literal('string', token.value);
      case 'number':
        this.index++;
        return literal('number', token.value);
      case 'datetime':
        this.index++;
        return literal('datetime', token.value);
      case 'name': {
        if (this.peek(1).kind === 'lparen' && !this.isReserved(token)) {
          if (token.segments.length === 1 && token.text.toLowerCase() === 'startswith') {
            throw new ODataError(`startswith(...) at position ${token.position} is a condition and cannot be used as a value.`, token.position);
          }
          unsupportedCall(token);
        }
        const word = token.segments.length === 1 ? token.text.toLowerCase() : '';
        if (word === 'true' || word === 'false') {
          this.index++;
          return literal('boolean', word === 'true');
        }
        if (word === 'null') {
          this.index++;
          return literal('null', null);
        }
        if (this.isReserved(token)) break;
        this.index++;
        return { kind: 'property', path: token.segments };
      }
      default:
        break;
    }
    throw new ODataError(`Expected a property or a value at position ${token.position}, but found ${describe(token)}.`, token.position);
  }

  private compareOp(token: Token, left: Operand): CompareOp {
    const word = token.kind === 'name' && token.segments.length === 1 ? token.text.toLowerCase() : '';
    if (COMPARE_OPS.has(word)) return word as CompareOp;
    const after = left.kind === 'property' ? left.path.join('/') : 'the value';
    if (ARITHMETIC_OPS.has(word)) {
      throw new ODataError(`The arithmetic operator '${token.text}' at position ${token.position} is not supported in $filter.`, token.position);
    }
    if (OTHER_OPS.has(word)) {
      throw new ODataError(`The '${token.text}' operator at position ${token.position} is not supported in $filter.`, token.position);
    }
    throw new ODataError(
      `Expected a comparison operator (eq, ne, gt, ge, lt, le) after ${after} at position ${token.position}, but found ${describe(token)}.`,
      token.position,
    );
  }

  private nested<T>(opener: Token, body: () => T): T {
    if (++this.depth > MAX_FILTER_DEPTH) {
      throw new ODataError(`The filter nests deeper than ${MAX_FILTER_DEPTH} levels at position ${opener.position}.`, opener.position);
    }
    const result = body();
    this.depth--;
    return result;
  }

  private expect(kind: 'comma' | 'rparen', message: string, hint: string): void {
    const token = this.peek();
    if (token.kind !== kind) {
      throw new ODataError(`${message} at position ${token.position}, but found ${describe(token)} (${hint}).`, token.position);
    }
    this.index++;
  }

  private peek(ahead = 0): Token {
    const wanted = this.index + ahead;
    while (this.tokens.length <= wanted) {
      const next = this.source.next();
      // The lexer ends with eof; past it, eof repeats.
      if (next.done) break;
      this.tokens.push(next.value);
    }
    const token = this.tokens[Math.min(wanted, this.tokens.length - 1)];
    if (!token) throw new Error('the lexer produced no tokens');
    return token;
  }

  private isKeyword(token: Token, word: string): boolean {
    return token.kind === 'name' && token.segments.length === 1 && token.text.toLowerCase() === word;
  }

  private isReserved(token: Token): boolean {
    return token.kind === 'name' && token.segments.length === 1 && RESERVED.has(token.text.toLowerCase());
  }
}

/** Anything called like a function that is not startswith: tolower(...), contains(...), fields/Tags/any(...). */
function unsupportedCall(token: Token & { kind: 'name' }): never {
  const last = token.segments[token.segments.length - 1]?.toLowerCase() ?? '';
  if (token.segments.length > 1 && LAMBDAS.has(last)) {
    throw new ODataError(`The lambda operator '${last}' at position ${token.position} is not supported in $filter.`, token.position);
  }
  throw new ODataError(
    `The function '${token.text}' at position ${token.position} is not supported; the only supported function is startswith.`,
    token.position,
  );
}

function literal(type: Literal['type'], value: Literal['value']): Literal {
  return { kind: 'literal', type, value };
}

function describe(token: Token): string {
  return token.kind === 'eof' ? 'the end of the filter' : `'${token.text}'`;
}

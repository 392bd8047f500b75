// Splits $filter text into tokens (names, literals, punctuation), each with the position the parser quotes in errors.
import { normalizeDateTime } from './datetime.js';
import { ODataError } from './errors.js';

interface At {
  /** The source text of the token, quoted in error messages. */
  text: string;
  /** 0-based offset of the token's first character. */
  position: number;
}

/**
 * A `name` is a property path or a keyword: the lexer cannot tell `eq` from a column called `eq`,
 * so it hands both over as names and the parser decides by where they stand.
 */
export type Token =
  | (At & { kind: 'name'; segments: string[] })
  | (At & { kind: 'string'; value: string })
  | (At & { kind: 'number'; value: number })
  | (At & { kind: 'datetime'; value: string })
  | (At & { kind: 'lparen' | 'rparen' | 'comma' | 'eof' });

const WHITESPACE = new Set([' ', '\t', '\r', '\n']);
const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
// Deliberately loose: anything that starts like a date is taken whole, so normalizeDateTime can say
// what is wrong with it ("month 13") instead of the parser tripping over the pieces.
const DATE_LEXEME = /\d+-\d+-\d+(?:T[\d:.]*(?:Z|[+-][\d:]*)?)?/y;
const NUMBER_LEXEME = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** All tokens at once, ending with eof; convenient for tests and small inputs. */
export function tokenize(input: string): Token[] {
  return Array.from(lex(input));
}

/**
 * Tokens one at a time, ending with eof. The parser pulls them lazily so that the first problem in
 * reading order is the one reported: in `fields/Tags/any(t: ...)` that is the lambda, not the ':'.
 */
export function* lex(input: string): Generator<Token, void, undefined> {
  let i = 0;

  const charAt = (at: number): string => {
    const code = input.codePointAt(at);
    return code === undefined ? '' : String.fromCodePoint(code);
  };
  const isNameStart = (at: number) => NAME_START.test(input[at] ?? '');
  const isNamePart = (at: number) => NAME_PART.test(input[at] ?? '');

  /** Refuses `12abc`, `2024-01-31t12` and the like: a literal must end where a name could not go on. */
  const mustEndLiteral = (start: number, end: number) => {
    if (isNamePart(end) || input[end] === '.' || input[end] === "'") {
      throw new ODataError(
        `Unexpected character '${charAt(end)}' at position ${end}, directly after the literal '${input.slice(start, end)}'.`,
        end,
      );
    }
  };

  /** Reads a quoted string starting at the quote; `''` stands for one quote. Returns value and end. */
  const readString = (start: number): { value: string; end: number } => {
    let value = '';
    let at = start + 1;
    for (;;) {
      const close = input.indexOf("'", at);
      if (close < 0) throw new ODataError(`The string starting at position ${start} has no closing quote.`, start);
      value += input.slice(at, close);
      if (input[close + 1] === "'") {
        value += "'";
        at = close + 2;
      } else {
        return { value, end: close + 1 };
      }
    }
  };

  while (i < input.length) {
    const c = input[i] ?? '';
    const start = i;
    if (WHITESPACE.has(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      yield { kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, position: start };
      i++;
    } else if (c === "'") {
      const { value, end } = readString(start);
      yield { kind: 'string', value, text: input.slice(start, end), position: start };
      i = end;
    } else if (/\d/.test(c) || (c === '-' && /\d/.test(input[i + 1] ?? ''))) {
      DATE_LEXEME.lastIndex = start;
      const date = /\d/.test(c) ? DATE_LEXEME.exec(input) : null;
      if (date) {
        const text = date[0];
        i = start + text.length;
        mustEndLiteral(start, i);
        yield { kind: 'datetime', value: normalizeDateTime(text, { requireZone: true, position: start }), text, position: start };
        continue;
      }
      NUMBER_LEXEME.lastIndex = start;
      const text = NUMBER_LEXEME.exec(input)?.[0] ?? c;
      i = start + text.length;
      mustEndLiteral(start, i);
      const value = Number(text);
      const integral = /^-?\d+$/.test(text);
      if (!Number.isFinite(value) || (integral && !Number.isSafeInteger(value))) {
        throw new ODataError(`The number ${text} at position ${start} is too large to compare exactly.`, start);
      }
      yield { kind: 'number', value, text, position: start };
    } else if (isNameStart(i)) {
      const segments: string[] = [];
      for (;;) {
        const segStart = i;
        while (isNamePart(i)) i++;
        segments.push(input.slice(segStart, i));
        if (input[i] !== '/') break;
        if (!isNameStart(i + 1)) {
          throw new ODataError(`Expected a property name after '/' at position ${i}, but found ${describeChar(input, i + 1)}.`, i + 1);
        }
        i++;
      }
      const text = input.slice(start, i);
      if (input[i] === "'") {
        // A name glued to a quote is a typed literal: datetime'...' (OData v3) is the only one SharePoint clients send.
        if (segments.length !== 1 || text.toLowerCase() !== 'datetime') {
          throw new ODataError(`The typed literal ${text}'...' at position ${start} is not supported; only datetime'...' is.`, start);
        }
        const { value, end } = readString(i);
        const normalized = normalizeDateTime(value, { requireZone: false, position: start });
        i = end;
        mustEndLiteral(start, i);
        yield { kind: 'datetime', value: normalized, text: input.slice(start, end), position: start };
      } else {
        yield { kind: 'name', segments, text, position: start };
      }
    } else if (c === '-') {
      throw new ODataError(`Unexpected '-' at position ${start}: negation and arithmetic are not supported in $filter.`, start);
    } else if (c === '"') {
      throw new ODataError(`Unexpected '"' at position ${start}: OData strings are written in single quotes, like 'text'.`, start);
    } else {
      throw new ODataError(`Unexpected character '${charAt(i)}' at position ${start}.`, start);
    }
  }
  yield { kind: 'eof', text: '', position: input.length };
}

function describeChar(input: string, at: number): string {
  const code = input.codePointAt(at);
  return code === undefined ? 'the end of the filter' : `'${String.fromCodePoint(code)}'`;
}

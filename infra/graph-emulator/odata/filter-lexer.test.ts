// Tests for tokenize: each token kind, positions, and the characters and literals it must refuse.
import { describe, expect, it } from 'vitest';
import { ODataError } from './errors.js';
import { tokenize, type Token } from './filter-lexer.js';

/** A compact view of the tokens, so expectations read like the filter. */
function kinds(input: string): string[] {
  return tokenize(input).map((t: Token) => {
    switch (t.kind) {
      case 'name':
        return `name:${t.segments.join('|')}`;
      case 'string':
      case 'datetime':
        return `${t.kind}:${t.value}`;
      case 'number':
        return `number:${t.value}`;
      default:
        return t.kind;
    }
  });
}

function errorOf(input: string): ODataError {
  try {
    tokenize(input);
  } catch (e) {
    if (e instanceof ODataError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('tokenize', () => {
  it('splits a comparison into a path, a keyword and a string', () => {
    expect(kinds("fields/Status eq 'Open'")).toEqual(['name:fields|Status', 'name:eq', 'string:Open', 'eof']);
  });

  it('records the 0-based position and source text of every token', () => {
    const tokens = tokenize("(id ge 10)");
    expect(tokens.map((t) => [t.kind, t.position, t.text])).toEqual([
      ['lparen', 0, '('],
      ['name', 1, 'id'],
      ['name', 4, 'ge'],
      ['number', 7, '10'],
      ['rparen', 9, ')'],
      ['eof', 10, ''],
    ]);
  });

  it("reads '' inside a string as one quote and keeps the raw text", () => {
    const [token] = tokenize("'O''Brien'''");
    expect(token).toMatchObject({ kind: 'string', value: "O'Brien'", text: "'O''Brien'''" });
    expect(kinds("''")).toEqual(['string:', 'eof']);
  });

  it('keeps unicode, spaces and SQL text inside strings verbatim', () => {
    expect(kinds("'Bærum, Ørsta og Åfjord'")).toEqual(['string:Bærum, Ørsta og Åfjord', 'eof']);
    expect(kinds("'; DROP TABLE x; --'")).toEqual(['string:; DROP TABLE x; --', 'eof']);
    expect(kinds("'a,b) or (1 eq 1'")).toEqual(['string:a,b) or (1 eq 1', 'eof']);
  });

  it('reads integers, decimals, negatives and exponents', () => {
    expect(kinds('0 42 -7 3.25 -0.5 1e3 2.5E-2')).toEqual([
      'number:0', 'number:42', 'number:-7', 'number:3.25', 'number:-0.5', 'number:1000', 'number:0.025', 'eof',
    ]);
  });

  it('reads bare datetimes and dates, normalized to UTC', () => {
    expect(kinds('2024-01-31T12:00:00Z 2024-01-31T12:00:00.000+01:00 2024-01-31')).toEqual([
      'datetime:2024-01-31T12:00:00Z', 'datetime:2024-01-31T11:00:00Z', 'datetime:2024-01-31T00:00:00Z', 'eof',
    ]);
  });

  it("reads the legacy datetime'...' form, any case, a zone-less time as UTC", () => {
    expect(kinds("datetime'2024-01-31T12:00:00Z' DateTime'2024-01-31T12:00:00'")).toEqual([
      'datetime:2024-01-31T12:00:00Z', 'datetime:2024-01-31T12:00:00Z', 'eof',
    ]);
  });

  it('refuses invalid dates with the position of the literal', () => {
    const err = errorOf('fields/D eq 2024-13-01');
    expect(err.message).toMatch(/month 13/);
    expect(err.position).toBe(12);
    expect(errorOf('30000-01-01').message).toMatch(/year 30000/);
    expect(errorOf("datetime'2024-02-30'").message).toMatch(/day 30/);
    expect(errorOf('2024-01-31T12:00:00').message).toMatch(/time zone/);
  });

  it('refuses typed literals other than datetime', () => {
    expect(errorOf("guid'0f8fad5b-d9cb-469f-a165-70867728950e'").message).toMatch(/typed literal guid'\.\.\.' at position 0 is not supported/);
    expect(errorOf("X'00ff'").message).toMatch(/typed literal/);
  });

  it('refuses a literal glued to a name character', () => {
    expect(errorOf('12L').message).toMatch(/Unexpected character 'L' at position 2/);
    expect(errorOf('1.').message).toMatch(/Unexpected character '\.' at position 1/);
    expect(errorOf('2024-01-31t12:00:00z').message).toMatch(/Unexpected character 't'/);
    expect(errorOf("datetime'2024-01-31'x").message).toMatch(/Unexpected character 'x'/);
  });

  it('refuses numbers it cannot hold exactly', () => {
    expect(errorOf('9007199254740993').message).toMatch(/too large/);
    expect(errorOf('1e999').message).toMatch(/too large/);
    expect(kinds('9007199254740991')).toEqual(['number:9007199254740991', 'eof']);
  });

  it('reports an unterminated string at its opening quote', () => {
    const err = errorOf("fields/A eq 'abc");
    expect(err.message).toBe('The string starting at position 12 has no closing quote.');
    expect(err.position).toBe(12);
    expect(errorOf("'it''s").message).toMatch(/no closing quote/);
  });

  it('refuses broken paths', () => {
    expect(errorOf('fields/').message).toMatch(/Expected a property name after '\/' at position 6, but found the end of the filter/);
    expect(errorOf('fields//A').message).toMatch(/found '\/'/);
    expect(errorOf('fields/1A').message).toMatch(/found '1'/);
    expect(errorOf('/fields').message).toMatch(/Unexpected character '\/' at position 0/);
  });

  it('refuses characters OData does not use here, naming them', () => {
    expect(errorOf('fields/A eq "x"').message).toMatch(/single quotes/);
    expect(errorOf('- fields/A').message).toMatch(/negation and arithmetic are not supported/);
    expect(errorOf('fields/A eq @p').message).toMatch(/Unexpected character '@' at position 12/);
    expect(errorOf('fields/Bæ eq 1').message).toMatch(/Unexpected character 'æ' at position 8/);
    expect(errorOf('a eq 1; DROP TABLE x').message).toMatch(/Unexpected character ';'/);
    expect(errorOf('a eq 😀').message).toMatch(/Unexpected character '😀'/);
  });

  it('treats spaces, tabs and newlines as separators', () => {
    expect(kinds(' \tid\r\neq  1 ')).toEqual(['name:id', 'name:eq', 'number:1', 'eof']);
  });
});

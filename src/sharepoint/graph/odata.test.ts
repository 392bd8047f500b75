// odata.ts: literal escaping, refusal of control characters, and the builder's shapes, injection attempts included.
import { describe, expect, it } from 'vitest';
import { ODataFilter, ODataValueError, odataLiteral, odataString, where } from './odata.js';

describe('odataString', () => {
  it('quotes and doubles single quotes', () => {
    expect(odataString('Ny')).toBe("'Ny'");
    expect(odataString("O'Brien")).toBe("'O''Brien'");
    expect(odataString("''")).toBe("''''''");
    expect(odataString('')).toBe("''");
  });

  it('keeps an injection attempt inside one literal', () => {
    const attack = "x' or fields/Secret eq 'y";
    const literal = odataString(attack);
    expect(literal).toBe("'x'' or fields/Secret eq ''y'");
    // Undoing the quoting gives back exactly the input: the literal never closed early.
    expect(literal.slice(1, -1).replaceAll("''", "'")).toBe(attack);
    expect(/^'(?:[^']|'')*'$/.test(literal)).toBe(true);
  });

  it('passes characters that matter to URLs and OData through as data', () => {
    for (const v of ['a&b=c', '#frag', '50% + 1', 'æøå ÆØÅ', '(x) and (y)', 'emoji 😀', '\\', '"quoted"', '/fields/X']) {
      expect(odataString(v)).toBe(`'${v}'`);
    }
  });

  it('refuses control characters and lone surrogates', () => {
    for (const v of ['a\u0000b', 'line\nbreak', 'tab\t', 'cr\r', 'del\u007f', 'c1\u0085', 'esc\u001b[31m']) {
      expect(() => odataString(v), JSON.stringify(v)).toThrow(ODataValueError);
    }
    expect(() => odataString('\uD800')).toThrow(ODataValueError);
    expect(() => odataString('a\uDC00')).toThrow(ODataValueError);
  });
});

describe('odataLiteral', () => {
  it('writes numbers, booleans, null and dates', () => {
    expect(odataLiteral(3)).toBe('3');
    expect(odataLiteral(-2.5)).toBe('-2.5');
    expect(odataLiteral(true)).toBe('true');
    expect(odataLiteral(null)).toBe('null');
    expect(odataLiteral(new Date('2025-03-01T10:20:30.456Z'))).toBe("'2025-03-01T10:20:30Z'");
  });

  it('refuses numbers SharePoint would not read and invalid dates', () => {
    for (const n of [NaN, Infinity, -Infinity, 1e21, 1e-7]) expect(() => odataLiteral(n), String(n)).toThrow(ODataValueError);
    expect(() => odataLiteral(new Date('nope'))).toThrow(ODataValueError);
    expect(() => odataLiteral({} as never)).toThrow(ODataValueError);
  });
});

describe('where', () => {
  it('builds comparisons on fields/', () => {
    expect(where.eq('Status', 'Ny').text).toBe("fields/Status eq 'Ny'");
    expect(where.ge('Severity', 3).text).toBe('fields/Severity ge 3');
    expect(where.eq('Owner', null).text).toBe('fields/Owner eq null');
    expect(where.startsWith('Title', "Bob's").text).toBe("startswith(fields/Title, 'Bob''s')");
  });

  it('parenthesises every part of and/or/not', () => {
    const f = where.and(where.eq('Status', 'Ny'), where.or(where.ge('Severity', 3), where.eq('Serious', true)));
    expect(f.text).toBe("(fields/Status eq 'Ny') and ((fields/Severity ge 3) or (fields/Serious eq true))");
    expect(where.not(where.eq('Status', 'Lukket')).text).toBe("not (fields/Status eq 'Lukket')");
    expect(where.and(where.eq('A', 1)).text).toBe('fields/A eq 1');
    expect(where.in('Status', ['Ny', 'Mottatt']).text).toBe("(fields/Status eq 'Ny') or (fields/Status eq 'Mottatt')");
  });

  it('refuses column names that are not internal names (injection through the name)', () => {
    for (const name of ['Status eq 1 or fields/X', 'a/b', "x'", '', '1abc', 'Ti tle', 'A)', 'fields/Status']) {
      expect(() => where.eq(name, 1), name).toThrow(ODataValueError);
    }
    expect(where.eq('_x0020_Title', 'a').text).toBe("fields/_x0020_Title eq 'a'");
  });

  it('refuses order comparisons with null or booleans, and empty and/or', () => {
    expect(() => where.gt('A', null)).toThrow(ODataValueError);
    expect(() => where.lt('A', true)).toThrow(ODataValueError);
    expect(() => where.and()).toThrow(ODataValueError);
    expect(() => where.in('A', [])).toThrow(ODataValueError);
  });

  it('accepts only filters it built', () => {
    expect(() => new ODataFilter("fields/A eq 'x' or 1 eq 1", Symbol('odata.ts'))).toThrow();
    const forged = { text: 'true' } as unknown as ODataFilter;
    expect(() => where.and(forged, where.eq('A', 1))).toThrow(ODataValueError);
    expect(() => where.not(forged)).toThrow(ODataValueError);
  });
});

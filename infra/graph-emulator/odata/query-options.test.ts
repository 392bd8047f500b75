// Tests for parseQueryOptions and its $select/$expand readers: aliases, nesting, strictness about unknown options.
import { describe, expect, it } from 'vitest';
import { ODataError } from './errors.js';
import { MAX_EXPAND_DEPTH, parseExpand, parseQueryOptions, parseSelect, parseTop } from './query-options.js';

/** Builds params the way the server does from a raw query string (so '+' is a space, %xx decoded). */
const q = (query: string) => parseQueryOptions(new URLSearchParams(query));

function errorOf(fn: () => unknown): ODataError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ODataError) return e;
    throw e;
  }
  throw new Error('expected an ODataError');
}

describe('parseQueryOptions', () => {
  it('returns nothing for no options', () => {
    expect(q('')).toEqual({});
  });

  it('reads every supported option', () => {
    const options = q(
      "$select=id,webUrl&$expand=fields($select=Title,Status)&$filter=fields/Status eq 'Open'&$orderby=fields/Due desc&$top=50&$skiptoken=abc.def&$count=true",
    );
    expect(options).toEqual({
      select: ['id', 'webUrl'],
      expand: [{ name: 'fields', select: ['Title', 'Status'] }],
      filter: { kind: 'compare', op: 'eq', left: { kind: 'property', path: ['fields', 'Status'] }, right: { kind: 'literal', type: 'string', value: 'Open' } },
      filterText: "fields/Status eq 'Open'",
      orderby: [{ path: ['fields', 'Due'], desc: true }],
      top: 50,
      skiptoken: 'abc.def',
      count: true,
    });
  });

  it('accepts the option names without $, as Graph does', () => {
    expect(q('expand=fields(select=Name,Color)&select=id,name&top=5&count=false&orderby=id&skiptoken=t&filter=id eq 1')).toMatchObject({
      expand: [{ name: 'fields', select: ['Name', 'Color'] }],
      select: ['id', 'name'],
      top: 5,
      count: false,
      orderby: [{ path: ['id'], desc: false }],
      skiptoken: 't',
      filterText: 'id eq 1',
    });
  });

  it('matches option names case-insensitively', () => {
    expect(q('$SELECT=id&$Top=2&$OrderBy=id desc')).toEqual({ select: ['id'], top: 2, orderby: [{ path: ['id'], desc: true }] });
  });

  it('decodes the query string before parsing: + is a space, %27 a quote, æøå survive', () => {
    expect(q("$filter=fields/Kommune+eq+%27B%C3%A6rum%27").filter).toMatchObject({ right: { value: 'Bærum' } });
    expect(q("$filter=fields/D lt 2024-01-31T12:00:00%2B01:00").filter).toMatchObject({ right: { value: '2024-01-31T11:00:00Z' } });
  });

  it('ignores other parameters without $, such as the delta token', () => {
    expect(q('token=abc&foo=bar&format=json')).toEqual({});
  });

  it('refuses unknown $ options, naming them', () => {
    expect(errorOf(() => q('$filtre=id eq 1')).message).toBe(
      "The query option '$filtre' is not supported. Supported options: $select, $expand, $filter, $orderby, $top, $skiptoken, $count.",
    );
    expect(errorOf(() => q('$=1')).message).toMatch(/'\$' is not supported/);
  });

  it('refuses known OData options the emulator lacks, with a pointer to the alternative', () => {
    expect(errorOf(() => q('$search=abc')).message).toBe('$search is not supported on SharePoint list data; use $filter.');
    expect(errorOf(() => q('search=abc')).message).toMatch(/\$search is not supported/);
    expect(errorOf(() => q('$skip=10')).message).toMatch(/\$skip is not supported; page with the @odata\.nextLink/);
    expect(errorOf(() => q('skip=10')).message).toMatch(/\$skip is not supported/);
    expect(errorOf(() => q('$format=json')).message).toMatch(/\$format is not supported/);
    expect(errorOf(() => q('$deltatoken=x')).message).toMatch(/\$deltatoken is not supported/);
  });

  it('refuses an option given twice, also as $ and alias', () => {
    expect(errorOf(() => q('$top=1&$top=2')).message).toBe("The query option '$top' is given more than once ('$top' and '$top').");
    expect(errorOf(() => q('$select=id&select=name')).message).toMatch(/'\$select' is given more than once \('\$select' and 'select'\)/);
  });

  it('refuses empty values', () => {
    for (const option of ['$select', '$expand', '$filter', '$orderby', '$top', '$skiptoken', '$count', 'select']) {
      expect(errorOf(() => q(`${option}=`)).message, option).toBe(`The query option '${option}' has no value.`);
    }
    expect(errorOf(() => q('$filter=+++')).message).toMatch(/has no value/);
  });

  it('wants $top to be a positive integer', () => {
    expect(q('$top=1').top).toBe(1);
    expect(q('$top=999').top).toBe(999);
    for (const bad of ['0', '-1', '1.5', '1e3', 'ten', '0x10', '99999999999999999999', '5;DROP']) {
      expect(errorOf(() => q(`$top=${encodeURIComponent(bad)}`)).message, bad).toBe(`The query option '$top' must be a positive integer, not '${bad}'.`);
    }
    expect(errorOf(() => q('top=%205')).message).toMatch(/not ' 5'/);
  });

  it('wants $count to be true or false', () => {
    expect(q('$count=TRUE').count).toBe(true);
    expect(errorOf(() => q('$count=1')).message).toBe("The query option '$count' must be true or false, not '1'.");
  });

  it('prefixes $filter errors with the option and keeps the position', () => {
    const err = errorOf(() => q('$filter=fields/A eq'));
    expect(err.message).toBe('Invalid $filter: Expected a property or a value at position 11, but found the end of the filter.');
    expect(err.position).toBe(11);
    expect(errorOf(() => q("filter=contains(fields/A,'x')")).message).toMatch(/^Invalid filter: The function 'contains'/);
  });

  it('passes $orderby errors through', () => {
    expect(errorOf(() => q('$orderby=fields/A,fields/A')).message).toMatch(/lists 'fields\/A' twice/);
  });

  it('keeps a hostile filter string as data only', () => {
    const options = q(`$filter=${encodeURIComponent("fields/T eq '''; DROP TABLE items; --'")}`);
    expect(options.filter).toMatchObject({ right: { type: 'string', value: "'; DROP TABLE items; --" } });
  });
});

describe('parseSelect', () => {
  it('splits on commas and trims spaces', () => {
    expect(parseSelect('id, name ,displayName')).toEqual(['id', 'name', 'displayName']);
    expect(parseSelect('*')).toEqual(['*']);
  });

  it('refuses empty names, paths and stray characters, with the position', () => {
    expect(errorOf(() => parseSelect('id,,name')).message).toBe("Invalid $select at position 3: expected a property name, but found ','.");
    expect(errorOf(() => parseSelect('id,')).message).toBe('Invalid $select at position 3: expected a property name, but found the end.');
    expect(errorOf(() => parseSelect('fields/Title')).message).toBe("Invalid $select at position 6: unexpected '/': expected ',' or the end.");
    expect(errorOf(() => parseSelect('id)')).message).toMatch(/unexpected '\)': there is no '\(' for it to close/);
    expect(errorOf(() => parseSelect('navn,by_æ')).message).toMatch(/position 8: unexpected 'æ'/);
    expect(errorOf(() => parseSelect('id;name')).message).toMatch(/unexpected ';'/);
    expect(errorOf(() => parseSelect('id name')).message).toMatch(/unexpected 'n'/);
  });
});

describe('parseExpand', () => {
  it('reads bare names and lists of them', () => {
    expect(parseExpand('fields')).toEqual([{ name: 'fields' }]);
    expect(parseExpand('columns, contentTypes')).toEqual([{ name: 'columns' }, { name: 'contentTypes' }]);
  });

  it('reads nested options with or without $, separated by ;', () => {
    expect(parseExpand('fields($select=Title,Status)')).toEqual([{ name: 'fields', select: ['Title', 'Status'] }]);
    expect(parseExpand('columns(select=name,description)')).toEqual([{ name: 'columns', select: ['name', 'description'] }]);
    expect(parseExpand('items(expand=fields(select=Name))')).toEqual([{ name: 'items', expand: [{ name: 'fields', select: ['Name'] }] }]);
    expect(parseExpand('items($select=id;$expand=fields($select=A,B),driveItem;$top=5),columns')).toEqual([
      { name: 'items', select: ['id'], expand: [{ name: 'fields', select: ['A', 'B'] }, { name: 'driveItem' }], top: 5 },
      { name: 'columns' },
    ]);
    expect(parseExpand(' fields ( $SELECT = Title ) ')).toEqual([{ name: 'fields', select: ['Title'] }]);
  });

  it(`nests up to ${MAX_EXPAND_DEPTH} levels and no deeper`, () => {
    const nest = (n: number): string => (n === 0 ? 'x' : `x($expand=${nest(n - 1)})`);
    expect(() => parseExpand(nest(MAX_EXPAND_DEPTH))).not.toThrow();
    expect(errorOf(() => parseExpand(nest(MAX_EXPAND_DEPTH + 1))).message).toMatch(/nest deeper than 4 levels/);
    // Far deeper than any stack: refused at the limit, not by overflowing.
    expect(errorOf(() => parseExpand(nest(5000))).message).toMatch(/nest deeper/);
  });

  it('refuses options it does not implement inside $expand', () => {
    expect(errorOf(() => parseExpand("fields($filter=Title eq 'x')")).message).toBe(
      "Invalid $expand at position 7: the option '$filter' is not supported inside $expand; use $select, $expand or $top.",
    );
    expect(errorOf(() => parseExpand('items(orderby=id)')).message).toMatch(/'orderby' is not supported inside \$expand/);
    expect(errorOf(() => parseExpand('items($levels=2)')).message).toMatch(/'\$levels' is not supported inside/);
    expect(errorOf(() => parseExpand('items($bogus=2)')).message).toMatch(/unknown option '\$bogus'/);
  });

  it('refuses malformed nesting, saying where', () => {
    expect(errorOf(() => parseExpand('fields($select=Title')).message).toBe(
      "Invalid $expand at position 20: expected ';' or ')' to close the '(' at position 6, but found the end.",
    );
    expect(errorOf(() => parseExpand('fields()')).message).toMatch(/position 7: expected a query option such as \$select, but found '\)'/);
    expect(errorOf(() => parseExpand('fields($select)')).message).toMatch(/expected '=' after '\$select', but found '\)'/);
    expect(errorOf(() => parseExpand('fields($select=)')).message).toMatch(/expected a property name, but found '\)'/);
    expect(errorOf(() => parseExpand('fields($select=A;)')).message).toMatch(/expected a query option/);
    expect(errorOf(() => parseExpand('fields($select=A))')).message).toMatch(/unexpected '\)': there is no '\('/);
    expect(errorOf(() => parseExpand('fields($select=A)x')).message).toMatch(/unexpected 'x'/);
    expect(errorOf(() => parseExpand(',fields')).message).toMatch(/position 0: expected a navigation property name/);
    expect(errorOf(() => parseExpand('fields($select=A;$select=B)')).message).toMatch(/'\$select' is given twice for 'fields'/);
    expect(errorOf(() => parseExpand('fields,Fields')).message).toMatch(/'Fields' is expanded twice/);
    expect(errorOf(() => parseExpand('items($top=0)')).message).toBe("Invalid $expand at position 11: $top must be a positive integer, not '0'.");
    expect(errorOf(() => parseExpand("fields($select=Title');DROP TABLE x")).message).toBe(
      "Invalid $expand at position 20: expected ';' or ')' to close the '(' at position 6, but found '''.",
    );
  });
});

describe('parseTop', () => {
  it('names the option it was given', () => {
    expect(parseTop('7')).toBe(7);
    expect(errorOf(() => parseTop('x', 'top')).message).toBe("The query option 'top' must be a positive integer, not 'x'.");
  });
});

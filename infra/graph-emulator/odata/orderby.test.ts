// Tests for parseOrderBy: directions, spacing, limits, and malformed terms.
import { describe, expect, it } from 'vitest';
import { ODataError } from './errors.js';
import { MAX_ORDER_TERMS, parseOrderBy } from './orderby.js';

function errorOf(text: string): ODataError {
  try {
    parseOrderBy(text);
  } catch (e) {
    if (e instanceof ODataError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseOrderBy', () => {
  it('reads paths with an optional direction, ascending by default', () => {
    expect(parseOrderBy('fields/Due desc, fields/ID')).toEqual([
      { path: ['fields', 'Due'], desc: true },
      { path: ['fields', 'ID'], desc: false },
    ]);
    expect(parseOrderBy('id')).toEqual([{ path: ['id'], desc: false }]);
    expect(parseOrderBy('fields/A asc')).toEqual([{ path: ['fields', 'A'], desc: false }]);
  });

  it('reads directions in any case and tolerates spaces and tabs', () => {
    expect(parseOrderBy('  fields/A DESC ,fields/B\tAsc,fields/C   Desc ').map((t) => t.desc)).toEqual([true, false, true]);
  });

  it(`accepts ${MAX_ORDER_TERMS} terms and refuses one more`, () => {
    const names = Array.from({ length: MAX_ORDER_TERMS + 1 }, (_, i) => `fields/F${i}`);
    expect(parseOrderBy(names.slice(0, MAX_ORDER_TERMS).join(','))).toHaveLength(MAX_ORDER_TERMS);
    expect(errorOf(names.join(',')).message).toBe(`The $orderby has more than ${MAX_ORDER_TERMS} terms; the limit is ${MAX_ORDER_TERMS}.`);
  });

  it('refuses the same property twice, whatever the case or direction', () => {
    expect(errorOf('fields/A, fields/A desc').message).toBe("The $orderby lists 'fields/A' twice (also as 'fields/A'); each property may appear once.");
    const err = errorOf('fields/Title,fields/title');
    expect(err.message).toMatch(/'fields\/title' twice \(also as 'fields\/Title'\)/);
    expect(err.position).toBe(13);
  });

  it('refuses empty input and empty terms, with the position', () => {
    expect(errorOf('').message).toMatch(/empty/);
    expect(errorOf('  ').message).toMatch(/empty/);
    const middle = errorOf('fields/A,,fields/B');
    expect(middle.message).toBe("Expected a property in $orderby at position 9, but found ','.");
    expect(errorOf('fields/A,').message).toBe('Expected a property in $orderby at position 9, but found the end.');
    expect(errorOf(',fields/A').position).toBe(0);
  });

  it('refuses anything but a path and a direction', () => {
    for (const bad of ['fields/A descending', 'fields/A desc asc', 'fields/', '/fields/A', 'fields//A', 'fields/1A', 'fields/Bø',
      "fields/A; DROP TABLE x", 'tolower(fields/A)', "fields/A desc --", 'fields/A nulls first', "'fields/A'"]) {
      expect(errorOf(bad).message, bad).toMatch(/is not a valid \$orderby term; expected a property path optionally followed by asc or desc/);
    }
    expect(errorOf('fields/A, fields/B sideways').position).toBe(10);
  });
});

// The docs-example shape comparer: names and JSON types recursively, truncated examples, arrays of mixed elements.
import { describe, expect, it } from 'vitest';
import { compareShape, parseLenient } from './shape.js';

const loose = { exact: false };
const exact = { exact: true };

describe('compareShape', () => {
  it('ignores values and compares JSON types', () => {
    expect(compareShape({ id: '5', size: 35, file: {} }, { id: '912', size: 128, file: { mimeType: 'x' } }, loose)).toEqual([]);
    expect(compareShape({ size: 35 }, { size: '35' }, loose)).toEqual(['$.size: example has number, emulator has string']);
  });

  it('a truncated example checks only the properties shown; a complete one also reports extras but not annotations', () => {
    expect(compareShape({ id: 'a' }, { id: 'b', name: 'n' }, loose)).toEqual([]);
    expect(compareShape({ id: 'a' }, { id: 'b', name: 'n', '@odata.context': 'c' }, exact)).toEqual(['$.name: not in the example (emulator has string)']);
    expect(compareShape({ id: 'a', name: 'x' }, { id: 'b' }, loose)).toEqual(['$.name: missing (example has string)']);
  });

  it('every example array element needs a counterpart of its shape', () => {
    const example = { value: [{ name: 'f', file: {} }, { name: 'd', folder: { childCount: 1 } }] };
    expect(compareShape(example, { value: [{ name: 'd', folder: { childCount: 2 } }, { name: 'x', file: {} }] }, loose)).toEqual([]);
    const diffs = compareShape(example, { value: [{ name: 'x', file: {} }] }, loose);
    expect(diffs[0]).toBe("$.value: no element matches the example's element 1; the closest differ by:");
    expect(compareShape(example, { value: [] }, loose)).toEqual(['$.value: example shows 2 element(s), emulator returned an empty array']);
  });

  it('a complete example with an empty array wants an empty array', () => {
    expect(compareShape({ value: [] }, { value: [] }, exact)).toEqual([]);
    expect(compareShape({ value: [] }, { value: [{ id: '1' }] }, exact)).toEqual(['$.value: example shows an empty array, emulator has 1 element(s)']);
  });

  it('null in the example accepts any type but the property must be there', () => {
    expect(compareShape({ body: null }, { body: { a: 1 } }, loose)).toEqual([]);
    expect(compareShape({ body: null }, {}, loose)).toEqual(['$.body: missing (example has null)']);
  });

  it('app-only identity sets may lack user.id; optional properties may be missing or extra', () => {
    const example = { createdBy: { user: { id: 'u', displayName: 'Ryan' } } };
    const appOnly = { createdBy: { user: { displayName: 'SharePoint App' }, application: { id: 'a', displayName: 'Varde' } } };
    expect(compareShape(example, appOnly, { exact: false, appOnly: true })).toEqual([]);
    expect(compareShape(example, appOnly, loose)).toEqual(['$.createdBy.user.id: missing (example has string)']);
    expect(compareShape({ uploadUrl: 'u' }, { uploadUrl: 'u', nextExpectedRanges: ['0-'] }, { exact: true, optional: ['nextExpectedRanges'] })).toEqual([]);
  });

  it('client-request-id in innerError is not an extra', () => {
    const example = { error: { code: 'c', message: 'm', innerError: { date: 'd', 'request-id': 'r' } } };
    const actual = { error: { code: 'c', message: 'm', innerError: { date: 'd', 'request-id': 'r', 'client-request-id': 'r' } } };
    expect(compareShape(example, actual, exact)).toEqual([]);
  });
});

describe('parseLenient', () => {
  it('reads docs JSON with trailing commas', () => {
    expect(parseLenient('{ "a": { "b": 1, }, "c": [1, 2,], }')).toEqual({ a: { b: 1 }, c: [1, 2] });
    expect(parseLenient('{ nope')).toBeUndefined();
  });
});

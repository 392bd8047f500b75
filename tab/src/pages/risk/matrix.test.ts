// The heat map puts every item in the right cell, now and after measures, and drills down to exactly those items.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  MATRIX_COLUMNS,
  MATRIX_ROWS,
  cellAt,
  cellKey,
  colourOf,
  countAt,
  countPositions,
  countsByColour,
  countsFromCells,
  indexOf,
  itemsInCell,
  markers,
  movement,
  parseCellKey,
  toggleChoice,
  positionColour,
  totalOf,
} from './matrix';

const at = (likelihood: number, consequence: number) => ({ likelihood, consequence });
const items = [
  { id: 'a', current: at(4, 5), residual: at(2, 3) },
  { id: 'b', current: at(4, 5), residual: at(4, 5) },
  { id: 'c', current: at(1, 1), residual: null },
  { id: 'd', current: at(2, 3), residual: at(3, 4) },
];

describe('the risk matrix', () => {
  it('is laid out as the strategy draws it: likelihood left to right, consequence svært høy at the top', () => {
    expect(MATRIX_COLUMNS).toEqual([1, 2, 3, 4, 5]);
    expect(MATRIX_ROWS).toEqual([5, 4, 3, 2, 1]);
    expect(cellAt(0, 0)).toEqual({ likelihood: 1, consequence: 5 });
    expect(cellAt(4, 4)).toEqual({ likelihood: 5, consequence: 1 });
    expect(cellAt(5, 0)).toBeNull();
    for (let r = 0; r < 5; r++) for (let c = 0; c < 5; c++) expect(indexOf(cellAt(r, c)!)).toEqual({ rowIndex: r, colIndex: c });
  });

  it('colours cells by score with the domain defaults: green to 4, yellow to 10, red above', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ yellowAbove: 4, redAbove: 10 });
    expect(colourOf(4)).toBe('green');
    expect(colourOf(5)).toBe('yellow');
    expect(colourOf(10)).toBe('yellow');
    expect(colourOf(12)).toBe('red');
    expect(colourOf(12, { yellowAbove: 4, redAbove: 12 })).toBe('yellow');
    expect(positionColour(at(4, 5))).toBe('red');
    expect(positionColour(null)).toBeNull();
    expect(positionColour(at(0, 5))).toBeNull();
  });

  it('counts each item in its cell, leaving out what is not assessed or off the scale', () => {
    const now = countPositions(items.map((i) => i.current));
    expect(countAt(now, at(4, 5))).toBe(2);
    expect(countAt(now, at(1, 1))).toBe(1);
    expect(totalOf(now)).toBe(4);
    const after = countPositions([...items.map((i) => i.residual), at(6, 1), at(2.5, 2)]);
    expect(totalOf(after)).toBe(3);
    expect(countAt(after, at(4, 5))).toBe(1);
    expect(countAt(after, at(2, 3))).toBe(1);
  });

  it('reads the server’s sparse cells, ignoring zeros and cells off the matrix', () => {
    const counts = countsFromCells([{ ...at(5, 5), count: 3 }, { ...at(1, 2), count: 0 }, { ...at(0, 2), count: 9 }]);
    expect(countAt(counts, at(5, 5))).toBe(3);
    expect(totalOf(counts)).toBe(3);
  });

  it('sums the colour bands', () => {
    expect(countsByColour(countPositions(items.map((i) => i.current)))).toEqual({ red: 2, yellow: 1, green: 1 });
  });

  it('drills down to the items of one cell, now or after measures', () => {
    expect(itemsInCell(items, 'current', at(4, 5)).map((i) => i.id)).toEqual(['a', 'b']);
    expect(itemsInCell(items, 'residual', at(4, 5)).map((i) => i.id)).toEqual(['b']);
    expect(itemsInCell(items, 'residual', at(1, 1))).toEqual([]);
  });

  it('marks items X<n> where they are now and Y<n> where they will be, as the strategy does', () => {
    expect(markers(items, 'current', at(4, 5))).toEqual(['X1', 'X2']);
    expect(markers(items, 'residual', at(2, 3))).toEqual(['Y1']);
    expect(markers(items, 'residual', at(3, 4))).toEqual(['Y4']);
  });

  it('says which way an item moves with its measures', () => {
    expect(items.map(movement)).toEqual(['lower', 'same', 'notAssessed', 'higher']);
  });

  it('has cell keys for the URL that round-trip', () => {
    expect(cellKey(at(4, 5))).toBe('l4c5');
    expect(parseCellKey('l4c5')).toEqual({ likelihood: 4, consequence: 5 });
    expect(parseCellKey('l6c1')).toBeNull();
    expect(parseCellKey(null)).toBeNull();
  });
});

describe('choosing a cell', () => {
  const cell = { likelihood: 4, consequence: 5 } as const;
  it('chooses a cell, and lets it go when it is chosen again on the same matrix', () => {
    const chosen = toggleChoice(null, cell, 'now');
    expect(chosen).toEqual({ cell, side: 'now' });
    expect(toggleChoice(chosen, cell, 'now')).toBeNull();
  });
  it('moves to the same cell on the other matrix, or to another cell', () => {
    const chosen = toggleChoice(null, cell, 'now');
    expect(toggleChoice(chosen, cell, 'after')).toEqual({ cell, side: 'after' });
    expect(toggleChoice(chosen, { likelihood: 4, consequence: 4 }, 'now')).toEqual({ cell: { likelihood: 4, consequence: 4 }, side: 'now' });
  });
});

// The 5×5 risk matrix (heat map) as the strategy document draws it (seed 001): likelihood along the bottom (svært lav
// to svært høy, left to right), consequence up the side (svært høy at the top); where items are now (X) and where they
// will be after the measures (Y). Pure: cell mapping, counts, colours and drill-down, tested without a browser.

export type Level = 1 | 2 | 3 | 4 | 5;
export const LEVELS: readonly Level[] = [1, 2, 3, 4, 5];

export type Colour = 'green' | 'yellow' | 'red';

export interface Thresholds {
  /** Scores above this are at least yellow. */
  yellowAbove: number;
  /** Scores above this are red. */
  redAbove: number;
}

/** The domain's defaults (src/domain/risk.ts): red above 10 (Asker's "risiko > 10"), yellow above 4. */
export const DEFAULT_THRESHOLDS: Thresholds = { yellowAbove: 4, redAbove: 10 };

export interface Position {
  likelihood: number;
  consequence: number;
}

export function isLevel(value: unknown): value is Level {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

export function score(p: Position): number {
  return p.likelihood * p.consequence;
}

export function colourOf(scoreValue: number, t: Thresholds = DEFAULT_THRESHOLDS): Colour {
  if (scoreValue > t.redAbove) return 'red';
  if (scoreValue > t.yellowAbove) return 'yellow';
  return 'green';
}

export function positionColour(p: Position | null | undefined, t: Thresholds = DEFAULT_THRESHOLDS): Colour | null {
  return p && isLevel(p.likelihood) && isLevel(p.consequence) ? colourOf(score(p), t) : null;
}

/** Table rows top to bottom: consequence svært høy (5) … svært lav (1). */
export const MATRIX_ROWS: readonly Level[] = [5, 4, 3, 2, 1];
/** Table columns left to right: likelihood svært lav (1) … svært høy (5). */
export const MATRIX_COLUMNS: readonly Level[] = [1, 2, 3, 4, 5];

export interface Cell {
  likelihood: Level;
  consequence: Level;
}

/** The cell chosen on one of a page's matrices (now, or after measures), for its drill-down. */
export interface CellChoice<S extends string = string> {
  cell: Cell;
  side: S;
}

/** Choosing a cell chooses it; choosing the chosen cell again lets it go. */
export function toggleChoice<S extends string>(current: CellChoice<S> | null, cell: Cell, side: S): CellChoice<S> | null {
  const same = current !== null && current.side === side && current.cell.likelihood === cell.likelihood && current.cell.consequence === cell.consequence;
  return same ? null : { cell, side };
}

/** A stable key for a cell: 'l4c5' (likelihood 4, consequence 5). */
export function cellKey(c: Position): string {
  return `l${c.likelihood}c${c.consequence}`;
}

export function parseCellKey(key: string | null | undefined): Cell | null {
  const m = /^l([1-5])c([1-5])$/.exec(key ?? '');
  return m ? { likelihood: Number(m[1]) as Level, consequence: Number(m[2]) as Level } : null;
}

/** The table's cell at a row and column index (row 0 is consequence 5, column 0 likelihood 1). */
export function cellAt(rowIndex: number, colIndex: number): Cell | null {
  const consequence = MATRIX_ROWS[rowIndex];
  const likelihood = MATRIX_COLUMNS[colIndex];
  return consequence && likelihood ? { likelihood, consequence } : null;
}

/** Where a cell sits in the table: the inverse of cellAt. */
export function indexOf(c: Cell): { rowIndex: number; colIndex: number } {
  return { rowIndex: MATRIX_ROWS.indexOf(c.consequence), colIndex: MATRIX_COLUMNS.indexOf(c.likelihood) };
}

/** Counts per cell, [likelihood − 1][consequence − 1]. */
export type CellCounts = number[][];

export function emptyCounts(): CellCounts {
  return LEVELS.map(() => LEVELS.map(() => 0));
}

export function countAt(counts: CellCounts, c: Position): number {
  return counts[c.likelihood - 1]?.[c.consequence - 1] ?? 0;
}

/** Counts the positions that are on the matrix; a missing position (residual not assessed yet) is not counted. */
export function countPositions(positions: Iterable<Position | null | undefined>): CellCounts {
  const counts = emptyCounts();
  for (const p of positions) {
    if (!p || !isLevel(p.likelihood) || !isLevel(p.consequence)) continue;
    counts[p.likelihood - 1]![p.consequence - 1]! += 1;
  }
  return counts;
}

/** Counts from the server's sparse list of non-empty cells. */
export function countsFromCells(cells: Iterable<Position & { count: number }>): CellCounts {
  const counts = emptyCounts();
  for (const c of cells) if (isLevel(c.likelihood) && isLevel(c.consequence) && c.count > 0) counts[c.likelihood - 1]![c.consequence - 1]! += c.count;
  return counts;
}

export function totalOf(counts: CellCounts): number {
  return counts.reduce((a, row) => a + row.reduce((b, n) => b + n, 0), 0);
}

/** How many items are in each colour band. */
export function countsByColour(counts: CellCounts, t: Thresholds = DEFAULT_THRESHOLDS): Record<Colour, number> {
  const out: Record<Colour, number> = { green: 0, yellow: 0, red: 0 };
  for (const l of LEVELS) for (const c of LEVELS) out[colourOf(l * c, t)] += countAt(counts, { likelihood: l, consequence: c });
  return out;
}

export type Which = 'current' | 'residual';

export interface Placed {
  current: Position | null;
  residual: Position | null;
}

/** The items in one cell of one matrix (the drill-down), in their given order. */
export function itemsInCell<T extends Placed>(items: readonly T[], which: Which, cell: Position): T[] {
  return items.filter((i) => {
    const p = i[which];
    return p !== null && p.likelihood === cell.likelihood && p.consequence === cell.consequence;
  });
}

/**
 * The strategy's short markers: the n-th item is X<n> where it is now and Y<n> where it will be (numbered in the given
 * order, from 1), so one item can be followed from one matrix to the other.
 */
export function markers<T extends Placed>(items: readonly T[], which: Which, cell: Position): string[] {
  const letter = which === 'current' ? 'X' : 'Y';
  const out: string[] = [];
  items.forEach((i, index) => {
    const p = i[which];
    if (p && p.likelihood === cell.likelihood && p.consequence === cell.consequence) out.push(`${letter}${index + 1}`);
  });
  return out;
}

export type Movement = 'lower' | 'same' | 'higher' | 'notAssessed';

/** Where an item moves with its measures: to a lower or higher score, nowhere, or not assessed yet. */
export function movement(item: Placed): Movement {
  if (!item.current || !item.residual) return 'notAssessed';
  const from = score(item.current);
  const to = score(item.residual);
  return to < from ? 'lower' : to > from ? 'higher' : 'same';
}

// The keyboard model of the ROS grid, as spreadsheet people expect it (pure, so tested without a browser).
//
// Moving: arrow keys; Home/End to the row's first or last cell, Ctrl+Home/End to the grid's first or last; Page Up/Down
// ten rows; Tab and Shift+Tab to the next or previous cell, on to the next row at the end of one, and out of the grid
// after its last cell (and before its first), so the grid is never a keyboard trap.
// Editing: Enter or F2 opens the cell's editor; typing a character opens it with that character; on a level cell the
// digits 1–5 set the level at once; Space toggles a yes/no cell; Delete or Backspace clears a cell that may be empty.
// In the editor: Enter saves and goes down a row (Shift+Enter or Alt+Enter is a new line in a long text), Tab saves
// and goes on, Escape leaves the editor without saving.

export interface GridPos {
  row: number;
  col: number;
}

export interface GridShape {
  rows: number;
  cols: number;
}

/** What a cell holds decides what the keys do to it. */
/** 'panel': the cell opens a panel beside the grid (a row's measures) instead of an editor in the cell. */
export type CellKind = 'text' | 'longText' | 'level' | 'yesNo' | 'choices' | 'date' | 'person' | 'panel' | 'readOnly';

export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export type GridCommand =
  | { type: 'move'; to: GridPos }
  /** Open the cell's editor; `initial` replaces the value (a character typed in the grid). */
  | { type: 'edit'; initial?: string }
  /** Set the cell's value straight away (a digit on a level cell). */
  | { type: 'set'; value: number }
  | { type: 'toggle' }
  | { type: 'clear' }
  /** Let the browser move focus out of the grid (Tab after the last cell, Shift+Tab before the first). */
  | { type: 'leave' }
  | { type: 'none' };

export type EditCommand =
  /** Save the editor's value, then go to `then` (null: stay on the cell, or leave the grid when `leave`). */
  | { type: 'commit'; then: GridPos | null; leave?: boolean }
  | { type: 'cancel' }
  /** The key belongs to the editor (moving the caret, a new line, ticking a box). */
  | { type: 'none' };

export const PAGE_ROWS = 10;

const clamp = (n: number, min: number, max: number) => Math.max(min, Math.min(max, n));

export function clampPos(pos: GridPos, shape: GridShape): GridPos {
  return { row: clamp(pos.row, 0, Math.max(0, shape.rows - 1)), col: clamp(pos.col, 0, Math.max(0, shape.cols - 1)) };
}

/** The next cell in reading order (or the previous one), null past either end. */
export function stepCell(pos: GridPos, shape: GridShape, backwards: boolean): GridPos | null {
  const index = pos.row * shape.cols + pos.col + (backwards ? -1 : 1);
  if (index < 0 || index >= shape.rows * shape.cols) return null;
  return { row: Math.floor(index / shape.cols), col: index % shape.cols };
}

function isPrintable(k: KeyPress): boolean {
  return k.key.length === 1 && !k.ctrlKey && !k.metaKey && !k.altKey;
}

/** A key pressed on a cell while the grid is moving, not editing. */
export function navigateKey(pos: GridPos, shape: GridShape, k: KeyPress, kind: CellKind): GridCommand {
  if (shape.rows === 0 || shape.cols === 0) return k.key === 'Tab' ? { type: 'leave' } : { type: 'none' };
  const ctrl = k.ctrlKey === true || k.metaKey === true;
  const move = (to: GridPos): GridCommand => {
    const next = clampPos(to, shape);
    return next.row === pos.row && next.col === pos.col ? { type: 'none' } : { type: 'move', to: next };
  };
  switch (k.key) {
    case 'ArrowUp':
      return move({ row: ctrl ? 0 : pos.row - 1, col: pos.col });
    case 'ArrowDown':
      return move({ row: ctrl ? shape.rows - 1 : pos.row + 1, col: pos.col });
    case 'ArrowLeft':
      return move({ row: pos.row, col: ctrl ? 0 : pos.col - 1 });
    case 'ArrowRight':
      return move({ row: pos.row, col: ctrl ? shape.cols - 1 : pos.col + 1 });
    case 'Home':
      return move(ctrl ? { row: 0, col: 0 } : { row: pos.row, col: 0 });
    case 'End':
      return move(ctrl ? { row: shape.rows - 1, col: shape.cols - 1 } : { row: pos.row, col: shape.cols - 1 });
    case 'PageUp':
      return move({ row: pos.row - PAGE_ROWS, col: pos.col });
    case 'PageDown':
      return move({ row: pos.row + PAGE_ROWS, col: pos.col });
    case 'Tab': {
      const next = stepCell(pos, shape, k.shiftKey === true);
      return next ? { type: 'move', to: next } : { type: 'leave' };
    }
    case 'Enter':
    case 'F2':
      return kind === 'readOnly' ? { type: 'none' } : { type: 'edit' };
    case 'Delete':
    case 'Backspace':
      return kind === 'readOnly' || kind === 'panel' ? { type: 'none' } : { type: 'clear' };
    case ' ':
      if (kind === 'yesNo') return { type: 'toggle' };
      if (kind === 'choices' || kind === 'person' || kind === 'date' || kind === 'level' || kind === 'panel') return { type: 'edit' };
      break;
  }
  if (!isPrintable(k) || kind === 'readOnly') return { type: 'none' };
  if (kind === 'level') return /^[1-5]$/.test(k.key) ? { type: 'set', value: Number(k.key) } : { type: 'none' };
  if (kind === 'yesNo') {
    const key = k.key.toLowerCase();
    // j/y for ja/yes, n for nei/no.
    if (key === 'j' || key === 'y') return { type: 'set', value: 1 };
    if (key === 'n') return { type: 'set', value: 0 };
    return { type: 'none' };
  }
  if (kind === 'text' || kind === 'longText' || kind === 'person') return { type: 'edit', initial: k.key };
  return { type: 'none' };
}

/** A key pressed inside a cell's editor. */
export function editKey(pos: GridPos, shape: GridShape, k: KeyPress, kind: CellKind): EditCommand {
  switch (k.key) {
    case 'Escape':
      return { type: 'cancel' };
    case 'Enter': {
      if (kind === 'longText' && (k.shiftKey || k.altKey)) return { type: 'none' };
      // A person picker's Enter picks the highlighted name first; the picker commits itself after that.
      if (kind === 'person') return { type: 'none' };
      const below = pos.row + 1 < shape.rows ? { row: pos.row + 1, col: pos.col } : null;
      return { type: 'commit', then: below };
    }
    case 'Tab': {
      const next = stepCell(pos, shape, k.shiftKey === true);
      return next ? { type: 'commit', then: next } : { type: 'commit', then: null, leave: true };
    }
    default:
      return { type: 'none' };
  }
}

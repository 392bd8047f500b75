// The ROS grid answers the keyboard as a spreadsheet does, and never traps focus.
import { describe, expect, it } from 'vitest';
import { clampPos, editKey, navigateKey, stepCell, type CellKind, type KeyPress } from './grid-keys';

const shape = { rows: 3, cols: 4 };
const nav = (row: number, col: number, k: KeyPress | string, kind: CellKind = 'text') => navigateKey({ row, col }, shape, typeof k === 'string' ? { key: k } : k, kind);
const edit = (row: number, col: number, k: KeyPress | string, kind: CellKind = 'text') => editKey({ row, col }, shape, typeof k === 'string' ? { key: k } : k, kind);

describe('moving in the grid', () => {
  it('moves one cell with the arrow keys and stops at the edges', () => {
    expect(nav(1, 1, 'ArrowUp')).toEqual({ type: 'move', to: { row: 0, col: 1 } });
    expect(nav(1, 1, 'ArrowDown')).toEqual({ type: 'move', to: { row: 2, col: 1 } });
    expect(nav(1, 1, 'ArrowLeft')).toEqual({ type: 'move', to: { row: 1, col: 0 } });
    expect(nav(1, 1, 'ArrowRight')).toEqual({ type: 'move', to: { row: 1, col: 2 } });
    expect(nav(0, 0, 'ArrowUp')).toEqual({ type: 'none' });
    expect(nav(0, 0, 'ArrowLeft')).toEqual({ type: 'none' });
    expect(nav(2, 3, 'ArrowDown')).toEqual({ type: 'none' });
    expect(nav(2, 3, 'ArrowRight')).toEqual({ type: 'none' });
  });

  it('jumps to the row ends with Home/End and to the grid ends with Ctrl', () => {
    expect(nav(1, 2, 'Home')).toEqual({ type: 'move', to: { row: 1, col: 0 } });
    expect(nav(1, 2, 'End')).toEqual({ type: 'move', to: { row: 1, col: 3 } });
    expect(nav(1, 2, { key: 'Home', ctrlKey: true })).toEqual({ type: 'move', to: { row: 0, col: 0 } });
    expect(nav(1, 2, { key: 'End', ctrlKey: true })).toEqual({ type: 'move', to: { row: 2, col: 3 } });
    expect(nav(1, 2, { key: 'ArrowDown', metaKey: true })).toEqual({ type: 'move', to: { row: 2, col: 2 } });
    expect(nav(1, 2, 'PageDown')).toEqual({ type: 'move', to: { row: 2, col: 2 } });
    expect(nav(1, 2, 'PageUp')).toEqual({ type: 'move', to: { row: 0, col: 2 } });
  });

  it('goes on with Tab to the next cell and the next row, and back with Shift+Tab', () => {
    expect(nav(0, 1, 'Tab')).toEqual({ type: 'move', to: { row: 0, col: 2 } });
    expect(nav(0, 3, 'Tab')).toEqual({ type: 'move', to: { row: 1, col: 0 } });
    expect(nav(1, 0, { key: 'Tab', shiftKey: true })).toEqual({ type: 'move', to: { row: 0, col: 3 } });
  });

  it('lets Tab leave the grid after the last cell and Shift+Tab before the first (no keyboard trap)', () => {
    expect(nav(2, 3, 'Tab')).toEqual({ type: 'leave' });
    expect(nav(0, 0, { key: 'Tab', shiftKey: true })).toEqual({ type: 'leave' });
    expect(navigateKey({ row: 0, col: 0 }, { rows: 0, cols: 4 }, { key: 'Tab' }, 'text')).toEqual({ type: 'leave' });
    expect(navigateKey({ row: 0, col: 0 }, { rows: 0, cols: 4 }, { key: 'ArrowDown' }, 'text')).toEqual({ type: 'none' });
  });

  it('keeps positions inside the grid when rows go away', () => {
    expect(clampPos({ row: 7, col: 9 }, shape)).toEqual({ row: 2, col: 3 });
    expect(clampPos({ row: -1, col: -1 }, shape)).toEqual({ row: 0, col: 0 });
    expect(clampPos({ row: 3, col: 1 }, { rows: 0, cols: 4 })).toEqual({ row: 0, col: 1 });
    expect(stepCell({ row: 2, col: 3 }, shape, false)).toBeNull();
    expect(stepCell({ row: 0, col: 0 }, shape, true)).toBeNull();
  });
});

describe('editing from the grid', () => {
  it('opens the editor with Enter or F2, never on a read-only cell', () => {
    expect(nav(0, 0, 'Enter')).toEqual({ type: 'edit' });
    expect(nav(0, 0, 'F2', 'longText')).toEqual({ type: 'edit' });
    expect(nav(0, 0, 'Enter', 'readOnly')).toEqual({ type: 'none' });
    expect(nav(0, 0, 'x', 'readOnly')).toEqual({ type: 'none' });
    expect(nav(0, 0, 'Delete', 'readOnly')).toEqual({ type: 'none' });
  });

  it('starts typing into a text cell with the character typed', () => {
    expect(nav(0, 0, 'H')).toEqual({ type: 'edit', initial: 'H' });
    expect(nav(0, 0, 'ø', 'longText')).toEqual({ type: 'edit', initial: 'ø' });
    expect(nav(0, 0, { key: 'c', ctrlKey: true })).toEqual({ type: 'none' });
    expect(nav(0, 0, 'Shift')).toEqual({ type: 'none' });
  });

  it('sets a level at once with the digits 1–5 and ignores other digits', () => {
    expect(nav(0, 0, '4', 'level')).toEqual({ type: 'set', value: 4 });
    expect(nav(0, 0, '1', 'level')).toEqual({ type: 'set', value: 1 });
    expect(nav(0, 0, '6', 'level')).toEqual({ type: 'none' });
    expect(nav(0, 0, '0', 'level')).toEqual({ type: 'none' });
    expect(nav(0, 0, 'a', 'level')).toEqual({ type: 'none' });
    expect(nav(0, 0, ' ', 'level')).toEqual({ type: 'edit' });
  });

  it('toggles a yes/no cell with Space, and sets it with J/Y or N', () => {
    expect(nav(0, 0, ' ', 'yesNo')).toEqual({ type: 'toggle' });
    expect(nav(0, 0, 'j', 'yesNo')).toEqual({ type: 'set', value: 1 });
    expect(nav(0, 0, 'Y', 'yesNo')).toEqual({ type: 'set', value: 1 });
    expect(nav(0, 0, 'n', 'yesNo')).toEqual({ type: 'set', value: 0 });
    expect(nav(0, 0, 'x', 'yesNo')).toEqual({ type: 'none' });
  });

  it('clears with Delete or Backspace', () => {
    expect(nav(0, 0, 'Delete', 'level')).toEqual({ type: 'clear' });
    expect(nav(0, 0, 'Backspace')).toEqual({ type: 'clear' });
  });

  it('opens choice, date and person editors with Space', () => {
    expect(nav(0, 0, ' ', 'choices')).toEqual({ type: 'edit' });
    expect(nav(0, 0, ' ', 'date')).toEqual({ type: 'edit' });
    expect(nav(0, 0, 'K', 'person')).toEqual({ type: 'edit', initial: 'K' });
  });
});

describe('in the editor', () => {
  it('saves with Enter and goes down a row (stays on the last row)', () => {
    expect(edit(0, 2, 'Enter')).toEqual({ type: 'commit', then: { row: 1, col: 2 } });
    expect(edit(2, 2, 'Enter')).toEqual({ type: 'commit', then: null });
  });

  it('keeps Shift+Enter and Alt+Enter as a new line in a long text', () => {
    expect(edit(0, 0, { key: 'Enter', shiftKey: true }, 'longText')).toEqual({ type: 'none' });
    expect(edit(0, 0, { key: 'Enter', altKey: true }, 'longText')).toEqual({ type: 'none' });
    expect(edit(0, 0, 'Enter', 'longText')).toEqual({ type: 'commit', then: { row: 1, col: 0 } });
  });

  it('saves with Tab and goes on, leaving the grid after the last cell', () => {
    expect(edit(0, 3, 'Tab')).toEqual({ type: 'commit', then: { row: 1, col: 0 } });
    expect(edit(1, 0, { key: 'Tab', shiftKey: true })).toEqual({ type: 'commit', then: { row: 0, col: 3 } });
    expect(edit(2, 3, 'Tab')).toEqual({ type: 'commit', then: null, leave: true });
  });

  it('cancels with Escape and leaves every other key to the editor', () => {
    expect(edit(1, 1, 'Escape')).toEqual({ type: 'cancel' });
    expect(edit(1, 1, 'ArrowLeft')).toEqual({ type: 'none' });
    expect(edit(1, 1, 'a')).toEqual({ type: 'none' });
    expect(edit(1, 1, 'Enter', 'person')).toEqual({ type: 'none' });
  });
});

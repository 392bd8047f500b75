// Text from people: control characters out, length bounded without breaking characters, markdown escaped.
import { describe, expect, it } from 'vitest';
import { cleanText, escapeMarkdown, oneLine, safeText, truncateText } from './text.js';

describe('cleanText', () => {
  it('removes control and bidi-override characters, keeps newlines, tabs, emoji and æøå', () => {
    expect(cleanText('a\u0000b\u0007c\u202Ed\u2066e\tf\r\ng😀æøå')).toBe('abcde\tf\ng😀æøå');
  });
});

describe('truncateText', () => {
  it('keeps short text', () => {
    expect(truncateText('  Fall på badet  ', 20)).toBe('Fall på badet');
  });

  it('cuts at the limit with an ellipsis', () => {
    expect(truncateText('abcdefghij', 5)).toBe('abcd…');
    expect(Array.from(truncateText('x'.repeat(100_000), 3000))).toHaveLength(3000);
  });

  it('never splits an emoji (a surrogate pair)', () => {
    const cut = truncateText('😀'.repeat(10), 4);
    expect(cut).toBe('😀😀😀…');
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(truncateText('😀'.repeat(5), 5)).toBe('😀'.repeat(5));
  });
});

describe('oneLine and safeText', () => {
  it('collapses whitespace to one line', () => {
    expect(oneLine('Eikeberg\n\nsykehjem\t A', 50)).toBe('Eikeberg sykehjem A');
  });

  it('cleans, then truncates', () => {
    expect(safeText('ab\u0000cdef', 4)).toBe('abc…');
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['_italic_', '\\_italic\\_'],
    ['[link](javascript:alert(1))', '\\[link\\](javascript:alert(1))'],
    ['<script>', '\\<script\\>'],
    ['`code`', '\\`code\\`'],
    ['- item', '\\- item'],
    ['1. first', '1\\. first'],
    ['# heading', '\\# heading'],
    ['a | b', 'a \\| b'],
  ])('%s → %s', (input, escaped) => {
    expect(escapeMarkdown(input)).toBe(escaped);
  });

  it('leaves ordinary names and sentences alone', () => {
    expect(escapeMarkdown('Kari-Anne Nordmann (vikar), 2. etg.')).toBe('Kari-Anne Nordmann (vikar), 2. etg.');
  });

  it('escapes list markers at the start of every line', () => {
    expect(escapeMarkdown('ok\n- two\n  3) three')).toBe('ok\n\\- two\n  3\\) three');
  });
});

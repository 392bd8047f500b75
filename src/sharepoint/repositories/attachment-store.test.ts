// File names as SharePoint will take them: the characters and names it refuses, and its length limits.
import { describe, expect, it } from 'vitest';
import { safeFileName } from './attachment-store.js';

describe('safeFileName', () => {
  it.each([
    ['bilde.jpg', 'bilde.jpg'],
    ['Rom 12: fall?.jpg', 'Rom 12_ fall_.jpg'],
    ['a/b\\c|d"e*f<g>h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['100% #1.txt', '100_ _1.txt'],
    ['  ~$utkast.docx ', '$utkast.docx'],
    ['.skjult', 'skjult'],
    ['slutt. ', 'slutt'],
    ['linje\nskift\t.txt', 'linje_skift_.txt'],
    ['CON.txt', 'fil-CON.txt'],
    ['desktop.ini', 'fil-desktop.ini'],
    ['x_vti_y.pdf', 'xvti_y.pdf'],
    ['', 'vedlegg'],
    ['...', 'vedlegg'],
    ['Søknad – ærlig.pdf', 'Søknad – ærlig.pdf'],
  ])('%j becomes %j', (raw, safe) => {
    expect(safeFileName(raw)).toBe(safe);
  });

  it('a long name is cut to 120 characters, keeping its extension', () => {
    const name = safeFileName(`${'a'.repeat(300)}.jpeg`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('a.jpeg')).toBe(true);
  });

  it('decomposed letters are composed (NFC), as SharePoint stores them', () => {
    expect(safeFileName('A\u030Arsrapport.pdf')).toBe('\u00C5rsrapport.pdf');
  });
});

// Tests for the text helpers: Norwegian folding, ids, e-mail parts and slot filling.
import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';
import { emailLocalPart, fill, fold, slug } from './text.js';

describe('text', () => {
  it('folds Norwegian letters as addresses do', () => {
    expect(fold('Ærlig Ødegård Åsheim')).toBe('aerlig odegard asheim');
    expect(slug('Træleborg sykehjem')).toBe('traeleborg-sykehjem');
    expect(slug('1.–4. trinn')).toBe('1-4-trinn');
  });

  it('makes e-mail local parts from double names', () => {
    expect(emailLocalPart('Per Olav', 'Sæbø')).toBe('per.olav.saebo');
    expect(emailLocalPart('Anne-Lise', 'Berg Hansen')).toBe('anne-lise.berg.hansen');
  });

  it('fills slots and leaves unknown ones', () => {
    const text = fill(createRandom(1), 'Rom {room} kl. {time}, {n} ansatte, {unknown}');
    expect(text).toMatch(/^Rom \d{3} kl\. \d{2}\.\d{2}, \d ansatte, \{unknown\}$/);
    expect(fill(createRandom(1), 'Ingen plasser')).toBe('Ingen plasser');
  });
});

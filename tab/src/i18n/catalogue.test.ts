// The three catalogues agree with each other and label every domain value.
import { describe, expect, it } from 'vitest';
import { CATALOGUES, translator } from './catalogue';
import { LABELS } from './labels';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('use the same placeholders in every language', () => {
    for (const [key, text] of Object.entries(CATALOGUES.nb)) {
      for (const locale of ['nn', 'en'] as const) {
        expect(placeholders(CATALOGUES[locale][key as keyof typeof CATALOGUES.nb]), `${locale} ${key}`).toEqual(placeholders(text));
      }
    }
  });

  it('have no empty texts', () => {
    for (const catalogue of Object.values(CATALOGUES)) for (const text of Object.values(catalogue)) expect(text.trim()).not.toBe('');
  });

  it('translate with the Norwegian number format in every language', () => {
    expect(translator('nb')('inbox.total', { n: 1234 })).toBe('1\u00a0234 saker i alt');
    expect(translator('en')('inbox.total', { n: 1234 })).toBe('1\u00a0234 cases in all');
    expect(translator('nn')('local.banner')).toBe('Lokal innlogging — berre for utvikling');
    expect(translator('nb')('local.banner')).toBe('Lokal innlogging — kun for utvikling');
  });

  it('label every domain value in every language', () => {
    for (const labels of Object.values(LABELS)) {
      expect(Object.values(labels.kind).every((v) => v.length > 0)).toBe(true);
      expect(labels.severity.none.length).toBeGreaterThan(0);
    }
    expect(LABELS.nb.kind.nearMiss).toBe('Nestenuhell');
    expect(LABELS.nn.status.closed).toBe('Lukka');
    expect(LABELS.en.measureSource.riskItem).toBe('Risk assessment');
  });
});

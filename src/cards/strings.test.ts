// The texts: locale fallback, placeholders, complete catalogues, labels for every domain code.
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, CONSEQUENCE_FOR, DEVIATION_KINDS, SEVERITIES, domainError } from '../domain/index.js';
import { en } from './strings-en.js';
import { nb } from './strings-nb.js';
import { nn } from './strings-nn.js';
import { consequenceForLabel, domainErrorText, kindLabel, languageOf, monthNames, severityLabel, statusLabel, t } from './strings.js';

describe('languageOf', () => {
  it.each([
    ['nb-NO', 'nb'],
    ['nb', 'nb'],
    ['no', 'nb'],
    ['no-NO', 'nb'],
    ['nn-NO', 'nn'],
    ['NN', 'nn'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['en_us', 'en'],
    ['sv-SE', 'nb'],
    ['de-DE', 'nb'],
    ['', 'nb'],
    [undefined, 'nb'],
    [null, 'nb'],
  ])('%s reads %s', (locale, language) => {
    expect(languageOf(locale)).toBe(language);
  });
});

describe('t', () => {
  it('fills placeholders', () => {
    expect(t('nb-NO', 'welcome.greeting', { name: 'Kari' })).toBe('Hei, Kari!');
    expect(t('en-US', 'myReports.count', { shown: 10, total: 12 })).toBe('Showing 10 of 12');
  });

  it('falls back to bokmål for an unknown locale', () => {
    expect(t('fr-FR', 'welcome.reportDeviation')).toBe('Meld avvik');
  });

  it('leaves a placeholder without a value visible', () => {
    expect(t('nb', 'welcome.greeting')).toBe('Hei, {name}!');
  });

  it('does not expand placeholders inside the values', () => {
    expect(t('nb', 'welcome.greeting', { name: '{name}' })).toBe('Hei, {name}!');
  });
});

describe('catalogues', () => {
  const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

  it.each([
    ['nn', nn],
    ['en', en],
  ])('%s has exactly the keys of bokmål, with the same placeholders', (_name, catalogue) => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(nb).sort());
    for (const [key, text] of Object.entries(nb)) {
      expect([key, placeholders(catalogue[key as keyof typeof nb])]).toEqual([key, placeholders(text)]);
    }
  });

  it('has no empty text', () => {
    for (const catalogue of [nb, nn, en]) for (const text of Object.values(catalogue)) expect(text.trim()).not.toBe('');
  });

  it('has twelve month names in each language', () => {
    for (const locale of ['nb', 'nn', 'en']) expect(monthNames(locale)).toHaveLength(12);
  });
});

describe('labels for the domain codes', () => {
  it.each(['nb', 'nn', 'en'])('are distinct and complete in %s', (locale) => {
    const sets = [
      DEVIATION_KINDS.map((k) => kindLabel(locale, k)),
      SEVERITIES.map((s) => severityLabel(locale, s)),
      CASE_STATUSES.map((s) => statusLabel(locale, s)),
      CONSEQUENCE_FOR.map((c) => consequenceForLabel(locale, c)),
    ];
    for (const labels of sets) {
      expect(new Set(labels).size).toBe(labels.length);
      for (const label of labels) expect(label).not.toMatch(/^(kind|severity|status|consequenceFor)\./);
    }
  });

  it('reads the statuses in bokmål as the trail shows them', () => {
    expect(CASE_STATUSES.map((s) => statusLabel('nb-NO', s))).toEqual(['Ny', 'Mottatt', 'Under analyse', 'Tiltak besluttet', 'Lukket']);
  });
});

describe('domainErrorText', () => {
  it('translates the report-flow errors', () => {
    expect(domainErrorText('nn-NO', domainError('case.severityMissing'))).toBe('Vel alvorsgrad for avviket eller nestenuhellet.');
    expect(domainErrorText('en', domainError('case.titleTooLong', { max: 255 }))).toBe('The text can be at most 255 characters.');
  });

  it("falls back to the domain's bokmål message", () => {
    const error = domainError('org.cycle', { unitId: 'x' });
    expect(domainErrorText('en', error)).toBe(error.message);
  });
});

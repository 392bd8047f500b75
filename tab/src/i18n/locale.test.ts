// The tab speaks bokmål, nynorsk or English, from the Teams or browser locale.
import { describe, expect, it } from 'vitest';
import { htmlLang, localeOf, pickLocale } from './locale';

describe('choosing the language', () => {
  it('maps Teams and browser tags to bokmål, nynorsk or English', () => {
    expect(localeOf('nb-NO')).toBe('nb');
    expect(localeOf('no')).toBe('nb');
    expect(localeOf('no-NO')).toBe('nb');
    expect(localeOf('nn-NO')).toBe('nn');
    expect(localeOf('NN')).toBe('nn');
    expect(localeOf('en-US')).toBe('en');
    expect(localeOf('en_GB')).toBe('en');
    expect(localeOf('sv-SE')).toBeNull();
    expect(localeOf(undefined)).toBeNull();
  });

  it('takes the first tag it knows and falls back to bokmål', () => {
    expect(pickLocale(['de-DE', 'nn-NO', 'en'])).toBe('nn');
    expect(pickLocale([null, 'en-GB'])).toBe('en');
    expect(pickLocale(['sv-SE', 'da'])).toBe('nb');
    expect(pickLocale([])).toBe('nb');
  });

  it('gives <html lang> a valid tag', () => {
    expect(htmlLang('nb')).toBe('nb');
    expect(htmlLang('nn')).toBe('nn');
    expect(htmlLang('en')).toBe('en');
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_ID_LENGTH, fitId } from './ids.js';

describe('fitId', () => {
  it('keeps an id that fits as it is', () => {
    expect(fitId('committee-mh')).toBe('committee-mh');
    const exact = 'x'.repeat(MAX_ID_LENGTH);
    expect(fitId(exact)).toBe(exact);
  });

  it('gives a long id its start and a stable hash, within the limit and the API’s characters', () => {
    const long = 'committee-dka-servicetorget-og-dokumentsenteret-arkiv-og-dokumentsenter';
    const fitted = fitId(long);
    expect(fitted).toHaveLength(MAX_ID_LENGTH);
    expect(fitted).toMatch(/^[A-Za-z0-9-]{1,64}$/);
    expect(fitted.startsWith('committee-dka-servicetorget-og-dokumentsenteret')).toBe(true);
    expect(fitId(long)).toBe(fitted);
  });

  it('keeps two long ids with the same start apart', () => {
    const a = `${'a'.repeat(70)}-natt`;
    const b = `${'a'.repeat(70)}-dag`;
    expect(fitId(a)).not.toBe(fitId(b));
    expect(fitId(a, 20)).toHaveLength(20);
  });
});

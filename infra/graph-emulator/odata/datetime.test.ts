// Tests for normalizeDateTime: every accepted spelling lands on one UTC form, every impossible date is refused.
import { describe, expect, it } from 'vitest';
import { ODataError } from './errors.js';
import { normalizeDateTime, type DateTimeOptions } from './datetime.js';

const strict = { requireZone: true };
const lenient = { requireZone: false };

function errorOf(text: string, options: DateTimeOptions = strict): ODataError {
  try {
    normalizeDateTime(text, options);
  } catch (e) {
    if (e instanceof ODataError) return e;
    throw e;
  }
  throw new Error(`expected '${text}' to be rejected`);
}

describe('normalizeDateTime', () => {
  it('keeps a UTC instant with seconds as is', () => {
    expect(normalizeDateTime('2024-01-31T12:00:00Z', strict)).toBe('2024-01-31T12:00:00Z');
  });

  it('drops the fraction of a second without rounding', () => {
    expect(normalizeDateTime('2024-01-31T12:00:59.999Z', strict)).toBe('2024-01-31T12:00:59Z');
    expect(normalizeDateTime('2024-01-31T12:00:00.1234567Z', strict)).toBe('2024-01-31T12:00:00Z');
  });

  it('converts offsets to UTC, across day, month and year boundaries', () => {
    expect(normalizeDateTime('2024-01-31T12:00:00.000+01:00', strict)).toBe('2024-01-31T11:00:00Z');
    expect(normalizeDateTime('2024-03-01T00:30:00+02:00', strict)).toBe('2024-02-29T22:30:00Z');
    expect(normalizeDateTime('2023-12-31T23:00:00-05:30', strict)).toBe('2024-01-01T04:30:00Z');
  });

  it('reads a bare date as midnight UTC and minutes without seconds as :00', () => {
    expect(normalizeDateTime('2024-01-31', strict)).toBe('2024-01-31T00:00:00Z');
    expect(normalizeDateTime('2024-01-31T08:15Z', strict)).toBe('2024-01-31T08:15:00Z');
  });

  it('requires a zone on a time only when asked to', () => {
    expect(errorOf('2024-01-31T12:00:00').message).toMatch(/time zone/);
    expect(normalizeDateTime('2024-01-31T12:00:00', lenient)).toBe('2024-01-31T12:00:00Z');
  });

  it('knows leap years', () => {
    expect(normalizeDateTime('2024-02-29', strict)).toBe('2024-02-29T00:00:00Z');
    expect(errorOf('2023-02-29').message).toMatch(/day 29 does not exist in 2023-02/);
    expect(errorOf('1900-02-29').message).toMatch(/day 29/); // 1900 was not a leap year
  });

  it('refuses impossible fields with a message naming the field', () => {
    expect(errorOf('2024-13-01').message).toMatch(/month 13 does not exist/);
    expect(errorOf('2024-00-10').message).toMatch(/month 0 does not exist/);
    expect(errorOf('2024-04-31').message).toMatch(/day 31/);
    expect(errorOf('2024-01-31T24:00:00Z').message).toMatch(/hour 24/);
    expect(errorOf('2024-01-31T12:60:00Z').message).toMatch(/minute 60/);
    expect(errorOf('2024-01-31T12:00:60Z').message).toMatch(/second 60/);
    expect(errorOf('2024-01-31T12:00:00+24:00').message).toMatch(/offset/);
  });

  it('keeps to the years SharePoint supports, before and after the offset', () => {
    expect(errorOf('30000-01-01').message).toMatch(/year 30000 is outside 1900\.\.8900/);
    expect(errorOf('1899-12-31').message).toMatch(/year 1899/);
    expect(errorOf('8901-01-01').message).toMatch(/year 8901/);
    expect(normalizeDateTime('1900-01-01', strict)).toBe('1900-01-01T00:00:00Z');
    expect(normalizeDateTime('8900-12-31T23:59:59Z', strict)).toBe('8900-12-31T23:59:59Z');
    expect(errorOf('1900-01-01T00:00:00+01:00').message).toMatch(/in UTC it falls in year 1899/);
  });

  it('refuses text that is not shaped like a date', () => {
    for (const text of ['', 'tomorrow', '2024-1-31', '2024/01/31', '2024-01-31T12Z', '2024-01-31 12:00:00Z', '2024-01-31T12:00:00z', "2024-01-31'; DROP TABLE x; --"]) {
      expect(errorOf(text).message, text).toMatch(/expected YYYY-MM-DD/);
    }
  });

  it('puts the position in the error when given', () => {
    const err = errorOf('2024-13-01', { requireZone: true, position: 17 });
    expect(err.position).toBe(17);
    expect(err.message).toContain('at position 17');
  });
});

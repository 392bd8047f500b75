// Dates and numbers come out the Norwegian way in Oslo time.
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMonth, formatNumber, interpolate, osloToday } from './format';

describe('Norwegian formats', () => {
  it('writes numbers with a space between thousands and a decimal comma', () => {
    expect(formatNumber(1234)).toBe('1\u00a0234');
    expect(formatNumber(1234567)).toBe('1\u00a0234\u00a0567');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(2.5)).toBe('2,5');
  });

  it('writes calendar dates as dd.mm.yyyy without moving them across time zones', () => {
    expect(formatDate('2026-03-09')).toBe('09.03.2026');
    expect(formatDate('2026-12-31')).toBe('31.12.2026');
  });

  it('shows instants as Oslo dates (an evening in UTC is the next day in Oslo)', () => {
    expect(formatDate('2026-01-31T23:30:00Z')).toBe('01.02.2026');
    expect(formatDate('2026-07-15T22:30:00Z')).toBe('16.07.2026'); // summer time, UTC+2
    expect(formatDateTime('2026-07-15T08:05:00Z')).toBe('15.07.2026 10:05');
  });

  it('gives nothing for no date or a bad one', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate('i går')).toBe('');
    expect(formatDateTime(undefined)).toBe('');
  });

  it('names months in the language', () => {
    expect(formatMonth('2026-03', 'nb')).toMatch(/^mar/);
    expect(formatMonth('2026-03', 'en')).toMatch(/^Mar/);
    expect(formatMonth('2026-03', 'nb')).toContain('2026');
    expect(formatMonth('not a month', 'nb')).toBe('not a month');
  });

  it('knows today in Oslo around midnight', () => {
    expect(osloToday(new Date('2026-05-31T22:30:00Z'))).toBe('2026-06-01');
    expect(osloToday(new Date('2026-01-01T12:00:00Z'))).toBe('2026-01-01');
  });

  it('fills placeholders, formatting numbers, and leaves unknown ones as they are', () => {
    expect(interpolate('{n} saker i alt', { n: 12345 })).toBe('12\u00a0345 saker i alt');
    expect(interpolate('Hei {name} {x}', { name: '<b>Kari</b>' })).toBe('Hei <b>Kari</b> {x}');
  });
});

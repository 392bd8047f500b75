import { describe, expect, it } from 'vitest';
import { toOsloDate } from '../../domain/index.js';
import { dateOfDayNumber, dayNumberOf, firstDayOfMonth, monthLabel, monthNumberOfDay, osloDayNumber } from './oslo-day.js';

const day = (iso: string) => dateOfDayNumber(osloDayNumber(Date.parse(iso)));

describe('osloDayNumber', () => {
  it('gives the Oslo date, not the UTC one, around midnight in winter and summer', () => {
    expect(day('2026-01-14T22:59:59Z')).toBe('2026-01-14'); // 23:59:59 CET
    expect(day('2026-01-14T23:00:00Z')).toBe('2026-01-15'); // 00:00 CET
    expect(day('2026-07-14T21:59:59Z')).toBe('2026-07-14'); // 23:59:59 CEST
    expect(day('2026-07-14T22:00:00Z')).toBe('2026-07-15'); // 00:00 CEST
  });

  it('follows the DST switches (last Sunday of March and October, 01:00 UTC)', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
    expect(day('2026-03-28T22:59:59Z')).toBe('2026-03-28');
    expect(day('2026-03-28T23:00:00Z')).toBe('2026-03-29');
    expect(day('2026-03-29T21:59:59Z')).toBe('2026-03-29');
    expect(day('2026-03-29T22:00:00Z')).toBe('2026-03-30');
    // 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC.
    expect(day('2026-10-24T21:59:59Z')).toBe('2026-10-24');
    expect(day('2026-10-24T22:00:00Z')).toBe('2026-10-25');
    expect(day('2026-10-25T22:59:59Z')).toBe('2026-10-25');
    expect(day('2026-10-25T23:00:00Z')).toBe('2026-10-26');
  });

  it('puts New Year in Oslo in the new year while UTC is still in the old one', () => {
    expect(day('2026-12-31T22:59:59Z')).toBe('2026-12-31');
    expect(day('2026-12-31T23:00:00Z')).toBe('2027-01-01');
  });

  it('agrees with the domain toOsloDate every 37 minutes over two years', () => {
    const mismatches: string[] = [];
    for (let t = Date.parse('2025-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 37 * 60_000) {
      const fast = dateOfDayNumber(osloDayNumber(t));
      const slow = toOsloDate(new Date(t));
      if (fast !== slow) mismatches.push(new Date(t).toISOString());
    }
    expect(mismatches).toEqual([]);
  });
});

describe('months', () => {
  it('numbers months consecutively across the year end', () => {
    const dec = monthNumberOfDay(dayNumberOf('2026-12-31'));
    const jan = monthNumberOfDay(dayNumberOf('2027-01-01'));
    expect(jan - dec).toBe(1);
    expect(monthLabel(dec)).toBe('2026-12');
    expect(monthLabel(jan)).toBe('2027-01');
    expect(dateOfDayNumber(firstDayOfMonth(jan))).toBe('2027-01-01');
    expect(dateOfDayNumber(firstDayOfMonth(dec - 11))).toBe('2026-01-01');
  });

  it('refuses what is not a date', () => {
    expect(dayNumberOf('2026-1-1')).toBeNaN();
  });
});

// Tests for Oslo calendar dates, DST changes (last Sunday of March and October) and ISO weeks.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  daysBetween,
  isCalendarDate,
  isoWeek,
  osloIsoWeek,
  osloOffsetMinutes,
  osloYear,
  parseCalendarDate,
  startOfOsloDay,
  toOsloDate,
} from './oslo-time.js';

const at = (iso: string) => new Date(iso);

describe('toOsloDate', () => {
  it.each([
    // Winter (CET, UTC+1): the Oslo day starts at 23:00 UTC the day before.
    ['2026-01-15T22:59:59Z', '2026-01-15'],
    ['2026-01-15T23:00:00Z', '2026-01-16'],
    // Summer (CEST, UTC+2): the Oslo day starts at 22:00 UTC the day before.
    ['2026-07-01T21:59:59Z', '2026-07-01'],
    ['2026-07-01T22:00:00Z', '2026-07-02'],
    // New Year's Eve: still the old year in UTC, the new one in Oslo.
    ['2025-12-31T23:30:00Z', '2026-01-01'],
  ])('%s is %s in Oslo', (instant, expected) => {
    expect(toOsloDate(at(instant))).toBe(expected);
  });

  it('gives the Oslo year, not the UTC year', () => {
    expect(osloYear(at('2025-12-31T23:30:00Z'))).toBe(2026);
    expect(osloYear(at('2025-12-31T22:59:00Z'))).toBe(2025);
  });
});

describe('DST in Europe/Oslo (2026: 29 March and 25 October)', () => {
  it('switches to summer time at 01:00 UTC on the last Sunday of March', () => {
    expect(osloOffsetMinutes(at('2026-03-29T00:59:59Z'))).toBe(60);
    expect(osloOffsetMinutes(at('2026-03-29T01:00:00Z'))).toBe(120);
  });

  it('switches back to winter time at 01:00 UTC on the last Sunday of October', () => {
    expect(osloOffsetMinutes(at('2026-10-25T00:59:59Z'))).toBe(120);
    expect(osloOffsetMinutes(at('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it.each([
    ['2026-03-29', '2026-03-28T23:00:00.000Z'], // DST day itself starts in winter time
    ['2026-03-30', '2026-03-29T22:00:00.000Z'], // first whole summer day
    ['2026-10-25', '2026-10-24T22:00:00.000Z'], // day of the change back starts in summer time
    ['2026-10-26', '2026-10-25T23:00:00.000Z'],
    ['2026-01-01', '2025-12-31T23:00:00.000Z'],
  ])('%s starts at %s', (date, instant) => {
    expect(startOfOsloDay(date).toISOString()).toBe(instant);
  });

  it('has a 23-hour day in March and a 25-hour day in October', () => {
    const hours = (d: string) => (startOfOsloDay(addDays(d, 1)).getTime() - startOfOsloDay(d).getTime()) / 3_600_000;
    expect(hours('2026-03-29')).toBe(23);
    expect(hours('2026-10-25')).toBe(25);
    expect(hours('2026-06-10')).toBe(24);
  });
});

describe('calendar dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['26-01-01', false],
    ['2026-01-01T00:00', false],
  ])('isCalendarDate(%s) is %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it('parseCalendarDate returns a bokmål error for a bad date', () => {
    const r = parseCalendarDate('2026-02-30');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('date.invalid');
      expect(r.error.message).toContain('gyldig dato');
    }
  });

  it('adds days across month, year and DST boundaries', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-03-28', '2026-03-31')).toBe(3);
    expect(daysBetween('2026-10-26', '2026-10-24')).toBe(-2);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('adds years, turning 29 February into 28 February', () => {
    expect(addYears('2026-05-17', 1)).toBe('2027-05-17');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
  });

  it('refuses to do arithmetic on a malformed date (a programming error)', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2026-01-01', 2026, 1], // Thursday
    ['2025-12-29', 2026, 1], // Monday of the week holding 1 January 2026
    ['2025-12-28', 2025, 52], // Sunday before
    ['2027-01-01', 2026, 53], // Friday: 2026 has 53 weeks
    ['2027-01-04', 2027, 1],
    ['2024-12-30', 2025, 1],
    ['2023-10-02', 2023, 40], // week 40: the yearly ROS process starts (Tønsberg work plan)
    ['2024-03-01', 2024, 9], // week 9: it ends
  ])('%s is week %i-%i', (date, year, week) => {
    expect(isoWeek(date)).toEqual({ year, week });
  });

  it('uses the Oslo date: Sunday 23:30 UTC in winter is Monday in Oslo', () => {
    // 2026-01-04 is a Sunday (week 1); Monday 2026-01-05 starts week 2.
    expect(osloIsoWeek(at('2026-01-04T22:59:00Z'))).toEqual({ year: 2026, week: 1 });
    expect(osloIsoWeek(at('2026-01-04T23:30:00Z'))).toEqual({ year: 2026, week: 2 });
  });
});

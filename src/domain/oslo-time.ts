// Calendar dates and ISO weeks as people in Norway see them (Europe/Oslo), from an instant passed in.
//
// Deadlines, case-number years and ISO weeks follow the wall clock in Oslo, not UTC: a report at
// 00:30 on 1 January Oslo time belongs to the new year although it is still 31 December in UTC.
// The platform's Intl time-zone data does the DST arithmetic (last Sunday of March and October).

import { fail, ok, type Result } from './domain-error.js';

/** A calendar date without time, 'YYYY-MM-DD' (ISO 8601). */
export type CalendarDate = string;

/** An instant as an ISO 8601 string in UTC, e.g. '2026-03-29T01:30:00.000Z' (Date.toISOString()). */
export type Instant = string;

export interface IsoWeek {
  /** The ISO week-numbering year: 2027-01-01 is in week 53 of 2026. */
  readonly year: number;
  readonly week: number;
}

const OSLO = 'Europe/Oslo';

// en-CA with h23 gives stable numeric parts; only the parts are read, never the formatted string.
const osloParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: OSLO,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function osloWallClock(instant: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const p of osloParts.formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function fromYmd(year: number, month: number, day: number): CalendarDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The calendar date in Oslo at the given instant. */
export function toOsloDate(now: Date): CalendarDate {
  const w = osloWallClock(now);
  return fromYmd(w.year, w.month, w.day);
}

/** The calendar year in Oslo at the given instant. */
export function osloYear(now: Date): number {
  return osloWallClock(now).year;
}

/** Minutes Oslo is ahead of UTC at the instant: 60 in winter (CET), 120 in summer (CEST). */
export function osloOffsetMinutes(instant: Date): number {
  const w = osloWallClock(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real date in 'YYYY-MM-DD' form (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function parseCalendarDate(value: string): Result<CalendarDate> {
  return isCalendarDate(value) ? ok(value) : fail('date.invalid', { value });
}

// Calendar arithmetic happens on UTC midnights, where every day has 24 hours. A malformed
// CalendarDate here is a programming error (input is checked at the edge with parseCalendarDate),
// so it throws instead of returning a Result.
function utcMidnight(date: CalendarDate): number {
  const m = DATE_PATTERN.exec(date);
  if (!m || !isCalendarDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

const DAY_MS = 86_400_000;

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const t = new Date(utcMidnight(date) + days * DAY_MS);
  return fromYmd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** The same day and month a number of years later; 29 February becomes 28 February. */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  utcMidnight(date); // same refusal of a malformed date as the other arithmetic
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const candidate = fromYmd(y + years, m, d);
  return isCalendarDate(candidate) ? candidate : fromYmd(y + years, m, d - 1);
}

/** ISO 8601 week of a calendar date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(date: CalendarDate): IsoWeek {
  const t = utcMidnight(date);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(t + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { year, week };
}

/** The ISO week in Oslo at the given instant (Sunday 23:30 UTC in winter is already Monday in Oslo). */
export function osloIsoWeek(now: Date): IsoWeek {
  return isoWeek(toOsloDate(now));
}

/**
 * The instant the given date starts in Oslo (00:00 local). Midnight always exists in Oslo:
 * the DST shifts happen at 02:00/03:00 local time, so one correction of the offset suffices.
 */
export function startOfOsloDay(date: CalendarDate): Date {
  const midnightAsUtc = utcMidnight(date);
  const guess = new Date(midnightAsUtc - osloOffsetMinutes(new Date(midnightAsUtc)) * 60_000);
  return new Date(midnightAsUtc - osloOffsetMinutes(guess) * 60_000);
}

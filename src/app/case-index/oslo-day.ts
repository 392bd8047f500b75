// Oslo calendar days and months as small integers, fast enough to compute for 150,000 cases in a sync round.
//
// The domain's toOsloDate goes through Intl for every call (a few microseconds each). Oslo's offset only changes on
// a whole UTC hour (01:00 UTC, last Sunday of March and October), so the offset is looked up once per UTC hour and
// remembered; the day is then plain arithmetic. Results equal toOsloDate's (oslo-day.test.ts checks across DST).
import { type CalendarDate, osloOffsetMinutes } from '../../domain/index.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MAX_REMEMBERED_HOURS = 100_000; // ≈ 11 years of hours; cleared beyond that

const offsetByHour = new Map<number, number>();

function offsetMinutesAt(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    if (offsetByHour.size >= MAX_REMEMBERED_HOURS) offsetByHour.clear();
    offset = osloOffsetMinutes(new Date(hour * HOUR_MS));
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** Days since 1970-01-01 of the Oslo calendar date at the instant (epoch milliseconds). */
export function osloDayNumber(ms: number): number {
  return Math.floor((ms + offsetMinutesAt(ms) * 60_000) / DAY_MS);
}

/** Days since 1970-01-01 of a calendar date ('YYYY-MM-DD'); NaN if it is not one. */
export function dayNumberOf(date: CalendarDate): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return NaN;
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** The calendar date of a day number. */
export function dateOfDayNumber(day: number): CalendarDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Months since year 0 (year × 12 + month − 1) of a day number: consecutive months differ by one across year ends. */
export function monthNumberOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** 'YYYY-MM' of a month number. */
export function monthLabel(month: number): string {
  const year = Math.floor(month / 12);
  return `${String(year).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/** The first day (day number) of a month number. */
export function firstDayOfMonth(month: number): number {
  return Math.floor(Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY_MS);
}

// Dates and times as people in Norway read them, on the Oslo wall clock: "23. nov. 2026 kl. 14:05".
//
// The instant always comes in; nothing here reads the clock. The Oslo offset comes from the domain
// (Intl with Europe/Oslo); month names come from our catalogue, not from the platform's locale data,
// so the text is the same on every Node build (small-ICU builds lack nb/nn).
import { osloOffsetMinutes, type CalendarDate, type Instant } from '../domain/index.js';
import { monthNames, t } from './strings.js';

const pad2 = (n: number): string => String(n).padStart(2, '0');

interface OsloWallClock {
  readonly date: CalendarDate;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** 'HH:mm', 24-hour. */
  readonly time: string;
}

/** The Oslo wall clock at an instant; null for an unparseable instant. */
export function osloWallClock(instant: Instant | Date): OsloWallClock | null {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(at.getTime())) return null;
  // Shifting by the offset and reading the UTC fields gives the local wall clock, DST included.
  const local = new Date(at.getTime() + osloOffsetMinutes(at) * 60_000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  return {
    date: `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`,
    year,
    month,
    day,
    time: `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`,
  };
}

function dateText(locale: string, clock: OsloWallClock): string {
  const month = monthNames(locale)[clock.month - 1] ?? String(clock.month);
  return t(locale, 'date.date', { day: clock.day, month, year: clock.year });
}

/** "23. nov. 2026" (nb/nn), "23 Nov 2026" (en); '' for an unparseable instant. */
export function formatOsloDate(instant: Instant | Date, locale: string): string {
  const clock = osloWallClock(instant);
  return clock === null ? '' : dateText(locale, clock);
}

/** "23. nov. 2026 kl. 14:05" (nb/nn), "23 Nov 2026, 14:05" (en); '' for an unparseable instant. */
export function formatOsloDateTime(instant: Instant | Date, locale: string): string {
  const clock = osloWallClock(instant);
  return clock === null ? '' : t(locale, 'date.dateTime', { date: dateText(locale, clock), time: clock.time });
}

/** The report form's default "when": the Oslo date ('YYYY-MM-DD') and time ('HH:mm') at `now`. */
export function osloDateAndTime(now: Date): { readonly date: CalendarDate; readonly time: string } {
  const clock = osloWallClock(now);
  if (clock === null) throw new RangeError('Invalid date');
  return { date: clock.date, time: clock.time };
}

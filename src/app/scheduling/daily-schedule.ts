// When a daily job runs: at a wall-clock time in Oslo (08:00 by default), across the DST changes, once a day, and
// once at start when a run was missed while the app was down and it is still the same day.
//
// Pure: the instant comes in, nothing here reads the clock. The DST arithmetic is the domain's (Intl, Europe/Oslo).
import { addDays, osloOffsetMinutes, toOsloDate, type CalendarDate } from '../../domain/index.js';

export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

/** 'HH:MM' (24-hour, e.g. '08:00', '7:30'); null for anything else. */
export function parseTimeOfDay(value: string): TimeOfDay | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

export function formatTimeOfDay(t: TimeOfDay): string {
  return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

/**
 * The instant the Oslo wall clock shows `time` on `date`. A time that does not exist that day (02:00–02:59 on the
 * last Sunday of March, when clocks jump to 03:00) is the instant the clocks jump past it, plus the minutes: 02:30
 * becomes 03:30 summer time. A time that happens twice (02:00–02:59 on the last Sunday of October) is its first
 * occurrence, in summer time.
 */
export function osloInstant(date: CalendarDate, time: TimeOfDay): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, time.hour, time.minute);
  // Oslo is UTC+1 or UTC+2: at most two candidates, each valid when Oslo's offset at it is the one assumed.
  const valid = [120, 60].map((offset) => new Date(asUtc - offset * 60_000)).filter((t) => osloOffsetMinutes(t) * 60_000 === asUtc - t.getTime());
  if (valid[0]) return valid[0]; // the earlier one when both are (the repeated hour)
  // In the gap: the offset in force before the jump, which lands the same distance past it.
  return new Date(asUtc - osloOffsetMinutes(new Date(asUtc - 86_400_000)) * 60_000);
}

/** The first run at or after `now`: today's if its time has not come, else tomorrow's. */
export function nextRunAt(now: Date, time: TimeOfDay): Date {
  const today = toOsloDate(now);
  const todays = osloInstant(today, time);
  return now.getTime() < todays.getTime() ? todays : osloInstant(addDays(today, 1), time);
}

export type ScheduleDecision =
  /** Run now, for `date` (its time has come and no run is recorded for it: on time, or catching up after downtime). */
  | { readonly action: 'run'; readonly date: CalendarDate }
  /** Nothing to do before `until`. */
  | { readonly action: 'wait'; readonly until: Date };

/**
 * What to do at `now` given the date of the last recorded run. Only today's run is ever caught up: a day missed
 * entirely (the app was down past midnight) is not sent the day after, since the next digest says it all anyway.
 */
export function decide(now: Date, time: TimeOfDay, lastRunDate: CalendarDate | null): ScheduleDecision {
  const today = toOsloDate(now);
  const due = now.getTime() >= osloInstant(today, time).getTime();
  if (due && (lastRunDate === null || lastRunDate < today)) return { action: 'run', date: today };
  return { action: 'wait', until: nextRunAt(now, time) };
}

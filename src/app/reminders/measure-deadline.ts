// "Ny frist" from the digest: a measure still being worked on gets a later deadline. Who may is the action list's rule
// (canCompleteMeasure: the owner, or a leader of the measure's unit or above); what is checked here is the date.
import { type CalendarDate, type Measure, type Result, fail, isActive, isCalendarDate, ok, toOsloDate } from '../../domain/index.js';

/**
 * The measure with `deadline` as its new frist: a real date, today or later in Oslo (a deadline in the past would be
 * overdue the moment it was set), on a measure that is open or in progress.
 */
export function changeMeasureDeadline(m: Measure, deadline: string, now: Date): Result<Measure> {
  const value = deadline.trim().slice(0, 10);
  if (!isCalendarDate(value)) return fail('date.invalid', { value: deadline });
  if (!isActive(m)) return fail('measure.invalidStatusChange', { from: m.status, to: m.status });
  const today: CalendarDate = toOsloDate(now);
  if (value < today) return fail('date.invalid', { value });
  return ok({ ...m, deadline: value });
}

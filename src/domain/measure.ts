// Measures (tiltak) with owner and deadline, from any source, and when one is overdue in Oslo time.
//
// One action list for everything (aksjonsliste/restanseliste, seed 000): measures from deviations,
// risk items, audits and inspections, meeting decisions and self-assessments of procedures. Asker
// puts ROS measures into the same follow-up system as deviations (seed 004).

import { fail, ok, type Result } from './domain-error.js';
import { daysBetween, isCalendarDate, toOsloDate, type CalendarDate, type Instant } from './oslo-time.js';

export type MeasureSource =
  | { readonly type: 'deviation'; readonly deviationId: string }
  | { readonly type: 'riskItem'; readonly riskItemId: string }
  /** An internal audit, an external audit or an inspection (tilsyn) and its report. */
  | { readonly type: 'audit'; readonly auditId: string }
  | { readonly type: 'meetingDecision'; readonly decisionId: string }
  | { readonly type: 'procedureSelfAssessment'; readonly selfAssessmentId: string };

export type MeasureStatus = 'open' | 'inProgress' | 'done' | 'cancelled';

export const MEASURE_STATUSES: readonly MeasureStatus[] = ['open', 'inProgress', 'done', 'cancelled'];
export const MEASURE_SOURCES: readonly MeasureSource['type'][] = ['deviation', 'riskItem', 'audit', 'meetingDecision', 'procedureSelfAssessment'];

/** The id of what the measure came from (the case, the risk row, the audit …), whatever kind it is. */
export function measureSourceId(source: MeasureSource): string {
  switch (source.type) {
    case 'deviation':
      return source.deviationId;
    case 'riskItem':
      return source.riskItemId;
    case 'audit':
      return source.auditId;
    case 'meetingDecision':
      return source.decisionId;
    case 'procedureSelfAssessment':
      return source.selfAssessmentId;
  }
}

export interface Measure {
  readonly id: string;
  /** Hva skal gjøres? */
  readonly title: string;
  readonly description: string;
  readonly source: MeasureSource;
  /** Ansvar: the one person who answers for it. */
  readonly ownerId: string;
  /** The unit whose action list it belongs to. */
  readonly unitId: string;
  /** Frist: a calendar date; the measure is due by the end of that day in Oslo. */
  readonly deadline: CalendarDate;
  readonly status: MeasureStatus;
  readonly createdAt: Instant;
  readonly completedAt: Instant | null;
  /** Did it work? Required when done ("tiltak må følges opp med evaluering til slutt", seed 004). */
  readonly evaluation: string | null;
  readonly cancelReason: string | null;
}

export interface NewMeasure {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly source: MeasureSource;
  readonly ownerId: string;
  readonly unitId: string;
  readonly deadline: CalendarDate;
}

export function createMeasure(input: NewMeasure, now: Date): Result<Measure> {
  const title = input.title.trim();
  if (title === '') return fail('measure.titleMissing');
  if (!isCalendarDate(input.deadline)) return fail('date.invalid', { value: input.deadline });
  return ok({
    ...input,
    title,
    description: (input.description ?? '').trim(),
    status: 'open',
    createdAt: now.toISOString(),
    completedAt: null,
    evaluation: null,
    cancelReason: null,
  });
}

export type MeasureStatusChange =
  | { readonly to: 'open' }
  | { readonly to: 'inProgress' }
  | { readonly to: 'done'; readonly evaluation: string }
  | { readonly to: 'cancelled'; readonly reason: string };

// done → inProgress: the evaluation showed it did not work; cancelled → open: it was needed after all.
const ALLOWED: Readonly<Record<MeasureStatus, readonly MeasureStatus[]>> = {
  open: ['inProgress', 'done', 'cancelled'],
  inProgress: ['done', 'cancelled'],
  done: ['inProgress'],
  cancelled: ['open'],
};

export function changeMeasureStatus(m: Measure, change: MeasureStatusChange, now: Date): Result<Measure> {
  if (!ALLOWED[m.status].includes(change.to)) return fail('measure.invalidStatusChange', { from: m.status, to: change.to });
  switch (change.to) {
    case 'done': {
      const evaluation = change.evaluation.trim();
      if (evaluation === '') return fail('measure.evaluationMissing');
      return ok({ ...m, status: 'done', evaluation, completedAt: now.toISOString() });
    }
    case 'cancelled': {
      const reason = change.reason.trim();
      if (reason === '') return fail('measure.cancelReasonMissing');
      return ok({ ...m, status: 'cancelled', cancelReason: reason });
    }
    case 'open':
      return ok({ ...m, status: 'open', cancelReason: null });
    case 'inProgress':
      return ok({ ...m, status: 'inProgress', completedAt: null });
  }
}

export function isActive(m: Measure): boolean {
  return m.status === 'open' || m.status === 'inProgress';
}

/**
 * Overdue from 00:00 Oslo time the day after the deadline, whatever the UTC offset that night.
 * Done and cancelled measures are never overdue.
 */
export function isOverdue(m: Measure, now: Date): boolean {
  return isActive(m) && toOsloDate(now) > m.deadline;
}

/** Calendar days left in Oslo: 0 on the deadline day, negative once overdue. */
export function daysUntilDeadline(m: Measure, now: Date): number {
  return daysBetween(toOsloDate(now), m.deadline);
}

// Measures (tiltak) for the demo: created through the domain, then moved on as far as their age allows, some left overdue.
import { changeMeasureStatus, createMeasure, type Measure, type NewMeasure, type Result } from '../domain/index.js';
import { chance, int, pick, type Random } from './random.js';
import { CANCEL_REASONS, EVALUATIONS } from './templates/common.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Unwraps a domain result; the generator only makes valid moves, so a failure is a bug here. */
export function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`Demo generator made an invalid ${what}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** A working-hours instant on the UTC day of `ms` (07–15 UTC is 08–17 in Oslo, summer and winter). */
export function workingHours(random: Random, ms: number): number {
  return Math.floor(ms / DAY) * DAY + int(random, 7, 15) * HOUR + int(random, 0, 59) * 60_000;
}

export interface MeasureOdds {
  /** Share never completed (left open or in progress, so overdue once the deadline passes). */
  readonly neverDone: number;
  readonly cancelled: number;
}

export const DEFAULT_MEASURE_ODDS: MeasureOdds = { neverDone: 0.12, cancelled: 0.04 };

/**
 * A measure created at `createdAt` and moved on until `now`: most are done some time around the
 * deadline (a few late, so still open after it), some never, a few cancelled. Every move goes
 * through changeMeasureStatus, so done ones carry an evaluation (seed 004).
 */
export function progressMeasure(random: Random, input: NewMeasure, createdAt: Date, now: Date, odds: MeasureOdds = DEFAULT_MEASURE_ODDS): Measure {
  let m = must(createMeasure(input, createdAt), 'measure');
  const created = createdAt.getTime();
  const deadlineEnd = Date.parse(`${input.deadline}T21:00:00.000Z`);
  const duration = Math.max(DAY, deadlineEnd - created);
  const at = (fraction: number) => Math.max(created + HOUR, workingHours(random, created + duration * fraction));

  if (chance(random, odds.cancelled)) {
    const cancelAt = at(0.2 + 0.8 * random());
    if (cancelAt <= now.getTime()) return must(changeMeasureStatus(m, { to: 'cancelled', reason: pick(random, CANCEL_REASONS) }, new Date(cancelAt)), 'measure change');
    return m;
  }
  const neverDone = chance(random, odds.neverDone);
  const startAt = at(0.05 + 0.25 * random());
  const doneAt = Math.max(startAt + HOUR, at(0.25 + 1.1 * random()));
  if (startAt <= now.getTime()) m = must(changeMeasureStatus(m, { to: 'inProgress' }, new Date(startAt)), 'measure change');
  if (!neverDone && doneAt <= now.getTime()) {
    m = must(changeMeasureStatus(m, { to: 'done', evaluation: pick(random, EVALUATIONS) }, new Date(doneAt)), 'measure change');
  }
  return m;
}

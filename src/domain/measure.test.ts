// Tests for measures: creation, status changes, and overdue at Oslo midnight across DST.
import { describe, expect, it } from 'vitest';
import { changeMeasureStatus, createMeasure, daysUntilDeadline, isOverdue, type Measure, type NewMeasure } from './measure.js';

const created = new Date('2026-03-01T10:00:00Z');
const input: NewMeasure = {
  id: 'm1',
  title: ' Innføre dobbeltkontroll ',
  source: { type: 'deviation', deviationId: 'd1' },
  ownerId: 'tl-a',
  unitId: 'sh-a',
  deadline: '2026-03-28',
};

function measure(patch: Partial<Measure> = {}): Measure {
  const r = createMeasure(input, created);
  if (!r.ok) throw new Error(r.error.message);
  return { ...r.value, ...patch };
}

describe('createMeasure', () => {
  it('creates an open measure with trimmed text', () => {
    const m = measure();
    expect([m.status, m.title, m.description, m.createdAt]).toEqual(['open', 'Innføre dobbeltkontroll', '', '2026-03-01T10:00:00.000Z']);
  });

  it.each([
    [{ title: ' ' }, 'measure.titleMissing'],
    [{ deadline: '2026-02-30' }, 'date.invalid'],
    [{ deadline: '28.03.2026' }, 'date.invalid'],
  ])('refuses %j', (patch, code) => {
    const r = createMeasure({ ...input, ...patch }, created);
    expect(r.ok ? null : r.error.code).toBe(code);
  });

  it('accepts every source', () => {
    const sources: NewMeasure['source'][] = [
      { type: 'deviation', deviationId: 'd' },
      { type: 'riskItem', riskItemId: 'r' },
      { type: 'audit', auditId: 'a' },
      { type: 'meetingDecision', decisionId: 'v' },
      { type: 'procedureSelfAssessment', selfAssessmentId: 's' },
    ];
    for (const source of sources) expect(createMeasure({ ...input, source }, created).ok).toBe(true);
  });
});

describe('isOverdue in Oslo time', () => {
  // Each row: deadline, the last instant it is not overdue, the first instant it is (Oslo midnight after).
  it.each([
    ['2026-01-15', '2026-01-15T22:59:59.999Z', '2026-01-15T23:00:00.000Z'], // winter, UTC+1
    ['2026-07-01', '2026-07-01T21:59:59.999Z', '2026-07-01T22:00:00.000Z'], // summer, UTC+2
    ['2026-03-28', '2026-03-28T22:59:59.999Z', '2026-03-28T23:00:00.000Z'], // night before spring DST: still winter
    ['2026-03-29', '2026-03-29T21:59:59.999Z', '2026-03-29T22:00:00.000Z'], // DST day: midnight after is summer time
    ['2026-10-24', '2026-10-24T21:59:59.999Z', '2026-10-24T22:00:00.000Z'], // night before autumn DST: still summer
    ['2026-10-25', '2026-10-25T22:59:59.999Z', '2026-10-25T23:00:00.000Z'], // DST day: midnight after is winter time
    ['2026-12-31', '2026-12-31T22:59:59.999Z', '2026-12-31T23:00:00.000Z'], // across the new year
  ])('due %s: not overdue at %s, overdue at %s', (deadline, before, after) => {
    const m = measure({ deadline });
    expect(isOverdue(m, new Date(before))).toBe(false);
    expect(isOverdue(m, new Date(after))).toBe(true);
  });

  it('is not overdue on the deadline day itself, from its first minute', () => {
    expect(isOverdue(measure({ deadline: '2026-03-29' }), new Date('2026-03-28T23:00:00Z'))).toBe(false);
  });

  it.each(['done', 'cancelled'] as const)('never calls a %s measure overdue', (status) => {
    expect(isOverdue(measure({ status }), new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });

  it('calls an in-progress measure overdue', () => {
    expect(isOverdue(measure({ status: 'inProgress' }), new Date('2026-04-01T00:00:00Z'))).toBe(true);
  });

  it('counts Oslo calendar days to the deadline', () => {
    const m = measure({ deadline: '2026-03-29' });
    expect(daysUntilDeadline(m, new Date('2026-03-27T12:00:00Z'))).toBe(2);
    expect(daysUntilDeadline(m, new Date('2026-03-28T23:30:00Z'))).toBe(0); // already the 29th in Oslo
    expect(daysUntilDeadline(m, new Date('2026-03-29T22:30:00Z'))).toBe(-1);
  });
});

describe('changeMeasureStatus', () => {
  const now = new Date('2026-03-20T08:00:00Z');
  const code = (r: ReturnType<typeof changeMeasureStatus>) => (r.ok ? null : r.error.code);

  it('completes with an evaluation and a completion time', () => {
    const r = changeMeasureStatus(measure(), { to: 'done', evaluation: ' Ingen nye feil på en måned. ' }, now);
    expect(r.ok && [r.value.status, r.value.evaluation, r.value.completedAt]).toEqual(['done', 'Ingen nye feil på en måned.', '2026-03-20T08:00:00.000Z']);
  });

  it('refuses done without evaluation and cancel without reason', () => {
    expect(code(changeMeasureStatus(measure(), { to: 'done', evaluation: ' ' }, now))).toBe('measure.evaluationMissing');
    expect(code(changeMeasureStatus(measure(), { to: 'cancelled', reason: '' }, now))).toBe('measure.cancelReasonMissing');
  });

  it.each([
    ['open', 'inProgress', true],
    ['open', 'done', true],
    ['open', 'cancelled', true],
    ['open', 'open', false],
    ['inProgress', 'done', true],
    ['inProgress', 'cancelled', true],
    ['inProgress', 'open', false],
    ['done', 'inProgress', true],
    ['done', 'cancelled', false],
    ['done', 'open', false],
    ['cancelled', 'open', true],
    ['cancelled', 'done', false],
    ['cancelled', 'inProgress', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    const change = to === 'done' ? { to, evaluation: 'Virket.' } : to === 'cancelled' ? { to, reason: 'Ikke aktuelt.' } : { to };
    const r = changeMeasureStatus(measure({ status: from }), change, now);
    expect(r.ok).toBe(allowed);
    if (!r.ok) {
      expect(r.error.code).toBe('measure.invalidStatusChange');
      expect(r.error.message).toMatch(/^Tiltaket har status «.+» og kan ikke endres til «.+»\.$/);
    }
  });

  it('clears the completion time when a done measure is taken up again', () => {
    const r = changeMeasureStatus(measure({ status: 'done', completedAt: '2026-03-10T00:00:00.000Z' }), { to: 'inProgress' }, now);
    expect(r.ok && r.value.completedAt).toBeNull();
  });
});

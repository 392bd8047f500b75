// Tests for demo measures: domain-made, moved on by age, evaluated when done, and some overdue.
import { describe, expect, it } from 'vitest';
import { isOverdue, orgUnitsById, toOsloDate } from '../domain/index.js';
import { progressMeasure } from './measures.js';
import { createRandom } from './random.js';
import { demo, NOW } from './test-fixture.js';

const input = (deadline: string) => ({
  id: 'm1',
  title: 'Gjennomgå rutinen',
  source: { type: 'deviation' as const, deviationId: 'd1' },
  ownerId: 'p1',
  unitId: 'u1',
  deadline,
});

describe('progressMeasure', () => {
  it('leaves a measure decided today open', () => {
    const m = progressMeasure(createRandom(1), input('2026-04-30'), NOW, NOW, { neverDone: 0, cancelled: 0 });
    expect(m.status).toBe('open');
    expect(m.createdAt).toBe(NOW.toISOString());
  });

  it('finishes old measures with an evaluation, unless they are never done', () => {
    const created = new Date('2025-01-10T09:00:00Z');
    const done = progressMeasure(createRandom(2), input('2025-02-10'), created, NOW, { neverDone: 0, cancelled: 0 });
    expect(done.status).toBe('done');
    expect(done.evaluation).not.toBeNull();
    expect(done.completedAt && done.completedAt > done.createdAt && done.completedAt <= NOW.toISOString()).toBe(true);
    const stuck = progressMeasure(createRandom(2), input('2025-02-10'), created, NOW, { neverDone: 1, cancelled: 0 });
    expect(stuck.status).toBe('inProgress');
    expect(isOverdue(stuck, NOW)).toBe(true);
  });

  it('cancels with a reason', () => {
    const m = progressMeasure(createRandom(3), input('2025-02-10'), new Date('2025-01-10T09:00:00Z'), NOW, { neverDone: 0, cancelled: 1 });
    expect(m.status).toBe('cancelled');
    expect(m.cancelReason).not.toBeNull();
  });
});

describe('measures of the demo municipality', () => {
  const m = demo();
  const people = new Set(m.people.map((p) => p.id));
  const units = orgUnitsById(m.units);

  it('have owners, units, deadlines and sources that exist', () => {
    const deviations = new Set(m.deviations.map((d) => d.id));
    const riskItems = new Set(m.riskItems.map((i) => i.id));
    expect(new Set(m.measures.map((x) => x.id)).size).toBe(m.measures.length);
    for (const x of m.measures) {
      expect(people.has(x.ownerId)).toBe(true);
      expect(units.has(x.unitId)).toBe(true);
      expect(x.deadline >= toOsloDate(new Date(x.createdAt))).toBe(true);
      expect(x.createdAt <= NOW.toISOString()).toBe(true);
      if (x.source.type === 'deviation') expect(deviations.has(x.source.deviationId)).toBe(true);
      else if (x.source.type === 'riskItem') expect(riskItems.has(x.source.riskItemId)).toBe(true);
      else throw new Error(`unexpected source ${x.source.type}`);
      if (x.status === 'done') expect(x.evaluation).toBeTruthy();
    }
  });

  it('are mostly done when old, and some are overdue now', () => {
    const overdue = m.measures.filter((x) => isOverdue(x, NOW));
    expect(overdue.length).toBeGreaterThan(10);
    expect(overdue.length).toBeLessThan(m.measures.length * 0.3);
    expect(m.measures.filter((x) => x.status === 'done').length).toBeGreaterThan(m.measures.length / 2);
    expect(m.measures.some((x) => x.status === 'open' || x.status === 'inProgress')).toBe(true);
    expect(m.measures.some((x) => x.source.type === 'riskItem')).toBe(true);
  });
});

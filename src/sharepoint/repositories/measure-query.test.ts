import { describe, expect, it } from 'vitest';
import { startOfOsloDay } from '../../domain/index.js';
import { actionListQuery, beforeDateLiteral } from './measure-repository.js';

describe('beforeDateLiteral', () => {
  it('lies after every stored form of the day before and before every stored form of the day itself', () => {
    for (const date of ['2026-03-29', '2026-03-30', '2026-10-25', '2026-10-26', '2027-01-01', '2026-07-15']) {
      const literal = beforeDateLiteral(date).getTime();
      const dayBefore = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      // An Oslo site keeps a date at Oslo midnight, a UTC site (and the emulator) at UTC midnight.
      for (const stored of [startOfOsloDay(dayBefore).getTime(), Date.parse(`${dayBefore}T00:00:00Z`)]) expect(stored).toBeLessThan(literal);
      for (const stored of [startOfOsloDay(date).getTime(), Date.parse(`${date}T00:00:00Z`)]) expect(stored).toBeGreaterThan(literal);
    }
  });
});

describe('actionListQuery', () => {
  it('puts the owner first, then the scope, and sorts by deadline', () => {
    const q = actionListQuery(
      { scope: { type: 'within', sectorIds: ['mh'], unitIds: ['sk'], ownerId: 'p1' }, statuses: ['open', 'inProgress'], source: 'deviation', ownerId: 'p1', deadlineBefore: '2026-03-10' },
      25,
    );
    expect(q.filter?.text).toBe(
      "(fields/OwnerId eq 'p1') and ((fields/SectorId eq 'mh') or (fields/UnitId eq 'sk') or (fields/OwnerId eq 'p1')) and ((fields/Status eq 'open') or (fields/Status eq 'inProgress')) and (fields/Source eq 'deviation') and (fields/Deadline lt '2026-03-09T12:00:00Z')",
    );
    expect(q.orderBy).toEqual([['Deadline', 'asc']]);
    expect(q.top).toBe(25);
  });

  it('moves the planned lead first, and writes a window of Deadline before everything', () => {
    const q = actionListQuery({ scope: { type: 'within', sectorIds: ['mh'], unitIds: [] }, statuses: ['open'], deadlineBefore: '2026-03-10', lead: 'deadline' });
    expect(q.filter?.text).toBe("(fields/Deadline lt '2026-03-09T12:00:00Z') and (fields/SectorId eq 'mh') and (fields/Status eq 'open')");
    const w = actionListQuery({ scope: { type: 'within', sectorIds: ['mh'], unitIds: [] }, statuses: ['open'], window: { from: '2026-01-01', before: '2026-02-01' } });
    expect(w.filter?.text).toBe(
      "(fields/Deadline ge '2025-12-31T12:00:00Z') and (fields/Deadline lt '2026-01-31T12:00:00Z') and (fields/SectorId eq 'mh') and (fields/Status eq 'open')",
    );
  });

  it('escapes every value through the filter builder', () => {
    const q = actionListQuery({ scope: { type: 'all' }, within: { sectorIds: [], unitIds: ["o'brien"] }, statuses: ['done'] });
    expect(q.filter?.text).toBe("(fields/UnitId eq 'o''brien') and (fields/Status eq 'done')");
  });

  it('refuses an empty or too long scope and an empty status list', () => {
    expect(() => actionListQuery({ scope: { type: 'within', sectorIds: [], unitIds: [] }, statuses: ['open'] })).toThrow(RangeError);
    const many = Array.from({ length: 41 }, (_, i) => `u${i}`);
    expect(() => actionListQuery({ scope: { type: 'within', sectorIds: [], unitIds: many }, statuses: ['open'] })).toThrow(RangeError);
    expect(() => actionListQuery({ scope: { type: 'all' }, statuses: [] })).toThrow(RangeError);
  });
});

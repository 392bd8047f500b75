// Tests for whistleblowing: a handful, confidential, their own number series, named recipients who exist.
import { describe, expect, it } from 'vitest';
import { canView, orgUnitsById, parseCaseNumber, routeOf } from '../domain/index.js';
import { demo } from './test-fixture.js';
import { whistleblowingCount } from './whistleblowing.js';

const m = demo();
const units = orgUnitsById(m.units);
const people = new Map(m.people.map((p) => [p.id, p]));

describe('generated whistleblowing reports', () => {
  it('are a handful, on the confidential route, apart from the ordinary cases', () => {
    expect(m.whistleblowing).toHaveLength(whistleblowingCount(m.people.length, m.years));
    expect(m.whistleblowing.length).toBeGreaterThanOrEqual(3);
    expect(m.whistleblowing.length).toBeLessThanOrEqual(10);
    for (const { report } of m.whistleblowing) {
      expect(report.kind).toBe('whistleblowingReport');
      expect(routeOf(report.kind)).toBe('confidential');
      expect(report.measureIds).toEqual([]);
    }
  });

  it('count in their own series (VA), unique and in order', () => {
    const numbers = m.whistleblowing.map((w) => parseCaseNumber(w.report.caseNumber));
    expect(numbers.every((n) => n.ok && n.value.prefix === 'VA')).toBe(true);
    expect(new Set(m.whistleblowing.map((w) => w.report.caseNumber)).size).toBe(m.whistleblowing.length);
  });

  it('are seen by the reporter and the named recipients only', () => {
    const adviser = m.people.find((p) => p.roles.includes('qualityAdviser'));
    for (const { report, recipientIds } of m.whistleblowing) {
      expect(recipientIds.length).toBeGreaterThan(0);
      const ctx = { units, whistleblowingRecipientIds: new Set(recipientIds) };
      for (const id of recipientIds) {
        const person = people.get(id);
        expect(person && canView(person, report, ctx)).toBe(true);
      }
      expect(report.handlerId === null || recipientIds.includes(report.handlerId)).toBe(true);
      expect(recipientIds).not.toContain(report.reporterId);
      if (adviser && !recipientIds.includes(adviser.id)) expect(canView(adviser, report, ctx)).toBe(false);
    }
  });
});

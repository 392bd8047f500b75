// Tests for governing documents and procedures: Tønsberg's list, reviewers with the role, approvers, and some reviews overdue.
import { describe, expect, it } from 'vitest';
import { approverIds, isReviewOverdue, orgUnitsById } from '../domain/index.js';
import { TONSBERG_GOVERNING_DOCUMENTS } from './documents.js';
import { demo, NOW } from './test-fixture.js';

const m = demo();
const units = orgUnitsById(m.units);
const people = new Map(m.people.map((p) => [p.id, p]));

describe('generated documents', () => {
  it("include every governing document in Tønsberg's self-assessment list (seed 000)", () => {
    const governing = m.documents.filter((d) => d.kind === 'governingDocument');
    expect(governing.map((d) => d.title)).toEqual(TONSBERG_GOVERNING_DOCUMENTS.map(([, title]) => title));
    expect(governing.map((d) => d.ownerArea)).toEqual(TONSBERG_GOVERNING_DOCUMENTS.map(([area]) => area));
    expect(governing.find((d) => d.title === 'Varsling om kritikkverdige forhold')?.governingType).toBe('routine');
  });

  it('include typical procedures per sector and per unit', () => {
    const titles = m.documents.filter((d) => d.kind === 'procedure').map((d) => d.title);
    expect(titles).toEqual(expect.arrayContaining(['Legemiddelhåndtering', 'Fallforebygging', 'Brannvern i kommunale bygg', 'Avvikshåndtering', 'Informasjonssikkerhet og personvern']));
    for (const u of m.units.filter((x) => x.level === 'unit')) expect(m.documents.some((d) => d.ownerUnitId === u.id)).toBe(true);
  });

  it('have reviewers with the reviewer role, and every reviewer reviews something', () => {
    for (const d of m.documents) expect(people.get(d.reviewerId)?.roles).toContain('reviewer');
    const reviewing = new Set(m.documents.map((d) => d.reviewerId));
    for (const p of m.people.filter((x) => x.roles.includes('reviewer'))) expect(reviewing.has(p.id)).toBe(true);
  });

  it('are approved by the leader of the unit they apply to, with the next review a year on', () => {
    for (const d of m.documents) {
      expect(units.has(d.ownerUnitId)).toBe(true);
      if (d.status !== 'approved') {
        expect(d.approvedById).toBeNull();
        continue;
      }
      expect(approverIds(d, units)).toContain(d.approvedById);
      expect(d.approvedAt && d.approvedAt <= NOW.toISOString()).toBe(true);
      expect(d.nextReviewDate?.slice(0, 4)).toBe(String(Number(d.approvedAt?.slice(0, 4)) + 1));
    }
  });

  it('have some reviews overdue, most not', () => {
    const overdue = m.documents.filter((d) => isReviewOverdue(d, NOW)).length;
    expect(overdue).toBeGreaterThan(0);
    expect(overdue).toBeLessThan(m.documents.length / 2);
  });
});

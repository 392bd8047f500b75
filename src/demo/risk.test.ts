// Tests for this year's ROS: one assessment per unit, rows the domain accepts, measures for red risk, some escalated to KLG.
import { describe, expect, it } from 'vitest';
import { isResidualUnacceptable, mustEscalate, osloYear, requiresMeasure, riskColour, riskScore, validateRiskItem } from '../domain/index.js';
import { demo, NOW } from './test-fixture.js';

const m = demo();

describe('generated risk assessments', () => {
  it('cover every unit once, for the current year, dated in the assessment window and not after now', () => {
    const unitIds = m.units.filter((u) => u.level === 'unit').map((u) => u.id);
    expect(m.riskAssessments.map((a) => a.unitId).sort()).toEqual([...unitIds].sort());
    const year = osloYear(NOW);
    for (const a of m.riskAssessments) {
      expect(a.title).toContain(String(year));
      expect(a.date >= `${year - 1}-11-15` && a.date <= `${year}-02-15`).toBe(true);
      expect(a.createdAt <= NOW.toISOString()).toBe(true);
      expect(a.responsibleId).toBe(m.units.find((u) => u.id === a.unitId)?.leaderId);
      expect(a.context).toBe('overall');
    }
  });

  it('have rows the domain validates, with levels 1–5 and residual risk assessed', () => {
    const assessments = new Set(m.riskAssessments.map((a) => a.id));
    for (const item of m.riskItems) {
      expect(validateRiskItem(item)).toEqual([]);
      expect(assessments.has(item.assessmentId)).toBe(true);
      expect(item.residual).not.toBeNull();
      expect(item.residualAcceptable).not.toBeNull();
      expect(item.consequenceTypes.length).toBeGreaterThan(0);
      if (item.residual) expect(riskScore(item.residual)).toBeLessThanOrEqual(riskScore(item.current));
    }
    expect(m.riskItems.length).toBeGreaterThanOrEqual(m.riskAssessments.length * 4);
  });

  it('give every red or unlawful row a measure with an owner and a deadline', () => {
    const measures = new Map(m.measures.map((x) => [x.id, x]));
    for (const item of m.riskItems.filter((i) => requiresMeasure(i))) {
      expect(item.measureIds.length).toBeGreaterThan(0);
      for (const id of item.measureIds) expect(measures.get(id)?.source).toEqual({ type: 'riskItem', riskItemId: item.id });
    }
  });

  it('have all three colours, and some unacceptable residual risk to report to KLG', () => {
    const colours = new Set(m.riskItems.map((i) => riskColour(riskScore(i.current))));
    expect(colours).toEqual(new Set(['green', 'yellow', 'red']));
    const escalated = m.riskItems.filter((i) => mustEscalate(i));
    expect(escalated.length).toBeGreaterThan(0);
    expect(escalated.length).toBeLessThan(m.riskItems.length * 0.25);
    for (const i of escalated) expect(isResidualUnacceptable(i)).toBe(true);
  });
});

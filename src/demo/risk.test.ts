// Tests for this year's ROS: one assessment per unit, rows the domain accepts, measures for red risk, some escalated to KLG.
import { describe, expect, it } from 'vitest';
import { isResidualUnacceptable, mustEscalate, mustReportToKlg, orgUnitsById, osloYear, requiresMeasure, riskColour, riskScore, roundAssessmentId, unitStateOf, validateRiskItem } from '../domain/index.js';
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

  it('carry the id the round looks each unit up by, so a unit that has assessed is never shown as not started', () => {
    // The round's view (src/app/risk) finds a unit's assessment by roundAssessmentId(round, unit): Solvang sykehjem's
    // 'risk-assessment-0001' was not found, and the unit showed notStarted with its assessment forwarded.
    const [round] = m.riskRounds;
    if (!round) throw new Error('no round');
    const byId = new Map(m.riskAssessments.map((a) => [a.id, a]));
    const rows = new Map<string, number>();
    for (const i of m.riskItems) rows.set(i.assessmentId, (rows.get(i.assessmentId) ?? 0) + 1);
    const units = orgUnitsById(m.units);
    for (const unitId of round.unitIds) {
      const found = byId.get(roundAssessmentId(round.id, unitId));
      expect(found?.unitId, units.get(unitId)?.name).toBe(unitId);
      expect(found?.roundId).toBe(round.id);
      expect(unitStateOf(found, rows.get(found?.id ?? '') ?? 0)).toBe(found?.status);
    }
    const solvang = m.units.find((u) => u.name === 'Solvang sykehjem');
    expect(solvang && unitStateOf(byId.get(roundAssessmentId(round.id, solvang.id)), 1)).not.toBe('notStarted');
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

describe('the yearly round in the demo', () => {
  it('has this year’s round with Tønsberg’s work plan, every unit in it, the tasks past their deadline done', () => {
    const year = osloYear(NOW);
    expect(m.riskRounds).toHaveLength(1);
    const round = m.riskRounds[0];
    expect(round).toMatchObject({ id: `risk-round-${year}`, year, status: 'active', start: `${year - 1}-10-16` });
    expect([...(round?.unitIds ?? [])].sort()).toEqual(m.units.filter((u) => u.level === 'unit').map((u) => u.id).sort());
    expect(round?.tasks).toHaveLength(10);
    const today = NOW.toISOString().slice(0, 10);
    for (const t of round?.tasks ?? []) if (t.deadline < today) expect(t.percentDone).toBe(100);
    for (const a of m.riskAssessments) expect([a.roundId, a.year]).toEqual([round?.id, year]);
  });

  it('has units at every step, stamped in order and never after now', () => {
    const statuses = new Set(m.riskAssessments.map((a) => a.status));
    expect(statuses.has('forwarded')).toBe(true);
    expect(statuses.size).toBeGreaterThan(1);
    for (const a of m.riskAssessments) {
      const stamps = [a.createdAt, a.submittedAt, a.compiledAt, a.forwardedAt].filter((s): s is string => s !== null);
      expect([...stamps].sort()).toEqual(stamps);
      for (const s of stamps) expect(s <= NOW.toISOString()).toBe(true);
      expect(a.submittedAt === null).toBe(a.status === 'draft');
      expect(a.forwardedAt === null).toBe(a.status !== 'forwarded');
    }
  });

  it('sends the rows of forwarded assessments that must go to KLG to KLG’s agenda, and only those', () => {
    const forwarded = new Set(m.riskAssessments.filter((a) => a.status === 'forwarded').map((a) => a.id));
    const klg = m.committees.find((c) => c.kind === 'executiveLeadershipGroup');
    const due = m.riskItems.filter((i) => forwarded.has(i.assessmentId) && mustReportToKlg(i));
    expect(due.length).toBeGreaterThan(0);
    expect(m.riskItems.filter((i) => i.escalation !== null).map((i) => i.id).sort()).toEqual(due.map((i) => i.id).sort());
    expect(m.agendaItems.map((a) => a.source)).toEqual(due.map((i) => ({ type: 'riskItem', riskItemId: i.id })));
    for (const a of m.agendaItems) expect([a.committeeId, a.status, a.meetingId]).toEqual([klg?.id, 'proposed', null]);
  });
});

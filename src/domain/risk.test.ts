// Tests for ROS scoring, colour bands, the measure rule, residual risk and escalation to KLG.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RISK_THRESHOLDS,
  RISK_CONSEQUENCE_TYPES,
  isResidualUnacceptable,
  mustEscalate,
  mustReportToKlg,
  newRiskAssessment,
  newRiskItem,
  parseRiskLevel,
  riskItemProblems,
  validateRiskItemInput,
  requiresMeasure,
  residualScore,
  riskColour,
  riskMatrix,
  riskScore,
  validateRiskItem,
  validateThresholds,
  type RiskItem,
  type RiskLevel,
} from './risk.js';

function item(patch: Partial<RiskItem> = {}): RiskItem {
  return {
    ...newRiskItem({
      id: 'r1',
      assessmentId: 'ros-2024',
      unitId: 'sh',
      process: 'Legemiddelhåndtering i bolig',
      whatCanGoWrong: 'Feil medisin gis',
      consequenceTypes: ['humanInjury'],
      current: { likelihood: 3, consequence: 4 },
      breachOfLaw: false,
      existingMeasures: 'Rutine for utdeling',
      position: 0,
    }),
    ...patch,
  };
}

const pos = (likelihood: RiskLevel, consequence: RiskLevel) => ({ likelihood, consequence });

describe('score and colour', () => {
  it('multiplies likelihood and consequence', () => {
    expect(riskScore(pos(3, 4))).toBe(12);
    expect(riskScore(pos(1, 1))).toBe(1);
    expect(riskScore(pos(5, 5))).toBe(25);
  });

  it.each([
    [1, 'green'],
    [4, 'green'],
    [5, 'yellow'],
    [10, 'yellow'], // 10 is not "> 10" (seed 004)
    [12, 'red'], // the next possible score
    [25, 'red'],
  ] as const)('score %i is %s by default', (score, colour) => {
    expect(riskColour(score)).toBe(colour);
  });

  it('follows configured thresholds', () => {
    expect(riskColour(9, { yellowAbove: 2, redAbove: 8 })).toBe('red');
    expect(riskColour(3, { yellowAbove: 2, redAbove: 8 })).toBe('yellow');
  });

  it('builds the 5×5 matrix, symmetric, with red in the top corner and green in the bottom', () => {
    const m = riskMatrix();
    expect(m).toHaveLength(5);
    expect(m[4]?.[4]).toBe('red');
    expect(m[0]?.[0]).toBe('green');
    expect(m[2]?.[3]).toBe('red'); // 3 × 4 = 12
    expect(m[1]?.[4]).toBe('yellow'); // 2 × 5 = 10
    for (let l = 0; l < 5; l++) for (let c = 0; c < 5; c++) expect(m[l]?.[c]).toBe(m[c]?.[l]);
    expect(m.flat().filter((c) => c === 'red')).toHaveLength(8); // 3×4, 4×3, 3×5, 5×3, 4×4, 4×5, 5×4, 5×5
  });

  it('validates thresholds', () => {
    expect(validateThresholds(DEFAULT_RISK_THRESHOLDS)).toEqual([]);
    expect(validateThresholds({ yellowAbove: 10, redAbove: 10 })[0]?.code).toBe('risk.thresholdsInvalid');
    expect(validateThresholds({ yellowAbove: -1, redAbove: 10 })).toHaveLength(1);
    expect(validateThresholds({ yellowAbove: 4, redAbove: 25 })).toHaveLength(1);
  });

  it('lists the seven consequence types of the form', () => {
    expect(RISK_CONSEQUENCE_TYPES).toHaveLength(7);
  });
});

describe('parseRiskLevel', () => {
  it.each([1, 2, 3, 4, 5])('accepts %i', (n) => expect(parseRiskLevel(n, 'Sannsynlighet').ok).toBe(true));
  it.each([0, 6, 2.5, '3', null])('refuses %j in bokmål', (n) => {
    const r = parseRiskLevel(n, 'Sannsynlighet');
    expect(r.ok ? null : r.error.message).toMatch(/^Sannsynlighet må være et helt tall fra 1 \(svært lav\) til 5 \(svært høy\)/);
  });
});

describe('requiresMeasure', () => {
  it.each([
    [pos(3, 4), false, true], // 12: red
    [pos(2, 5), false, false], // 10: yellow, no law broken
    [pos(1, 1), true, true], // a breach of law needs a measure whatever the score
    [pos(2, 2), false, false],
  ] as const)('%j with breach of law %s: %s', (current, breachOfLaw, expected) => {
    expect(requiresMeasure(item({ current, breachOfLaw }))).toBe(expected);
  });
});

describe('residual risk and escalation to KLG', () => {
  it('scores the residual only once it is assessed', () => {
    expect(residualScore(item())).toBeNull();
    expect(residualScore(item({ residual: pos(2, 3) }))).toBe(6);
  });

  it.each([
    ['not assessed yet', {}, false],
    ['green and accepted', { residual: pos(1, 4), residualAcceptable: true }, false],
    ['yellow, not yet judged', { residual: pos(2, 4) }, false],
    ['yellow but judged unacceptable', { residual: pos(2, 4), residualAcceptable: false }, true],
    ['still red though marked acceptable', { residual: pos(3, 4), residualAcceptable: true }, true],
    ['judged unacceptable before scoring', { residualAcceptable: false }, true],
  ] as const)('%s → escalate: %s', (_label, patch, expected) => {
    const r = item(patch as Partial<RiskItem>);
    expect(isResidualUnacceptable(r)).toBe(expected);
    expect(mustEscalate(r)).toBe(expected);
  });

  it('uses the configured red threshold for the residual', () => {
    expect(mustEscalate(item({ residual: pos(2, 4) }), { yellowAbove: 2, redAbove: 6 })).toBe(true);
  });
});

describe('validateRiskItem', () => {
  const codes = (r: RiskItem) => validateRiskItem(r).map((e) => e.code);

  it('asks for a measure and a residual assessment where one is required', () => {
    expect(codes(item())).toEqual(['risk.measureMissing', 'risk.residualMissing']);
    expect(codes(item({ measureIds: ['m1'], residual: pos(2, 2) }))).toEqual([]);
  });

  it('asks nothing of a green row', () => {
    expect(codes(item({ current: pos(1, 2) }))).toEqual([]);
  });

  it('reports levels out of range, naming the field', () => {
    const bad = item({ current: { likelihood: 6 as RiskLevel, consequence: 0 as RiskLevel } });
    const errors = validateRiskItem(bad);
    expect(errors.map((e) => e.details.field)).toEqual(['Sannsynlighet', 'Konsekvens']);
    const badResidual = item({ residual: { likelihood: 2, consequence: 9 as RiskLevel }, measureIds: ['m'] });
    expect(validateRiskItem(badResidual).map((e) => e.details.field)).toEqual(['Konsekvens etter tiltak']);
  });
});

describe('the form’s further columns (issue 7)', () => {
  it('sends a row to KLG by the rule, or by the kommunalsjef’s own call, never dropping one the rule sends', () => {
    expect(mustReportToKlg(item({ residual: pos(1, 2), residualAcceptable: true }))).toBe(false);
    expect(mustReportToKlg(item({ residual: pos(1, 2), residualAcceptable: true, reportToKlg: true }))).toBe(true);
    expect(mustReportToKlg(item({ residual: pos(3, 4), residualAcceptable: false, reportToKlg: false }))).toBe(true);
  });

  it('refuses a red residual marked acceptable, and levels out of range, when a row is saved', () => {
    expect(validateRiskItemInput(item({ residual: pos(4, 4), residualAcceptable: true })).map((e) => e.code)).toEqual(['risk.redResidualAcceptable']);
    expect(validateRiskItemInput(item({ residual: pos(4, 4), residualAcceptable: false }))).toEqual([]);
    expect(validateRiskItemInput(item({ current: { likelihood: 7 as RiskLevel, consequence: 2 } }))[0]?.message).toContain('ikke «7»');
    // Missing answers are not refused on save: a row is filled in over time.
    expect(validateRiskItemInput(item({ process: '', whatCanGoWrong: '' }))).toEqual([]);
  });

  it('lists what keeps a row from being submitted', () => {
    const codes = (r: RiskItem) => riskItemProblems(r).map((e) => e.code);
    expect(codes(item({ process: ' ', whatCanGoWrong: '' }))).toEqual(['risk.processMissing', 'risk.hazardMissing', 'risk.measureMissing', 'risk.residualMissing']);
    expect(codes(item({ measureIds: ['m1'], residual: pos(2, 2) }))).toEqual(['risk.acceptanceMissing']);
    expect(codes(item({ measureIds: ['m1'], residual: pos(2, 2), residualAcceptable: true }))).toEqual([]);
    expect(codes(item({ current: pos(1, 2) }))).toEqual([]);
    expect(codes(item({ measureIds: ['m1'], residual: pos(5, 5), residualAcceptable: true }))).toEqual(['risk.redResidualAcceptable']);
  });
});

describe('newRiskItem', () => {
  it('starts a row with nothing after the current position filled in: no residual risk, answers, measures, links or escalation', () => {
    const given = { id: 'r9', assessmentId: 'a', unitId: 'sh', process: 'P', whatCanGoWrong: 'W', consequenceTypes: [], current: { likelihood: 5, consequence: 5 }, breachOfLaw: true, existingMeasures: '', position: 3 } as const;
    const row = newRiskItem(given);
    expect(row).toEqual({ ...given, residual: null, residualAcceptable: null, measureIds: [], doneEnough: null, reportToKlg: null, deviationIds: [], escalation: null });
    // A red row of that kind cannot be submitted until a measure and residual risk are given.
    expect(riskItemProblems(row).map((e) => e.code)).toEqual(['risk.measureMissing', 'risk.residualMissing']);
  });
});

describe('newRiskAssessment', () => {
  it('starts an assessment as a draft that has not been through any step', () => {
    const given = { id: 'ra', title: 'ROS', context: 'overall', unitId: 'sh', responsibleId: 'vl-sh', participantIds: [], date: '2026-12-01', createdAt: '2026-12-01T08:00:00.000Z', year: 2027, roundId: 'r' } as const;
    expect(newRiskAssessment(given)).toEqual({ ...given, status: 'draft', submittedAt: null, compiledAt: null, forwardedAt: null, returnNote: null });
  });
});

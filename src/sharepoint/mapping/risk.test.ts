// RiskAssessment and RiskItem ↔ fields: round trips, derived score and escalation columns, levels checked on read.
import { describe, expect, it } from 'vitest';
import type { RiskAssessment, RiskItem } from '../../domain/index.js';
import { CorruptRowError } from './fields.js';
import { RISK_ASSESSMENT_COLUMNS, riskAssessmentFromFields, riskAssessmentToFields, riskItemFromFields, riskItemToFields } from './risk.js';
import { SOURCE, readBack } from './test-support.js';

const assessment: RiskAssessment = {
  id: 'ra1',
  title: 'ROS hjemmetjenesten 2026',
  context: 'overall',
  unitId: 'ht',
  responsibleId: 'vl-ht',
  participantIds: ['a', 'b'],
  date: '2026-02-10',
  createdAt: '2026-02-10T08:00:00.000Z',
};

const item: RiskItem = {
  id: 'ri1',
  assessmentId: 'ra1',
  unitId: 'ht',
  process: 'Legemiddelhåndtering',
  whatCanGoWrong: 'Feil dose gis',
  consequenceTypes: ['humanInjury', 'reputation'],
  current: { likelihood: 4, consequence: 4 },
  breachOfLaw: false,
  existingMeasures: 'Dobbeltkontroll',
  residual: { likelihood: 4, consequence: 3 },
  residualAcceptable: false,
  measureIds: ['m1'],
};

describe('risk mapping', () => {
  it('round-trips an assessment; the year is written for queries', () => {
    const fields = riskAssessmentToFields(assessment);
    expect(fields.Year).toBe(2026);
    expect(riskAssessmentFromFields(readBack(fields), SOURCE)).toEqual(assessment);
    expect(RISK_ASSESSMENT_COLUMNS).not.toContain('Year');
  });

  it('round-trips an item; score and escalation to KLG are written beside the levels', () => {
    const fields = riskItemToFields(item);
    expect([fields.Score, fields.EscalateToKlg]).toEqual([16, true]);
    expect(riskItemFromFields(readBack(fields), SOURCE)).toEqual(item);
  });

  it('round-trips an item not yet assessed after measures', () => {
    const fresh: RiskItem = { ...item, residual: null, residualAcceptable: null, consequenceTypes: [], measureIds: [], existingMeasures: '' };
    expect(riskItemFromFields(readBack(riskItemToFields(fresh)), SOURCE)).toEqual(fresh);
  });

  it('a level outside 1–5 is a corrupt row', () => {
    expect(() => riskItemFromFields(readBack(riskItemToFields(item), { Likelihood: 6 }), SOURCE)).toThrow(CorruptRowError);
  });

  it('keeps Title within SharePoint’s 255 characters', () => {
    expect((riskItemToFields({ ...item, whatCanGoWrong: 'x'.repeat(400) }).Title as string).length).toBe(255);
  });
});

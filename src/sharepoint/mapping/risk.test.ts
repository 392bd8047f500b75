// RiskAssessment and RiskItem ↔ fields: round trips, derived score and escalation columns, levels checked on read.
import { describe, expect, it } from 'vitest';
import type { RiskAssessment, RiskItem } from '../../domain/index.js';
import { CorruptRowError } from './fields.js';
import { riskAssessmentFromFields, riskAssessmentToFields, riskItemFromFields, riskItemToFields } from './risk.js';
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
  year: 2026,
  status: 'submitted',
  roundId: 'round-2026',
  submittedAt: '2026-02-12T10:00:00.000Z',
  compiledAt: null,
  forwardedAt: null,
  returnNote: null,
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
  doneEnough: false,
  reportToKlg: null,
  deviationIds: ['d1'],
  escalation: { agendaItemId: 'agenda-risk-ri1', committeeId: 'klg', at: '2026-02-20T09:00:00.000Z' },
  position: 3,
};

describe('risk mapping', () => {
  it('round-trips an assessment with its year, status and round', () => {
    const fields = riskAssessmentToFields(assessment);
    expect([fields.Year, fields.Status, fields.RoundId]).toEqual([2026, 'submitted', 'round-2026']);
    expect(riskAssessmentFromFields(readBack(fields), SOURCE)).toEqual(assessment);
  });

  it('reads an assessment written before the yearly process as a draft of its date’s year, in no round', () => {
    const old = readBack(riskAssessmentToFields(assessment), { Year: null, Status: null, RoundId: null, SubmittedAt: null });
    expect(riskAssessmentFromFields(old, SOURCE)).toMatchObject({ year: 2026, status: 'draft', roundId: null, submittedAt: null });
  });

  it('round-trips an item; score and escalation to KLG are written beside the levels', () => {
    const fields = riskItemToFields(item);
    expect([fields.Score, fields.EscalateToKlg]).toEqual([16, true]);
    expect(riskItemFromFields(readBack(fields), SOURCE)).toEqual(item);
  });

  it('the kommunalsjef’s «må meldes til KLG» sends a row to KLG whatever its residual risk', () => {
    const fields = riskItemToFields({ ...item, residual: { likelihood: 1, consequence: 2 }, residualAcceptable: true, reportToKlg: true });
    expect(fields.EscalateToKlg).toBe(true);
  });

  it('round-trips an item not yet assessed after measures', () => {
    const fresh: RiskItem = { ...item, residual: null, residualAcceptable: null, consequenceTypes: [], measureIds: [], existingMeasures: '', doneEnough: null, deviationIds: [], escalation: null, position: 0 };
    expect(riskItemFromFields(readBack(riskItemToFields(fresh)), SOURCE)).toEqual(fresh);
  });

  it('a level outside 1–5 is a corrupt row', () => {
    expect(() => riskItemFromFields(readBack(riskItemToFields(item), { Likelihood: 6 }), SOURCE)).toThrow(CorruptRowError);
  });

  it('keeps Title within SharePoint’s 255 characters', () => {
    expect((riskItemToFields({ ...item, whatCanGoWrong: 'x'.repeat(400) }).Title as string).length).toBe(255);
  });
});

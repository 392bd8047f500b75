// What a cell edit in the ROS grid sends: only the changed field, the residual pair together, nothing for no change.
import { describe, expect, it } from 'vitest';
import type { RiskItemView } from '../../../../src/server/api/contract-risk.js';
import { EMPTY_ROW, GRID_COLUMNS, columnEditable, editOutcome, missingForNew, newItemBody, previewColour, valuesOf, type RowValues } from './grid-model';

const saved: RowValues = {
  ...EMPTY_ROW,
  process: 'Legemiddelhåndtering',
  whatCanGoWrong: 'Feil dose',
  consequenceTypes: ['humanInjury'],
  likelihood: 4,
  consequence: 5,
  residualLikelihood: 2,
  residualConsequence: 4,
};

describe('the grid’s columns', () => {
  it('follow the municipal form: assessed, what can go wrong, types, levels, risk, measures … KLG', () => {
    expect(GRID_COLUMNS.map((c) => c.id)).toEqual([
      'process',
      'whatCanGoWrong',
      'consequenceTypes',
      'likelihood',
      'consequence',
      'risk',
      'breachOfLaw',
      'existingMeasures',
      'doneEnough',
      'residualLikelihood',
      'residualConsequence',
      'residualRisk',
      'residualAcceptable',
      'measures',
      'reportToKlg',
    ]);
    expect(GRID_COLUMNS.filter((c) => c.required).map((c) => c.id)).toEqual(['process', 'whatCanGoWrong', 'likelihood', 'consequence']);
  });

  it('let nobody edit the computed colours, and nothing without the server’s canEdit', () => {
    const risk = GRID_COLUMNS.find((c) => c.id === 'risk')!;
    const process = GRID_COLUMNS.find((c) => c.id === 'process')!;
    expect(columnEditable(risk, true)).toBe(false);
    expect(columnEditable(process, true)).toBe(true);
    expect(columnEditable(process, false)).toBe(false);
  });
});

describe('an edit of a saved row', () => {
  it('sends only the changed field, trimmed', () => {
    expect(editOutcome('process', { ...saved, process: '  Dosering  ' }, saved)).toEqual({ type: 'patch', body: { process: 'Dosering' } });
    expect(editOutcome('likelihood', { ...saved, likelihood: 3 }, saved)).toEqual({ type: 'patch', body: { likelihood: 3 } });
    expect(editOutcome('consequenceTypes', { ...saved, consequenceTypes: ['humanInjury', 'privacy'] }, saved)).toEqual({ type: 'patch', body: { consequenceTypes: ['humanInjury', 'privacy'] } });
    expect(editOutcome('residualAcceptable', { ...saved, residualAcceptable: false }, saved)).toEqual({ type: 'patch', body: { residualAcceptable: false } });
    expect(editOutcome('reportToKlg', { ...saved, reportToKlg: true }, saved)).toEqual({ type: 'patch', body: { reportToKlg: true } });
  });

  it('sends nothing when nothing changed', () => {
    expect(editOutcome('process', saved, saved)).toEqual({ type: 'unchanged' });
    expect(editOutcome('consequenceTypes', { ...saved, consequenceTypes: ['humanInjury'] }, saved)).toEqual({ type: 'unchanged' });
    expect(editOutcome('residualLikelihood', saved, saved)).toEqual({ type: 'unchanged' });
  });

  it('sends the residual likelihood and consequence together', () => {
    expect(editOutcome('residualLikelihood', { ...saved, residualLikelihood: 3 }, saved)).toEqual({ type: 'patch', body: { residualLikelihood: 3, residualConsequence: 4 } });
    expect(editOutcome('residualConsequence', { ...saved, residualConsequence: 5 }, saved)).toEqual({ type: 'patch', body: { residualLikelihood: 2, residualConsequence: 5 } });
  });

  it('waits for the pair when only one residual level is set', () => {
    const none = { ...saved, residualLikelihood: null, residualConsequence: null };
    expect(editOutcome('residualLikelihood', { ...none, residualLikelihood: 4 }, none)).toEqual({ type: 'pending', waitingFor: 'residualConsequence' });
    expect(editOutcome('residualConsequence', { ...none, residualConsequence: 4 }, none)).toEqual({ type: 'pending', waitingFor: 'residualLikelihood' });
  });

  it('clears both residual levels when either is cleared', () => {
    expect(editOutcome('residualLikelihood', { ...saved, residualLikelihood: null }, saved)).toEqual({ type: 'patch', body: { residualLikelihood: null, residualConsequence: null } });
    const none = { ...saved, residualLikelihood: null, residualConsequence: null };
    expect(editOutcome('residualConsequence', none, none)).toEqual({ type: 'unchanged' });
  });

  it('never sends an empty level for the current risk (it is required)', () => {
    expect(editOutcome('likelihood', { ...saved, likelihood: null }, saved)).toEqual({ type: 'unchanged' });
  });
});

describe('a new row', () => {
  it('says what is still needed, in column order', () => {
    expect(missingForNew(EMPTY_ROW)).toEqual(['process', 'whatCanGoWrong', 'likelihood', 'consequence']);
    expect(missingForNew({ ...EMPTY_ROW, process: ' x ', likelihood: 3 })).toEqual(['whatCanGoWrong', 'consequence']);
    expect(missingForNew({ ...EMPTY_ROW, process: '   ', whatCanGoWrong: 'y', likelihood: 9, consequence: 2 })).toEqual(['process', 'likelihood']);
  });

  it('is created with everything filled in so far, and a residual only as a pair', () => {
    expect(newItemBody(EMPTY_ROW)).toBeNull();
    expect(newItemBody({ ...saved, residualConsequence: null })).toEqual({
      process: 'Legemiddelhåndtering',
      whatCanGoWrong: 'Feil dose',
      consequenceTypes: ['humanInjury'],
      likelihood: 4,
      consequence: 5,
      breachOfLaw: false,
      existingMeasures: '',
      doneEnough: null,
      residualLikelihood: null,
      residualConsequence: null,
      residualAcceptable: null,
      reportToKlg: null,
    });
    expect(newItemBody(saved, 3)).toMatchObject({ residualLikelihood: 2, residualConsequence: 4, position: 3 });
  });

  it('shows a colour before the server has answered', () => {
    expect(previewColour(saved, 'now')).toEqual({ colour: 'red', score: 20 });
    expect(previewColour(saved, 'after')).toEqual({ colour: 'yellow', score: 8 });
    expect(previewColour(EMPTY_ROW, 'now')).toBeNull();
  });
});

describe('a saved item', () => {
  it('becomes the grid’s values', () => {
    const item = {
      process: 'P',
      whatCanGoWrong: 'W',
      consequenceTypes: ['privacy'],
      current: { likelihood: 3, consequence: 2, score: 6, colour: 'yellow' },
      breachOfLaw: true,
      existingMeasures: 'E',
      doneEnough: false,
      residual: null,
      residualAcceptable: null,
      reportToKlg: true,
    } as unknown as RiskItemView;
    expect(valuesOf(item)).toEqual({
      process: 'P',
      whatCanGoWrong: 'W',
      consequenceTypes: ['privacy'],
      likelihood: 3,
      consequence: 2,
      breachOfLaw: true,
      existingMeasures: 'E',
      doneEnough: false,
      residualLikelihood: null,
      residualConsequence: null,
      residualAcceptable: null,
      reportToKlg: true,
    });
  });
});

// The receipt: case number, kind, unit, the status trail with the current step highlighted, what happens next, the pending variant.
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../domain/index.js';
import { receiptCard, statusTrail, type ReceiptCardInput } from './receipt-card.js';
import { CASE_URL } from './test-fixtures.js';

const input: ReceiptCardInput = {
  locale: 'nb-NO',
  kind: 'adverseEvent',
  caseNumber: 'AV-2026-00123',
  unitName: 'Eikeberg sykehjem, avdeling A',
  status: 'new',
  caseUrl: CASE_URL,
};
const text = (i: ReceiptCardInput): string => JSON.stringify(receiptCard(i));

describe('receiptCard', () => {
  it('matches the snapshot for a new case', () => {
    expect(receiptCard(input)).toMatchSnapshot();
  });

  it('matches the snapshot for the pending variant', () => {
    expect(receiptCard({ ...input, caseNumber: null, caseUrl: null, delivery: 'pending' })).toMatchSnapshot();
  });

  it('shows the case number, kind, unit and status', () => {
    const json = text(input);
    for (const part of ['Takk! Meldingen er registrert.', 'AV-2026-00123', 'Avvik', 'Eikeberg sykehjem, avdeling A', '"Ny"']) expect(json).toContain(part);
  });

  it('opens the case in the tab', () => {
    expect(receiptCard(input).actions).toEqual([{ type: 'Action.OpenUrl', title: 'Åpne saken', url: CASE_URL }]);
    expect(receiptCard({ ...input, caseUrl: null }).actions).toBeUndefined();
  });

  it.each([
    ['new', 'Nærmeste leder har fått beskjed'],
    ['received', 'Lederen har tatt imot saken'],
    ['underAnalysis', '«5 hvorfor»'],
    ['measuresDecided', 'Tiltak er besluttet'],
    ['closed', 'Saken er lukket'],
  ] as const)('says what happens next when the status is %s', (status, next) => {
    expect(text({ ...input, status })).toContain(next);
  });

  it('says the report is saved but not yet passed on when Graph was throttled, without a status trail', () => {
    const json = text({ ...input, caseNumber: null, caseUrl: null, delivery: 'pending' });
    expect(json).toContain('Meldingen er lagret, men');
    expect(json).toContain('Du trenger ikke melde på nytt.');
    expect(json).not.toContain('Saksgang');
    expect(json).not.toContain('Saksnummer');
  });

  it('keeps the case number in the pending variant when it is known', () => {
    expect(text({ ...input, delivery: 'pending' })).toContain('AV-2026-00123');
  });

  it('leaves the unit out of a whistleblowing receipt and speaks of confidential handling', () => {
    const json = text({ ...input, kind: 'whistleblowingReport', caseNumber: 'VA-2026-00001', status: 'received' });
    expect(json).toContain('Varselet ditt er mottatt');
    expect(json).toContain('fortrolig');
    expect(json).not.toContain('Eikeberg');
    expect(json).not.toContain('Enhet');
  });

  it('speaks nynorsk and English', () => {
    expect(text({ ...input, locale: 'nn-NO' })).toContain('Meldinga er registrert');
    expect(text({ ...input, locale: 'en-GB' })).toContain('Your report is registered');
  });
});

describe('statusTrail', () => {
  it('highlights the current step, keeps passed steps plain and dims the ones ahead', () => {
    const runs = statusTrail('nb-NO', 'underAnalysis').inlines.filter((r) => r.text !== ' → ');
    expect(runs).toEqual([
      { type: 'TextRun', text: 'Ny' },
      { type: 'TextRun', text: 'Mottatt' },
      { type: 'TextRun', text: 'Under analyse', weight: 'bolder', color: 'accent' },
      { type: 'TextRun', text: 'Tiltak besluttet', isSubtle: true },
      { type: 'TextRun', text: 'Lukket', isSubtle: true },
    ]);
  });

  it.each(CASE_STATUSES)('highlights exactly one step for %s', (status) => {
    expect(statusTrail('nb', status).inlines.filter((r) => r.weight === 'bolder')).toHaveLength(1);
  });
});

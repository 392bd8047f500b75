// The report form: fields by kind, defaults, the whistleblowing variant, kept values and server errors.
import { describe, expect, it } from 'vitest';
import type { CardElement, ChoiceSetInput } from './card-types.js';
import { readReportFormData, reportFormCard, REPORT_FORM_LIMITS, type ReportFormInput } from './report-form-card.js';
import { DEFAULTS, formInput, HUGE_TEXT } from './test-fixtures.js';
import { cardSizeBytes, TEAMS_CARD_MAX_BYTES, validateCard } from './validate-card.js';

/** Every element of the card body in document order, columns and containers opened. */
function flat(elements: readonly CardElement[]): CardElement[] {
  return elements.flatMap((e) => {
    if (e.type === 'Container') return [e, ...flat(e.items)];
    if (e.type === 'ColumnSet') return [e, ...flat(e.columns.flatMap((c) => c.items))];
    return [e];
  });
}
const elements = (input: ReportFormInput): CardElement[] => flat(reportFormCard(input).body);
const inputIds = (input: ReportFormInput): string[] => elements(input).flatMap((e) => ('id' in e && e.id !== undefined ? [e.id] : []));
const field = (input: ReportFormInput, id: string): CardElement | undefined => elements(input).find((e) => 'id' in e && e.id === id);
const texts = (e: CardElement | undefined): string => JSON.stringify(e ?? null);

describe('reportFormCard', () => {
  it('matches the snapshot for an adverse event', () => {
    expect(reportFormCard(formInput())).toMatchSnapshot();
  });

  it('matches the snapshot for whistleblowing', () => {
    expect(reportFormCard(formInput({ kind: 'whistleblowingReport' }))).toMatchSnapshot();
  });

  it('asks everything an adverse event needs, severity included', () => {
    expect(inputIds(formInput())).toEqual([
      'kind',
      'description',
      'location',
      'occurredDate',
      'occurredTime',
      'unitId',
      'consequenceFor',
      'immediateAction',
      'severity',
    ]);
  });

  it('asks severity for near misses but not for improvement proposals or positive feedback', () => {
    expect(inputIds(formInput({ kind: 'nearMiss' }))).toContain('severity');
    expect(inputIds(formInput({ kind: 'improvementProposal' }))).not.toContain('severity');
    expect(inputIds(formInput({ kind: 'positiveFeedback' }))).not.toContain('severity');
  });

  it('asks a proposal only what it is and where it belongs: it describes no event', () => {
    expect(inputIds(formInput({ kind: 'improvementProposal' }))).toEqual(['kind', 'description', 'unitId']);
  });

  it('requires what happened, with a message and a length limit', () => {
    expect(field(formInput(), 'description')).toMatchObject({
      type: 'Input.Text',
      isMultiline: true,
      isRequired: true,
      errorMessage: 'Skriv kort hva det gjelder.',
      maxLength: REPORT_FORM_LIMITS.description,
      label: 'Hva skjedde?',
    });
    expect(field(formInput({ kind: 'improvementProposal' }), 'description')).toMatchObject({ label: 'Hva er forslaget ditt?' });
  });

  it('defaults "when" to the Oslo now it is given, and allows no later date', () => {
    expect(field(formInput(), 'occurredDate')).toMatchObject({ type: 'Input.Date', value: '2026-11-23', max: '2026-11-23' });
    expect(field(formInput(), 'occurredTime')).toMatchObject({ type: 'Input.Time', value: '14:05' });
  });

  it("offers the units it is given, the reporter's preselected", () => {
    const unit = field(formInput(), 'unitId') as ChoiceSetInput;
    expect(unit.choices.map((c) => c.value)).toEqual(['sh-a', 'sh-b', 'ht']);
    expect(unit.value).toBe('sh-a');
    expect(unit.isRequired).toBe(true);
    expect((field(formInput({ reporterUnitId: 'elsewhere' }), 'unitId') as ChoiceSetInput).value).toBeUndefined();
    expect(inputIds(formInput({ units: [] }))).not.toContain('unitId');
  });

  it('offers who was affected as a multi-select of the domain codes', () => {
    const consequence = field(formInput(), 'consequenceFor') as ChoiceSetInput;
    expect(consequence.isMultiSelect).toBe(true);
    expect(consequence.choices.map((c) => c.value)).toEqual(['serviceUser', 'employee', 'organisation', 'environment']);
  });

  it('carries the submission id in the submit data', () => {
    expect(reportFormCard(formInput({ submissionId: 'abc-123' })).actions).toEqual([
      { type: 'Action.Execute', title: 'Send', verb: 'submitReport', data: { submissionId: 'abc-123' }, style: 'positive' },
    ]);
  });

  describe('whistleblowing', () => {
    const input = formInput({ kind: 'whistleblowingReport', locale: 'nb-NO' });

    it('has a confidentiality notice and no kind, unit or severity', () => {
      expect(texts(reportFormCard(input).body[1])).toContain('Varselet behandles fortrolig');
      expect(inputIds(input)).toEqual(['description', 'location', 'occurredDate', 'occurredTime']);
    });

    it('sends its kind in the data, since there is no kind input', () => {
      expect(reportFormCard(input).actions?.[0]).toMatchObject({ title: 'Send varselet', data: { submissionId: 'sub-1', kind: 'whistleblowingReport' } });
    });
  });

  describe('shown again after a failed submit', () => {
    const values = {
      kind: 'nearMiss',
      description: 'Beboer holdt på å falle.',
      location: 'Bad',
      occurredDate: '2026-11-22',
      occurredTime: '22:15',
      unitId: 'sh-b',
      consequenceFor: 'employee,serviceUser,bogus',
      immediateAction: 'Holdt igjen.',
      severity: 'high',
    };
    const errors = { severity: 'Velg alvorlighetsgrad.', occurredDate: 'Tidspunktet kan ikke være fram i tid.', form: 'Prøv igjen.' };
    const input = formInput({ kind: 'adverseEvent', values, errors });

    it("keeps the user's values", () => {
      expect(field(input, 'kind')).toMatchObject({ value: 'nearMiss' });
      expect(field(input, 'description')).toMatchObject({ value: 'Beboer holdt på å falle.' });
      expect(field(input, 'location')).toMatchObject({ value: 'Bad' });
      expect(field(input, 'occurredDate')).toMatchObject({ value: '2026-11-22' });
      expect(field(input, 'occurredTime')).toMatchObject({ value: '22:15' });
      expect(field(input, 'unitId')).toMatchObject({ value: 'sh-b' });
      expect(field(input, 'immediateAction')).toMatchObject({ value: 'Holdt igjen.' });
      expect(field(input, 'severity')).toMatchObject({ value: 'high' });
    });

    it('keeps only values the choices allow, in their order', () => {
      expect(field(input, 'consequenceFor')).toMatchObject({ value: 'serviceUser,employee' });
      const odd = formInput({ values: { unitId: 'nope', severity: 'extreme', occurredDate: '23.11.2026', occurredTime: '9' } });
      expect(field(odd, 'unitId')).toMatchObject({ value: 'sh-a' });
      expect((field(odd, 'severity') as ChoiceSetInput).value).toBeUndefined();
      expect(field(odd, 'occurredDate')).toMatchObject({ value: DEFAULTS.date });
      expect(field(odd, 'occurredTime')).toMatchObject({ value: DEFAULTS.time });
    });

    it('shows each error under its field, in the attention colour', () => {
      const all = elements(input);
      const severityAt = all.findIndex((e) => 'id' in e && e.id === 'severity');
      expect(all[severityAt + 1]).toEqual({
        type: 'RichTextBlock',
        spacing: 'small',
        inlines: [{ type: 'TextRun', text: 'Velg alvorlighetsgrad.', color: 'attention' }],
      });
      const whenAt = all.findIndex((e) => e.type === 'ColumnSet' && JSON.stringify(e).includes('occurredDate'));
      expect(texts(all[whenAt + 3])).toContain('Tidspunktet kan ikke være fram i tid.');
    });

    it('sums the errors up at the top, the general one first', () => {
      const summary = reportFormCard(input).body[2];
      expect(summary).toMatchObject({ type: 'Container', style: 'attention' });
      const text = texts(summary);
      expect(text).toContain('Meldingen er ikke sendt ennå');
      expect(text.indexOf('Prøv igjen.')).toBeLessThan(text.indexOf('Tidspunktet'));
      expect(text.indexOf('Tidspunktet')).toBeLessThan(text.indexOf('Velg alvorlighetsgrad.'));
    });

    it('has no summary when there are no errors', () => {
      expect(JSON.stringify(reportFormCard(formInput({ values })).body)).not.toContain('attention');
    });

    it('stays under the Teams limit with 30 units and every text field full of 4-byte characters', () => {
      const units = Array.from({ length: 30 }, (_, i) => ({ id: `0b8f3c2e-1d4a-4f6b-9c3e-${String(i).padStart(12, '0')}`, name: `Virksomhet med et langt navn ${i}, avdeling` }));
      const huge = { kind: 'nearMiss', description: HUGE_TEXT, location: HUGE_TEXT, immediateAction: HUGE_TEXT };
      const card = reportFormCard(formInput({ units, values: huge, errors }));
      expect(validateCard(card)).toEqual([]);
      expect(cardSizeBytes(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    });

    it('cuts 100,000 characters down to what the field allows', () => {
      const value = (field(formInput({ values: { description: HUGE_TEXT } }), 'description') as { value: string }).value;
      expect(Array.from(value)).toHaveLength(REPORT_FORM_LIMITS.description);
      expect(value.endsWith('…')).toBe(true);
    });
  });
});

describe('readReportFormData', () => {
  it('reads the submission id and the string values', () => {
    expect(readReportFormData({ submissionId: 's1', kind: 'nearMiss', description: 'x', severity: 3, other: 'y' })).toEqual({
      submissionId: 's1',
      values: { kind: 'nearMiss', description: 'x' },
    });
  });

  it('survives anything a client may send', () => {
    for (const data of [null, undefined, 'text', 42, [], { submissionId: '' }]) {
      expect(readReportFormData(data)).toEqual({ submissionId: null, values: {} });
    }
  });
});

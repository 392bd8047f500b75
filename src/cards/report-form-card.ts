// The report form: what, where, when, which unit, who was affected, what was done, how serious; or the confidential whistleblowing variant.
//
// Reporting must take seconds (seed 003): one required field, everything else optional. The same
// builder re-shows the form with the user's values and the server's errors when a submit fails.
import {
  CONSEQUENCE_FOR,
  SEVERITIES,
  kindRequiresSeverity,
  type CalendarDate,
  type ConsequenceFor,
  type DeviationKind,
  type OrgUnit,
  type Severity,
} from '../domain/index.js';
import type { AdaptiveCard, CardElement, Choice, ChoiceSetInput, ColumnSet, Container, TextInput } from './card-types.js';
import { adaptiveCard, attention, execute, heading, paragraph } from './elements.js';
import { consequenceForLabel, kindLabel, severityLabel, t, type StringKey } from './strings.js';
import { oneLine, safeText } from './text.js';
import { VERBS } from './verbs.js';

/** Input ids, as they come back in the submit data (with `submissionId`). */
export const REPORT_FORM_FIELDS = [
  'kind',
  'description',
  'location',
  'occurredDate',
  'occurredTime',
  'unitId',
  'consequenceFor',
  'immediateAction',
  'severity',
] as const;

export type ReportFormField = (typeof REPORT_FORM_FIELDS)[number];

/** The form's values as Teams sends them: strings; a multi-select is its values joined by commas. */
export type ReportFormValues = Partial<Record<ReportFormField, string>>;

/** Messages by field; 'form' is for an error that belongs to no single field (shown in the summary only). */
export type ReportFormErrors = Partial<Record<ReportFormField | 'form', string>>;

/** Lengths the inputs allow: a form full of 4-byte characters with 30 units stays under Teams' 28 KB (tested). */
export const REPORT_FORM_LIMITS = { description: 3000, location: 200, immediateAction: 1000 } as const;

/** Longest error message shown; ours are one short sentence, this bounds a message that quotes input. */
const ERROR_MAX = 200;

/** The kinds an employee reports in the chat; findings from inspections and audits come in by other routes. */
export const REPORTABLE_KINDS: readonly DeviationKind[] = ['adverseEvent', 'nearMiss', 'improvementProposal', 'positiveFeedback'];

export interface ReportFormInput {
  readonly locale: string;
  /** The kind chosen on the way in; 'whistleblowingReport' gives the confidential variant. */
  readonly kind: DeviationKind;
  /** Made by the app when the form is first shown and kept on re-show: a retried submit is the same report. */
  readonly submissionId: string;
  /** The units the reporter may choose (their own and those near it); the field is left out when empty. */
  readonly units: readonly Pick<OrgUnit, 'id' | 'name'>[];
  /** Preselected unit when the user has not chosen one. */
  readonly reporterUnitId?: string | null;
  /** "Now" on the Oslo wall clock, from the app (osloDateAndTime(now)): the default "when" and the latest date allowed. */
  readonly defaults: { readonly date: CalendarDate; readonly time: string };
  /** What the user entered, kept when the form is shown again. */
  readonly values?: ReportFormValues;
  /** Server-side errors by field (in the user's language), shown under the field and summed up at the top. */
  readonly errors?: ReportFormErrors;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

const pick = <T extends string>(allowed: readonly T[], value: string | undefined): T | undefined =>
  allowed.find((a) => a === value?.trim());

function descriptionLabel(kind: DeviationKind): StringKey {
  if (kind === 'improvementProposal') return 'form.description.proposal';
  if (kind === 'positiveFeedback') return 'form.description.feedback';
  return 'form.description.event';
}

export function reportFormCard(input: ReportFormInput): AdaptiveCard {
  const { locale, defaults } = input;
  const values = input.values ?? {};
  const errors = input.errors ?? {};
  const whistleblowing = input.kind === 'whistleblowingReport';
  const kinds = REPORTABLE_KINDS.includes(input.kind) || whistleblowing ? REPORTABLE_KINDS : [...REPORTABLE_KINDS, input.kind];
  const kind = whistleblowing ? input.kind : (pick(kinds, values.kind) ?? input.kind);

  const errorFor = (field: ReportFormField): CardElement[] => {
    const message = errors[field];
    return message === undefined ? [] : [attention(safeText(message, ERROR_MAX))];
  };
  const text = (id: ReportFormField, label: string, max: number, extra: Partial<TextInput> = {}): CardElement[] => {
    const field: TextInput = { type: 'Input.Text', id, label, maxLength: max, ...extra };
    const value = safeText(values[id] ?? '', max);
    if (value !== '') field.value = value;
    return [field, ...errorFor(id)];
  };

  const body: CardElement[] = [];
  if (whistleblowing) {
    body.push(heading(t(locale, 'form.whistleblowing.title'), 'large'), confidentialityNotice(locale));
  } else {
    body.push(heading(t(locale, 'form.title'), 'large'), paragraph(t(locale, 'form.intro'), { spacing: 'small' }));
  }
  body.push(...errorSummary(locale, errors));

  if (!whistleblowing) body.push(...kindField(locale, kinds, kind), ...errorFor('kind'));
  body.push(
    ...text('description', t(locale, whistleblowing ? 'form.whistleblowing.description' : descriptionLabel(kind)), REPORT_FORM_LIMITS.description, {
      isMultiline: true,
      isRequired: true,
      errorMessage: t(locale, 'form.error.descriptionMissing'),
      placeholder: t(locale, whistleblowing ? 'form.whistleblowing.placeholder' : 'form.description.placeholder'),
    }),
  );
  if (!whistleblowing) body.push(paragraph(t(locale, 'form.privacy'), { isSubtle: true, size: 'small', spacing: 'small' }));
  // A proposal describes no event (occurredAt is null for it in the domain): no where, when or harm.
  const event = kind !== 'improvementProposal';
  if (event) {
    body.push(
      ...text('location', t(locale, 'form.location'), REPORT_FORM_LIMITS.location, { placeholder: t(locale, 'form.location.placeholder') }),
      whenField(locale, defaults, values),
      ...errorFor('occurredDate'),
      ...errorFor('occurredTime'),
    );
  }
  if (!whistleblowing) body.push(...unitField(locale, input, values), ...errorFor('unitId'));
  if (event && !whistleblowing) {
    body.push(
      ...consequenceField(locale, values),
      ...errorFor('consequenceFor'),
      ...text('immediateAction', t(locale, 'form.immediateAction'), REPORT_FORM_LIMITS.immediateAction, {
        isMultiline: true,
        placeholder: t(locale, 'form.immediateAction.placeholder'),
      }),
    );
  }
  if (kindRequiresSeverity(kind)) body.push(...severityField(locale, values, errorFor('severity')));

  const data: Record<string, string> = { submissionId: input.submissionId };
  // The whistleblowing form has no kind input, so the kind travels in the data.
  if (whistleblowing) data.kind = input.kind;
  const submit = t(locale, whistleblowing ? 'form.whistleblowing.submit' : 'form.submit');
  return adaptiveCard(body, [execute(submit, VERBS.submitReport, data, 'positive')]);
}

function confidentialityNotice(locale: string): Container {
  return {
    type: 'Container',
    style: 'emphasis',
    items: [
      paragraph(t(locale, 'form.whistleblowing.notice')),
      paragraph(t(locale, 'form.whistleblowing.ordinaryHint'), { isSubtle: true, spacing: 'small' }),
    ],
  };
}

function errorSummary(locale: string, errors: ReportFormErrors): CardElement[] {
  const messages = (['form', ...REPORT_FORM_FIELDS] as const)
    .map((field) => errors[field])
    .filter((m): m is string => m !== undefined && m.trim() !== '');
  if (messages.length === 0) return [];
  return [
    {
      type: 'Container',
      style: 'attention',
      spacing: 'medium',
      items: [
        paragraph(t(locale, 'form.errorSummary'), { weight: 'bolder', color: 'attention' }),
        ...messages.map((m) => attention(`• ${safeText(m, ERROR_MAX)}`)),
      ],
    },
  ];
}

function kindField(locale: string, kinds: readonly DeviationKind[], kind: DeviationKind): ChoiceSetInput[] {
  return [
    {
      type: 'Input.ChoiceSet',
      id: 'kind',
      label: t(locale, 'form.kind'),
      style: 'expanded',
      isRequired: true,
      errorMessage: t(locale, 'form.error.kindMissing'),
      choices: kinds.map((k) => ({ title: kindLabel(locale, k), value: k })),
      value: kind,
    },
  ];
}

function whenField(locale: string, defaults: ReportFormInput['defaults'], values: ReportFormValues): ColumnSet {
  const date = values.occurredDate !== undefined && DATE.test(values.occurredDate) ? values.occurredDate : defaults.date;
  const time = values.occurredTime !== undefined && TIME.test(values.occurredTime) ? values.occurredTime : defaults.time;
  return {
    type: 'ColumnSet',
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        items: [{ type: 'Input.Date', id: 'occurredDate', label: t(locale, 'form.date'), value: date, max: defaults.date }],
      },
      { type: 'Column', width: 'stretch', items: [{ type: 'Input.Time', id: 'occurredTime', label: t(locale, 'form.time'), value: time }] },
    ],
  };
}

function unitField(locale: string, input: ReportFormInput, values: ReportFormValues): ChoiceSetInput[] {
  if (input.units.length === 0) return [];
  const ids = input.units.map((u) => u.id);
  const chosen = pick(ids, values.unitId) ?? pick(ids, input.reporterUnitId ?? undefined);
  const field: ChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id: 'unitId',
    label: t(locale, 'form.unit'),
    style: 'compact',
    isRequired: true,
    errorMessage: t(locale, 'form.error.unitMissing'),
    choices: input.units.map((u): Choice => ({ title: oneLine(u.name, 120), value: u.id })),
  };
  if (chosen !== undefined) field.value = chosen;
  return [field];
}

function consequenceField(locale: string, values: ReportFormValues): ChoiceSetInput[] {
  const chosen = (values.consequenceFor ?? '').split(',').map((v) => pick(CONSEQUENCE_FOR, v));
  const field: ChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id: 'consequenceFor',
    label: t(locale, 'form.consequenceFor'),
    isMultiSelect: true,
    style: 'expanded',
    choices: CONSEQUENCE_FOR.map((c) => ({ title: consequenceForLabel(locale, c), value: c })),
  };
  const value = CONSEQUENCE_FOR.filter((c: ConsequenceFor) => chosen.includes(c)).join(',');
  if (value !== '') field.value = value;
  return [field];
}

function severityField(locale: string, values: ReportFormValues, error: CardElement[]): CardElement[] {
  const chosen: Severity | undefined = pick(SEVERITIES, values.severity);
  // Not isRequired on the card: the kind can be changed to one without severity on the same form.
  // The server requires it for adverse events and near misses and re-shows the form with the error.
  const field: ChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id: 'severity',
    label: t(locale, 'form.severity'),
    style: 'expanded',
    choices: SEVERITIES.map((s) => ({ title: severityLabel(locale, s), value: s })),
  };
  if (chosen !== undefined) field.value = chosen;
  return [field, ...error, paragraph(t(locale, 'form.severity.hint'), { isSubtle: true, size: 'small', spacing: 'small' })];
}

/** The submit data of the form, read defensively (it comes from the client): submission id and string values. */
export function readReportFormData(data: unknown): { readonly submissionId: string | null; readonly values: ReportFormValues } {
  const record: Record<string, unknown> = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const values: ReportFormValues = {};
  for (const field of REPORT_FORM_FIELDS) {
    const value = record[field];
    if (typeof value === 'string') values[field] = value;
  }
  const id = record.submissionId;
  return { submissionId: typeof id === 'string' && id !== '' ? id : null, values };
}

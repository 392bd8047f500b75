// The fields of a new measure (tiltak: what, who, by when), and the form that adds one to a case or a risk row.
// A measure lands on the action list, so every place asks for it the same way.
import { Field, Input, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiRequestError } from '../api/client';
import { osloToday } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { emptyMeasure, measureFieldsBody, measureProblems, type MeasureDraft, type MeasureFieldsBody } from './measure-draft';
import { FormFooter } from './form-footer';
import { usePageStyles } from './page';
import { PersonPicker } from './person-picker';

export interface MeasureFieldsProps {
  value: MeasureDraft;
  onChange(next: MeasureDraft): void;
  /** Show what is missing (after the first try to add). */
  showProblems: boolean;
  /** Test ids are `<testIdPrefix>-title`, `-description`, `-owner` and `-deadline`. */
  testIdPrefix: string;
  /** Mark the fields required (a measure of its own); a measure inside a larger form may be left out. */
  required?: boolean;
  /** Ask for a description too. */
  withDescription?: boolean;
}

export function MeasureFields({ value, onChange, showProblems, testIdPrefix, required, withDescription }: MeasureFieldsProps) {
  const { t } = useI18n();
  const today = osloToday();
  const problems = new Set(showProblems ? measureProblems(value, today) : []);
  const set = (patch: Partial<MeasureDraft>) => onChange({ ...value, ...patch });
  const requiredText = t('common.required');
  return (
    <>
      <Field label={t('measure.title')} required={required} validationMessage={problems.has('title') ? requiredText : undefined}>
        <Input value={value.title} maxLength={255} onChange={(_, d) => set({ title: d.value })} data-testid={`${testIdPrefix}-title`} />
      </Field>
      {withDescription && (
        <Field label={t('measure.description')}>
          <Textarea value={value.description} maxLength={4000} onChange={(_, d) => set({ description: d.value })} data-testid={`${testIdPrefix}-description`} />
        </Field>
      )}
      <PersonPicker
        label={t('measure.owner')}
        value={value.owner}
        onChange={(owner) => set({ owner })}
        testId={`${testIdPrefix}-owner`}
        required={required}
        validationMessage={problems.has('owner') ? requiredText : undefined}
      />
      <Field
        label={t('measure.deadline')}
        required={required}
        validationMessage={problems.has('deadline') ? requiredText : problems.has('deadlinePast') ? t('measure.deadlinePast') : undefined}
      >
        <Input type="date" min={today} value={value.deadline} onChange={(_, d) => set({ deadline: d.value })} data-testid={`${testIdPrefix}-deadline`} />
      </Field>
    </>
  );
}

export interface MeasureFormProps {
  /** The form's test id and its heading's id are `<testIdPrefix>-form`; the button is `<testIdPrefix>-add`. */
  testIdPrefix: string;
  /** The heading, also the button's text. */
  label: string;
  busy: boolean;
  /** Sends the measure; true when it was added (the form is then emptied). */
  onAdd(body: MeasureFieldsBody): Promise<boolean>;
  /** The write's error and success, shown above the button (a form whose page shows them elsewhere leaves them out). */
  error?: ApiRequestError | null;
  done?: string | null;
}

export function MeasureForm({ testIdPrefix, label, busy, onAdd, error = null, done = null }: MeasureFormProps) {
  const page = usePageStyles();
  const [draft, setDraft] = useState<MeasureDraft>(emptyMeasure);
  const [tried, setTried] = useState(false);
  const formId = `${testIdPrefix}-form`;

  const add = async () => {
    setTried(true);
    const { owner } = draft;
    if (measureProblems(draft, osloToday()).length > 0 || !owner) return;
    if (await onAdd(measureFieldsBody({ ...draft, owner }))) {
      setDraft(emptyMeasure());
      setTried(false);
    }
  };

  return (
    <form
      className={page.form}
      aria-labelledby={formId}
      data-testid={formId}
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <h3 id={formId} className={page.h3}>
        {label}
      </h3>
      <MeasureFields value={draft} onChange={setDraft} showProblems={tried} testIdPrefix={testIdPrefix} required withDescription />
      <FormFooter error={error} done={done} busy={busy} submitLabel={label} submitTestId={`${testIdPrefix}-add`} />
    </form>
  );
}

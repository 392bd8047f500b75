// A labelled drop-down of code values, optionally led by a «no filter» choice (value ''), for filter bars and forms.
import { Field, Select } from '@fluentui/react-components';

export interface Choice {
  value: string;
  label: string;
}

export interface ChoiceFieldProps {
  label: string;
  hint?: string;
  required?: boolean;
  validationMessage?: string;
  value: string;
  choices: readonly Choice[];
  /** The first choice, value '' (say «Alle»); left out when absent. */
  emptyLabel?: string;
  /** The chosen value as the browser gives it: the caller checks it against its codes. */
  onChange(value: string): void;
  testId?: string;
}

export function ChoiceField({ label, hint, required, validationMessage, value, choices, emptyLabel, onChange, testId }: ChoiceFieldProps) {
  return (
    <Field label={label} hint={hint} required={required} validationMessage={validationMessage}>
      <Select data-testid={testId} value={value} onChange={(_, d) => onChange(d.value)}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

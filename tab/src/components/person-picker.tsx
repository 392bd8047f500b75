// Picks a person by name (GET /api/people?q=): a combobox that searches as you type.
import { Combobox, Field, Option } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PersonRef, PersonSummary } from '../../../src/server/api/contract.js';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

export interface PersonPickerProps {
  label: string;
  value: PersonRef | null;
  onChange(person: PersonRef | null): void;
  testId: string;
  required?: boolean;
  hint?: string;
  validationMessage?: string;
}

export function PersonPicker({ label, value, onChange, testId, required, hint, validationMessage }: PersonPickerProps) {
  const { t } = useI18n();
  const { api } = useSession();
  const [query, setQuery] = useState(value?.name ?? '');
  const [options, setOptions] = useState<PersonSummary[]>([]);
  const [open, setOpen] = useState(false);

  useEffect(() => setQuery(value?.name ?? ''), [value]);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2 || q === value?.name) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.get<PersonSummary[]>(`/api/people?q=${encodeURIComponent(q)}`, controller.signal).then(
        (people) => setOptions(people),
        () => setOptions([]),
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, query, value?.name]);

  return (
    <Field label={label} required={required} hint={hint} validationMessage={validationMessage}>
      <Combobox
        data-testid={testId}
        freeform
        placeholder={t('measure.ownerPlaceholder')}
        value={query}
        selectedOptions={value ? [value.id] : []}
        // Open while typing, so the matches show as they arrive from the server.
        open={open && query.trim().length >= 2}
        onOpenChange={(_, d) => setOpen(d.open)}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          if (value) onChange(null);
        }}
        onOptionSelect={(_, d) => {
          const person = options.find((p) => p.id === d.optionValue);
          onChange(person ? { id: person.id, name: person.name } : null);
          if (person) setQuery(person.name);
          setOpen(false);
        }}
      >
        {options.length === 0 && query.trim().length >= 2 && !value ? (
          <Option disabled value="" text={t('measure.ownerNone')}>
            {t('measure.ownerNone')}
          </Option>
        ) : (
          options.map((p) => (
            <Option key={p.id} value={p.id} text={p.name} data-testid={`${testId}-option`}>
              {p.name}
            </Option>
          ))
        )}
      </Combobox>
    </Field>
  );
}

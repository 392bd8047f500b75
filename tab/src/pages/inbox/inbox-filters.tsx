// The inbox's filters: scope, kind, status, severity, unit, period, text search and sort; every change goes to the URL.
import { Button, Field, Input, Radio, RadioGroup, SearchBox, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import type { InboxFilters } from '../../api/query';
import { ChoiceField } from '../../components/choice-field';
import { useFilterGrid } from '../../components/filter-bar';
import { UnitSelect } from '../../components/unit-select';
import { CASE_SORTS, KINDS, OPEN_STATUSES, SEVERITIES, STATUSES, type CaseScope, type CaseSort } from '../../domain-values';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/catalogue';

const useStyles = makeStyles({
  search: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', gridColumn: 'span 2', '@media (max-width: 600px)': { gridColumn: 'auto' } },
  grow: { flexGrow: 1 },
});

const OPEN = OPEN_STATUSES.join(',');

export function InboxFiltersForm({ filters, scope, scopes, onChange }: { filters: InboxFilters; scope: CaseScope; scopes: readonly CaseScope[]; onChange(next: InboxFilters): void }) {
  const styles = useStyles();
  const grid = useFilterGrid();
  const { t, labels } = useI18n();
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  const set = (patch: Partial<InboxFilters>) => onChange({ ...filters, ...patch });
  const statusValue = filters.status?.join(',') ?? '';
  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    set({ q: q.trim() || undefined });
  };

  return (
    <>
      {scopes.length === 1 && (
        // Someone who sees only their own reports is told so (there is nothing to choose).
        <Text data-testid="scope-only">{`${t('inbox.scope')}: ${labels.scope[scope]}`}</Text>
      )}
      {scopes.length > 1 && (
        <Field label={t('inbox.scope')}>
          <RadioGroup layout="horizontal" value={scope} onChange={(_, d) => set({ scope: d.value as CaseScope })} data-testid="scope">
            {scopes.map((s) => (
              <Radio key={s} value={s} label={labels.scope[s]} data-testid={`scope-${s}`} />
            ))}
          </RadioGroup>
        </Field>
      )}
      <div className={grid}>
        <Field label={t('inbox.filter.kind')}>
          <Select data-testid="filter-kind" value={filters.kind?.join(',') ?? ''} onChange={(_, d) => set({ kind: d.value ? (d.value.split(',') as InboxFilters['kind']) : undefined })}>
            <option value="">{t('common.all')}</option>
            {filters.kind && filters.kind.length > 1 && <option value={filters.kind.join(',')}>{filters.kind.map((k) => labels.kind[k]).join(', ')}</option>}
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {labels.kind[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('inbox.filter.status')}>
          <Select data-testid="filter-status" value={statusValue} onChange={(_, d) => set({ status: d.value ? (d.value.split(',') as InboxFilters['status']) : undefined })}>
            <option value="">{t('common.all')}</option>
            <option value={OPEN}>{t('inbox.filter.openStatuses')}</option>
            {filters.status && filters.status.length > 1 && statusValue !== OPEN && <option value={statusValue}>{filters.status.map((s) => labels.status[s]).join(', ')}</option>}
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {labels.status[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('inbox.filter.severity')}>
          <Select
            data-testid="filter-severity"
            value={filters.severity?.join(',') ?? ''}
            onChange={(_, d) => set({ severity: d.value ? (d.value.split(',') as InboxFilters['severity']) : undefined })}
          >
            <option value="">{t('common.all')}</option>
            {filters.severity && filters.severity.length > 1 && <option value={filters.severity.join(',')}>{filters.severity.map((s) => labels.severity[s]).join(', ')}</option>}
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {labels.severity[s]}
              </option>
            ))}
          </Select>
        </Field>
        <UnitSelect label={t('inbox.filter.unit')} value={filters.unitId} onChange={(unitId) => set({ unitId })} allLabel={t('unitPicker.all')} testId="filter-unit" />
        <Field label={t('inbox.filter.from')}>
          <Input type="date" data-testid="filter-from" value={filters.from ?? ''} onChange={(_, d) => set({ from: d.value || undefined })} />
        </Field>
        <Field label={t('inbox.filter.to')}>
          <Input type="date" data-testid="filter-to" value={filters.to ?? ''} onChange={(_, d) => set({ to: d.value || undefined })} />
        </Field>
        <ChoiceField
          label={t('inbox.filter.sort')}
          testId="filter-sort"
          value={filters.sort ?? '-reportedAt'}
          choices={CASE_SORTS.map((s) => ({ value: s, label: t(`inbox.sort.${s}` as MessageKey) }))}
          onChange={(value) => set({ sort: value as CaseSort })}
        />
        <form role="search" className={styles.search} onSubmit={submitSearch}>
          <Field label={t('inbox.filter.search')} className={styles.grow}>
            <SearchBox data-testid="filter-search" value={q} onChange={(_, d) => setQ(d.value)} maxLength={200} />
          </Field>
          <Button type="submit" data-testid="filter-search-submit">
            {t('inbox.filter.searchButton')}
          </Button>
        </form>
        <div>
          <Button appearance="subtle" onClick={() => onChange({ scope: filters.scope })} data-testid="filter-clear">
            {t('inbox.filter.clear')}
          </Button>
        </div>
      </div>
    </>
  );
}


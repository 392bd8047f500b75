// Prosedyrer og styringsdokumenter: search by words and metadata, a page at a time, with status, approved version and next review.
import { Button, Checkbox, Field, SearchBox, Select, Spinner, TableCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DocumentPage, DocumentSummary } from '../../../../src/server/api/contract-procedures.js';
import { usePaged } from '../../api/use-paged';
import { ChoiceField } from '../../components/choice-field';
import { DataTable, useDataCellStyles } from '../../components/data-table';
import { ErrorMessage } from '../../components/error-message';
import { FilterBar } from '../../components/filter-bar';
import { LoadMore } from '../../components/load-more';
import { PageHeading, usePageStyles } from '../../components/page';
import { PageIntro } from '../../components/page-intro';
import { UnitSelect } from '../../components/unit-select';
import { isOneOf } from '../../domain-values';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useMe, useSession } from '../../session/session';
import { ReviewDate, StatusBadge } from './procedure-badges';
import { mayWrite } from './procedure-access';
import { procedureLabels } from './procedure-labels';
import { MAX_QUERY_LENGTH, documentFiltersFromQuery, documentQuery, documentsApiPath, type DocumentFilters } from './procedure-query';
import { documentHref } from './procedure-routes';
import { DOCUMENT_KINDS, DOCUMENT_SORTS, DOCUMENT_STATUSES, DOCUMENT_TYPES, MINE_FILTERS } from './procedure-values';

const PAGE_SIZE = 25;

const useStyles = makeStyles({
  search: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', gridColumn: 'span 2', '@media (max-width: 600px)': { gridColumn: 'auto' } },
  grow: { flexGrow: 1 },
  top: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'baseline', gap: tokens.spacingHorizontalM },
  snippet: { display: 'block', color: tokens.colorNeutralForeground2, marginTop: tokens.spacingVerticalXXS },
});

export function SearchPage({ narrow }: { narrow: boolean }) {
  const styles = useStyles();
  const cells = useDataCellStyles();
  const page = usePageStyles();
  const { t, labels } = useI18n();
  const pl = procedureLabels(t);
  const me = useMe();
  const { api } = useSession();
  const { location, navigate } = useRouter();
  const filters = documentFiltersFromQuery(location.search);
  const key = documentsApiPath(filters);
  const fetchPage = useCallback((continuation: string | null, signal: AbortSignal) => api.get<DocumentPage>(documentsApiPath(filters, { pageSize: PAGE_SIZE, continuation }), signal), [api, key]); // eslint-disable-line react-hooks/exhaustive-deps
  const list = usePaged<DocumentSummary, DocumentPage>(fetchPage, key, t('error.unexpected'));
  const setFilters = (next: DocumentFilters) => navigate(`/procedures${documentQuery(next)}`, { replace: true });
  const set = (patch: Partial<DocumentFilters>) => setFilters({ ...filters, ...patch });

  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    const words = q.trim() || undefined;
    set({ q: words, sort: words ? filters.sort : filters.sort === 'relevance' ? undefined : filters.sort });
  };
  const statusValue = filters.status?.join(',') ?? '';
  const typeValue = filters.documentType?.join(',') ?? '';
  const searched = Boolean(filters.q);

  return (
    <>
      <div className={styles.top}>
        <PageHeading title={t('proc.search.title')}>{t('proc.search.title')}</PageHeading>
        {mayWrite(me) && (
          <Button
            as="a"
            href="/procedures/new"
            icon={<AddRegular />}
            onClick={(e) => {
              e.preventDefault();
              navigate('/procedures/new');
            }}
            data-testid="proc-new-link"
          >
            {t('proc.new.title')}
          </Button>
        )}
      </div>
      <PageIntro>
        {t('proc.search.intro')}
      </PageIntro>
      <FilterBar title={t('proc.search.filters')} headingId="proc-filters">
        <form role="search" className={styles.search} onSubmit={submitSearch}>
          <Field label={t('proc.search.words')} hint={t('proc.search.wordsHint')} className={styles.grow}>
            <SearchBox data-testid="proc-filter-search" value={q} onChange={(_, d) => setQ(d.value)} maxLength={MAX_QUERY_LENGTH} />
          </Field>
          <Button type="submit" appearance="primary" data-testid="proc-filter-search-submit">
            {t('proc.search.submit')}
          </Button>
        </form>
        <ChoiceField
          label={t('proc.filter.kind')}
          testId="proc-filter-kind"
          value={filters.kind ?? ''}
          emptyLabel={t('common.all')}
          choices={DOCUMENT_KINDS.map((k) => ({ value: k, label: pl.kind(k) }))}
          onChange={(value) => set({ kind: isOneOf(DOCUMENT_KINDS, value) ? value : undefined })}
        />
        <Field label={t('proc.filter.type')}>
          <Select data-testid="proc-filter-type" value={typeValue} onChange={(_, d) => set({ documentType: d.value ? DOCUMENT_TYPES.filter((x) => d.value.split(',').includes(x)) : undefined })}>
            <option value="">{t('common.all')}</option>
            {filters.documentType && filters.documentType.length > 1 && <option value={typeValue}>{filters.documentType.map(pl.type).join(', ')}</option>}
            {DOCUMENT_TYPES.map((x) => (
              <option key={x} value={x}>
                {pl.type(x)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('proc.filter.status')}>
          <Select data-testid="proc-filter-status" value={statusValue} onChange={(_, d) => set({ status: d.value ? DOCUMENT_STATUSES.filter((s) => d.value.split(',').includes(s)) : undefined })}>
            <option value="">{t('proc.filter.statusDefault')}</option>
            <option value={DOCUMENT_STATUSES.join(',')}>{t('common.all')}</option>
            {filters.status && filters.status.length > 1 && statusValue !== DOCUMENT_STATUSES.join(',') && <option value={statusValue}>{filters.status.map(pl.status).join(', ')}</option>}
            {DOCUMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {pl.status(s)}
              </option>
            ))}
          </Select>
        </Field>
        <UnitSelect label={t('proc.filter.unit')} value={filters.unitId} onChange={(unitId) => set({ unitId })} allLabel={t('proc.filter.unitAll')} testId="proc-filter-unit" limitToMine={false} />
        <ChoiceField
          label={t('proc.filter.mine')}
          testId="proc-filter-mine"
          value={filters.mine ?? ''}
          emptyLabel={t('proc.filter.mineAny')}
          choices={MINE_FILTERS.map((m) => ({ value: m, label: t(`proc.filter.mine.${m}` as const) }))}
          onChange={(value) => set({ mine: isOneOf(MINE_FILTERS, value) ? value : undefined })}
        />
        <ChoiceField
          label={t('proc.filter.sort')}
          testId="proc-filter-sort"
          value={filters.sort ?? (searched ? 'relevance' : 'title')}
          choices={DOCUMENT_SORTS.filter((s) => s !== 'relevance' || searched).map((s) => ({ value: s, label: t(`proc.sort.${s}` as const) }))}
          onChange={(value) => set({ sort: isOneOf(DOCUMENT_SORTS, value) ? value : undefined })}
        />
        <Checkbox label={t('proc.filter.appliesToMe')} checked={filters.appliesToMe === true} onChange={(_, d) => set({ appliesToMe: d.checked === true || undefined })} data-testid="proc-filter-applies-to-me" />
        <Checkbox label={t('proc.filter.reviewDue')} checked={filters.reviewDue === true} onChange={(_, d) => set({ reviewDue: d.checked === true || undefined })} data-testid="proc-filter-review-due" />
        <div>
          <Button appearance="subtle" onClick={() => setFilters({})} data-testid="proc-filter-clear">
            {t('proc.filter.clear')}
          </Button>
        </div>
      </FilterBar>

      <section aria-labelledby="proc-results" className={page.section} aria-busy={list.loading}>
        <h2 id="proc-results" className={page.h2}>
          {t('proc.search.results')}
        </h2>
        {list.first && (
          <Text data-testid="proc-total" weight="semibold">
            {t('proc.search.total', { n: list.first.total })}
            {list.first.asOf && <span className={page.muted}>{` ${t('common.asOf', { time: formatDateTime(list.first.asOf) })}`}</span>}
          </Text>
        )}
        {list.error && <ErrorMessage error={list.error} onRetry={list.items.length > 0 ? list.loadMore : list.reload} />}
        {list.loading && <Spinner label={t('common.loading')} />}
        {!list.loading && !list.error && list.items.length === 0 && <Text data-testid="proc-empty">{t('proc.search.empty')}</Text>}
        {list.items.length > 0 && (
          <DataTable
            labelledBy="proc-results"
            size={narrow ? 'small' : 'medium'}
            testId="proc-table"
            columns={[t('proc.col.title'), !narrow && { label: t('proc.col.type'), hideWhenNarrow: true }, !narrow && { label: t('proc.col.owner'), hideWhenNarrow: true }, t('proc.col.status'), t('proc.col.approvedVersion'), t('proc.col.nextReview')]}
          >
            {list.items.map((d) => (
              <TableRow key={d.id} data-testid="proc-row" data-document-id={d.id} data-status={d.status}>
                <TableCell>
                  <AppLink href={documentHref(d.id)} data-testid="proc-row-link">
                    {d.title}
                  </AppLink>
                  {d.snippet && <span className={styles.snippet}>{d.snippet}</span>}
                </TableCell>
                {!narrow && <TableCell className={cells.hideWhenNarrow}>{pl.type(d.documentType)}</TableCell>}
                {!narrow && <TableCell className={cells.hideWhenNarrow}>{`${d.ownerUnitName} (${labels.orgLevel[d.level]})`}</TableCell>}
                <TableCell>
                  <StatusBadge status={d.status} testId="proc-row-status" />
                </TableCell>
                <TableCell>{d.approvedVersion ?? t('proc.noApprovedVersion')}</TableCell>
                <TableCell>
                  <ReviewDate nextReviewDate={d.nextReviewDate} status={d.status} />
                </TableCell>
              </TableRow>
            ))}
          </DataTable>
        )}
        {list.items.length > 0 && list.first && <Text role="status">{t('proc.search.showing', { shown: list.items.length, total: list.first.total })}</Text>}
        <LoadMore list={list} testId="proc-load-more" />
      </section>
    </>
  );
}

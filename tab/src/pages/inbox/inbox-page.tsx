// Innboks: the cases I may see, filtered and sorted on the server, a page at a time, with counts per status.
import { Badge, Spinner, TableCell, TableRow, Text, ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { CasePage, CaseSummary } from '../../../../src/server/api/contract.js';
import { casesApiPath, inboxFiltersFromQuery, inboxQuery, type InboxFilters } from '../../api/query';
import { usePaged } from '../../api/use-paged';
import { DataTable, useDataCellStyles } from '../../components/data-table';
import { ErrorMessage } from '../../components/error-message';
import { LoadMore } from '../../components/load-more';
import { PageHeading, usePageStyles } from '../../components/page';
import { STATUSES, type CaseScope } from '../../domain-values';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { caseHref } from '../../routes';
import { AppLink, useRouter } from '../../router';
import { useMe, useSession } from '../../session/session';
import { InboxFiltersForm } from './inbox-filters';

const PAGE_SIZE = 50;

const useStyles = makeStyles({
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  hidden: { fontStyle: 'italic', color: tokens.colorNeutralForeground2 },
  caseNumber: { whiteSpace: 'nowrap' },
});

export function scopesFor(seesOthersCases: boolean): readonly CaseScope[] {
  return seesOthersCases ? ['units', 'handling', 'mine'] : ['mine'];
}

export function InboxPage({ narrow }: { narrow: boolean }) {
  const styles = useStyles();
  const cells = useDataCellStyles();
  const page = usePageStyles();
  const { t, labels } = useI18n();
  const me = useMe();
  const { api } = useSession();
  const { location, navigate } = useRouter();
  const filters = inboxFiltersFromQuery(location.search);
  const scopes = scopesFor(me.seesOthersCases);
  const scope: CaseScope = filters.scope && scopes.includes(filters.scope) ? filters.scope : (scopes[0] ?? 'mine');
  const effective: InboxFilters = { ...filters, scope };
  const key = casesApiPath(effective);

  const fetchPage = useCallback((continuation: string | null, signal: AbortSignal) => api.get<CasePage>(casesApiPath(effective, { pageSize: PAGE_SIZE, continuation }), signal), [api, key]); // eslint-disable-line react-hooks/exhaustive-deps
  const list = usePaged<CaseSummary, CasePage>(fetchPage, key, t('error.unexpected'));
  const setFilters = (next: InboxFilters) => navigate(`/inbox${inboxQuery(next)}`, { replace: true });
  const counts = list.first?.counts ?? null;

  return (
    <>
      <PageHeading title={t('inbox.title')}>{t('inbox.title')}</PageHeading>
      <section aria-labelledby="inbox-filters" className={page.section}>
        <h2 id="inbox-filters" className={page.h2}>
          {t('inbox.filters')}
        </h2>
        <InboxFiltersForm filters={filters} scope={scope} scopes={scopes} onChange={setFilters} />
      </section>

      <section aria-labelledby="inbox-results" className={page.section} aria-busy={list.loading}>
        <h2 id="inbox-results" className={page.h2}>
          {t('inbox.caption')}
        </h2>
        {counts && (
          <div role="group" aria-label={t('inbox.counts')} className={styles.counts} data-testid="inbox-counts">
            <Text data-testid="inbox-total" weight="semibold">
              {t('inbox.total', { n: counts.total })}
            </Text>
            {STATUSES.map((s) => {
              const selected = filters.status?.length === 1 && filters.status[0] === s;
              return (
                <ToggleButton
                  key={s}
                  size="small"
                  checked={selected}
                  onClick={() => setFilters({ ...filters, status: selected ? undefined : [s] })}
                  data-testid={`status-count-${s}`}
                >
                  {`${labels.status[s]} (${counts.byStatus[s] ?? 0})`}
                </ToggleButton>
              );
            })}
          </div>
        )}
        {list.first && (
          <Text size={200} className={page.muted}>
            {list.first.asOf ? t('common.asOf', { time: formatDateTime(list.first.asOf) }) : counts ? t('common.asOfLoading') : ''}
          </Text>
        )}
        {list.error && <ErrorMessage error={list.error} onRetry={list.items.length > 0 ? list.loadMore : list.reload} />}
        {list.loading && <Spinner label={t('common.loading')} />}
        {!list.loading && !list.error && list.items.length === 0 && <Text data-testid="inbox-empty">{t('inbox.empty')}</Text>}
        {list.items.length > 0 && (
          <DataTable
            labelledBy="inbox-results"
            size={narrow ? 'small' : 'medium'}
            testId="inbox-table"
            columns={[t('inbox.col.caseNumber'), t('inbox.col.title'), !narrow && { label: t('inbox.col.kind'), hideWhenNarrow: true }, !narrow && { label: t('inbox.col.unit'), hideWhenNarrow: true }, t('inbox.col.severity'), t('inbox.col.status'), !narrow && { label: t('inbox.col.reportedAt'), hideWhenNarrow: true }, !narrow && { label: t('inbox.col.handler'), hideWhenNarrow: true }]}
          >
            {list.items.map((c) => (
              <TableRow key={c.id} data-testid="inbox-row" data-case-id={c.id} data-case-number={c.caseNumber}>
                <TableCell className={styles.caseNumber}>
                  <AppLink href={caseHref(c.id)} data-testid="inbox-row-link">
                    {c.caseNumber}
                  </AppLink>
                </TableCell>
                <TableCell>{c.healthDetailsHidden && !c.title ? <span className={styles.hidden}>{t('inbox.hiddenTitle')}</span> : c.title}</TableCell>
                {!narrow && <TableCell className={cells.hideWhenNarrow}>{labels.kind[c.kind]}</TableCell>}
                {!narrow && <TableCell className={cells.hideWhenNarrow}>{c.unitName}</TableCell>}
                <TableCell>{labels.severity[c.severity ?? 'none']}</TableCell>
                <TableCell>
                  <Badge appearance="tint" color={c.status === 'closed' ? 'success' : c.status === 'new' ? 'brand' : 'informative'}>
                    {labels.status[c.status]}
                  </Badge>
                </TableCell>
                {!narrow && <TableCell className={cells.hideWhenNarrow}>{formatDate(c.reportedAt)}</TableCell>}
                {!narrow && <TableCell className={cells.hideWhenNarrow}>{c.handlerName ?? t('inbox.unassigned')}</TableCell>}
              </TableRow>
            ))}
          </DataTable>
        )}
        {list.items.length > 0 && (
          <Text role="status">{counts ? t('inbox.showing', { shown: list.items.length, total: counts.total }) : t('inbox.showingSome', { shown: list.items.length })}</Text>
        )}
        <LoadMore list={list} testId="inbox-load-more" />
      </section>
    </>
  );
}

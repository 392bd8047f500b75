// Aksjonsliste: every measure in my scope from every source, overdue ones marked in words and an icon, done with a comment, Excel export.
import { Button, Checkbox, Field, Select, Spinner, TableCell, TableRow, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import type { CompleteMeasureBody, MeasurePage, MeasureView } from '../../../../src/server/api/contract.js';
import { ApiRequestError } from '../../api/client';
import { measureFiltersFromQuery, measuresApiPath, measuresExportPath, measuresQuery, type MeasureFilters } from '../../api/query';
import { usePaged } from '../../api/use-paged';
import { asApiError } from '../../api/use-load';
import { ChoiceField } from '../../components/choice-field';
import { DataTable, useDataCellStyles } from '../../components/data-table';
import { ErrorMessage, Notice } from '../../components/error-message';
import { FilterBar } from '../../components/filter-bar';
import { LoadMore } from '../../components/load-more';
import { PageHeading, usePageStyles } from '../../components/page';
import { PageIntro } from '../../components/page-intro';
import { UnitSelect } from '../../components/unit-select';
import { MEASURE_SOURCES, MEASURE_STATUSES, OPEN_MEASURE_STATUSES, isOneOf } from '../../domain-values';
import { formatDate, osloToday } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { caseHref } from '../../routes';
import { AppLink, useRouter } from '../../router';
import { useSession } from '../../session/session';
import { MeasureStatusBadges } from '../case/case-measures';

const PAGE_SIZE = 50;
const OPEN = OPEN_MEASURE_STATUSES.join(',');

const useStyles = makeStyles({
  overdueRow: { boxShadow: `inset ${tokens.strokeWidthThickest} 0 0 ${tokens.colorStatusDangerBorder2}` },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  doneForm: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '40rem', padding: `${tokens.spacingVerticalS} 0` },
  doneButtons: { display: 'flex', gap: tokens.spacingHorizontalS },
  hidden: { fontStyle: 'italic', color: tokens.colorNeutralForeground2 },
});

export function ActionListPage({ narrow }: { narrow: boolean }) {
  const styles = useStyles();
  const cells = useDataCellStyles();
  const page = usePageStyles();
  const { t, labels } = useI18n();
  const { api } = useSession();
  const { location, navigate } = useRouter();
  const filters = measureFiltersFromQuery(location.search);
  const key = measuresApiPath(filters);
  const fetchPage = useCallback((continuation: string | null, signal: AbortSignal) => api.get<MeasurePage>(measuresApiPath(filters, { pageSize: PAGE_SIZE, continuation }), signal), [api, key]); // eslint-disable-line react-hooks/exhaustive-deps
  const list = usePaged<MeasureView, MeasurePage>(fetchPage, key, t('error.unexpected'));
  const setFilters = (next: MeasureFilters) => navigate(`/actions${measuresQuery(next)}`, { replace: true });
  const set = (patch: Partial<MeasureFilters>) => setFilters({ ...filters, ...patch });

  const [completing, setCompleting] = useState<MeasureView | null>(null);
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<ApiRequestError | null>(null);
  const [notice, setNotice] = useState<{ intent: 'success' | 'warning'; text: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<ApiRequestError | null>(null);

  const commentRef = useRef<HTMLTextAreaElement>(null);
  const openComplete = (m: MeasureView) => {
    setCompleting(m);
    setComment('');
    setTried(false);
    setDialogError(null);
  };
  const closeComplete = (m: MeasureView | null) => {
    setCompleting(null);
    // Back to the row's button, so keyboard users keep their place.
    if (m) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-measure-id="${CSS.escape(m.id)}"] [data-testid="measure-mark-done"]`)?.focus());
  };
  useEffect(() => {
    if (completing) commentRef.current?.focus();
  }, [completing]);

  const complete = async () => {
    setTried(true);
    if (!completing || !comment.trim()) return;
    setBusy(true);
    setDialogError(null);
    try {
      const body: CompleteMeasureBody = { etag: completing.etag, comment: comment.trim() };
      const updated = await api.post<MeasureView>(`/api/measures/${encodeURIComponent(completing.id)}/complete`, body);
      list.replace((m) => m.id === updated.id, updated);
      setNotice({ intent: 'success', text: t('actions.doneSaved') });
      setCompleting(null);
      // The row's button is gone: focus the list's heading; the notice (role=status) is read out.
      requestAnimationFrame(() => document.getElementById('actions-results')?.focus());
    } catch (err) {
      const e = asApiError(err, t('error.unexpected'));
      if (e.status === 409 && e.code === 'conflict') {
        // Someone changed the measure: never overwrite; show it as it is now.
        const current = e.body.currentMeasure;
        if (current) list.replace((m) => m.id === current.id, current);
        else list.reload();
        setCompleting(null);
        setNotice({ intent: 'warning', text: t('actions.conflict') });
      } else {
        setDialogError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  const exportExcel = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await api.download(measuresExportPath(filters), `aksjonsliste-${osloToday()}.xlsx`);
    } catch (err) {
      setExportError(asApiError(err, t('error.unexpected')));
    } finally {
      setExporting(false);
    }
  };

  const statusValue = filters.status?.join(',') ?? OPEN;
  return (
    <>
      <PageHeading title={t('actions.title')}>{t('actions.title')}</PageHeading>
      <PageIntro>
        {t('actions.intro')}
      </PageIntro>
      <FilterBar title={t('inbox.filters')} headingId="actions-filters" footer={exportError && <ErrorMessage error={exportError} />}>
        <ChoiceField
          label={t('actions.filter.source')}
          testId="actions-filter-source"
          value={filters.source ?? ''}
          emptyLabel={t('common.all')}
          choices={MEASURE_SOURCES.map((s) => ({ value: s, label: labels.measureSource[s] }))}
          onChange={(value) => set({ source: isOneOf(MEASURE_SOURCES, value) ? value : undefined })}
        />
        <Field label={t('actions.filter.status')}>
          <Select
            data-testid="actions-filter-status"
            value={statusValue}
            onChange={(_, d) => set({ status: d.value === OPEN ? undefined : (d.value.split(',').filter((v) => isOneOf(MEASURE_STATUSES, v)) as MeasureFilters['status']) })}
          >
            <option value={OPEN}>{t('actions.filter.openStatuses')}</option>
            <option value={MEASURE_STATUSES.join(',')}>{t('common.all')}</option>
            {MEASURE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {labels.measureStatus[s]}
              </option>
            ))}
          </Select>
        </Field>
        <UnitSelect label={t('actions.filter.unit')} value={filters.unitId} onChange={(unitId) => set({ unitId })} allLabel={t('unitPicker.all')} testId="actions-filter-unit" />
        <Checkbox label={t('actions.filter.overdue')} checked={filters.overdue === true} onChange={(_, d) => set({ overdue: d.checked === true || undefined })} data-testid="actions-filter-overdue" />
        <Checkbox label={t('actions.filter.mine')} checked={filters.mine === true} onChange={(_, d) => set({ mine: d.checked === true || undefined })} data-testid="actions-filter-mine" />
        <div>
          <Button
            as="a"
            href={measuresExportPath(filters)}
            icon={exporting ? <Spinner size="tiny" /> : <ArrowDownloadRegular />}
            onClick={(e) => {
              e.preventDefault();
              if (!exporting) void exportExcel();
            }}
            data-testid="export-excel"
          >
            {exporting ? t('actions.exporting') : t('actions.export')}
          </Button>
        </div>
      </FilterBar>

      <section aria-labelledby="actions-results" className={page.section} aria-busy={list.loading}>
        <h2 id="actions-results" className={page.h2} tabIndex={-1}>
          {t('actions.caption')}
        </h2>
        {notice && (
          <Notice intent={notice.intent} testId="actions-notice">
            {notice.text}
          </Notice>
        )}
        {list.error && <ErrorMessage error={list.error} onRetry={list.items.length > 0 ? list.loadMore : list.reload} />}
        {list.loading && <Spinner label={t('common.loading')} />}
        {!list.loading && !list.error && list.items.length === 0 && <Text data-testid="actions-empty">{t('actions.empty')}</Text>}
        {list.items.length > 0 && (
          <DataTable
            labelledBy="actions-results"
            size={narrow ? 'small' : 'medium'}
            testId="actions-table"
            columns={[t('actions.col.title'), !narrow && { label: t('actions.col.source'), hideWhenNarrow: true }, t('actions.col.owner'), !narrow && { label: t('actions.col.unit'), hideWhenNarrow: true }, t('actions.col.deadline'), t('actions.col.status'), t('actions.col.do')]}
          >
            {list.items.map((m) => (
              <Fragment key={m.id}>
                <TableRow className={m.overdue ? styles.overdueRow : undefined} data-testid="measure-row" data-measure-id={m.id} data-overdue={m.overdue ? 'true' : 'false'}>
                  <TableCell>{m.healthDetailsHidden ? <span className={styles.hidden}>{t('inbox.hiddenTitle')}</span> : m.title}</TableCell>
                  {!narrow && (
                    <TableCell className={cells.hideWhenNarrow}>
                      {m.source === 'deviation' && m.sourceLabel ? (
                        <AppLink href={caseHref(m.sourceId)}>{`${labels.measureSource[m.source]} ${m.sourceLabel}`}</AppLink>
                      ) : (
                        labels.measureSource[m.source]
                      )}
                    </TableCell>
                  )}
                  <TableCell>{m.owner.name}</TableCell>
                  {!narrow && <TableCell className={cells.hideWhenNarrow}>{m.unitName}</TableCell>}
                  <TableCell>{formatDate(m.deadline)}</TableCell>
                  <TableCell>
                    <div className={styles.badges}>
                      <MeasureStatusBadges measure={m} />
                      {m.completedAt && <Text size={200}>{t('actions.completedAt', { date: formatDate(m.completedAt) })}</Text>}
                    </div>
                  </TableCell>
                  <TableCell>
                    {(m.status === 'open' || m.status === 'inProgress') && (
                      <Button size="small" onClick={() => openComplete(m)} aria-label={t('actions.markDoneTitle', { title: m.healthDetailsHidden ? t('inbox.hiddenTitle') : m.title })} data-testid="measure-mark-done">
                        {t('actions.markDone')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
                {completing?.id === m.id && (
                  <TableRow>
                    <TableCell colSpan={narrow ? 5 : 7}>
                      <form
                        className={styles.doneForm}
                        aria-label={t('actions.markDoneTitle', { title: m.healthDetailsHidden ? t('inbox.hiddenTitle') : m.title })}
                        data-testid="measure-done-form"
                        onSubmit={(e) => {
                          e.preventDefault();
                          void complete();
                        }}
                      >
                        <Field label={t('actions.doneComment')} required validationMessage={tried && !comment.trim() ? t('common.required') : undefined}>
                          <Textarea ref={commentRef} value={comment} maxLength={2000} onChange={(_, d) => setComment(d.value)} data-testid="measure-done-comment" />
                        </Field>
                        {dialogError && <ErrorMessage error={dialogError} />}
                        <div className={styles.doneButtons}>
                          <Button type="submit" appearance="primary" disabled={busy} data-testid="measure-done-confirm">
                            {t('actions.markDone')}
                          </Button>
                          <Button onClick={() => closeComplete(m)}>{t('common.cancel')}</Button>
                        </div>
                      </form>
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            ))}
          </DataTable>
        )}
        {list.items.length > 0 && <Text role="status">{t('actions.showing', { shown: list.items.length })}</Text>}
        <LoadMore list={list} testId="actions-load-more" />
      </section>

    </>
  );
}

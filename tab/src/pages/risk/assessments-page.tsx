// Risikovurderinger: the assessments of my units (and, for those above, the sector or the municipality), filtered by
// unit, year, area and status; and a new assessment for a unit (area, year or occasion, optionally from an earlier one).
import { Button, Field, Input, Select, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { NewRiskAssessmentBody, RiskAssessmentDetail, RiskAssessmentSummary } from '../../../../src/server/api/contract-risk.js';
import { ApiRequestError } from '../../api/client';
import { asApiError, useLoad } from '../../api/use-load';
import { ErrorMessage } from '../../components/error-message';
import { PageHeading, usePageStyles } from '../../components/page';
import { UnitSelect } from '../../components/unit-select';
import { isOneOf } from '../../domain-values';
import { formatDate, formatNumber, osloToday } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useMe, useSession } from '../../session/session';
import { AssessmentStatusBadge, Swatch } from './risk-badges';
import { useRiskLabels } from './risk-i18n';
import { assessmentFiltersFromQuery, assessmentsApiPath, assessmentsQuery, type AssessmentFilters } from './risk-query';
import { assessmentHref } from './risk-routes';
import { RISK_AREAS, RISK_STATUSES } from './risk-values';

const useStyles = makeStyles({
  grid: { display: 'grid', gap: tokens.spacingHorizontalM, gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))', alignItems: 'end', '& > *': { minWidth: 0 } },
  tableWrap: { overflowX: 'auto' },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  nowAfter: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  narrowHide: { '@media (max-width: 600px)': { display: 'none' } },
});

export function AssessmentsPage({ narrow }: { narrow: boolean }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const labels = useRiskLabels();
  const { api } = useSession();
  const { location, navigate } = useRouter();
  const filters = assessmentFiltersFromQuery(location.search);
  const path = assessmentsApiPath(filters);
  const list = useLoad((signal) => api.get<RiskAssessmentSummary[]>(path, signal), path, t('error.unexpected'));
  const set = (patch: Partial<AssessmentFilters>) => navigate(`/risk${assessmentsQuery({ ...filters, ...patch })}`, { replace: true });
  const thisYear = Number(osloToday().slice(0, 4));
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3];
  const items = list.data ?? [];

  return (
    <>
      <PageHeading title={t('risk.assessments.title')}>{t('risk.assessments.title')}</PageHeading>
      <Text as="p" className={page.muted}>
        {t('risk.assessments.intro')}
      </Text>
      <section aria-labelledby="risk-filters" className={page.section}>
        <h2 id="risk-filters" className={page.h2}>
          {t('inbox.filters')}
        </h2>
        <div className={styles.grid}>
          <UnitSelect label={t('risk.filter.unit')} value={filters.unitId} onChange={(unitId) => set({ unitId })} allLabel={t('unitPicker.all')} testId="risk-filter-unit" />
          <Field label={t('risk.filter.year')}>
            <Select data-testid="risk-filter-year" value={filters.year ? String(filters.year) : ''} onChange={(_, d) => set({ year: d.value ? Number(d.value) : undefined })}>
              <option value="">{t('risk.filter.allYears')}</option>
              {[...new Set([...years, ...(filters.year ? [filters.year] : [])])].map((y) => (
                <option key={y} value={String(y)}>
                  {y}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('risk.filter.area')}>
            <Select data-testid="risk-filter-area" value={filters.area ?? ''} onChange={(_, d) => set({ area: isOneOf(RISK_AREAS, d.value) ? d.value : undefined })}>
              <option value="">{t('risk.filter.allAreas')}</option>
              {RISK_AREAS.map((a) => (
                <option key={a} value={a}>
                  {labels.area[a]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('risk.filter.status')}>
            <Select data-testid="risk-filter-status" value={filters.status?.join(',') ?? ''} onChange={(_, d) => set({ status: isOneOf(RISK_STATUSES, d.value) ? [d.value] : undefined })}>
              <option value="">{t('risk.filter.allStatuses')}</option>
              {RISK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {labels.status[s]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </section>

      <section aria-labelledby="risk-list" className={page.section} aria-busy={list.loading}>
        <h2 id="risk-list" className={page.h2}>
          {t('risk.assessments.caption')}
        </h2>
        {list.error && <ErrorMessage error={list.error} onRetry={list.reload} testId="risk-assessments-error" />}
        {list.loading && <Spinner label={t('common.loading')} />}
        {!list.loading && !list.error && items.length === 0 && <Text data-testid="risk-assessments-empty">{t('risk.assessments.empty')}</Text>}
        {items.length > 0 && (
          <div className={styles.tableWrap}>
            <Table aria-labelledby="risk-list" size={narrow ? 'small' : 'medium'} data-testid="risk-assessments-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('risk.col.title')}</TableHeaderCell>
                  {!narrow && <TableHeaderCell className={styles.narrowHide}>{t('risk.col.unit')}</TableHeaderCell>}
                  {!narrow && <TableHeaderCell className={styles.narrowHide}>{t('risk.col.area')}</TableHeaderCell>}
                  <TableHeaderCell>{t('risk.col.year')}</TableHeaderCell>
                  <TableHeaderCell>{t('risk.col.status')}</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>{t('risk.col.items')}</TableHeaderCell>
                  <TableHeaderCell>{t('risk.col.redNowAfter')}</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>{t('risk.col.unacceptable')}</TableHeaderCell>
                  {!narrow && <TableHeaderCell className={styles.narrowHide}>{t('risk.col.date')}</TableHeaderCell>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((a) => (
                  <TableRow key={a.id} data-testid="risk-assessment-row" data-assessment-id={a.id} data-unit-id={a.unitId} data-status={a.status}>
                    <TableCell>
                      <AppLink href={assessmentHref(a.id)} data-testid="risk-assessment-link">
                        {a.title}
                      </AppLink>
                    </TableCell>
                    {!narrow && <TableCell className={styles.narrowHide}>{a.unitName}</TableCell>}
                    {!narrow && <TableCell className={styles.narrowHide}>{labels.area[a.area]}</TableCell>}
                    <TableCell>{a.year}</TableCell>
                    <TableCell>
                      <AssessmentStatusBadge status={a.status} />
                    </TableCell>
                    <TableCell className={styles.num}>{formatNumber(a.itemCount)}</TableCell>
                    <TableCell>
                      <span className={styles.nowAfter}>
                        <Swatch colour="red" />
                        {`${labels.colour.red}: ${t('risk.nowAfter', { now: a.colours.now.red, after: a.colours.after.red })}`}
                      </span>
                    </TableCell>
                    <TableCell className={styles.num}>{formatNumber(a.unacceptable)}</TableCell>
                    {!narrow && <TableCell className={styles.narrowHide}>{formatDate(a.date)}</TableCell>}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        {items.length > 0 && <Text role="status">{t('risk.assessments.count', { n: items.length })}</Text>}
      </section>
      <NewAssessment existing={items} defaultUnitId={filters.unitId} />
    </>
  );
}

/** Ny risikovurdering: for a unit the person may edit for (the server says 403 otherwise). */
function NewAssessment({ existing, defaultUnitId }: { existing: RiskAssessmentSummary[]; defaultUnitId: string | undefined }) {
  const page = usePageStyles();
  const { t } = useI18n();
  const labels = useRiskLabels();
  const me = useMe();
  const { api } = useSession();
  const { navigate } = useRouter();
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState<string | undefined>(defaultUnitId ?? me.leadsUnitIds[0] ?? me.unitId);
  const [area, setArea] = useState<(typeof RISK_AREAS)[number]>('overall');
  const [year, setYear] = useState(osloToday().slice(0, 4));
  const [title, setTitle] = useState('');
  const [copyFrom, setCopyFrom] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);
  if (me.leadsUnitIds.length === 0 && !me.roles.includes('qualityAdviser') && !me.roles.includes('chiefExecutive')) return null;

  const yearOk = /^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100;
  const earlier = existing.filter((a) => a.unitId === unitId);
  const create = async () => {
    setTried(true);
    if (!unitId || !yearOk) return;
    setBusy(true);
    setError(null);
    try {
      const body: NewRiskAssessmentBody = { unitId, area, year: Number(year), ...(title.trim() ? { title: title.trim() } : {}), ...(copyFrom ? { copyFromAssessmentId: copyFrom } : {}) };
      const created = await api.post<RiskAssessmentDetail>('/api/risk/assessments', body);
      navigate(assessmentHref(created.id));
    } catch (err) {
      setError(asApiError(err, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="risk-new" className={page.section}>
      <h2 id="risk-new" className={page.h2}>
        {t('risk.new.title')}
      </h2>
      {!open ? (
        <div>
          <Button icon={<AddRegular />} onClick={() => setOpen(true)} data-testid="risk-new-open">
            {t('risk.new.title')}
          </Button>
        </div>
      ) : (
        <form
          className={page.form}
          data-testid="risk-new-form"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <UnitSelect label={t('risk.new.unit')} value={unitId} onChange={setUnitId} testId="risk-new-unit" />
          <Field label={t('risk.new.area')}>
            <Select data-testid="risk-new-area" value={area} onChange={(_, d) => isOneOf(RISK_AREAS, d.value) && setArea(d.value)}>
              {RISK_AREAS.map((a) => (
                <option key={a} value={a}>
                  {labels.area[a]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('risk.new.year')} hint={t('risk.new.yearHint')} required validationMessage={tried && !yearOk ? t('risk.new.yearInvalid') : undefined}>
            <Input inputMode="numeric" value={year} maxLength={4} onChange={(_, d) => setYear(d.value.trim())} data-testid="risk-new-year" />
          </Field>
          <Field label={t('risk.new.name')} hint={t('risk.new.nameHint')}>
            <Input value={title} maxLength={255} onChange={(_, d) => setTitle(d.value)} data-testid="risk-new-name" />
          </Field>
          {earlier.length > 0 && (
            <Field label={t('risk.new.copyFrom')} hint={t('risk.new.copyHint')}>
              <Select data-testid="risk-new-copy" value={copyFrom} onChange={(_, d) => setCopyFrom(d.value)}>
                <option value="">{t('risk.new.copyNone')}</option>
                {earlier.map((a) => (
                  <option key={a.id} value={a.id}>
                    {`${a.title} (${a.year})`}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {error && <ErrorMessage error={error} testId="risk-new-error" />}
          <div>
            <Button type="submit" appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined} data-testid="risk-new-create">
              {t('risk.new.create')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

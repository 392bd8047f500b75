// Risikovurderinger: the assessments of my units (and, for those above, the sector or the municipality), filtered by
// unit, year, area and status; and a new assessment for a unit (area, year or occasion, optionally from an earlier one).
import { Button, Field, Input, Spinner, TableCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { NewRiskAssessmentBody, RiskAssessmentDetail, RiskAssessmentSummary } from '../../../../src/server/api/contract-risk.js';
import { useLoad } from '../../api/use-load';
import { ChoiceField } from '../../components/choice-field';
import { DataTable, useDataCellStyles } from '../../components/data-table';
import { ErrorMessage } from '../../components/error-message';
import { FilterBar } from '../../components/filter-bar';
import { PageHeading, usePageStyles } from '../../components/page';
import { PageIntro } from '../../components/page-intro';
import { UnitSelect } from '../../components/unit-select';
import { useBusyAction } from '../../components/use-busy-action';
import { isOneOf } from '../../domain-values';
import { formatDate, formatNumber, osloToday } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useMe, useSession } from '../../session/session';
import { AssessmentStatusBadge, Swatch } from './risk-badges';
import { RiskAreaFilter } from './risk-area-filter';
import { useRiskLabels } from './risk-i18n';
import { assessmentFiltersFromQuery, assessmentsApiPath, assessmentsQuery, type AssessmentFilters } from './risk-query';
import { assessmentHref } from './risk-routes';
import { RISK_AREAS, RISK_STATUSES } from './risk-values';

const useStyles = makeStyles({
  nowAfter: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
});

export function AssessmentsPage({ narrow }: { narrow: boolean }) {
  const styles = useStyles();
  const cells = useDataCellStyles();
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
      <PageIntro>
        {t('risk.assessments.intro')}
      </PageIntro>
      <FilterBar title={t('inbox.filters')} headingId="risk-filters">
        <UnitSelect label={t('risk.filter.unit')} value={filters.unitId} onChange={(unitId) => set({ unitId })} allLabel={t('unitPicker.all')} testId="risk-filter-unit" />
        <ChoiceField
          label={t('risk.filter.year')}
          testId="risk-filter-year"
          value={filters.year ? String(filters.year) : ''}
          emptyLabel={t('risk.filter.allYears')}
          choices={[...new Set([...years, ...(filters.year ? [filters.year] : [])])].map((y) => ({ value: String(y), label: String(y) }))}
          onChange={(value) => set({ year: value ? Number(value) : undefined })}
        />
        <RiskAreaFilter value={filters.area} onChange={(area) => set({ area })} testId="risk-filter-area" />
        <ChoiceField
          label={t('risk.filter.status')}
          testId="risk-filter-status"
          value={filters.status?.join(',') ?? ''}
          emptyLabel={t('risk.filter.allStatuses')}
          choices={RISK_STATUSES.map((s) => ({ value: s, label: labels.status[s] }))}
          onChange={(value) => set({ status: isOneOf(RISK_STATUSES, value) ? [value] : undefined })}
        />
      </FilterBar>

      <section aria-labelledby="risk-list" className={page.section} aria-busy={list.loading}>
        <h2 id="risk-list" className={page.h2}>
          {t('risk.assessments.caption')}
        </h2>
        {list.error && <ErrorMessage error={list.error} onRetry={list.reload} testId="risk-assessments-error" />}
        {list.loading && <Spinner label={t('common.loading')} />}
        {!list.loading && !list.error && items.length === 0 && <Text data-testid="risk-assessments-empty">{t('risk.assessments.empty')}</Text>}
        {items.length > 0 && (
          <DataTable
            labelledBy="risk-list"
            size={narrow ? 'small' : 'medium'}
            testId="risk-assessments-table"
            columns={[t('risk.col.title'), !narrow && { label: t('risk.col.unit'), hideWhenNarrow: true }, !narrow && { label: t('risk.col.area'), hideWhenNarrow: true }, t('risk.col.year'), t('risk.col.status'), { label: t('risk.col.items'), align: 'number' }, t('risk.col.redNowAfter'), { label: t('risk.col.unacceptable'), align: 'number' }, !narrow && { label: t('risk.col.date'), hideWhenNarrow: true }]}
          >
            {items.map((a) => (
              <TableRow key={a.id} data-testid="risk-assessment-row" data-assessment-id={a.id} data-unit-id={a.unitId} data-status={a.status}>
                <TableCell>
                  <AppLink href={assessmentHref(a.id)} data-testid="risk-assessment-link">
                    {a.title}
                  </AppLink>
                </TableCell>
                {!narrow && <TableCell className={cells.hideWhenNarrow}>{a.unitName}</TableCell>}
                {!narrow && <TableCell className={cells.hideWhenNarrow}>{labels.area[a.area]}</TableCell>}
                <TableCell>{a.year}</TableCell>
                <TableCell>
                  <AssessmentStatusBadge status={a.status} />
                </TableCell>
                <TableCell className={cells.number}>{formatNumber(a.itemCount)}</TableCell>
                <TableCell>
                  <span className={styles.nowAfter}>
                    <Swatch colour="red" />
                    {`${labels.colour.red}: ${t('risk.nowAfter', { now: a.colours.now.red, after: a.colours.after.red })}`}
                  </span>
                </TableCell>
                <TableCell className={cells.number}>{formatNumber(a.unacceptable)}</TableCell>
                {!narrow && <TableCell className={cells.hideWhenNarrow}>{formatDate(a.date)}</TableCell>}
              </TableRow>
            ))}
          </DataTable>
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
  const { busy, error, run } = useBusyAction();
  if (me.leadsUnitIds.length === 0 && !me.roles.includes('qualityAdviser') && !me.roles.includes('chiefExecutive')) return null;

  const yearOk = /^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100;
  const earlier = existing.filter((a) => a.unitId === unitId);
  const create = async () => {
    setTried(true);
    if (!unitId || !yearOk) return;
    await run(async () => {
      const body: NewRiskAssessmentBody = { unitId, area, year: Number(year), ...(title.trim() ? { title: title.trim() } : {}), ...(copyFrom ? { copyFromAssessmentId: copyFrom } : {}) };
      const created = await api.post<RiskAssessmentDetail>('/api/risk/assessments', body);
      navigate(assessmentHref(created.id));
    });
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
          <ChoiceField
            label={t('risk.new.area')}
            testId="risk-new-area"
            value={area}
            choices={RISK_AREAS.map((a) => ({ value: a, label: labels.area[a] }))}
            onChange={(value) => isOneOf(RISK_AREAS, value) && setArea(value)}
          />
          <Field label={t('risk.new.year')} hint={t('risk.new.yearHint')} required validationMessage={tried && !yearOk ? t('risk.new.yearInvalid') : undefined}>
            <Input inputMode="numeric" value={year} maxLength={4} onChange={(_, d) => setYear(d.value.trim())} data-testid="risk-new-year" />
          </Field>
          <Field label={t('risk.new.name')} hint={t('risk.new.nameHint')}>
            <Input value={title} maxLength={255} onChange={(_, d) => setTitle(d.value)} data-testid="risk-new-name" />
          </Field>
          {earlier.length > 0 && (
            <ChoiceField
              label={t('risk.new.copyFrom')}
              hint={t('risk.new.copyHint')}
              testId="risk-new-copy"
              value={copyFrom}
              emptyLabel={t('risk.new.copyNone')}
              choices={earlier.map((a) => ({ value: a.id, label: `${a.title} (${a.year})` }))}
              onChange={(value) => setCopyFrom(value)}
            />
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

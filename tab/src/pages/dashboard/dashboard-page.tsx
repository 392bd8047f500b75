// Dashbord: a unit's deviations by month, kind, severity and child unit, with trend, open vs closed, time to close and overdue measures; every figure drills down to its cases.
import { Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowTrendingDownRegular, ArrowTrendingRegular, SubtractRegular } from '@fluentui/react-icons';
import type { DashboardView } from '../../../../src/server/api/contract.js';
import { useLoad } from '../../api/use-load';
import { ErrorMessage } from '../../components/error-message';
import { PageHeading, usePageStyles } from '../../components/page';
import { UnitSelect } from '../../components/unit-select';
import { formatDate, formatDateTime, formatMonth, formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useSession } from '../../session/session';
import { ProceduresTile } from '../procedures/procedures-tile';
import { ChartFigure } from './chart-figure';
import { drillHref, largest, movingAverage } from './drill-down';

const MONTHS = 12;

const useStyles = makeStyles({
  kpis: { display: 'grid', gap: tokens.spacingHorizontalM, gridTemplateColumns: 'repeat(auto-fill, minmax(11rem, 1fr))', margin: 0, padding: 0, listStyleType: 'none' },
  kpi: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  kpiValue: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  charts: { display: 'grid', gap: tokens.spacingHorizontalL, gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 28rem), 1fr))' },
  trend: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

function Kpi({ label, value, href, testId }: { label: string; value: string; href?: string | null; testId: string }) {
  const styles = useStyles();
  const page = usePageStyles();
  return (
    <li className={`${styles.kpi} ${page.card}`} data-testid={testId}>
      <Text className={page.muted}>{label}</Text>
      {href ? (
        <AppLink href={href} className={styles.kpiValue} aria-label={`${label}: ${value}`}>
          {value}
        </AppLink>
      ) : (
        <span className={styles.kpiValue}>{value}</span>
      )}
    </li>
  );
}

/** The dashboard of one unit (the viewer's top unit when none is given); shared by the dashboard page and the channel tab. */
export function DashboardContent({ unitId }: { unitId: string | undefined }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t, labels, locale } = useI18n();
  const { api } = useSession();
  const path = `/api/dashboard?${new URLSearchParams({ ...(unitId ? { unitId } : {}), months: String(MONTHS) }).toString()}`;
  const loaded = useLoad((signal) => api.get<DashboardView>(path, signal), path, t('error.unexpected'));
  const d = loaded.data;
  if (loaded.error) return <ErrorMessage error={loaded.error} onRetry={loaded.reload} testId="dashboard-error" />;
  if (!d) return <Spinner label={t('common.loading')} />;

  const unit = d.unit.id;
  const period = d.period;
  const trendIcon = d.trend === 'up' ? <ArrowTrendingRegular /> : d.trend === 'down' ? <ArrowTrendingDownRegular /> : <SubtractRegular />;
  const totalReported = d.byMonth.reduce((a, m) => a + m.reported, 0);
  const totalClosed = d.byMonth.reduce((a, m) => a + m.closed, 0);
  const peak = largest(d.byMonth, (m) => m.reported);
  const parts = (items: { label: string; count: number }[]) => {
    const top = largest(items, (i) => i.count);
    const total = items.reduce((a, i) => a + i.count, 0);
    return total === 0 || !top ? t('dashboard.empty') : t('dashboard.summary.parts', { total, top: top.label, topCount: top.count });
  };
  const kinds = d.byKind.map((k) => ({ ...k, label: labels.kind[k.kind] }));
  const severities = d.bySeverity.map((s) => ({ ...s, label: labels.severity[s.severity] }));

  return (
    <div className={page.section} aria-busy={loaded.loading} data-testid="dashboard" data-unit-id={unit}>
      <Text className={page.muted}>
        {`${d.unit.name} · ${t('dashboard.period', { from: formatDate(d.period.from), to: formatDate(d.period.to) })}. `}
        {d.asOf ? t('common.asOf', { time: formatDateTime(d.asOf) }) : t('common.asOfLoading')}
      </Text>
      <ul className={styles.kpis} aria-label={d.unit.name}>
        <Kpi label={t('dashboard.kpi.open')} value={formatNumber(d.open)} href={drillHref({ type: 'open' }, unit, period)} testId="kpi-open" />
        <Kpi label={t('dashboard.kpi.closed')} value={formatNumber(d.closed)} href={drillHref({ type: 'closed' }, unit, period)} testId="kpi-closed" />
        <Kpi label={t('dashboard.kpi.median')} value={d.medianDaysToClose === null ? '–' : formatNumber(d.medianDaysToClose)} testId="kpi-median" />
        <Kpi
          label={t('dashboard.kpi.overdue')}
          value={formatNumber(d.overdueMeasures)}
          href={`/actions?${new URLSearchParams({ unitId: unit, overdue: 'true' }).toString()}`}
          testId="kpi-overdue"
        />
        <li className={`${styles.kpi} ${page.card}`} data-testid="kpi-trend" data-trend={d.trend}>
          <Text className={page.muted}>{t('dashboard.kpi.trend')}</Text>
          <span className={styles.trend}>
            {trendIcon}
            {t(`dashboard.trend.${d.trend}`)}
          </span>
        </li>
      </ul>
      <ProceduresTile unitId={unit} />
      <h2 className={page.h2}>{t('dashboard.charts')}</h2>
      <Text className={page.muted}>{t('dashboard.drillHint')}</Text>
      <div className={styles.charts}>
        <ChartFigure
          id="chart-month"
          testId="chart-by-month"
          title={t('dashboard.chart.byMonth')}
          summary={
            peak
              ? t('dashboard.summary.byMonth', { months: d.byMonth.length, reported: totalReported, closed: totalClosed, peak: formatMonth(peak.month, locale), peakCount: peak.reported })
              : t('dashboard.empty')
          }
          columns={[t('dashboard.col.month'), t('dashboard.series.reported'), t('dashboard.series.closed')]}
          rows={d.byMonth.map((m) => ({ label: formatMonth(m.month, locale), values: [m.reported, m.closed], href: drillHref({ type: 'month', month: m.month }, unit, period) }))}
          series={[
            { label: t('dashboard.series.reported'), values: d.byMonth.map((m) => m.reported), style: 'solid' },
            { label: t('dashboard.series.closed'), values: d.byMonth.map((m) => m.closed), style: 'hollow' },
          ]}
          trend={{ label: t('dashboard.series.trend'), values: movingAverage(d.byMonth.map((m) => m.reported)) }}
        />
        <ChartFigure
          id="chart-kind"
          testId="chart-by-kind"
          horizontal
          title={t('dashboard.chart.byKind')}
          summary={parts(kinds)}
          columns={[t('dashboard.col.kind'), t('dashboard.col.count')]}
          rows={kinds.map((k) => ({ label: k.label, values: [k.count], href: drillHref({ type: 'kind', kind: k.kind }, unit, period) }))}
          series={[{ label: t('dashboard.col.count'), values: kinds.map((k) => k.count), style: 'solid' }]}
        />
        <ChartFigure
          id="chart-severity"
          testId="chart-by-severity"
          title={t('dashboard.chart.bySeverity')}
          summary={parts(severities)}
          columns={[t('dashboard.col.severity'), t('dashboard.col.count')]}
          rows={severities.map((s) => ({ label: s.label, values: [s.count], href: drillHref({ type: 'severity', severity: s.severity }, unit, period) }))}
          series={[{ label: t('dashboard.col.count'), values: severities.map((s) => s.count), style: 'solid' }]}
        />
        <ChartFigure
          id="chart-unit"
          testId="chart-by-unit"
          horizontal
          title={t('dashboard.chart.byUnit')}
          summary={parts(d.byUnit.map((u) => ({ label: u.unitName, count: u.reported })))}
          columns={[t('dashboard.col.unit'), t('dashboard.series.reported'), t('dashboard.series.open')]}
          rows={d.byUnit.map((u) => ({ label: u.unitName, values: [u.reported, u.open], href: drillHref({ type: 'unit', unitId: u.unitId }, unit, period) }))}
          series={[
            { label: t('dashboard.series.reported'), values: d.byUnit.map((u) => u.reported), style: 'solid' },
            { label: t('dashboard.series.open'), values: d.byUnit.map((u) => u.open), style: 'hollow' },
          ]}
        />
      </div>
    </div>
  );
}

export function DashboardPage() {
  const page = usePageStyles();
  const { t } = useI18n();
  const { location, navigate } = useRouter();
  const unitId = new URLSearchParams(location.search).get('unitId') || undefined;
  return (
    <>
      <PageHeading title={t('dashboard.title')}>{t('dashboard.title')}</PageHeading>
      <div className={page.row}>
        <UnitSelect
          label={t('dashboard.unit')}
          value={unitId}
          allLabel={t('unitPicker.all')}
          onChange={(id) => navigate(id ? `/dashboard?unitId=${encodeURIComponent(id)}` : '/dashboard', { replace: true })}
          testId="dashboard-unit"
        />
      </div>
      <DashboardContent unitId={unitId} />
    </>
  );
}

// One dashboard chart: a heading, the lazy chart (an image with a summary), and the same numbers as a table whose labels drill down.
import { Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Component, Suspense, lazy, type ReactNode } from 'react';
import { useReadableRows } from '../../components/data-table';
import { usePageStyles } from '../../components/page';
import { useThemeObject } from '../../components/theme-context';
import { formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import type { BarSeries } from './bar-chart';

const BarChart = lazy(() => import('./bar-chart'));

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  details: { marginTop: tokens.spacingVerticalS },
  summary: { cursor: 'pointer', color: tokens.colorBrandForegroundLink, padding: `${tokens.spacingVerticalXS} 0` },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
});

export interface FigureRow {
  label: string;
  values: number[];
  /** Where the row's cases are listed; null when the inbox cannot filter for them. */
  href: string | null;
}

export interface ChartFigureProps {
  id: string;
  title: string;
  summary: string;
  /** Column headings: the category, then one per value. */
  columns: string[];
  rows: FigureRow[];
  series: BarSeries[];
  trend?: { label: string; values: number[] };
  horizontal?: boolean;
  testId: string;
}

class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function ChartFigure({ id, title, summary, columns, rows, series, trend, horizontal, testId }: ChartFigureProps) {
  const styles = useStyles();
  const readableRows = useReadableRows();
  const page = usePageStyles();
  const { t } = useI18n();
  const theme = useThemeObject();
  const { navigate } = useRouter();
  const height = horizontal ? Math.max(180, rows.length * 28 + 60) : 280;
  return (
    <figure className={`${styles.figure} ${page.card}`} aria-labelledby={`${id}-title`} data-testid={testId}>
      <h3 id={`${id}-title`} className={page.h3}>
        {title}
      </h3>
      <ChartBoundary fallback={<Text>{t('dashboard.chartFailed')}</Text>}>
        <Suspense fallback={<Spinner size="small" label={t('dashboard.chartLoading')} />}>
          <BarChart
            summary={`${title}. ${summary}`}
            labels={rows.map((r) => r.label)}
            series={series}
            trend={trend}
            horizontal={horizontal}
            theme={theme}
            testId={`${testId}-canvas`}
            height={height}
            onSelect={(index) => {
              const href = rows[index]?.href;
              if (href) navigate(href);
            }}
          />
        </Suspense>
      </ChartBoundary>
      <Text as="p" size={200} className={page.muted} id={`${id}-summary`}>
        {summary}
      </Text>
      <details className={styles.details}>
        <summary className={styles.summary}>{t('dashboard.table')}</summary>
        <Table className={readableRows} size="small" aria-labelledby={`${id}-title`} data-testid={`${testId}-table`}>
          <TableHeader>
            <TableRow>
              {columns.map((c, i) => (
                <TableHeaderCell key={c} className={i > 0 ? styles.num : undefined}>
                  {c}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.label}>
                <TableCell>
                  {r.href ? (
                    <AppLink href={r.href} aria-label={t('dashboard.openCases', { label: r.label })} data-testid={`${testId}-drill`}>
                      {r.label}
                    </AppLink>
                  ) : (
                    r.label
                  )}
                </TableCell>
                {r.values.map((v, i) => (
                  <TableCell key={i} className={styles.num}>
                    {formatNumber(v)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
    </figure>
  );
}

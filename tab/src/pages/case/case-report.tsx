// The report as filed: what happened, where and when, who reported it, the unit, severity and consequence.
import { makeStyles, tokens } from '@fluentui/react-components';
import type { CaseDetail } from '../../../../src/server/api/contract.js';
import { usePageStyles } from '../../components/page';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

export const useFactStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(9rem, max-content) 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    '@media (max-width: 600px)': { gridTemplateColumns: '1fr' },
  },
  group: { display: 'contents' },
  term: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  value: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

export function Facts({ rows, testId }: { rows: [string, string | null | undefined][]; testId?: string }) {
  const styles = useFactStyles();
  const { t } = useI18n();
  return (
    <dl className={styles.facts} data-testid={testId}>
      {rows.map(([term, value]) => (
        <div key={term} className={styles.group}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>{value && value.trim() !== '' ? value : t('common.notSet')}</dd>
        </div>
      ))}
    </dl>
  );
}

export function CaseReport({ detail }: { detail: CaseDetail }) {
  const page = usePageStyles();
  const { t, labels } = useI18n();
  return (
    <section aria-labelledby="case-report" className={page.section} data-testid="case-report">
      <h2 id="case-report" className={page.h2}>
        {t('case.report')}
      </h2>
      <Facts
        rows={[
          [t('case.kind'), labels.kind[detail.kind]],
          [t('case.status'), labels.status[detail.status]],
          [t('case.severity'), labels.severity[detail.severity ?? 'none']],
          [t('case.unit'), detail.unitName],
          [t('case.reporter'), detail.reporter.name],
          [t('case.reportedAt'), formatDateTime(detail.reportedAt)],
          [t('case.occurredAt'), formatDateTime(detail.occurredAt)],
          [t('case.location'), detail.location],
          [t('case.consequence'), detail.consequenceFor.map((c) => labels.consequenceFor[c]).join(', ')],
          [t('case.description'), detail.description],
          [t('case.immediateAction'), detail.immediateAction],
          [t('case.handler'), detail.handlerName],
          ...(detail.noMeasureReason ? ([[t('case.noMeasureReason'), detail.noMeasureReason]] as [string, string][]) : []),
          ...(detail.closedAt ? ([[t('case.closedAt'), formatDateTime(detail.closedAt)]] as [string, string][]) : []),
          ...(detail.closingNote ? ([[t('case.closingNote'), detail.closingNote]] as [string, string][]) : []),
        ]}
      />
    </section>
  );
}

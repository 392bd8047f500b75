// The unit's procedures on its dashboard: overdue reviews, reviews due soon, documents awaiting approval and reading coverage, each a link to the list behind it.
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { WarningFilled } from '@fluentui/react-icons';
import type { ProceduresOverview } from '../../../../src/server/api/contract-procedures.js';
import { useLoad } from '../../api/use-load';
import { usePageStyles } from '../../components/page';
import { formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink } from '../../router';
import { useApi } from '../../session/session';
import { formatPercent } from './procedure-format';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingHorizontalM, gridTemplateColumns: 'repeat(auto-fill, minmax(11rem, 1fr))', margin: 0, padding: 0, listStyleType: 'none' },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  value: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold, display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

/** Nothing at all when the overview is refused or fails: the dashboard's own figures stand without it. */
export function ProceduresTile({ unitId }: { unitId: string }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const path = `/api/procedures/overview?unitId=${encodeURIComponent(unitId)}`;
  const loaded = useLoad((signal) => api.get<ProceduresOverview>(path, signal), path, t('error.unexpected'));
  const o = loaded.data;
  if (!o || loaded.error) return null;
  const unit = encodeURIComponent(o.unitId);
  const items = [
    { label: t('proc.tile.overdue'), value: formatNumber(o.overdueReviews), href: `/procedures/reviews?scope=units&unitId=${unit}&withinDays=0`, warn: o.overdueReviews > 0, testId: 'kpi-overdue-reviews' },
    { label: t('proc.tile.dueSoon'), value: formatNumber(o.reviewsDueSoon), href: `/procedures/reviews?scope=units&unitId=${unit}`, warn: false, testId: 'kpi-reviews-due-soon' },
    { label: t('proc.tile.awaiting'), value: formatNumber(o.awaitingApproval), href: `/procedures?status=awaitingApproval&unitId=${unit}`, warn: false, testId: 'kpi-awaiting-approval' },
    { label: t('proc.tile.coverage'), value: formatPercent(o.readingCoveragePercent), href: `/reading-list/coverage?unitId=${unit}`, warn: false, testId: 'kpi-reading-coverage' },
  ];
  return (
    <section aria-labelledby="dashboard-procedures" className={page.section} data-testid="dashboard-procedures">
      <h2 id="dashboard-procedures" className={page.h2}>
        {t('proc.tile.title')}
      </h2>
      <ul className={styles.list}>
        {items.map((i) => (
          <li key={i.testId} className={`${styles.item} ${page.card}`} data-testid={i.testId}>
            <Text className={page.muted}>{i.label}</Text>
            <AppLink href={i.href} className={styles.value} aria-label={`${i.label}: ${i.value}`}>
              {i.warn && <WarningFilled aria-hidden="true" />}
              {i.value}
            </AppLink>
          </li>
        ))}
      </ul>
    </section>
  );
}

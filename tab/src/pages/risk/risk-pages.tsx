// The risk pages (ROS, issue 7), loaded lazily as one chunk: a small menu of their own and the page the route names.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useLazyPageFocus } from '../../components/use-lazy-page-focus';
import { useI18n } from '../../i18n/i18n';
import { AppLink } from '../../router';
import { AssessmentPage } from './assessment-page';
import { AssessmentsPage } from './assessments-page';
import { HeatMapPage } from './heatmap-page';
import { RoundPage } from './round-page';
import { RoundsPage } from './rounds-page';
import type { RiskRoute } from './risk-routes';

const useStyles = makeStyles({
  nav: { marginBottom: tokens.spacingVerticalL },
  list: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, listStyleType: 'none', margin: 0, padding: 0 },
  current: { fontWeight: tokens.fontWeightSemibold, textDecorationLine: 'underline', textUnderlineOffset: '4px' },
});

export default function RiskPages({ route, narrow }: { route: RiskRoute; narrow: boolean }) {
  const styles = useStyles();
  const { t } = useI18n();
  useLazyPageFocus();

  const items = [
    { href: '/risk', label: t('risk.nav.assessments'), current: route.view === 'assessments' || route.view === 'assessment', testId: 'risk-nav-assessments' },
    { href: '/risk/heatmap', label: t('risk.nav.heatMap'), current: route.view === 'heatMap', testId: 'risk-nav-heatmap' },
    { href: '/risk/rounds', label: t('risk.nav.rounds'), current: route.view === 'rounds' || route.view === 'round', testId: 'risk-nav-rounds' },
  ];
  let page;
  switch (route.view) {
    case 'assessments':
      page = <AssessmentsPage narrow={narrow} />;
      break;
    case 'assessment':
      page = <AssessmentPage key={route.id} id={route.id} />;
      break;
    case 'heatMap':
      page = <HeatMapPage narrow={narrow} />;
      break;
    case 'rounds':
      page = <RoundsPage />;
      break;
    case 'round':
      page = <RoundPage key={route.id} id={route.id} />;
      break;
  }
  return (
    <>
      <nav aria-label={t('risk.nav')} className={styles.nav} data-testid="risk-nav">
        <ul className={styles.list}>
          {items.map((i) => (
            <li key={i.href}>
              <AppLink href={i.href} className={mergeClasses(i.current && styles.current)} aria-current={i.current ? 'page' : undefined} data-testid={i.testId}>
                {i.label}
              </AppLink>
            </li>
          ))}
        </ul>
      </nav>
      {page}
    </>
  );
}

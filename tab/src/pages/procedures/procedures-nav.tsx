// The procedure pages' own menu (under the main menu): search, reading list, and what the person's roles make useful.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useI18n } from '../../i18n/i18n';
import { AppLink } from '../../router';
import { useMe } from '../../session/session';
import { procedureMenu, type ProcedureView } from './procedure-access';

const useStyles = makeStyles({
  nav: { marginBottom: tokens.spacingVerticalL, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  list: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, listStyleType: 'none', margin: 0, padding: `0 0 ${tokens.spacingVerticalS}` },
  current: { fontWeight: tokens.fontWeightSemibold, textDecorationLine: 'underline', textUnderlineOffset: '4px' },
});

export function ProceduresNav({ view }: { view: ProcedureView }) {
  const styles = useStyles();
  const { t } = useI18n();
  const me = useMe();
  const current = view === 'document' ? 'search' : view;
  return (
    <nav aria-label={t('proc.nav.label')} className={styles.nav}>
      <ul className={styles.list}>
        {procedureMenu(me).map((item) => (
          <li key={item.view}>
            <AppLink
              href={item.href}
              className={mergeClasses(item.view === current && styles.current)}
              aria-current={item.view === current ? 'page' : undefined}
              data-testid={`proc-nav-${item.view}`}
            >
              {t(`proc.nav.${item.view}` as const)}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

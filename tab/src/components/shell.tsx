// The frame of every page: skip link, the local-sign-in banner, the header with the main menu, and <main> (focus moves to its heading on navigation).
import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { AppLink, useRouter } from '../router';
import { useSession } from '../session/session';

const useStyles = makeStyles({
  root: { minHeight: '100vh', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  skip: {
    position: 'absolute',
    left: '-10000px',
    top: 'auto',
    ':focus': { left: tokens.spacingHorizontalM, top: tokens.spacingVerticalM, zIndex: 10, padding: tokens.spacingHorizontalS, backgroundColor: tokens.colorNeutralBackground1 },
  },
  banner: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorStatusWarningBackground1,
    color: tokens.colorNeutralForeground1,
    borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorStatusWarningBorder2}`,
  },
  bannerText: { fontWeight: tokens.fontWeightSemibold },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { fontWeight: tokens.fontWeightBold, fontSize: tokens.fontSizeBase400 },
  nav: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, flexGrow: 1 },
  navList: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, listStyleType: 'none', margin: 0, padding: 0 },
  navLink: { fontSize: tokens.fontSizeBase300, padding: `${tokens.spacingVerticalXS} 0` },
  current: { fontWeight: tokens.fontWeightSemibold, textDecorationLine: 'underline', textUnderlineOffset: '4px' },
  user: { color: tokens.colorNeutralForeground2 },
  main: {
    flexGrow: 1,
    padding: tokens.spacingHorizontalXL,
    maxWidth: '90rem',
    width: '100%',
    boxSizing: 'border-box',
    '@media (max-width: 600px)': { padding: tokens.spacingHorizontalM },
  },
  narrow: { padding: tokens.spacingHorizontalM },
});

export function LocalBanner() {
  const styles = useStyles();
  const { t } = useI18n();
  const { state, me, signOut } = useSession();
  if (state.kind !== 'local') return null;
  return (
    <div className={styles.banner} role="region" aria-label={t('local.banner')} data-testid="local-banner">
      <span className={styles.bannerText}>{t('local.banner')}</span>
      {me && <span>{t('local.signedInAs', { name: me.name, label: state.label, unit: me.unitName })}</span>}
      <Button size="small" onClick={signOut} data-testid="sign-out">
        {t('local.signOut')}
      </Button>
    </div>
  );
}

export function Shell({ children, narrow, channelUnitId }: { children: ReactNode; narrow: boolean; channelUnitId?: string | null }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { me } = useSession();
  const { location, route } = useRouter();

  // Focus the new page's heading after each navigation, so keyboard and screen-reader users start at the top of it.
  useEffect(() => {
    if (location.serial === 0) return;
    const frame = requestAnimationFrame(() => document.querySelector<HTMLElement>('main [data-page-heading]')?.focus());
    return () => cancelAnimationFrame(frame);
  }, [location.serial, location.pathname]);

  const items: { href: string; label: string; current: boolean; testId: string }[] = [
    { href: '/inbox', label: t('nav.inbox'), current: route.page === 'inbox' || route.page === 'case', testId: 'nav-inbox' },
    { href: '/actions', label: t('nav.actions'), current: route.page === 'actions', testId: 'nav-actions' },
    // The dashboard is for those who see others' cases (the server answers 403 to the others).
    ...(me?.seesOthersCases ? [{ href: '/dashboard', label: t('nav.dashboard'), current: route.page === 'dashboard', testId: 'nav-dashboard' }] : []),
    // Risk (issue 7): for leaders and advisers, who assess risk and read others' assessments (the server decides in the end).
    ...(me?.seesOthersCases ? [{ href: '/risk', label: t('nav.risk'), current: route.page === 'risk', testId: 'nav-risk' }] : []),
    // Quality committees (issue 9): for leaders, advisers and coordinators, who sit in or read committees (the server
    // lists only those the viewer may read; members without a leader role reach theirs from the channel's cards).
    ...(me?.seesOthersCases || me?.roles.some((r) => r === 'qualityAdviser' || r === 'qualityCoordinator') ? [{ href: '/committees', label: t('nav.committees'), current: route.page === 'committees', testId: 'nav-committees' }] : []),
    // Procedures (issue 8): everyone searches them and has a reading list.
    { href: '/procedures', label: t('proc.mainNav.procedures'), current: route.page === 'procedures' && route.route.view !== 'readingList' && route.route.view !== 'coverage', testId: 'nav-procedures' },
    { href: '/reading-list', label: t('proc.mainNav.readingList'), current: route.page === 'procedures' && (route.route.view === 'readingList' || route.route.view === 'coverage'), testId: 'nav-reading-list' },
  ];
  if (channelUnitId) items.unshift({ href: `/channel?unitId=${encodeURIComponent(channelUnitId)}`, label: t('nav.channel'), current: route.page === 'channel', testId: 'nav-channel' });

  return (
    <div className={styles.root}>
      <a className={styles.skip} href="#main">
        {t('app.skipToContent')}
      </a>
      <LocalBanner />
      <header className={styles.header}>
        <span className={styles.brand}>Varde</span>
        <nav aria-label={t('nav.label')} className={styles.nav}>
          <ul className={styles.navList}>
            {items.map((item) => (
              <li key={item.href}>
                <AppLink
                  href={item.href}
                  className={mergeClasses(styles.navLink, item.current && styles.current)}
                  aria-current={item.current ? 'page' : undefined}
                  data-testid={item.testId}
                >
                  {item.label}
                </AppLink>
              </li>
            ))}
          </ul>
        </nav>
        {me && !narrow && <span className={styles.user}>{t('nav.user', { name: me.name })}</span>}
      </header>
      <main id="main" className={mergeClasses(styles.main, narrow && styles.narrow)} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

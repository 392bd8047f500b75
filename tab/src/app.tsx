// The tab's root: Teams or not, theme and language, the session, and which page the URL asks for.
import { FluentProvider, Spinner, makeStaticStyles, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useState } from 'react';
import { ErrorMessage, Notice } from './components/error-message';
import { Shell } from './components/shell';
import { ThemeObjectContext } from './components/theme-context';
import { I18nProvider, useI18n } from './i18n/i18n';
import { htmlLang, pickLocale } from './i18n/locale';
import { ActionListPage } from './pages/actions/action-list-page';
import { CasePage } from './pages/case/case-page';
import { ChannelPage } from './pages/channel/channel-page';
import { ConfigPage } from './pages/config/config-page';
import { DashboardPage } from './pages/dashboard/dashboard-page';
import { InboxPage } from './pages/inbox/inbox-page';
import { NotFoundPage } from './pages/not-found-page';
import { SignInPage } from './pages/sign-in-page';
import { RouterProvider, useRouter } from './router';
import { SessionProvider, useSession } from './session/session';
import { connectTeams, type TeamsHost, type TeamsTheme } from './session/teams';
import { browserTheme, fluentTheme } from './theme';

// The procedure pages (issue 8) are a chunk of their own, loaded when one of them is opened.
const ProceduresPages = lazy(() => import('./pages/procedures/procedures-pages'));
// The risk pages (issue 7) likewise.
const RiskPages = lazy(() => import('./pages/risk/risk-pages'));
// The committee pages (issue 9) likewise.
const CommitteesPages = lazy(() => import('./pages/committees/committees-pages'));

const useGlobalStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  centre: { display: 'flex', minHeight: '100vh', alignItems: 'center', justifyContent: 'center', padding: tokens.spacingHorizontalXL },
});

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const mql = window.matchMedia?.(query);
    if (!mql) return;
    const onChange = () => setMatches(mql.matches);
    mql.addEventListener('change', onChange);
    return () => mql.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}

function Pages() {
  const styles = useStyles();
  const { t } = useI18n();
  const { state, me, meError, reloadMe, host } = useSession();
  const { route } = useRouter();
  const narrowWindow = useMediaQuery('(max-width: 600px)');
  const narrow = narrowWindow || host?.frameContext === 'sidePanel';
  const [channelUnitId, setChannelUnitId] = useState<string | null>(null);
  useEffect(() => {
    if (route.page === 'channel' && route.unitId) setChannelUnitId(route.unitId);
  }, [route]);

  if (state.kind === 'signedOut') return <SignInPage expired={state.reason === 'expired'} />;
  if (state.kind === 'teamsFailed')
    return (
      <main id="main" className={styles.centre}>
        <Notice intent="warning">{t('error.teamsSignIn')}</Notice>
      </main>
    );
  if (meError)
    return (
      <main id="main" className={styles.centre}>
        <ErrorMessage error={meError} onRetry={reloadMe} />
      </main>
    );
  if (!me)
    return (
      <main id="main" className={styles.centre}>
        <Spinner label={t('common.loading')} />
      </main>
    );

  let page;
  switch (route.page) {
    case 'inbox':
      page = <InboxPage narrow={narrow} />;
      break;
    case 'case':
      page = <CasePage key={route.id} id={route.id} narrow={narrow} />;
      break;
    case 'actions':
      page = <ActionListPage narrow={narrow} />;
      break;
    case 'dashboard':
      page = <DashboardPage />;
      break;
    case 'channel':
      page = <ChannelPage unitId={route.unitId} />;
      break;
    case 'config':
      page = <ConfigPage />;
      break;
    case 'procedures':
      page = (
        <Suspense fallback={<Spinner label={t('common.loading')} />}>
          <ProceduresPages route={route.route} narrow={narrow} />
        </Suspense>
      );
      break;
    case 'risk':
      page = (
        <Suspense fallback={<Spinner label={t('common.loading')} />}>
          <RiskPages route={route.route} narrow={narrow} />
        </Suspense>
      );
      break;
    case 'committees':
      page = (
        <Suspense fallback={<Spinner label={t('common.loading')} />}>
          <CommitteesPages route={route.route} />
        </Suspense>
      );
      break;
    default:
      page = <NotFoundPage />;
  }
  return (
    <Shell narrow={narrow} channelUnitId={channelUnitId}>
      {page}
    </Shell>
  );
}

function Themed({ host }: { host: TeamsHost | null }) {
  const styles = useStyles();
  const [theme, setTheme] = useState<TeamsTheme>(() => (host ? host.theme : browserTheme()));
  useEffect(() => host?.onThemeChange(setTheme), [host]);
  const asked = new URLSearchParams(window.location.search).get('lang');
  const locale = pickLocale(host ? [asked, host.locale] : [asked, ...(navigator.languages ?? []), navigator.language]);
  useEffect(() => {
    document.documentElement.lang = htmlLang(locale);
  }, [locale]);
  const fluent = fluentTheme(theme);
  return (
    // The page style sits on a div inside the provider: Fluent passes the provider's class on to every portal
    // (tooltips, popovers, dialogs), which would then cover the whole window and swallow clicks.
    <FluentProvider theme={fluent} data-theme={theme}>
      <div className={styles.provider}>
        <ThemeObjectContext.Provider value={fluent}>
          <I18nProvider locale={locale}>
            <RouterProvider>
              <SessionProvider host={host}>
                <Pages />
              </SessionProvider>
            </RouterProvider>
          </I18nProvider>
        </ThemeObjectContext.Provider>
      </div>
    </FluentProvider>
  );
}

export function App() {
  useGlobalStyles();
  const styles = useStyles();
  const [host, setHost] = useState<TeamsHost | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void connectTeams().then((h) => live && setHost(h));
    return () => {
      live = false;
    };
  }, []);
  if (host === undefined)
    return (
      <FluentProvider theme={fluentTheme(browserTheme())}>
        <div className={styles.centre}>
          <Spinner label="Starter Varde …" />
        </div>
      </FluentProvider>
    );
  return <Themed host={host} />;
}

// Outside Teams: pick a demo persona to sign in as (local runs only; the server answers 404 elsewhere).
import { Button, Card, CardHeader, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { LocalPersona } from '../../../src/server/api/contract.js';
import { ApiRequestError } from '../api/client';
import { asApiError, useLoad } from '../api/use-load';
import { ErrorMessage, Notice } from '../components/error-message';
import { PageHeading, usePageStyles } from '../components/page';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

const useStyles = makeStyles({
  main: { maxWidth: '48rem', margin: '0 auto', padding: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM, gridTemplateColumns: 'repeat(auto-fill, minmax(16rem, 1fr))' },
  card: { height: '100%' },
});

export function SignInPage({ expired }: { expired: boolean }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const { api, signIn } = useSession();
  const personas = useLoad((signal) => api.get<LocalPersona[]>('/api/local/personas', signal), 'personas', t('error.unexpected'));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiRequestError | null>(null);

  const choose = async (p: LocalPersona) => {
    setBusy(p.key);
    setError(null);
    try {
      await signIn(p);
    } catch (err) {
      setError(asApiError(err, t('error.unexpected')));
      setBusy(null);
    }
  };

  const unavailable = personas.error?.status === 404;
  return (
    <main id="main" className={styles.main}>
      <PageHeading title={t('signIn.title')}>{t('signIn.title')}</PageHeading>
      <Notice intent="warning" testId="local-banner">
        {t('local.banner')}
      </Notice>
      {expired && <Notice intent="info">{t('signIn.expired')}</Notice>}
      <Text>{t('signIn.intro')}</Text>
      {personas.loading && <Spinner label={t('common.loading')} />}
      {unavailable && <Notice intent="info">{t('signIn.unavailable')}</Notice>}
      {personas.error && !unavailable && <ErrorMessage error={personas.error} onRetry={personas.reload} />}
      {error && <ErrorMessage error={error} />}
      {personas.data && (
        <section aria-labelledby="personas-heading" className={page.section}>
          <h2 id="personas-heading" className={page.h2}>
            {t('signIn.personas')}
          </h2>
          <ul className={styles.list}>
            {personas.data.map((p) => (
              <li key={p.key}>
                <Card className={styles.card}>
                  <CardHeader header={<Text weight="semibold">{p.label}</Text>} description={<Text>{`${p.name}, ${p.unitName}`}</Text>} />
                  <Button
                    appearance="primary"
                    disabled={busy !== null}
                    icon={busy === p.key ? <Spinner size="tiny" /> : undefined}
                    onClick={() => void choose(p)}
                    data-testid={`sign-in-${p.key}`}
                  >
                    {t('signIn.as', { label: p.label })}
                  </Button>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

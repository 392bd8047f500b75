// What a page shows while its data loads or when the load failed (with a retry); nothing once the data is in.
import { Spinner } from '@fluentui/react-components';
import type { Loaded } from '../api/use-load';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage } from './error-message';
import { PageHeading } from './page';

export function LoadState({ loaded }: { loaded: Pick<Loaded<unknown>, 'loading' | 'error' | 'reload'> }) {
  const { t } = useI18n();
  return (
    <>
      {loaded.loading && <Spinner label={t('common.loading')} />}
      {loaded.error && <ErrorMessage error={loaded.error} onRetry={loaded.reload} />}
    </>
  );
}

/** A page whose record is not there yet: its heading (the page's title), then the load's state. */
export function PendingPage({ title, loaded }: { title: string; loaded: Pick<Loaded<unknown>, 'loading' | 'error' | 'reload'> }) {
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <LoadState loaded={loaded} />
    </>
  );
}

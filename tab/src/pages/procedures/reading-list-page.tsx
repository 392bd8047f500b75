// Min leseliste: what I must read (oldest first) with «Jeg har lest og forstått» for the version shown, then what I have confirmed.
import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ReadingListItem, ReadingListView } from '../../../../src/server/api/contract-procedures.js';
import type { ApiRequestError } from '../../api/client';
import { asApiError, useLoad } from '../../api/use-load';
import { ErrorMessage } from '../../components/error-message';
import { PageHeading, usePageStyles } from '../../components/page';
import { PageIntro } from '../../components/page-intro';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink } from '../../router';
import { useApi, useMe } from '../../session/session';
import { mayWrite } from './procedure-access';
import { procedureLabels } from './procedure-labels';
import { documentHref } from './procedure-routes';
import { ConfirmReadingButton, ReadingOutcomeNotice, type ReadingOutcome } from './reading-confirm';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground2 },
  note: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** Downloads a document's file through the API (with the token), reporting a failure to the caller. */
export function DownloadButton({ url, fileName, label, testId, onError }: { url: string; fileName: string; label: string; testId: string; onError(e: ApiRequestError): void }) {
  const { t } = useI18n();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      as="a"
      href={url}
      icon={busy ? <Spinner size="tiny" /> : <ArrowDownloadRegular />}
      onClick={(e) => {
        e.preventDefault();
        if (busy) return;
        setBusy(true);
        api
          .download(url, fileName)
          .catch((err: unknown) => onError(asApiError(err, t('error.unexpected'))))
          .finally(() => setBusy(false));
      }}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}

function OpenItem({ item, onOutcome }: { item: ReadingListItem; onOutcome(o: ReadingOutcome): void }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const pl = procedureLabels(t);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const headingId = `reading-${item.documentId}`;
  return (
    <li className={`${styles.item} ${page.card}`} data-testid="reading-item" data-document-id={item.documentId} data-version={item.version} aria-labelledby={headingId}>
      <h3 id={headingId} className={page.h3}>
        <AppLink href={documentHref(item.documentId)}>{item.title}</AppLink>
      </h3>
      <div className={styles.meta}>
        <span>{pl.type(item.documentType)}</span>
        <span data-testid="reading-version">{t('proc.reading.version', { version: item.version })}</span>
        <span>{t('proc.reading.assigned', { date: formatDate(item.assignedAt) })}</span>
      </div>
      {item.changeNote && <p className={styles.note}>{t('proc.reading.changeNote', { note: item.changeNote })}</p>}
      <div className={styles.actions}>
        <DownloadButton url={item.contentUrl} fileName={item.title} label={t('proc.reading.open', { version: item.version })} testId="reading-open-doc" onError={setError} />
        <ConfirmReadingButton documentId={item.documentId} version={item.version} title={item.title} onOutcome={onOutcome} />
      </div>
      {error && <ErrorMessage error={error} />}
    </li>
  );
}

export function ReadingListPage() {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const pl = procedureLabels(t);
  const me = useMe();
  const api = useApi();
  const loaded = useLoad((signal) => api.get<ReadingListView>('/api/reading-list', signal), 'reading-list', t('error.unexpected'));
  const [outcome, setOutcome] = useState<{ outcome: ReadingOutcome; title: string } | null>(null);
  const list = loaded.data;

  const handle = (item: ReadingListItem) => (o: ReadingOutcome) => {
    setOutcome({ outcome: o, title: item.title });
    // Confirmed: it moves to the confirmed list; replaced: the list now offers the newer version.
    loaded.reload();
    requestAnimationFrame(() => document.getElementById('reading-open')?.focus());
  };

  return (
    <>
      <PageHeading title={t('proc.reading.title')}>{t('proc.reading.title')}</PageHeading>
      <PageIntro>
        {t('proc.reading.intro')}
      </PageIntro>
      {mayWrite(me) && (
        <Text as="p">
          <AppLink href="/reading-list/coverage" data-testid="reading-coverage-link">
            {t('proc.reading.coverageLink')}
          </AppLink>
        </Text>
      )}
      <section aria-labelledby="reading-open" className={page.section} aria-busy={loaded.loading}>
        <h2 id="reading-open" className={page.h2} tabIndex={-1}>
          {list ? t('proc.reading.toRead', { n: list.open.length }) : t('proc.reading.toReadTitle')}
        </h2>
        {outcome && <ReadingOutcomeNotice outcome={outcome.outcome} title={outcome.title} />}
        {loaded.error && <ErrorMessage error={loaded.error} onRetry={loaded.reload} />}
        {loaded.loading && !list && <Spinner label={t('common.loading')} />}
        {list && list.open.length === 0 && <Text data-testid="reading-empty">{t('proc.reading.empty')}</Text>}
        {list && list.open.length > 0 && (
          <ul className={styles.list} data-testid="reading-open-list">
            {list.open.map((item) => (
              <OpenItem key={`${item.documentId}@${item.version}`} item={item} onOutcome={handle(item)} />
            ))}
          </ul>
        )}
      </section>
      {list && (
        <section aria-labelledby="reading-confirmed" className={page.section}>
          <h2 id="reading-confirmed" className={page.h2}>
            {t('proc.reading.confirmedTitle')}
          </h2>
          {list.confirmed.length === 0 ? (
            <Text>{t('proc.reading.noneConfirmed')}</Text>
          ) : (
            <ul data-testid="reading-confirmed-list">
              {list.confirmed.map((item) => (
                <li key={`${item.documentId}@${item.version}`} data-testid="reading-confirmed-item" data-document-id={item.documentId} data-version={item.version}>
                  <AppLink href={documentHref(item.documentId)}>{item.title}</AppLink>
                  {` – ${pl.type(item.documentType)}, ${t('proc.reading.confirmedAt', { version: item.version, time: formatDateTime(item.confirmedAt) })}`}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}


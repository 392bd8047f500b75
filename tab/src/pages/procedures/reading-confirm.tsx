// «Jeg har lest og forstått»: confirms exactly the version shown; a version replaced meanwhile is said plainly, and the newer one offered.
import { Button, Spinner } from '@fluentui/react-components';
import { CheckmarkRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ConfirmReadingBody, ReadingConfirmationView, SupersededVersionError } from '../../../../src/server/api/contract-procedures.js';
import type { ApiRequestError } from '../../api/client';
import { asApiError } from '../../api/use-load';
import { ErrorMessage, Notice } from '../../components/error-message';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { documentApiPath } from './procedure-query';

/** The version in force from a 409 'supersededVersion' (null for any other error). */
export function supersededBy(error: ApiRequestError): string | null {
  if (error.status !== 409 || error.code !== 'supersededVersion') return null;
  const v = (error.body as unknown as SupersededVersionError['error']).currentVersion;
  return typeof v === 'string' && v !== '' ? v : null;
}

export type ReadingOutcome = { kind: 'confirmed'; view: ReadingConfirmationView } | { kind: 'superseded'; version: string; currentVersion: string };

export function ConfirmReadingButton({
  documentId,
  version,
  title,
  onOutcome,
}: {
  documentId: string;
  version: string;
  title: string;
  /** After a confirmation, or when the version shown turned out to be replaced (the caller reloads to show the new one). */
  onOutcome(outcome: ReadingOutcome): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const body: ConfirmReadingBody = { version };
      const view = await api.post<ReadingConfirmationView>(documentApiPath(documentId, '/confirm-reading'), body);
      onOutcome({ kind: 'confirmed', view });
    } catch (err) {
      const e = asApiError(err, t('error.unexpected'));
      const current = supersededBy(e);
      if (current) onOutcome({ kind: 'superseded', version, currentVersion: current });
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div>
        <Button
          appearance="primary"
          icon={busy ? <Spinner size="tiny" /> : <CheckmarkRegular />}
          disabled={busy}
          onClick={() => void confirm()}
          aria-label={t('proc.reading.confirmFor', { title, version })}
          data-testid="reading-confirm"
        >
          {t('proc.reading.confirm')}
        </Button>
      </div>
      {error && <ErrorMessage error={error} testId="reading-error" />}
    </>
  );
}

/** What happened, said where it happened: confirmed (with the time), or replaced by a newer version that must be read first. */
export function ReadingOutcomeNotice({ outcome, title }: { outcome: ReadingOutcome; title: string }) {
  const { t } = useI18n();
  if (outcome.kind === 'confirmed')
    return (
      <Notice intent="success" testId="reading-notice">
        {t('proc.reading.confirmed', { title, version: outcome.view.version, time: formatDateTime(outcome.view.confirmedAt) })}
      </Notice>
    );
  return (
    <Notice intent="warning" testId="reading-superseded">
      {t('proc.reading.superseded', { title, version: outcome.version, current: outcome.currentVersion })}
    </Notice>
  );
}

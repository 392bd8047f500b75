// One write at a time from a form or a button: busy while it runs, and what went wrong kept to be shown.
import { useState } from 'react';
import type { ApiRequestError } from '../api/client';
import { asApiError } from '../api/use-load';
import { useI18n } from '../i18n/i18n';

export interface BusyAction {
  busy: boolean;
  error: ApiRequestError | null;
  setError(error: ApiRequestError | null): void;
  /** Runs the work (the last error cleared first); true when it went well. */
  run(work: () => Promise<unknown>): Promise<boolean>;
}

export function useBusyAction(): BusyAction {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (err) {
      setError(asApiError(err, t('error.unexpected')));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

// What the parts of the case view share: the case as last read, and one way to write that catches a conflict instead of overwriting.
import { createContext, useContext, useState } from 'react';
import type { CaseDetail } from '../../../../src/server/api/contract.js';
import { ApiRequestError } from '../../api/client';
import { asApiError } from '../../api/use-load';
import { useI18n } from '../../i18n/i18n';

export interface CaseWork {
  detail: CaseDetail;
  /** Set when a write met someone else's change; writes wait until the person reloads. */
  conflicted: boolean;
  /** A write answered with the case as it is now. */
  apply(next: CaseDetail): void;
  /** A write got 409 'conflict': show the other's version (null when the server sent none). */
  conflict(current: CaseDetail | null): void;
  /** Read the case again (history after feedback or escalation). */
  refresh(): void;
}

export const CaseWorkContext = createContext<CaseWork | null>(null);

export function useCaseWork(): CaseWork {
  const work = useContext(CaseWorkContext);
  if (!work) throw new Error('useCaseWork outside the case view');
  return work;
}

/** Runs one write: busy while it runs, its error kept for the form, a conflict handed to the page. */
export function useCaseWrite() {
  const work = useCaseWork();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function run<T>(write: (etag: string) => Promise<T>, after: (result: T) => string | null): Promise<boolean> {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await write(work.detail.etag);
      setDone(after(result));
      return true;
    } catch (err) {
      const e = asApiError(err, t('error.unexpected'));
      if (e.status === 409 && e.code === 'conflict') work.conflict(e.body.current ?? null);
      else setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { run, busy, error, done, disabled: busy || work.conflicted };
}

// One way to write to a document: busy while it runs, its error kept for the form, a stale etag turned into the document as it is now (never an overwrite).
import { useState } from 'react';
import type { DocumentConflictError, DocumentDetail } from '../../../../src/server/api/contract-procedures.js';
import type { ApiRequestError } from '../../api/client';
import { asApiError } from '../../api/use-load';
import { useI18n } from '../../i18n/i18n';

/** The document someone else saved, from a 409 'conflict' (null when the server sent none). */
export function conflictCurrent(error: ApiRequestError): DocumentDetail | null {
  if (error.status !== 409 || error.code !== 'conflict') return null;
  return (error.body as unknown as DocumentConflictError['error']).current ?? null;
}

export interface DocumentWriteTarget {
  detail: DocumentDetail;
  /** A write answered with the document as it is now. */
  apply(next: DocumentDetail): void;
  /** Someone else changed it: show theirs (reload when null). */
  conflict(current: DocumentDetail | null): void;
}

export function useDocumentWrite(target: DocumentWriteTarget) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function run(write: (etag: string) => Promise<DocumentDetail>, after: (next: DocumentDetail) => string | null): Promise<boolean> {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const next = await write(target.detail.etag);
      target.apply(next);
      setDone(after(next));
      return true;
    } catch (err) {
      const e = asApiError(err, t('error.unexpected'));
      if (e.status === 409 && e.code === 'conflict') target.conflict(conflictCurrent(e));
      else setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { run, busy, error, done, reset: () => (setError(null), setDone(null)) };
}

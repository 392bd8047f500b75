// A document loaded to be worked on: the load's state, and the write target that takes each answer in place and turns
// someone else's change into theirs on screen plus a flag for the «changed by someone else» notice.
import { useMemo, useState } from 'react';
import type { DocumentDetail } from '../../../../src/server/api/contract-procedures.js';
import { useLoad, type Loaded } from '../../api/use-load';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import type { DocumentWriteTarget } from './document-write';
import { documentApiPath } from './procedure-query';

export interface LoadedDocument {
  loaded: Loaded<DocumentDetail>;
  /** Null until the document is here. */
  target: DocumentWriteTarget | null;
  /** A write met someone else's change (cleared by the next write that succeeds). */
  conflict: boolean;
}

export function useDocumentTarget(id: string): LoadedDocument {
  const { t } = useI18n();
  const api = useApi();
  const loaded = useLoad((signal) => api.get<DocumentDetail>(documentApiPath(id), signal), id, t('error.unexpected'));
  const [conflict, setConflict] = useState(false);
  const detail = loaded.data;
  const target = useMemo<DocumentWriteTarget | null>(
    () =>
      detail
        ? {
            detail,
            apply: (next) => {
              setConflict(false);
              loaded.set(next);
            },
            conflict: (current) => {
              setConflict(true);
              if (current) loaded.set(current);
              else loaded.reload();
            },
          }
        : null,
    [detail, loaded],
  );
  return { loaded, target, conflict };
}

// The committee API's paths (one place, so the pages and the config page agree), and the meeting's writes as a hook:
// every write sends the etag it read; a 409 'conflict' keeps the other person's record for the conflict notice and
// overwrites nothing; other refusals come back as the server's Norwegian message.
import { useCallback, useEffect, useState } from 'react';
import type { MeetingDetail } from '../../../../src/server/api/contract.js';
import type { ApiRequestError } from '../../api/client';
import { asApiError, useLoad, type Loaded } from '../../api/use-load';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { conflictOf, type Conflict } from './committee-conflict';

const enc = encodeURIComponent;

export const committeeApi = {
  list: '/api/committees',
  committee: (id: string) => `/api/committees/${enc(id)}`,
  meetings: (committeeId: string) => `/api/committees/${enc(committeeId)}/meetings`,
  proposals: (committeeId: string) => `/api/committees/${enc(committeeId)}/proposals`,
  channels: '/api/committee-channels',
  meeting: (id: string) => `/api/meetings/${enc(id)}`,
  forChat: (chatId: string) => `/api/meetings/for-teams?chatId=${enc(chatId)}`,
  forCommittee: (committeeId: string) => `/api/meetings/for-teams?committeeId=${enc(committeeId)}`,
  propose: (id: string) => `/api/meetings/${enc(id)}/agenda/propose`,
  items: (id: string) => `/api/meetings/${enc(id)}/agenda/items`,
  item: (id: string, itemId: string) => `/api/meetings/${enc(id)}/agenda/items/${enc(itemId)}`,
  order: (id: string) => `/api/meetings/${enc(id)}/agenda/order`,
  inputs: (id: string, itemId: string) => `/api/meetings/${enc(id)}/agenda/items/${enc(itemId)}/inputs`,
  documents: (id: string, itemId: string, name: string) => `/api/meetings/${enc(id)}/agenda/items/${enc(itemId)}/documents?name=${enc(name)}`,
  approve: (id: string) => `/api/meetings/${enc(id)}/agenda/approve`,
  retry: (id: string) => `/api/meetings/${enc(id)}/cards/retry`,
  decision: (id: string, itemId: string) => `/api/meetings/${enc(id)}/agenda/items/${enc(itemId)}/decision`,
  measures: (id: string, itemId: string) => `/api/meetings/${enc(id)}/agenda/items/${enc(itemId)}/measures`,
  minutes: (id: string) => `/api/meetings/${enc(id)}/minutes`,
};

/** How long a write's confirmation stays. */
const NOTICE_MS = 10_000;

export interface MeetingWork {
  loaded: Loaded<MeetingDetail>;
  busy: boolean;
  error: ApiRequestError | null;
  conflict: Conflict | null;
  notice: string | null;
  /**
   * Runs a write. A write answering with the meeting replaces it; one answering with an item (decision, measure,
   * input, document) reloads the meeting, whose etag and open items it changed. True when it went through.
   */
  run<T>(write: () => Promise<T>, success: string | null | ((result: T) => string), answers?: 'meeting' | 'item' | 'proposal'): Promise<boolean>;
  reload(): void;
  dismiss(): void;
}

export function useMeetingWork(load: ((signal: AbortSignal) => Promise<MeetingDetail>) | null, key: string): MeetingWork {
  const api = useApi();
  const { t } = useI18n();
  const loaded = useLoad(load, key, t('error.unexpected'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { set } = loaded;
  // A confirmation has been announced (role=status) and read after a while; it should not cover the agenda for good.
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  const meetingId = loaded.data?.id;

  const run = useCallback(
    async <T>(write: () => Promise<T>, success: string | null | ((result: T) => string), answers: 'meeting' | 'item' | 'proposal' = 'meeting'): Promise<boolean> => {
      setBusy(true);
      setError(null);
      setConflict(null);
      setNotice(null);
      try {
        const result = await write();
        if (answers === 'meeting') set(result as MeetingDetail);
        else if (answers === 'proposal') set((result as { meeting: MeetingDetail }).meeting);
        else if (meetingId) set(await api.get<MeetingDetail>(committeeApi.meeting(meetingId)));
        if (success) setNotice(typeof success === 'function' ? success(result) : success);
        return true;
      } catch (err) {
        const c = conflictOf(err);
        if (c) setConflict(c);
        else setError(asApiError(err, t('error.unexpected')));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [api, meetingId, set, t],
  );

  const reload = useCallback(() => {
    setConflict(null);
    setError(null);
    loaded.reload();
  }, [loaded]);

  return { loaded, busy, error, conflict, notice, run, reload, dismiss: () => setNotice(null) };
}

/** The meeting by id, with its writes (the agenda page, the side panel and the stage each hold their own copy). */
export function useMeetingById(meetingId: string, view: string): MeetingWork {
  const api = useApi();
  const load = useCallback((signal: AbortSignal) => api.get<MeetingDetail>(committeeApi.meeting(meetingId), signal), [api, meetingId]);
  return useMeetingWork(load, `${view}:${meetingId}`);
}

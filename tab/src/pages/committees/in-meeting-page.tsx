// The Teams meeting tab (side panel or stage, by the frame context): finds its meeting by id (what the config page
// saved), else by the Teams meeting chat it sits in, else the committee's current meeting.
import { useCallback } from 'react';
import type { MeetingDetail } from '../../../../src/server/api/contract.js';
import { Notice } from '../../components/error-message';
import { useI18n } from '../../i18n/i18n';
import { useApi, useSession } from '../../session/session';
import { committeeApi, useMeetingWork } from './committee-api';
import { MeetingPanel } from './meeting-panel';
import { MeetingStage } from './meeting-stage';

export function InMeetingPage({ meetingId, committeeId }: { meetingId: string | null; committeeId: string | null }) {
  const api = useApi();
  const { host } = useSession();
  const { t } = useI18n();
  const chatId = host?.chatId ?? null;
  const path = meetingId ? committeeApi.meeting(meetingId) : chatId ? committeeApi.forChat(chatId) : committeeId ? committeeApi.forCommittee(committeeId) : null;
  const load = useCallback((signal: AbortSignal) => api.get<MeetingDetail>(path as string, signal), [api, path]);
  const work = useMeetingWork(path ? load : null, `in-meeting:${path ?? ''}`);
  if (!path || work.loaded.error?.status === 404) return <Notice intent="warning" testId="in-meeting-not-found">{t('cmt.inMeeting.notFound')}</Notice>;
  return host?.frameContext === 'meetingStage' ? <MeetingStage work={work} /> : <MeetingPanel work={work} />;
}

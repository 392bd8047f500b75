// The config page inside a Teams meeting (a meeting chat, no channel): the tab shows a committee meeting's agenda in the
// side panel and on the stage. A meeting already linked to this chat is found at once; otherwise a preparer picks the
// committee and the meeting and links the chat to it (PATCH teamsChatId), so the side panel finds it from then on.
import { Button, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { CommitteeDetail, CommitteeSummary, MeetingDetail } from '../../../../src/server/api/contract.js';
import type { ApiRequestError } from '../../api/client';
import { asApiError, useLoad } from '../../api/use-load';
import { ChoiceField } from '../../components/choice-field';
import { ErrorMessage, Notice } from '../../components/error-message';
import { usePageStyles } from '../../components/page';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { teamsConfig } from '../../session/teams';
import { committeeApi } from '../committees/committee-api';
import { inMeetingContentUrl } from '../committees/committee-routes';

const OPEN = new Set(['planned', 'agendaDraft', 'agendaApproved', 'held']);

export function MeetingConfig({ chatId, inTeams }: { chatId: string; inTeams: boolean }) {
  const page = usePageStyles();
  const api = useApi();
  const { t } = useI18n();
  const linked = useLoad((signal) => api.get<MeetingDetail>(committeeApi.forChat(chatId), signal), `config-chat:${chatId}`, t('error.unexpected'));
  const committees = useLoad((signal) => api.get<CommitteeSummary[]>(committeeApi.list, signal), 'config-committees', t('error.unexpected'));
  const [committeeId, setCommitteeId] = useState('');
  const committee = useLoad(committeeId ? (signal) => api.get<CommitteeDetail>(committeeApi.committee(committeeId), signal) : null, `config-committee:${committeeId}`, t('error.unexpected'));
  const [meetingId, setMeetingId] = useState('');
  const [chosen, setChosen] = useState<MeetingDetail | null>(null);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [busy, setBusy] = useState(false);
  const meeting = chosen ?? linked.data ?? null;

  useEffect(() => {
    if (!inTeams) return;
    void teamsConfig.setValid(meeting !== null);
    if (!meeting) return;
    void teamsConfig.onSave(() => ({ contentUrl: inMeetingContentUrl(window.location.origin, meeting.id), entityId: `varde-meeting-${meeting.id}`, suggestedDisplayName: t('cmt.config.tabName') }));
  }, [inTeams, meeting, t]);

  const link = async () => {
    setBusy(true);
    setError(null);
    try {
      const current = await api.get<MeetingDetail>(committeeApi.meeting(meetingId));
      setChosen(await api.patch<MeetingDetail>(committeeApi.meeting(meetingId), { etag: current.etag, teamsChatId: chatId }));
    } catch (err) {
      setError(asApiError(err, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };

  if (linked.loading) return <Spinner label={t('common.loading')} />;
  if (meeting)
    return (
      <Notice intent="success" testId="config-meeting-ready">
        {t('cmt.config.found', { meeting: meeting.title })} {t('cmt.config.meetingReady', { meeting: meeting.title })}
      </Notice>
    );
  const preparable = (committees.data ?? []).filter((c) => c.canPrepare);
  const meetings = (committee.data?.meetings ?? []).filter((m) => OPEN.has(m.status));
  return (
    <div className={page.form} data-testid="config-meeting">
      <Text>{t('cmt.config.meetingIntro')}</Text>
      {linked.error && linked.error.status !== 404 && <ErrorMessage error={linked.error} onRetry={linked.reload} />}
      {committees.error && <ErrorMessage error={committees.error} onRetry={committees.reload} />}
      <ChoiceField
        label={t('cmt.config.committee')}
        value={committeeId}
        emptyLabel={t('cmt.config.chooseCommittee')}
        choices={preparable.map((c) => ({ value: c.id, label: c.name }))}
        onChange={(id) => (setCommitteeId(id), setMeetingId(''))}
        testId="config-committee"
      />
      {committeeId && (
        <ChoiceField
          label={t('cmt.config.meeting')}
          value={meetingId}
          emptyLabel={t('cmt.config.chooseMeeting')}
          choices={meetings.map((m) => ({ value: m.id, label: m.title }))}
          onChange={setMeetingId}
          testId="config-meeting-select"
        />
      )}
      {meetingId && (
        <div>
          <Button appearance="primary" disabled={busy} onClick={() => void link()} data-testid="config-link-meeting">
            {t('cmt.config.link')}
          </Button>
        </div>
      )}
      {error && <ErrorMessage error={error} />}
    </div>
  );
}

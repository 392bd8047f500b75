// «Kvalitetsutvalg»: the committees the viewer may read (KUL first, as the server orders them), each with its next
// meeting and whether cards can reach its leader channel.
import { TableCell, TableRow, Text } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { CommitteeChannelView, CommitteeSummary } from '../../../../src/server/api/contract.js';
import { useLoad } from '../../api/use-load';
import { DataTable } from '../../components/data-table';
import { LoadState } from '../../components/load-state';
import { PageHeading, usePageStyles } from '../../components/page';
import { useI18n } from '../../i18n/i18n';
import { AppLink } from '../../router';
import { useApi } from '../../session/session';
import { committeeApi } from './committee-api';
import { committeeHref, meetingHref } from './committee-routes';
import { MeetingStatusBadge, useMeetingWhen } from './meeting-parts';

export function useChannelText(): (c: CommitteeChannelView) => string {
  const { t } = useI18n();
  return (c) => {
    const channel = [c.teamName, c.channelName].filter(Boolean).join(' › ') || t('cmt.channel.unnamed');
    if (!c.linked) return t('cmt.channel.none');
    return c.reachable ? t('cmt.channel.linked', { channel }) : t('cmt.channel.unreachable', { channel });
  };
}

export function CommitteesListPage() {
  const page = usePageStyles();
  const api = useApi();
  const { t } = useI18n();
  const when = useMeetingWhen();
  const channelText = useChannelText();
  const load = useCallback((signal: AbortSignal) => api.get<CommitteeSummary[]>(committeeApi.list, signal), [api]);
  const list = useLoad(load, 'committees', t('error.unexpected'));
  return (
    <>
      <PageHeading title={t('cmt.list.title')}>{t('cmt.list.title')}</PageHeading>
      <Text as="p" className={page.muted}>
        {t('cmt.list.intro')}
      </Text>
      <LoadState loaded={list} />
      {list.data && list.data.length === 0 && <Text data-testid="committees-empty">{t('cmt.list.empty')}</Text>}
      {list.data && list.data.length > 0 && (
        <DataTable label={t('cmt.list.caption')} testId="committees-table" columns={[t('cmt.col.name'), t('cmt.col.leader'), t('cmt.col.nextMeeting'), t('cmt.col.channel')]}>
          {list.data.map((c) => (
            <TableRow key={c.id} data-testid="committee-row" data-committee-id={c.id}>
              <TableCell>
                <AppLink href={committeeHref(c.id)} data-testid="committee-link">
                  {c.name}
                </AppLink>
                <div className={page.muted}>{c.unitName}</div>
              </TableCell>
              <TableCell>{c.leader.name}</TableCell>
              <TableCell>
                {c.nextMeeting ? (
                  <>
                    <AppLink href={meetingHref(c.nextMeeting.id)}>{when(c.nextMeeting)}</AppLink> <MeetingStatusBadge status={c.nextMeeting.status} />
                  </>
                ) : (
                  t('cmt.noNextMeeting')
                )}
              </TableCell>
              <TableCell data-testid="committee-channel">{channelText(c.channel)}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
    </>
  );
}

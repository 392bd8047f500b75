// The channel tab: the unit linked to this channel (from the tab's URL, or asked of the server by the Teams channel id), its dashboard and a way into its cases.
import { Spinner, Text } from '@fluentui/react-components';
import type { ChannelUnit, UnitView } from '../../../../src/server/api/contract.js';
import { inboxQuery } from '../../api/query';
import { useLoad } from '../../api/use-load';
import { ErrorMessage, Notice } from '../../components/error-message';
import { PageHeading, usePageStyles } from '../../components/page';
import { useUnits } from '../../components/unit-select';
import { useI18n } from '../../i18n/i18n';
import { AppLink } from '../../router';
import { useSession } from '../../session/session';
import { DashboardContent } from '../dashboard/dashboard-page';

/** The unit for a channel tab: the one in the URL, else the channel's linked unit, else none. */
export function useChannelUnit(urlUnitId: string | null) {
  const { api, host } = useSession();
  const { t } = useI18n();
  const channelId = host?.channelId ?? null;
  const asked = useLoad(
    urlUnitId || !channelId ? null : (signal) => api.get<ChannelUnit>(`/api/channels/${encodeURIComponent(channelId)}/unit`, signal),
    `channel:${channelId ?? ''}:${urlUnitId ?? ''}`,
    t('error.unexpected'),
  );
  return { unitId: urlUnitId ?? asked.data?.unitId ?? null, loading: asked.loading, error: asked.error, reload: asked.reload };
}

export function ChannelPage({ unitId: urlUnitId }: { unitId: string | null }) {
  const page = usePageStyles();
  const { t } = useI18n();
  const channel = useChannelUnit(urlUnitId);
  const units = useUnits();
  const unit: UnitView | undefined = units?.find((u) => u.id === channel.unitId);
  const title = unit?.name ?? t('channel.title');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {channel.loading && <Spinner label={t('common.loading')} />}
      {channel.error && <ErrorMessage error={channel.error} onRetry={channel.reload} />}
      {!channel.loading && !channel.error && !channel.unitId && <Notice intent="info" testId="channel-no-unit">{t('channel.noUnit')}</Notice>}
      {channel.unitId && (
        <>
          <Text as="p">
            <AppLink href={`/inbox${inboxQuery({ scope: 'units', unitId: channel.unitId })}`} data-testid="channel-open-inbox">
              {t('channel.openInbox')}
            </AppLink>
          </Text>
          <div className={page.section}>
            <DashboardContent unitId={channel.unitId} />
          </div>
        </>
      )}
    </>
  );
}

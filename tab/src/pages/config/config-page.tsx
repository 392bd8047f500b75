// The configurable tab's config page. In a channel: pick a unit (the channel's linked unit first); Teams saves
// `/channel?unitId=…` as the tab's content URL. In a meeting (a meeting chat, no channel): the committee meeting whose
// agenda the side panel and stage show (meeting-config.tsx).
import { Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { Notice } from '../../components/error-message';
import { PageHeading, usePageStyles } from '../../components/page';
import { UnitSelect, useUnits } from '../../components/unit-select';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { teamsConfig } from '../../session/teams';
import { useChannelUnit } from '../channel/channel-page';
import { MeetingConfig } from './meeting-config';

export function channelContentUrl(origin: string, unitId: string): string {
  return `${origin}/channel?unitId=${encodeURIComponent(unitId)}`;
}

export function ConfigPage() {
  const { host } = useSession();
  const chatId = host?.chatId ?? null;
  // A meeting tab: the meeting's chat and no channel. Outside Teams, `?chatId=` stands in for the context (tests, demos).
  const asked = new URLSearchParams(window.location.search).get('chatId');
  if (host && chatId && !host.channelId) return <MeetingConfigPage chatId={chatId} inTeams />;
  if (!host && asked) return <MeetingConfigPage chatId={asked} inTeams={false} />;
  return <ChannelConfigPage />;
}

function MeetingConfigPage({ chatId, inTeams }: { chatId: string; inTeams: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading title={t('config.title')}>{t('config.title')}</PageHeading>
      <MeetingConfig chatId={chatId} inTeams={inTeams} />
    </>
  );
}

function ChannelConfigPage() {
  const page = usePageStyles();
  const { t } = useI18n();
  const { host } = useSession();
  const channel = useChannelUnit(null);
  const units = useUnits();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const unitId = picked ?? channel.unitId ?? undefined;
  const unit = units?.find((u) => u.id === unitId);

  useEffect(() => {
    if (!host) return;
    void teamsConfig.setValid(unit !== undefined);
    if (!unit) return;
    void teamsConfig.onSave(() => ({
      contentUrl: channelContentUrl(window.location.origin, unit.id),
      entityId: `varde-unit-${unit.id}`,
      suggestedDisplayName: t('config.tabName', { unit: unit.name }),
    }));
  }, [host, unit, t]);

  return (
    <>
      <PageHeading title={t('config.title')}>{t('config.title')}</PageHeading>
      <div className={page.form}>
        <Text>{t('config.intro')}</Text>
        {!host && <Notice intent="info">{t('config.outsideTeams')}</Notice>}
        <UnitSelect label={t('config.unit')} value={unitId} onChange={setPicked} testId="config-unit" limitToMine={false} allLabel={t('config.choose')} />
        {unit && host && <Text data-testid="config-ready">{t('config.ready', { unit: unit.name })}</Text>}
      </div>
    </>
  );
}

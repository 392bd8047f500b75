// The meeting's stage view (shared to the meeting's big screen): the agenda in large type, who presents, the time
// each item starts and, as the meeting goes, its decision. Read only: decisions are written in the side panel.
import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { PendingPage } from '../../components/load-state';
import { PageHeading } from '../../components/page';
import { useI18n } from '../../i18n/i18n';
import { activeItems, startOffsets } from './agenda-model';
import { itemLabel } from './agenda-item';
import { useMeetingById, type MeetingWork } from './committee-api';
import { ItemBadges, MeetingStatusBadge, clock, useMeetingWhen } from './meeting-parts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
  items: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  item: {
    display: 'grid',
    gridTemplateColumns: '6rem 1fr',
    gap: tokens.spacingHorizontalL,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  time: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground2 },
  decision: { margin: 0, whiteSpace: 'pre-wrap' },
});

/** Refreshes the stage every 30 seconds: decisions written in the side panel show up on the big screen. */
const REFRESH_MS = 30_000;

export function MeetingStagePage({ meetingId }: { meetingId: string }) {
  const work = useMeetingById(meetingId, 'stage');
  return <MeetingStage work={work} />;
}

export function MeetingStage({ work }: { work: MeetingWork }) {
  const styles = useStyles();
  const { t } = useI18n();
  const when = useMeetingWhen();
  const { reload } = work.loaded;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const m = work.loaded.data;
  if (!m) return <PendingPage title={t('cmt.stage.title')} loaded={work.loaded} />;
  const items = activeItems(m.items);
  const offsets = startOffsets(m.items);
  const start = new Date(m.startsAt).getTime();
  return (
    <div className={styles.root} data-testid="meeting-stage">
      <PageHeading title={`${t('cmt.stage.title')} – ${m.title}`}>
        {t('cmt.stage.title')} – {m.title}
      </PageHeading>
      <div className={styles.meta}>
        {m.committee.name} · {when(m)} <MeetingStatusBadge status={m.status} />
      </div>
      <ol className={styles.items}>
        {items.map((item, i) => (
          <li key={item.id} className={styles.item} data-testid="stage-item">
            <span className={styles.time}>{clock(new Date(start + (offsets.get(item.id) ?? 0) * 60_000).toISOString())}</span>
            <div>
              <h2 className={styles.title}>{`${itemLabel(item, i + 1, t)}: ${item.title}`}</h2>
              <div className={styles.meta}>
                {[item.presenter?.name ?? item.owner?.name, t('cmt.item.minutes', { n: item.durationMinutes })].filter(Boolean).join(' · ')}
              </div>
              <ItemBadges item={item} />
              {item.decision && (
                <p className={styles.decision}>
                  <strong>{t('cmt.decision.title')}:</strong> {item.decision.text}
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

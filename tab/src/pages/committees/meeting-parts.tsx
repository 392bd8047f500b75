// Pieces the committee pages share: the meeting's status and an item's source as badges, when a meeting is, the links
// an item carries (a deleted case as "sak slettet"), the channel cards' state with «Prøv igjen», and the messages of a
// write (done, refused, or a conflict with the other person's version).
import { Badge, Button, Link, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { AgendaItemView, AgendaLink, CardPostView, MeetingDetail, MeetingStatusDto, MeetingSummary } from '../../../../src/server/api/contract.js';
import { ErrorMessage, Notice } from '../../components/error-message';
import { usePageStyles } from '../../components/page';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink } from '../../router';
import { caseHref } from '../../routes';
import { useApi } from '../../session/session';
import { Facts } from '../case/case-report';
import { formatFileSize } from '../procedures/procedure-format';
import { committeeApi, type MeetingWork } from './committee-api';

export const usePartStyles = makeStyles({
  links: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  deleted: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  // A standing item's name is long: it wraps inside the badge in the narrow side panel instead of running out of it.
  wrap: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', textAlign: 'start', overflowWrap: 'anywhere' },
});

/** 'HH:mm' of an instant in Oslo. */
export function clock(iso: string): string {
  return formatDateTime(iso).slice(11);
}

export function useMeetingWhen(): (m: Pick<MeetingSummary, 'startsAt' | 'endsAt'>) => string {
  const { t } = useI18n();
  return (m) => t('cmt.meeting.when', { date: formatDate(m.startsAt), from: clock(m.startsAt), to: clock(m.endsAt) });
}

export function MeetingStatusBadge({ status }: { status: MeetingStatusDto }) {
  const { t } = useI18n();
  const colour = status === 'cancelled' ? 'danger' : status === 'minutesPublished' ? 'success' : status === 'agendaApproved' || status === 'held' ? 'brand' : 'informative';
  return (
    <Badge appearance="tint" color={colour} data-testid="meeting-status" data-status={status}>
      {t(`cmt.status.${status}`)}
    </Badge>
  );
}

export function ItemBadges({ item }: { item: AgendaItemView }) {
  const styles = usePartStyles();
  const { t } = useI18n();
  return (
    <span className={styles.badges}>
      <Badge appearance="outline" color="informative" className={styles.wrap} data-testid="item-kind" data-kind={item.kind}>
        {item.kind === 'standing' && item.standingItem ? `${t('cmt.kind.standing')}: ${t(`cmt.standing.${item.standingItem}`)}` : t(`cmt.kind.${item.kind}`)}
      </Badge>
      {item.status !== 'accepted' && (
        <Badge appearance="tint" color={item.status === 'withdrawn' ? 'subtle' : item.status === 'handled' ? 'success' : 'warning'} data-testid="item-status" data-status={item.status}>
          {t(`cmt.itemStatus.${item.status}`)}
        </Badge>
      )}
    </span>
  );
}

function LinkLine({ link }: { link: AgendaLink }) {
  const styles = usePartStyles();
  const { t, labels } = useI18n();
  switch (link.type) {
    case 'case': {
      if (link.deleted)
        return (
          <span className={styles.deleted} data-testid="link-case-deleted">
            {t('cmt.item.caseDeleted', { number: link.caseNumber })}
          </span>
        );
      const facts = [link.kind ? labels.kind[link.kind] : null, link.unitName, link.severity ? labels.severity[link.severity] : null].filter(Boolean).join(' · ');
      return (
        <span>
          <AppLink href={caseHref(link.caseId)} data-testid="link-case">
            {link.caseNumber}
          </AppLink>
          {facts && ` · ${facts}`}
        </span>
      );
    }
    case 'measure':
      if (link.deleted) return <span className={styles.deleted}>{t('cmt.item.measureDeleted')}</span>;
      return (
        <span data-testid="link-measure">
          {link.healthDetailsHidden ? t('cmt.item.healthHidden') : link.title}
          {link.owner && ` – ${link.owner.name}`}
          {link.deadline && `, ${link.overdue ? t('cmt.item.overdue', { date: formatDate(link.deadline) }) : t('cmt.item.deadline', { date: formatDate(link.deadline) })}`}
        </span>
      );
    case 'riskItem':
      if (link.deleted) return <span className={styles.deleted}>{t('cmt.item.riskDeleted')}</span>;
      return (
        <span>
          <AppLink href={link.url}>{link.title || link.riskItemId}</AppLink>
          {link.unitName && ` · ${link.unitName}`}
          {link.residualScore !== null && ` · ${t('cmt.item.residual', { score: link.residualScore })}`}
        </span>
      );
    case 'document':
      if (link.deleted) return <span className={styles.deleted}>{t('cmt.item.documentDeleted')}</span>;
      return (
        <span>
          <AppLink href={link.url}>{link.title || link.documentId}</AppLink>
          {link.approvedAt && ` · ${formatDate(link.approvedAt)}`}
        </span>
      );
  }
}

/** How many links an item shows before «Vis alle» (a proposal can link hundreds of overdue measures). */
const LINKS_SHOWN = 5;

export function ItemLinks({ item }: { item: AgendaItemView }) {
  const styles = usePartStyles();
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  if (item.links.length === 0) return null;
  const shown = all ? item.links : item.links.slice(0, LINKS_SHOWN);
  const hidden = item.links.length - shown.length;
  return (
    <div>
      <ul className={styles.links} aria-label={t('cmt.item.links')} data-testid="item-links">
        {shown.map((l, i) => (
          <li key={`${l.type}:${i}`}>
            <LinkLine link={l} />
          </li>
        ))}
        {all && item.moreLinks > 0 && <li>{t('cmt.item.moreLinks', { n: item.moreLinks })}</li>}
      </ul>
      {item.links.length > LINKS_SHOWN && (
        <Button size="small" appearance="subtle" aria-expanded={all} onClick={() => setAll((v) => !v)} data-testid="item-links-toggle">
          {all ? t('cmt.item.fewerLinks') : t('cmt.item.allLinks', { n: item.links.length, hidden })}
        </Button>
      )}
    </div>
  );
}

/** A document of an item or the minutes: downloaded with the token (the API checks access again). */
export function DownloadLink({ url, name, size, label, testId }: { url: string; name: string; size: number; label?: string; testId?: string }) {
  const api = useApi();
  const { t } = useI18n();
  return (
    <Link as="button" data-testid={testId} data-url={url} onClick={() => void api.download(url, name).catch(() => undefined)}>
      {label ?? t('cmt.item.download', { name, size: formatFileSize(size) })}
    </Link>
  );
}

function cardText(card: CardPostView, t: ReturnType<typeof useI18n>['t']): string {
  if (card.state === 'posted')
    return card.updatedAt && card.updatedAt !== card.postedAt ? t('cmt.card.updated', { posted: formatDateTime(card.postedAt), updated: formatDateTime(card.updatedAt) }) : t('cmt.card.posted', { time: formatDateTime(card.postedAt) });
  return card.message ?? t('cmt.card.notPosted');
}

/** The agenda card's and (once published) the minutes card's state; «Prøv igjen» for preparers where a retry can help. */
export function CardStates({ meeting, work }: { meeting: MeetingDetail; work: MeetingWork }) {
  const page = usePageStyles();
  const api = useApi();
  const { t } = useI18n();
  const approved = meeting.approvedAt !== null;
  if (!approved && meeting.agendaCard.state === 'notPosted') return null;
  const cards: { which: 'agenda' | 'minutes'; label: string; card: CardPostView }[] = [{ which: 'agenda', label: t('cmt.card.agenda'), card: meeting.agendaCard }];
  if (meeting.minutes) cards.push({ which: 'minutes', label: t('cmt.card.minutes'), card: meeting.minutesCard });
  return (
    <section aria-labelledby="cmt-cards" className={page.section} data-testid="card-states">
      <h2 id="cmt-cards" className={page.h3}>
        {t('cmt.card.title')}
      </h2>
      {cards.map(({ which, label, card }) => {
        const intent = card.state === 'posted' ? 'success' : card.state === 'notPosted' ? 'info' : 'warning';
        const retry = meeting.canPrepare && card.state !== 'posted';
        return (
          <MessageBar key={which} intent={intent} layout="multiline" data-testid={`card-${which}`} data-state={card.state}>
            <MessageBarBody>
              <MessageBarTitle>{label}</MessageBarTitle>
              {cardText(card, t)}
            </MessageBarBody>
            {retry && (
              <MessageBarActions>
                <Button disabled={work.busy} onClick={() => void work.run(() => api.post<MeetingDetail>(committeeApi.retry(meeting.id), { which }), t('cmt.card.retried'))} data-testid={`card-${which}-retry`}>
                  {t('cmt.card.retry')}
                </Button>
              </MessageBarActions>
            )}
          </MessageBar>
        );
      })}
    </section>
  );
}

/** The result of the last write: a short confirmation, the server's refusal, or a conflict with the current version. */
export function WorkMessages({ work }: { work: MeetingWork }) {
  const page = usePageStyles();
  const { t } = useI18n();
  const c = work.conflict;
  return (
    <>
      {work.notice && (
        <Notice intent="success" testId="cmt-notice">
          {work.notice}
        </Notice>
      )}
      {work.error && <ErrorMessage error={work.error} testId="cmt-error" />}
      {c && (
        <MessageBar intent="warning" role="alert" layout="multiline" data-testid="cmt-conflict">
          <MessageBarBody>
            <MessageBarTitle>{t('cmt.conflict.title')}</MessageBarTitle>
            <p className={page.muted}>{t('cmt.conflict.body')}</p>
            {c.kind === 'meeting' && c.current && (
              <Facts
                testId="cmt-conflict-current"
                rows={[
                  [t('cmt.conflict.status'), t(`cmt.status.${c.current.status}`)],
                  [t('cmt.conflict.items'), String(c.current.itemCount)],
                  [t('cmt.conflict.order'), c.current.items.filter((i) => i.status !== 'withdrawn').map((i) => i.title).join(' · ')],
                ]}
              />
            )}
            {c.kind === 'item' && c.current && (
              <Facts
                testId="cmt-conflict-current"
                rows={[
                  [t('cmt.conflict.itemTitle'), c.current.title],
                  [t('cmt.conflict.owner'), c.current.owner?.name],
                  [t('cmt.conflict.duration'), t('cmt.item.minutes', { n: c.current.durationMinutes })],
                  [t('cmt.conflict.decision'), c.current.decision?.text],
                ]}
              />
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={work.reload} data-testid="cmt-conflict-reload">
              {t('cmt.conflict.reload')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </>
  );
}

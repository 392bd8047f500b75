// Agenda preparation (saksliste) for one meeting: «Foreslå saksliste» drafts it from the data (again: only what is
// new), the adviser orders, edits, adds, withdraws and attaches; anyone who reads may give input; the committee's leader
// approves and the card goes to the leader channel (its state shown, «Prøv igjen» where it failed).
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { AgendaProposalResult, CommitteeDetail, MeetingDetail } from '../../../../src/server/api/contract.js';
import { useLoad } from '../../api/use-load';
import { Notice } from '../../components/error-message';
import { PendingPage } from '../../components/load-state';
import { PageHeading, usePageStyles } from '../../components/page';
import { PageSection } from '../../components/page-section';
import { submitWith } from '../../components/submit-with';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink } from '../../router';
import { useApi } from '../../session/session';
import { activeItems, kindCounts, timePlan, withdrawnItems } from './agenda-model';
import { AgendaItemCard } from './agenda-item';
import { committeeApi, useMeetingById, type MeetingWork } from './committee-api';
import { committeeHref, meetingHref } from './committee-routes';
import { ItemFields, useItemDraft, type ItemDraftStart } from './item-draft';
import { CardStates, MeetingStatusBadge, WorkMessages, useMeetingWhen } from './meeting-parts';

const useStyles = makeStyles({
  items: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  summary: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  // The result of a write stays in view while the adviser works far down a long agenda.
  sticky: { position: 'sticky', top: 0, zIndex: 2, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalM, ':empty': { display: 'none' } },
});

/** A new item: untitled, no owner, a quarter of an hour. */
const EMPTY_ITEM: ItemDraftStart = { title: '', description: '', owner: null, durationMinutes: 15 };

const OPEN_AGENDA = new Set(['planned', 'agendaDraft', 'agendaApproved', 'held']);

export function AgendaPage({ meetingId }: { meetingId: string }) {
  const page = usePageStyles();
  const styles = useStyles();
  const api = useApi();
  const { t } = useI18n();
  const when = useMeetingWhen();
  const work = useMeetingById(meetingId, 'meeting');
  const m = work.loaded.data;

  if (!m) return <PendingPage title={t('cmt.agenda.title')} loaded={work.loaded} />;

  const editable = m.canPrepare && OPEN_AGENDA.has(m.status);
  const draft = m.status === 'planned' || m.status === 'agendaDraft';
  const plan = timePlan(m);
  const active = activeItems(m.items);
  const withdrawn = withdrawnItems(m.items);

  return (
    <>
      <AppLink href={committeeHref(m.committee.id)}>{t('cmt.agenda.back', { name: m.committee.name })}</AppLink>
      <PageHeading title={`${t('cmt.agenda.title')} – ${m.title}`}>
        {t('cmt.agenda.title')} – {m.title}
      </PageHeading>
      <div className={styles.summary}>
        <Text>
          {when(m)}
          {m.location && ` · ${m.location}`}
        </Text>
        <MeetingStatusBadge status={m.status} />
        <AppLink href={meetingHref(m.id, 'panel')} data-testid="open-panel">
          {t('cmt.agenda.openPanel')}
        </AppLink>
        <AppLink href={meetingHref(m.id, 'stage')} data-testid="open-stage">
          {t('cmt.agenda.openStage')}
        </AppLink>
      </div>

      <div className={styles.sticky} aria-live="polite">
        <WorkMessages work={work} />
      </div>

      {!m.canPrepare && <Notice intent="info" testId="agenda-read-only">{t('cmt.agenda.readOnly')}</Notice>}

      {m.canPrepare && draft && (
        <PageSection id="cmt-propose-h" title={t('cmt.agenda.propose')}>
          <Text className={page.muted}>{t('cmt.agenda.proposeHint')}</Text>
          <div>
            <Button
              appearance="primary"
              disabled={work.busy}
              data-testid="agenda-propose"
              onClick={() =>
                void work.run(
                  () => api.post<AgendaProposalResult>(committeeApi.propose(m.id), { etag: m.etag }),
                  (r) => (r.addedItemIds.length > 0 ? t('cmt.agenda.proposed', { n: r.addedItemIds.length, since: formatDateTime(r.since) }) : t('cmt.agenda.nothingNew', { since: formatDateTime(r.since) })),
                  'proposal',
                )
              }
            >
              {t('cmt.agenda.propose')}
            </Button>
          </div>
        </PageSection>
      )}

      {editable && <WaitingProposals meeting={m} work={work} />}

      <ApprovalSection meeting={m} work={work} />
      <CardStates meeting={m} work={work} />

      <PageSection id="cmt-items" title={t('cmt.agenda.title')}>
        <div className={styles.summary} data-testid="agenda-summary">
          <Text data-testid="agenda-time" data-over={String(plan.over)}>
            {plan.over ? t('cmt.agenda.timeOver', { planned: plan.planned, length: plan.length }) : t('cmt.agenda.time', { planned: plan.planned, length: plan.length })}
          </Text>
          {kindCounts(m.items).map((k) => (
            <Badge key={k.kind} appearance="outline">{`${t(`cmt.kind.${k.kind}`)}: ${k.count}`}</Badge>
          ))}
        </div>
        {active.length === 0 && <Text data-testid="agenda-empty">{t('cmt.agenda.empty')}</Text>}
        <ol className={styles.items} data-testid="agenda-items">
          {active.map((item, i) => (
            <li key={item.id}>
              <AgendaItemCard item={item} position={i + 1} meeting={m} work={work} editable={editable} />
            </li>
          ))}
        </ol>
        {withdrawn.length > 0 && (
          <>
            <h3 className={page.h3}>{t('cmt.agenda.withdrawn')}</h3>
            <ul className={styles.items} data-testid="agenda-withdrawn">
              {withdrawn.map((item, i) => (
                <li key={item.id}>
                  <AgendaItemCard item={item} position={active.length + i + 1} meeting={m} work={work} editable={editable} />
                </li>
              ))}
            </ul>
          </>
        )}
      </PageSection>

      {editable && <AddItemForm meeting={m} work={work} />}
    </>
  );
}

/**
 * Proposals waiting for the agenda setter (escalations from committees below, input from anyone), read from the
 * committee again whenever the agenda's items change; each can be placed on this agenda by hand («Foreslå saksliste» brings
 * them all in too).
 */
function WaitingProposals({ meeting: m, work }: { meeting: MeetingDetail; work: MeetingWork }) {
  const page = usePageStyles();
  const api = useApi();
  const { t } = useI18n();
  const load = useCallback((signal: AbortSignal) => api.get<CommitteeDetail>(committeeApi.committee(m.committee.id), signal), [api, m.committee.id]);
  // Read again when the agenda gains or loses items (a proposal placed, the proposal run), not on every edit.
  const committee = useLoad(load, `waiting:${m.committee.id}:${m.items.length}`, t('error.unexpected'));
  const waiting = committee.data?.pendingProposals ?? [];
  if (waiting.length === 0) return null;
  return (
    <PageSection id="cmt-waiting-h" title={t('cmt.agenda.waiting')}>
      <Text className={page.muted}>{t('cmt.agenda.waitingHint')}</Text>
      <ul data-testid="waiting-proposals">
        {waiting.map((p) => (
          <li key={p.id} data-testid="waiting-proposal">
            <Text weight="semibold" id={`waiting-${p.id}`}>
              {p.title}
            </Text>
            {p.escalatedFrom && <Text> ({t('cmt.committee.escalatedFrom', { name: p.escalatedFrom.committeeName })})</Text>}
            {p.description && <Text block className={page.muted}>{p.description}</Text>}
            <Button
              size="small"
              disabled={work.busy}
              aria-describedby={`waiting-${p.id}`}
              onClick={() => void work.run(() => api.post<MeetingDetail>(committeeApi.items(m.id), { etag: p.etag, proposalId: p.id }), t('cmt.agenda.placed', { title: p.title }))}
              data-testid="place-proposal"
            >
              {t('cmt.agenda.place')}
            </Button>
          </li>
        ))}
      </ul>
    </PageSection>
  );
}

function ApprovalSection({ meeting: m, work }: { meeting: MeetingDetail; work: MeetingWork }) {
  const api = useApi();
  const { t } = useI18n();
  if (m.approvedBy && m.approvedAt)
    return (
      <Notice intent="success" testId="agenda-approved">
        {t('cmt.agenda.approved', { name: m.approvedBy.name, time: formatDateTime(m.approvedAt) })}
      </Notice>
    );
  if (m.status !== 'agendaDraft' && m.status !== 'planned') return null;
  return (
    <PageSection id="cmt-approve" title={t('cmt.agenda.approve')}>
      {m.canApprove ? (
        <div>
          <Button appearance="primary" disabled={work.busy || m.itemCount === 0} data-testid="agenda-approve" onClick={() => void work.run(() => api.post<MeetingDetail>(committeeApi.approve(m.id), { etag: m.etag }), null)}>
            {t('cmt.agenda.approve')}
          </Button>
        </div>
      ) : (
        <Text data-testid="agenda-cannot-approve">{t('cmt.agenda.cannotApprove')}</Text>
      )}
    </PageSection>
  );
}

function AddItemForm({ meeting, work }: { meeting: MeetingDetail; work: MeetingWork }) {
  const page = usePageStyles();
  const api = useApi();
  const { t } = useI18n();
  const draft = useItemDraft(EMPTY_ITEM);

  const add = async () => {
    if (!draft.check()) return;
    const { title, description, owner, minutes } = draft;
    const body = { etag: meeting.etag, title: title.trim(), description, durationMinutes: minutes, ...(owner ? { ownerId: owner.id } : {}) };
    if (await work.run(() => api.post<MeetingDetail>(committeeApi.items(meeting.id), body), t('cmt.agenda.added'))) draft.reset(EMPTY_ITEM);
  };

  return (
    <PageSection id="cmt-add" title={t('cmt.agenda.add')}>
      <form className={page.form} data-testid="add-item" onSubmit={submitWith(add)}>
        <ItemFields draft={draft} testIdPrefix="add" />
        <div>
          <Button type="submit" appearance="primary" disabled={work.busy} data-testid="add-save">
            {t('cmt.agenda.add')}
          </Button>
        </div>
      </form>
    </PageSection>
  );
}

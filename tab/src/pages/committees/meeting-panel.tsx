// The meeting's side panel (narrow, beside the Teams meeting): the agenda in order; for each item the adviser records
// the decision (vedtak: decided, postponed or withdrawn) and new measures with owner and deadline; «Publiser referat»
// once every item is resolved (the server names those that are not), then the minutes as .docx and PDF.
import { Button, Checkbox, Field, Radio, RadioGroup, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { AgendaItemView, MeetingDetail } from '../../../../src/server/api/contract.js';
import { Notice } from '../../components/error-message';
import { PendingPage } from '../../components/load-state';
import { PageHeading, usePageStyles } from '../../components/page';
import { PageSection } from '../../components/page-section';
import type { MeasureFieldsBody } from '../../components/measure-draft';
import { MeasureForm } from '../../components/measure-form';
import { submitWith } from '../../components/submit-with';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink } from '../../router';
import { useApi } from '../../session/session';
import { formatFileSize } from '../procedures/procedure-format';
import { activeItems, decidable, unresolvedTitles } from './agenda-model';
import { itemLabel } from './agenda-item';
import { committeeApi, useMeetingById, type MeetingWork } from './committee-api';
import { meetingHref } from './committee-routes';
import { CardStates, DownloadLink, ItemBadges, ItemLinks, MeetingStatusBadge, WorkMessages, useMeetingWhen } from './meeting-parts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
  items: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    paddingTop: tokens.spacingVerticalS,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  text: { whiteSpace: 'pre-wrap', margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** The side panel for a meeting by id (the browser URL /committees/meetings/:id/panel). */
export function MeetingPanelPage({ meetingId }: { meetingId: string }) {
  const work = useMeetingById(meetingId, 'panel');
  return <MeetingPanel work={work} />;
}

export function MeetingPanel({ work }: { work: MeetingWork }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const when = useMeetingWhen();
  const m = work.loaded.data;
  if (!m) return <PendingPage title={t('cmt.panel.title')} loaded={work.loaded} />;
  const items = activeItems(m.items);
  return (
    <div className={styles.root} data-testid="meeting-panel">
      <PageHeading title={`${t('cmt.panel.title')} – ${m.title}`}>{m.title}</PageHeading>
      <Text>{when(m)}</Text>
      <div>
        <MeetingStatusBadge status={m.status} />
      </div>
      <AppLink href={meetingHref(m.id)}>{t('cmt.panel.full')}</AppLink>
      <div aria-live="polite">
        <WorkMessages work={work} />
      </div>
      {!m.canRecordDecisions && m.status !== 'minutesPublished' && <Notice intent="info" testId="panel-read-only">{t('cmt.panel.readOnly')}</Notice>}
      <ol className={styles.items} aria-label={t('cmt.agenda.title')} data-testid="panel-items">
        {items.map((item, i) => (
          <li key={item.id} className={styles.item} data-testid="panel-item" data-item-id={item.id} data-status={item.status}>
            <h2 className={styles.title}>{`${itemLabel(item, i + 1, t)}: ${item.title}`}</h2>
            <ItemBadges item={item} />
            <Text className={page.muted}>
              {item.owner?.name ?? t('common.notSet')} · {t('cmt.item.minutes', { n: item.durationMinutes })}
            </Text>
            <ItemLinks item={item} />
            <DecisionView item={item} />
            {m.canRecordDecisions && decidable(item) && <DecisionForm key={`${item.id}:${item.etag}`} item={item} meeting={m} work={work} />}
            <Measures item={item} meeting={m} work={work} />
          </li>
        ))}
      </ol>
      <MinutesSection meeting={m} work={work} />
      <CardStates meeting={m} work={work} />
    </div>
  );
}

function DecisionView({ item }: { item: AgendaItemView }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  if (!item.decision) return <Text className={page.muted}>{t('cmt.decision.none')}</Text>;
  return (
    <div data-testid="panel-decision">
      <p className={styles.text}>
        <strong>{t('cmt.decision.title')}:</strong> {item.decision.text}
      </p>
      <Text className={page.muted} size={200}>
        {t('cmt.decision.recorded', { name: item.decision.recordedBy.name, time: formatDateTime(item.decision.decidedAt) })}
        {item.decision.escalatedTo && ` · ${t('cmt.decision.escalatedTo', { name: item.decision.escalatedTo.name })}`}
      </Text>
    </div>
  );
}

type Outcome = 'decided' | 'postponed' | 'withdrawn';

function DecisionForm({ item, meeting, work }: { item: AgendaItemView; meeting: MeetingDetail; work: MeetingWork }) {
  const page = usePageStyles();
  const api = useApi();
  const { t } = useI18n();
  const [text, setText] = useState(item.decision?.text ?? '');
  const [outcome, setOutcome] = useState<Outcome>(item.status === 'postponed' ? 'postponed' : 'decided');
  const [escalate, setEscalate] = useState(false);
  const [tried, setTried] = useState(false);
  const textId = `decision-${item.id}`;

  const save = async () => {
    setTried(true);
    if (outcome === 'withdrawn') {
      await work.run(() => api.patch<MeetingDetail>(committeeApi.item(meeting.id, item.id), { etag: item.etag, status: 'withdrawn' }), t('cmt.decision.saved'));
      return;
    }
    if (!text.trim()) return;
    await work.run(() => api.put<AgendaItemView>(committeeApi.decision(meeting.id, item.id), { etag: item.etag, text: text.trim(), postpone: outcome === 'postponed', escalate }), t('cmt.decision.saved'), 'item');
  };

  return (
    <form className={page.form} data-testid="decision-form" aria-label={`${t('cmt.decision.title')}: ${item.title}`} onSubmit={submitWith(save)}>
      <Field label={t('cmt.decision.outcome')}>
        <RadioGroup value={outcome} onChange={(_, d) => setOutcome(d.value as Outcome)} data-testid="decision-outcome">
          <Radio value="decided" label={t('cmt.decision.decided')} />
          <Radio value="postponed" label={t('cmt.decision.postponed')} />
          <Radio value="withdrawn" label={t('cmt.decision.withdrawn')} />
        </RadioGroup>
      </Field>
      {outcome !== 'withdrawn' && (
        <>
          <Field label={t('cmt.decision.text')} required validationMessage={tried && !text.trim() ? t('cmt.decision.missing') : undefined}>
            <Textarea id={textId} value={text} maxLength={10000} resize="vertical" onChange={(_, d) => setText(d.value)} data-testid="decision-text" />
          </Field>
          <Checkbox checked={escalate} onChange={(_, d) => setEscalate(d.checked === true)} label={t('cmt.decision.escalate')} data-testid="decision-escalate" />
        </>
      )}
      <div>
        <Button type="submit" appearance="primary" disabled={work.busy} data-testid="decision-save">
          {t('cmt.decision.save')}
        </Button>
      </div>
    </form>
  );
}

function Measures({ item, meeting, work }: { item: AgendaItemView; meeting: MeetingDetail; work: MeetingWork }) {
  const styles = useStyles();
  const page = usePageStyles();
  const api = useApi();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const canAdd = meeting.canRecordDecisions && decidable(item);
  if (item.measures.length === 0 && !canAdd) return null;

  // The measure goes on the common action list (source 'meetingDecision'): the same fields as everywhere else.
  const add = async (body: MeasureFieldsBody) => {
    const ok = await work.run(() => api.post<AgendaItemView>(committeeApi.measures(meeting.id, item.id), { etag: item.etag, ...body }), t('cmt.measure.saved'), 'item');
    if (ok) setOpen(false);
    return ok;
  };

  return (
    <div>
      {item.measures.length > 0 && (
        <>
          <h3 className={page.h3}>{t('cmt.measure.title')}</h3>
          <ul className={styles.list} data-testid="panel-measures">
            {item.measures.map((x) => (
              <li key={x.id}>{t('cmt.measure.line', { title: x.title || t('cmt.item.healthHidden'), owner: x.owner.name, deadline: formatDate(x.deadline) })}</li>
            ))}
          </ul>
        </>
      )}
      {canAdd &&
        (open ? (
          <>
            <MeasureForm testIdPrefix={`measure-${item.id}`} label={t('cmt.measure.add')} busy={work.busy} onAdd={add} />
            <Button appearance="subtle" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          </>
        ) : (
          <Button size="small" onClick={() => setOpen(true)} data-testid="measure-open">
            {t('cmt.measure.add')}
          </Button>
        ))}
    </div>
  );
}

function MinutesSection({ meeting: m, work }: { meeting: MeetingDetail; work: MeetingWork }) {
  const api = useApi();
  const { t } = useI18n();
  const waiting = unresolvedTitles(m);
  return (
    <PageSection id="cmt-minutes" title={t('cmt.minutes.title')} testId="minutes-section">
      {m.minutes ? (
        <>
          <Text data-testid="minutes-published">{t('cmt.minutes.published', { time: formatDateTime(m.minutes.publishedAt), name: m.minutes.publishedBy.name })}</Text>
          <ul>
            <li>
              <DownloadLink url={m.minutes.docx.url} name={m.minutes.docx.name} size={m.minutes.docx.size} label={t('cmt.minutes.docx', { size: formatFileSize(m.minutes.docx.size) })} testId="minutes-docx" />
            </li>
            <li>
              <DownloadLink url={m.minutes.pdf.url} name={m.minutes.pdf.name} size={m.minutes.pdf.size} label={t('cmt.minutes.pdf', { size: formatFileSize(m.minutes.pdf.size) })} testId="minutes-pdf" />
            </li>
          </ul>
        </>
      ) : (
        <Text>{t('cmt.minutes.notYet')}</Text>
      )}
      {/* Preparers see the button while items are open too: the server names those that keep the minutes back. */}
      {(m.canPublishMinutes || m.canRecordDecisions) && m.status !== 'cancelled' && (
        <>
          {waiting.length > 0 ? (
            <div data-testid="minutes-waiting">
              <Text>{t('cmt.minutes.waiting')}</Text>
              <ul>
                {waiting.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          ) : (
            !m.minutes && <Text>{t('cmt.minutes.ready')}</Text>
          )}
          <div>
            <Button appearance="primary" disabled={work.busy} data-testid="minutes-publish" onClick={() => void work.run(() => api.post<MeetingDetail>(committeeApi.minutes(m.id), { etag: m.etag }), null)}>
              {t('cmt.minutes.publish')}
            </Button>
          </div>
        </>
      )}
    </PageSection>
  );
}

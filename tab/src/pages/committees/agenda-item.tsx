// One item on the agenda preparation page: its number, source, owner, time and links; for preparers «Flytt opp/ned»
// (buttons, so the order can be changed from the keyboard), edit, withdraw and attach a document; for every reader the
// input others have given and a field to give one.
import { Button, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownRegular, ArrowUpRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { AgendaItemView, MeetingDetail, PersonRef } from '../../../../src/server/api/contract.js';
import { usePageStyles } from '../../components/page';
import { PersonPicker } from '../../components/person-picker';
import { submitWith } from '../../components/submit-with';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { movedOrder, type Direction } from './agenda-model';
import { committeeApi, type MeetingWork } from './committee-api';
import { ItemFields, useItemDraft } from './item-draft';
import { DownloadLink, ItemBadges, ItemLinks } from './meeting-parts';

const useStyles = makeStyles({
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  head: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'baseline', justifyContent: 'space-between' },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  tools: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2 },
  description: { whiteSpace: 'pre-wrap', margin: 0 },
  sub: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export function itemLabel(item: AgendaItemView, position: number, t: ReturnType<typeof useI18n>['t']): string {
  return item.number ? t('cmt.item.number', { number: item.number }) : t('cmt.item.position', { n: position });
}

export function AgendaItemCard({ item, position, meeting, work, editable }: { item: AgendaItemView; position: number; meeting: MeetingDetail; work: MeetingWork; editable: boolean }) {
  const styles = useStyles();
  const api = useApi();
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const withdrawn = item.status === 'withdrawn';
  const headingId = `item-${item.id}-title`;

  // After a move the item sits elsewhere: keep the keyboard on its button (or the other one, at either end). Done
  // once the new order is on the page (the meeting's etag changed), not when the answer arrives.
  const focusAfterMove = useRef<Direction | null>(null);
  useEffect(() => {
    const direction = focusAfterMove.current;
    if (direction === null) return;
    focusAfterMove.current = null;
    const button = (which: 'up' | 'down') => document.querySelector<HTMLButtonElement>(`[data-move="${which}"][data-item-id="${CSS.escape(item.id)}"]`);
    const same = button(direction < 0 ? 'up' : 'down');
    (same && !same.disabled ? same : button(direction < 0 ? 'down' : 'up'))?.focus();
  }, [meeting.etag, item.id]);

  const move = async (direction: Direction) => {
    // Not disabled while a write runs (a disabled button drops the keyboard focus): a second press waits its turn.
    const itemIds = work.busy ? null : movedOrder(meeting.items, item.id, direction);
    if (!itemIds) return;
    focusAfterMove.current = direction;
    const ok = await work.run(() => api.put<MeetingDetail>(committeeApi.order(meeting.id), { etag: meeting.etag, itemIds }), t('cmt.item.moved', { title: item.title, n: position + direction }));
    if (!ok) focusAfterMove.current = null;
  };
  const active = meeting.items.filter((i) => i.status !== 'withdrawn').length;

  return (
    <article className={styles.item} aria-labelledby={headingId} data-testid="agenda-item" data-item-id={item.id} data-kind={item.kind}>
      <div className={styles.head}>
        <h3 id={headingId} className={styles.title}>
          {withdrawn ? item.title : `${itemLabel(item, position, t)}: ${item.title}`}
        </h3>
        {editable && (
          <div className={styles.tools}>
            {!withdrawn && (
              <>
                <Button size="small" icon={<ArrowUpRegular />} disabled={position <= 1} aria-label={t('cmt.item.moveUpLabel', { title: item.title })} data-move="up" data-item-id={item.id} data-testid="item-up" onClick={() => void move(-1)}>
                  {t('cmt.item.moveUp')}
                </Button>
                <Button size="small" icon={<ArrowDownRegular />} disabled={position >= active} aria-label={t('cmt.item.moveDownLabel', { title: item.title })} data-move="down" data-item-id={item.id} data-testid="item-down" onClick={() => void move(1)}>
                  {t('cmt.item.moveDown')}
                </Button>
                <Button size="small" aria-expanded={editing} aria-label={t('cmt.item.editLabel', { title: item.title })} data-testid="item-edit" onClick={() => setEditing((v) => !v)}>
                  {t('cmt.item.edit')}
                </Button>
              </>
            )}
            <Button
              size="small"
              disabled={work.busy}
              data-testid={withdrawn ? 'item-restore' : 'item-withdraw'}
              onClick={() => void work.run(() => api.patch<MeetingDetail>(committeeApi.item(meeting.id, item.id), { etag: item.etag, status: withdrawn ? 'accepted' : 'withdrawn' }), t('cmt.agenda.saved'))}
            >
              {withdrawn ? t('cmt.item.restore') : t('cmt.item.withdraw')}
            </Button>
          </div>
        )}
      </div>
      <ItemBadges item={item} />
      <div className={styles.meta}>
        <span>
          {t('cmt.item.owner')}: {item.owner?.name ?? t('common.notSet')}
        </span>
        {item.presenter && (
          <span>
            {t('cmt.item.presenter')}: {item.presenter.name}
          </span>
        )}
        <span data-testid="item-duration">{t('cmt.item.minutes', { n: item.durationMinutes })}</span>
        {item.escalatedFrom && <span>{t('cmt.item.escalatedFrom', { name: item.escalatedFrom.committeeName })}</span>}
      </div>
      {item.description && <p className={styles.description}>{item.description}</p>}
      <ItemLinks item={item} />
      {item.decision && (
        <p className={styles.description} data-testid="item-decision">
          <strong>{t('cmt.decision.title')}:</strong> {item.decision.text}
        </p>
      )}
      {/* Keyed by the etag: once the item changed (another's save, a reload after a conflict) the form starts from it. */}
      {editing && <ItemEditor key={item.etag} item={item} meeting={meeting} work={work} onDone={() => setEditing(false)} />}
      <ItemDocuments item={item} meeting={meeting} work={work} editable={editable && !withdrawn} />
      <ItemInputs item={item} meeting={meeting} work={work} />
    </article>
  );
}

function ItemEditor({ item, meeting, work, onDone }: { item: AgendaItemView; meeting: MeetingDetail; work: MeetingWork; onDone(): void }) {
  const page = usePageStyles();
  const api = useApi();
  const { t } = useI18n();
  const draft = useItemDraft(item);
  const [presenter, setPresenter] = useState<PersonRef | null>(item.presenter);

  const save = async () => {
    if (!draft.check()) return;
    const { title, description, owner, minutes } = draft;
    const body: Record<string, unknown> = { etag: item.etag };
    if (title.trim() !== item.title) body.title = title.trim();
    if (description !== item.description) body.description = description;
    if ((owner?.id ?? null) !== (item.owner?.id ?? null)) body.ownerId = owner?.id ?? null;
    if ((presenter?.id ?? null) !== (item.presenter?.id ?? null)) body.presenterId = presenter?.id ?? null;
    if (minutes !== item.durationMinutes) body.durationMinutes = minutes;
    if (Object.keys(body).length === 1) return onDone();
    if (await work.run(() => api.patch<MeetingDetail>(committeeApi.item(meeting.id, item.id), body), t('cmt.agenda.saved'))) onDone();
  };

  return (
    <form className={page.form} data-testid="item-editor" onSubmit={submitWith(save)}>
      <ItemFields
        draft={draft}
        testIdPrefix="edit"
        afterOwner={<PersonPicker label={t('cmt.item.presenter')} value={presenter} onChange={setPresenter} testId="edit-presenter" />}
      />
      <div className={page.row}>
        <Button type="submit" appearance="primary" disabled={work.busy} data-testid="edit-save">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}

function ItemDocuments({ item, meeting, work, editable }: { item: AgendaItemView; meeting: MeetingDetail; work: MeetingWork; editable: boolean }) {
  const styles = useStyles();
  const page = usePageStyles();
  const api = useApi();
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  if (!editable && item.documents.length === 0) return null;

  const upload = async () => {
    if (!file) return setMissing(true);
    setMissing(false);
    const name = file.name;
    if (await work.run(() => api.upload(committeeApi.documents(meeting.id, item.id, name), file, file.type || 'application/octet-stream'), t('cmt.item.uploaded', { name }), 'item')) setFile(null);
  };

  return (
    <div className={styles.sub}>
      <h4 className={page.h3}>{t('cmt.item.documents')}</h4>
      {item.documents.length > 0 && (
        <ul className={styles.list} data-testid="item-documents">
          {item.documents.map((d) => (
            <li key={d.id}>
              <DownloadLink url={d.url} name={d.name} size={d.size} testId="item-document" />
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <div className={page.row}>
          <Field label={t('cmt.item.attach')} hint={t('cmt.item.attachHint')} validationMessage={missing ? t('cmt.item.noFile') : undefined}>
            {/* A native input: Field hands it the id its label points at (a fixed id of our own would not match). */}
            {(field) => <input {...field} type="file" data-testid="item-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
          </Field>
          <Button disabled={work.busy} onClick={() => void upload()} data-testid="item-upload">
            {t('cmt.item.upload')}
          </Button>
        </div>
      )}
    </div>
  );
}

function ItemInputs({ item, meeting, work }: { item: AgendaItemView; meeting: MeetingDetail; work: MeetingWork }) {
  const styles = useStyles();
  const page = usePageStyles();
  const api = useApi();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');

  const send = async () => {
    if (!text.trim()) return;
    if (await work.run(() => api.post<AgendaItemView>(committeeApi.inputs(meeting.id, item.id), { text: text.trim() }), t('cmt.item.inputSent'), 'item')) {
      setText('');
      setOpen(false);
    }
  };

  return (
    <div className={styles.sub}>
      {item.inputs.length > 0 && (
        <>
          <h4 className={page.h3}>{t('cmt.item.inputs')}</h4>
          <ul className={styles.list} data-testid="item-inputs">
            {item.inputs.map((i) => (
              <li key={i.id}>
                <Text>{i.text}</Text> <Text className={page.muted}>({t('cmt.item.inputBy', { name: i.author.name, time: formatDateTime(i.at) })})</Text>
              </li>
            ))}
          </ul>
        </>
      )}
      {open ? (
        <form className={page.form} onSubmit={submitWith(send)}>
          <Field label={t('cmt.item.inputText')} required>
            <Textarea value={text} maxLength={4000} onChange={(_, d) => setText(d.value)} data-testid="input-text" />
          </Field>
          <div className={page.row}>
            <Button type="submit" appearance="primary" disabled={work.busy || !text.trim()} data-testid="input-send">
              {t('cmt.item.sendInput')}
            </Button>
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
          </div>
        </form>
      ) : (
        <div>
          <Button size="small" appearance="subtle" onClick={() => setOpen(true)} data-testid="input-open">
            {t('cmt.item.addInput')}
          </Button>
        </div>
      )}
    </div>
  );
}

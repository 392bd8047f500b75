// An agenda item's editable fields (title, owner, duration, description) as the add form and the item editor share
// them: the draft's state and check, and the fields with their messages.
import { Field, Input, Textarea } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import type { PersonRef } from '../../../../src/server/api/contract.js';
import { PersonPicker } from '../../components/person-picker';
import { useI18n } from '../../i18n/i18n';

export interface ItemDraftStart {
  title: string;
  description: string;
  owner: PersonRef | null;
  durationMinutes: number;
}

export function useItemDraft(start: ItemDraftStart) {
  const [title, setTitle] = useState(start.title);
  const [description, setDescription] = useState(start.description);
  const [owner, setOwner] = useState<PersonRef | null>(start.owner);
  const [duration, setDuration] = useState(String(start.durationMinutes));
  const [tried, setTried] = useState(false);
  const minutes = Number(duration);
  const durationOk = /^\d{1,3}$/.test(duration.trim()) && minutes <= 600;
  return {
    title,
    setTitle,
    description,
    setDescription,
    owner,
    setOwner,
    duration,
    setDuration,
    tried,
    minutes,
    durationOk,
    /** Marks the draft tried (its problems shown from now on); true when it may be sent. */
    check: () => {
      setTried(true);
      return Boolean(title.trim()) && durationOk;
    },
    /** Back to `next`, untried (after an add that went through). */
    reset: (next: ItemDraftStart) => {
      setTitle(next.title);
      setDescription(next.description);
      setOwner(next.owner);
      setDuration(String(next.durationMinutes));
      setTried(false);
    },
  };
}

export type ItemDraft = ReturnType<typeof useItemDraft>;

/** The draft's fields; test ids `<testIdPrefix>-title` and so on; `afterOwner` (another person, say) below the owner. */
export function ItemFields({ draft, testIdPrefix, afterOwner }: { draft: ItemDraft; testIdPrefix: string; afterOwner?: ReactNode }) {
  const { t } = useI18n();
  const { tried } = draft;
  return (
    <>
      <Field label={t('cmt.item.titleField')} required validationMessage={tried && !draft.title.trim() ? t('cmt.item.titleMissing') : undefined}>
        <Input value={draft.title} maxLength={255} onChange={(_, d) => draft.setTitle(d.value)} data-testid={`${testIdPrefix}-title`} />
      </Field>
      <PersonPicker label={t('cmt.item.owner')} value={draft.owner} onChange={draft.setOwner} testId={`${testIdPrefix}-owner`} />
      {afterOwner}
      <Field label={t('cmt.item.duration')} validationMessage={tried && !draft.durationOk ? t('cmt.item.durationBad') : undefined}>
        <Input type="number" min={0} max={600} value={draft.duration} onChange={(_, d) => draft.setDuration(d.value)} data-testid={`${testIdPrefix}-duration`} />
      </Field>
      <Field label={t('cmt.item.description')}>
        <Textarea value={draft.description} maxLength={10000} resize="vertical" onChange={(_, d) => draft.setDescription(d.value)} data-testid={`${testIdPrefix}-description`} />
      </Field>
    </>
  );
}

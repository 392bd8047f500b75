// Talking back: feedback to the reporter (through the bot) and escalation to the quality committee above.
import { Button, Field, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { EscalateBody, EscalateResult, FeedbackBody, FeedbackResult } from '../../../../src/server/api/contract.js';
import { ErrorMessage, Notice } from '../../components/error-message';
import { usePageStyles } from '../../components/page';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { useCaseWork, useCaseWrite } from './case-context';

export function CaseFeedback() {
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const work = useCaseWork();
  const write = useCaseWrite();
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  if (!work.detail.canHandle) return null;

  const send = async () => {
    setTried(true);
    if (!text.trim()) return;
    const body: FeedbackBody = { text: text.trim() };
    const ok = await write.run(
      () => api.post<FeedbackResult>(`/api/cases/${encodeURIComponent(work.detail.id)}/feedback`, body),
      (r) => {
        work.apply(r.case);
        return r.sent ? t('feedback.sent') : t('feedback.queued');
      },
    );
    if (ok) {
      setText('');
      setTried(false);
    }
  };

  return (
    <section aria-labelledby="case-feedback" className={page.section}>
      <h2 id="case-feedback" className={page.h2}>
        {t('feedback.title')}
      </h2>
      <form
        className={page.form}
        data-testid="feedback-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Field label={t('feedback.text')} hint={t('feedback.hint')} required validationMessage={tried && !text.trim() ? t('common.required') : undefined}>
          <Textarea value={text} maxLength={2000} onChange={(_, d) => setText(d.value)} data-testid="feedback-text" />
        </Field>
        {write.error && <ErrorMessage error={write.error} />}
        {write.done && (
          <Notice intent="success" testId="feedback-sent">
            {write.done}
          </Notice>
        )}
        <div>
          <Button type="submit" disabled={write.busy} data-testid="feedback-send">
            {t('feedback.send')}
          </Button>
        </div>
      </form>
    </section>
  );
}

export function CaseEscalation() {
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const work = useCaseWork();
  const write = useCaseWrite();
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const target = work.detail.escalationTarget;
  if (!work.detail.canHandle || !target) return null;

  const send = async () => {
    setTried(true);
    if (!note.trim()) return;
    const body: EscalateBody = { note: note.trim() };
    const ok = await write.run(
      () => api.post<EscalateResult>(`/api/cases/${encodeURIComponent(work.detail.id)}/escalate`, body),
      (r) => {
        work.apply(r.case);
        return t('escalate.done', { name: r.committeeName });
      },
    );
    if (ok) {
      setNote('');
      setTried(false);
    }
  };

  return (
    <section aria-labelledby="case-escalate" className={page.section}>
      <h2 id="case-escalate" className={page.h2}>
        {t('escalate.title')}
      </h2>
      <Text>{t('escalate.target', { name: target.name })}</Text>
      <form
        className={page.form}
        data-testid="escalate-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Field label={t('escalate.note')} required validationMessage={tried && !note.trim() ? t('common.required') : undefined}>
          <Textarea value={note} maxLength={2000} onChange={(_, d) => setNote(d.value)} data-testid="escalate-note" />
        </Field>
        {write.error && <ErrorMessage error={write.error} />}
        {write.done && (
          <Notice intent="success" testId="escalate-done">
            {write.done}
          </Notice>
        )}
        <div>
          <Button type="submit" disabled={write.busy} data-testid="escalate-send">
            {t('escalate.send')}
          </Button>
        </div>
      </form>
    </section>
  );
}

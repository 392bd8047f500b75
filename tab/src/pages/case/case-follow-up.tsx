// Talking back: feedback to the reporter (through the bot) and escalation to the quality committee above.
import { Field, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { CaseDetail, EscalateBody, EscalateResult, FeedbackBody, FeedbackResult } from '../../../../src/server/api/contract.js';
import { FormFooter } from '../../components/form-footer';
import { usePageStyles } from '../../components/page';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { useCaseWork, useCaseWrite } from './case-context';

export function CaseFeedback() {
  const { t } = useI18n();
  const work = useCaseWork();
  if (!work.detail.canHandle) return null;
  return (
    <CaseNoteForm<FeedbackResult>
      name="feedback"
      title={t('feedback.title')}
      label={t('feedback.text')}
      hint={t('feedback.hint')}
      sendLabel={t('feedback.send')}
      testIds={{ form: 'feedback-form', text: 'feedback-text', send: 'feedback-send', done: 'feedback-sent' }}
      body={(text): FeedbackBody => ({ text })}
      done={(r) => (r.sent ? t('feedback.sent') : t('feedback.queued'))}
    />
  );
}

export function CaseEscalation() {
  const { t } = useI18n();
  const work = useCaseWork();
  const target = work.detail.escalationTarget;
  if (!work.detail.canHandle || !target) return null;
  return (
    <CaseNoteForm<EscalateResult>
      name="escalate"
      title={t('escalate.title')}
      intro={t('escalate.target', { name: target.name })}
      label={t('escalate.note')}
      sendLabel={t('escalate.send')}
      testIds={{ form: 'escalate-form', text: 'escalate-note', send: 'escalate-send', done: 'escalate-done' }}
      body={(note): EscalateBody => ({ note })}
      done={(r) => t('escalate.done', { name: r.committeeName })}
    />
  );
}

interface CaseNoteFormProps<R> {
  /** The write: POST /api/cases/:id/{name}; also the section's heading id (`case-{name}`). */
  name: 'feedback' | 'escalate';
  title: string;
  intro?: string;
  label: string;
  hint?: string;
  sendLabel: string;
  testIds: { form: string; text: string; send: string; done: string };
  body: (text: string) => object;
  /** What the success notice says. */
  done: (result: R) => string;
}

/** One text and a send button: the case's answer comes back in the result (its new etag) and replaces the one shown. */
function CaseNoteForm<R extends { case: CaseDetail }>(props: CaseNoteFormProps<R>) {
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const work = useCaseWork();
  const write = useCaseWrite();
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);

  const send = async () => {
    setTried(true);
    if (!text.trim()) return;
    const ok = await write.run(
      () => api.post<R>(`/api/cases/${encodeURIComponent(work.detail.id)}/${props.name}`, props.body(text.trim())),
      (r) => {
        work.apply(r.case);
        return props.done(r);
      },
    );
    if (ok) {
      setText('');
      setTried(false);
    }
  };

  const heading = `case-${props.name}`;
  return (
    <section aria-labelledby={heading} className={page.section}>
      <h2 id={heading} className={page.h2}>
        {props.title}
      </h2>
      {props.intro && <Text>{props.intro}</Text>}
      <form
        className={page.form}
        data-testid={props.testIds.form}
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Field label={props.label} hint={props.hint} required validationMessage={tried && !text.trim() ? t('common.required') : undefined}>
          <Textarea value={text} maxLength={2000} onChange={(_, d) => setText(d.value)} data-testid={props.testIds.text} />
        </Field>
        <FormFooter
          error={write.error}
          done={write.done}
          busy={write.busy}
          submitLabel={props.sendLabel}
          submitTestId={props.testIds.send}
          submitAppearance="secondary"
          noticeTestId={props.testIds.done}
        />
      </form>
    </section>
  );
}

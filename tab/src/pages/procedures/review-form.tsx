// The reviewer's yearly decision on a document: confirm unchanged, revise (a new version follows), or archive (POST …/review).
import { Field, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { DocumentDetail, ReviewBody } from '../../../../src/server/api/contract-procedures.js';
import { FormFooter } from '../../components/form-footer';
import { usePageStyles } from '../../components/page';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink } from '../../router';
import { useApi } from '../../session/session';
import { useDocumentWrite, type DocumentWriteTarget } from './document-write';
import { procedureLabels } from './procedure-labels';
import { documentApiPath } from './procedure-query';
import { documentHref } from './procedure-routes';
import { REVIEW_OUTCOMES, type ReviewOutcome } from './procedure-values';

export function ReviewForm({
  target,
  label,
  onDone,
}: {
  target: DocumentWriteTarget;
  label: string;
  /** Said by the caller instead (the form may go away with the decision); `text` says what happened. */
  onDone?: (next: DocumentDetail, text: string) => void;
}) {
  const page = usePageStyles();
  const { t } = useI18n();
  const pl = procedureLabels(t);
  const api = useApi();
  const write = useDocumentWrite(target);
  const { detail } = target;
  const [outcome, setOutcome] = useState<ReviewOutcome | ''>('');
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const [revised, setRevised] = useState(false);
  // 'archive' is the only choice for a draft never approved.
  const choices = detail.status === 'approved' ? REVIEW_OUTCOMES : REVIEW_OUTCOMES.filter((o) => o === 'archive');
  const commentMissing = outcome === 'archive' && !comment.trim();

  const submit = async () => {
    setTried(true);
    if (!outcome || commentMissing) return;
    const body: ReviewBody = { etag: detail.etag, outcome, ...(comment.trim() ? { comment: comment.trim() } : {}) };
    const ok = await write.run(
      () => api.post<DocumentDetail>(documentApiPath(detail.id, '/review'), body),
      (next) => {
        const text =
          outcome === 'unchanged'
            ? t('proc.reviewForm.doneUnchanged', { date: formatDate(next.nextReviewDate) })
            : outcome === 'revise'
              ? t('proc.reviewForm.doneRevise')
              : t('proc.reviewForm.doneArchive');
        if (!onDone) return text;
        onDone(next, text);
        return null;
      },
    );
    if (ok) {
      setRevised(outcome === 'revise');
      setOutcome('');
      setComment('');
      setTried(false);
    }
  };

  return (
    <form
      className={page.form}
      aria-label={label}
      data-testid="review-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label={t('proc.reviewForm.outcome')} required validationMessage={tried && !outcome ? t('common.required') : undefined}>
        <RadioGroup value={outcome} onChange={(_, d) => setOutcome(d.value as ReviewOutcome)}>
          {choices.map((o) => (
            <Radio key={o} value={o} label={`${pl.reviewOutcome(o)} – ${t(`proc.reviewOutcome.${o}.hint` as const)}`} data-testid={`review-outcome-${o}`} />
          ))}
        </RadioGroup>
      </Field>
      <Field
        label={t('proc.reviewForm.comment')}
        required={outcome === 'archive'}
        validationMessage={tried && commentMissing ? t('proc.reviewForm.archiveNeedsComment') : undefined}
      >
        <Textarea value={comment} maxLength={2000} onChange={(_, d) => setComment(d.value)} data-testid="review-comment" />
      </Field>
      <FormFooter
        error={write.error}
        done={
          write.done && (
            <>
              {write.done}
              {revised && (
                <>
                  {' '}
                  <AppLink href={documentHref(detail.id, 'upload')}>{t('proc.reviewForm.uploadNow')}</AppLink>
                </>
              )}
            </>
          )
        }
        busy={write.busy}
        submitLabel={t('proc.reviewForm.submit')}
        submitTestId="review-submit"
        noticeTestId="review-notice"
      />
    </form>
  );
}

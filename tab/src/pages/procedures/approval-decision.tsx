// Godkjenn / Avvis with a comment: the same decision the approver's card in the chat offers (POST …/approve or …/reject).
import { Button, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkRegular, DismissRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ApprovalDecisionBody, DocumentDetail } from '../../../../src/server/api/contract-procedures.js';
import { ErrorMessage, Notice } from '../../components/error-message';
import { usePageStyles } from '../../components/page';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { useDocumentWrite, type DocumentWriteTarget } from './document-write';
import { documentApiPath } from './procedure-query';

const useStyles = makeStyles({
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  pending: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

/** What was sent for approval, in words: «Versjon 0.2 sendt av Kari Nordmann 02.03.2026 10:15. Endring i innhold.» */
export function PendingSummary({ detail }: { detail: DocumentDetail }) {
  const styles = useStyles();
  const { t } = useI18n();
  const p = detail.pending;
  if (!p) return null;
  return (
    <div data-testid="doc-pending">
      <Text block>{t('proc.approval.pending', { version: p.version, name: p.submittedBy.name, time: formatDateTime(p.submittedAt) })}</Text>
      <Text block>{p.substantive ? t('proc.approval.substantive') : t('proc.approval.notSubstantive')}</Text>
      {p.changeNote && <Text block className={styles.pending}>{t('proc.approval.changeNote', { note: p.changeNote })}</Text>}
    </div>
  );
}

export function ApprovalDecision({ target, headingId, onDone }: { target: DocumentWriteTarget; headingId: string; /** Said by the caller instead (the form goes away with the decision). */ onDone?: (text: string) => void }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const write = useDocumentWrite(target);
  const [comment, setComment] = useState('');
  const [triedReject, setTriedReject] = useState(false);
  const { detail } = target;
  const allowed = new Set(detail.allowedActions);
  const [decided, setDecided] = useState(false);

  const decide = (outcome: 'approve' | 'reject') => {
    if (outcome === 'reject') {
      setTriedReject(true);
      if (!comment.trim()) return;
    }
    const body: ApprovalDecisionBody = { etag: detail.etag, ...(comment.trim() ? { comment: comment.trim() } : {}) };
    void write.run(
      () => api.post<DocumentDetail>(documentApiPath(detail.id, `/${outcome}`), body),
      (next) => {
        const text =
          outcome === 'approve'
            ? t('proc.approval.approved', { title: next.title, version: next.approvedVersion ?? next.latestVersion })
            : t('proc.approval.rejected', { title: next.title });
        setDecided(true);
        if (!onDone) return text;
        onDone(text);
        return null;
      },
    );
  };

  return (
    <div className={page.form} data-testid="approval-decision" data-document-id={detail.id}>
      <PendingSummary detail={detail} />
      {write.done && (
        <Notice intent="success" testId="approval-notice">
          {write.done}
        </Notice>
      )}
      {write.error && <ErrorMessage error={write.error} testId="approval-error" />}
      {!decided && (allowed.has('approve') || allowed.has('reject')) && (
        <form
          className={page.form}
          aria-labelledby={headingId}
          onSubmit={(e) => {
            e.preventDefault();
            decide('approve');
          }}
        >
          <Field
            label={t('proc.approval.comment')}
            hint={t('proc.approval.commentHint')}
            validationMessage={triedReject && !comment.trim() ? t('proc.approval.rejectNeedsComment') : undefined}
          >
            <Textarea value={comment} maxLength={2000} onChange={(_, d) => setComment(d.value)} data-testid="approval-comment" />
          </Field>
          <div className={styles.buttons}>
            {allowed.has('approve') && (
              <Button type="submit" appearance="primary" icon={<CheckmarkRegular />} disabled={write.busy} data-testid="approval-approve">
                {t('proc.approval.approve')}
              </Button>
            )}
            {allowed.has('reject') && (
              <Button icon={<DismissRegular />} disabled={write.busy} onClick={() => decide('reject')} data-testid="approval-reject">
                {t('proc.approval.reject')}
              </Button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}

// Status and review-date badges: every state in words and an icon, never by colour alone.
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { ArchiveRegular, CheckmarkCircleRegular, ClockRegular, DocumentEditRegular, SendRegular, WarningFilled } from '@fluentui/react-icons';
import type { DocumentStatusDto } from '../../../../src/server/api/contract-procedures.js';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { procedureLabels } from './procedure-labels';
import { reviewLabel, reviewState } from './procedure-format';

const useStyles = makeStyles({
  state: { display: 'inline-flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS },
  icon: { flexShrink: 0, fontSize: tokens.fontSizeBase400, marginTop: '1px' },
  overdue: { fontWeight: tokens.fontWeightSemibold },
  overdueIcon: { color: tokens.colorStatusDangerForeground1 },
  dueIcon: { color: tokens.colorStatusWarningForeground1 },
});

export function StatusBadge({ status, testId = 'doc-status' }: { status: DocumentStatusDto; testId?: string }) {
  const { t } = useI18n();
  const labels = procedureLabels(t);
  const look = {
    draft: { color: 'informative', icon: <DocumentEditRegular /> },
    awaitingApproval: { color: 'warning', icon: <SendRegular /> },
    approved: { color: 'success', icon: <CheckmarkCircleRegular /> },
    archived: { color: 'subtle', icon: <ArchiveRegular /> },
  } as const;
  return (
    <Badge appearance="tint" color={look[status].color} icon={look[status].icon} data-testid={testId} data-status={status}>
      {labels.status(status)}
    </Badge>
  );
}

/**
 * The next review date with its state in words and an icon: «Revisjon forfalt for 3 dager siden (01.03.2026)» with a
 * warning sign, «Revisjon forfaller om 12 dager (…)» with a clock; a date further ahead as the date alone (or, with
 * `full`, «Neste revisjon 02.03.2027»). The words carry the state; the icon's colour only repeats it. Only approved
 * documents have reviews due.
 */
export function ReviewDate({ nextReviewDate, status, today, full = false }: { nextReviewDate: string | null; status: DocumentStatusDto; today?: string; full?: boolean }) {
  const styles = useStyles();
  const { t } = useI18n();
  if (!nextReviewDate || status !== 'approved')
    return (
      <span data-testid="review-state" data-state="none">
        {full || !nextReviewDate ? t('proc.review.none') : formatDate(nextReviewDate)}
      </span>
    );
  const { state } = reviewState(nextReviewDate, today);
  if (state === 'later')
    return (
      <span data-testid="review-state" data-state={state}>
        {full ? reviewLabel(t, nextReviewDate, today) : formatDate(nextReviewDate)}
      </span>
    );
  const overdue = state === 'overdue';
  return (
    <span className={`${styles.state} ${overdue ? styles.overdue : ''}`} data-testid="review-state" data-state={state}>
      {overdue ? <WarningFilled className={`${styles.icon} ${styles.overdueIcon}`} aria-hidden="true" /> : <ClockRegular className={`${styles.icon} ${styles.dueIcon}`} aria-hidden="true" />}
      <span>{reviewLabel(t, nextReviewDate, today)}</span>
    </span>
  );
}

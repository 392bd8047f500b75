// Version labels, review dates and reading confirmations of procedures and governing documents (issue 8).
//
// Labels are SharePoint's: drafts are minor versions ('0.1', '1.1'), approval publishes the next major ('1.0', '2.0').
// A confirmation is of one version and covers any earlier one; only the version in force can be confirmed.
import { daysBetween, toOsloDate } from './oslo-time.js';
import { isInForce, procedureError, type ProcedureDocument, type ProcedureResult, type VersionLabel } from './procedure-workflow.js';

export function parseVersionLabel(label: string): { major: number; minor: number } | null {
  const m = /^(\d{1,6})\.(\d{1,3})$/.exec(label);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

/** Negative when a is older than b; labels that do not parse sort first. */
export function compareVersionLabels(a: string, b: string): number {
  const x = parseVersionLabel(a) ?? { major: -1, minor: 0 };
  const y = parseVersionLabel(b) ?? { major: -1, minor: 0 };
  return x.major - y.major || x.minor - y.minor;
}

/** A published (approved) version: '1.0', '2.0'. */
export function isMajorVersion(label: string): boolean {
  const v = parseVersionLabel(label);
  return v !== null && v.minor === 0 && v.major > 0;
}

// ── Review dates ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Days past the review date in Oslo (negative: days left); null without a date or for documents not in force. */
export function reviewDaysOverdue(doc: Pick<ProcedureDocument, 'status' | 'nextReviewDate'>, now: Date): number | null {
  if (doc.status !== 'approved' || doc.nextReviewDate === null) return null;
  return daysBetween(doc.nextReviewDate, toOsloDate(now));
}

/** Overdue from the day after the review date (due on the date), as isReviewOverdue. */
export function isProcedureReviewOverdue(doc: Pick<ProcedureDocument, 'status' | 'nextReviewDate'>, now: Date): boolean {
  const days = reviewDaysOverdue(doc, now);
  return days !== null && days > 0;
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Whether a confirmation may be given for `version`: only the approved version in force. An older one is superseded
 * (the reader must read the new one first); a draft was never published.
 */
export function checkReadingConfirmation(doc: Pick<ProcedureDocument, 'approvedVersion' | 'status'>, version: VersionLabel): ProcedureResult<VersionLabel> {
  if (!isInForce(doc) || doc.approvedVersion === null) return procedureError('procedure.notApproved');
  if (version !== doc.approvedVersion) return procedureError('procedure.supersededVersion');
  return { ok: true, value: version };
}

/** A confirmation of `confirmed` covers an entry for `required` when it is that version or a later one. */
export function confirmationCovers(confirmed: VersionLabel, required: VersionLabel): boolean {
  return compareVersionLabels(confirmed, required) >= 0;
}

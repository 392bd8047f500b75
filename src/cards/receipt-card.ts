// The reporter's receipt: case number, kind, unit, where the case is in its life, and what happens next.
//
// The reporter must hear back (seed 003) and see what happened with the report (seed 004), so the
// same card is updated in place as the status changes. When Graph was throttled the report is
// saved but not yet registered: the pending variant says so, and says not to report again.
import { CASE_STATUSES, routeOf, type CaseNumber, type CaseStatus, type DeviationKind } from '../domain/index.js';
import type { AdaptiveCard, CardAction, CardElement, RichTextBlock, TextRun } from './card-types.js';
import { adaptiveCard, facts, heading, openUrl, paragraph } from './elements.js';
import { kindLabel, statusLabel, t, type StringKey } from './strings.js';
import { oneLine } from './text.js';

export interface ReceiptCardInput {
  readonly locale: string;
  readonly kind: DeviationKind;
  /** Null while the report waits to be registered (pending). */
  readonly caseNumber: CaseNumber | null;
  /** The unit's name; not shown for whistleblowing reports. */
  readonly unitName: string | null;
  readonly status: CaseStatus;
  /** Deep link to the case in the Varde tab; no button when null. */
  readonly caseUrl: string | null;
  /** 'pending': saved, but registering or notifying is being retried (Graph throttled). Default 'registered'. */
  readonly delivery?: 'registered' | 'pending';
}

const NEXT: Readonly<Record<CaseStatus, StringKey>> = {
  new: 'receipt.next.new',
  received: 'receipt.next.received',
  underAnalysis: 'receipt.next.underAnalysis',
  measuresDecided: 'receipt.next.measuresDecided',
  closed: 'receipt.next.closed',
};

export function receiptCard(input: ReceiptCardInput): AdaptiveCard {
  const { locale, kind, status } = input;
  const confidential = routeOf(kind) === 'confidential';
  const pending = input.delivery === 'pending';

  const body: CardElement[] = [];
  if (pending) {
    body.push(
      heading(t(locale, 'receipt.pending.title')),
      paragraph(t(locale, 'receipt.pending.body'), { color: 'warning', spacing: 'small' }),
    );
  } else {
    body.push(heading(t(locale, confidential ? 'receipt.title.whistleblowing' : 'receipt.title')));
  }

  const rows: [string, string][] = [];
  if (input.caseNumber !== null) rows.push([t(locale, 'card.caseNumber'), oneLine(input.caseNumber, 40)]);
  rows.push([t(locale, 'card.kind'), kindLabel(locale, kind)]);
  if (!confidential && input.unitName !== null) rows.push([t(locale, 'card.unit'), oneLine(input.unitName, 120)]);
  if (!pending) rows.push([t(locale, 'card.status'), statusLabel(locale, status)]);
  body.push(...facts(rows));

  if (!pending) {
    body.push(paragraph(t(locale, 'receipt.trail'), { weight: 'bolder', spacing: 'medium' }), statusTrail(locale, status));
    const next = confidential && status !== 'closed' ? 'receipt.next.whistleblowing' : NEXT[status];
    body.push(paragraph(t(locale, 'receipt.next'), { weight: 'bolder', spacing: 'medium' }), paragraph(t(locale, next), { spacing: 'small' }));
  }

  const actions: CardAction[] = input.caseUrl === null ? [] : [openUrl(t(locale, 'card.openCase'), input.caseUrl)];
  return adaptiveCard(body, actions);
}

/**
 * Ny → Mottatt → Under analyse → Tiltak besluttet → Lukket, in one wrapping line: steps passed in
 * the default colour, the current one bold in the accent colour, the ones ahead subtle. The status
 * is also a fact row above, so the highlight is not the only way to read it.
 */
export function statusTrail(locale: string, current: CaseStatus): RichTextBlock {
  const at = CASE_STATUSES.indexOf(current);
  const inlines: TextRun[] = [];
  CASE_STATUSES.forEach((status, i) => {
    if (i > 0) inlines.push({ type: 'TextRun', text: ' → ', isSubtle: true });
    const text = statusLabel(locale, status);
    if (i === at) inlines.push({ type: 'TextRun', text, weight: 'bolder', color: 'accent' });
    else inlines.push(i < at ? { type: 'TextRun', text } : { type: 'TextRun', text, isSubtle: true });
  });
  return { type: 'RichTextBlock', spacing: 'small', inlines };
}

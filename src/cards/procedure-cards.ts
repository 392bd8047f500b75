// Procedure cards (issue 8): the approver's card (Godkjenn / Avvis with a comment, then the outcome for everyone who
// sees it), the daily reading digest and the leader's reminder ("Jeg har lest og forstått" per document), and the
// answer to "finn prosedyre …".
//
// Titles, names, change notes and search text come from people: they go in TextRuns (plain), never TextBlocks.
import type { Instant, ProcedureDocumentType } from '../domain/index.js';
import type { AdaptiveCard, CardAction, CardElement, Container } from './card-types.js';
import { adaptiveCard, attention, execute, facts, heading, openUrl, paragraph, plain } from './elements.js';
import { formatOsloDateTime } from './format-date.js';
import { documentTypeLabel, pt } from './procedure-strings.js';
import { oneLine, safeText } from './text.js';

/** The Action.Execute verbs of the procedure cards and the data each carries ({documentId, version}). */
export const PROCEDURE_VERBS = {
  approveProcedure: 'approveProcedure',
  rejectProcedure: 'rejectProcedure',
  confirmReading: 'confirmReading',
} as const;

/** The comment input on the approval card; Teams sends its value in the action's data under this id. */
export const APPROVAL_COMMENT_INPUT = 'comment';
export const APPROVAL_COMMENT_MAX = 2000;
const TITLE_MAX = 200;
const NOTE_MAX = 1000;

// ── Approval ────────────────────────────────────────────────────────────────────────────────────────────────────

export interface ProcedureApprovalInput {
  readonly locale: string;
  readonly documentId: string;
  /** The draft sent for approval ('0.2'); the card's buttons approve exactly this version. */
  readonly version: string;
  readonly title: string;
  readonly documentType: ProcedureDocumentType;
  readonly unitName: string;
  readonly submittedBy: string;
  readonly submittedAt: Instant;
  readonly substantive: boolean;
  readonly changeNote: string | null;
  /** The document in the Varde tab. */
  readonly documentUrl: string;
  /** Set once decided: the buttons go and every copy says who decided what. */
  readonly decision?: { readonly outcome: 'approved' | 'rejected'; readonly byName: string; readonly at: Instant; readonly publishedVersion: string | null; readonly comment: string | null } | null;
  /** Shown in the attention colour above the buttons (a rejection without a comment). */
  readonly error?: string | null;
  /** The comment typed so far, kept when the card comes back with an error. */
  readonly comment?: string;
}

export function procedureApprovalCard(input: ProcedureApprovalInput): AdaptiveCard {
  const { locale } = input;
  const decision = input.decision ?? null;
  const body: CardElement[] = [heading(pt(locale, 'approval.heading'))];
  if (decision === null) body.push(paragraph(pt(locale, 'approval.intro'), { isSubtle: true, spacing: 'small' }));
  body.push(plain(oneLine(input.title, TITLE_MAX), { weight: 'bolder' }, 'medium'));
  body.push(
    ...facts([
      [pt(locale, 'approval.type'), documentTypeLabel(locale, input.documentType)],
      [pt(locale, 'approval.unit'), oneLine(input.unitName, 120)],
      [pt(locale, 'approval.version'), oneLine(input.version, 20)],
      [pt(locale, 'approval.submittedBy'), oneLine(input.submittedBy, 80)],
      [pt(locale, 'approval.submittedAt'), formatOsloDateTime(input.submittedAt, locale)],
      [pt(locale, 'approval.substantive'), pt(locale, input.substantive ? 'approval.yes' : 'approval.no')],
    ]),
  );
  if (input.changeNote) {
    body.push(paragraph(pt(locale, 'approval.changeNote'), { weight: 'bolder', spacing: 'medium' }));
    body.push(plain(safeText(input.changeNote, NOTE_MAX)));
  }

  const actions: CardAction[] = [];
  if (decision === null) {
    body.push({
      type: 'Input.Text',
      id: APPROVAL_COMMENT_INPUT,
      label: pt(locale, 'approval.comment'),
      isMultiline: true,
      maxLength: APPROVAL_COMMENT_MAX,
      spacing: 'medium',
      ...(input.comment ? { value: safeText(input.comment, APPROVAL_COMMENT_MAX) } : {}),
    });
    if (input.error) body.push(attention(oneLine(input.error, 300)));
    const data = { documentId: input.documentId, version: input.version };
    actions.push(execute(pt(locale, 'approval.approve'), PROCEDURE_VERBS.approveProcedure, data, 'positive'));
    actions.push(execute(pt(locale, 'approval.reject'), PROCEDURE_VERBS.rejectProcedure, data, 'destructive'));
  } else {
    const time = formatOsloDateTime(decision.at, locale);
    const name = oneLine(decision.byName, 80);
    const text =
      decision.outcome === 'approved'
        ? pt(locale, 'approval.approvedBy', { name, time, version: oneLine(decision.publishedVersion ?? input.version, 20) })
        : pt(locale, 'approval.rejectedBy', { name, time });
    body.push(plain(text, { color: decision.outcome === 'approved' ? 'good' : 'attention', weight: 'bolder' }, 'medium'));
    if (decision.comment) {
      body.push(paragraph(pt(locale, 'approval.commentLabel'), { weight: 'bolder', spacing: 'small' }));
      body.push(plain(safeText(decision.comment, NOTE_MAX)));
    }
  }
  actions.push(openUrl(pt(locale, 'approval.open'), input.documentUrl));
  return adaptiveCard(body, actions);
}

// ── Reading digest and reminder ─────────────────────────────────────────────────────────────────────────────────

export interface ReadingCardItem {
  readonly documentId: string;
  /** The approved version to confirm. */
  readonly version: string;
  readonly title: string;
  readonly documentType: ProcedureDocumentType;
  readonly unitName: string;
  readonly changeNote: string | null;
  readonly url: string;
  /** Assigned since the last digest. */
  readonly isNew?: boolean;
  /** Set once confirmed: the button gives way to the time. */
  readonly confirmedAt?: Instant | null;
}

export interface ReadingDigestInput {
  readonly locale: string;
  /** 'digest': the daily summary; 'reminder': a leader's reminder (one document at a time). */
  readonly variant: 'digest' | 'reminder';
  readonly items: readonly ReadingCardItem[];
  /** How many are open in all (the card shows at most `max`). */
  readonly openCount: number;
  readonly listUrl: string;
  /** Items shown at most (default 8: a card stays well under Teams' 28 KB). */
  readonly max?: number;
  /** A message on top (a superseded version). */
  readonly notice?: string | null;
}

export function readingDigestCard(input: ReadingDigestInput): AdaptiveCard {
  const { locale } = input;
  const max = input.max ?? 8;
  const body: CardElement[] = [heading(pt(locale, input.variant === 'reminder' ? 'reading.reminderHeading' : 'reading.heading'))];
  if (input.notice) body.push(attention(oneLine(input.notice, 300)));
  if (input.openCount === 0) body.push(paragraph(pt(locale, 'reading.allDone'), { color: 'good' }));
  else body.push(paragraph(pt(locale, input.variant === 'reminder' ? 'reading.reminderIntro' : 'reading.intro', { count: input.openCount }), { spacing: 'small' }));
  const shown = input.items.slice(0, max);
  for (const item of shown) body.push(readingItem(locale, item));
  const hidden = input.openCount - shown.filter((i) => !i.confirmedAt).length;
  if (hidden > 0) body.push(paragraph(pt(locale, 'reading.more', { count: hidden }), { isSubtle: true, spacing: 'medium' }));
  return adaptiveCard(body, [openUrl(pt(locale, 'reading.showAll'), input.listUrl)]);
}

function readingItem(locale: string, item: ReadingCardItem): Container {
  const meta = [documentTypeLabel(locale, item.documentType), pt(locale, 'reading.version', { version: oneLine(item.version, 20) }), oneLine(item.unitName, 80)].join(' · ');
  const items: CardElement[] = [plain(`${item.isNew && !item.confirmedAt ? `${pt(locale, 'reading.new')}: ` : ''}${oneLine(item.title, TITLE_MAX)}`, { weight: 'bolder' }), plain(meta, { isSubtle: true })];
  if (item.changeNote) items.push(plain(safeText(item.changeNote, 300), { isSubtle: true }, 'small'));
  const actions: CardAction[] = [openUrl(pt(locale, 'reading.open'), item.url)];
  if (item.confirmedAt) items.push(plain(`✓ ${pt(locale, 'reading.confirmed', { time: formatOsloDateTime(item.confirmedAt, locale) })}`, { color: 'good', weight: 'bolder' }, 'small'));
  else actions.push(execute(pt(locale, 'reading.confirm'), PROCEDURE_VERBS.confirmReading, { documentId: item.documentId, version: item.version }, 'positive'));
  items.push({ type: 'ActionSet', actions, spacing: 'small' });
  return { type: 'Container', separator: true, spacing: 'medium', items };
}

// ── Search ("finn prosedyre …") ─────────────────────────────────────────────────────────────────────────────────

export interface ProcedureSearchItem {
  readonly title: string;
  readonly documentType: ProcedureDocumentType;
  readonly unitName: string;
  readonly version: string;
  readonly snippet: string | null;
  readonly url: string;
}

export interface ProcedureSearchInput {
  readonly locale: string;
  /** What the person asked for ('' when they only said "finn prosedyre"). */
  readonly query: string;
  readonly results: readonly ProcedureSearchItem[];
  readonly searchUrl: string;
}

export function procedureSearchCard(input: ProcedureSearchInput): AdaptiveCard {
  const { locale } = input;
  const body: CardElement[] = [heading(pt(locale, 'search.heading'))];
  if (input.query === '') body.push(paragraph(pt(locale, 'search.help')));
  else body.push(plain(pt(locale, 'search.query', { query: oneLine(input.query, 100) }), { isSubtle: true }, 'small'));
  if (input.query !== '' && input.results.length === 0) body.push(paragraph(pt(locale, 'search.none'), { spacing: 'medium' }));
  for (const r of input.results.slice(0, 5)) {
    const meta = [documentTypeLabel(locale, r.documentType), oneLine(r.unitName, 80), pt(locale, 'search.version', { version: oneLine(r.version, 20) })].join(' · ');
    const items: CardElement[] = [plain(oneLine(r.title, TITLE_MAX), { weight: 'bolder' }), plain(meta, { isSubtle: true })];
    if (r.snippet) items.push(plain(oneLine(r.snippet, 240), { italic: true }, 'small'));
    items.push({ type: 'ActionSet', actions: [openUrl(pt(locale, 'search.open'), r.url)], spacing: 'small' });
    body.push({ type: 'Container', separator: true, spacing: 'medium', items });
  }
  return adaptiveCard(body, [openUrl(pt(locale, 'search.more'), input.searchUrl)]);
}

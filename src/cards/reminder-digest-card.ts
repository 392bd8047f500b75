// The daily reminder digest posted in a leader channel (issue 9): overdue measures, procedures due for review and risk
// deadlines in the channel's scope, with "Utført" (asks for the evaluation the domain requires) and "Ny frist" on
// each open measure.
//
// A channel is read by many. The builder takes only what a channel may show: a measure of a health-related case
// comes without its title (the app passes null), so the line says the case number, the unit and the deadline, and
// the owner's name is left out too. A digest larger than one Teams message is packed into parts (`packDigest`); what
// does not fit in the parts allowed is counted in the last one ("og 42 til"), never dropped silently.
import type { CalendarDate, Instant } from '../domain/index.js';
import type { AdaptiveCard, CardAction, CardElement, Container } from './card-types.js';
import { adaptiveCard, heading, openUrl, paragraph, plain } from './elements.js';
import { formatOsloDate, formatOsloDateTime } from './format-date.js';
import { rt } from './reminder-strings.js';
import { oneLine } from './text.js';
import { TEAMS_CARD_MAX_BYTES, cardSizeBytes } from './validate-card.js';

/** The Action.Execute verbs of the digest; data {c: channel id, d: date, p: part, m: measure id, f: the input's id}. */
export const REMINDER_VERBS = { done: 'reminderDone', newDeadline: 'reminderNewDeadline' } as const;

export interface ReminderActionData {
  readonly c: string;
  readonly d: CalendarDate;
  readonly p: string;
  readonly m: string;
  readonly f: string;
}

export type MeasureLineState =
  | { readonly type: 'open' }
  | { readonly type: 'done'; readonly byName: string; readonly at: Instant }
  | { readonly type: 'rescheduled'; readonly deadline: CalendarDate; readonly byName: string }
  | { readonly type: 'gone' };

export type DigestLine =
  | {
      readonly kind: 'measure';
      readonly measureId: string;
      /** null: the measure's case holds health information (or could not be checked): the title stays out of the channel. */
      readonly title: string | null;
      readonly caseNumber: string | null;
      readonly caseUrl: string | null;
      readonly unitName: string;
      /** null where the title is hidden, and when the owner is not known. */
      readonly ownerName: string | null;
      readonly deadline: CalendarDate;
      readonly daysOverdue: number;
      readonly state: MeasureLineState;
    }
  | { readonly kind: 'review'; readonly documentId: string; readonly title: string; readonly unitName: string; readonly dueDate: CalendarDate; readonly daysOverdue: number }
  | { readonly kind: 'risk'; readonly key: string; readonly title: string; readonly unitName: string | null; readonly deadline: CalendarDate; readonly daysLeft: number };

export interface DigestTotals {
  readonly measures: number;
  readonly reviews: number;
  readonly risk: number;
}

export interface DigestFrame {
  readonly locale: string;
  readonly channelId: string;
  readonly unitName: string;
  readonly date: CalendarDate;
  readonly totals: DigestTotals;
  /** The tab's pages (https in a tenant): the action list, the reviews, the risk rounds. */
  readonly links: { readonly actionList: string; readonly reviews: string; readonly risk: string };
}

export interface DigestPartInput extends DigestFrame {
  /** 0-based. */
  readonly part: number;
  readonly parts: number;
  readonly lines: readonly DigestLine[];
  /** Lines that did not fit, by kind; shown on the last part only. */
  readonly overflow: DigestTotals;
  /** A word to the person who just acted (their view only), or to everyone. */
  readonly notice?: { readonly text: string; readonly tone: 'good' | 'attention' } | null;
}

const dateText = (date: CalendarDate, locale: string) => formatOsloDate(`${date}T12:00:00Z`, locale);
const overdueText = (days: number, locale: string) => (days === 1 ? rt(locale, 'overdue.one') : rt(locale, 'overdue.many', { days }));
const ZERO: DigestTotals = { measures: 0, reviews: 0, risk: 0 };

function measureLine(input: DigestPartInput, line: Extract<DigestLine, { kind: 'measure' }>, index: number): Container {
  const { locale } = input;
  const title = line.title !== null ? oneLine(line.title, 200) : line.caseNumber ? rt(locale, 'measure.hidden', { caseNumber: oneLine(line.caseNumber, 40) }) : rt(locale, 'measure.hiddenNoCase');
  const items: CardElement[] = [plain(title, { weight: 'bolder' })];
  const meta = rt(locale, 'measure.meta', { unit: oneLine(line.unitName, 120), deadline: dateText(line.deadline, locale), overdue: overdueText(line.daysOverdue, locale) });
  items.push(plain(line.title !== null && line.ownerName ? `${meta} · ${rt(locale, 'measure.owner', { name: oneLine(line.ownerName, 120) })}` : meta, { isSubtle: true, size: 'small' }, 'none'));
  const state = line.state;
  if (state.type === 'done') items.push(plain(rt(locale, 'measure.done', { name: oneLine(state.byName, 120), time: formatOsloDateTime(state.at, locale) }), { color: 'good' }, 'small'));
  else if (state.type === 'rescheduled') items.push(plain(rt(locale, 'measure.rescheduled', { deadline: dateText(state.deadline, locale), name: oneLine(state.byName, 120) }), { color: 'good' }, 'small'));
  else if (state.type === 'gone') items.push(plain(rt(locale, 'measure.gone'), { isSubtle: true }, 'small'));
  const actions: CardAction[] = [];
  if (state.type === 'open') {
    const data = (f: string): Record<string, string> => ({ c: input.channelId, d: input.date, p: String(input.part), m: line.measureId, f });
    const evaluation = `e${index}`;
    const deadline = `n${index}`;
    actions.push(
      {
        type: 'Action.ShowCard',
        title: rt(locale, 'action.done'),
        card: {
          type: 'AdaptiveCard',
          body: [{ type: 'Input.Text', id: evaluation, label: rt(locale, 'action.evaluation'), isMultiline: true, maxLength: 2000, isRequired: true, errorMessage: rt(locale, 'action.evaluationMissing') }],
          actions: [{ type: 'Action.Execute', title: rt(locale, 'action.doneSave'), verb: REMINDER_VERBS.done, data: data(evaluation), style: 'positive' }],
        },
      },
      {
        type: 'Action.ShowCard',
        title: rt(locale, 'action.newDeadline'),
        card: {
          type: 'AdaptiveCard',
          body: [{ type: 'Input.Date', id: deadline, label: rt(locale, 'action.newDeadlineLabel'), min: input.date, isRequired: true, errorMessage: rt(locale, 'action.newDeadlineMissing') }],
          actions: [{ type: 'Action.Execute', title: rt(locale, 'action.newDeadlineSave'), verb: REMINDER_VERBS.newDeadline, data: data(deadline) }],
        },
      },
    );
  }
  if (line.caseUrl) actions.push(openUrl(rt(locale, 'action.openCase'), line.caseUrl));
  if (actions.length > 0) items.push({ type: 'ActionSet', actions });
  return { type: 'Container', separator: true, spacing: 'medium', items };
}

function reviewLine(locale: string, line: Extract<DigestLine, { kind: 'review' }>): Container {
  const meta = rt(locale, 'review.meta', { unit: oneLine(line.unitName, 120), date: dateText(line.dueDate, locale), overdue: line.daysOverdue > 0 ? overdueText(line.daysOverdue, locale) : rt(locale, 'due.today') });
  return { type: 'Container', separator: true, spacing: 'small', items: [plain(oneLine(line.title, 200), { weight: 'bolder' }), plain(meta, { isSubtle: true, size: 'small' }, 'none')] };
}

function riskLine(locale: string, line: Extract<DigestLine, { kind: 'risk' }>): Container {
  const when = line.daysLeft < 0 ? overdueText(-line.daysLeft, locale) : line.daysLeft === 0 ? rt(locale, 'due.today') : rt(locale, 'due.inDays', { days: line.daysLeft });
  const unit = line.unitName ? `${oneLine(line.unitName, 120)} · ` : '';
  return {
    type: 'Container',
    separator: true,
    spacing: 'small',
    items: [plain(oneLine(line.title, 200), { weight: 'bolder' }), plain(rt(locale, 'risk.meta', { unit, deadline: dateText(line.deadline, locale), when }), { isSubtle: true, size: 'small' }, 'none')],
  };
}

/** One part of the digest as an Adaptive Card 1.5. */
export function reminderDigestCard(input: DigestPartInput): AdaptiveCard {
  const { locale } = input;
  const body: CardElement[] = [heading(rt(locale, 'heading')), plain(rt(locale, 'subheading', { unit: oneLine(input.unitName, 120), date: dateText(input.date, locale) }), { isSubtle: true }, 'none')];
  if (input.parts > 1) body.push(plain(rt(locale, 'part', { part: input.part + 1, parts: input.parts }), { isSubtle: true, size: 'small' }, 'none'));
  if (input.notice) body.push(plain(oneLine(input.notice.text, 300), { color: input.notice.tone, weight: 'bolder' }, 'medium'));
  if (input.part === 0) body.push(paragraph(rt(locale, 'summary', { ...input.totals }), { spacing: 'medium' }));
  let section: DigestLine['kind'] | null = null;
  const titles = { measure: 'section.measures', review: 'section.reviews', risk: 'section.risk' } as const;
  input.lines.forEach((line, i) => {
    if (line.kind !== section) {
      section = line.kind;
      body.push({ ...heading(rt(locale, titles[line.kind])), spacing: 'large' });
    }
    if (line.kind === 'measure') body.push(measureLine(input, line, i));
    else if (line.kind === 'review') body.push(reviewLine(locale, line));
    else body.push(riskLine(locale, line));
  });
  const rest = input.overflow.measures + input.overflow.reviews + input.overflow.risk;
  if (input.part === input.parts - 1 && rest > 0) body.push(paragraph(rt(locale, 'overflow', { count: rest, ...input.overflow }), { spacing: 'large', weight: 'bolder' }));
  const actions: CardAction[] = [openUrl(rt(locale, 'link.actionList'), input.links.actionList)];
  if (input.totals.reviews > 0) actions.push(openUrl(rt(locale, 'link.reviews'), input.links.reviews));
  if (input.totals.risk > 0) actions.push(openUrl(rt(locale, 'link.risk'), input.links.risk));
  return adaptiveCard(body, actions);
}

export interface PackOptions {
  /** Most parts (messages) per channel a day (default 3); the rest is counted in the last. */
  readonly maxParts?: number;
  /**
   * Bytes a part may take when packed (default the Teams limit less 2,000): room for what an action adds later (a
   * line's "Utført – satt av …", a notice) without the card outgrowing the message.
   */
  readonly budgetBytes?: number;
}

/**
 * The lines in parts that each fit in a Teams message, in order, at most `maxParts`; what does not fit is counted by
 * kind. Every part holds at least one line (a single line too large for a card is cut to its title by oneLine's
 * limits already, so it always fits).
 */
export function packDigest(frame: DigestFrame, lines: readonly DigestLine[], options: PackOptions = {}): { parts: DigestLine[][]; overflow: DigestTotals } {
  const maxParts = options.maxParts ?? 3;
  const budget = options.budgetBytes ?? TEAMS_CARD_MAX_BYTES - 2000;
  const parts: DigestLine[][] = [];
  let at = 0;
  while (at < lines.length && parts.length < maxParts) {
    const part: DigestLine[] = [];
    const isLast = parts.length === maxParts - 1;
    while (at < lines.length) {
      const candidate = [...part, lines[at] as DigestLine];
      // Measured as the last part with a full overflow line and the largest part label, so nothing later grows it past the budget.
      const size = cardSizeBytes(reminderDigestCard({ ...frame, part: parts.length, parts: maxParts, lines: candidate, overflow: isLast ? frame.totals : ZERO }));
      if (size > budget && part.length > 0) break;
      part.push(lines[at] as DigestLine);
      at++;
    }
    parts.push(part);
  }
  const overflow = { measures: 0, reviews: 0, risk: 0 };
  for (const line of lines.slice(at)) overflow[line.kind === 'measure' ? 'measures' : line.kind === 'review' ? 'reviews' : 'risk']++;
  if (parts.length === 0) parts.push([]);
  return { parts, overflow };
}

// The minutes in the committee's leader channel: which items were decided, postponed or withdrawn, how many measures — never the text.
//
// The decisions themselves are in the minutes document (stored in the committee's library, opened through the app,
// which checks access): a decision may speak of a case, and a channel is read by many.
import type { Instant } from '../domain/index.js';
import { agendaText } from './agenda-strings.js';
import type { AdaptiveCard, CardElement } from './card-types.js';
import { adaptiveCard, facts, openUrl, paragraph, plain } from './elements.js';
import { formatOsloDateTime } from './format-date.js';
import { oneLine } from './text.js';
import { TEAMS_CARD_MAX_BYTES, cardSizeBytes } from './validate-card.js';

export interface MinutesCardItem {
  readonly number: string | null;
  /** As on the agenda card: an item raised from a case passes its number, and the title is not read. */
  readonly title: string;
  readonly escalatedCaseNumber: string | null;
  readonly outcome: 'decided' | 'postponed' | 'withdrawn' | 'none';
  readonly newMeasures: number;
  readonly escalatedToName: string | null;
}

export interface MinutesCardInput {
  readonly locale: string;
  readonly committeeName: string;
  readonly meetingTitle: string;
  readonly startsAt: Instant;
  readonly publishedByName: string;
  readonly publishedAt: Instant;
  readonly items: readonly MinutesCardItem[];
  readonly pdfUrl: string;
  readonly docxUrl: string;
  readonly meetingUrl: string;
}

const OUTCOME = { decided: 'minutes.decided', postponed: 'minutes.postponed', withdrawn: 'minutes.withdrawn', none: 'minutes.noDecision' } as const;

export function minutesCard(input: MinutesCardInput): AdaptiveCard {
  for (const titleMax of [200, 80]) {
    const card = build(input, titleMax, input.items.length);
    if (cardSizeBytes(card) <= TEAMS_CARD_MAX_BYTES) return card;
  }
  let shown = input.items.length;
  let card = build(input, 80, shown);
  while (cardSizeBytes(card) > TEAMS_CARD_MAX_BYTES && shown > 0) {
    shown = shown > 40 ? Math.floor(shown / 2) : shown - 1;
    card = build(input, 80, shown);
  }
  return card;
}

function build(input: MinutesCardInput, titleMax: number, shown: number): AdaptiveCard {
  const { locale } = input;
  const body: CardElement[] = [
    plain(agendaText(locale, 'minutes.heading', { committee: oneLine(input.committeeName, 120) }), { size: 'medium', weight: 'bolder' }),
    ...facts([
      [agendaText(locale, 'agenda.meeting'), `${oneLine(input.meetingTitle, 120)}, ${formatOsloDateTime(input.startsAt, locale)}`],
      [agendaText(locale, 'minutes.publishedBy'), `${oneLine(input.publishedByName, 80)}, ${formatOsloDateTime(input.publishedAt, locale)}`],
    ]),
  ];
  input.items.slice(0, shown).forEach((item, i) => {
    const label = item.number ? agendaText(locale, 'agenda.item', { number: item.number }) : agendaText(locale, 'agenda.itemUnnumbered');
    const title = item.escalatedCaseNumber !== null ? agendaText(locale, 'agenda.escalatedCase', { caseNumber: oneLine(item.escalatedCaseNumber, 40) }) : oneLine(item.title, titleMax);
    const meta = [
      agendaText(locale, OUTCOME[item.outcome]),
      item.newMeasures > 0 ? agendaText(locale, 'minutes.newMeasures', { count: item.newMeasures }) : null,
      item.escalatedToName ? agendaText(locale, 'minutes.escalated', { committee: oneLine(item.escalatedToName, 80) }) : null,
    ].filter((s): s is string => s !== null);
    body.push({
      type: 'ColumnSet',
      spacing: i === 0 ? 'medium' : 'small',
      separator: i > 0,
      columns: [
        { type: 'Column', width: 'auto', items: [plain(label, { weight: 'bolder' })] },
        { type: 'Column', width: 'stretch', items: [plain(title, { weight: 'bolder' }), plain(meta.join(' · '), { isSubtle: true, size: 'small' })] },
      ],
    });
  });
  if (shown < input.items.length) body.push(paragraph(agendaText(locale, 'agenda.cut', { count: input.items.length - shown }), { spacing: 'medium', weight: 'bolder' }));
  body.push(paragraph(agendaText(locale, 'minutes.body'), { spacing: 'medium', isSubtle: true }));
  return adaptiveCard(body, [openUrl(agendaText(locale, 'minutes.openPdf'), input.pdfUrl), openUrl(agendaText(locale, 'minutes.openDocx'), input.docxUrl), openUrl(agendaText(locale, 'minutes.open'), input.meetingUrl)]);
}

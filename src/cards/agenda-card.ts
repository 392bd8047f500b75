// The approved agenda in the committee's leader channel: items, owners, links to each case in the tab — never case text.
//
// A channel is read by many, and case text may hold health information (GDPR art. 9; Normen): a case appears only as
// its number, kind, unit and severity with a link, and an item raised from a case shows its number, not its title.
// Teams refuses a message over ~28 KB, so a long agenda is degraded step by step until it fits (fewer links per
// item, then no case links, then shorter titles, then the last items counted instead of shown); the tab has it all.
import type { DeviationKind, Instant, Severity } from '../domain/index.js';
import { agendaText } from './agenda-strings.js';
import type { AdaptiveCard, CardElement, Column, Container } from './card-types.js';
import { adaptiveCard, facts, openUrl, paragraph, plain } from './elements.js';
import { formatOsloDateTime } from './format-date.js';
import { kindLabel, severityLabel } from './strings.js';
import { oneLine } from './text.js';
import { TEAMS_CARD_MAX_BYTES, cardSizeBytes } from './validate-card.js';

export type AgendaCardLink =
  | { readonly type: 'case'; readonly caseNumber: string; readonly kind: DeviationKind | null; readonly unitName: string | null; readonly severity: Severity | null; readonly deleted: boolean; readonly url: string }
  | { readonly type: 'measure' | 'riskItem' | 'document' };

export interface AgendaCardItem {
  /** 'sak 3/26'; null before approval. */
  readonly number: string | null;
  /**
   * What the card shows as the item's title. The caller passes `escalatedCaseNumber` instead of the title for an item
   * raised from a case (whose title is the case's); the title is then never read.
   */
  readonly title: string;
  readonly escalatedCaseNumber: string | null;
  readonly ownerName: string | null;
  readonly durationMinutes: number;
  readonly status: 'accepted' | 'handled' | 'postponed' | 'withdrawn';
  readonly links: readonly AgendaCardLink[];
  readonly moreLinks: number;
}

export interface AgendaCardInput {
  readonly locale: string;
  readonly committeeName: string;
  readonly meetingTitle: string;
  readonly startsAt: Instant;
  readonly endsAt: Instant;
  readonly location: string | null;
  readonly approvedByName: string | null;
  readonly approvedAt: Instant | null;
  /** Set when the card is updated after it was first posted. */
  readonly updatedAt: Instant | null;
  readonly items: readonly AgendaCardItem[];
  /** The meeting in the tab (https). */
  readonly meetingUrl: string;
}

/** How hard the card is cut to fit: 0 whole; 1 five case links an item; 2 no case links; 3 short titles; 4+ items dropped. */
interface Degrade {
  readonly linksPerItem: number;
  readonly titleMax: number;
  readonly itemsShown: number;
}

export function agendaCard(input: AgendaCardInput): AdaptiveCard {
  const steps: Degrade[] = [
    { linksPerItem: 25, titleMax: 200, itemsShown: input.items.length },
    { linksPerItem: 5, titleMax: 200, itemsShown: input.items.length },
    { linksPerItem: 0, titleMax: 200, itemsShown: input.items.length },
    { linksPerItem: 0, titleMax: 80, itemsShown: input.items.length },
  ];
  for (const step of steps) {
    const card = build(input, step);
    if (cardSizeBytes(card) <= TEAMS_CARD_MAX_BYTES) return card;
  }
  // Still too large: show fewer items (halving, then one at a time) with a line saying how many are left to the tab.
  let shown = input.items.length;
  let card = build(input, { linksPerItem: 0, titleMax: 80, itemsShown: shown });
  while (cardSizeBytes(card) > TEAMS_CARD_MAX_BYTES && shown > 0) {
    shown = shown > 40 ? Math.floor(shown / 2) : shown - 1;
    card = build(input, { linksPerItem: 0, titleMax: 80, itemsShown: shown });
  }
  return card;
}

function build(input: AgendaCardInput, step: Degrade): AdaptiveCard {
  const { locale } = input;
  const rows: [string, string][] = [
    [agendaText(locale, 'agenda.meeting'), oneLine(input.meetingTitle, 120)],
    [agendaText(locale, 'agenda.time'), `${formatOsloDateTime(input.startsAt, locale)} – ${formatOsloDateTime(input.endsAt, locale).split(' ').slice(-1)[0] ?? ''}`],
  ];
  if (input.location) rows.push([agendaText(locale, 'agenda.place'), oneLine(input.location, 120)]);
  if (input.approvedByName) rows.push([agendaText(locale, 'agenda.approvedBy'), `${oneLine(input.approvedByName, 80)}${input.approvedAt ? `, ${formatOsloDateTime(input.approvedAt, locale)}` : ''}`]);
  const body: CardElement[] = [plain(agendaText(locale, 'agenda.heading', { committee: oneLine(input.committeeName, 120) }), { size: 'medium', weight: 'bolder' }), ...facts(rows)];
  if (input.updatedAt) body.push(paragraph(agendaText(locale, 'agenda.updated', { time: formatOsloDateTime(input.updatedAt, locale) }), { isSubtle: true, size: 'small' }));
  if (input.items.length === 0) body.push(paragraph(agendaText(locale, 'agenda.empty'), { spacing: 'medium' }));
  const shown = input.items.slice(0, step.itemsShown);
  const hasCaseLinks = input.items.some((i) => i.links.some((l) => l.type === 'case'));
  shown.forEach((item, i) => body.push(itemBlock(locale, item, step, i === 0)));
  if (step.itemsShown < input.items.length) body.push(paragraph(agendaText(locale, 'agenda.cut', { count: input.items.length - step.itemsShown }), { spacing: 'medium', weight: 'bolder' }));
  else if (step.linksPerItem === 0 && hasCaseLinks) body.push(paragraph(agendaText(locale, 'agenda.linksCut'), { spacing: 'medium', isSubtle: true }));
  return adaptiveCard(body, [openUrl(agendaText(locale, 'agenda.open'), input.meetingUrl)]);
}

function itemBlock(locale: string, item: AgendaCardItem, step: Degrade, first: boolean): Container {
  const label = item.number ? agendaText(locale, 'agenda.item', { number: item.number }) : agendaText(locale, 'agenda.itemUnnumbered');
  const title = item.escalatedCaseNumber !== null ? agendaText(locale, 'agenda.escalatedCase', { caseNumber: oneLine(item.escalatedCaseNumber, 40) }) : oneLine(item.title, step.titleMax);
  const meta = [item.ownerName ? agendaText(locale, 'agenda.owner', { name: oneLine(item.ownerName, 80) }) : null, item.durationMinutes > 0 ? agendaText(locale, 'agenda.minutes', { minutes: item.durationMinutes }) : null, statusText(locale, item.status)]
    .filter((s): s is string => s !== null)
    .join(' · ');
  const main: CardElement[] = [plain(title, { weight: 'bolder', ...(item.status === 'withdrawn' ? { isSubtle: true } : {}) })];
  if (meta) main.push(plain(meta, { isSubtle: true, size: 'small' }));
  const cases = item.links.filter((l): l is Extract<AgendaCardLink, { type: 'case' }> => l.type === 'case');
  for (const link of cases.slice(0, step.linksPerItem)) main.push(caseLine(locale, link));
  const hiddenCases = Math.max(0, cases.length - step.linksPerItem) + (step.linksPerItem > 0 ? item.moreLinks : 0);
  if (step.linksPerItem > 0 && hiddenCases > 0 && cases.length > 0) main.push(plain(agendaText(locale, 'agenda.moreCases', { count: hiddenCases }), { isSubtle: true, size: 'small' }));
  const others = otherLinks(locale, item, cases.length === 0 ? item.moreLinks : 0);
  if (others) main.push(plain(others, { isSubtle: true, size: 'small' }));
  const columns: Column[] = [
    { type: 'Column', width: 'auto', items: [plain(label, { weight: 'bolder' })] },
    { type: 'Column', width: 'stretch', items: main },
  ];
  return { type: 'Container', spacing: first ? 'medium' : 'small', separator: !first, items: [{ type: 'ColumnSet', columns }] };
}

function statusText(locale: string, status: AgendaCardItem['status']): string | null {
  if (status === 'withdrawn') return agendaText(locale, 'agenda.withdrawn');
  if (status === 'postponed') return agendaText(locale, 'agenda.postponed');
  if (status === 'handled') return agendaText(locale, 'agenda.handled');
  return null;
}

/** One case: number, kind, unit and severity (nothing else of the case), the whole line a link to it in the tab. */
function caseLine(locale: string, link: Extract<AgendaCardLink, { type: 'case' }>): Container {
  const caseNumber = oneLine(link.caseNumber, 40);
  if (link.deleted) return { type: 'Container', spacing: 'none', items: [plain(agendaText(locale, 'agenda.deletedCase', { caseNumber }), { isSubtle: true, size: 'small' })] };
  const parts = [caseNumber, link.kind ? kindLabel(locale, link.kind) : null, link.unitName ? oneLine(link.unitName, 80) : null, link.severity ? severityLabel(locale, link.severity) : null].filter((s): s is string => s !== null);
  return { type: 'Container', spacing: 'none', selectAction: openUrl(caseNumber, link.url), items: [plain(parts.join(' · '), { color: 'accent', size: 'small' })] };
}

/** Measures, risk rows and documents are counted, not named: their titles are for the tab, where access is checked. */
function otherLinks(locale: string, item: AgendaCardItem, more: number): string | null {
  const count = (type: AgendaCardLink['type']) => item.links.filter((l) => l.type === type).length;
  const measures = count('measure') + (item.links.some((l) => l.type === 'measure') ? more : 0);
  const risks = count('riskItem') + (item.links.some((l) => l.type === 'riskItem') ? more : 0);
  const documents = count('document') + (item.links.some((l) => l.type === 'document') ? more : 0);
  const what = [measures ? agendaText(locale, 'agenda.measures', { count: measures }) : null, risks ? agendaText(locale, 'agenda.risks', { count: risks }) : null, documents ? agendaText(locale, 'agenda.documents', { count: documents }) : null].filter(
    (s): s is string => s !== null,
  );
  return what.length > 0 ? agendaText(locale, 'agenda.otherLinks', { what: what.join(', ') }) : null;
}

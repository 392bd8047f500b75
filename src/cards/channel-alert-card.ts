// The alert posted in the leaders' channel for a serious case: case number, kind, unit, severity and a link, nothing else.
//
// A channel is read by many. Any free text of the case (title, description, place, immediate action)
// may hold health information (GDPR art. 9; Normen), so the builder takes only the coded fields:
// what it is not given, it cannot leak. Whistleblowing never goes to a channel.
import type { CaseNumber, Deviation } from '../domain/index.js';
import type { AdaptiveCard } from './card-types.js';
import { adaptiveCard, facts, heading, openUrl, paragraph } from './elements.js';
import { kindLabel, severityLabel, t } from './strings.js';
import { oneLine } from './text.js';

export interface ChannelAlertInput {
  readonly locale: string;
  /** Only these fields are read; passing a whole Deviation is fine. */
  readonly deviation: Pick<Deviation, 'caseNumber' | 'kind' | 'severity'>;
  readonly unitName: string;
  /** Deep link to the case in the Varde tab (opens only for those with access). */
  readonly caseUrl: string;
}

export function channelAlertCard(input: ChannelAlertInput): AdaptiveCard {
  const { locale, deviation } = input;
  if (deviation.kind === 'whistleblowingReport') {
    // A programming error, not a user error: the confidential route has no channel.
    throw new RangeError('A whistleblowing report is never posted to a channel.');
  }
  const caseNumber: CaseNumber = oneLine(deviation.caseNumber, 40);
  const rows: [string, string][] = [
    [t(locale, 'card.caseNumber'), caseNumber],
    [t(locale, 'card.kind'), kindLabel(locale, deviation.kind)],
    [t(locale, 'card.unit'), oneLine(input.unitName, 120)],
  ];
  if (deviation.severity !== null) rows.push([t(locale, 'card.severity'), severityLabel(locale, deviation.severity)]);
  const body = [heading(t(locale, 'channel.heading')), ...facts(rows), paragraph(t(locale, 'channel.body'), { isSubtle: true, spacing: 'medium' })];
  return adaptiveCard(body, [openUrl(t(locale, 'card.openCase'), input.caseUrl)]);
}

// The unit leader's notification of a new case: what, where, how serious, when; "Ta saken" until someone has taken it.
//
// The card is replaced by the Action.Execute invoke response for the leader who took it, and the
// bot updates the copies sent to the others (deputy) with the same card built with `takenBy`.
import type { CaseNumber, DeviationKind, Instant, Severity } from '../domain/index.js';
import type { AdaptiveCard, CardAction, CardElement } from './card-types.js';
import { adaptiveCard, execute, facts, heading, openUrl, plain } from './elements.js';
import { formatOsloDateTime } from './format-date.js';
import { kindLabel, severityLabel, t } from './strings.js';
import { oneLine } from './text.js';
import { VERBS } from './verbs.js';

/** How much of the title the notification shows; the rest is in the case. */
export const NOTIFICATION_TITLE_MAX = 140;

export interface LeaderNotificationInput {
  readonly locale: string;
  /** Storage id of the case, sent back with "Ta saken". */
  readonly caseId: string;
  readonly caseNumber: CaseNumber;
  readonly kind: DeviationKind;
  readonly unitName: string;
  readonly severity: Severity | null;
  readonly reportedAt: Instant;
  /**
   * The case's short title. The leader of the case's unit may see health details (access.ts);
   * pass '' (as withoutHealthDetails does) to leave the title out.
   */
  readonly title: string;
  /** Deep link to the case in the Varde tab. */
  readonly caseUrl: string;
  /** Who took the case and when; the "Ta saken" button is gone once set. */
  readonly takenBy?: { readonly name: string; readonly at: Instant } | null;
}

export function leaderNotificationCard(input: LeaderNotificationInput): AdaptiveCard {
  const { locale } = input;
  const body: CardElement[] = [heading(t(locale, 'leader.heading'))];
  const title = oneLine(input.title, NOTIFICATION_TITLE_MAX);
  if (title !== '') body.push(plain(title, { weight: 'bolder' }, 'small'));

  const rows: [string, string][] = [
    [t(locale, 'card.caseNumber'), oneLine(input.caseNumber, 40)],
    [t(locale, 'card.kind'), kindLabel(locale, input.kind)],
    [t(locale, 'card.unit'), oneLine(input.unitName, 120)],
  ];
  if (input.severity !== null) rows.push([t(locale, 'card.severity'), severityLabel(locale, input.severity)]);
  rows.push([t(locale, 'card.reportedAt'), formatOsloDateTime(input.reportedAt, locale)]);
  body.push(...facts(rows));

  const taken = input.takenBy ?? null;
  if (taken !== null) {
    const text = t(locale, 'leader.takenBy', { name: oneLine(taken.name, 80), time: formatOsloDateTime(taken.at, locale) });
    body.push(plain(text, { color: 'good', weight: 'bolder' }, 'medium'));
  }

  const actions: CardAction[] = [];
  if (taken === null) actions.push(execute(t(locale, 'leader.takeCase'), VERBS.takeCase, { caseId: input.caseId }, 'positive'));
  actions.push(openUrl(t(locale, 'leader.open'), input.caseUrl));
  return adaptiveCard(body, actions);
}

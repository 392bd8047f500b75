// Short plain-text messages to the reporter when the case moves on: "Saken din AV-2026-00123 er mottatt av …".
//
// Teams renders bot text as markdown, so the one piece of data from people (the actor's name) is
// escaped. No free text from the case goes in: the case itself is one click away.
import type { CaseNumber, CaseStepType } from '../domain/index.js';
import { t, type StringKey } from './strings.js';
import { escapeMarkdown, oneLine, safeText } from './text.js';

export type StatusChange = Exclude<CaseStepType, 'report'> | 'measureAdded' | 'delivered';

export interface StatusMessageInput {
  readonly locale: string;
  readonly caseNumber: CaseNumber;
  /**
   * What happened: a lifecycle step (receive, startAnalysis, decideMeasures, close, reopen), a new
   * measure, or 'delivered' (a report saved while Graph was throttled is now registered).
   */
  readonly change: StatusChange;
  /** Who did it, for receive and startAnalysis ("mottatt av Kari Nordmann"); left out when null. */
  readonly actorName?: string | null;
}

const KEYS: Readonly<Record<StatusChange, StringKey>> = {
  receive: 'message.receive',
  startAnalysis: 'message.startAnalysis',
  decideMeasures: 'message.decideMeasures',
  close: 'message.close',
  reopen: 'message.reopen',
  measureAdded: 'message.measureAdded',
  delivered: 'message.delivered',
};

export function statusMessage(input: StatusMessageInput): string {
  const { locale, change } = input;
  const caseNumber = escapeMarkdown(oneLine(input.caseNumber, 40));
  const actor = escapeMarkdown(oneLine(input.actorName ?? '', 80));
  if (actor === '' && change === 'receive') return t(locale, 'message.receive.noActor', { caseNumber });
  if (actor === '' && change === 'startAnalysis') return t(locale, 'message.startAnalysis.noActor', { caseNumber });
  return t(locale, KEYS[change], { caseNumber, actor });
}

/** The longest feedback text a message carries (Teams takes far more; a person reads far less). */
export const FEEDBACK_MAX_LENGTH = 4000;

/**
 * Feedback from the case's handler to the reporter, for their personal chat only: a heading with the
 * case number, then the text as written (markdown escaped, so it reads as plain text in Teams).
 */
export function feedbackMessage(input: { readonly locale: string; readonly caseNumber: CaseNumber; readonly text: string }): string {
  const caseNumber = escapeMarkdown(oneLine(input.caseNumber, 40));
  const text = escapeMarkdown(safeText(input.text, FEEDBACK_MAX_LENGTH));
  return `${t(input.locale, 'message.feedback', { caseNumber })}\n\n${text}`;
}

// What the reporting use cases show, as plain models, and the card builders that turn them into cards (src/cards behind an adapter).
import type { CaseEvent, CaseRoute, CaseStepType, CaseStatus, ConsequenceFor, DeviationKind, Instant, Severity } from '../../domain/index.js';
import type { CardJson } from '../conversation/types.js';
import type { FieldErrors, ReportFormValues } from './report-form.js';

export interface UnitChoice {
  readonly id: string;
  readonly name: string;
}

export interface ReportFormView {
  readonly values: ReportFormValues;
  readonly errors: FieldErrors;
  readonly units: readonly UnitChoice[];
  /** The whistleblowing form: its own texts and no kind to choose. */
  readonly whistleblowing: boolean;
  /** Names of files sent in the chat, held for this form and stored with the case when it is sent (see the reporting README). */
  readonly attachments: readonly string[];
  /** Now on the Oslo wall clock: the default "when" and the latest date allowed. */
  readonly defaults: { readonly date: string; readonly time: string };
}

/** The reporter's receipt: registered, or accepted and waiting for SharePoint (the truthful variant). */
export interface ReceiptView {
  readonly caseId: string;
  readonly route: CaseRoute;
  readonly state: 'registered' | 'pending';
  /** Null while pending (a number is only promised once the case is stored). */
  readonly caseNumber: string | null;
  readonly kind: DeviationKind;
  readonly status: CaseStatus;
  readonly reportedAt: Instant;
  readonly unitName: string | null;
  /** Who handles it, once someone took it (for whistleblowing: not shown). */
  readonly handlerName: string | null;
  /** The steps so far, without notes (the reporter sees the trail, not the leaders' notes on health details). */
  readonly history: readonly CaseEvent[];
  readonly caseUrl: string | null;
}

/** A leader's (or a whistleblowing recipient's) notification of a new case. */
export interface LeaderNotificationView {
  readonly caseId: string;
  readonly route: CaseRoute;
  readonly caseNumber: string;
  readonly kind: DeviationKind;
  readonly unitName: string;
  readonly severity: Severity | null;
  readonly title: string;
  readonly description: string;
  readonly location: string | null;
  readonly occurredAt: Instant | null;
  readonly reportedAt: Instant;
  readonly consequenceFor: readonly ConsequenceFor[];
  readonly immediateAction: string | null;
  readonly healthRelated: boolean;
  readonly status: CaseStatus;
  readonly handlerName: string | null;
  readonly takenAt: Instant | null;
  readonly caseUrl: string;
  /** "Ta saken" is offered while the case is new. */
  readonly canTake: boolean;
}

/** The leader channel's card: case number, kind, unit, severity, status and a link; never free text or names. */
export interface ChannelNotificationView {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly kind: DeviationKind;
  readonly unitName: string;
  readonly severity: Severity | null;
  readonly status: CaseStatus;
  readonly caseUrl: string;
}

export interface MyReportItem {
  readonly caseId: string;
  readonly route: CaseRoute;
  readonly caseNumber: string;
  readonly kind: DeviationKind;
  /** Blank when the case holds health details the reporter may no longer see (domain access rules). */
  readonly title: string;
  readonly status: CaseStatus;
  readonly reportedAt: Instant;
  readonly caseUrl: string;
}

export interface MyReportsView {
  readonly items: readonly MyReportItem[];
  /** More ordinary cases than shown: the rest are in the tab. */
  readonly hasMore: boolean;
  readonly listUrl: string;
}

/** The card builders the reporting flow needs; `locale` is the reader's Teams locale. */
export interface ReportingCards {
  welcome(locale: string, name: string | null): CardJson;
  reportForm(locale: string, view: ReportFormView): CardJson;
  receipt(locale: string, view: ReceiptView): CardJson;
  leaderNotification(locale: string, view: LeaderNotificationView): CardJson;
  channelNotification(locale: string, view: ChannelNotificationView): CardJson;
  myReports(locale: string, view: MyReportsView): CardJson;
  /** The short chat message to the reporter after a change in their case. */
  statusMessage(locale: string, change: StatusChange): string;
  text(locale: string, key: BotText, params?: Readonly<Record<string, string | number>>): string;
}

export type StatusChange =
  | { readonly type: 'delivered'; readonly caseNumber: string }
  | { readonly type: CaseStepType; readonly caseNumber: string; readonly actorName: string | null }
  | { readonly type: 'measureAdded'; readonly caseNumber: string };

/** Plain bot replies (the catalogue's keys in src/cards). */
export type BotText =
  | 'bot.help'
  | 'bot.didNotUnderstand'
  | 'bot.error'
  | 'bot.busy'
  | 'bot.caseNotFound'
  | 'bot.caseAlreadyTaken'
  | 'bot.forbidden'
  | 'bot.alreadySubmitted'
  | 'bot.attachmentsOnSubmit'
  | 'bot.fileTooLarge'
  | 'bot.fileNotAllowed'
  | 'bot.fileUnavailable'
  | 'bot.tooManyFiles'
  | 'bot.filesMissing'
  | 'bot.fileNotStored'
  | 'bot.personalOnly';

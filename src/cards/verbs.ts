// The Action.Execute verbs our cards send and the data each carries: the contract with the bot's invoke handler.
import type { DeviationKind } from '../domain/index.js';

export const VERBS = {
  /** Opens the report form for a kind; data {kind}. */
  startReport: 'startReport',
  /** Sends the report form; data {submissionId} plus the form's inputs (REPORT_FORM_FIELDS). */
  submitReport: 'submitReport',
  /** Shows the reporter's own cases; no data. */
  myReports: 'myReports',
  /** A leader takes a case; data {caseId}. */
  takeCase: 'takeCase',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

export interface StartReportData {
  readonly kind: DeviationKind;
}

export interface SubmitReportData {
  /** Generated when the form is shown; the same id twice means the same report (a retried submit). */
  readonly submissionId: string;
}

export interface TakeCaseData {
  readonly caseId: string;
}

// Risk assessment (ROS): likelihood × consequence, colour bands, residual risk and escalation to KLG.
//
// The form is Tønsberg's overall ROS form (seed 000); the measure rule is Asker's (seed 004):
// "Risiko > 10 eller ved lovbrudd" requires a measure. Red means "må håndteres" (seed 000), so red
// starts above 10 and the two sources agree. Yellow ("burde håndteres") has no number in the
// sources; by default it starts above 4. Both bounds are configurable per municipality.

import { domainError, fail, ok, type DomainError, type Result } from './domain-error.js';
import type { CalendarDate, Instant } from './oslo-time.js';

/** 1 svært lav, 2 lav, 3 middels, 4 høy, 5 svært høy: for likelihood and consequence alike. */
export type RiskLevel = 1 | 2 | 3 | 4 | 5;

/** "Hvor galt kan det gå?": the seven consequence types of the ROS form (seed 000). */
export type RiskConsequenceType =
  | 'humanInjury' // menneskelig skade
  | 'materialDamage' // materiell skade
  | 'economicLoss' // økonomisk tap
  | 'environment' // skade på miljø eller omgivelser
  | 'reputation' // omdømmetap
  | 'privacy' // personvern/GDPR
  | 'ethicsAndCorruption'; // dårlig etikk og korrupsjon

export const RISK_CONSEQUENCE_TYPES: readonly RiskConsequenceType[] = [
  'humanInjury',
  'materialDamage',
  'economicLoss',
  'environment',
  'reputation',
  'privacy',
  'ethicsAndCorruption',
];

/** What the assessment is for: Asker uses one ROS template for all of these (seed 004). */
export type RiskContext =
  | 'overall' // overordnet risikostyring (yearly, seed 000)
  | 'planning'
  | 'emergencyPreparedness'
  | 'businessPlan'
  | 'environment'
  | 'informationSecurity'
  | 'project'
  | 'hse'
  /** Risikovurdering av mål i kommuneplanen (seed 001: "Risikovurdering – når vi målene?"). */
  | 'municipalPlanGoals';

/**
 * The yearly process's steps (seed 000): the unit fills in (draft), sends it to its kommunalsjef (submitted), who
 * compiles the sector's (compiled) and sends it on to the quality adviser and KLG (forwarded).
 */
export type RiskAssessmentStatus = 'draft' | 'submitted' | 'compiled' | 'forwarded';

export const RISK_ASSESSMENT_STATUSES: readonly RiskAssessmentStatus[] = ['draft', 'submitted', 'compiled', 'forwarded'];

export interface RiskAssessment {
  readonly id: string;
  readonly title: string;
  readonly context: RiskContext;
  readonly unitId: string;
  /** Ansvarlig. */
  readonly responsibleId: string;
  readonly participantIds: readonly string[];
  readonly date: CalendarDate;
  readonly createdAt: Instant;
  /** The year it is for (the yearly round's year; may differ from the year of `date`: forms go out in October). */
  readonly year: number;
  readonly status: RiskAssessmentStatus;
  /** The yearly round it belongs to (risk-round.ts); null for an assessment made on its own (a project, a plan). */
  readonly roundId: string | null;
  readonly submittedAt: Instant | null;
  readonly compiledAt: Instant | null;
  readonly forwardedAt: Instant | null;
  /** Why the kommunalsjef sent it back to the unit; null unless it was. */
  readonly returnNote: string | null;
}

/** Where and when a row was raised to KLG (or KUL) as an agenda proposal. */
export interface RiskEscalation {
  readonly agendaItemId: string;
  readonly committeeId: string;
  readonly at: Instant;
}

export interface RiskPosition {
  readonly likelihood: RiskLevel;
  readonly consequence: RiskLevel;
}

/** One row of the form: one main process or task. */
export interface RiskItem {
  readonly id: string;
  readonly assessmentId: string;
  readonly unitId: string;
  /** Hva skal vurderes? (main process or task) */
  readonly process: string;
  /** Hva kan gå galt? */
  readonly whatCanGoWrong: string;
  readonly consequenceTypes: readonly RiskConsequenceType[];
  /** Risk now, with what is already done (the X of the strategy's matrix, seed 001). */
  readonly current: RiskPosition;
  /** Any breach of law requires a measure whatever the score (seed 004). */
  readonly breachOfLaw: boolean;
  /** Hva er gjort for å unngå at det går galt? */
  readonly existingMeasures: string;
  /** Risk given the new measures, established and followed (the Y of the matrix); null until assessed. */
  readonly residual: RiskPosition | null;
  /** Er restrisikoen akseptabel? The assessor's judgement; null until given. */
  readonly residualAcceptable: boolean | null;
  readonly measureIds: readonly string[];
  /** Har vi gjort nok? The assessor's answer; null until given. */
  readonly doneEnough: boolean | null;
  /** "Prosessen må meldes videre til KLG?": the kommunalsjef's call on top of the rule (mustReportToKlg); null until given. */
  readonly reportToKlg: boolean | null;
  /** Deviations that realised this risk (the case lists the item in its riskItemIds too). */
  readonly deviationIds: readonly string[];
  /** Set when the row went to KLG; null before. */
  readonly escalation: RiskEscalation | null;
  /** The row's place in the form (ascending). */
  readonly position: number;
}

export type RiskColour = 'green' | 'yellow' | 'red';

export interface RiskThresholds {
  /** Scores above this are at least yellow. */
  readonly yellowAbove: number;
  /** Scores above this are red. */
  readonly redAbove: number;
}

/** What a new assessment is given: everything but its progress through the steps. */
export type NewRiskAssessment = Omit<RiskAssessment, 'status' | 'submittedAt' | 'compiledAt' | 'forwardedAt' | 'returnNote'>;

/** A new assessment: a draft, not yet submitted, compiled or forwarded, and never returned. */
export function newRiskAssessment(a: NewRiskAssessment): RiskAssessment {
  return { ...a, status: 'draft', submittedAt: null, compiledAt: null, forwardedAt: null, returnNote: null };
}

/** What a new row is given: the form's first columns and its place. */
export type NewRiskItem = Omit<RiskItem, 'residual' | 'residualAcceptable' | 'measureIds' | 'doneEnough' | 'reportToKlg' | 'deviationIds' | 'escalation'>;

/** A new row: no residual risk, answers, measures, linked deviations or escalation yet. */
export function newRiskItem(row: NewRiskItem): RiskItem {
  return { ...row, residual: null, residualAcceptable: null, measureIds: [], doneEnough: null, reportToKlg: null, deviationIds: [], escalation: null };
}

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = { yellowAbove: 4, redAbove: 10 };

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/** Reads a level from input; `field` names it in the message ('Sannsynlighet', 'Konsekvens'). */
export function parseRiskLevel(value: unknown, field: string): Result<RiskLevel> {
  return isRiskLevel(value) ? ok(value) : fail('risk.levelOutOfRange', { field, value: String(value) });
}

export function validateThresholds(t: RiskThresholds): DomainError[] {
  const valid = Number.isFinite(t.yellowAbove) && Number.isFinite(t.redAbove) && t.yellowAbove >= 0 && t.yellowAbove < t.redAbove && t.redAbove < 25;
  return valid ? [] : [domainError('risk.thresholdsInvalid')];
}

/** Risk score 1–25. */
export function riskScore(p: RiskPosition): number {
  return p.likelihood * p.consequence;
}

export function riskColour(score: number, t: RiskThresholds = DEFAULT_RISK_THRESHOLDS): RiskColour {
  if (score > t.redAbove) return 'red';
  if (score > t.yellowAbove) return 'yellow';
  return 'green';
}

/** The 5×5 matrix as colours, indexed [likelihood − 1][consequence − 1]. */
export function riskMatrix(t: RiskThresholds = DEFAULT_RISK_THRESHOLDS): RiskColour[][] {
  const levels = [1, 2, 3, 4, 5];
  return levels.map((l) => levels.map((c) => riskColour(l * c, t)));
}

/** A measure is required for red risk or any breach of law (seeds 000, 004). */
export function requiresMeasure(item: RiskItem, t: RiskThresholds = DEFAULT_RISK_THRESHOLDS): boolean {
  return item.breachOfLaw || riskColour(riskScore(item.current), t) === 'red';
}

export function residualScore(item: RiskItem): number | null {
  return item.residual === null ? null : riskScore(item.residual);
}

/**
 * Unacceptable residual risk: the assessor says so, or the residual risk is still red. Red means
 * "must be handled", so a red residual cannot be marked acceptable. Not assessed yet is not
 * unacceptable: validateRiskItem reports the gap instead.
 */
export function isResidualUnacceptable(item: RiskItem, t: RiskThresholds = DEFAULT_RISK_THRESHOLDS): boolean {
  if (item.residualAcceptable === false) return true;
  const score = residualScore(item);
  return score !== null && riskColour(score, t) === 'red';
}

/** "Prosesser/oppgaver med uakseptabel restrisiko skal meldes KLG" (seed 000). */
export function mustEscalate(item: RiskItem, t: RiskThresholds = DEFAULT_RISK_THRESHOLDS): boolean {
  return isResidualUnacceptable(item, t);
}

/** What is missing in a row: levels in range, and for rows that need one, a measure and a residual assessment. */
export function validateRiskItem(item: RiskItem, t: RiskThresholds = DEFAULT_RISK_THRESHOLDS): DomainError[] {
  const errors = levelErrors(item);
  if (errors.length > 0) return errors;
  if (requiresMeasure(item, t)) {
    if (item.measureIds.length === 0) errors.push(domainError('risk.measureMissing'));
    if (item.residual === null) errors.push(domainError('risk.residualMissing'));
  }
  return errors;
}

function levelErrors(item: RiskItem): DomainError[] {
  const errors: DomainError[] = [];
  const levels: [string, unknown][] = [
    ['Sannsynlighet', item.current.likelihood],
    ['Konsekvens', item.current.consequence],
    ...(item.residual
      ? ([
          ['Sannsynlighet etter tiltak', item.residual.likelihood],
          ['Konsekvens etter tiltak', item.residual.consequence],
        ] as [string, unknown][])
      : []),
  ];
  for (const [field, value] of levels) {
    if (!isRiskLevel(value)) errors.push(domainError('risk.levelOutOfRange', { field, value: String(value) }));
  }
  return errors;
}

/**
 * Whether the row goes to KLG: the rule (unacceptable or red residual risk, seed 000) or the kommunalsjef's own call
 * ("Prosessen må meldes videre til KLG?"). The call can add a row, never drop one the rule sends: "skal meldes KLG".
 */
export function mustReportToKlg(item: RiskItem, t: RiskThresholds = DEFAULT_RISK_THRESHOLDS): boolean {
  return item.reportToKlg === true || mustEscalate(item, t);
}

/**
 * What a person may not save in a row, whatever its stage: levels outside 1–5, and a red residual risk marked
 * acceptable (red "må håndteres", seed 000). Missing answers are not refused here: `riskItemProblems` lists them.
 */
export function validateRiskItemInput(item: RiskItem, t: RiskThresholds = DEFAULT_RISK_THRESHOLDS): DomainError[] {
  const errors = levelErrors(item);
  if (errors.length > 0) return errors;
  if (item.residual !== null && item.residualAcceptable === true && riskColour(riskScore(item.residual), t) === 'red') {
    return [domainError('risk.redResidualAcceptable')];
  }
  return [];
}

/**
 * What keeps a row from being submitted to the kommunalsjef: the form's two first columns, levels in range, and for a
 * row that requires a measure (red or breach of law) a measure, a residual assessment and whether it is acceptable.
 */
export function riskItemProblems(item: RiskItem, t: RiskThresholds = DEFAULT_RISK_THRESHOLDS): DomainError[] {
  const errors: DomainError[] = [];
  if (isBlank(item.process)) errors.push(domainError('risk.processMissing'));
  if (isBlank(item.whatCanGoWrong)) errors.push(domainError('risk.hazardMissing'));
  const rule = validateRiskItem(item, t);
  errors.push(...rule);
  if (rule.length === 0 && item.residual !== null && item.residualAcceptable === null) errors.push(domainError('risk.acceptanceMissing'));
  errors.push(...validateRiskItemInput(item, t).filter((e) => e.code === 'risk.redResidualAcceptable'));
  return errors;
}

const isBlank = (s: string): boolean => s.trim() === '';

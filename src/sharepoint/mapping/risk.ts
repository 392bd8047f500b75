// RiskAssessment ↔ 'Risikovurderinger' and RiskItem ↔ 'Risikoelementer'; score and escalation are written beside the levels for queries.
import { z } from 'zod';
import {
  DEFAULT_RISK_THRESHOLDS,
  RISK_ASSESSMENT_STATUSES,
  RISK_CONSEQUENCE_TYPES,
  type RiskAssessment,
  type RiskItem,
  type RiskLevel,
  type RiskThresholds,
  isRiskLevel,
  mustReportToKlg,
  riskScore,
} from '../../domain/index.js';
import { RISK_CONTEXTS } from '../schema/lists.js';
import { type Fields, type RowSource, calendarDate, codeList, flag, instant, joinCodes, jsonText, oneOf, optionalFlag, optionalInstant, optionalText, readRow } from './fields.js';

const TITLE_MAX = 255;

const assessmentRow = z.object({
  RecordId: z.string().min(1),
  Title: z.string().min(1),
  Area: oneOf(RISK_CONTEXTS),
  UnitId: z.string().min(1),
  ResponsibleId: z.string().min(1),
  ParticipantIds: jsonText(z.array(z.string()))
    .nullish()
    .transform((v) => v ?? []),
  AssessedOn: calendarDate,
  CreatedAt: instant,
  // Rows written before the yearly process existed have no year, status or round: the date's year, a draft, none.
  Year: z.number().int().nullish(),
  Status: oneOf(RISK_ASSESSMENT_STATUSES)
    .nullish()
    .transform((v) => v ?? 'draft'),
  RoundId: optionalText,
  SubmittedAt: optionalInstant,
  CompiledAt: optionalInstant,
  ForwardedAt: optionalInstant,
  ReturnNote: optionalText,
});

export const RISK_ASSESSMENT_COLUMNS: readonly string[] = Object.keys(assessmentRow.shape);

export function riskAssessmentToFields(a: RiskAssessment): Fields {
  return {
    RecordId: a.id,
    Title: a.title,
    Area: a.context,
    UnitId: a.unitId,
    ResponsibleId: a.responsibleId,
    ParticipantIds: JSON.stringify(a.participantIds),
    AssessedOn: a.date,
    // The year the assessment belongs to, indexed for "this year's ROS".
    Year: a.year,
    CreatedAt: a.createdAt,
    Status: a.status,
    RoundId: a.roundId,
    SubmittedAt: a.submittedAt,
    CompiledAt: a.compiledAt,
    ForwardedAt: a.forwardedAt,
    ReturnNote: a.returnNote,
  };
}

export function riskAssessmentFromFields(fields: unknown, source: RowSource): RiskAssessment {
  const r = readRow(assessmentRow, fields, source);
  return {
    id: r.RecordId,
    title: r.Title,
    context: r.Area,
    unitId: r.UnitId,
    responsibleId: r.ResponsibleId,
    participantIds: r.ParticipantIds,
    date: r.AssessedOn,
    createdAt: r.CreatedAt,
    year: r.Year ?? Number(r.AssessedOn.slice(0, 4)),
    status: r.Status,
    roundId: r.RoundId,
    submittedAt: r.SubmittedAt,
    compiledAt: r.CompiledAt,
    forwardedAt: r.ForwardedAt,
    returnNote: r.ReturnNote,
  };
}

const level = z.number().transform((n, ctx): RiskLevel => {
  if (isRiskLevel(n)) return n;
  ctx.addIssue({ code: 'custom', message: 'a risk level is a whole number from 1 to 5' });
  return z.NEVER;
});
const optionalLevel = level.nullish().transform((v) => v ?? null);

/** A row of 'Risikoelementer' as the mapping reads it; the risk index's feed reads a part of it (risk-feeds.ts). */
export const riskItemRow = z.object({
  RecordId: z.string().min(1),
  AssessmentId: z.string().min(1),
  UnitId: z.string().min(1),
  Process: optionalText,
  Hazard: optionalText,
  ConsequenceTypes: codeList(RISK_CONSEQUENCE_TYPES),
  Likelihood: level,
  Consequence: level,
  BreachOfLaw: flag,
  ExistingMeasures: optionalText,
  ResidualLikelihood: optionalLevel,
  ResidualConsequence: optionalLevel,
  ResidualAcceptable: optionalFlag,
  MeasureIds: jsonText(z.array(z.string()))
    .nullish()
    .transform((v) => v ?? []),
  DoneEnough: optionalFlag,
  ReportToKlg: optionalFlag,
  DeviationIds: jsonText(z.array(z.string()))
    .nullish()
    .transform((v) => v ?? []),
  Escalation: jsonText(z.object({ agendaItemId: z.string().min(1), committeeId: z.string().min(1), at: z.string().min(1) }))
    .nullish()
    .transform((v) => v ?? null),
  Position: z
    .number()
    .nullish()
    .transform((v) => v ?? 0),
});

export const RISK_ITEM_COLUMNS: readonly string[] = Object.keys(riskItemRow.shape);

/** Title is what a person sees in SharePoint's own views; the app reads Process and Hazard. */
export function riskItemToFields(item: RiskItem, thresholds: RiskThresholds = DEFAULT_RISK_THRESHOLDS): Fields {
  const title = [item.process, item.whatCanGoWrong].filter((s) => s.trim() !== '').join(': ') || item.id;
  return {
    RecordId: item.id,
    Title: title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title,
    AssessmentId: item.assessmentId,
    UnitId: item.unitId,
    Process: item.process,
    Hazard: item.whatCanGoWrong,
    ConsequenceTypes: joinCodes(item.consequenceTypes),
    Likelihood: item.current.likelihood,
    Consequence: item.current.consequence,
    Score: riskScore(item.current),
    BreachOfLaw: item.breachOfLaw,
    ExistingMeasures: item.existingMeasures,
    ResidualLikelihood: item.residual?.likelihood ?? null,
    ResidualConsequence: item.residual?.consequence ?? null,
    ResidualAcceptable: item.residualAcceptable,
    EscalateToKlg: mustReportToKlg(item, thresholds),
    MeasureIds: JSON.stringify(item.measureIds),
    DoneEnough: item.doneEnough,
    ReportToKlg: item.reportToKlg,
    DeviationIds: JSON.stringify(item.deviationIds),
    Escalation: item.escalation === null ? null : JSON.stringify(item.escalation),
    Position: item.position,
  };
}

export function riskItemFromFields(fields: unknown, source: RowSource): RiskItem {
  const r = readRow(riskItemRow, fields, source);
  const residual =
    r.ResidualLikelihood !== null && r.ResidualConsequence !== null ? { likelihood: r.ResidualLikelihood, consequence: r.ResidualConsequence } : null;
  return {
    id: r.RecordId,
    assessmentId: r.AssessmentId,
    unitId: r.UnitId,
    process: r.Process ?? '',
    whatCanGoWrong: r.Hazard ?? '',
    consequenceTypes: r.ConsequenceTypes,
    current: { likelihood: r.Likelihood, consequence: r.Consequence },
    breachOfLaw: r.BreachOfLaw,
    existingMeasures: r.ExistingMeasures ?? '',
    residual,
    residualAcceptable: r.ResidualAcceptable,
    measureIds: r.MeasureIds,
    doneEnough: r.DoneEnough,
    reportToKlg: r.ReportToKlg,
    deviationIds: r.DeviationIds,
    escalation: r.Escalation,
    position: r.Position,
  };
}

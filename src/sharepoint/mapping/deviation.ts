// Deviation ↔ list item fields, for the quality site's 'Avvik' and the confidential site's 'Varsler' alike.
//
// Title is the case's title. What has no column of its own and is never filtered on (history, the
// 5-whys analysis, consequenceFor, linked ids) is JSON in a note column; the cause category has its
// own choice column, for statistics.
import { z } from 'zod';
import { CASE_EVENT_TYPES, CASE_STATUSES, CAUSE_CATEGORIES, CONSEQUENCE_FOR, DEVIATION_KINDS, SEVERITIES, type CaseStatus, type Deviation, severityRank } from '../../domain/index.js';
import { type Fields, type RowSource, flag, instant, jsonText, oneOf, optionalInstant, optionalText, readRow } from './fields.js';

const caseEvent = z.object({
  type: oneOf(CASE_EVENT_TYPES),
  actorId: z.string(),
  at: z.string(),
  from: oneOf(CASE_STATUSES).nullable(),
  to: oneOf(CASE_STATUSES),
  note: z.string().optional(),
});

const analysisNote = z.object({ whys: z.array(z.string()), rootCause: z.string().nullable() });
const ids = jsonText(z.array(z.string()))
  .nullish()
  .transform((v) => v ?? []);

const deviationRow = z.object({
  RecordId: z.string().min(1),
  Title: z.string(),
  CaseNumber: z.string().min(1),
  Kind: oneOf(DEVIATION_KINDS),
  Status: oneOf(CASE_STATUSES),
  Severity: oneOf(SEVERITIES)
    .nullish()
    .transform((v) => v ?? null),
  UnitId: z.string().min(1),
  // Derived columns for queries, written on every save; read only so an update can check what it wrote.
  SectorId: optionalText,
  SeverityRank: z.number().nullish(),
  StatusRank: z.number().nullish(),
  ReporterId: z.string().min(1),
  HandlerId: optionalText,
  OccurredAt: optionalInstant,
  ReportedAt: instant,
  ClosedAt: optionalInstant,
  Location: optionalText,
  Description: optionalText,
  ImmediateAction: optionalText,
  ConsequenceFor: jsonText(z.array(oneOf(CONSEQUENCE_FOR)))
    .nullish()
    .transform((v) => v ?? []),
  HealthRelated: flag,
  Analysis: jsonText(analysisNote)
    .nullish()
    .transform((v) => v ?? { whys: [], rootCause: null }),
  CauseCategory: oneOf(CAUSE_CATEGORIES)
    .nullish()
    .transform((v) => v ?? null),
  NoMeasureReason: optionalText,
  ClosingNote: optionalText,
  History: jsonText(z.array(caseEvent))
    .nullish()
    .transform((v) => v ?? []),
  MeasureIds: ids,
  RiskItemIds: ids,
});

/** The columns a deviation is read from: `$expand=fields($select=…)`. */
export const DEVIATION_COLUMNS: readonly string[] = Object.keys(deviationRow.shape);

/**
 * What a row holds beside the case itself: the sector (kommunalsjefområde) of the case's unit, so that a
 * sector's inbox is one indexed `SectorId eq` instead of an OR over its units. Derived from the
 * organisation tree when written (the repository resolves it); null for a unit outside any sector.
 */
export interface DeviationRowContext {
  readonly sectorId: string | null;
}

/** The status's place in the lifecycle, 1 (new) to 5 (closed): what the StatusRank column sorts by. */
export const statusRank = (status: CaseStatus): number => CASE_STATUSES.indexOf(status) + 1;

export function deviationToFields(d: Deviation, row: DeviationRowContext = { sectorId: null }): Fields {
  return {
    RecordId: d.id,
    SectorId: row.sectorId,
    SeverityRank: d.severity === null ? null : severityRank(d.severity),
    StatusRank: statusRank(d.status),
    Title: d.title,
    CaseNumber: d.caseNumber,
    Kind: d.kind,
    Status: d.status,
    Severity: d.severity,
    UnitId: d.unitId,
    ReporterId: d.reporterId,
    HandlerId: d.handlerId,
    OccurredAt: d.occurredAt,
    ReportedAt: d.reportedAt,
    ClosedAt: d.closedAt,
    Location: d.location,
    Description: d.description,
    ImmediateAction: d.immediateAction,
    ConsequenceFor: JSON.stringify(d.consequenceFor),
    HealthRelated: d.healthRelated,
    Analysis: JSON.stringify({ whys: d.analysis.whys, rootCause: d.analysis.rootCause }),
    CauseCategory: d.analysis.causeCategory,
    NoMeasureReason: d.noMeasureReason,
    ClosingNote: d.closingNote,
    History: JSON.stringify(d.history),
    MeasureIds: JSON.stringify(d.measureIds),
    RiskItemIds: JSON.stringify(d.riskItemIds),
  };
}

export function deviationFromFields(fields: unknown, source: RowSource): Deviation {
  const r = readRow(deviationRow, fields, source);
  return {
    id: r.RecordId,
    caseNumber: r.CaseNumber,
    kind: r.Kind,
    title: r.Title,
    description: r.Description ?? '',
    location: r.Location,
    occurredAt: r.OccurredAt,
    reportedAt: r.ReportedAt,
    reporterId: r.ReporterId,
    unitId: r.UnitId,
    severity: r.Severity,
    consequenceFor: r.ConsequenceFor,
    immediateAction: r.ImmediateAction,
    status: r.Status,
    handlerId: r.HandlerId,
    analysis: { whys: r.Analysis.whys, rootCause: r.Analysis.rootCause, causeCategory: r.CauseCategory },
    noMeasureReason: r.NoMeasureReason,
    closingNote: r.ClosingNote,
    closedAt: r.ClosedAt,
    healthRelated: r.HealthRelated,
    measureIds: r.MeasureIds,
    riskItemIds: r.RiskItemIds,
    history: r.History,
  };
}

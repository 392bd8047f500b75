// Deviation ↔ list item fields, for the quality site's 'Avvik' and the confidential site's 'Varsler' alike.
//
// Title is the case's title. What has no column of its own and is never filtered on (history, the
// 5-whys analysis, consequenceFor, linked ids) is JSON in a note column; the cause category has its
// own choice column, for statistics.
import { z } from 'zod';
import { CASE_EVENT_TYPES, CASE_STATUSES, CAUSE_CATEGORIES, CONSEQUENCE_FOR, DEVIATION_KINDS, SEVERITIES, type CaseRow, type CaseStatus, type Deviation, severityRank } from '../../domain/index.js';
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

/** A row of 'Avvik' or 'Varsler' as the mapping reads it; the case index's feed reads a part of it (change-feeds.ts). */
export const deviationRow = z.object({
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

/** The part of a row a list of cases reads (CaseRow): no note columns, so a page of the inbox is a fraction of the bytes. */
const caseRowSchema = deviationRow.pick({ RecordId: true, Title: true, CaseNumber: true, Kind: true, Status: true, Severity: true, UnitId: true, ReporterId: true, HandlerId: true, ReportedAt: true, HealthRelated: true });
export const CASE_ROW_COLUMNS: readonly string[] = Object.keys(caseRowSchema.shape);

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
  // Every inbox page reads 50 of these: a row of the expected shape is read by hand; anything else goes through the
  // schema, which names the problem (CorruptRowError). The two must agree: deviation.test.ts checks them side by side.
  return readDeviationFast(fields) ?? readDeviationWithSchema(fields, source);
}

/** A list's row (CASE_ROW_COLUMNS, or a whole row): read by hand when plainly of its shape, else by the schema. */
export function caseRowFromFields(fields: unknown, source: RowSource): CaseRow {
  return readCaseRowFast(fields) ?? readCaseRowWithSchema(fields, source);
}

export function readCaseRowWithSchema(fields: unknown, source: RowSource): CaseRow {
  const r = readRow(caseRowSchema, fields, source);
  return {
    id: r.RecordId,
    caseNumber: r.CaseNumber,
    kind: r.Kind,
    title: r.Title,
    unitId: r.UnitId,
    severity: r.Severity,
    status: r.Status,
    reportedAt: r.ReportedAt,
    reporterId: r.ReporterId,
    handlerId: r.HandlerId,
    healthRelated: r.HealthRelated,
  };
}

/** The schema's reading of a row: the reference the fast reader must match, and the one that names what is wrong. */
export function readDeviationWithSchema(fields: unknown, source: RowSource): Deviation {
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

// ── The hand-written reader: the schema above, for rows that meet it; null for anything it would have to judge ──────

const KINDS: ReadonlySet<string> = new Set(DEVIATION_KINDS);
const STATUSES: ReadonlySet<string> = new Set(CASE_STATUSES);
const SEVERITY_SET: ReadonlySet<string> = new Set(SEVERITIES);
const CAUSES: ReadonlySet<string> = new Set(CAUSE_CATEGORIES);
const CONSEQUENCES: ReadonlySet<string> = new Set(CONSEQUENCE_FOR);
const EVENT_TYPES: ReadonlySet<string> = new Set(CASE_EVENT_TYPES);

/** Thrown inside the fast reader when a value is not plainly of its shape: the schema then decides. */
const NOT_PLAIN = Symbol('not plain');

const nonEmpty = (v: unknown): string => {
  if (typeof v !== 'string' || v.length === 0) throw NOT_PLAIN;
  return v;
};
const text = (v: unknown): string => {
  if (typeof v !== 'string') throw NOT_PLAIN;
  return v;
};
const maybeText = (v: unknown): string | null => (v === undefined || v === null ? null : text(v));
const member = <T extends string>(set: ReadonlySet<string>, v: unknown): T => {
  if (typeof v !== 'string' || !set.has(v)) throw NOT_PLAIN;
  return v as T;
};
const maybeMember = <T extends string>(set: ReadonlySet<string>, v: unknown): T | null => (v === undefined || v === null ? null : member<T>(set, v));
/** SharePoint's own form, whole seconds in UTC, on a day every month has: the Instant is the same text with `.000`. */
const PLAIN_INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;
const at = (v: unknown): string => {
  if (typeof v === 'string' && v.length === 20 && PLAIN_INSTANT.test(v)) return `${v.slice(0, 19)}.000Z`;
  const ms = Date.parse(text(v));
  if (Number.isNaN(ms)) throw NOT_PLAIN;
  return new Date(ms).toISOString();
};
const maybeAt = (v: unknown): string | null => (v === undefined || v === null ? null : at(v));
const json = (v: unknown): unknown => JSON.parse(text(v)) as unknown;
const list = <T>(v: unknown, each: (x: unknown) => T): T[] => {
  if (v === undefined || v === null) return [];
  const parsed = json(v);
  if (!Array.isArray(parsed)) throw NOT_PLAIN;
  return parsed.map(each);
};
const record = (v: unknown): Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw NOT_PLAIN;
  return v as Record<string, unknown>;
};

function caseEventOf(raw: unknown): Deviation['history'][number] {
  const e = record(raw);
  if (e.from === undefined || (e.note !== undefined && typeof e.note !== 'string')) throw NOT_PLAIN;
  const event = { type: member<Deviation['history'][number]['type']>(EVENT_TYPES, e.type), actorId: text(e.actorId), at: text(e.at), from: maybeMember<CaseStatus>(STATUSES, e.from), to: member<CaseStatus>(STATUSES, e.to) };
  return e.note === undefined ? event : { ...event, note: e.note as string };
}

const healthFlag = (v: unknown): boolean => {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw NOT_PLAIN;
  return v;
};

/** CaseRow's columns read by hand, as readDeviationFast reads them; null when the schema has to judge them. */
export function readCaseRowFast(fields: unknown): CaseRow | null {
  try {
    const f = record(fields);
    return {
      id: nonEmpty(f.RecordId),
      caseNumber: nonEmpty(f.CaseNumber),
      kind: member(KINDS, f.Kind),
      title: text(f.Title),
      unitId: nonEmpty(f.UnitId),
      severity: maybeMember(SEVERITY_SET, f.Severity),
      status: member(STATUSES, f.Status),
      reportedAt: at(f.ReportedAt),
      reporterId: nonEmpty(f.ReporterId),
      handlerId: maybeText(f.HandlerId),
      healthRelated: healthFlag(f.HealthRelated),
    };
  } catch {
    return null;
  }
}

/** The row read by hand when it plainly has the schema's shape; null when the schema has to judge it. */
export function readDeviationFast(fields: unknown): Deviation | null {
  try {
    const f = record(fields);
    // Read only to check, as the schema does.
    maybeText(f.SectorId);
    for (const rank of [f.SeverityRank, f.StatusRank]) if (rank !== undefined && rank !== null && typeof rank !== 'number') throw NOT_PLAIN;
    const analysis = f.Analysis === undefined || f.Analysis === null ? { whys: [], rootCause: null } : record(json(f.Analysis));
    const whys = analysis.whys;
    if (!Array.isArray(whys) || (analysis.rootCause !== null && typeof analysis.rootCause !== 'string')) throw NOT_PLAIN;
    return {
      id: nonEmpty(f.RecordId),
      caseNumber: nonEmpty(f.CaseNumber),
      kind: member(KINDS, f.Kind),
      title: text(f.Title),
      description: maybeText(f.Description) ?? '',
      location: maybeText(f.Location),
      occurredAt: maybeAt(f.OccurredAt),
      reportedAt: at(f.ReportedAt),
      reporterId: nonEmpty(f.ReporterId),
      unitId: nonEmpty(f.UnitId),
      severity: maybeMember(SEVERITY_SET, f.Severity),
      consequenceFor: list(f.ConsequenceFor, (x) => member(CONSEQUENCES, x)),
      immediateAction: maybeText(f.ImmediateAction),
      status: member(STATUSES, f.Status),
      handlerId: maybeText(f.HandlerId),
      analysis: { whys: whys.map(text), rootCause: analysis.rootCause as string | null, causeCategory: maybeMember(CAUSES, f.CauseCategory) },
      noMeasureReason: maybeText(f.NoMeasureReason),
      closingNote: maybeText(f.ClosingNote),
      closedAt: maybeAt(f.ClosedAt),
      healthRelated: healthFlag(f.HealthRelated),
      measureIds: list(f.MeasureIds, text),
      riskItemIds: list(f.RiskItemIds, text),
      history: list(f.History, caseEventOf),
    };
  } catch {
    // NOT_PLAIN, or JSON that does not parse: the schema reads it and says what is wrong.
    return null;
  }
}

// ProcedureDocument ↔ the metadata of the 'Prosedyrer' and 'Styringsdokumenter' libraries (issue 8), and the rows of
// 'Leseliste', 'Lesebekreftelser', 'Lesevarsler' and 'Egenvurderinger'.
//
// Rows written before issue 8 (the demo's first seed) lack the workflow's columns: they read with defaults (the owner
// unit as the only unit it applies to, no history), never as corrupt rows.
import { z } from 'zod';
import {
  type ApprovalRecord,
  type DocumentKind,
  type DocumentSelfAssessment,
  type ProcedureDocument,
  ROLES,
  type ReviewRecord,
} from '../../domain/index.js';
import type { ApprovalCardRef, DigestRun, ReadingConfirmationRecord, ReadingEntry } from '../../app/ports/index.js';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../schema/lists.js';
import { type Fields, type RowSource, calendarDate, codeList, flag, instant, joinCodes, jsonText, oneOf, optionalInstant, optionalText, readRow } from './fields.js';

const LEVELS = ['municipality', 'sector', 'unit', 'service'] as const;
const ids = z.array(z.string().min(1).max(100)).max(100);
const optionalDate = calendarDate.nullish().transform((v) => v ?? null);
const jsonOr = <S extends z.ZodType>(schema: S, fallback: z.output<S>) =>
  jsonText(schema)
    .nullish()
    .transform((v) => (v ?? fallback) as z.output<S>);

const approvalRecord = z.object({
  submittedVersion: z.string(),
  publishedVersion: z.string().nullable(),
  outcome: z.enum(['approved', 'rejected']),
  byId: z.string(),
  at: z.string(),
  comment: z.string().nullable(),
  submittedById: z.string(),
  submittedAt: z.string(),
  substantive: z.boolean(),
  changeNote: z.string().nullable(),
});

const reviewRecord = z.object({
  outcome: z.enum(['unchanged', 'revise', 'archive']),
  byId: z.string(),
  at: z.string(),
  comment: z.string().nullable(),
  nextReviewDate: z.string().nullable(),
});

const documentRow = z.object({
  RecordId: z.string().min(1),
  Title: z.string().min(1),
  FileLeafRef: z.string().nullish().transform((v) => v ?? ''),
  DocumentType: oneOf(DOCUMENT_TYPES).nullish().transform((v) => v ?? null),
  OwnerUnitId: z.string().min(1),
  Level: oneOf(LEVELS).nullish().transform((v) => v ?? null),
  OwnerArea: optionalText,
  ReviewerId: z.string().min(1),
  Status: oneOf(DOCUMENT_STATUSES),
  ApproverId: optionalText,
  ApprovedAt: optionalInstant,
  ApprovedVersion: optionalText,
  NextReviewDate: optionalDate,
  Roles: codeList(ROLES),
  AppliesToUnitIds: jsonOr(ids, [] as string[]),
  Description: optionalText,
  Keywords: jsonOr(z.array(z.string()).max(50), [] as string[]),
  RelatedRiskItemIds: jsonOr(ids, [] as string[]),
  DriveItemId: optionalText,
  LatestVersion: optionalText,
  CreatedById: optionalText,
  ReadingVersion: optionalText,
  SubmittedVersion: optionalText,
  SubmittedById: optionalText,
  SubmittedAt: optionalInstant,
  Substantive: flag,
  ChangeNote: optionalText,
  LastReviewedOn: optionalDate,
  ApprovalHistory: jsonOr(z.array(approvalRecord), [] as z.output<typeof approvalRecord>[]),
  ReviewHistory: jsonOr(z.array(reviewRecord), [] as z.output<typeof reviewRecord>[]),
});

export const PROCEDURE_DOCUMENT_COLUMNS: readonly string[] = Object.keys(documentRow.shape);

/** The metadata Varde writes (not FileLeafRef: the file's name is the file's, set by the upload). */
export function procedureDocumentToFields(d: ProcedureDocument): Fields {
  return {
    RecordId: d.id,
    Title: d.title,
    DocumentType: d.documentType,
    OwnerUnitId: d.ownerUnitId,
    Level: d.level,
    OwnerArea: d.ownerArea,
    ReviewerId: d.reviewerId,
    Status: d.status,
    ApproverId: d.approvedById,
    ApprovedAt: d.approvedAt,
    ApprovedVersion: d.approvedVersion,
    // The major number, for the pre-issue-8 column and for SharePoint's own views.
    DocVersion: d.approvedVersion === null ? 0 : Number(d.approvedVersion.split('.')[0]),
    NextReviewDate: d.nextReviewDate,
    Roles: joinCodes(d.appliesToRoles),
    AppliesToUnitIds: JSON.stringify(d.appliesToUnitIds),
    Description: d.description === '' ? null : d.description,
    Keywords: d.keywords.length === 0 ? null : JSON.stringify(d.keywords),
    RelatedRiskItemIds: d.relatedRiskItemIds.length === 0 ? null : JSON.stringify(d.relatedRiskItemIds),
    DriveItemId: d.driveItemId === '' ? null : d.driveItemId,
    LatestVersion: d.latestVersion === '' ? null : d.latestVersion,
    CreatedById: d.createdById,
    ReadingVersion: d.readingVersion,
    SubmittedVersion: d.pending?.version ?? null,
    SubmittedById: d.pending?.submittedById ?? null,
    SubmittedAt: d.pending?.submittedAt ?? null,
    Substantive: d.pending?.substantive ?? false,
    ChangeNote: d.pending?.changeNote ?? null,
    LastReviewedOn: d.lastReviewedOn,
    ApprovalHistory: d.approvals.length === 0 ? null : JSON.stringify(d.approvals),
    ReviewHistory: d.reviews.length === 0 ? null : JSON.stringify(d.reviews),
  };
}

/** The kind comes from the library the item was read from. */
export function procedureDocumentFromFields(fields: unknown, source: RowSource, kind: DocumentKind): ProcedureDocument {
  const r = readRow(documentRow, fields, source);
  const documentType = kind === 'procedure' ? 'procedure' : r.DocumentType === null || r.DocumentType === 'procedure' ? 'guideline' : r.DocumentType;
  const pending =
    r.Status === 'awaitingApproval' && r.SubmittedVersion !== null && r.SubmittedById !== null && r.SubmittedAt !== null
      ? { version: r.SubmittedVersion, submittedById: r.SubmittedById, submittedAt: r.SubmittedAt, substantive: r.Substantive, changeNote: r.ChangeNote }
      : null;
  return {
    id: r.RecordId,
    kind,
    documentType,
    title: r.Title,
    description: r.Description ?? '',
    keywords: r.Keywords,
    ownerUnitId: r.OwnerUnitId,
    level: r.Level ?? 'unit',
    ownerArea: r.OwnerArea,
    reviewerId: r.ReviewerId,
    appliesToUnitIds: r.AppliesToUnitIds.length > 0 ? r.AppliesToUnitIds : [r.OwnerUnitId],
    appliesToRoles: r.Roles,
    relatedRiskItemIds: r.RelatedRiskItemIds,
    status: r.Status,
    fileName: r.FileLeafRef,
    driveItemId: r.DriveItemId ?? '',
    latestVersion: r.LatestVersion ?? r.ApprovedVersion ?? '',
    approvedVersion: r.ApprovedVersion,
    approvedAt: r.ApprovedAt,
    approvedById: r.ApprovedVersion === null ? null : r.ApproverId,
    readingVersion: r.ReadingVersion ?? r.ApprovedVersion,
    nextReviewDate: r.NextReviewDate,
    lastReviewedOn: r.LastReviewedOn,
    pending,
    approvals: r.ApprovalHistory as ApprovalRecord[],
    reviews: r.ReviewHistory as ReviewRecord[],
    createdById: r.CreatedById,
  };
}

// ── Approval cards ──────────────────────────────────────────────────────────────────────────────────────────────

const cardRefs = z.array(z.object({ personId: z.string(), conversationId: z.string(), activityId: z.string(), serviceUrl: z.string().optional() }));

export function approvalCardsFromFields(fields: Record<string, unknown>): ApprovalCardRef[] {
  const parsed = jsonOr(cardRefs, []).safeParse(fields.ApprovalCards);
  return parsed.success ? parsed.data : [];
}

// ── Reading list ─────────────────────────────────────────────────────────────────────────────────────────────────

export const entryKey = (e: { documentId: string; version: string; personId: string }) => `${e.documentId}|${e.version}|${e.personId}`;

const entryRow = z.object({
  EntryKey: z.string().min(1),
  DocumentId: z.string().min(1),
  Version: z.string().min(1),
  PersonId: z.string().min(1),
  UnitId: optionalText,
  AssignedAt: instant,
  Reason: z.enum(['approved', 'newEmployee']).nullish().transform((v) => v ?? 'approved'),
});

export const READING_ENTRY_COLUMNS: readonly string[] = Object.keys(entryRow.shape);

export function readingEntryToFields(e: ReadingEntry): Fields {
  return { DocumentId: e.documentId, Version: e.version, PersonId: e.personId, UnitId: e.unitId, AssignedAt: e.assignedAt, Reason: e.reason };
}

export function readingEntryFromFields(fields: unknown, source: RowSource): ReadingEntry {
  const r = readRow(entryRow, fields, source);
  return { documentId: r.DocumentId, version: r.Version, personId: r.PersonId, unitId: r.UnitId, assignedAt: r.AssignedAt, reason: r.Reason };
}

const confirmationRow = z.object({
  DocumentId: z.string().min(1),
  Version: z.string().min(1),
  PersonId: z.string().min(1),
  UnitId: optionalText,
  ConfirmedAt: instant,
});

export const READING_CONFIRMATION_COLUMNS: readonly string[] = [...Object.keys(confirmationRow.shape), 'ConfirmationKey'];

export function readingConfirmationToFields(c: ReadingConfirmationRecord): Fields {
  return { DocumentId: c.documentId, Version: c.version, PersonId: c.personId, UnitId: c.unitId, ConfirmedAt: c.confirmedAt };
}

export function readingConfirmationFromFields(fields: unknown, source: RowSource): ReadingConfirmationRecord {
  const r = readRow(confirmationRow, fields, source);
  return { documentId: r.DocumentId, version: r.Version, personId: r.PersonId, unitId: r.UnitId, confirmedAt: r.ConfirmedAt };
}

// ── Digest runs ──────────────────────────────────────────────────────────────────────────────────────────────────

const digestRow = z.object({
  RunKey: z.string().min(1),
  Cutoff: instant,
  StartedAt: optionalInstant,
  CompletedAt: optionalInstant,
  SentThrough: optionalText,
  Sent: z.number().nullish().transform((v) => v ?? 0),
});

export const DIGEST_RUN_COLUMNS: readonly string[] = Object.keys(digestRow.shape);

export function digestRunToFields(run: DigestRun): Fields {
  return { RunKey: run.key, Cutoff: run.cutoff, StartedAt: run.startedAt, CompletedAt: run.completedAt, SentThrough: run.sentThrough, Sent: run.sent };
}

export function digestRunFromFields(fields: unknown, source: RowSource): DigestRun {
  const r = readRow(digestRow, fields, source);
  return { key: r.RunKey, cutoff: r.Cutoff, startedAt: r.StartedAt ?? r.Cutoff, completedAt: r.CompletedAt, sentThrough: r.SentThrough, sent: r.Sent };
}

// ── Self-assessments ─────────────────────────────────────────────────────────────────────────────────────────────

const ANSWERS = ['yes', 'partly', 'no', 'notApplicable'] as const;
const QUESTIONS = ['known', 'followed', 'lawful', 'responsibilities', 'current', 'goalsMet'] as const;

const selfAssessmentRow = z.object({
  RecordId: z.string().min(1),
  DocumentId: z.string().min(1),
  Year: z.number().int(),
  OwnerArea: optionalText,
  AssessedById: z.string().min(1),
  AssessedOn: calendarDate,
  Answers: jsonOr(z.partialRecord(z.enum(QUESTIONS), z.enum(ANSWERS)), {}),
  Outcome: z.enum(['adequate', 'needsRevision', 'obsolete']),
  Comment: optionalText,
  MeasureIds: jsonOr(ids, [] as string[]),
});

export const SELF_ASSESSMENT_COLUMNS: readonly string[] = Object.keys(selfAssessmentRow.shape);

export const selfAssessmentYearKey = (documentId: string, year: number) => `${documentId}|${year}`;

export function selfAssessmentToFields(a: DocumentSelfAssessment): Fields {
  return {
    RecordId: a.id,
    YearKey: selfAssessmentYearKey(a.documentId, a.year),
    DocumentId: a.documentId,
    Year: a.year,
    OwnerArea: a.ownerArea,
    AssessedById: a.assessedById,
    AssessedOn: a.assessedOn,
    Answers: JSON.stringify(a.answers),
    Outcome: a.outcome,
    Comment: a.comment === '' ? null : a.comment,
    MeasureIds: a.measureIds.length === 0 ? null : JSON.stringify(a.measureIds),
  };
}

export function selfAssessmentFromFields(fields: unknown, source: RowSource): DocumentSelfAssessment {
  const r = readRow(selfAssessmentRow, fields, source);
  return {
    id: r.RecordId,
    documentId: r.DocumentId,
    year: r.Year,
    ownerArea: r.OwnerArea,
    assessedById: r.AssessedById,
    assessedOn: r.AssessedOn,
    answers: r.Answers,
    outcome: r.Outcome,
    comment: r.Comment ?? '',
    measureIds: r.MeasureIds,
  };
}

// Procedures and governing documents at work: who writes, approves, reviews and reads them, version by version (issue 8).
//
// Seed 001 (appendix 3): a procedure is approved at the level it applies to — the kommunalsjef for the whole sector,
// the virksomhetsleder for the unit, the tjenesteleder for the service — so the approver is the leader (or deputy) of
// the owner unit and nobody else, not even the line above (a kommunalsjef does not approve a unit's own routine: the
// unit leader owns it). Each document has a named reviewer (revisjonsansvarlig) who at least once a year decides to
// keep, revise or delete it, and employees read new ones on their reading list. Versions carry SharePoint's labels:
// drafts are minor versions ('0.1', '1.1'), approval publishes the next major ('1.0', '2.0').
//
// Pure rules; the errors are this module's own (code + bokmål message), apart from the shared DomainErrorCode list.

import type { DocumentKind, DocumentStatus, GoverningDocumentType } from './procedure.js';
import { nextReviewDateAfter } from './procedure.js';
import { isWithin, leads, sectorOf, unitChain, type OrgLevel, type OrgUnits } from './organisation.js';
import { toOsloDate, type CalendarDate, type Instant } from './oslo-time.js';
import { hasRole, type Person, type Role } from './person.js';

/** SharePoint's version label: 'major.minor' ('0.1' a draft, '1.0' published); rules in procedure-versions.ts. */
export type VersionLabel = string;

/** 'procedure' for procedures; the governing type for governing documents. */
export type ProcedureDocumentType = 'procedure' | GoverningDocumentType;

export interface PendingApproval {
  readonly version: VersionLabel;
  readonly submittedById: string;
  readonly submittedAt: Instant;
  /** Changed in substance: approval puts it on the reading lists. */
  readonly substantive: boolean;
  readonly changeNote: string | null;
}

/** Who approved or rejected which version, and when (issue 8: "history shows who approved which version when"). */
export interface ApprovalRecord {
  readonly submittedVersion: VersionLabel;
  /** The major version the approval published; null for a rejection. */
  readonly publishedVersion: VersionLabel | null;
  readonly outcome: 'approved' | 'rejected';
  readonly byId: string;
  readonly at: Instant;
  readonly comment: string | null;
  readonly submittedById: string;
  readonly submittedAt: Instant;
  readonly substantive: boolean;
  readonly changeNote: string | null;
}

export type ReviewOutcome = 'unchanged' | 'revise' | 'archive';

export interface ReviewRecord {
  readonly outcome: ReviewOutcome;
  readonly byId: string;
  readonly at: Instant;
  readonly comment: string | null;
  /** For 'unchanged': the review date it set. */
  readonly nextReviewDate: CalendarDate | null;
}

/** A procedure or governing document with everything the workflow keeps about it (the file itself is in the library). */
export interface ProcedureDocument {
  readonly id: string;
  readonly kind: DocumentKind;
  readonly documentType: ProcedureDocumentType;
  readonly title: string;
  readonly description: string;
  readonly keywords: readonly string[];
  /** The unit that owns it; its leader approves it and its level is the document's level. */
  readonly ownerUnitId: string;
  readonly level: OrgLevel;
  readonly ownerArea: string | null;
  readonly reviewerId: string;
  /** Each with everything below it. */
  readonly appliesToUnitIds: readonly string[];
  /** Empty: everyone in those units. */
  readonly appliesToRoles: readonly Role[];
  readonly relatedRiskItemIds: readonly string[];
  readonly status: DocumentStatus;
  readonly fileName: string;
  readonly driveItemId: string;
  /** The newest file version's label. */
  readonly latestVersion: VersionLabel;
  /** The version in force, null before the first approval. */
  readonly approvedVersion: VersionLabel | null;
  readonly approvedAt: Instant | null;
  readonly approvedById: string | null;
  /** The last substantively changed approved version: reading it (or a later one) is what counts. */
  readonly readingVersion: VersionLabel | null;
  readonly nextReviewDate: CalendarDate | null;
  readonly lastReviewedOn: CalendarDate | null;
  readonly pending: PendingApproval | null;
  /** Newest first. */
  readonly approvals: readonly ApprovalRecord[];
  /** Newest first. */
  readonly reviews: readonly ReviewRecord[];
  readonly createdById: string | null;
}

export type ProcedureErrorCode =
  | 'procedure.forbidden'
  | 'procedure.wrongApprover'
  | 'procedure.noApprover'
  | 'procedure.invalidState'
  | 'procedure.versionChanged'
  | 'procedure.commentMissing'
  | 'procedure.supersededVersion'
  | 'procedure.notApproved';

export interface ProcedureError {
  readonly code: ProcedureErrorCode;
  /** Bokmål, for people. */
  readonly message: string;
}

export type ProcedureResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ProcedureError };

const MESSAGES: Readonly<Record<ProcedureErrorCode, string>> = {
  'procedure.forbidden': 'Du har ikke tilgang til å gjøre dette med dokumentet.',
  'procedure.wrongApprover': 'Dokumentet godkjennes av lederen på nivået det gjelder for (eierenheten), ikke av deg.',
  'procedure.noApprover': 'Eierenheten har ingen leder som kan godkjenne dokumentet. Be HR eller kvalitetsrådgiveren rette dette.',
  'procedure.invalidState': 'Dokumentet har en status som ikke tillater dette nå.',
  'procedure.versionChanged': 'Dokumentet er endret etter at det ble sendt til godkjenning. Send det på nytt.',
  'procedure.commentMissing': 'Skriv en kommentar.',
  'procedure.supersededVersion': 'Denne versjonen er erstattet av en nyere. Les den nye versjonen og bekreft den.',
  'procedure.notApproved': 'Dokumentet har ingen godkjent versjon ennå.',
};

const ok = <T>(value: T): ProcedureResult<T> => ({ ok: true, value });
export const procedureError = <T = never>(code: ProcedureErrorCode): ProcedureResult<T> => ({ ok: false, error: { code, message: MESSAGES[code] } });

// ── Who may do what ──────────────────────────────────────────────────────────────────────────────────────────────

/** The leader and deputy of the owner unit: the one level that approves (seed 001, appendix 3). */
export function procedureApproverIds(doc: Pick<ProcedureDocument, 'ownerUnitId'>, units: OrgUnits): string[] {
  const unit = units.get(doc.ownerUnitId);
  if (!unit) return [];
  return unit.deputyLeaderId ? [unit.leaderId, unit.deputyLeaderId] : [unit.leaderId];
}

export const mayApprove = (personId: string, doc: Pick<ProcedureDocument, 'ownerUnitId'>, units: OrgUnits): boolean => procedureApproverIds(doc, units).includes(personId);

/**
 * Who may write documents for a unit: its leaders and the line above (they may write for a unit below them; the
 * unit's own leader still approves), quality advisers (all units), and quality coordinators within their sector.
 */
export function mayWriteFor(person: Person, ownerUnitId: string, units: OrgUnits): boolean {
  if (!units.has(ownerUnitId)) return false;
  if (hasRole(person, 'qualityAdviser')) return true;
  if (unitChain(ownerUnitId, units).some((u) => leads(person.id, u))) return true;
  if (hasRole(person, 'qualityCoordinator')) {
    const sector = sectorOf(person.unitId, units);
    return sector !== undefined && isWithin(ownerUnitId, sector.id, units);
  }
  return false;
}

/** Editors: those who may write for the owner unit, the reviewer, and whoever created it. */
export function mayEdit(person: Person, doc: ProcedureDocument, units: OrgUnits): boolean {
  return doc.reviewerId === person.id || doc.createdById === person.id || mayWriteFor(person, doc.ownerUnitId, units);
}

/** The reviewer, or the owner unit's leader or deputy (who stands in when the reviewer has left). */
export function mayReview(person: Person, doc: ProcedureDocument, units: OrgUnits): boolean {
  if (doc.reviewerId === person.id) return true;
  const unit = units.get(doc.ownerUnitId);
  return unit !== undefined && leads(person.id, unit);
}

/** An approved version in force is for everyone to read; drafts, pending and archived documents only for editors and approvers. */
export function mayView(person: Person, doc: ProcedureDocument, units: OrgUnits): boolean {
  if (isInForce(doc)) return true;
  return mayEdit(person, doc, units) || mayApprove(person.id, doc, units);
}

/** May see the working copy (every version, the newest draft): editors and approvers. */
export function mayViewDrafts(person: Person, doc: ProcedureDocument, units: OrgUnits): boolean {
  return mayEdit(person, doc, units) || mayApprove(person.id, doc, units);
}

export const isInForce = (doc: Pick<ProcedureDocument, 'approvedVersion' | 'status'>): boolean => doc.approvedVersion !== null && doc.status !== 'archived';

/** Whether a document applies to a person: their unit within one of its units, and one of its roles if it names any. */
export function appliesToPerson(doc: Pick<ProcedureDocument, 'appliesToUnitIds' | 'appliesToRoles'>, person: Person, units: OrgUnits): boolean {
  if (!doc.appliesToUnitIds.some((u) => isWithin(person.unitId, u, units))) return false;
  return doc.appliesToRoles.length === 0 || doc.appliesToRoles.some((r) => hasRole(person, r));
}

// ── Steps ────────────────────────────────────────────────────────────────────────────────────────────────────────

/** A new upload: a new draft version; the approved version stays in force until the next approval. */
export function withNewDraft(doc: ProcedureDocument, latestVersion: VersionLabel): ProcedureResult<ProcedureDocument> {
  if (doc.status === 'awaitingApproval' || doc.status === 'archived') return procedureError('procedure.invalidState');
  return ok({ ...doc, status: 'draft', latestVersion });
}

export interface SubmitInput {
  readonly substantive: boolean;
  readonly changeNote: string | null;
}

/** Sends the newest draft to the approver. A first version is always substantive: nobody has read it. */
export function submitForApproval(doc: ProcedureDocument, actorId: string, input: SubmitInput, units: OrgUnits, now: Date): ProcedureResult<ProcedureDocument> {
  if (doc.status !== 'draft') return procedureError('procedure.invalidState');
  if (procedureApproverIds(doc, units).length === 0) return procedureError('procedure.noApprover');
  const pending: PendingApproval = {
    version: doc.latestVersion,
    submittedById: actorId,
    submittedAt: now.toISOString(),
    substantive: doc.approvedVersion === null ? true : input.substantive,
    changeNote: input.changeNote,
  };
  return ok({ ...doc, status: 'awaitingApproval', pending });
}

/** Before publishing: the right approver and state, and the draft still the one sent. */
export function checkApproval(doc: ProcedureDocument, actorId: string, units: OrgUnits): ProcedureResult<PendingApproval> {
  if (!mayApprove(actorId, doc, units)) return procedureError('procedure.wrongApprover');
  if (doc.status !== 'awaitingApproval' || doc.pending === null) return procedureError('procedure.invalidState');
  if (doc.pending.version !== doc.latestVersion) return procedureError('procedure.versionChanged');
  return ok(doc.pending);
}

/** Approved: `publishedVersion` is the major version publishing made; the next review a year from today (Oslo). */
export function approveDocument(doc: ProcedureDocument, actorId: string, publishedVersion: VersionLabel, comment: string | null, units: OrgUnits, now: Date): ProcedureResult<ProcedureDocument> {
  const checked = checkApproval(doc, actorId, units);
  if (!checked.ok) return checked;
  const pending = checked.value;
  const at = now.toISOString();
  const record: ApprovalRecord = {
    submittedVersion: pending.version,
    publishedVersion,
    outcome: 'approved',
    byId: actorId,
    at,
    comment,
    submittedById: pending.submittedById,
    submittedAt: pending.submittedAt,
    substantive: pending.substantive,
    changeNote: pending.changeNote,
  };
  return ok({
    ...doc,
    status: 'approved',
    latestVersion: publishedVersion,
    approvedVersion: publishedVersion,
    approvedAt: at,
    approvedById: actorId,
    readingVersion: pending.substantive || doc.readingVersion === null ? publishedVersion : doc.readingVersion,
    nextReviewDate: nextReviewDateAfter(toOsloDate(now)),
    pending: null,
    approvals: [record, ...doc.approvals],
  });
}

/** Rejected with a comment: back to draft for the writer to revise. */
export function rejectDocument(doc: ProcedureDocument, actorId: string, comment: string, units: OrgUnits, now: Date): ProcedureResult<ProcedureDocument> {
  if (!mayApprove(actorId, doc, units)) return procedureError('procedure.wrongApprover');
  if (doc.status !== 'awaitingApproval' || doc.pending === null) return procedureError('procedure.invalidState');
  if (comment.trim() === '') return procedureError('procedure.commentMissing');
  const pending = doc.pending;
  const record: ApprovalRecord = {
    submittedVersion: pending.version,
    publishedVersion: null,
    outcome: 'rejected',
    byId: actorId,
    at: now.toISOString(),
    comment: comment.trim(),
    submittedById: pending.submittedById,
    submittedAt: pending.submittedAt,
    substantive: pending.substantive,
    changeNote: pending.changeNote,
  };
  return ok({ ...doc, status: 'draft', pending: null, approvals: [record, ...doc.approvals] });
}

/**
 * The reviewer's yearly decision (seed 001: "minst en gang per år om prosedyren skal slettes eller revideres"):
 * unchanged sets the next review a year from today; revise opens the document for a new version (the approved one
 * stays in force); archive withdraws it (also a draft never approved).
 */
export function reviewDocument(doc: ProcedureDocument, person: Person, outcome: ReviewOutcome, comment: string | null, units: OrgUnits, now: Date): ProcedureResult<ProcedureDocument> {
  if (!mayReview(person, doc, units)) return procedureError('procedure.forbidden');
  const today = toOsloDate(now);
  const record = (next: CalendarDate | null): ReviewRecord => ({ outcome, byId: person.id, at: now.toISOString(), comment, nextReviewDate: next });
  switch (outcome) {
    case 'unchanged': {
      if (doc.status !== 'approved') return procedureError('procedure.invalidState');
      const next = nextReviewDateAfter(today);
      return ok({ ...doc, nextReviewDate: next, lastReviewedOn: today, reviews: [record(next), ...doc.reviews] });
    }
    case 'revise':
      if (doc.status !== 'approved') return procedureError('procedure.invalidState');
      return ok({ ...doc, status: 'draft', lastReviewedOn: today, reviews: [record(null), ...doc.reviews] });
    case 'archive':
      if (doc.status === 'archived' || doc.status === 'awaitingApproval') return procedureError('procedure.invalidState');
      if (comment === null || comment.trim() === '') return procedureError('procedure.commentMissing');
      return ok({ ...doc, status: 'archived', lastReviewedOn: today, reviews: [record(null), ...doc.reviews] });
  }
}

// The JSON of procedures and governing documents under /api/* (issue 8): library metadata, upload, approval, yearly
// review, reading lists, search and the yearly self-assessment. Types only; the tab imports them with `import type`.
//
// Change log (additive only once published; newest first):
//   v1.1  GET /api/dashboard's DashboardView has `overdueReviews?: number` (contract.ts).
//         GET /api/procedures/reviews/due takes withinDays up to 730 (was 365: a document just approved is due in
//         365 or 366 days). Links in the bot's cards open the tab at /prosedyrer/{id}, /prosedyrer?q=… and /leseliste.
//   v1    first version.
//
// Import these types from contract.ts (it re-exports this file) or from here; the layer test allows both for tab/.
//
// Conventions shared with contract.ts: every error is `ApiError` ({ error: { code, message (bokmål), details? } });
// dates are 'YYYY-MM-DD' in Oslo, instants ISO UTC; ids are the app's ids (letters, digits, dashes); every write that
// changes a document takes the document's `etag` and answers with the document as it is after the write (a new etag);
// a stale etag is 409 'conflict' with `current` (a DocumentDetail) in the error — see `DocumentConflictError`.
//
// Error codes beyond contract.ts's (status, code):
//   400 'invalidRequest'      a field is wrong (details per field, in bokmål)
//   413 'fileTooLarge'        the file is over the limit (`maxBytes` in the error; VARDE_FILE_MAX_MB, default 25 MB)
//   415 'unsupportedFileType' not a .docx or .pdf by its content (the name's extension alone does not count)
//   409 'duplicateName'       a document with that file name already exists in the library (`existingId` when visible)
//   409 'conflict'            stale etag (`current`), or a second self-assessment for the same document and year
//   409 'invalidState'        the step does not fit the document's status (approve a draft, submit an archived one …)
//   409 'supersededVersion'   a reading confirmation for a version that is no longer the approved one (`currentVersion`)
//   403 'forbidden'           not allowed (edit, review, coverage of units one does not lead …)
//   403 'wrongApprover'       approving or rejecting when one is not the leader (or deputy) at the document's level
//   404 'notFound'            no such document, or one the viewer may not see (drafts are for their editors only)
//   503 'unavailable'         SharePoint does not answer, or the search index is still loading

import type { GoverningDocumentType, MeasureStatus, OrgLevel, Role } from '../../domain/index.js';
import type { PersonRef } from './contract.js';

// ---- metadata ------------------------------------------------------------------------------------------------------

/** procedure = prosedyre/rutine (library 'Prosedyrer'); governingDocument = styringsdokument ('Styringsdokumenter'). */
export type DocumentKindDto = 'procedure' | 'governingDocument';

/** 'procedure' for procedures; a governing document's own type (reglement, strategi, plan, retningslinje, rutine, melding). */
export type DocumentTypeDto = 'procedure' | GoverningDocumentType;

/**
 * draft: being written (also after a rejection; an approved version may still be in force, see `approvedVersion`);
 * awaitingApproval: sent to the approver; approved: the newest version is approved and published; archived: withdrawn
 * (no longer in force, kept for the record; not on reading lists, not in search unless `status=archived`).
 */
export type DocumentStatusDto = 'draft' | 'awaitingApproval' | 'approved' | 'archived';

/** Version labels as SharePoint shows them: '0.1', '0.2' (drafts), '1.0' (approved = published major), '1.1' … */
export type VersionLabel = string;

/**
 * What a writer fills in (POST /api/procedures `metadata`, PATCH /api/procedures/:id). The approver is not chosen: it
 * is the leader (or deputy) of `ownerUnitId`, whose level is the document's level (seed 001: approved at the level it
 * applies to — kommunalsjef for the sector, virksomhetsleder for the unit, tjenesteleder for the service).
 */
export interface DocumentMetadataInput {
  kind: DocumentKindDto;
  /** 1–255 characters. */
  title: string;
  /** 0–4,000 characters: what it covers, shown in search and on cards. */
  description?: string;
  /** Required for kind 'governingDocument' (regulation, strategy …); must be absent or 'procedure' for procedures. */
  documentType?: DocumentTypeDto;
  /** The unit that owns it and whose leader approves it; its level is the document's level. */
  ownerUnitId: string;
  /** Owner area in the self-assessment of overarching documents (e.g. 'ØV', 'OU'); governing documents; ≤ 20 chars. */
  ownerArea?: string | null;
  /** Revisjonsansvarlig: a person of the organisation. */
  reviewerId: string;
  /** Units it applies to (each with everything below it); 1–10; default: [ownerUnitId]. */
  appliesToUnitIds?: string[];
  /** Roles it applies to within those units; empty or absent = everyone there. */
  appliesToRoles?: Role[];
  /** Ids of related risk items (ROS rows), 0–20. */
  relatedRiskItemIds?: string[];
  /** Search words (emneord), 0–20, each ≤ 40 chars. */
  keywords?: string[];
}

/** PATCH /api/procedures/:id — every field optional but `etag`; only while the document is 'draft' (409 'invalidState' otherwise). `kind` cannot change. */
export type DocumentMetadataPatch = { etag: string } & Partial<Omit<DocumentMetadataInput, 'kind'>>;

// ---- documents -----------------------------------------------------------------------------------------------------

/**
 * GET /api/procedures — search and lists. Query string (all optional):
 *   q: words (≤ 200 chars) matched against title, description, keywords, metadata (type, unit and area names, roles)
 *      and the text of .docx files (PDF: title and metadata only). Best match first when q is given.
 *   kind=procedure|governingDocument (default both)
 *   status: comma-separated DocumentStatusDto (default: approved and, for what the viewer may edit, drafts too;
 *           archived only when asked for)
 *   documentType: comma-separated DocumentTypeDto
 *   unitId: documents that apply to this unit (owned by it, by a unit above it that applies to it, or naming it)
 *   appliesToMe=true: what applies to the viewer (their unit and roles)
 *   mine=review|approve|own: documents I review / must approve (awaiting my approval) / own (leader of owner unit)
 *   reviewDue=true: approved documents whose next review date is today or passed
 *   sort=relevance|title|-updated|nextReview (default relevance with q, else title)
 *   pageSize (1–100, default 25), continuation (opaque, from the previous page)
 * Drafts and documents awaiting approval are visible only to their editors (owner unit's leader and deputy, the
 * reviewer, the one who uploaded, quality advisers) and the approver; everyone sees approved documents.
 */
export interface DocumentPage {
  items: DocumentSummary[];
  continuation: string | null;
  /** How many match in all. */
  total: number;
  /** When the search index behind this was last in step with the libraries. */
  asOf: string | null;
}

export interface DocumentSummary {
  id: string;
  kind: DocumentKindDto;
  documentType: DocumentTypeDto;
  title: string;
  description: string;
  fileName: string;
  ownerUnitId: string;
  ownerUnitName: string;
  level: OrgLevel;
  status: DocumentStatusDto;
  /** The version in force ('2.0'), null when none was ever approved. */
  approvedVersion: VersionLabel | null;
  approvedAt: string | null;
  nextReviewDate: string | null;
  /** nextReviewDate has passed (Oslo) for an approved document. */
  reviewOverdue: boolean;
  /** With q: a short piece of the matching text (plain text, no markup), else null. */
  snippet: string | null;
  /** With q: where it matched. */
  matchedIn?: ('title' | 'description' | 'keywords' | 'metadata' | 'text')[];
}

/** One approval or rejection, newest first in `approvals`. */
export interface ApprovalEntry {
  /** The version decided on: the draft's label when sent, and the published major on approval ('0.3' → '1.0'). */
  submittedVersion: VersionLabel;
  publishedVersion: VersionLabel | null;
  outcome: 'approved' | 'rejected';
  by: PersonRef;
  at: string;
  comment: string | null;
  submittedBy: PersonRef;
  submittedAt: string;
  /** The change was sent as substantive: approving it put the document on reading lists. */
  substantive: boolean;
  changeNote: string | null;
}

/** One yearly review decision, newest first in `reviews`. */
export interface ReviewEntry {
  outcome: 'unchanged' | 'revise' | 'archive';
  by: PersonRef;
  at: string;
  comment: string | null;
  /** For 'unchanged': the next review date it set. */
  nextReviewDate: string | null;
}

/**
 * GET /api/procedures/:id/content?version=2.0 → the file's bytes (Content-Type application/pdf or the .docx type,
 * Content-Disposition attachment with the file name, Cache-Control private, no-store). Without `version`: the
 * approved version in force (editors and the approver get the newest draft when there is none approved yet, or with
 * `version=latest`). Others may fetch approved (major) versions only: 404 for any other.
 */
export type DocumentContentRoute = 'GET /api/procedures/:id/content';

/** One file version as SharePoint keeps it, newest first. */
export interface DocumentVersionView {
  label: VersionLabel;
  /** A major version (published on approval). */
  major: boolean;
  size: number;
  modifiedAt: string;
  /** GET this to download that version (editors: any; others: approved versions only). */
  contentUrl: string;
}

export type DocumentAction = 'edit' | 'uploadVersion' | 'submit' | 'approve' | 'reject' | 'review' | 'selfAssess' | 'viewCoverage' | 'confirmReading';

/** GET /api/procedures/:id (and every write's answer). */
export interface DocumentDetail extends DocumentSummary {
  keywords: string[];
  ownerArea: string | null;
  reviewer: PersonRef;
  /** Who approves: the leader (and deputy) of the owner unit. Empty when the unit has no leader (submit is refused). */
  approvers: PersonRef[];
  appliesToUnits: { id: string; name: string }[];
  appliesToRoles: Role[];
  relatedRiskItemIds: string[];
  /** Label of the newest file version (a draft above the approved one while it is being revised). */
  latestVersion: VersionLabel;
  /** The file's content type: application/pdf or the .docx type. */
  contentType: string;
  size: number;
  /** The approved version's file (for everyone), or null before the first approval. */
  approvedContentUrl: string | null;
  /** The newest file, for editors and the approver (null for others). */
  latestContentUrl: string | null;
  /** While awaiting approval: what was sent. */
  pending: { version: VersionLabel; submittedBy: PersonRef; submittedAt: string; substantive: boolean; changeNote: string | null } | null;
  approvals: ApprovalEntry[];
  reviews: ReviewEntry[];
  /** Editors only (empty for others). */
  versions: DocumentVersionView[];
  /** The viewer's own reading status of the approved version; null when it does not apply to them. */
  myReading: { version: VersionLabel; confirmedAt: string | null } | null;
  allowedActions: DocumentAction[];
  /** Pass back on every write. */
  etag: string;
}

/** For 409 'conflict' on a document: `error.current` is the document as it is now. */
export interface DocumentConflictError {
  error: { code: 'conflict'; message: string; current: DocumentDetail };
}

/**
 * POST /api/procedures — `multipart/form-data` with two parts:
 *   file:     the document (.docx or .pdf; the type is read from the content, not the name; ≤ the size limit);
 *             the part's filename becomes the file's name in the library (cleaned of characters SharePoint refuses)
 *   metadata: a JSON string of `DocumentMetadataInput`
 * → 201 DocumentDetail: status 'draft', version '0.1'. Who: a leader (or deputy) of the owner unit or a unit above
 * it, a quality adviser, or a quality coordinator within their sector; others 403.
 * Errors: 413 'fileTooLarge', 415 'unsupportedFileType', 409 'duplicateName' (same file name in the library: rename
 * the file or upload a new version of the existing document), 400 'invalidRequest'. Nothing is stored on any of them.
 *
 * POST /api/procedures/:id/versions — `multipart/form-data`: `file` and `etag` (text) → DocumentDetail with a new
 * minor version ('1.0' → '1.1'); status becomes 'draft' (the approved version stays in force until the next approval).
 * The file keeps the document's name in the library; a .pdf may replace a .docx only if the name's extension matches
 * (400 otherwise: upload it as a new document). Editors only. Not while 'awaitingApproval' or 'archived' (409).
 */
export interface UploadLimits {
  /** GET /api/procedures/limits: the largest file taken and the types, for the upload form. */
  maxBytes: number;
  contentTypes: string[];
  extensions: string[];
}

/**
 * POST /api/procedures/:id/submit → DocumentDetail (status 'awaitingApproval'). Editors only; from 'draft' only.
 * The approvers (leader and deputy of the owner unit) each get an Adaptive Card in their chat with the bot
 * (Godkjenn / Avvis with a comment); whichever acts first decides, and every copy of the card shows the outcome.
 */
export interface SubmitForApprovalBody {
  etag: string;
  /** Changed in substance: approving puts it on the reading lists of everyone it applies to. A first version always is. */
  substantive: boolean;
  /** 0–2,000 characters: what changed, shown to the approver and on the reading list. */
  changeNote?: string;
}

/**
 * POST /api/procedures/:id/approve → DocumentDetail: publishes the submitted draft as the next major version
 * ('0.3' → '1.0', '1.2' → '2.0'), sets next review date a year ahead, and (when substantive) creates reading-list
 * entries for everyone it applies to. Same use case as the card's button.
 * POST /api/procedures/:id/reject → DocumentDetail: back to 'draft'; the comment is required.
 * 403 'wrongApprover' for anyone but the leader (or deputy) of the owner unit; 409 'invalidState' unless awaiting
 * approval; 409 'conflict' when the draft changed since it was sent (version no longer the one submitted).
 */
export interface ApprovalDecisionBody {
  etag?: string;
  /** Approve: optional, ≤ 2,000; reject: required, 1–2,000. */
  comment?: string;
}

/**
 * POST /api/procedures/:id/review → DocumentDetail. The reviewer (revisjonsansvarlig), or the owner unit's leader or
 * deputy, once a year: 'unchanged' sets the next review date a year from today; 'revise' keeps the approved version
 * in force and opens the document for a new version (status 'draft'); 'archive' withdraws it (status 'archived',
 * off every reading list). Only for approved documents (and 'archive' also for drafts never approved).
 */
export interface ReviewBody {
  etag: string;
  outcome: 'unchanged' | 'revise' | 'archive';
  /** 0–2,000; required for 'archive'. */
  comment?: string;
}

/**
 * GET /api/procedures/reviews/due?unitId=&withinDays=30&scope=mine|units → ReviewDuePage.
 * scope=mine (default): documents the viewer reviews or owns; scope=units: documents owned by the units the viewer
 * leads (and below; quality advisers: all), optionally narrowed to unitId. Due = next review date within
 * `withinDays` (0–730, default 30) from today, overdue ones included. Oldest review date first. For the reminder
 * service (a later issue) the same list comes from the app's `dueForReview(now, withinDays)`.
 */
export interface ReviewDuePage {
  items: ReviewDueItem[];
  overdue: number;
  dueSoon: number;
}

export interface ReviewDueItem {
  document: DocumentSummary;
  reviewer: PersonRef;
  nextReviewDate: string;
  overdue: boolean;
  /** Days past the review date (negative: days left). */
  daysOverdue: number;
}

/**
 * GET /api/procedures/overview?unitId= → ProceduresOverview: counts for the unit's dashboard tile (unitId defaults to
 * the viewer's top unit; same access as GET /api/dashboard). `DashboardView` also carries `overdueReviews` (additive).
 */
export interface ProceduresOverview {
  unitId: string;
  /** Approved documents owned by the unit and below whose review date has passed. */
  overdueReviews: number;
  /** Due within 30 days, not yet overdue. */
  reviewsDueSoon: number;
  awaitingApproval: number;
  /** Reading-list coverage of the unit's people over the documents that apply to them (0–100, one decimal), null if none. */
  readingCoveragePercent: number | null;
}

// ---- reading lists -------------------------------------------------------------------------------------------------

/**
 * GET /api/reading-list → ReadingListView: the viewer's own list: what they have not confirmed first (oldest first),
 * then the last 20 confirmations.
 */
export interface ReadingListView {
  open: ReadingListItem[];
  confirmed: ReadingListItem[];
}

export interface ReadingListItem {
  documentId: string;
  title: string;
  kind: DocumentKindDto;
  documentType: DocumentTypeDto;
  /** The version to read and confirm: always the approved one in force. */
  version: VersionLabel;
  assignedAt: string;
  changeNote: string | null;
  contentUrl: string;
  confirmedAt: string | null;
}

/**
 * POST /api/procedures/:id/confirm-reading { version } → ReadingConfirmationView ("Jeg har lest og forstått").
 * The version must be the approved one in force: an older one is 409 'supersededVersion' with `currentVersion`
 * (read the new one first). Confirming twice is fine (the first confirmation is kept, 200 both times). Anyone the
 * document applies to, or anyone at all for an approved document (reading is never refused).
 */
export interface ConfirmReadingBody {
  version: VersionLabel;
}

export interface ReadingConfirmationView {
  documentId: string;
  version: VersionLabel;
  confirmedAt: string;
  /** False when this was already confirmed before. */
  created: boolean;
}

/** 409 'supersededVersion': `error.currentVersion` is the version to read now. */
export interface SupersededVersionError {
  error: { code: 'supersededVersion'; message: string; currentVersion: VersionLabel };
}

/**
 * GET /api/procedures/:id/reading-coverage?unitId= → DocumentCoverage. For leaders (and deputies) of the unit or
 * above, quality advisers, quality coordinators in their sector; unitId defaults to the viewer's top unit. Counts the
 * people the document applies to in the unit and below, against the reading version (the last substantive approval;
 * a confirmation of that or a later version counts).
 */
export interface DocumentCoverage {
  documentId: string;
  title: string;
  /** The version people must have confirmed (or a later one). */
  readingVersion: VersionLabel;
  unit: { id: string; name: string };
  required: number;
  confirmed: number;
  /** 0–100, one decimal; null when nobody is required. */
  percent: number | null;
  /** Per child unit (each with everything below it), then the unit's own people as `own: true`. */
  byUnit: { unitId: string; unitName: string; required: number; confirmed: number; percent: number | null; own?: boolean }[];
  /** Who has not confirmed, by name (at most 500; `notConfirmedTotal` says how many in all). */
  notConfirmed: (PersonRef & { unitId: string; unitName: string; assignedAt: string })[];
  notConfirmedTotal: number;
}

/**
 * GET /api/reading-coverage?unitId= → UnitReadingOverview: every approved document that applies to someone in the
 * unit, with that unit's coverage; lowest coverage first. Same access as above.
 */
export interface UnitReadingOverview {
  unit: { id: string; name: string };
  documents: { documentId: string; title: string; readingVersion: VersionLabel; required: number; confirmed: number; percent: number | null }[];
  /** Over all documents (confirmed / required), null when nobody is required. */
  percent: number | null;
}

/**
 * POST /api/procedures/:id/reading-reminders { unitId } → ReminderResult: one message from the bot to each person in
 * the unit (and below) who has not confirmed the reading version. Same access as coverage. At most once per
 * document, unit and day (409 'conflict' with `error.message` saying when it was sent).
 */
export interface ReadingReminderBody {
  unitId: string;
}

export interface ReminderResult {
  /** Sent a reminder. */
  reminded: number;
  /** Have not installed the bot (no chat to send to): tell them another way. */
  unreachable: PersonRef[];
}

// ---- self-assessment of governing documents -------------------------------------------------------------------------

/** The yearly checklist (seed 000: Tønsberg's self-assessment of the overarching documents per owner area). */
export type ChecklistQuestionId = 'known' | 'followed' | 'lawful' | 'responsibilities' | 'current' | 'goalsMet';

export interface ChecklistQuestion {
  id: ChecklistQuestionId;
  /** Bokmål. */
  text: string;
}

export type ChecklistAnswer = 'yes' | 'partly' | 'no' | 'notApplicable';

/**
 * GET /api/self-assessments?year=2026&ownerArea= → SelfAssessmentOverview: every approved governing document (and
 * those owned at municipality or sector level), with its assessment for the year if done. Everyone with a leader
 * role, quality advisers and coordinators may read; `canAssess` says who may write.
 */
export interface SelfAssessmentOverview {
  year: number;
  checklist: ChecklistQuestion[];
  items: {
    document: DocumentSummary;
    ownerArea: string | null;
    assessment: SelfAssessmentView | null;
    canAssess: boolean;
  }[];
  done: number;
  total: number;
}

/**
 * POST /api/procedures/:id/self-assessments → 201 SelfAssessmentView. The owner (leader or deputy of the owner unit),
 * the reviewer, or a quality adviser; one per document and year (409 'conflict' for a second). Each measure goes onto
 * the common action list (source 'procedureSelfAssessment', the owner unit's list). 'needsRevision' also opens the
 * document for revision as a review would ('revise'); 'obsolete' asks for archiving through the review (not automatic).
 * GET /api/procedures/:id/self-assessments → SelfAssessmentView[] newest year first.
 */
export interface SelfAssessmentBody {
  /** 2000–2100; default the current Oslo year. */
  year?: number;
  answers: Partial<Record<ChecklistQuestionId, ChecklistAnswer>>;
  outcome: 'adequate' | 'needsRevision' | 'obsolete';
  /** 0–4,000. */
  comment?: string;
  /** 0–10 follow-up measures. */
  measures?: { title: string; description?: string; ownerId: string; deadline: string }[];
}

export interface SelfAssessmentView {
  id: string;
  documentId: string;
  year: number;
  ownerArea: string | null;
  assessedBy: PersonRef;
  assessedOn: string;
  answers: Partial<Record<ChecklistQuestionId, ChecklistAnswer>>;
  outcome: 'adequate' | 'needsRevision' | 'obsolete';
  comment: string;
  measures: { id: string; title: string; owner: PersonRef; deadline: string; status: MeasureStatus }[];
}

// The stores behind procedures and governing documents (issue 8): the two libraries (files, versions, metadata), the
// reading list and its confirmations, the daily digest's runs, and the yearly self-assessments.
import type { DocumentKind, DocumentSelfAssessment, Instant, ProcedureDocument, VersionLabel } from '../../domain/index.js';
import type { ChangeFeed } from './change-feed.js';
import type { Stored } from './stored.js';

/** A file to store: its name in the library, bytes and type (already checked by the use case). */
export interface DocumentFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

/** A new document's metadata; the library adds the file's name, id and first version. */
export type NewProcedureDocument = Omit<ProcedureDocument, 'fileName' | 'driveItemId' | 'latestVersion'>;

/** A file name already taken in the library (names are unique per folder, without regard to case): nothing was stored. */
export class DuplicateFileName extends Error {
  constructor(readonly fileName: string) {
    super(`A file named ${fileName} exists already.`);
    this.name = 'DuplicateFileName';
  }
}

export interface DocumentVersionInfo {
  readonly label: VersionLabel;
  readonly size: number;
  readonly modifiedAt: Instant;
}

export interface DocumentContent {
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** A bot message to update later, as the Messenger gave it (opaque). */
export interface ApprovalCardRef {
  readonly personId: string;
  readonly conversationId: string;
  readonly activityId: string;
  readonly serviceUrl?: string;
}

export interface ProcedureLibrary {
  /**
   * Uploads the file under its name (refusing a name in use: DuplicateFileName) and writes the metadata; if the
   * metadata cannot be written the file is removed again, so a failure leaves nothing half written. With `publish`
   * (imports and the demo: a document approved elsewhere) the file is published as a major version first, and the
   * metadata names the version that made (its approved, reading and latest version, and its last approval's).
   */
  create(doc: NewProcedureDocument, file: DocumentFile, options?: { publish?: boolean }): Promise<Stored<ProcedureDocument>>;
  get(id: string, kind?: DocumentKind): Promise<Stored<ProcedureDocument> | null>;
  /** Saves the metadata if the item is still at `etag` (else ConcurrencyConflict). */
  update(next: ProcedureDocument, etag: string): Promise<Stored<ProcedureDocument>>;
  /** Stores a new version of the document's file (same name); returns the new version's label. */
  uploadVersion(doc: ProcedureDocument, file: DocumentFile): Promise<VersionLabel>;
  /** Publishes the newest version as a major one (check-out, check-in as published); returns its label. */
  publish(doc: ProcedureDocument, comment: string | null): Promise<VersionLabel>;
  /** Newest first. */
  versions(doc: ProcedureDocument): Promise<DocumentVersionInfo[]>;
  /** One version's bytes ('latest': the newest); null when there is no such version. */
  content(doc: ProcedureDocument, version: VersionLabel | 'latest'): Promise<DocumentContent | null>;
  /** Every document Varde keeps (a RecordId), both libraries: for small jobs and tests; the index reads the feed. */
  all(): Promise<ProcedureDocument[]>;
  /** The approvers' cards of a document (to update every copy with the decision). */
  approvalCards(id: string): Promise<ApprovalCardRef[]>;
  saveApprovalCards(id: string, refs: readonly ApprovalCardRef[]): Promise<void>;
  /** Delta over both libraries: what the search index keeps in step with. */
  readonly feed: ChangeFeed<ProcedureDocument>;
}

export interface ReadingEntry {
  readonly documentId: string;
  readonly version: VersionLabel;
  readonly personId: string;
  readonly unitId: string | null;
  readonly assignedAt: Instant;
  readonly reason: 'approved' | 'newEmployee';
}

export interface ReadingConfirmationRecord {
  readonly documentId: string;
  readonly version: VersionLabel;
  readonly personId: string;
  readonly unitId: string | null;
  readonly confirmedAt: Instant;
}

export interface EntriesOutcome {
  readonly created: number;
  readonly alreadyPresent: number;
  /** Entries that could not be written after the store's retries (their keys); the rest are stored exactly once. */
  readonly failed: readonly string[];
}

/** The day's digest run, claimed by one instance at a time. */
export interface DigestRun {
  /** The Oslo date, 'YYYY-MM-DD'. */
  readonly key: string;
  /** Entries assigned up to this instant are in this run. */
  readonly cutoff: Instant;
  /** Last progress (a heartbeat): another instance takes over a run that stopped moving. */
  readonly startedAt: Instant;
  readonly completedAt: Instant | null;
  /** The last person (by id, ascending) sent to; null before any. */
  readonly sentThrough: string | null;
  readonly sent: number;
}

export type DigestClaim =
  | { readonly type: 'claimed'; readonly run: DigestRun; readonly etag: string; readonly previousCutoff: Instant | null }
  | { readonly type: 'done'; readonly run: DigestRun }
  | { readonly type: 'busy'; readonly run: DigestRun };

/**
 * A range of keys (here person ids), `from` to `through`, both included: one read of a large list in windows of a
 * key, each selecting few enough items of the whole list for SharePoint's list view threshold. Bounds are keys of the
 * people asked for, so a row of someone else whose id falls between two windows is not read.
 */
export interface KeyWindow {
  readonly from: string;
  readonly through: string;
}

export interface ReadingStore {
  /** Creates entries in $batch, exactly once each (documentId|version|personId is unique). */
  addEntries(entries: readonly ReadingEntry[]): Promise<EntriesOutcome>;
  /**
   * The entries of one document version for the people in `windows` (and any other in them), one read per window: a document for every
   * employee has more entries than SharePoint's list view threshold, so no query may lead with `DocumentId eq`
   * (plan the windows with keyWindows, src/app/case-work/query-plan.ts).
   */
  entriesForVersion(documentId: string, version: VersionLabel, windows: readonly KeyWindow[]): Promise<ReadingEntry[]>;
  entriesForPerson(personId: string): Promise<ReadingEntry[]>;
  /** Every entry (5,000 a page): the digest's one read. */
  allEntries(): Promise<ReadingEntry[]>;
  /** Stores the confirmation once; `created` false when it was there already (the first one is kept). */
  confirm(record: ReadingConfirmationRecord): Promise<{ record: ReadingConfirmationRecord; created: boolean }>;
  /** Many confirmations in $batch, each once (imports and the demo). */
  importConfirmations(records: readonly ReadingConfirmationRecord[]): Promise<EntriesOutcome>;
  /** The confirmations of one document version for the people in `windows` (as entriesForVersion). */
  confirmationsForVersion(documentId: string, version: VersionLabel, windows: readonly KeyWindow[]): Promise<ReadingConfirmationRecord[]>;
  confirmationsForPerson(personId: string): Promise<ReadingConfirmationRecord[]>;
  allConfirmations(): Promise<ReadingConfirmationRecord[]>;
  /**
   * Claims the day's digest run: creates it (with `cutoff`), or takes over one whose last progress is older than
   * `staleBefore`; 'done' when it finished, 'busy' when another instance is at it.
   */
  claimDigestRun(key: string, cutoff: Instant, now: Instant, staleBefore: Instant): Promise<DigestClaim>;
  /** Saves progress (and the heartbeat); returns the new etag, or null when another instance took the run over. */
  saveDigestProgress(run: DigestRun, etag: string): Promise<string | null>;
}

export interface SelfAssessmentStore {
  /** Stores it once per document and year; a second for the same year is DuplicateRecord. */
  create(assessment: DocumentSelfAssessment): Promise<DocumentSelfAssessment>;
  forDocument(documentId: string): Promise<DocumentSelfAssessment[]>;
  forYear(year: number): Promise<DocumentSelfAssessment[]>;
}

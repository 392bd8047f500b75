// Thinner stores the demo seed and imports need: committees, risk assessments with their rows, governing documents.
import type { DocumentKind, GoverningDocument, QualityCommittee, RiskAssessment, RiskItem } from '../../domain/index.js';
import type { BulkCreateResult, ImportRow } from './stored.js';

export interface CommitteeRepository {
  createMany(rows: readonly ImportRow<QualityCommittee>[]): Promise<BulkCreateResult>;
  list(): Promise<QualityCommittee[]>;
}

export interface RiskRepository {
  createAssessments(rows: readonly ImportRow<RiskAssessment>[]): Promise<BulkCreateResult>;
  createItems(rows: readonly ImportRow<RiskItem>[]): Promise<BulkCreateResult>;
  listAssessments(unitId?: string): Promise<RiskAssessment[]>;
  listItems(assessmentId: string): Promise<RiskItem[]>;
}

/** A document with its file: the file's name is its idempotency key within its library. */
export interface NewDocumentFile {
  readonly document: GoverningDocument;
  /** e.g. `Håndhygiene.docx`; unique within the document's library. */
  readonly fileName: string;
  readonly content: Uint8Array;
}

export interface DocumentRepository {
  /** Uploads each file (replacing one of the same name) and sets its metadata: safe to run again. */
  createMany(files: readonly NewDocumentFile[]): Promise<BulkCreateResult>;
  list(kind: DocumentKind): Promise<GoverningDocument[]>;
}

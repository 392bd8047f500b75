// GoverningDocument ↔ the metadata columns of the 'Prosedyrer' and 'Styringsdokumenter' libraries (the file itself is the library item).
import { z } from 'zod';
import type { DocumentKind, GoverningDocument, GoverningDocumentType } from '../../domain/index.js';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../schema/lists.js';
import { type Fields, type RowSource, calendarDate, oneOf, optionalInstant, optionalText, readRow } from './fields.js';

/** The library a kind of document lives in (schema keys). */
export const LIBRARY_OF: Readonly<Record<DocumentKind, 'procedures' | 'governingDocuments'>> = {
  procedure: 'procedures',
  governingDocument: 'governingDocuments',
};

const documentRow = z.object({
  RecordId: z.string().min(1),
  Title: z.string().min(1),
  DocumentType: oneOf(DOCUMENT_TYPES)
    .nullish()
    .transform((v) => v ?? null),
  OwnerUnitId: z.string().min(1),
  OwnerArea: optionalText,
  ReviewerId: z.string().min(1),
  DocVersion: z.number().int().min(0),
  Status: oneOf(DOCUMENT_STATUSES),
  ApproverId: optionalText,
  ApprovedAt: optionalInstant,
  NextReviewDate: calendarDate.nullish().transform((v) => v ?? null),
});

export const DOCUMENT_COLUMNS: readonly string[] = Object.keys(documentRow.shape);

export function documentToFields(d: GoverningDocument): Fields {
  return {
    RecordId: d.id,
    Title: d.title,
    // Procedures say so; governing documents carry their type (regulation, strategy …).
    DocumentType: d.kind === 'procedure' ? 'procedure' : d.governingType,
    OwnerUnitId: d.ownerUnitId,
    OwnerArea: d.ownerArea,
    ReviewerId: d.reviewerId,
    DocVersion: d.version,
    Status: d.status,
    ApproverId: d.approvedById,
    ApprovedAt: d.approvedAt,
    NextReviewDate: d.nextReviewDate,
  };
}

/** The kind comes from the library the item was read from. */
export function documentFromFields(fields: unknown, source: RowSource, kind: DocumentKind): GoverningDocument {
  const r = readRow(documentRow, fields, source);
  const governingType: GoverningDocumentType | null = kind === 'procedure' || r.DocumentType === 'procedure' ? null : r.DocumentType;
  return {
    id: r.RecordId,
    kind,
    governingType,
    title: r.Title,
    ownerUnitId: r.OwnerUnitId,
    ownerArea: r.OwnerArea,
    reviewerId: r.ReviewerId,
    version: r.DocVersion,
    status: r.Status,
    approvedById: r.ApproverId,
    approvedAt: r.ApprovedAt,
    nextReviewDate: r.NextReviewDate,
  };
}

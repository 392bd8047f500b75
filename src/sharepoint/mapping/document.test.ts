// GoverningDocument ↔ library metadata: round trips for procedures and governing documents.
import { describe, expect, it } from 'vitest';
import type { GoverningDocument } from '../../domain/index.js';
import { DOCUMENT_COLUMNS, documentFromFields, documentToFields } from './document.js';
import { SOURCE, readBack } from './test-support.js';

const procedure: GoverningDocument = {
  id: 'doc1',
  kind: 'procedure',
  governingType: null,
  title: 'Håndhygiene',
  ownerUnitId: 'sh',
  ownerArea: null,
  reviewerId: 'kr',
  version: 3,
  status: 'approved',
  approvedById: 'vl-sh',
  approvedAt: '2026-01-15T09:30:00.000Z',
  nextReviewDate: '2027-01-15',
};

describe('document mapping', () => {
  it('round-trips a procedure', () => {
    const fields = documentToFields(procedure);
    expect(fields.DocumentType).toBe('procedure');
    expect(documentFromFields(readBack(fields), SOURCE, 'procedure')).toEqual(procedure);
  });

  it('round-trips a governing document awaiting approval', () => {
    const doc: GoverningDocument = {
      ...procedure,
      kind: 'governingDocument',
      governingType: 'guideline',
      ownerArea: 'OU',
      status: 'awaitingApproval',
      approvedById: null,
      approvedAt: null,
      nextReviewDate: null,
    };
    expect(documentFromFields(readBack(documentToFields(doc)), SOURCE, 'governingDocument')).toEqual(doc);
    expect(new Set(Object.keys(documentToFields(doc)))).toEqual(new Set(DOCUMENT_COLUMNS));
  });
});

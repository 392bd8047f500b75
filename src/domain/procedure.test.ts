// Tests for the procedure rules: yearly review, overdue review in Oslo time, approvers and the reading list.
import { describe, expect, it } from 'vitest';
import { approverIds, isReviewOverdue, nextReviewDateAfter, unreadEntries, type GoverningDocument, type ReadingListEntry } from './procedure.js';
import { units } from './test-fixtures.js';

const doc: GoverningDocument = {
  id: 'p1',
  kind: 'procedure',
  governingType: null,
  title: 'Legemiddelhåndtering',
  ownerUnitId: 'sh',
  ownerArea: null,
  reviewerId: 'sykepleier-fag',
  version: 3,
  status: 'approved',
  approvedById: 'vl-sh',
  approvedAt: '2025-05-02T10:00:00.000Z',
  nextReviewDate: '2026-05-02',
};

describe('review', () => {
  it('is due a year later; 29 February falls back to 28 February', () => {
    expect(nextReviewDateAfter('2025-05-02')).toBe('2026-05-02');
    expect(nextReviewDateAfter('2028-02-29')).toBe('2029-02-28');
  });

  it('is overdue from Oslo midnight after the review date (summer time: 22:00 UTC)', () => {
    expect(isReviewOverdue(doc, new Date('2026-05-02T21:59:59Z'))).toBe(false);
    expect(isReviewOverdue(doc, new Date('2026-05-02T22:00:00Z'))).toBe(true);
  });

  it.each(['draft', 'awaitingApproval', 'archived'] as const)('is never overdue for a %s document', (status) => {
    expect(isReviewOverdue({ ...doc, status }, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('is never overdue without a review date', () => {
    expect(isReviewOverdue({ ...doc, nextReviewDate: null }, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('approverIds', () => {
  it.each([
    ['sh', ['vl-sh', 'vl-sh-dep']], // unit: virksomhetsleder or deputy
    ['mh', ['ks-mh', 'ks-mh-dep']], // sector: kommunalsjef
    ['sh-a', ['tl-a']], // service: tjenesteleder
    ['gone', []],
  ])('a document for %s is approved by %j', (ownerUnitId, expected) => {
    expect(approverIds({ ...doc, ownerUnitId }, units)).toEqual(expected);
  });
});

describe('reading list', () => {
  const entry = (personId: string, version: number): ReadingListEntry => ({
    documentId: 'p1',
    version,
    personId,
    assignedAt: '2026-01-01T08:00:00.000Z',
    dueDate: null,
  });

  it('keeps entries until that exact version is confirmed by that person', () => {
    const entries = [entry('nurse', 3), entry('nurse-2', 3)];
    const confirmations = [
      { documentId: 'p1', version: 2, personId: 'nurse-2', confirmedAt: '2025-01-01T08:00:00.000Z' }, // older version
      { documentId: 'p1', version: 3, personId: 'nurse', confirmedAt: '2026-01-02T08:00:00.000Z' },
    ];
    expect(unreadEntries(entries, confirmations).map((e) => e.personId)).toEqual(['nurse-2']);
  });
});

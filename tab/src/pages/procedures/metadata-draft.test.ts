// The metadata form is checked as the server checks it, and sends exactly what the contract describes.
import { describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../../../src/server/api/contract-procedures.js';
import { draftFromDetail, emptyDraft, metadataInput, metadataPatch, metadataProblems, withKind, type MetadataDraft } from './metadata-draft';

const filled: MetadataDraft = {
  ...emptyDraft('u-1'),
  title: '  Legemiddelhåndtering  ',
  description: ' Hvordan vi håndterer legemidler. ',
  reviewer: { id: 'p-9', name: 'Kari Revisor' },
  appliesToRoles: ['serviceLeader', 'employee'],
  keywords: 'legemidler, dosering',
};

describe('metadata draft', () => {
  it('asks for a title, an owner unit and a reviewer', () => {
    expect(metadataProblems(emptyDraft())).toEqual({ title: 'required', ownerUnitId: 'required', reviewer: 'required' });
    expect(metadataProblems(filled)).toEqual({});
  });

  it('asks a governing document for its type, and keeps a procedure’s type «procedure»', () => {
    const governing = withKind(filled, 'governingDocument');
    expect(governing.documentType).toBe('');
    expect(metadataProblems(governing)).toEqual({ documentType: 'required' });
    expect(metadataProblems({ ...governing, documentType: 'procedure' })).toEqual({ documentType: 'wrongType' });
    expect(metadataProblems({ ...governing, documentType: 'strategy' })).toEqual({});
    expect(metadataProblems({ ...filled, documentType: 'strategy' })).toEqual({ documentType: 'wrongType' });
    expect(withKind({ ...governing, documentType: 'plan', ownerArea: 'ØV' }, 'procedure')).toMatchObject({ documentType: 'procedure', ownerArea: '' });
  });

  it('bounds the lengths and the number of units', () => {
    expect(metadataProblems({ ...filled, title: 'x'.repeat(256) }).title).toBe('tooLong');
    expect(metadataProblems({ ...filled, description: 'x'.repeat(4001) }).description).toBe('tooLong');
    expect(metadataProblems({ ...filled, kind: 'governingDocument', documentType: 'plan', ownerArea: 'x'.repeat(21) }).ownerArea).toBe('tooLong');
    expect(metadataProblems({ ...filled, appliesToUnitIds: Array.from({ length: 11 }, (_, i) => `u-${i}`) }).appliesToUnitIds).toBe('tooMany');
  });

  it('sends trimmed fields, roles in the domain’s order, parsed keywords, and no units when none were chosen', () => {
    expect(metadataInput(filled)).toEqual({
      kind: 'procedure',
      title: 'Legemiddelhåndtering',
      description: 'Hvordan vi håndterer legemidler.',
      ownerUnitId: 'u-1',
      reviewerId: 'p-9',
      appliesToRoles: ['employee', 'serviceLeader'],
      keywords: ['legemidler', 'dosering'],
    });
    expect(metadataInput({ ...filled, appliesToUnitIds: ['u-2', '', 'u-2', 'u-3'] }).appliesToUnitIds).toEqual(['u-2', 'u-3']);
    expect(metadataInput({ ...filled, kind: 'governingDocument', documentType: 'regulation', ownerArea: ' ØV ' })).toMatchObject({ documentType: 'regulation', ownerArea: 'ØV' });
  });

  it('patches every field but the kind, with the etag, and round-trips a document', () => {
    const patch = metadataPatch(filled, '"3"');
    expect(patch).not.toHaveProperty('kind');
    expect(patch).toMatchObject({ etag: '"3"', title: 'Legemiddelhåndtering', appliesToUnitIds: ['u-1'] });
    const detail = {
      kind: 'governingDocument',
      title: 'Finansreglement',
      description: '',
      documentType: 'regulation',
      ownerUnitId: 'ov',
      ownerArea: 'ØV',
      reviewer: { id: 'p-1', name: 'Per' },
      appliesToUnits: [{ id: 'kommune', name: 'Kommunen' }],
      appliesToRoles: [],
      keywords: ['økonomi', 'finans'],
    } as unknown as DocumentDetail;
    expect(draftFromDetail(detail)).toEqual({
      kind: 'governingDocument',
      title: 'Finansreglement',
      description: '',
      documentType: 'regulation',
      ownerUnitId: 'ov',
      ownerArea: 'ØV',
      reviewer: { id: 'p-1', name: 'Per' },
      appliesToUnitIds: ['kommune'],
      appliesToRoles: [],
      keywords: 'økonomi, finans',
    });
  });
});

// The metadata form's state and what it sends (pure): checked the way the server checks it, so most mistakes are caught before the upload.
import type { Role } from '../../../../src/domain/index.js';
import type { PersonRef } from '../../../../src/server/api/contract.js';
import type { DocumentDetail, DocumentKindDto, DocumentMetadataInput, DocumentMetadataPatch, DocumentTypeDto } from '../../../../src/server/api/contract-procedures.js';
import { parseKeywords } from './procedure-query';
import { GOVERNING_TYPES, ROLES } from './procedure-values';

export interface MetadataDraft {
  kind: DocumentKindDto;
  title: string;
  description: string;
  /** 'procedure' for procedures; a governing type for governing documents ('' until chosen). */
  documentType: DocumentTypeDto | '';
  ownerUnitId: string;
  ownerArea: string;
  reviewer: PersonRef | null;
  /** Besides the owner unit (which it always applies to when this is empty). */
  appliesToUnitIds: string[];
  appliesToRoles: Role[];
  /** As typed: comma-separated words. */
  keywords: string;
}

export type MetadataField = 'title' | 'documentType' | 'ownerUnitId' | 'reviewer' | 'appliesToUnitIds' | 'ownerArea' | 'description';
export type MetadataProblem = 'required' | 'tooLong' | 'tooMany' | 'wrongType';

export const LIMITS = { title: 255, description: 4000, ownerArea: 20, appliesToUnits: 10 } as const;

export function emptyDraft(ownerUnitId = ''): MetadataDraft {
  return { kind: 'procedure', title: '', description: '', documentType: 'procedure', ownerUnitId, ownerArea: '', reviewer: null, appliesToUnitIds: [], appliesToRoles: [], keywords: '' };
}

export function draftFromDetail(d: DocumentDetail): MetadataDraft {
  return {
    kind: d.kind,
    title: d.title,
    description: d.description,
    documentType: d.documentType,
    ownerUnitId: d.ownerUnitId,
    ownerArea: d.ownerArea ?? '',
    reviewer: d.reviewer,
    appliesToUnitIds: d.appliesToUnits.map((u) => u.id),
    appliesToRoles: d.appliesToRoles,
    keywords: d.keywords.join(', '),
  };
}

/** Switching kind keeps what fits: a procedure's type is 'procedure'; a governing document needs its type chosen. */
export function withKind(draft: MetadataDraft, kind: DocumentKindDto): MetadataDraft {
  if (kind === draft.kind) return draft;
  return { ...draft, kind, documentType: kind === 'procedure' ? 'procedure' : '', ownerArea: kind === 'procedure' ? '' : draft.ownerArea };
}

export function metadataProblems(draft: MetadataDraft): Partial<Record<MetadataField, MetadataProblem>> {
  const out: Partial<Record<MetadataField, MetadataProblem>> = {};
  const title = draft.title.trim();
  if (!title) out.title = 'required';
  else if (title.length > LIMITS.title) out.title = 'tooLong';
  if (draft.description.trim().length > LIMITS.description) out.description = 'tooLong';
  if (draft.kind === 'governingDocument') {
    if (draft.documentType === '') out.documentType = 'required';
    else if (!(GOVERNING_TYPES as readonly string[]).includes(draft.documentType)) out.documentType = 'wrongType';
  } else if (draft.documentType !== 'procedure' && draft.documentType !== '') out.documentType = 'wrongType';
  if (!draft.ownerUnitId) out.ownerUnitId = 'required';
  if (!draft.reviewer) out.reviewer = 'required';
  if (new Set(draft.appliesToUnitIds.filter(Boolean)).size > LIMITS.appliesToUnits) out.appliesToUnitIds = 'tooMany';
  if (draft.ownerArea.trim().length > LIMITS.ownerArea) out.ownerArea = 'tooLong';
  return out;
}

function appliesTo(draft: MetadataDraft): string[] | undefined {
  const ids = [...new Set(draft.appliesToUnitIds.filter(Boolean))];
  return ids.length > 0 ? ids : undefined;
}

function roles(draft: MetadataDraft): Role[] {
  return ROLES.filter((r) => draft.appliesToRoles.includes(r));
}

/** The `metadata` part of POST /api/procedures. Call only when metadataProblems is empty. */
export function metadataInput(draft: MetadataDraft): DocumentMetadataInput {
  const input: DocumentMetadataInput = {
    kind: draft.kind,
    title: draft.title.trim(),
    ownerUnitId: draft.ownerUnitId,
    reviewerId: draft.reviewer?.id ?? '',
    appliesToRoles: roles(draft),
    keywords: parseKeywords(draft.keywords),
  };
  const description = draft.description.trim();
  if (description) input.description = description;
  if (draft.kind === 'governingDocument' && draft.documentType !== '') input.documentType = draft.documentType;
  if (draft.kind === 'governingDocument') input.ownerArea = draft.ownerArea.trim() || null;
  const units = appliesTo(draft);
  if (units) input.appliesToUnitIds = units;
  return input;
}

/** PATCH /api/procedures/:id: every field the form holds (kind cannot change), with the etag read. */
export function metadataPatch(draft: MetadataDraft, etag: string): DocumentMetadataPatch {
  const { kind: _kind, ...rest } = metadataInput(draft);
  return { etag, ...rest, description: draft.description.trim(), appliesToUnitIds: appliesTo(draft) ?? [draft.ownerUnitId] };
}

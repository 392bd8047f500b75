// The procedure pages' filters: read from and written to the tab's URL, and turned into the procedure API's paths (pure).
import type { DocumentKindDto, DocumentStatusDto, DocumentTypeDto } from '../../../../src/server/api/contract-procedures.js';
import { isOneOf } from '../../domain-values';
import { DOCUMENT_KINDS, DOCUMENT_SORTS, DOCUMENT_STATUSES, DOCUMENT_TYPES, MINE_FILTERS, REVIEW_SCOPES, type DocumentSort, type MineFilter, type ReviewScope } from './procedure-values';

export interface DocumentFilters {
  q?: string;
  kind?: DocumentKindDto;
  /** Absent: the API's default (approved, and the drafts I may edit). */
  status?: DocumentStatusDto[];
  documentType?: DocumentTypeDto[];
  /** Documents that apply to this unit. */
  unitId?: string;
  appliesToMe?: boolean;
  mine?: MineFilter;
  reviewDue?: boolean;
  sort?: DocumentSort;
}

export interface Paging {
  pageSize?: number;
  continuation?: string | null;
}

export const MAX_QUERY_LENGTH = 200;

function list<T extends string>(values: readonly T[], raw: string | null): T[] | undefined {
  if (raw == null || raw === '') return undefined;
  const picked = new Set(raw.split(','));
  const out = values.filter((v) => picked.has(v));
  return out.length > 0 ? out : undefined;
}

function text(raw: string | null, max: number): string | undefined {
  const trimmed = raw?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0))) as T;
}

function params(entries: [string, string | undefined][]): URLSearchParams {
  const p = new URLSearchParams();
  for (const [key, value] of entries) if (value !== undefined && value !== '') p.set(key, value);
  return p;
}

function withQuery(path: string, p: URLSearchParams): string {
  const s = p.toString();
  return s === '' ? path : `${path}?${s}`;
}

/** Reads the search filters from a URL query; unknown or malformed values are dropped, not sent on. */
export function documentFiltersFromQuery(query: string | URLSearchParams): DocumentFilters {
  const p = typeof query === 'string' ? new URLSearchParams(query) : query;
  return compact<DocumentFilters>({
    q: text(p.get('q'), MAX_QUERY_LENGTH),
    kind: isOneOf(DOCUMENT_KINDS, p.get('kind')) ? (p.get('kind') as DocumentKindDto) : undefined,
    status: list(DOCUMENT_STATUSES, p.get('status')),
    documentType: list(DOCUMENT_TYPES, p.get('documentType')),
    unitId: text(p.get('unitId'), 100),
    appliesToMe: p.get('appliesToMe') === 'true' || undefined,
    mine: isOneOf(MINE_FILTERS, p.get('mine')) ? (p.get('mine') as MineFilter) : undefined,
    reviewDue: p.get('reviewDue') === 'true' || undefined,
    sort: isOneOf(DOCUMENT_SORTS, p.get('sort')) ? (p.get('sort') as DocumentSort) : undefined,
  });
}

function documentEntries(f: DocumentFilters): [string, string | undefined][] {
  return [
    ['q', f.q?.trim().slice(0, MAX_QUERY_LENGTH)],
    ['kind', f.kind],
    ['status', f.status?.join(',')],
    ['documentType', f.documentType?.join(',')],
    ['unitId', f.unitId],
    ['appliesToMe', f.appliesToMe ? 'true' : undefined],
    ['mine', f.mine],
    ['reviewDue', f.reviewDue ? 'true' : undefined],
    // Relevance without words means nothing: the API's default (title) then.
    ['sort', f.sort === 'relevance' && !f.q?.trim() ? undefined : f.sort],
  ];
}

/** The tab's own URL query for these filters ('' when none), so a search can be linked. */
export function documentQuery(filters: DocumentFilters): string {
  const s = params(documentEntries(filters)).toString();
  return s === '' ? '' : `?${s}`;
}

/** GET /api/procedures?… for one page. */
export function documentsApiPath(filters: DocumentFilters, paging: Paging = {}): string {
  return withQuery('/api/procedures', params([...documentEntries(filters), ['pageSize', paging.pageSize?.toString()], ['continuation', paging.continuation ?? undefined]]));
}

export interface ReviewDueFilters {
  scope?: ReviewScope;
  unitId?: string;
  /** 0–365; absent: the API's default (30). */
  withinDays?: number;
}

export const WITHIN_DAYS_CHOICES = [30, 60, 90, 365] as const;

export function reviewDueFiltersFromQuery(query: string | URLSearchParams): ReviewDueFilters {
  const p = typeof query === 'string' ? new URLSearchParams(query) : query;
  const days = p.get('withinDays');
  const n = days !== null && /^\d{1,3}$/.test(days) ? Number(days) : undefined;
  return compact<ReviewDueFilters>({
    scope: isOneOf(REVIEW_SCOPES, p.get('scope')) ? (p.get('scope') as ReviewScope) : undefined,
    unitId: text(p.get('unitId'), 100),
    withinDays: n !== undefined && n <= 365 ? n : undefined,
  });
}

function reviewEntries(f: ReviewDueFilters): [string, string | undefined][] {
  return [
    ['scope', f.scope],
    // A unit narrows the units' view only; the API ignores it for scope=mine.
    ['unitId', f.scope === 'units' ? f.unitId : undefined],
    ['withinDays', f.withinDays?.toString()],
  ];
}

export function reviewDueQuery(filters: ReviewDueFilters): string {
  const s = params(reviewEntries(filters)).toString();
  return s === '' ? '' : `?${s}`;
}

/** GET /api/procedures/reviews/due?… */
export function reviewsDueApiPath(filters: ReviewDueFilters): string {
  return withQuery('/api/procedures/reviews/due', params(reviewEntries(filters)));
}

/** GET /api/self-assessments?year=&ownerArea= */
export function selfAssessmentsApiPath(year: number, ownerArea?: string): string {
  return withQuery('/api/self-assessments', params([['year', String(year)], ['ownerArea', ownerArea?.trim() || undefined]]));
}

/** A year from the URL (2000–2100), else undefined. */
export function yearFromQuery(raw: string | null): number | undefined {
  if (raw === null || !/^\d{4}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 2000 && n <= 2100 ? n : undefined;
}

/** GET /api/reading-coverage?unitId= (the viewer's top unit without one). */
export function unitCoverageApiPath(unitId?: string): string {
  return withQuery('/api/reading-coverage', params([['unitId', unitId]]));
}

/** GET /api/procedures/:id/reading-coverage?unitId= */
export function documentCoverageApiPath(documentId: string, unitId?: string): string {
  return withQuery(`/api/procedures/${encodeURIComponent(documentId)}/reading-coverage`, params([['unitId', unitId]]));
}

/** /api/procedures/:id plus a sub-path ('', '/submit', '/approve' …). */
export function documentApiPath(documentId: string, sub = ''): string {
  return `/api/procedures/${encodeURIComponent(documentId)}${sub}`;
}

/** Keywords as typed ("legemidler, dose; insulin") → the API's list: trimmed, once each, at most 20 of at most 40 characters. */
export function parseKeywords(raw: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of raw.split(/[,;\n]/)) {
    const word = part.trim().replace(/\s+/g, ' ').slice(0, 40);
    const key = word.toLocaleLowerCase('nb');
    if (!word || seen.has(key)) continue;
    seen.add(key);
    out.push(word);
    if (out.length === 20) break;
  }
  return out;
}

// Filters of the inbox and the action list: read from and written to the tab's URL, and turned into the API's query strings.
import type { CaseStatus, DeviationKind, MeasureStatus, Severity } from '../../../src/domain/index.js';
import {
  CASE_SCOPES,
  CASE_SORTS,
  KINDS,
  MEASURE_SOURCES,
  MEASURE_STATUSES,
  SEVERITIES,
  STATUSES,
  isOneOf,
  type CaseScope,
  type CaseSort,
  type MeasureSourceType,
} from '../domain-values';

export interface InboxFilters {
  scope?: CaseScope;
  kind?: DeviationKind[];
  status?: CaseStatus[];
  severity?: Severity[];
  unitId?: string;
  /** YYYY-MM-DD, reported on or after (Oslo date). */
  from?: string;
  /** YYYY-MM-DD, reported on or before (Oslo date). */
  to?: string;
  q?: string;
  sort?: CaseSort;
}

export interface MeasureFilters {
  source?: MeasureSourceType;
  unitId?: string;
  /** Empty or absent: the API's default (open and in progress). */
  status?: MeasureStatus[];
  overdue?: boolean;
  mine?: boolean;
}

export interface Paging {
  pageSize?: number;
  continuation?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date the API accepts (YYYY-MM-DD that exists), else undefined. */
export function validDate(value: string | null | undefined): string | undefined {
  if (value == null || !DATE.test(value)) return undefined;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? value : undefined;
}

function list<T extends string>(values: readonly T[], raw: string | null): T[] | undefined {
  if (raw == null || raw === '') return undefined;
  const picked = [...new Set(raw.split(','))].filter((v): v is T => isOneOf(values, v));
  return picked.length > 0 ? values.filter((v) => picked.includes(v)) : undefined;
}

function text(raw: string | null, max = 200): string | undefined {
  const trimmed = raw?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

/** Reads the inbox filters from a URL query; unknown or malformed values are dropped, not sent on. */
export function inboxFiltersFromQuery(query: string | URLSearchParams): InboxFilters {
  const p = typeof query === 'string' ? new URLSearchParams(query) : query;
  const filters: InboxFilters = {
    scope: isOneOf(CASE_SCOPES, p.get('scope')) ? (p.get('scope') as CaseScope) : undefined,
    kind: list(KINDS, p.get('kind')),
    status: list(STATUSES, p.get('status')),
    severity: list(SEVERITIES, p.get('severity')),
    unitId: text(p.get('unitId'), 100),
    from: validDate(p.get('from')),
    to: validDate(p.get('to')),
    q: text(p.get('q')),
    sort: isOneOf(CASE_SORTS, p.get('sort')) ? (p.get('sort') as CaseSort) : undefined,
  };
  return compact(filters);
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))) as T;
}

function params(entries: [string, string | undefined][]): URLSearchParams {
  const p = new URLSearchParams();
  for (const [key, value] of entries) if (value !== undefined && value !== '') p.set(key, value);
  return p;
}

function inboxEntries(f: InboxFilters): [string, string | undefined][] {
  return [
    ['scope', f.scope],
    ['kind', f.kind?.join(',')],
    ['status', f.status?.join(',')],
    ['severity', f.severity?.join(',')],
    ['unitId', f.unitId],
    ['from', f.from],
    ['to', f.to],
    ['q', f.q?.trim()],
    ['sort', f.sort],
  ];
}

/** The tab's own URL query for these filters ('' when none), so a filtered inbox can be linked and drilled into. */
export function inboxQuery(filters: InboxFilters): string {
  const s = params(inboxEntries(filters)).toString();
  return s === '' ? '' : `?${s}`;
}

/** GET /api/cases?… for one page. */
export function casesApiPath(filters: InboxFilters, paging: Paging = {}): string {
  const p = params([...inboxEntries(filters), ['pageSize', paging.pageSize?.toString()], ['continuation', paging.continuation ?? undefined]]);
  const s = p.toString();
  return s === '' ? '/api/cases' : `/api/cases?${s}`;
}

export function measureFiltersFromQuery(query: string | URLSearchParams): MeasureFilters {
  const p = typeof query === 'string' ? new URLSearchParams(query) : query;
  return compact({
    source: isOneOf(MEASURE_SOURCES, p.get('source')) ? (p.get('source') as MeasureSourceType) : undefined,
    unitId: text(p.get('unitId'), 100),
    status: list(MEASURE_STATUSES, p.get('status')),
    overdue: p.get('overdue') === 'true' ? true : undefined,
    mine: p.get('mine') === 'true' ? true : undefined,
  });
}

function measureEntries(f: MeasureFilters): [string, string | undefined][] {
  return [
    ['source', f.source],
    ['unitId', f.unitId],
    ['status', f.status?.join(',')],
    ['overdue', f.overdue ? 'true' : undefined],
    ['mine', f.mine ? 'true' : undefined],
  ];
}

export function measuresQuery(filters: MeasureFilters): string {
  const s = params(measureEntries(filters)).toString();
  return s === '' ? '' : `?${s}`;
}

/** GET /api/measures?… for one page. */
export function measuresApiPath(filters: MeasureFilters, paging: Paging = {}): string {
  const s = params([...measureEntries(filters), ['pageSize', paging.pageSize?.toString()], ['continuation', paging.continuation ?? undefined]]).toString();
  return s === '' ? '/api/measures' : `/api/measures?${s}`;
}

/** GET /api/measures/export.xlsx?… with the same filters as the list (every matching row, no paging). */
export function measuresExportPath(filters: MeasureFilters): string {
  return `/api/measures/export.xlsx${measuresQuery(filters)}`;
}

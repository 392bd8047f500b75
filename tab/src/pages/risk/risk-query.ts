// The risk pages' filters: read from and written to the tab's URL, and turned into the risk API's paths (pure).
import type { RiskArea, RiskAssessmentStatus } from '../../../../src/server/api/contract-risk.js';
import { isOneOf } from '../../domain-values';
import { cellKey, parseCellKey, type Cell } from './matrix';
import { RISK_AREAS, RISK_STATUSES } from './risk-values';

export interface AssessmentFilters {
  unitId?: string;
  year?: number;
  area?: RiskArea;
  status?: RiskAssessmentStatus[];
}

export type MatrixSide = 'now' | 'after';

export interface HeatMapQuery {
  unitId?: string;
  year?: number;
  area?: RiskArea;
  roundId?: string;
  /** The drilled-into cell and matrix. */
  cell?: Cell;
  position?: MatrixSide;
}

function year(raw: string | null): number | undefined {
  if (raw === null || !/^\d{4}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 2000 && n <= 2100 ? n : undefined;
}

function text(raw: string | null, max = 100): string | undefined {
  const t = raw?.trim();
  return t ? t.slice(0, max) : undefined;
}

function statuses(raw: string | null): RiskAssessmentStatus[] | undefined {
  if (!raw) return undefined;
  const picked = new Set(raw.split(',').filter((s): s is RiskAssessmentStatus => isOneOf(RISK_STATUSES, s)));
  return picked.size > 0 ? RISK_STATUSES.filter((s) => picked.has(s)) : undefined;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))) as T;
}

function search(entries: [string, string | number | undefined][]): string {
  const p = new URLSearchParams();
  for (const [k, v] of entries) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}

export function assessmentFiltersFromQuery(query: string | URLSearchParams): AssessmentFilters {
  const p = typeof query === 'string' ? new URLSearchParams(query) : query;
  const area = p.get('area');
  return compact({ unitId: text(p.get('unitId')), year: year(p.get('year')), area: isOneOf(RISK_AREAS, area) ? area : undefined, status: statuses(p.get('status')) });
}

function assessmentEntries(f: AssessmentFilters): [string, string | number | undefined][] {
  return [
    ['unitId', f.unitId],
    ['year', f.year],
    ['area', f.area],
    ['status', f.status?.join(',')],
  ];
}

/** The tab's own query for the assessments list ('' for none). */
export function assessmentsQuery(f: AssessmentFilters): string {
  return search(assessmentEntries(f));
}

/** GET /api/risk/assessments?… */
export function assessmentsApiPath(f: AssessmentFilters): string {
  return `/api/risk/assessments${search(assessmentEntries(f))}`;
}

export function heatMapQueryFromQuery(query: string | URLSearchParams): HeatMapQuery {
  const p = typeof query === 'string' ? new URLSearchParams(query) : query;
  const area = p.get('area');
  const cell = parseCellKey(p.get('cell'));
  const position = p.get('position');
  return compact({
    unitId: text(p.get('unitId')),
    year: year(p.get('year')),
    area: isOneOf(RISK_AREAS, area) ? area : undefined,
    roundId: text(p.get('roundId')),
    cell: cell ?? undefined,
    position: cell ? (position === 'after' ? 'after' : 'now') : undefined,
  });
}

function scopeEntries(q: HeatMapQuery): [string, string | number | undefined][] {
  return [
    ['unitId', q.unitId],
    ['year', q.year],
    ['area', q.area],
    ['roundId', q.roundId],
  ];
}

/** The tab's own URL of the heat map (with the drilled-into cell, if any). */
export function heatMapHref(q: HeatMapQuery): string {
  return `/risk/heatmap${search([...scopeEntries(q), ['cell', q.cell ? cellKey(q.cell) : undefined], ['position', q.cell ? (q.position ?? 'now') : undefined]])}`;
}

/** GET /api/risk/heatmap?… (the cell is not part of it). */
export function heatMapApiPath(q: HeatMapQuery): string {
  return `/api/risk/heatmap${search(scopeEntries(q))}`;
}

/** GET /api/risk/heatmap/items?… for one cell of one matrix. */
export function heatMapItemsApiPath(q: HeatMapQuery & { cell: Cell }, paging: { pageSize?: number; continuation?: string | null } = {}): string {
  return `/api/risk/heatmap/items${search([
    ...scopeEntries(q),
    ['likelihood', q.cell.likelihood],
    ['consequence', q.cell.consequence],
    ['position', q.position ?? 'now'],
    ['pageSize', paging.pageSize],
    ['continuation', paging.continuation ?? undefined],
  ])}`;
}

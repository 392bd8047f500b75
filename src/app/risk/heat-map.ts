// The 5×5 heat map (the strategy's X→Y picture, seed 001) over the risk index: where rows are now and where they will be
// after the measures, for any part of the tree, with drill-down to the rows of a cell. A pass over memory: the index
// holds every row's four levels, and the assessments (few) say which rows are in scope.
import { riskColour, riskMatrix, type OrgUnits, type RiskAssessment, type RiskAssessmentStatus, type RiskColour, type RiskContext, type RiskThresholds } from '../../domain/index.js';
import type { RiskItemFact } from '../ports/index.js';
import { descendantIds, factJudgement } from './risk-work.js';

export interface HeatMapQuery {
  /** The unit whose subtree is shown. */
  readonly unitId: string;
  readonly year?: number;
  readonly roundId?: string;
  readonly area?: RiskContext;
  readonly statuses?: readonly RiskAssessmentStatus[];
}

export interface HeatMapSource {
  readonly assessments: Iterable<RiskAssessment>;
  readonly items: Iterable<RiskItemFact>;
  readonly units: OrgUnits;
  /** Whether the viewer may read an assessment (canReadAssessment with the viewer's visible units). */
  readonly mayRead: (a: RiskAssessment) => boolean;
  readonly thresholds: RiskThresholds;
}

export interface HeatMapResult {
  readonly year: number | null;
  readonly years: number[];
  readonly itemCount: number;
  readonly residualMissing: number;
  readonly now: number[][];
  readonly after: number[][];
  readonly colours: RiskColour[][];
  readonly byUnit: { unitId: string; unitName: string; items: number; redNow: number; redAfter: number; unacceptable: number }[];
  readonly unacceptable: number;
}

const grid = () => Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
const bump = (g: number[][], l: number, c: number) => {
  const row = g[l - 1];
  if (row) row[c - 1] = (row[c - 1] ?? 0) + 1;
};

/** The assessments in scope (unit subtree, readable, filters; the year defaulting to the newest one there). */
function eligible(q: HeatMapQuery, src: HeatMapSource): { ids: Set<string>; year: number | null; years: number[]; bucketOf: Map<string, string> } {
  const children = [...src.units.values()].filter((u) => u.parentId === q.unitId);
  // Each unit of the subtree belongs to the child it lies under (or to the unit itself when it has no children).
  const bucketOf = new Map<string, string>([[q.unitId, q.unitId]]);
  for (const child of children) {
    bucketOf.set(child.id, child.id);
    for (const id of descendantIds(child.id, src.units)) bucketOf.set(id, child.id);
  }
  const candidates: RiskAssessment[] = [];
  const years = new Set<number>();
  for (const a of src.assessments) {
    if (!bucketOf.has(a.unitId) || !src.mayRead(a)) continue;
    if (q.roundId !== undefined && a.roundId !== q.roundId) continue;
    if (q.area !== undefined && a.context !== q.area) continue;
    if (q.statuses && !q.statuses.includes(a.status)) continue;
    years.add(a.year);
    candidates.push(a);
  }
  const sortedYears = [...years].sort((a, b) => b - a);
  const year = q.year ?? sortedYears[0] ?? null;
  const ids = new Set(candidates.filter((a) => a.year === year).map((a) => a.id));
  return { ids, year, years: sortedYears, bucketOf };
}

export function heatMap(q: HeatMapQuery, src: HeatMapSource): HeatMapResult {
  const { ids, year, years, bucketOf } = eligible(q, src);
  const now = grid();
  const after = grid();
  let itemCount = 0;
  let residualMissing = 0;
  let unacceptable = 0;
  const buckets = new Map<string, { items: number; redNow: number; redAfter: number; unacceptable: number }>();
  for (const f of src.items) {
    if (!ids.has(f.assessmentId)) continue;
    const j = factJudgement(f, src.thresholds);
    itemCount++;
    bump(now, f.likelihood, f.consequence);
    if (f.residualLikelihood === null || f.residualConsequence === null) {
      residualMissing++;
      bump(after, f.likelihood, f.consequence);
    } else bump(after, f.residualLikelihood, f.residualConsequence);
    if (j.mustReport) unacceptable++;
    const key = bucketOf.get(f.unitId) ?? q.unitId;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { items: 0, redNow: 0, redAfter: 0, unacceptable: 0 }));
    b.items++;
    if (j.now === 'red') b.redNow++;
    if (j.after === 'red') b.redAfter++;
    if (j.mustReport) b.unacceptable++;
  }
  const byUnit = [...buckets.entries()]
    .map(([unitId, b]) => ({ unitId, unitName: src.units.get(unitId)?.name ?? unitId, ...b }))
    .sort((a, b) => (a.unitId === q.unitId ? -1 : b.unitId === q.unitId ? 1 : a.unitName.localeCompare(b.unitName, 'nb')));
  return { year, years, itemCount, residualMissing, now, after, colours: riskMatrix(src.thresholds), byUnit, unacceptable };
}

export interface CellQuery extends HeatMapQuery {
  readonly likelihood: number;
  readonly consequence: number;
  readonly position: 'now' | 'after';
}

/** The rows of one cell, by unit name and the form's order. */
export function cellItems(q: CellQuery, src: HeatMapSource): RiskItemFact[] {
  const { ids } = eligible(q, src);
  const out: RiskItemFact[] = [];
  for (const f of src.items) {
    if (!ids.has(f.assessmentId)) continue;
    const hasResidual = f.residualLikelihood !== null && f.residualConsequence !== null;
    const [l, c] = q.position === 'after' && hasResidual ? [f.residualLikelihood, f.residualConsequence] : [f.likelihood, f.consequence];
    if (l === q.likelihood && c === q.consequence) out.push(f);
  }
  const name = (f: RiskItemFact) => src.units.get(f.unitId)?.name ?? f.unitId;
  return out.sort((a, b) => name(a).localeCompare(name(b), 'nb') || a.assessmentId.localeCompare(b.assessmentId) || a.position - b.position);
}

export const colourOf = (l: number, c: number, t: RiskThresholds): RiskColour => riskColour(l * c, t);

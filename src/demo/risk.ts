// This year's overall risk assessment (ROS) for every unit: rows of the form, measures for red risk, residual risk, escalation to KLG.
import {
  addDays,
  daysBetween,
  osloYear,
  requiresMeasure,
  riskColour,
  riskScore,
  toOsloDate,
  type Measure,
  type RiskAssessment,
  type RiskItem,
  type RiskLevel,
  type RiskPosition,
} from '../domain/index.js';
import { progressMeasure, workingHours } from './measures.js';
import type { Organisation } from './organisation.js';
import { chance, int, pick, sample, type Random } from './random.js';
import { riskTemplatesFor } from './templates/risk.js';

export interface GeneratedRisk {
  readonly riskAssessments: readonly RiskAssessment[];
  readonly riskItems: readonly RiskItem[];
  readonly measures: readonly Measure[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const level = (n: number): RiskLevel => Math.min(5, Math.max(1, Math.round(n))) as RiskLevel;
const jitter = (random: Random) => pick(random, [-1, 0, 0, 1]);

/**
 * One assessment per unit for the Oslo year of `now`, done in Tønsberg's window (forms out in
 * October, units assess by mid-December, compiled by February; seed 000), never after `now`.
 */
export function generateRisk(random: Random, org: Organisation, now: Date): GeneratedRisk {
  const year = osloYear(now);
  const today = toOsloDate(now);
  const windowStart = `${year - 1}-11-15`;
  const windowEnd = `${year}-02-15` < today ? `${year}-02-15` : today;
  const span = Math.max(0, daysBetween(windowStart, windowEnd));
  const riskAssessments: RiskAssessment[] = [];
  const riskItems: RiskItem[] = [];
  const measures: Measure[] = [];
  const { directory } = org;
  const unitById = new Map(org.units.map((u) => [u.id, u]));
  const serviceLeaders = new Map<string, string[]>();
  for (const u of org.units) {
    if (u.level !== 'service' || u.parentId === null) continue;
    serviceLeaders.set(u.parentId, [...(serviceLeaders.get(u.parentId) ?? []), u.leaderId]);
  }

  for (const node of org.plan) {
    const unit = unitById.get(node.id);
    if (node.level !== 'unit' || !unit) continue;
    const date = addDays(windowStart, int(random, 0, span));
    const createdAt = new Date(Math.min(now.getTime(), workingHours(random, Date.parse(`${date}T00:00:00.000Z`))));
    const leaders = serviceLeaders.get(unit.id) ?? [];
    const assessment: RiskAssessment = {
      id: `risk-assessment-${pad(riskAssessments.length + 1, 4)}`,
      title: `Overordnet risikovurdering ${year} – ${unit.name}`,
      context: 'overall',
      unitId: unit.id,
      responsibleId: unit.leaderId,
      participantIds: [
        ...new Set(
          [...leaders, directory.superUserOf.get(unit.id), directory.unionRepOf.get(unit.id), directory.safetyRepOf.get(unit.id)].filter(
            (id): id is string => id !== undefined && id !== unit.leaderId,
          ),
        ),
      ],
      date,
      createdAt: createdAt.toISOString(),
    };
    riskAssessments.push(assessment);

    for (const t of sample(random, riskTemplatesFor(node.area), int(random, 4, 6))) {
      const id = `risk-item-${pad(riskItems.length + 1, 5)}`;
      const current: RiskPosition = { likelihood: level(t.likelihood + jitter(random)), consequence: level(t.consequence + jitter(random)) };
      const base: RiskItem = {
        id,
        assessmentId: assessment.id,
        unitId: unit.id,
        process: t.process,
        whatCanGoWrong: t.whatCanGoWrong,
        consequenceTypes: t.consequenceTypes,
        current,
        breachOfLaw: chance(random, 0.05),
        existingMeasures: t.existingMeasures,
        residual: null,
        residualAcceptable: null,
        measureIds: [],
      };
      const colour = riskColour(riskScore(current));
      const needsMeasure = requiresMeasure(base) || (colour === 'yellow' && chance(random, 0.5));

      let residual: RiskPosition = current;
      let residualAcceptable = colour !== 'red';
      const measureIds: string[] = [];
      if (needsMeasure) {
        const ownerId = leaders.length > 0 && chance(random, 0.5) ? pick(random, leaders) : unit.leaderId;
        const input = {
          id: `measure-risk-${pad(measures.length + 1, 5)}`,
          title: t.measure,
          description: `Tiltak fra risikovurderingen ${year}: ${t.process}.`,
          source: { type: 'riskItem' as const, riskItemId: id },
          ownerId,
          unitId: unit.id,
          deadline: addDays(date, int(random, 45, 300)),
        };
        measures.push(progressMeasure(random, input, createdAt, now));
        measureIds.push(input.id);
        // About one in five red rows stays unacceptable after measures: those go to KLG (seed 000).
        const stuck = colour === 'red' && chance(random, 0.2);
        residual = stuck
          ? { likelihood: level(current.likelihood - int(random, 0, 1)), consequence: current.consequence }
          : { likelihood: level(current.likelihood - int(random, 1, 2)), consequence: level(current.consequence - int(random, 0, 1)) };
        residualAcceptable = !stuck && riskColour(riskScore(residual)) !== 'red';
      }
      riskItems.push({ ...base, residual, residualAcceptable, measureIds });
    }
  }
  return { riskAssessments, riskItems, measures };
}

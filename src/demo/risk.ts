// This year's overall risk assessment (ROS) for every unit: rows of the form, measures for red risk, residual risk, escalation to KLG.
import {
  addDays,
  daysBetween,
  defaultWorkPlan,
  mustReportToKlg,
  orgUnitsById,
  riskAgendaItemId,
  roundAssessmentId,
  riskEscalationCommittee,
  riskEscalationProposal,
  type AgendaItem,
  type QualityCommittee,
  type RiskAssessmentStatus,
  type RiskRound,
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
  /** This year's round of the overall process, with Tønsberg's work plan. */
  readonly riskRounds: readonly RiskRound[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const level = (n: number): RiskLevel => Math.min(5, Math.max(1, Math.round(n))) as RiskLevel;
const jitter = (random: Random) => pick(random, [-1, 0, 0, 1]);

/**
 * One assessment per unit for the Oslo year of `now`, done in Tønsberg's window (forms out in
 * October, units assess by mid-December, compiled by February; seed 000), never after `now`.
 */
export function generateRisk(random: Random, org: Organisation, now: Date, process: Random = random): GeneratedRisk {
  const year = osloYear(now);
  const round = demoRound(org, year, now);
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
      // The app's id for a unit's assessment in a round: the round's view finds each unit's by it (and "create" finds the
      // existing one), so an id of the demo's own made every unit look not started.
      id: roundAssessmentId(round.id, unit.id),
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
      ...progressOf(process, round, createdAt, now),
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
        doneEnough: null,
        reportToKlg: null,
        deviationIds: [],
        escalation: null,
        position: riskItems.filter((i) => i.assessmentId === assessment.id).length,
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
      riskItems.push({ ...base, residual, residualAcceptable, measureIds, doneEnough: !needsMeasure || residualAcceptable });
    }
  }
  return { riskAssessments, riskItems, measures, riskRounds: [round] };
}

/**
 * The round of `year` as Tønsberg ran it (seed 000): started mid-October the year before, units by mid-December, sector
 * heads by early January, done by March. Tasks whose deadline has passed are done; the one under way is half done.
 */
function demoRound(org: Organisation, year: number, now: Date): RiskRound {
  const dates = { start: `${year - 1}-10-16`, unitDeadline: `${year - 1}-12-15`, sectorDeadline: `${year}-01-05`, plannedEnd: `${year}-03-01` };
  const today = toOsloDate(now);
  return {
    id: `risk-round-${year}`,
    year,
    title: `Overordnet risikostyringsprosess ${year}`,
    status: 'active',
    ...dates,
    unitIds: org.plan.filter((n) => n.level === 'unit').map((n) => n.id),
    tasks: defaultWorkPlan(dates).map((t) => ({ ...t, percentDone: t.deadline < today ? 100 : t.start <= today ? Math.max(t.percentDone, 50) : t.percentDone })),
    startedById: org.directory.qualityAdviserIds[0] ?? org.directory.chiefExecutiveId,
    createdAt: new Date(Math.min(now.getTime(), Date.parse(`${dates.start}T08:00:00Z`))).toISOString(),
  };
}

const HOUR = 3_600_000;

/** How far a unit has come: by the deadlines' light, most have gone all the way; a few lag behind (drawn from their own stream). */
function progressOf(random: Random, round: RiskRound, createdAt: Date, now: Date): Pick<RiskAssessment, 'year' | 'status' | 'roundId' | 'submittedAt' | 'compiledAt' | 'forwardedAt' | 'returnNote'> {
  const today = toOsloDate(now);
  const roll = random();
  let status: RiskAssessmentStatus;
  if (today > round.sectorDeadline) status = roll < 0.85 ? 'forwarded' : roll < 0.9 ? 'compiled' : roll < 0.95 ? 'submitted' : 'draft';
  else if (today > round.unitDeadline) status = roll < 0.3 ? 'forwarded' : roll < 0.55 ? 'compiled' : roll < 0.85 ? 'submitted' : 'draft';
  else status = roll < 0.3 ? 'submitted' : 'draft';
  // Each step a few days after the one before, never after now.
  const step = (from: Date | null, days: number) => (from === null ? null : new Date(Math.min(now.getTime(), from.getTime() + days * 24 * HOUR)));
  const submitted = status === 'draft' ? null : step(createdAt, int(random, 1, 10));
  const compiled = status === 'compiled' || status === 'forwarded' ? step(submitted, int(random, 1, 7)) : null;
  const forwarded = status === 'forwarded' ? step(compiled, int(random, 0, 5)) : null;
  const iso = (d: Date | null) => (d === null ? null : new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString());
  return { year: round.year, status, roundId: round.id, submittedAt: iso(submitted), compiledAt: iso(compiled), forwardedAt: iso(forwarded), returnNote: null };
}

/**
 * Rows of forwarded assessments that must go to KLG, raised as KLG's agenda proposals (as forwarding does in the app),
 * and the rows marked with where they went. Needs the committees, so it runs after both are generated.
 */
export function escalateDemoRisk(risk: GeneratedRisk, committees: readonly QualityCommittee[], org: Organisation): { riskItems: RiskItem[]; agendaItems: AgendaItem[] } {
  const units = orgUnitsById(org.units);
  const committee = riskEscalationCommittee(committees, units);
  const assessments = new Map(risk.riskAssessments.map((a) => [a.id, a]));
  const agendaItems: AgendaItem[] = [];
  const riskItems = risk.riskItems.map((item) => {
    const a = assessments.get(item.assessmentId);
    if (!committee || !a || a.status !== 'forwarded' || a.forwardedAt === null || !mustReportToKlg(item)) return item;
    const sectorHead = units.get(units.get(a.unitId)?.parentId ?? '')?.leaderId ?? a.responsibleId;
    const proposal = riskEscalationProposal({ item, assessment: a, unitName: units.get(a.unitId)?.name ?? '', committee, proposedById: sectorHead }, new Date(a.forwardedAt));
    if (!proposal.ok) return item;
    agendaItems.push(proposal.value);
    return { ...item, escalation: { agendaItemId: riskAgendaItemId(item.id), committeeId: committee.id, at: a.forwardedAt } };
  });
  return { riskItems, agendaItems };
}

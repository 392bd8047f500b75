// The demo municipality in one call: organisation, people, committees, documents, two years of cases, measures and this year's ROS.
import { generateCommittees } from './committees.js';
import { generateDeviations } from './deviations.js';
import { generateDocuments } from './documents.js';
import type { AgendaItem, Deviation, GoverningDocument, Instant, Measure, OrgUnit, Person, QualityCommittee, RiskAssessment, RiskItem, RiskRound } from '../domain/index.js';
import { generateOrganisation } from './organisation.js';
import { createRandom } from './random.js';
import { escalateDemoRisk, generateRisk } from './risk.js';
import { generateWhistleblowing, type WhistleblowingCase } from './whistleblowing.js';

export interface DemoOptions {
  /** Same seed, same municipality (and the same for every other option). */
  readonly seed?: number | string;
  /** Everyone in the directory, leaders and staff included. At least about 600. */
  readonly employees?: number;
  /** The generator's "today": cases run up to it, measures and reviews are overdue relative to it. */
  readonly now: Date;
  /** Years of cases up to `now`. */
  readonly years?: number;
  readonly municipalityName?: string;
  /** For `fornavn.etternavn@<domain>`. The default is the demo tenant, so no address reaches a real person. */
  readonly emailDomain?: string;
  readonly deviationsPerEmployeeYear?: number;
}

export interface DemoMunicipality {
  readonly seed: number | string;
  readonly now: Instant;
  readonly years: number;
  readonly emailDomain: string;
  /** The root of the tree (also in `units`). */
  readonly municipality: OrgUnit;
  /** Municipality, sectors, units and services; parents before children. */
  readonly units: readonly OrgUnit[];
  readonly people: readonly Person[];
  readonly committees: readonly QualityCommittee[];
  readonly documents: readonly GoverningDocument[];
  /** Ordinary cases (every kind but whistleblowing), in reporting order. */
  readonly deviations: readonly Deviation[];
  /** Measures from deviations and from risk items. */
  readonly measures: readonly Measure[];
  readonly riskAssessments: readonly RiskAssessment[];
  readonly riskItems: readonly RiskItem[];
  /** This year's round of the overall risk process (its work plan and deadlines). */
  readonly riskRounds: readonly RiskRound[];
  /** Agenda proposals to KLG: the rows of forwarded assessments with unacceptable residual risk. */
  readonly agendaItems: readonly AgendaItem[];
  /** The confidential route: stored apart from the ordinary cases (architecture.md). */
  readonly whistleblowing: readonly WhistleblowingCase[];
}

export const DEMO_DEFAULTS = {
  seed: 2026,
  employees: 4000,
  years: 2,
  municipalityName: 'Tønsberg kommune',
  // The demo tenant beside the demo site varde-demo.sharepoint.com (architecture.md).
  emailDomain: 'varde-demo.onmicrosoft.com',
  deviationsPerEmployeeYear: 0.75,
} as const;

/**
 * A Tønsberg-like municipality. Pure and deterministic: no clock, no I/O, no platform randomness; each
 * part draws from its own seeded stream, so the parts do not shift one another.
 */
export function generateMunicipality(options: DemoOptions): DemoMunicipality {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const employees = options.employees ?? DEMO_DEFAULTS.employees;
  const years = options.years ?? DEMO_DEFAULTS.years;
  const emailDomain = options.emailDomain ?? DEMO_DEFAULTS.emailDomain;
  const { now } = options;
  if (!Number.isInteger(employees) || employees < 1) throw new RangeError('employees must be a positive whole number');
  if (!(years > 0)) throw new RangeError('years must be positive');
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');

  const org = generateOrganisation(createRandom(seed, 'organisation'), {
    employees,
    municipalityName: options.municipalityName ?? DEMO_DEFAULTS.municipalityName,
    emailDomain,
  });
  const cases = generateDeviations(createRandom(seed, 'deviations'), org, {
    now,
    years,
    perEmployeeYear: options.deviationsPerEmployeeYear ?? DEMO_DEFAULTS.deviationsPerEmployeeYear,
  });
  const risk = generateRisk(createRandom(seed, 'risk'), org, now, createRandom(seed, 'risk-process'));
  const committees = generateCommittees(createRandom(seed, 'committees'), org);
  const escalated = escalateDemoRisk(risk, committees, org);
  return {
    seed,
    now: now.toISOString(),
    years,
    emailDomain,
    municipality: org.units[0] as OrgUnit,
    units: org.units,
    people: org.people,
    committees,
    documents: generateDocuments(createRandom(seed, 'documents'), org, now),
    deviations: cases.deviations,
    measures: [...cases.measures, ...risk.measures],
    riskAssessments: risk.riskAssessments,
    riskItems: escalated.riskItems,
    riskRounds: risk.riskRounds,
    agendaItems: escalated.agendaItems,
    whistleblowing: generateWhistleblowing(createRandom(seed, 'whistleblowing'), org, now, years),
  };
}

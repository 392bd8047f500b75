// Quality committees (kvalitetsutvalg) at every level, their standing agenda items and who reports to whom.
//
// One committee per unit at every level, each reporting to the one above (seed 001, appendix 1).
// From April 2024 Tønsberg replaced the top committee (KDKU) by the monthly KUL (seed 000); both
// kinds exist so a municipality can run either.

import { domainError, type DomainError } from './domain-error.js';
import { ancestors, leads, type OrgLevel, type OrgUnits } from './organisation.js';

export type CommitteeKind =
  | 'chiefExecutiveQualityCommittee' // kommunedirektørens kvalitetsutvalg (KDKU; earlier RKU)
  | 'extendedLeadershipMeeting' // kommunedirektørens utvidede ledermøte (KUL)
  | 'executiveLeadershipGroup' // kommunalsjefenes ledergruppe (KLG): receives unacceptable residual risk
  | 'sectorQualityCommittee' // kommunalsjefens kvalitetsutvalg
  | 'unitQualityCommittee' // virksomhetsleders kvalitetsutvalg
  | 'serviceQualityCommittee' // tjenesteleder/avdelingsleders kvalitetsutvalg, inside the driftsmøte
  | 'patientSafetyCommittee'; // utvalg for pasient- og brukersikkerhet, led by the kommuneoverlege

export type CommitteeMemberRole =
  | 'leader'
  | 'facilitator' // tilrettelegger: quality adviser, coordinator or someone the leader appoints
  | 'member'
  | 'unionRepresentative'
  | 'safetyRepresentative'
  | 'userRepresentative'
  | 'patientSafetyRepresentative'
  | 'chiefMunicipalPhysician';

export interface CommitteeMember {
  readonly personId: string;
  readonly role: CommitteeMemberRole;
}

export interface QualityCommittee {
  readonly id: string;
  readonly kind: CommitteeKind;
  readonly name: string;
  /** The organisation unit the committee belongs to. */
  readonly unitId: string;
  readonly leaderId: string;
  readonly facilitatorId: string | null;
  readonly members: readonly CommitteeMember[];
  /** Held as part of the ordinary operations meeting (driftsmøte) to avoid extra meetings (seed 001). */
  readonly heldInOperationsMeeting: boolean;
}

/** Fixed agenda items (faste saker), seed 001 appendix 1, plus KLG's action list (seed 000). */
export type StandingItem =
  | 'qualityIndicators' // kvalitetsindikatorer og resultater (dashboard)
  | 'criticalRisk' // kritisk risiko fra avvik, tilsyn, nye styringssignaler; beslutte tiltak
  | 'internalAuditPlan' // vedta internrevisjonsplan
  | 'auditReports' // interne og eksterne revisjonsrapporter, tilsyn, og lukking av avvik
  | 'annualReportInternalControl' // redegjørelsen i årsberetningen om internkontroll
  | 'improvementAndLearning' // forbedringsarbeid og læring på tvers
  | 'informUpwards' // informere «oppover» om risiko og forbedringsarbeid
  | 'deviations' // gjennomgå avvik (tjeneste-/avdelingsnivå)
  | 'patientSafetyReports' // rapporter fra pasientsikkerhetsutvalget
  | 'seriousIncidents' // alvorlige hendelser og om de skal meldes Statens helsetilsyn
  | 'actionList'; // aksjonsliste / restanseliste

const TOP_ITEMS: readonly StandingItem[] = [
  'qualityIndicators',
  'criticalRisk',
  'internalAuditPlan',
  'auditReports',
  'annualReportInternalControl',
  'improvementAndLearning',
];

const STANDING_ITEMS: Readonly<Record<CommitteeKind, readonly StandingItem[]>> = {
  chiefExecutiveQualityCommittee: TOP_ITEMS,
  extendedLeadershipMeeting: TOP_ITEMS, // KUL took over KDKU's tasks
  executiveLeadershipGroup: ['criticalRisk', 'actionList'],
  // Patient-safety reports apply to Mestring og helse and Oppvekst og læring; a chair drops them elsewhere.
  sectorQualityCommittee: ['qualityIndicators', 'criticalRisk', 'auditReports', 'patientSafetyReports', 'improvementAndLearning', 'informUpwards'],
  unitQualityCommittee: ['qualityIndicators', 'criticalRisk', 'auditReports', 'improvementAndLearning', 'informUpwards'],
  serviceQualityCommittee: ['deviations', 'qualityIndicators', 'criticalRisk', 'improvementAndLearning', 'informUpwards'],
  patientSafetyCommittee: ['seriousIncidents', 'improvementAndLearning'],
};

export function standingItems(kind: CommitteeKind): readonly StandingItem[] {
  return STANDING_ITEMS[kind];
}

const LEVELS: Readonly<Record<CommitteeKind, readonly OrgLevel[]>> = {
  chiefExecutiveQualityCommittee: ['municipality'],
  extendedLeadershipMeeting: ['municipality'],
  executiveLeadershipGroup: ['municipality'],
  sectorQualityCommittee: ['sector'],
  unitQualityCommittee: ['unit'],
  serviceQualityCommittee: ['service'],
  // Tønsberg's advises the sector heads of health and of schools; others may place it centrally.
  patientSafetyCommittee: ['municipality', 'sector'],
};

export function committeeLevels(kind: CommitteeKind): readonly OrgLevel[] {
  return LEVELS[kind];
}

/**
 * Minimum meetings a year: 3 for the line committees, "before the period reports and the annual
 * report" (seed 001); 12 for KUL, monthly (seed 000); null where the sources set none (the service
 * committee meets in the operations meetings, the patient-safety committee when needed).
 */
export function minimumMeetingsPerYear(kind: CommitteeKind): number | null {
  switch (kind) {
    case 'chiefExecutiveQualityCommittee':
    case 'sectorQualityCommittee':
    case 'unitQualityCommittee':
      return 3;
    case 'extendedLeadershipMeeting':
      return 12;
    case 'executiveLeadershipGroup':
    case 'serviceQualityCommittee':
    case 'patientSafetyCommittee':
      return null;
  }
}

/** The committees in the reporting line, led by the leader of the unit they belong to. */
export function isLineCommittee(kind: CommitteeKind): boolean {
  return kind !== 'patientSafetyCommittee' && kind !== 'executiveLeadershipGroup';
}

export function validateCommittee(c: QualityCommittee, units: OrgUnits): DomainError[] {
  const unit = units.get(c.unitId);
  if (!unit) return [domainError('org.unknownUnit', { unitId: c.unitId })];
  const errors: DomainError[] = [];
  if (!LEVELS[c.kind].includes(unit.level)) errors.push(domainError('committee.levelMismatch', { committeeId: c.id, unitId: unit.id }));
  // "Leder: kommunalsjef / virksomhetsleder / tjenesteleder" (seed 001); a deputy may stand in.
  if (isLineCommittee(c.kind) && !leads(c.leaderId, unit)) {
    errors.push(domainError('committee.leaderMismatch', { committeeId: c.id, unitId: unit.id }));
  }
  return errors;
}

/**
 * The committee a line committee reports to: the line committee of the nearest unit above that
 * has one. At the top, KUL is preferred where a municipality has both KUL and KDKU.
 */
export function parentCommittee(c: QualityCommittee, committees: readonly QualityCommittee[], units: OrgUnits): QualityCommittee | undefined {
  return committeeAbove(c.unitId, committees, units);
}

/**
 * Where a case of the unit is escalated to ("lower committees escalate to the one above", seed 001):
 * the line committee of the nearest unit above the unit that has one, KUL preferred at the top. The
 * unit's own committee is not "above": a case is already that committee's business.
 */
export function committeeAbove(unitId: string, committees: readonly QualityCommittee[], units: OrgUnits): QualityCommittee | undefined {
  const rank = (k: CommitteeKind) => (k === 'extendedLeadershipMeeting' ? 0 : 1);
  for (const above of ancestors(unitId, units)) {
    const candidates = committees.filter((x) => x.unitId === above.id && isLineCommittee(x.kind)).sort((a, b) => rank(a.kind) - rank(b.kind));
    if (candidates[0]) return candidates[0];
  }
  return undefined;
}

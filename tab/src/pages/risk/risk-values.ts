// The risk API's code values the tab offers; each list comes from a record keyed by the contract's type, so a new value
// there fails typecheck here (the tab takes only types from the server).
import type { RiskConsequenceType, RiskLevel } from '../../../../src/domain/index.js';
import type { RiskArea, RiskAssessmentActionType, RiskAssessmentStatus, RiskTaskResponsible, RiskUnitState } from '../../../../src/server/api/contract-risk.js';

function keysOf<K extends string>(record: Record<K, true>): readonly K[] {
  return Object.keys(record) as K[];
}

export const RISK_AREAS = keysOf<RiskArea>({
  overall: true,
  emergencyPreparedness: true,
  informationSecurity: true,
  project: true,
  hse: true,
  planning: true,
  municipalPlanGoals: true,
  businessPlan: true,
  environment: true,
});

export const RISK_STATUSES = keysOf<RiskAssessmentStatus>({ draft: true, submitted: true, compiled: true, forwarded: true });
export const RISK_UNIT_STATES = keysOf<RiskUnitState>({ notStarted: true, draft: true, submitted: true, compiled: true, forwarded: true });
export const RISK_ACTIONS = keysOf<RiskAssessmentActionType>({ submit: true, return: true, compile: true, forward: true });
export const RISK_TASK_RESPONSIBLES = keysOf<RiskTaskResponsible>({ qualityAdviser: true, sectorHead: true, unitLeader: true, executiveGroup: true, person: true });

/** In the form's order (seed 000). */
export const CONSEQUENCE_TYPES = keysOf<RiskConsequenceType>({
  humanInjury: true,
  materialDamage: true,
  economicLoss: true,
  environment: true,
  reputation: true,
  privacy: true,
  ethicsAndCorruption: true,
});

export const RISK_LEVELS: readonly RiskLevel[] = [1, 2, 3, 4, 5];

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

// The domain's code values the tab offers in filters and forms; each list is derived from a record keyed by the domain type, so a new value fails typecheck here.
import type { CaseStatus, CauseCategory, ConsequenceFor, DeviationKind, MeasureSource, MeasureStatus, Severity } from '../../src/domain/index.js';

function keysOf<K extends string>(record: Record<K, true>): readonly K[] {
  return Object.keys(record) as K[];
}

export const KINDS = keysOf<DeviationKind>({
  adverseEvent: true,
  nearMiss: true,
  improvementProposal: true,
  positiveFeedback: true,
  inspectionFinding: true,
  auditFinding: true,
  whistleblowingReport: true,
});
export const STATUSES = keysOf<CaseStatus>({ new: true, received: true, underAnalysis: true, measuresDecided: true, closed: true });
export const OPEN_STATUSES: readonly CaseStatus[] = STATUSES.filter((s) => s !== 'closed');
export const SEVERITIES = keysOf<Severity>({ low: true, medium: true, high: true, critical: true });
export const CAUSE_CATEGORIES = keysOf<CauseCategory>({
  routine: true,
  competence: true,
  communication: true,
  staffing: true,
  equipment: true,
  physicalEnvironment: true,
  externalFactors: true,
  other: true,
});
export const CONSEQUENCES = keysOf<ConsequenceFor>({ serviceUser: true, employee: true, organisation: true, environment: true });
export type MeasureSourceType = MeasureSource['type'];
export const MEASURE_SOURCES = keysOf<MeasureSourceType>({ deviation: true, riskItem: true, audit: true, meetingDecision: true, procedureSelfAssessment: true });
export const MEASURE_STATUSES = keysOf<MeasureStatus>({ open: true, inProgress: true, done: true, cancelled: true });
export const OPEN_MEASURE_STATUSES: readonly MeasureStatus[] = ['open', 'inProgress'];

export type CaseSort = 'reportedAt' | '-reportedAt' | 'severity' | '-severity' | 'status' | '-status';
export const CASE_SORTS = keysOf<CaseSort>({ '-reportedAt': true, reportedAt: true, '-severity': true, severity: true, status: true, '-status': true });
export type CaseScope = 'units' | 'mine' | 'handling';
export const CASE_SCOPES = keysOf<CaseScope>({ mine: true, units: true, handling: true });

export function isOneOf<T extends string>(values: readonly T[], value: string | null | undefined): value is T {
  return value != null && (values as readonly string[]).includes(value);
}

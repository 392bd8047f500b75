// Deviations (avvik) and the other reports that share their case handling, and the rules for a new report.
//
// One record type for every kind of report, as in Asker's AskerDialogen (seed 004: deviations,
// improvement proposals, positive feedback and findings from inspections and audits in one
// system). Whistleblowing is a kind too, but routed to its own confidential store (seed 003).

import { caseNumberFor, type CaseNumber } from './case-number.js';
import { fail, ok, type Result } from './domain-error.js';
import type { Instant } from './oslo-time.js';

export type DeviationKind =
  | 'adverseEvent' // avvik / uønsket hendelse
  | 'nearMiss' // nestenuhell
  | 'improvementProposal' // forbedringsforslag
  | 'positiveFeedback' // positive tiltak (seed 004)
  | 'inspectionFinding' // funn fra tilsyn
  | 'auditFinding' // funn fra revisjon (internal or external)
  | 'whistleblowingReport'; // varsling om kritikkverdige forhold

export const DEVIATION_KINDS: readonly DeviationKind[] = [
  'adverseEvent',
  'nearMiss',
  'improvementProposal',
  'positiveFeedback',
  'inspectionFinding',
  'auditFinding',
  'whistleblowingReport',
];

/** ordinary: the quality site, seen along the line; confidential: the whistleblowing site, named recipients only. */
export type CaseRoute = 'ordinary' | 'confidential';

export function routeOf(kind: DeviationKind): CaseRoute {
  return kind === 'whistleblowingReport' ? 'confidential' : 'ordinary';
}

/**
 * Alvorlighetsgrad: lav, middels, høy, kritisk. The sources give no scale for deviations; four
 * steps leave no neutral middle, and 'high'/'critical' match the "alvorlig skade" and "betydelig
 * personskade" that send a case to the patient-safety committee (seed 001, appendix 1). For a near
 * miss it is the harm that could have happened.
 */
export type Severity = 'low' | 'medium' | 'high' | 'critical';

export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity) + 1;
}

/** Who or what was (or could have been) harmed: tjenestemottaker, ansatt, organisasjonen, miljø. */
export type ConsequenceFor = 'serviceUser' | 'employee' | 'organisation' | 'environment';

export type CaseStatus = 'new' | 'received' | 'underAnalysis' | 'measuresDecided' | 'closed';

export const CONSEQUENCE_FOR: readonly ConsequenceFor[] = ['serviceUser', 'employee', 'organisation', 'environment'];
export const CASE_STATUSES: readonly CaseStatus[] = ['new', 'received', 'underAnalysis', 'measuresDecided', 'closed'];

/** Cause categories for statistics, trend and cause analysis (seed 004); the list is ours. */
export type CauseCategory =
  | 'routine' // rutine mangler, er uklar eller ble ikke fulgt
  | 'competence' // kompetanse og opplæring
  | 'communication' // kommunikasjon og informasjon
  | 'staffing' // bemanning og organisering av arbeidet
  | 'equipment' // utstyr, teknologi, IT
  | 'physicalEnvironment' // bygg og fysiske omgivelser
  | 'externalFactors' // forhold utenfor kommunens kontroll
  | 'other';

export const CAUSE_CATEGORIES: readonly CauseCategory[] = [
  'routine',
  'competence',
  'communication',
  'staffing',
  'equipment',
  'physicalEnvironment',
  'externalFactors',
  'other',
];

export interface CauseAnalysis {
  /** "5 hvorfor": each answer digs one step deeper (seeds 000, 001). */
  readonly whys: readonly string[];
  readonly rootCause: string | null;
  readonly causeCategory: CauseCategory | null;
}

/** The lifecycle steps: 'report' starts the case, each of the others moves its status (case-lifecycle.ts). */
export type CaseStepType = 'report' | 'receive' | 'startAnalysis' | 'decideMeasures' | 'close' | 'reopen';

/**
 * Changes to the case that leave its status as it is, logged beside the steps so that the history
 * answers who changed what and when for every change (the analysis, a measure added, feedback to the
 * reporter, an escalation to the committee above).
 */
export type CaseChangeType = 'analysis' | 'measureAdded' | 'feedback' | 'escalated';

export type CaseEventType = CaseStepType | CaseChangeType;

export const CASE_STEP_TYPES: readonly CaseStepType[] = ['report', 'receive', 'startAnalysis', 'decideMeasures', 'close', 'reopen'];
export const CASE_CHANGE_TYPES: readonly CaseChangeType[] = ['analysis', 'measureAdded', 'feedback', 'escalated'];
export const CASE_EVENT_TYPES: readonly CaseEventType[] = [...CASE_STEP_TYPES, ...CASE_CHANGE_TYPES];

export function isCaseStep(type: CaseEventType): type is CaseStepType {
  return (CASE_STEP_TYPES as readonly string[]).includes(type);
}

/**
 * One event in the case's life, kept so the reporter can see what happened (seed 004). A step
 * records the status it moved from and to; a change records the status it happened in as both.
 */
export interface CaseEvent {
  readonly type: CaseEventType;
  readonly actorId: string;
  readonly at: Instant;
  readonly from: CaseStatus | null;
  readonly to: CaseStatus;
  readonly note?: string;
}

export interface Deviation {
  /** Storage id (generated by the app). */
  readonly id: string;
  readonly caseNumber: CaseNumber;
  readonly kind: DeviationKind;
  readonly title: string;
  readonly description: string;
  readonly location: string | null;
  /** When it happened; null for kinds without an event (an improvement proposal). */
  readonly occurredAt: Instant | null;
  readonly reportedAt: Instant;
  readonly reporterId: string;
  /** The unit the case belongs to: it decides who handles and who may see it. */
  readonly unitId: string;
  readonly severity: Severity | null;
  readonly consequenceFor: readonly ConsequenceFor[];
  /** Strakstiltak: what the reporter did at once. */
  readonly immediateAction: string | null;
  readonly status: CaseStatus;
  readonly handlerId: string | null;
  readonly analysis: CauseAnalysis;
  /** Why no measure was needed, when measures were decided without any. */
  readonly noMeasureReason: string | null;
  readonly closingNote: string | null;
  readonly closedAt: Instant | null;
  /** Holds health information (helseopplysninger): details only for those handling it (access.ts). */
  readonly healthRelated: boolean;
  readonly measureIds: readonly string[];
  readonly riskItemIds: readonly string[];
  readonly history: readonly CaseEvent[];
}

/** Kinds that report something that happened or nearly happened, so need a severity. */
export function kindRequiresSeverity(kind: DeviationKind): boolean {
  return kind === 'adverseEvent' || kind === 'nearMiss';
}

/** Kinds whose handling needs a root-cause analysis before measures ("Forstå rotårsaken", seed 000). */
export function kindRequiresRootCause(kind: DeviationKind): boolean {
  return kind === 'adverseEvent' || kind === 'nearMiss' || kind === 'inspectionFinding' || kind === 'auditFinding';
}

export function hasRootCause(analysis: CauseAnalysis): boolean {
  return (analysis.rootCause ?? '').trim() !== '' && analysis.causeCategory !== null;
}

/**
 * Whether the patient and user safety committee should look at the case: serious harm, actual or
 * possible, to a service user in health and care (seed 001, appendix 1).
 */
export function needsPatientSafetyReview(d: Deviation): boolean {
  return (
    (d.kind === 'adverseEvent' || d.kind === 'nearMiss') &&
    d.healthRelated &&
    d.consequenceFor.includes('serviceUser') &&
    d.severity !== null &&
    severityRank(d.severity) >= severityRank('high')
  );
}

export const TITLE_MAX_LENGTH = 255;

export interface NewDeviation {
  readonly id: string;
  /** Allocated by the store in the kind's series (caseSeriesOf) for the Oslo year of `now`. */
  readonly sequence: number;
  readonly kind: DeviationKind;
  readonly title: string;
  readonly description: string;
  readonly location?: string | null;
  readonly occurredAt?: Instant | null;
  readonly reporterId: string;
  readonly unitId: string;
  readonly severity?: Severity | null;
  readonly consequenceFor?: readonly ConsequenceFor[];
  readonly immediateAction?: string | null;
  readonly healthRelated?: boolean;
}

const blankToNull = (text: string | null | undefined): string | null => {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? null : trimmed;
};

/** A new report, status 'new'. Asks only what reporting needs: it must take seconds (seed 003). */
export function reportDeviation(input: NewDeviation, now: Date): Result<Deviation> {
  const title = input.title.trim();
  if (title === '') return fail('case.titleMissing');
  if (title.length > TITLE_MAX_LENGTH) return fail('case.titleTooLong', { max: TITLE_MAX_LENGTH });
  const severity = input.severity ?? null;
  if (severity === null && kindRequiresSeverity(input.kind)) return fail('case.severityMissing');
  const occurredAt = input.occurredAt ?? null;
  if (occurredAt !== null) {
    const t = Date.parse(occurredAt);
    if (Number.isNaN(t)) return fail('date.invalid', { value: occurredAt });
    if (t > now.getTime()) return fail('case.occurredInFuture');
  }
  const caseNumber = caseNumberFor(input.kind, now, input.sequence);
  if (!caseNumber.ok) return caseNumber;

  const reportedAt = now.toISOString();
  return ok({
    id: input.id,
    caseNumber: caseNumber.value,
    kind: input.kind,
    title,
    description: input.description.trim(),
    location: blankToNull(input.location),
    occurredAt: occurredAt === null ? null : new Date(occurredAt).toISOString(),
    reportedAt,
    reporterId: input.reporterId,
    unitId: input.unitId,
    severity,
    consequenceFor: [...new Set(input.consequenceFor ?? [])],
    immediateAction: blankToNull(input.immediateAction),
    status: 'new',
    handlerId: null,
    analysis: { whys: [], rootCause: null, causeCategory: null },
    noMeasureReason: null,
    closingNote: null,
    closedAt: null,
    healthRelated: input.healthRelated ?? false,
    measureIds: [],
    riskItemIds: [],
    history: [{ type: 'report', actorId: input.reporterId, at: reportedAt, from: null, to: 'new' }],
  });
}

/**
 * A case as a list shows it and the access policy judges it: no free text but the title, no analysis, no history.
 * What the inbox reads from SharePoint for each of its rows (the case view reads the whole Deviation).
 */
export type CaseRow = Pick<Deviation, 'id' | 'caseNumber' | 'kind' | 'title' | 'unitId' | 'severity' | 'status' | 'reportedAt' | 'reporterId' | 'handlerId' | 'healthRelated'>;

/** A row as shown to someone who may not see its health details: the title blanked, as withoutHealthDetails does. */
export function rowWithoutHealthDetails<T extends CaseRow>(row: T): T {
  return row.healthRelated ? { ...row, title: '' } : row;
}

/**
 * The case as shown to someone who may see it but not its health details: every free-text field
 * may hold health information, so all are blanked (the title too: "wrong dose to Mr X" is a health
 * detail); the case number, kind, severity, status, dates, unit and cause category stay so the
 * case can still be followed up and counted.
 */
export function withoutHealthDetails(d: Deviation): Deviation {
  if (!d.healthRelated) return d;
  return {
    ...d,
    title: '',
    description: '',
    location: null,
    immediateAction: null,
    analysis: { whys: [], rootCause: null, causeCategory: d.analysis.causeCategory },
    noMeasureReason: null,
    closingNote: null,
    history: d.history.map(({ note: _note, ...event }) => event),
  };
}

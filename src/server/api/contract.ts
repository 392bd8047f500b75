// The JSON the tab and the server exchange under /api/*: one description both sides compile against.
//
// The tab imports these types only (`import type`), so nothing of the server ends up in its bundle.
// Errors are always `ApiError` with a Norwegian message a person can act on; `code` is for code.

import type { CaseActionType, CaseStatus, CauseCategory, ConsequenceFor, DeviationKind, MeasureSource, MeasureStatus, OrgLevel, Role, Severity } from '../../domain/index.js';

export interface ApiError {
  error: {
    /** 'unauthenticated' (401), 'forbidden' (403), 'notFound' (404), 'invalidRequest' (400), 'conflict' (409), 'unavailable' (503), 'internalError' (500). */
    code: string;
    /** Norwegian bokmål, for people. */
    message: string;
    /** For 'invalidRequest': which field and why, in Norwegian. */
    details?: { field: string; message: string }[];
    /** For 'conflict' on a case: the case as it is now (someone else's change), so the tab can show it. */
    current?: CaseDetail;
  };
}

export type Locale = 'nb' | 'nn' | 'en';

// ---- session -------------------------------------------------------------------------------

/** GET /api/local/personas (local runs only; 404 elsewhere). */
export interface LocalPersona {
  key: string;
  /** 'Tjenesteleder' … */
  label: string;
  name: string;
  unitName: string;
}

/** POST /api/local/sign-in { persona } → a token signed by the local Entra stand-in, validated like a Teams SSO token. */
export interface LocalSignIn {
  token: string;
  expiresAt: string;
}

/** GET /api/me */
export interface MeView {
  id: string;
  name: string;
  email: string;
  unitId: string;
  unitName: string;
  roles: Role[];
  /** Units the person leads or deputises for (their own action list and dashboard roots). */
  leadsUnitIds: string[];
  /** Whether the inbox has anything beyond the person's own reports (a leader, kommunalsjef, adviser …). */
  seesOthersCases: boolean;
  /** Whether the person is a named whistleblowing recipient. */
  whistleblowingRecipient: boolean;
  /** True when signed in through the local persona page (shown as a banner). */
  localSession: boolean;
}

/** GET /api/units: the whole tree (not secret), for filters and pickers. */
export interface UnitView {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
}

/** GET /api/people?unitId=&q= : at most 50, for picking an owner or handler. */
export interface PersonSummary {
  id: string;
  name: string;
  unitId: string;
}

// ---- cases ---------------------------------------------------------------------------------

/**
 * GET /api/cases — query string (all optional):
 *   scope=units|mine|handling (default units: cases of my units and below; mine: my own reports; handling: assigned to me)
 *   route=ordinary|confidential (confidential: whistleblowing, recipients only)
 *   kind, status, severity: one value each, or comma-separated values
 *   unitId: that unit and those below it (must be within what I may see)
 *   from, to: YYYY-MM-DD, reported within (Oslo dates, inclusive)
 *   q: text search (case number, title, and the text the viewer may read)
 *   sort=reportedAt|-reportedAt|severity|-severity|status (default -reportedAt)
 *   pageSize (1–100, default 50), continuation (opaque, from the previous page)
 */
export interface CaseSummary {
  id: string;
  caseNumber: string;
  kind: DeviationKind;
  /** Empty when the viewer may not see the health details ('healthDetailsHidden'). */
  title: string;
  unitId: string;
  unitName: string;
  severity: Severity | null;
  status: CaseStatus;
  reportedAt: string;
  handlerId: string | null;
  handlerName: string | null;
  healthRelated: boolean;
  healthDetailsHidden: boolean;
}

export interface CasePage {
  items: CaseSummary[];
  continuation: string | null;
  /** How many cases match the filter in all, per status (from the delta-synced index; `asOf` says how fresh). */
  counts: { total: number; byStatus: Record<CaseStatus, number> } | null;
  /** When the index behind `counts` was last in step with SharePoint; null while it is still loading. */
  asOf: string | null;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface HistoryEntry {
  /** Case events ('report', 'receive', …) and record changes ('analysis', 'measureAdded', 'feedback', 'escalated', 'assigned'). */
  type: string;
  actor: PersonRef;
  at: string;
  from: CaseStatus | null;
  to: CaseStatus | null;
  note: string | null;
}

export interface MeasureView {
  id: string;
  title: string;
  description: string;
  source: MeasureSource['type'];
  sourceId: string;
  /** For a deviation measure: its case number, to link back. */
  sourceLabel: string | null;
  owner: PersonRef;
  unitId: string;
  unitName: string;
  deadline: string;
  status: MeasureStatus;
  overdue: boolean;
  completedAt: string | null;
  evaluation: string | null;
  etag: string;
}

export interface Attachment {
  name: string;
  /** A link the viewer can open (through the app, which checks access again). */
  url: string;
}

/** GET /api/cases/:id — every read is recorded (who, when) in the case's read log. */
export interface CaseDetail extends CaseSummary {
  description: string;
  location: string | null;
  occurredAt: string | null;
  reporter: PersonRef;
  consequenceFor: ConsequenceFor[];
  immediateAction: string | null;
  analysis: { whys: string[]; rootCause: string | null; causeCategory: CauseCategory | null };
  noMeasureReason: string | null;
  closingNote: string | null;
  closedAt: string | null;
  measures: MeasureView[];
  attachments: Attachment[];
  history: HistoryEntry[];
  /** What the viewer may do now (empty when they may only read). */
  allowedActions: CaseActionType[];
  canHandle: boolean;
  /** The committee an escalation goes to, when there is one above the case's unit. */
  escalationTarget: { committeeId: string; name: string } | null;
  /** Pass back on every write; a stale one gets 409 'conflict' with `current`. */
  etag: string;
}

/** POST /api/cases/:id/actions */
export type CaseActionBody = { etag: string } & (
  | { type: 'receive'; handlerId?: string }
  | { type: 'startAnalysis' }
  | { type: 'decideMeasures'; noMeasureReason?: string }
  | { type: 'close'; closingNote: string }
  | { type: 'reopen'; to: 'received' | 'underAnalysis'; reason: string }
);

/** PUT /api/cases/:id/analysis: "5 hvorfor" (one to five answers) and a cause category. */
export interface AnalysisBody {
  etag: string;
  whys: string[];
  rootCause: string | null;
  causeCategory: CauseCategory | null;
}

/** POST /api/cases/:id/measures → CaseDetail (the measure also lands on the action list). */
export interface NewMeasureBody {
  etag: string;
  title: string;
  description?: string;
  ownerId: string;
  /** YYYY-MM-DD */
  deadline: string;
}

/** POST /api/cases/:id/feedback → { sent }: a message to the reporter through the bot, and their receipt card updated. */
export interface FeedbackBody {
  text: string;
}

/** POST /api/cases/:id/escalate → { agendaItemId, committeeName }: an agenda proposal in the committee above. */
export interface EscalateBody {
  note: string;
}

// ---- action list ---------------------------------------------------------------------------

/**
 * GET /api/measures — query: source (deviation|riskItem|audit|meetingDecision|procedureSelfAssessment),
 * unitId (and below), status (comma-separated; default open,inProgress), overdue=true, mine=true (I own them),
 * pageSize, continuation. GET /api/measures/export.xlsx takes the same filters and returns every matching row.
 */
export interface MeasurePage {
  items: MeasureView[];
  continuation: string | null;
}

/** POST /api/measures/:id/complete → MeasureView. The comment is the measure's evaluation (did it work?). */
export interface CompleteMeasureBody {
  etag: string;
  comment: string;
}

// ---- dashboard -----------------------------------------------------------------------------

/** GET /api/dashboard?unitId=&months=12 (unitId defaults to the viewer's top unit; whistleblowing never counted). */
export interface DashboardView {
  unit: UnitView;
  asOf: string | null;
  /** Oldest first: 'YYYY-MM' (Oslo), reported and closed that month. */
  byMonth: { month: string; reported: number; closed: number }[];
  byKind: { kind: DeviationKind; count: number }[];
  bySeverity: { severity: Severity | 'none'; count: number }[];
  /** The unit's children (or the unit itself at the lowest level). */
  byUnit: { unitId: string; unitName: string; reported: number; open: number }[];
  open: number;
  closed: number;
  /** Median days from reported to closed, for cases closed in the period; null if none. */
  medianDaysToClose: number | null;
  overdueMeasures: number;
  /** Reported in the last three months against the three before: 'up' | 'down' | 'flat'. */
  trend: 'up' | 'down' | 'flat';
}

/** GET /api/channels/:channelId/unit → { unitId } : the unit whose leader channel this is, for the channel tab; null if none. */
export interface ChannelUnit {
  unitId: string | null;
}

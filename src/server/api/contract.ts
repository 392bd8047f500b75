// The JSON the tab and the server exchange under /api/*: one description both sides compile against.
//
// The tab imports these types only (`import type`), so nothing of the server ends up in its bundle.
// Errors are always `ApiError` with a Norwegian message a person can act on; `code` is for code.

import type { CaseActionType, CaseStatus, CauseCategory, ConsequenceFor, DeviationKind, MeasureSource, MeasureStatus, OrgLevel, Role, Severity } from '../../domain/index.js';

export interface ApiError {
  error: {
    /**
     * 'unauthenticated' (401), 'forbidden' (403), 'notInOrganisation' (403: a valid sign-in of someone the organisation
     * does not know), 'notFound' (404), 'invalidRequest' (400), 'conflict' (409), 'invalidState' (409: the record's state
     * does not allow the step, e.g. closing a closed case), 'unavailable' (503), 'internalError' (500).
     */
    code: string;
    /** Norwegian bokmål, for people. */
    message: string;
    /** For 'invalidRequest': which field and why, in Norwegian. */
    details?: { field: string; message: string }[];
    /** For 'conflict' on a case: the case as it is now (someone else's change), so the tab can show it. */
    current?: CaseDetail;
    /** For 'conflict' on a measure (POST /api/measures/:id/complete): the measure as it is now. */
    currentMeasure?: MeasureView;
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

/**
 * POST /api/local/sign-in { persona } (or { personId }, for tests) → a token signed by the local Entra stand-in,
 * validated like a Teams SSO token. Send it as `Authorization: Bearer <token>`; 404 outside local runs.
 */
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
  /** The person's preferred language in Microsoft 365 (Graph `/me`, read as the user); 'nb' when unset or unknown. */
  locale: Locale;
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
 *   q: text search (case number, title, and the text the viewer may read; a health-related case whose details the
 *      viewer may not read matches on its number only). 503 'unavailable' until the case index has loaded.
 *   sort=reportedAt|-reportedAt|severity|-severity|status|-status (default -reportedAt; ties newest first)
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
  /** Case events ('report', 'receive', …) and record changes ('analysis', 'measureAdded', 'feedback', 'escalated'). */
  type: string;
  /** For a whistleblowing report seen by its reporter: the recipients are not named (id '', name 'Mottaker av varselet'). */
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
  /**
   * The measure is on a health-related case whose health details the viewer may not see: its title, description and
   * evaluation are empty (as the case's are). Its owner always sees them.
   */
  healthDetailsHidden: boolean;
  etag: string;
}

export interface Attachment {
  name: string;
  /** A link the viewer can open (through the app, which checks access again). */
  url: string;
}

/**
 * GET /api/cases/:id — every read is recorded (who, when) in the case's read log. Every write below answers with the
 * case as it is after the write (a new `etag`). GET /api/cases/:id/attachments/:name downloads a file (only for those
 * who may see the health details: files may hold them; `attachments` is empty for the others).
 */
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

/** POST /api/cases/:id/feedback → FeedbackResult: a message to the reporter through the bot, and their receipt card updated. */
export interface FeedbackBody {
  /** 1–4,000 characters; goes to the reporter's personal chat only, and into the case's history. */
  text: string;
}

export interface FeedbackResult {
  /** False when the bot could not reach the reporter (not installed); the feedback is in the history either way. */
  sent: boolean;
  /** The case with the feedback in its history: its `etag` is the one to send next. */
  case: CaseDetail;
}

/** POST /api/cases/:id/escalate → EscalateResult: an agenda proposal in the committee above. */
export interface EscalateBody {
  /** 1–4,000 characters: what the committee should look at (it sees this, not the case's free text). */
  note: string;
}

export interface EscalateResult {
  agendaItemId: string;
  committeeName: string;
  /** The case with the escalation in its history: its `etag` is the one to send next. */
  case: CaseDetail;
}

// ---- action list ---------------------------------------------------------------------------

/**
 * GET /api/measures — query: source (deviation|riskItem|audit|meetingDecision|procedureSelfAssessment),
 * unitId (and below), status (comma-separated; default open,inProgress), overdue=true, mine=true (I own them),
 * pageSize (1–100, default 50), continuation. Earliest deadline first. Scope: the units the viewer leads and below
 * (a kommunalsjef the sector; quality advisers and the kommunedirektør everything) and, anywhere, the measures the
 * viewer owns; a unitId outside that shows only the viewer's own measures there. A page can hold fewer than pageSize
 * items while `continuation` is still set: go on until it is null.
 * GET /api/measures/export.xlsx takes the same filters (not pageSize/continuation) and returns every matching row, at
 * most 10,000 (the sheet says so when it was cut), as `aksjonsliste-YYYY-MM-DD.xlsx`.
 */
export interface MeasurePage {
  items: MeasureView[];
  continuation: string | null;
}

/**
 * POST /api/measures/:id/complete → MeasureView. The comment is the measure's evaluation (did it work?). The owner or a
 * leader of its unit or above may; 409 'conflict' (with `currentMeasure`) when `etag` is stale, 409 'invalidState' when
 * the measure cannot be done from its status (cancelled), 403 for others who see it, 404 for those who do not.
 */
export interface CompleteMeasureBody {
  etag: string;
  comment: string;
}

// ---- dashboard -----------------------------------------------------------------------------

/**
 * GET /api/dashboard?unitId=&months=12 (unitId defaults to the viewer's top unit; months 1–36; whistleblowing never
 * counted). 403 for someone who sees no unit's cases (an employee) or asks for a unit outside what they see; 503
 * 'unavailable' while the index behind it is still loading.
 *
 * Drill-down: every count but `byMonth[].closed` and `medianDaysToClose` is of cases *reported* in the period (the
 * inbox's from/to, Oslo dates), in the unit and below (the inbox's unitId). A month bar is from=YYYY-MM-01 to the
 * month's last day (or `period.to`); a kind, severity or unit bar is `period.from`–`period.to` plus that filter;
 * 'none' is a case without severity.
 */
export interface DashboardView {
  unit: UnitView;
  asOf: string | null;
  /** The period as the inbox's from/to (YYYY-MM-DD, Oslo, inclusive): the first day of the oldest month to today. */
  period: { from: string; to: string };
  /** Oldest first: 'YYYY-MM' (Oslo), reported that month, and closed that month (whenever reported). */
  byMonth: { month: string; reported: number; closed: number }[];
  /** Every ordinary kind, zeros included. */
  byKind: { kind: DeviationKind; count: number }[];
  /** low, medium, high, critical, then 'none'. */
  bySeverity: { severity: Severity | 'none'; count: number }[];
  /**
   * The unit's children by name, each counting itself and everything below it (or the unit itself at the lowest
   * level). `reported` in the period, `open` of those not closed now. `own: true` marks an extra first entry with the
   * cases registered on the unit itself rather than below it (only when there are some); the inbox's unit filter
   * cannot isolate those, so its drill-down shows the unit with everything below.
   */
  byUnit: { unitId: string; unitName: string; reported: number; open: number; own?: boolean }[];
  /** Reported in the period and not closed now. */
  open: number;
  /** Reported in the period and closed now. */
  closed: number;
  /** Median days (one decimal) from reported to closed, for cases closed in the period; null if none. */
  medianDaysToClose: number | null;
  /** Open or in-progress measures of the unit and below whose deadline has passed (Oslo). */
  overdueMeasures: number;
  /**
   * Issue 8: approved procedures and governing documents owned by the unit and below whose yearly review date has
   * passed (Oslo); absent when the procedure index cannot be read. Details: GET /api/procedures/overview.
   */
  overdueReviews?: number;
  /**
   * Reported in the last three months (to today) against the three months before: 'up' or 'down' when the change is
   * more than 10 % and more than two cases, else 'flat'.
   */
  trend: 'up' | 'down' | 'flat';
}

/** GET /api/channels/:channelId/unit → { unitId } : the unit whose leader channel this is, for the channel tab; null if none. */
export interface ChannelUnit {
  unitId: string | null;
}

// ---- procedures and governing documents (issue 8) -----------------------------------------------
// In their own file, so that it can grow without touching this one; re-exported so the tab imports from here.
export type * from './contract-procedures.js';

// ---- quality committees, meetings, agendas and minutes (issue 9) --------------------------------
// In their own file as well (contract-committees.ts); re-exported so the tab imports from here.
export type * from './contract-committees.js';

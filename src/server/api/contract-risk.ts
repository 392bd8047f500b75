// The JSON of the risk API (ROS, issue 7) under /api/risk/*: one description the tab and the server compile against.
//
// changes (additive only from here on; newest last):
// - 2026-11-24 first version.
// - 2026-11-24 comments only: the access rules live in src/domain/risk-steps.ts; the heat map, the assessment list and
//   the round view bring the risk index up to date when it is older than a second (at most 2 Graph requests a view).
//
// Conventions shared with contract.ts: errors are `ApiError` ({error:{code,message,details}}, Norwegian messages);
// dates are 'YYYY-MM-DD' (Oslo calendar), instants ISO UTC; every write that changes a record names the `etag` it read
// and gets 409 'conflict' when someone else saved first (nothing written; `currentAssessment` / `currentItem` holds the
// record as it is now). 404 'notFound' for what the viewer may not see (the same body as for what does not exist), 403
// 'forbidden' for what they see but may not change, 409 'invalidState' for a step the record's status does not allow
// (editing a submitted assessment, submitting twice), 400 'invalidRequest' with `details` [{field, message}] for input.
//
// Who may do what (decided on the server, src/domain/risk-steps.ts):
// - Read an assessment, its items and the heat map: leaders (and deputies) of the assessment's unit or any unit above,
//   quality advisers (everything), quality coordinators (their sector), and the assessment's responsible person and
//   participants (that assessment only). Employees without any of these get 403 on lists and the heat map, 404 on a
//   single record.
// - Edit (items, measures on items, assessment fields, Excel import): while 'draft', the leader/deputy of the
//   assessment's unit or any unit above it, and its responsible person; once 'submitted' or 'compiled', only leaders of
//   units above the assessment's unit (the sector head compiles; e.g. sets `reportToKlg`); once 'forwarded', nobody
//   (the measures still move on the action list). `canEdit` in the views says what applies to the viewer.
// - Rounds, work plan tasks: quality advisers and the kommunedirektør manage them; a task's responsible person may set
//   its % done. Everyone who can read any assessment can read rounds.
// - Measures on an escalated item (KLG's action list): besides the editors, the kommunedirektør, quality advisers and
//   the members, leader and facilitator of the committee the item was escalated to, whatever the assessment's status.

import type { CalendarDate, Instant, MeasureStatus, RiskColour, RiskConsequenceType, RiskContext, RiskLevel } from '../../domain/index.js';
import type { ApiError, MeasureView, PersonRef } from './contract.js';

// ---- shared ---------------------------------------------------------------------------------

/** draft (kladd) → submitted (sendt kommunalsjef) → compiled (sammenstilt av kommunalsjef) → forwarded (sendt videre til KLG). */
export type RiskAssessmentStatus = 'draft' | 'submitted' | 'compiled' | 'forwarded';

/** A unit's state in a round: 'notStarted' when it has no assessment in the round yet (or one without rows). */
export type RiskUnitState = 'notStarted' | RiskAssessmentStatus;

/**
 * The areas an assessment can be for (Asker's one template, seed 004; Tønsberg's main tasks, seed 000):
 * overall = hovedoppgaver (the yearly overall process), emergencyPreparedness = beredskap, informationSecurity =
 * informasjonssikkerhet, project = prosjekt, hse = HMS, planning = plan, municipalPlanGoals = mål i kommuneplanen,
 * businessPlan = virksomhetsplan, environment = miljø.
 */
export type RiskArea = RiskContext;

/** One position in the 5×5 matrix. */
export interface RiskPositionView {
  likelihood: RiskLevel;
  consequence: RiskLevel;
  /** likelihood × consequence, 1–25. */
  score: number;
  colour: RiskColour;
}

/** Errors of this API can carry the record as it is now, beside the fields of contract.ts's ApiError. */
export interface RiskApiError extends ApiError {
  error: ApiError['error'] & {
    /** 409 'conflict' on an assessment write. */
    currentAssessment?: RiskAssessmentDetail;
    /** 409 'conflict' on an item write. */
    currentItem?: RiskItemView;
    /** 400 from the Excel import: every problem, per row (nothing was imported). Also in `details` as field 'rad N'. */
    rows?: RiskImportRowError[];
  };
}

// ---- assessments ----------------------------------------------------------------------------

/**
 * GET /api/risk/assessments → RiskAssessmentSummary[] (newest year first, then unit name). Query (all optional):
 *   unitId (that unit and below), year, roundId, area (RiskArea), status (comma-separated RiskAssessmentStatus).
 * Only what the viewer may read; 403 for someone who may read none. Served from the delta-synced risk index (503
 * 'unavailable' until its first load).
 */
export interface RiskAssessmentSummary {
  id: string;
  title: string;
  area: RiskArea;
  year: number;
  roundId: string | null;
  unitId: string;
  unitName: string;
  status: RiskAssessmentStatus;
  responsible: PersonRef;
  /** Dato: when the assessment was made. */
  date: CalendarDate;
  itemCount: number;
  /** Items by colour now, and after measures (items without a residual assessment count as their current colour). */
  colours: { now: Record<RiskColour, number>; after: Record<RiskColour, number> };
  /** Items whose residual risk is unacceptable (or red), i.e. that must go to KLG. */
  unacceptable: number;
  submittedAt: Instant | null;
  compiledAt: Instant | null;
  forwardedAt: Instant | null;
}

/**
 * POST /api/risk/assessments → 201 RiskAssessmentDetail. With `roundId` the assessment is the unit's in that round (one
 * per unit and round: a second create returns the existing one with 200). `copyFromAssessmentId` copies the rows of an
 * earlier assessment the viewer may read (what is assessed, what can go wrong, consequence types, levels, existing
 * measures; not residual judgements, measures or deviations) as a starting point. 403 when the viewer may not edit
 * for the unit.
 */
export interface NewRiskAssessmentBody {
  unitId: string;
  /** Default for a round: 'Overordnet risikovurdering <year> – <unit>'. 1–255 characters. */
  title?: string;
  /** Default 'overall' (for a round: always 'overall'). */
  area?: RiskArea;
  /** Default: the round's year, else the Oslo year of today. */
  year?: number;
  roundId?: string;
  /** Default: the unit's leader. */
  responsibleId?: string;
  participantIds?: string[];
  /** Default today (Oslo). */
  date?: CalendarDate;
  copyFromAssessmentId?: string;
}

/** GET /api/risk/assessments/:id → RiskAssessmentDetail (the rows in the form's order). */
export interface RiskAssessmentDetail extends RiskAssessmentSummary {
  participants: PersonRef[];
  items: RiskItemView[];
  /** What the viewer may do now. */
  canEdit: boolean;
  allowedActions: RiskAssessmentActionType[];
  /** The sector head's note when the assessment was sent back to draft; null otherwise. */
  returnNote: string | null;
  /** Pass back on assessment writes (PATCH, actions). Item writes use the item's own etag. */
  etag: string;
}

/** PATCH /api/risk/assessments/:id → RiskAssessmentDetail. Only the fields given change. */
export interface RiskAssessmentPatchBody {
  etag: string;
  title?: string;
  area?: RiskArea;
  responsibleId?: string;
  participantIds?: string[];
  date?: CalendarDate;
}

/**
 * DELETE /api/risk/assessments/:id?etag=… → 204. Only a draft whose rows have no measures and no linked deviations
 * (409 'invalidState' otherwise); its rows go with it.
 */

export type RiskAssessmentActionType = 'submit' | 'return' | 'compile' | 'forward';

/**
 * POST /api/risk/assessments/:id/actions → RiskAssessmentActionResult.
 * - submit (draft → submitted; editors of a draft): every row must be complete — what is assessed, what can go wrong,
 *   levels 1–5, and for red risk or breach of law a measure and a residual assessment. Otherwise 400 'invalidRequest'
 *   with `details` [{field: 'items.<itemId>.<field>', message}] and nothing changes.
 * - return (submitted|compiled → draft; leaders above the unit): `note` required, shown to the unit as `returnNote`.
 * - compile (submitted → compiled; leaders above the unit): the sector head has reviewed it.
 * - forward (compiled → forwarded; leaders above the unit): sent on to the quality adviser; every row that must be
 *   reported to KLG (unacceptable or red residual risk, or `reportToKlg` set) becomes an agenda proposal for KLG (KUL
 *   when the municipality has no KLG): see `escalated`.
 */
export type RiskAssessmentActionBody = { etag: string } & ({ type: 'submit' } | { type: 'return'; note: string } | { type: 'compile' } | { type: 'forward' });

export interface RiskAssessmentActionResult {
  assessment: RiskAssessmentDetail;
  /** The agenda proposals made by a 'forward' (empty otherwise, and for rows already escalated). */
  escalated: RiskEscalationView[];
}

// ---- items (rows of the form) -----------------------------------------------------------------

/** One row of the ROS form. Free texts are at most 4,000 characters; `process` at most 255. */
export interface RiskItemView {
  id: string;
  assessmentId: string;
  unitId: string;
  /** Hva skal vurderes? (main process or task) */
  process: string;
  /** Hva kan gå galt? */
  whatCanGoWrong: string;
  /** Hvor galt kan det gå? */
  consequenceTypes: RiskConsequenceType[];
  /** Sannsynlighet og konsekvens nå: the X of the strategy's matrix. */
  current: RiskPositionView;
  /** Lovbrudd: a breach of law needs a measure whatever the score (seed 004). */
  breachOfLaw: boolean;
  /** Hva er gjort for å unngå at det går galt? */
  existingMeasures: string;
  /** Har vi gjort nok? null = not answered. */
  doneEnough: boolean | null;
  /** Sannsynlighet og konsekvens gitt de nye tiltakene: the Y of the matrix; null until assessed. */
  residual: RiskPositionView | null;
  /** Er restrisikoen akseptabel? null until answered. Red residual risk is never acceptable. */
  residualAcceptable: boolean | null;
  /** The sector head's "Prosessen må meldes videre til KLG?" (null = not answered). */
  reportToKlg: boolean | null;
  /** Whether the row goes to KLG: unacceptable or red residual risk, or `reportToKlg`. */
  mustReportToKlg: boolean;
  /** Whether the row needs a measure (red risk or breach of law). */
  requiresMeasure: boolean;
  /** What is still missing before the assessment can be submitted (Norwegian, per problem); empty when complete. */
  problems: { field: string; message: string }[];
  /** Tiltak (hva, ansvar, frist, tiltak ok? = status 'done'): real measures on the common action list. */
  measures: MeasureView[];
  /** Deviations that realised this risk (only those the viewer may see; titles blanked as in the inbox). */
  deviations: RiskLinkedCase[];
  /** When the row went to KLG as an agenda proposal; null if it has not. */
  escalation: RiskEscalationView | null;
  etag: string;
}

export interface RiskLinkedCase {
  id: string;
  caseNumber: string;
  /** Empty when the viewer may not see the case's health details. */
  title: string;
  status: string;
  reportedAt: Instant;
}

/**
 * POST /api/risk/assessments/:id/items → 201 RiskItemView. Levels are whole numbers 1–5 (400 with a Norwegian message
 * otherwise). `process` and `whatCanGoWrong` are required; the rest may be filled in later (submit checks them).
 */
export interface NewRiskItemBody {
  process: string;
  whatCanGoWrong: string;
  consequenceTypes?: RiskConsequenceType[];
  likelihood: number;
  consequence: number;
  breachOfLaw?: boolean;
  existingMeasures?: string;
  doneEnough?: boolean | null;
  /** Both or neither. */
  residualLikelihood?: number | null;
  residualConsequence?: number | null;
  residualAcceptable?: boolean | null;
  reportToKlg?: boolean | null;
  /** Position among the rows (0-based); default last. */
  position?: number;
}

/**
 * PATCH /api/risk/items/:id → RiskItemView. Only the fields given change; `residualLikelihood: null` with
 * `residualConsequence: null` clears the residual assessment. A stale etag: 409 'conflict' with `currentItem`.
 */
export type RiskItemPatchBody = { etag: string } & Partial<NewRiskItemBody>;

/** GET /api/risk/items/:id → RiskItemView. DELETE /api/risk/items/:id?etag=… → 204 (not when it has measures or deviations: 409 'invalidState'). */

/**
 * GET /api/risk/items?caseId=… → RiskItemView[]: the risk items a case is linked to (the case's riskItemIds), for the
 * case page. 404 when the viewer may not see the case; items they may not read are left out.
 */

/**
 * POST /api/risk/items/:id/measures → 201 RiskItemView (the new measure in `measures`, also on GET /api/measures with
 * source=riskItem). Editors of the item, and for an escalated item KLG (see the header). The measure belongs to the
 * item's unit's action list unless `unitId` names another unit the viewer leads (KLG may give a measure to a sector).
 */
export interface NewRiskMeasureBody {
  /** Tiltak: hva skal gjøres? 1–255 characters. */
  title: string;
  description?: string;
  /** Ansvar: a person of the organisation. */
  ownerId: string;
  /** Frist: today or later (Oslo). */
  deadline: CalendarDate;
  unitId?: string;
}

/**
 * POST /api/risk/items/:id/deviations {caseId} → RiskItemView: links a deviation that realised this risk, in both
 * directions (the case's riskItemIds, the item's deviations). The viewer must be able to read the item and handle the
 * case (its handler or a leader in its line); whistleblowing reports cannot be linked (404). Linking twice is a no-op.
 * DELETE /api/risk/items/:id/deviations/:caseId → RiskItemView unlinks it (same rights).
 */
export interface LinkDeviationBody {
  caseId: string;
}

// ---- heat map ---------------------------------------------------------------------------------

/**
 * GET /api/risk/heatmap → RiskHeatMap. Query (all optional):
 *   unitId: the unit (municipality, sector, unit, service) and everything below; default the viewer's widest visible unit
 *   year: default the newest year with assessments in scope; roundId; area (RiskArea)
 *   status: comma-separated RiskAssessmentStatus (default all)
 * From the delta-synced risk index (≤ 3 Graph requests when warm, usually 2); 503 'unavailable' before its first load.
 * 403 for someone who may read no assessment; 403 for a unitId outside what they may read.
 */
export interface RiskHeatMap {
  unit: { id: string; name: string; level: string };
  year: number | null;
  /** Years that have assessments in scope, newest first (for a picker). */
  years: number[];
  /** When the index was last in step with SharePoint. */
  asOf: string | null;
  itemCount: number;
  /** Items with no residual assessment yet (they are counted in `after` at their current position). */
  residualMissing: number;
  /**
   * Counts indexed [likelihood − 1][consequence − 1] (5×5): `now` at the current position (X), `after` at the residual
   * position given the measures (Y; the current position where there is no residual yet).
   */
  now: number[][];
  after: number[][];
  /** The colour of each cell, same indexing (the municipality's thresholds). */
  colours: RiskColour[][];
  /** The unit's children (or the unit itself at the lowest level), each with everything below it: for the drill-down. */
  byUnit: { unitId: string; unitName: string; items: number; redNow: number; redAfter: number; unacceptable: number }[];
  /** Items that must go to KLG in scope. */
  unacceptable: number;
}

/**
 * GET /api/risk/heatmap/items → RiskHeatMapItems: the items of one cell (drill-down). Same query as the heat map, plus
 *   likelihood, consequence (1–5, required) and position=now|after (default now); pageSize (1–200, default 100),
 *   continuation (opaque).
 */
export interface RiskHeatMapItems {
  items: RiskHeatMapItem[];
  continuation: string | null;
  total: number;
}

export interface RiskHeatMapItem {
  id: string;
  assessmentId: string;
  assessmentTitle: string;
  unitId: string;
  unitName: string;
  /** "Hva skal vurderes: hva kan gå galt", at most 255 characters (open the item for the rest). */
  title: string;
  current: RiskPositionView;
  residual: RiskPositionView | null;
  mustReportToKlg: boolean;
  escalated: boolean;
}

// ---- the yearly round and its work plan -------------------------------------------------------

/** Who a work plan task falls to: the reminder service reminds these people (RiskDueEntry.responsibleIds). */
export type RiskTaskResponsible = 'qualityAdviser' | 'sectorHead' | 'unitLeader' | 'executiveGroup' | 'person';

export interface RiskWorkPlanTask {
  id: string;
  title: string;
  responsible: RiskTaskResponsible;
  /** The named person when `responsible` is 'person'; null otherwise. */
  responsiblePerson: PersonRef | null;
  /** "Kvalitet og internkontroll", "Kommunalsjef/VL" …: as shown in the plan. */
  responsibleLabel: string;
  /** 0–100. */
  percentDone: number;
  start: CalendarDate;
  deadline: CalendarDate;
  /** ISO weeks from start to deadline, e.g. [{year: 2026, week: 40}, …]: the bars of the plan. */
  weeks: { year: number; week: number }[];
  overdue: boolean;
}

/**
 * POST /api/risk/rounds (quality adviser, kommunedirektør) → 201 RiskRoundDetail. Starts the yearly overall process:
 * `unitIds` default every unit at level 'unit' (virksomhet). Without `tasks` the work plan is Tønsberg's (seed 000),
 * spread from `start` to the deadlines. One round per year (409 'conflict' for a second active one of the same year).
 */
export interface NewRiskRoundBody {
  year: number;
  /** Default 'Overordnet risikostyringsprosess <year>'. */
  title?: string;
  /** Default today (Oslo). */
  start?: CalendarDate;
  /** Frist for virksomhetene: submit to the sector head. */
  unitDeadline: CalendarDate;
  /** Frist for kommunalsjefene: compile and forward. Not before unitDeadline. */
  sectorDeadline: CalendarDate;
  /** Planned finish (KLG's action list, evaluation); default sectorDeadline + 10 weeks. */
  plannedEnd?: CalendarDate;
  unitIds?: string[];
  tasks?: NewRiskTaskBody[];
}

export interface NewRiskTaskBody {
  title: string;
  responsible: RiskTaskResponsible;
  responsiblePersonId?: string;
  responsibleLabel?: string;
  percentDone?: number;
  start: CalendarDate;
  deadline: CalendarDate;
}

/** GET /api/risk/rounds → RiskRoundSummary[] (newest first). */
export interface RiskRoundSummary {
  id: string;
  year: number;
  title: string;
  status: 'active' | 'closed';
  start: CalendarDate;
  unitDeadline: CalendarDate;
  sectorDeadline: CalendarDate;
  plannedEnd: CalendarDate;
  /** Units per state (in the viewer's scope). */
  states: Record<RiskUnitState, number>;
  unitCount: number;
}

/**
 * GET /api/risk/rounds/:id → RiskRoundDetail: the work plan and every unit's state (units limited to what the viewer
 * may read; quality advisers and the kommunedirektør see all).
 */
export interface RiskRoundDetail extends RiskRoundSummary {
  startedBy: PersonRef;
  tasks: RiskWorkPlanTask[];
  /** The plan's week columns, start to plannedEnd: {year, week, month 'YYYY-MM' of its Thursday}. */
  weeks: { year: number; week: number; month: string }[];
  units: RiskRoundUnit[];
  sectors: RiskRoundSector[];
  /** Rows escalated to KLG in this round so far. */
  escalatedCount: number;
  canManage: boolean;
  etag: string;
}

export interface RiskRoundUnit {
  unitId: string;
  unitName: string;
  sectorId: string | null;
  state: RiskUnitState;
  assessmentId: string | null;
  itemCount: number;
  redNow: number;
  unacceptable: number;
  /** The unit's deadline has passed and it has not submitted. */
  late: boolean;
}

export interface RiskRoundSector {
  sectorId: string;
  sectorName: string;
  states: Record<RiskUnitState, number>;
  /** Whether the viewer may compile/forward for this sector (its kommunalsjef, or above). */
  canCompile: boolean;
}

/** PATCH /api/risk/rounds/:id {etag, …} → RiskRoundDetail (managers). */
export interface RiskRoundPatchBody {
  etag: string;
  title?: string;
  unitDeadline?: CalendarDate;
  sectorDeadline?: CalendarDate;
  plannedEnd?: CalendarDate;
  unitIds?: string[];
  status?: 'active' | 'closed';
}

/** POST /api/risk/rounds/:id/tasks (managers) → 201 RiskRoundDetail. */
export type NewRiskTaskRequest = NewRiskTaskBody;

/**
 * PATCH /api/risk/rounds/:id/tasks/:taskId → RiskRoundDetail. Managers may change anything; the task's responsible
 * person only `percentDone`. Needs no etag: one task's change is re-applied on the newest round (others' changes to other
 * tasks are kept).
 */
export type RiskTaskPatchBody = Partial<NewRiskTaskBody>;

/**
 * POST /api/risk/rounds/:id/sectors/:sectorId/compile → RiskSectorStepResult: every 'submitted' assessment of the
 * sector's units in the round becomes 'compiled'. POST …/forward: every 'compiled' one becomes 'forwarded' and its
 * rows that must go to KLG are escalated (as the per-assessment actions do). The kommunalsjef of the sector or a leader
 * above (403 otherwise). Units that have not submitted are listed in `waitingFor`; they can still submit later.
 */
export interface RiskSectorStepResult {
  changed: RiskAssessmentSummary[];
  waitingFor: { unitId: string; unitName: string; state: RiskUnitState }[];
  escalated: RiskEscalationView[];
}

// ---- escalation to KLG and its action list ------------------------------------------------------

export interface RiskEscalationView {
  itemId: string;
  agendaItemId: string;
  committeeId: string;
  committeeName: string;
  at: Instant;
}

/**
 * GET /api/risk/escalations?roundId=&year= → RiskEscalatedItem[]: the rows sent to KLG (what KLG turns into its action
 * list), with their measures. Quality advisers, the kommunedirektør and members of the committee see all; leaders see
 * those of their units.
 */
export interface RiskEscalatedItem {
  item: RiskItemView;
  assessmentTitle: string;
  unitName: string;
  sectorName: string | null;
  /** True when it has at least one measure and every one is done. */
  settled: boolean;
}

// ---- due (for the reminder service) -------------------------------------------------------------

/**
 * GET /api/risk/due?days=14 → RiskDueEntry[]: what falls due within `days` (0–90, default 14) or is overdue, in active
 * rounds: units that have not submitted by the unit deadline, sectors not forwarded by the sector deadline, unfinished
 * work plan tasks. Quality advisers and the kommunedirektør get everything; others what is theirs to do.
 */
export interface RiskDueEntry {
  kind: 'unitSubmission' | 'sectorForwarding' | 'workPlanTask';
  roundId: string;
  roundTitle: string;
  /** The task's title, or e.g. 'Send risikovurderingen til kommunalsjef'. */
  title: string;
  deadline: CalendarDate;
  /** 0 on the day, negative when overdue. */
  daysLeft: number;
  overdue: boolean;
  /** The unit (unitSubmission) or sector (sectorForwarding); null for tasks. */
  unitId: string | null;
  taskId: string | null;
  /** Whom to remind: the unit's leader, the sector's kommunalsjef, the task's people. */
  responsibleIds: string[];
}

// ---- Excel ----------------------------------------------------------------------------------------

/**
 * GET /api/risk/assessments/:id/export.xlsx → the assessment in the municipal form's column layout
 * ('risikovurdering-<unit>-<year>.xlsx'): a header block, then one row per item with the columns in RISK_FORM_COLUMNS'
 * order (src/domain/risk-form.ts; a hidden first column 'Id' carries the item id so an import updates rather than duplicates). Several measures
 * of one row are on separate lines within the Tiltak, Ansvar, Frist and Tiltak ok? cells.
 *
 * POST /api/risk/assessments/:id/import (body: the .xlsx file, Content-Type
 * application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, at most 5 MB; `?dryRun=true` checks only)
 * → RiskImportResult. Rows with an Id update that item, rows without create one; items not in the file are kept. New
 * measure lines (a Tiltak line whose title the row's item does not have yet) become measures (Ansvar: the person's
 * e-mail, or the name as exported; Frist DD.MM.ÅÅÅÅ or ÅÅÅÅ-MM-DD); 'Tiltak ok?' is read only (done is set on the action
 * list, with an evaluation). Every row is checked first: any problem is 400 'invalidRequest' with `rows` and nothing is
 * imported. Editors only, as for items.
 */
export interface RiskImportResult {
  dryRun: boolean;
  created: number;
  updated: number;
  /** Rows identical to what is stored. */
  unchanged: number;
  measuresCreated: number;
}

export interface RiskImportRowError {
  /** The sheet's row number as Excel shows it (1-based); 0 for the file or layout as a whole. */
  row: number;
  /** The column's heading in the form, or null for the whole row. */
  column: string | null;
  /** Norwegian, e.g. 'Sannsynlighet må være et helt tall fra 1 (svært lav) til 5 (svært høy), ikke «7».' */
  message: string;
}

/** A heading of the form; the columns in order are RISK_FORM_COLUMNS in src/domain/risk-form.ts (values stay out of this types-only contract). */
export type { RiskFormColumn } from '../../domain/index.js';

/** Re-exported for the tab's convenience: the measure statuses a risk measure can have. */
export type RiskMeasureStatus = MeasureStatus;

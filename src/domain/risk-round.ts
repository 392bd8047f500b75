// The yearly overall risk process (seed 000): a round with Tønsberg's work plan across ISO weeks, each unit's state,
// and what falls due when (for the reminder service).
//
// Tønsberg 2023/24: the quality adviser anchors the process, sends the form to every kommunalsjef, units assess all
// their main tasks by mid-December and send them to their kommunalsjef, who compiles the sector's and sends it on by
// early January; KLG goes through the points (14 of them) and turns them into an action list; the process is evaluated.

import { domainError, fail, ok, type DomainError, type Result } from './domain-error.js';
import { fitId } from './ids.js';
import { sectorOf, type OrgUnits } from './organisation.js';
import { addDays, daysBetween, isCalendarDate, isoWeek, toOsloDate, type CalendarDate, type Instant } from './oslo-time.js';
import type { RiskAssessment, RiskAssessmentStatus } from './risk.js';

// ── The round and its work plan ─────────────────────────────────────────────────────────────────

/** Who a work plan task falls to; 'person' names one. */
export type RiskTaskResponsible = 'qualityAdviser' | 'sectorHead' | 'unitLeader' | 'executiveGroup' | 'person';

export interface WorkPlanTask {
  readonly id: string;
  readonly title: string;
  readonly responsible: RiskTaskResponsible;
  readonly responsiblePersonId: string | null;
  /** As the plan shows it: "Kvalitet og internkontroll", "Kommunalsjef/VL" … */
  readonly responsibleLabel: string;
  /** 0–100. */
  readonly percentDone: number;
  readonly start: CalendarDate;
  readonly deadline: CalendarDate;
}

export interface RiskRound {
  readonly id: string;
  readonly year: number;
  readonly title: string;
  readonly status: 'active' | 'closed';
  readonly start: CalendarDate;
  /** Frist for virksomhetene: send to the kommunalsjef. */
  readonly unitDeadline: CalendarDate;
  /** Frist for kommunalsjefene: compile and send on. */
  readonly sectorDeadline: CalendarDate;
  readonly plannedEnd: CalendarDate;
  /** The units (virksomheter) that assess in this round. */
  readonly unitIds: readonly string[];
  readonly tasks: readonly WorkPlanTask[];
  readonly startedById: string;
  readonly createdAt: Instant;
}

export const RESPONSIBLE_LABEL_NB: Readonly<Record<RiskTaskResponsible, string>> = {
  qualityAdviser: 'Kvalitet og internkontroll',
  sectorHead: 'Kommunalsjef',
  unitLeader: 'Virksomhetsleder',
  executiveGroup: 'KLG',
  person: '',
};

const later = (a: CalendarDate, b: CalendarDate) => (a > b ? a : b);

/**
 * Tønsberg's work plan (seed 000), its dates spread over this round: the same tasks, responsible and order, with the
 * deadlines moved to the round's start and deadlines. Sending the form out is what starting the round does: 100 %.
 */
export function defaultWorkPlan(r: Pick<RiskRound, 'start' | 'unitDeadline' | 'sectorDeadline' | 'plannedEnd'>): WorkPlanTask[] {
  const { start, unitDeadline: u, sectorDeadline: k, plannedEnd: end } = r;
  const task = (n: number, title: string, responsible: RiskTaskResponsible, from: CalendarDate, deadline: CalendarDate, percentDone = 0, label?: string): WorkPlanTask => ({
    id: `task-${n}`,
    title,
    responsible,
    responsiblePersonId: null,
    responsibleLabel: label ?? RESPONSIBLE_LABEL_NB[responsible],
    percentDone,
    start: from,
    deadline: later(from, deadline),
  });
  const followUpEnd = later(addDays(k, 1), addDays(end, -24));
  return [
    task(1, 'Presentere forslag til kvalitetsutvalget for ny risikokartlegging', 'qualityAdviser', start, start, 100),
    task(2, 'Oversendelse av skjema til alle kommunalsjefer', 'qualityAdviser', start, addDays(start, 2), 100),
    task(3, 'Kalle inn til oppstartsmøter', 'sectorHead', start, addDays(start, 11), 0, 'Kommunalsjef/VL'),
    task(4, 'Oppstartsmøter i alle områder, sammen med kvalitet og internkontroll og kvalitetskoordinator', 'sectorHead', start, addDays(u, -14)),
    task(5, 'Gjennomføre risikovurdering i alle virksomheter', 'unitLeader', start, addDays(u, -5)),
    task(6, 'Frist sende risikovurdering til kommunalsjef', 'unitLeader', start, u),
    task(7, 'Frist for kommunalsjef sende samlet risikovurdering til kvalitet og internkontroll', 'sectorHead', u, k),
    task(8, 'Oppfølging, egenvurdering, mål og restanseliste. Hver uke i KLG presenteres 2–3 kommunalsjefområders arbeid', 'executiveGroup', addDays(k, 1), followUpEnd),
    task(9, 'Utarbeide aksjonsliste', 'executiveGroup', addDays(k, 1), later(followUpEnd, addDays(end, -10))),
    task(10, 'Evaluering av prosessen', 'qualityAdviser', addDays(k, 1), end),
  ];
}

export interface NewRiskRound {
  readonly id: string;
  readonly year: number;
  readonly title?: string;
  readonly start: CalendarDate;
  readonly unitDeadline: CalendarDate;
  readonly sectorDeadline: CalendarDate;
  readonly plannedEnd?: CalendarDate;
  readonly unitIds: readonly string[];
  readonly tasks?: readonly Omit<WorkPlanTask, 'id'>[];
  readonly startedById: string;
}

function roundDateErrors(r: Pick<RiskRound, 'start' | 'unitDeadline' | 'sectorDeadline' | 'plannedEnd'>): DomainError[] {
  for (const d of [r.start, r.unitDeadline, r.sectorDeadline, r.plannedEnd]) if (!isCalendarDate(d)) return [domainError('date.invalid', { value: d })];
  const inOrder = r.start <= r.unitDeadline && r.unitDeadline <= r.sectorDeadline && r.sectorDeadline <= r.plannedEnd;
  return inOrder ? [] : [domainError('risk.roundDatesOrder')];
}

export function validateTask(t: Omit<WorkPlanTask, 'id'>): DomainError[] {
  const errors: DomainError[] = [];
  if (t.title.trim() === '') errors.push(domainError('risk.taskTitleMissing'));
  if (!Number.isInteger(t.percentDone) || t.percentDone < 0 || t.percentDone > 100) errors.push(domainError('risk.percentOutOfRange', { value: String(t.percentDone) }));
  if (!isCalendarDate(t.start)) errors.push(domainError('date.invalid', { value: t.start }));
  else if (!isCalendarDate(t.deadline)) errors.push(domainError('date.invalid', { value: t.deadline }));
  else if (t.deadline < t.start) errors.push(domainError('risk.taskDatesOrder'));
  return errors;
}

/** A new round: dates in order, at least one unit, Tønsberg's plan unless tasks are given. Planned end defaults to ten weeks after the sector deadline. */
export function startRiskRound(input: NewRiskRound, now: Date): Result<RiskRound> {
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) return fail('risk.roundYear', { value: String(input.year) });
  if (input.unitIds.length === 0) return fail('risk.roundUnitsMissing');
  const dates = { start: input.start, unitDeadline: input.unitDeadline, sectorDeadline: input.sectorDeadline, plannedEnd: input.plannedEnd ?? (isCalendarDate(input.sectorDeadline) ? addDays(input.sectorDeadline, 70) : input.sectorDeadline) };
  const dateErrors = roundDateErrors(dates);
  if (dateErrors[0]) return { ok: false, error: dateErrors[0] };
  const tasks = input.tasks ? input.tasks.map((t, i) => ({ ...t, title: t.title.trim(), id: `task-${i + 1}` })) : defaultWorkPlan(dates);
  for (const t of tasks) {
    const errors = validateTask(t);
    if (errors[0]) return { ok: false, error: errors[0] };
  }
  return ok({
    id: input.id,
    year: input.year,
    title: input.title?.trim() || `Overordnet risikostyringsprosess ${input.year}`,
    status: 'active',
    ...dates,
    unitIds: [...new Set(input.unitIds)],
    tasks,
    startedById: input.startedById,
    createdAt: now.toISOString(),
  });
}

/** Changes to a round's dates and units, checked as a new round's are. */
export function changeRiskRound(r: RiskRound, patch: Partial<Pick<RiskRound, 'title' | 'unitDeadline' | 'sectorDeadline' | 'plannedEnd' | 'unitIds' | 'status'>>): Result<RiskRound> {
  const next: RiskRound = { ...r, ...patch, title: patch.title !== undefined ? patch.title.trim() || r.title : r.title };
  const errors = roundDateErrors(next);
  if (errors[0]) return { ok: false, error: errors[0] };
  if (next.unitIds.length === 0) return fail('risk.roundUnitsMissing');
  return ok({ ...next, unitIds: [...new Set(next.unitIds)] });
}

/** One task changed (or added, when its id is new), checked. */
export function putTask(r: RiskRound, task: WorkPlanTask): Result<RiskRound> {
  const errors = validateTask(task);
  if (errors[0]) return { ok: false, error: errors[0] };
  const exists = r.tasks.some((t) => t.id === task.id);
  return ok({ ...r, tasks: exists ? r.tasks.map((t) => (t.id === task.id ? task : t)) : [...r.tasks, task] });
}

/** The next free task id of a round. */
export function nextTaskId(r: RiskRound): string {
  const used = r.tasks.map((t) => Number(/^task-(\d+)$/.exec(t.id)?.[1] ?? 0));
  return `task-${Math.max(0, ...used) + 1}`;
}

/** The ISO weeks a span touches, in order: the bars of the work plan ("40 41 … 52 1 2 … 9"). */
export function isoWeeksBetween(from: CalendarDate, to: CalendarDate): { year: number; week: number }[] {
  const out: { year: number; week: number }[] = [];
  if (to < from) return out;
  // From the Monday of `from`'s week, one step a week, until past `to`.
  const weekday = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7;
  for (let monday = addDays(from, -weekday); monday <= to; monday = addDays(monday, 7)) out.push(isoWeek(monday));
  return out;
}

export function isTaskOverdue(t: WorkPlanTask, now: Date): boolean {
  return t.percentDone < 100 && toOsloDate(now) > t.deadline;
}

/**
 * The id of a unit's assessment in a round: one per unit and round, so a second "create" finds the first, and the
 * round's view finds each unit's by id. Anything that makes round assessments (the app, the demo) uses this one.
 */
export function roundAssessmentId(roundId: string, unitId: string): string {
  return fitId(`ra-${roundId}-${unitId}`);
}

// ── States and what falls due ───────────────────────────────────────────────────────────────────

export type RiskUnitState = 'notStarted' | RiskAssessmentStatus;

export const RISK_UNIT_STATES: readonly RiskUnitState[] = ['notStarted', 'draft', 'submitted', 'compiled', 'forwarded'];

/** A unit with no assessment in the round, or an empty draft, has not started. */
export function unitStateOf(assessment: Pick<RiskAssessment, 'status'> | undefined, itemCount: number): RiskUnitState {
  if (!assessment) return 'notStarted';
  if (assessment.status === 'draft' && itemCount === 0) return 'notStarted';
  return assessment.status;
}

export interface RiskDue {
  readonly kind: 'unitSubmission' | 'sectorForwarding' | 'workPlanTask';
  readonly roundId: string;
  readonly title: string;
  readonly deadline: CalendarDate;
  readonly daysLeft: number;
  readonly overdue: boolean;
  readonly unitId: string | null;
  readonly taskId: string | null;
  readonly responsibleIds: readonly string[];
}

/**
 * What falls due within `days` (or is overdue) in an active round: each unit not yet past 'draft' by the unit deadline
 * (its leader), each sector with assessments not yet forwarded by the sector deadline (its kommunalsjef), each
 * unfinished task (its person, or the people its role names: the quality advisers, the sector heads, the unit leaders
 * of the round, KLG's members).
 */
export function riskDue(
  round: RiskRound,
  input: {
    readonly states: ReadonlyMap<string, RiskUnitState>;
    readonly units: OrgUnits;
    readonly qualityAdviserIds: readonly string[];
    readonly klgMemberIds: readonly string[];
  },
  now: Date,
  days: number,
): RiskDue[] {
  if (round.status !== 'active') return [];
  const today = toOsloDate(now);
  const horizon = addDays(today, days);
  const out: RiskDue[] = [];
  const due = (deadline: CalendarDate) => deadline <= horizon;
  const entry = (e: Omit<RiskDue, 'daysLeft' | 'overdue' | 'roundId'>): RiskDue => ({ ...e, roundId: round.id, daysLeft: daysBetween(today, e.deadline), overdue: today > e.deadline });
  const sectorOfUnit = (unitId: string) => sectorOf(unitId, input.units);

  if (due(round.unitDeadline)) {
    for (const unitId of round.unitIds) {
      const state = input.states.get(unitId) ?? 'notStarted';
      const unit = input.units.get(unitId);
      if (!unit || (state !== 'notStarted' && state !== 'draft')) continue;
      out.push(entry({ kind: 'unitSubmission', title: 'Send risikovurderingen til kommunalsjef', deadline: round.unitDeadline, unitId, taskId: null, responsibleIds: [unit.leaderId] }));
    }
  }
  if (due(round.sectorDeadline)) {
    const sectors = new Map<string, boolean>();
    for (const unitId of round.unitIds) {
      const sector = sectorOfUnit(unitId);
      if (!sector) continue;
      const state = input.states.get(unitId) ?? 'notStarted';
      sectors.set(sector.id, (sectors.get(sector.id) ?? false) || state !== 'forwarded');
    }
    for (const [sectorId, pending] of sectors) {
      const sector = input.units.get(sectorId);
      if (!pending || !sector) continue;
      out.push(entry({ kind: 'sectorForwarding', title: 'Send samlet risikovurdering videre til kvalitet og internkontroll', deadline: round.sectorDeadline, unitId: sectorId, taskId: null, responsibleIds: [sector.leaderId] }));
    }
  }
  for (const t of round.tasks) {
    if (t.percentDone >= 100 || !due(t.deadline)) continue;
    const roundUnits = round.unitIds.map((id) => input.units.get(id)).filter((u) => u !== undefined);
    const people =
      t.responsible === 'person'
        ? [t.responsiblePersonId ?? '']
        : t.responsible === 'qualityAdviser'
          ? input.qualityAdviserIds
          : t.responsible === 'executiveGroup'
            ? input.klgMemberIds
            : t.responsible === 'unitLeader'
              ? roundUnits.map((u) => u.leaderId)
              : roundUnits.map((u) => sectorOfUnit(u.id)?.leaderId ?? '');
    out.push(entry({ kind: 'workPlanTask', title: t.title, deadline: t.deadline, unitId: null, taskId: t.id, responsibleIds: [...new Set(people.filter((p) => p !== ''))] }));
  }
  return out.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
}

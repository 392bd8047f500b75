// The case lifecycle: new → received → under analysis → measures decided → closed, and reopen.
//
// The nearest leader receives, analyses the root cause, decides measures and closes (seed 001,
// appendix 3). transition() knows the states only; actOnCase() also asks the access policy, and is
// what use cases call.

import { canHandle, type AccessContext } from './access.js';
import {
  hasRootCause,
  kindRequiresRootCause,
  type CaseChangeType,
  type CaseEvent,
  type CaseEventType,
  type CaseStatus,
  type CauseAnalysis,
  type Deviation,
} from './deviation.js';
import { fail, ok, type Result } from './domain-error.js';
import type { Person } from './person.js';

export type CaseAction =
  /** Acknowledge the report; the handler is the given person, else the current one, else the actor. */
  | { readonly type: 'receive'; readonly handlerId?: string }
  | { readonly type: 'startAnalysis' }
  /** Needs a root cause for event kinds, and at least one measure or a reason why none is needed. */
  | { readonly type: 'decideMeasures'; readonly measureIds?: readonly string[]; readonly noMeasureReason?: string }
  | { readonly type: 'close'; readonly closingNote: string }
  | { readonly type: 'reopen'; readonly to: 'received' | 'underAnalysis'; readonly reason: string };

export type CaseActionType = CaseAction['type'];

/** Where each action may start from and where it leads. */
const MOVES: Readonly<Record<CaseActionType, { readonly from: readonly CaseStatus[] }>> = {
  receive: { from: ['new'] },
  startAnalysis: { from: ['received'] },
  decideMeasures: { from: ['underAnalysis'] },
  close: { from: ['measuresDecided', 'received'] },
  reopen: { from: ['closed'] },
};

/**
 * Whether the action may start from the case's status. Closing straight from 'received' is only
 * for positive feedback: there is nothing to analyse or fix, but the praise should still be
 * acknowledged and passed on.
 */
function mayStart(d: Deviation, type: CaseActionType): boolean {
  if (!MOVES[type].from.includes(d.status)) return false;
  if (type === 'close' && d.status === 'received') return d.kind === 'positiveFeedback';
  return true;
}

/** The actions the case's status allows now (what the tab shows as buttons). */
export function allowedActions(d: Deviation): CaseActionType[] {
  return (Object.keys(MOVES) as CaseActionType[]).filter((type) => mayStart(d, type));
}

const text = (value: string | undefined): string => (value ?? '').trim();

function withEvent(d: Deviation, patch: Partial<Deviation>, type: CaseEventType, actor: Person, now: Date, note?: string): Deviation {
  const to = patch.status ?? d.status;
  const event: CaseEvent = { type, actorId: actor.id, at: now.toISOString(), from: d.status, to, ...(note ? { note } : {}) };
  return { ...d, ...patch, history: [...d.history, event] };
}

/** Moves the case one step; permission is not checked here (see actOnCase). */
export function transition(d: Deviation, action: CaseAction, actor: Person, now: Date): Result<Deviation> {
  if (!mayStart(d, action.type)) return fail('case.invalidTransition', { status: d.status, action: action.type });

  switch (action.type) {
    case 'receive': {
      const handlerId = action.handlerId ?? d.handlerId ?? actor.id;
      return ok(withEvent(d, { status: 'received', handlerId }, 'receive', actor, now));
    }
    case 'startAnalysis':
      return ok(withEvent(d, { status: 'underAnalysis' }, 'startAnalysis', actor, now));
    case 'decideMeasures': {
      if (kindRequiresRootCause(d.kind) && !hasRootCause(d.analysis)) return fail('case.analysisMissing');
      const measureIds = [...new Set([...d.measureIds, ...(action.measureIds ?? [])])];
      const reason = text(action.noMeasureReason);
      if (measureIds.length === 0 && reason === '') return fail('case.measureDecisionMissing');
      const patch = { status: 'measuresDecided' as const, measureIds, noMeasureReason: reason === '' ? null : reason };
      return ok(withEvent(d, patch, 'decideMeasures', actor, now, reason || undefined));
    }
    case 'close': {
      const note = text(action.closingNote);
      if (note === '') return fail('case.closingNoteMissing');
      return ok(withEvent(d, { status: 'closed', closingNote: note, closedAt: now.toISOString() }, 'close', actor, now, note));
    }
    case 'reopen': {
      const reason = text(action.reason);
      if (reason === '') return fail('case.reopenReasonMissing');
      // The old closing note stays in the history; a new close needs a new one.
      return ok(withEvent(d, { status: action.to, closingNote: null, closedAt: null }, 'reopen', actor, now, reason));
    }
  }
}

/** The use-case entry point: the actor must be allowed to handle the case, then the step is taken. */
export function actOnCase(d: Deviation, action: CaseAction, actor: Person, ctx: AccessContext, now: Date): Result<Deviation> {
  if (!canHandle(actor, d, ctx)) return fail('case.forbidden');
  return transition(d, action, actor, now);
}

/** Records the root-cause analysis while the case is under analysis (the caller checks canHandle). */
export function recordAnalysis(d: Deviation, analysis: CauseAnalysis): Result<Deviation> {
  if (d.status !== 'underAnalysis') return fail('case.analysisNotOpen', { status: d.status });
  const whys = analysis.whys.map((w) => w.trim()).filter((w) => w !== '');
  const rootCause = analysis.rootCause?.trim() || null;
  return ok({ ...d, analysis: { whys, rootCause, causeCategory: analysis.causeCategory } });
}

/** Links measures (tiltak) to the case until it is closed (the caller checks canHandle). */
export function linkMeasures(d: Deviation, measureIds: readonly string[]): Result<Deviation> {
  if (d.status === 'closed') return fail('case.closed');
  return ok({ ...d, measureIds: [...new Set([...d.measureIds, ...measureIds])] });
}

/** "5 hvorfor": at most five answers (seeds 000, 001). */
export const MAX_WHYS = 5;

/** Logs a change that leaves the status as it is: who, when, what (the note), in the status it happened in. */
function withChange(d: Deviation, type: CaseChangeType, actor: Person, now: Date, note?: string): Deviation {
  const event: CaseEvent = { type, actorId: actor.id, at: now.toISOString(), from: d.status, to: d.status, ...(note ? { note } : {}) };
  return { ...d, history: [...d.history, event] };
}

/**
 * The use-case entry point for the root-cause analysis: the actor must be allowed to handle the case,
 * the case must be under analysis, and there are at most five whys. The change is logged.
 */
export function analyseCase(d: Deviation, analysis: CauseAnalysis, actor: Person, ctx: AccessContext, now: Date): Result<Deviation> {
  if (!canHandle(actor, d, ctx)) return fail('case.forbidden');
  if (analysis.whys.filter((w) => w.trim() !== '').length > MAX_WHYS) return fail('case.tooManyWhys', { max: MAX_WHYS });
  const recorded = recordAnalysis(d, analysis);
  if (!recorded.ok) return recorded;
  return ok(withChange(recorded.value, 'analysis', actor, now));
}

/**
 * Links a new measure to the case and logs it with the measure's title, so the history shows what was
 * added (the title is blanked with the other free text for those who may not see health details).
 */
export function addMeasureToCase(d: Deviation, measure: { readonly id: string; readonly title: string }, actor: Person, ctx: AccessContext, now: Date): Result<Deviation> {
  if (!canHandle(actor, d, ctx)) return fail('case.forbidden');
  const linked = linkMeasures(d, [measure.id]);
  if (!linked.ok) return linked;
  return ok(withChange(linked.value, 'measureAdded', actor, now, measure.title.trim()));
}

/**
 * Logs feedback sent to the reporter or an escalation to the committee above, with its text. Allowed
 * in any status (the reporter may hear back after the case is closed); the actor must handle the case.
 */
export function noteOnCase(d: Deviation, change: { readonly type: 'feedback' | 'escalated'; readonly note: string }, actor: Person, ctx: AccessContext, now: Date): Result<Deviation> {
  if (!canHandle(actor, d, ctx)) return fail('case.forbidden');
  const note = change.note.trim();
  if (note === '') return fail(change.type === 'feedback' ? 'case.feedbackMissing' : 'case.escalationNoteMissing');
  return ok(withChange(d, change.type, actor, now, note));
}

// The self-assessment form's state and the body it sends (pure).
import type { PersonRef } from '../../../../src/server/api/contract.js';
import type { ChecklistAnswer, ChecklistQuestionId, SelfAssessmentBody } from '../../../../src/server/api/contract-procedures.js';
import type { SelfAssessmentOutcome } from './procedure-values';

export interface MeasureDraft {
  title: string;
  description: string;
  owner: PersonRef | null;
  /** YYYY-MM-DD */
  deadline: string;
}

export interface SelfAssessmentDraft {
  answers: Partial<Record<ChecklistQuestionId, ChecklistAnswer>>;
  outcome: SelfAssessmentOutcome | '';
  comment: string;
  measures: MeasureDraft[];
}

export const MAX_MEASURES = 10;

export function emptySelfAssessment(): SelfAssessmentDraft {
  return { answers: {}, outcome: '', comment: '', measures: [] };
}

export function emptyMeasure(): MeasureDraft {
  return { title: '', description: '', owner: null, deadline: '' };
}

export type MeasureProblem = 'title' | 'owner' | 'deadline' | 'deadlinePast';

/** What is wrong with a measure before it is added (empty: nothing); the deadline may not be before today (Oslo). */
export function measureProblems(m: MeasureDraft, today: string): MeasureProblem[] {
  const out: MeasureProblem[] = [];
  if (!m.title.trim()) out.push('title');
  if (!m.owner) out.push('owner');
  if (!m.deadline) out.push('deadline');
  else if (m.deadline < today) out.push('deadlinePast');
  return out;
}

/** Questions left unanswered (every checklist question wants an answer, «Ikke aktuelt» included). */
export function unanswered(draft: SelfAssessmentDraft, questionIds: readonly ChecklistQuestionId[]): ChecklistQuestionId[] {
  return questionIds.filter((id) => draft.answers[id] === undefined);
}

export function selfAssessmentBody(draft: SelfAssessmentDraft, year: number): SelfAssessmentBody {
  if (draft.outcome === '') throw new Error('outcome missing');
  const body: SelfAssessmentBody = { year, answers: { ...draft.answers }, outcome: draft.outcome };
  const comment = draft.comment.trim();
  if (comment) body.comment = comment;
  const measures = draft.measures
    .filter((m) => m.owner !== null)
    .slice(0, MAX_MEASURES)
    .map((m) => ({ title: m.title.trim(), ownerId: m.owner?.id ?? '', deadline: m.deadline, ...(m.description.trim() ? { description: m.description.trim() } : {}) }));
  if (measures.length > 0) body.measures = measures;
  return body;
}

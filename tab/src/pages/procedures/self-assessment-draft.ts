// The self-assessment form's state and the body it sends (pure).
import type { ChecklistAnswer, ChecklistQuestionId, SelfAssessmentBody } from '../../../../src/server/api/contract-procedures.js';
import { measureFieldsBody, type MeasureDraft } from '../../components/measure-draft';
import type { SelfAssessmentOutcome } from './procedure-values';

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
    .flatMap((m) => (m.owner ? [measureFieldsBody({ ...m, owner: m.owner })] : []))
    .slice(0, MAX_MEASURES);
  if (measures.length > 0) body.measures = measures;
  return body;
}

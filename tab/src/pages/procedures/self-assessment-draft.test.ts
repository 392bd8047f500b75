// The self-assessment form asks for every answer and sends its measures to the action list as the contract says.
import { describe, expect, it } from 'vitest';
import { emptySelfAssessment, selfAssessmentBody, unanswered } from './self-assessment-draft';

describe('self-assessment draft', () => {
  it('lists the questions still unanswered', () => {
    const draft = { ...emptySelfAssessment(), answers: { known: 'yes' as const, lawful: 'notApplicable' as const } };
    expect(unanswered(draft, ['known', 'followed', 'lawful', 'current'])).toEqual(['followed', 'current']);
  });

  it('builds the body: year, answers, outcome, a trimmed comment and the measures', () => {
    const body = selfAssessmentBody(
      {
        answers: { known: 'partly', followed: 'yes' },
        outcome: 'needsRevision',
        comment: '  Må oppdateres etter ny lov. ',
        measures: [{ title: ' Revider reglementet ', description: '', owner: { id: 'p-1', name: 'Per' }, deadline: '2026-06-01' }],
      },
      2026,
    );
    expect(body).toEqual({
      year: 2026,
      answers: { known: 'partly', followed: 'yes' },
      outcome: 'needsRevision',
      comment: 'Må oppdateres etter ny lov.',
      measures: [{ title: 'Revider reglementet', ownerId: 'p-1', deadline: '2026-06-01' }],
    });
    expect(selfAssessmentBody({ ...emptySelfAssessment(), outcome: 'adequate' }, 2025)).toEqual({ year: 2025, answers: {}, outcome: 'adequate' });
    expect(() => selfAssessmentBody(emptySelfAssessment(), 2026)).toThrow();
  });
});

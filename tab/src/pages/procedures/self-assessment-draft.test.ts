// The self-assessment form asks for every answer and sends its measures to the action list as the contract says.
import { describe, expect, it } from 'vitest';
import { emptyMeasure, emptySelfAssessment, measureProblems, selfAssessmentBody, unanswered } from './self-assessment-draft';

describe('self-assessment draft', () => {
  it('lists the questions still unanswered', () => {
    const draft = { ...emptySelfAssessment(), answers: { known: 'yes' as const, lawful: 'notApplicable' as const } };
    expect(unanswered(draft, ['known', 'followed', 'lawful', 'current'])).toEqual(['followed', 'current']);
  });

  it('checks a measure: title, owner, a deadline not before today in Oslo', () => {
    expect(measureProblems(emptyMeasure(), '2026-03-02')).toEqual(['title', 'owner', 'deadline']);
    const m = { title: 'Oppdater reglementet', description: '', owner: { id: 'p-1', name: 'Per' }, deadline: '2026-03-01' };
    expect(measureProblems(m, '2026-03-02')).toEqual(['deadlinePast']);
    expect(measureProblems({ ...m, deadline: '2026-03-02' }, '2026-03-02')).toEqual([]);
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

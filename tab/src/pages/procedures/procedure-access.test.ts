// The procedure menu offers each person what their roles make useful (the server still decides every step).
import { describe, expect, it } from 'vitest';
import { procedureMenu } from './procedure-access';

const views = (roles: Parameters<typeof procedureMenu>[0]['roles'], leadsUnitIds: string[] = []) => procedureMenu({ roles, leadsUnitIds }).map((i) => i.view);

describe('procedure menu', () => {
  it('gives an employee search and the reading list', () => {
    expect(views(['employee'])).toEqual(['search', 'readingList']);
  });

  it('gives a reviewer the reviews too', () => {
    expect(views(['employee', 'reviewer'])).toEqual(['search', 'readingList', 'reviews']);
  });

  it('gives a leader everything', () => {
    expect(views(['unitLeader'], ['u-1'])).toEqual(['search', 'readingList', 'new', 'approvals', 'reviews', 'selfAssessment', 'coverage']);
  });

  it('gives a quality adviser and a coordinator upload, self-assessment and coverage, but approvals only to leaders', () => {
    expect(views(['qualityAdviser'])).toEqual(['search', 'readingList', 'new', 'reviews', 'selfAssessment', 'coverage']);
    expect(views(['employee', 'qualityCoordinator'])).toEqual(['search', 'readingList', 'new', 'selfAssessment', 'coverage']);
  });
});

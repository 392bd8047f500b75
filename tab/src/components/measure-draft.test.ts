// A measure typed into a form: what is missing, and the body it becomes.
import { describe, expect, it } from 'vitest';
import { emptyMeasure, measureFieldsBody, measureProblems } from './measure-draft';

describe('a measure draft', () => {
  it('checks a measure: title, owner, a deadline not before today in Oslo', () => {
    expect(measureProblems(emptyMeasure(), '2026-03-02')).toEqual(['title', 'owner', 'deadline']);
    const m = { title: 'Revider', description: '', owner: { id: 'p-1', name: 'Per' }, deadline: '2026-03-01' };
    expect(measureProblems(m, '2026-03-02')).toEqual(['deadlinePast']);
    expect(measureProblems({ ...m, deadline: '2026-03-02' }, '2026-03-02')).toEqual([]);
    expect(measureProblems({ ...m, title: '   ', deadline: '2026-03-02' }, '2026-03-02')).toEqual(['title']);
  });

  it('becomes a body with trimmed words and no empty description', () => {
    const owner = { id: 'p-1', name: 'Per' };
    expect(measureFieldsBody({ title: ' Bytt låsen ', description: '  ', owner, deadline: '2026-06-01' })).toEqual({ title: 'Bytt låsen', ownerId: 'p-1', deadline: '2026-06-01' });
    expect(measureFieldsBody({ title: 'Bytt låsen', description: ' Før helgen ', owner, deadline: '2026-06-01' })).toEqual({
      title: 'Bytt låsen',
      description: 'Før helgen',
      ownerId: 'p-1',
      deadline: '2026-06-01',
    });
  });
});

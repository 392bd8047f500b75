// Tests for the yearly round: Tønsberg's work plan over the round's dates, ISO weeks, unit states and what is due.
import { describe, expect, it } from 'vitest';
import { changeRiskRound, defaultWorkPlan, isTaskOverdue, isoWeeksBetween, nextTaskId, putTask, riskDue, startRiskRound, unitStateOf, type RiskRound } from './risk-round.js';
import { units } from './test-fixtures.js';

const NOW = new Date('2023-10-16T08:00:00Z');
const dates = { start: '2023-10-16', unitDeadline: '2023-12-20', sectorDeadline: '2024-01-03', plannedEnd: '2024-03-01' };

function round(patch: Partial<RiskRound> = {}): RiskRound {
  const r = startRiskRound({ id: 'r', year: 2024, ...dates, unitIds: ['sh', 'ht', 'sk'], startedById: 'kr' }, NOW);
  if (!r.ok) throw new Error(r.error.message);
  return { ...r.value, ...patch };
}

describe('a new round', () => {
  it('gets Tønsberg’s ten tasks in order, within the round, with the forms already sent out', () => {
    const r = round();
    expect(r.title).toBe('Overordnet risikostyringsprosess 2024');
    expect(r.tasks).toHaveLength(10);
    expect(r.tasks.map((t) => t.responsibleLabel)).toEqual([
      'Kvalitet og internkontroll',
      'Kvalitet og internkontroll',
      'Kommunalsjef/VL',
      'Kommunalsjef',
      'Virksomhetsleder',
      'Virksomhetsleder',
      'Kommunalsjef',
      'KLG',
      'KLG',
      'Kvalitet og internkontroll',
    ]);
    expect(r.tasks[1]?.percentDone).toBe(100);
    expect(r.tasks.find((t) => t.title.startsWith('Frist sende risikovurdering til kommunalsjef'))?.deadline).toBe('2023-12-20');
    expect(r.tasks.find((t) => t.title.startsWith('Frist for kommunalsjef'))?.deadline).toBe('2024-01-03');
    expect(r.tasks.at(-1)?.deadline).toBe('2024-03-01');
    for (const t of r.tasks) expect(t.deadline >= t.start && t.start >= dates.start && t.deadline <= dates.plannedEnd).toBe(true);
  });

  it('defaults the planned end to ten weeks after the sector deadline', () => {
    const r = startRiskRound({ id: 'r', year: 2024, start: '2023-10-16', unitDeadline: '2023-12-20', sectorDeadline: '2024-01-03', unitIds: ['sh'], startedById: 'kr' }, NOW);
    expect(r.ok && r.value.plannedEnd).toBe('2024-03-13');
  });

  it('refuses dates out of order, no units, a bad year, a bad task', () => {
    const base = { id: 'r', year: 2024, ...dates, unitIds: ['sh'], startedById: 'kr' };
    const code = (r: ReturnType<typeof startRiskRound>) => (r.ok ? null : r.error.code);
    expect(code(startRiskRound({ ...base, sectorDeadline: '2023-12-01' }, NOW))).toBe('risk.roundDatesOrder');
    expect(code(startRiskRound({ ...base, unitIds: [] }, NOW))).toBe('risk.roundUnitsMissing');
    expect(code(startRiskRound({ ...base, year: 1999 }, NOW))).toBe('risk.roundYear');
    expect(code(startRiskRound({ ...base, unitDeadline: '2023-13-01' }, NOW))).toBe('date.invalid');
    const task = { title: 'X', responsible: 'qualityAdviser' as const, responsiblePersonId: null, responsibleLabel: 'Q', percentDone: 101, start: '2023-10-16', deadline: '2023-10-20' };
    expect(code(startRiskRound({ ...base, tasks: [task] }, NOW))).toBe('risk.percentOutOfRange');
    expect(code(startRiskRound({ ...base, tasks: [{ ...task, percentDone: 0, deadline: '2023-10-01' }] }, NOW))).toBe('risk.taskDatesOrder');
  });

  it('changes dates and units checked the same way, and adds or changes a task by id', () => {
    expect(changeRiskRound(round(), { unitDeadline: '2024-02-01' }).ok).toBe(false);
    const moved = changeRiskRound(round(), { unitDeadline: '2023-12-15', title: ' ' });
    expect(moved.ok && [moved.value.unitDeadline, moved.value.title]).toEqual(['2023-12-15', 'Overordnet risikostyringsprosess 2024']);
    const r = round();
    expect(nextTaskId(r)).toBe('task-11');
    const added = putTask(r, { id: nextTaskId(r), title: 'Ekstra møte', responsible: 'person', responsiblePersonId: 'kr', responsibleLabel: 'kr', percentDone: 0, start: '2023-11-01', deadline: '2023-11-02' });
    expect(added.ok && added.value.tasks).toHaveLength(11);
    const changed = putTask(r, { ...(r.tasks[2] as RiskRound['tasks'][number]), percentDone: 50 });
    expect(changed.ok && changed.value.tasks[2]?.percentDone).toBe(50);
  });
});

describe('ISO weeks', () => {
  it('spans Tønsberg’s plan from week 42 of 2023 to week 9 of 2024, over the new year', () => {
    const weeks = isoWeeksBetween('2023-10-16', '2024-03-01');
    expect(weeks[0]).toEqual({ year: 2023, week: 42 });
    expect(weeks.at(-1)).toEqual({ year: 2024, week: 9 });
    expect(weeks.find((w) => w.week === 52)).toEqual({ year: 2023, week: 52 });
    expect(weeks.find((w) => w.week === 1)).toEqual({ year: 2024, week: 1 });
    expect(weeks).toHaveLength(20);
  });

  it('is one week for a task within a week, and none for an inverted span', () => {
    expect(isoWeeksBetween('2024-01-03', '2024-01-05')).toEqual([{ year: 2024, week: 1 }]);
    expect(isoWeeksBetween('2024-01-05', '2024-01-03')).toEqual([]);
  });

  it('is overdue from the day after the deadline in Oslo, unless done', () => {
    const t = { ...(round().tasks[4] as RiskRound['tasks'][number]), deadline: '2023-12-15' };
    expect(isTaskOverdue(t, new Date('2023-12-15T22:30:00Z'))).toBe(false); // 23:30 in Oslo
    expect(isTaskOverdue(t, new Date('2023-12-15T23:30:00Z'))).toBe(true); // 00:30 the next day
    expect(isTaskOverdue({ ...t, percentDone: 100 }, new Date('2024-01-01T12:00:00Z'))).toBe(false);
  });
});

describe('states and what is due', () => {
  it('has not started without an assessment or with an empty draft', () => {
    expect(unitStateOf(undefined, 0)).toBe('notStarted');
    expect(unitStateOf({ status: 'draft' }, 0)).toBe('notStarted');
    expect(unitStateOf({ status: 'draft' }, 2)).toBe('draft');
    expect(unitStateOf({ status: 'submitted' }, 0)).toBe('submitted');
  });

  const input = (states: Record<string, 'notStarted' | 'draft' | 'submitted' | 'compiled' | 'forwarded'>) => ({
    states: new Map(Object.entries(states)),
    units,
    qualityAdviserIds: ['kr'],
    klgMemberIds: ['kd', 'ks-mh', 'ks-ol'],
  });

  it('reminds units not yet submitted within the horizon, and their leaders', () => {
    const r = round({ tasks: [] });
    const due = riskDue(r, input({ sh: 'draft', ht: 'submitted', sk: 'notStarted' }), new Date('2023-12-10T09:00:00Z'), 14);
    expect(due.filter((d) => d.kind === 'unitSubmission').map((d) => [d.unitId, d.responsibleIds, d.daysLeft, d.overdue])).toEqual([
      ['sh', ['vl-sh'], 10, false],
      ['sk', ['vl-sk'], 10, false],
    ]);
    expect(riskDue(r, input({ sh: 'draft' }), new Date('2023-11-01T09:00:00Z'), 14)).toEqual([]);
  });

  it('reminds sector heads whose units are not all forwarded, overdue after the deadline', () => {
    const due = riskDue(round({ tasks: [] }), input({ sh: 'forwarded', ht: 'compiled', sk: 'forwarded' }), new Date('2024-01-05T09:00:00Z'), 0);
    const sectors = due.filter((d) => d.kind === 'sectorForwarding');
    expect(sectors.map((d) => [d.unitId, d.responsibleIds, d.overdue, d.daysLeft])).toEqual([['mh', ['ks-mh'], true, -2]]);
  });

  it('reminds the people of unfinished tasks by role, and nothing of a closed round', () => {
    const r = round();
    const due = riskDue(r, input({}), new Date('2023-10-20T09:00:00Z'), 10);
    const calling = due.find((d) => d.title === 'Kalle inn til oppstartsmøter');
    expect(calling?.responsibleIds).toEqual(['ks-mh', 'ks-ol']);
    expect(due.some((d) => d.title.startsWith('Oversendelse'))).toBe(false); // done: 100 %
    expect(riskDue({ ...r, status: 'closed' }, input({}), new Date('2024-01-05T09:00:00Z'), 90)).toEqual([]);
    expect(defaultWorkPlan(dates)).toHaveLength(10);
  });
});

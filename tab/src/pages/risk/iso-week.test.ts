// ISO weeks in Oslo and the work plan's week columns: the Tønsberg plan runs from week 40 across New Year to week 9.
import { describe, expect, it } from 'vitest';
import { addDays, columnsOf, ganttMarks, isPast, isoWeek, mondayOf, mondayOfIsoWeek, monthGroups, osloDate, osloIsoWeek, weekColumns, weekKey } from './iso-week';

describe('ISO weeks', () => {
  it('start on Monday and count from the week of the first Thursday', () => {
    expect(isoWeek('2023-10-02')).toEqual({ year: 2023, week: 40 }); // Monday
    expect(isoWeek('2023-10-08')).toEqual({ year: 2023, week: 40 }); // Sunday
    expect(isoWeek('2023-10-09')).toEqual({ year: 2023, week: 41 });
    expect(isoWeek('2024-03-01')).toEqual({ year: 2024, week: 9 });
  });

  it('belong to the week-numbering year around New Year', () => {
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2026-12-28')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeek('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeek('2024-01-01')).toEqual({ year: 2024, week: 1 });
  });

  it('refuse dates that do not exist', () => {
    expect(() => isoWeek('2026-02-30')).toThrow(RangeError);
    expect(() => isoWeek('30.01.2026')).toThrow(RangeError);
  });

  it('find the Monday of a week and add days across months and years', () => {
    expect(mondayOf('2024-01-03')).toBe('2024-01-01');
    expect(mondayOf('2027-01-03')).toBe('2026-12-28');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
  });

  it('are counted on the Oslo calendar, not UTC (Sunday 23:30 UTC in winter is Monday in Oslo)', () => {
    expect(osloDate(new Date('2024-01-07T23:30:00Z'))).toBe('2024-01-08');
    expect(osloIsoWeek(new Date('2024-01-07T23:30:00Z'))).toEqual({ year: 2024, week: 2 });
    expect(osloIsoWeek(new Date('2024-01-07T22:30:00Z'))).toEqual({ year: 2024, week: 1 });
    // Summer time (UTC+2): 22:30 UTC on a Sunday is already Monday.
    expect(osloIsoWeek(new Date('2024-06-09T22:30:00Z'))).toEqual({ year: 2024, week: 24 });
    expect(osloIsoWeek(new Date('2024-06-09T21:30:00Z'))).toEqual({ year: 2024, week: 23 });
    // New Year's Eve at 23:30 UTC is 1 January in Oslo.
    expect(osloDate(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
  });

  it('have stable keys', () => {
    expect(weekKey({ year: 2023, week: 4 })).toBe('2023-W04');
  });
});

describe('the work plan across ISO weeks', () => {
  const columns = weekColumns('2023-10-02', '2024-03-01');

  it('has one column per week from the start to the end, across New Year (40–52, 1–9)', () => {
    expect(columns.map((c) => c.week)).toEqual([40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(columns[0]).toMatchObject({ year: 2023, monday: '2023-10-02', sunday: '2023-10-08', key: '2023-W40' });
    expect(columns.at(-1)).toMatchObject({ year: 2024, week: 9, monday: '2024-02-26' });
  });

  it('gives the same columns whichever way round the dates come, and stops at a maximum', () => {
    expect(weekColumns('2024-03-01', '2023-10-02')).toEqual(columns);
    expect(weekColumns('2023-01-01', '2026-01-01', 10)).toHaveLength(10);
    expect(weekColumns('2024-01-03', '2024-01-04')).toHaveLength(1);
  });

  it('marks a task from its start to its deadline week', () => {
    const marks = ganttMarks(columns, { start: '2023-10-16', deadline: '2023-12-15' });
    expect(marks.slice(0, 2)).toEqual(['none', 'none']);
    expect(marks.slice(2, 10)).toEqual(Array(8).fill('active')); // weeks 42–49
    expect(marks[10]).toBe('deadline'); // week 50
    expect(marks.slice(11).every((m) => m === 'none')).toBe(true);
  });

  it('marks only the deadline week of a task without a start, and a deadline in the start week', () => {
    expect(ganttMarks(columns, { deadline: '2023-10-11' }).filter((m) => m !== 'none')).toEqual(['deadline']);
    expect(ganttMarks(columns, { deadline: '2023-10-11' })[1]).toBe('deadline');
    expect(ganttMarks(columns, { start: '2023-10-09', deadline: '2023-10-11' }).indexOf('active')).toBe(-1);
  });

  it('leaves a deadline outside the plan unmarked', () => {
    expect(ganttMarks(columns, { deadline: '2024-06-01' }).every((m) => m === 'none')).toBe(true);
  });

  it('says a deadline has passed only after its whole day in Oslo', () => {
    expect(isPast('2024-01-07', new Date('2024-01-07T22:30:00Z'))).toBe(false);
    expect(isPast('2024-01-07', new Date('2024-01-07T23:30:00Z'))).toBe(true);
  });

  it('turns the server\'s {year, week} back into columns, week 53 and New Year included', () => {
    expect(mondayOfIsoWeek(2023, 40)).toBe('2023-10-02');
    expect(mondayOfIsoWeek(2024, 1)).toBe('2024-01-01');
    expect(mondayOfIsoWeek(2026, 53)).toBe('2026-12-28');
    expect(mondayOfIsoWeek(2021, 1)).toBe('2021-01-04');
    expect(columnsOf(columns.map((c) => ({ year: c.year, week: c.week })))).toEqual(columns);
    for (let w = 1; w <= 52; w++) expect(isoWeek(mondayOfIsoWeek(2025, w))).toEqual({ year: 2025, week: w });
  });

  it('groups the week columns by month for the header (a week belongs to its Thursday\'s month)', () => {
    const groups = monthGroups(columns);
    expect(groups.map((g) => g.month)).toEqual(['2023-10', '2023-11', '2023-12', '2024-01', '2024-02']);
    expect(groups.reduce((a, g) => a + g.span, 0)).toBe(columns.length);
    expect(groups[0]).toEqual({ month: '2023-10', span: 4 }); // weeks 40–43; week 44 (30 Oct–5 Nov) is November's
  });
});


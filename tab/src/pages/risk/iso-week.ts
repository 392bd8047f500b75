// ISO 8601 weeks as people in Norway count them (Europe/Oslo), and the week columns of the ROS work plan (pure).
//
// The tab may take only types from the server's code, so this is the tab's own small copy of the rule: weeks start on
// Monday, and week 1 is the week with the year's first Thursday (2027-01-01 is in week 53 of 2026). "Today" is the
// calendar date in Oslo, not in the browser's zone: a Sunday 23:30 UTC in winter is already Monday in Oslo.

export interface IsoWeek {
  /** The ISO week-numbering year (can differ from the calendar year around New Year). */
  year: number;
  week: number;
}

export interface WeekColumn extends IsoWeek {
  /** The week's Monday and Sunday, YYYY-MM-DD. */
  monday: string;
  sunday: string;
  /** 'YYYY-Www', e.g. '2023-W40': a stable key. */
  key: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function utcMidnight(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`Not a calendar date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) throw new RangeError(`Not a calendar date: ${date}`);
  return t;
}

function ymd(t: number): string {
  const d = new Date(t);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return ymd(utcMidnight(date) + days * DAY_MS);
}

/** The ISO week of a calendar date (YYYY-MM-DD). */
export function isoWeek(date: string): IsoWeek {
  const t = utcMidnight(date);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(t + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  return { year, week: 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) };
}

/** The Monday of the week a date is in. */
export function mondayOf(date: string): string {
  const t = utcMidnight(date);
  return ymd(t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS);
}

const osloDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Oslo at an instant (YYYY-MM-DD). */
export function osloDate(instant: Date): string {
  const parts: Record<string, string> = {};
  for (const p of osloDateFormat.formatToParts(instant)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The ISO week in Oslo at an instant. */
export function osloIsoWeek(instant: Date): IsoWeek {
  return isoWeek(osloDate(instant));
}

function column(monday: string): WeekColumn {
  const w = isoWeek(monday);
  return { ...w, monday, sunday: addDays(monday, 6), key: weekKey(w) };
}

export function weekKey(w: IsoWeek): string {
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}

/** Every ISO week from the one holding `from` to the one holding `to`, in order (at most `max`, default 60). */
export function weekColumns(from: string, to: string, max = 60): WeekColumn[] {
  const start = mondayOf(from <= to ? from : to);
  const end = mondayOf(from <= to ? to : from);
  const out: WeekColumn[] = [];
  for (let m = start; m <= end && out.length < max; m = addDays(m, 7)) out.push(column(m));
  return out;
}

/** What one work-plan task occupies in one week column. */
export type GanttMark = 'none' | 'active' | 'deadline';

/**
 * A task's marks across the week columns: 'active' from the week of its start to the week before its deadline,
 * 'deadline' in the deadline's week (a task without a start is marked in its deadline week only).
 */
export function ganttMarks(columns: readonly WeekColumn[], task: { start?: string | null; deadline: string }): GanttMark[] {
  const deadlineWeek = mondayOf(task.deadline);
  const startWeek = task.start ? mondayOf(task.start <= task.deadline ? task.start : task.deadline) : deadlineWeek;
  return columns.map((c) => (c.monday === deadlineWeek ? 'deadline' : c.monday >= startWeek && c.monday < deadlineWeek ? 'active' : 'none'));
}

/** Whether a deadline has passed in Oslo (the whole deadline day counts). */
export function isPast(deadline: string, now: Date): boolean {
  return deadline < osloDate(now);
}

/** The Monday of ISO week `week` of the week-numbering year `year` (4 January is always in week 1). */
export function mondayOfIsoWeek(year: number, week: number): string {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return ymd(jan4 - weekday * DAY_MS + (week - 1) * 7 * DAY_MS);
}

/** Week columns for the weeks the server lists ({year, week}), in its order. */
export function columnsOf(weeks: readonly IsoWeek[]): WeekColumn[] {
  return weeks.map((w) => column(mondayOfIsoWeek(w.year, w.week)));
}

/** Consecutive columns grouped by the month of their Thursday (the month a week belongs to), for a header row. */
export function monthGroups(columns: readonly WeekColumn[]): { month: string; span: number }[] {
  const out: { month: string; span: number }[] = [];
  for (const c of columns) {
    const month = addDays(c.monday, 3).slice(0, 7);
    const last = out.at(-1);
    if (last && last.month === month) last.span += 1;
    else out.push({ month, span: 1 });
  }
  return out;
}

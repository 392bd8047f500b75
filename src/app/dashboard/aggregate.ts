// The committee dashboard for one part of the tree, counted in one pass over the indexes' columns.
//
// Buckets follow the inbox's filters, so that a bar can link to the cases behind it: a case belongs to a month, a
// kind, a severity and a unit by its *reported* time as an Oslo calendar date (the inbox's from/to), and a unit's
// bar counts the unit and everything below it (the inbox's unitId). The period is the last `months` calendar months
// in Oslo, the current one included, up to today.
import { CASE_STATUSES, DEVIATION_KINDS, type DeviationKind, type OrgUnit, type OrgUnits, SEVERITIES, type Severity, descendants, routeOf } from '../../domain/index.js';
import { ACTIVE_MEASURE_STATUS_CODES, type CaseColumns, type MeasureColumns, dateOfDayNumber, firstDayOfMonth, monthLabel, monthNumberOfDay } from '../case-index/index.js';

export interface DashboardUnitCount {
  unitId: string;
  unitName: string;
  /** Reported in the period, in this unit and below. */
  reported: number;
  /** Of those, not closed now. */
  open: number;
  /**
   * True for the entry that counts the cases registered on the dashboard's unit itself (not on a unit below it),
   * shown beside its children. The inbox's unit filter takes a unit with everything below, so this entry's drill-down
   * shows the children's cases too.
   */
  own?: boolean;
}

export interface DashboardFigures {
  /** Oldest first: 'YYYY-MM' (Oslo), reported and closed that month. */
  byMonth: { month: string; reported: number; closed: number }[];
  byKind: { kind: DeviationKind; count: number }[];
  bySeverity: { severity: Severity | 'none'; count: number }[];
  byUnit: DashboardUnitCount[];
  /** Reported in the period and not closed now. */
  open: number;
  /** Reported in the period and closed now. */
  closed: number;
  /** Median days (one decimal) from reported to closed, over cases closed in the period; null if none. */
  medianDaysToClose: number | null;
  /** Open or in-progress measures of the unit and below whose deadline (an Oslo date) has passed. */
  overdueMeasures: number;
  /**
   * Reported in the last three months (to today) against the three months before: 'up' or 'down' when the change is
   * more than 10 % and more than two cases, else 'flat'.
   */
  trend: 'up' | 'down' | 'flat';
  /** The period as the inbox's from/to (Oslo dates, inclusive). */
  period: { from: string; to: string };
}

export interface DashboardRequest {
  readonly unit: OrgUnit;
  readonly units: OrgUnits;
  /** 1–36. */
  readonly months: number;
  /** Today in Oslo, as a day number (osloDayNumber). */
  readonly today: number;
}

/** Ordinary kinds only: whistleblowing is never in the index, and never shown as a zero either. */
export const DASHBOARD_KINDS: readonly DeviationKind[] = DEVIATION_KINDS.filter((k) => routeOf(k) === 'ordinary');
const CLOSED = CASE_STATUSES.indexOf('closed');
const OUTSIDE = -2;
const OWN = -1;
const DAY_MS = 86_400_000;

/** The day `months` calendar months before `day`, the day of month clamped to that month's end (31 May − 3 → 28/29 Feb). */
export function monthsBefore(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  const target = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
  const year = Math.floor(target / 12);
  const month = target - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)) / DAY_MS);
}

/** 'up' | 'down' | 'flat' for `recent` against `before` (see DashboardFigures.trend). */
export function trendOf(recent: number, before: number): 'up' | 'down' | 'flat' {
  const change = recent - before;
  if (Math.abs(change) <= Math.max(2, 0.1 * before)) return 'flat';
  return change > 0 ? 'up' : 'down';
}

/** The median of the values (sorted in place); null for none. */
export function median(values: Float64Array): number | null {
  if (values.length === 0) return null;
  values.sort();
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
}

/** Adds one to a counter (typed arrays start at zero; the index is in range by construction). */
function bump(counters: Int32Array, at: number): void {
  counters[at] = (counters[at] ?? 0) + 1;
}

/** Direct children of the unit, by name (Norwegian order). */
export function childrenOf(unitId: string, units: OrgUnits): OrgUnit[] {
  return [...units.values()].filter((u) => u.parentId === unitId && u.id !== unitId).sort((a, b) => a.name.localeCompare(b.name, 'nb'));
}

export function aggregate(req: DashboardRequest, cases: CaseColumns, measures: MeasureColumns): DashboardFigures {
  const { unit, units, today } = req;
  const months = Math.max(1, Math.floor(req.months));
  const children = childrenOf(unit.id, units);

  // Which bar each unit of the subtree counts towards: a child's index, OWN for the unit itself.
  const bucketOfUnit = new Map<string, number>([[unit.id, OWN]]);
  children.forEach((child, i) => {
    bucketOfUnit.set(child.id, i);
    for (const below of descendants(child.id, units)) if (!bucketOfUnit.has(below.id)) bucketOfUnit.set(below.id, i);
  });
  const caseBucket = new Int32Array(cases.unitCount).fill(OUTSIDE);
  for (let code = 0; code < cases.unitCount; code++) caseBucket[code] = bucketOfUnit.get(cases.unitIdOf(code)) ?? OUTSIDE;

  const currentMonth = monthNumberOfDay(today);
  const firstMonth = currentMonth - months + 1;
  const periodStart = firstDayOfMonth(firstMonth);
  // Month slot of every day of the period, so the pass reads an array instead of building dates.
  const monthSlotOfDay = new Int16Array(today - periodStart + 1);
  for (let m = firstMonth; m <= currentMonth; m++) {
    const from = firstDayOfMonth(m) - periodStart;
    const to = Math.min(firstDayOfMonth(m + 1), today + 1) - periodStart;
    monthSlotOfDay.fill(m - firstMonth, from, to);
  }
  const threeMonthsAgo = monthsBefore(today, 3);
  const sixMonthsAgo = monthsBefore(today, 6);

  const reportedByMonth = new Int32Array(months);
  const closedByMonth = new Int32Array(months);
  const byKind = new Int32Array(DEVIATION_KINDS.length);
  const bySeverity = new Int32Array(SEVERITIES.length + 1);
  const unitReported = new Int32Array(children.length + 1); // last slot: OWN
  const unitOpen = new Int32Array(children.length + 1);
  const ownSlot = children.length;
  let open = 0;
  let closed = 0;
  let recent = 0;
  let before = 0;
  const durations: number[] = [];

  const { live, unit: unitCol, kind, severity, status, reportedDay, closedDay, reportedMs, closedMs } = cases;
  for (let slot = 0; slot < cases.slots; slot++) {
    if (live[slot] === 0) continue;
    const bucket = caseBucket[unitCol[slot] as number] as number;
    if (bucket === OUTSIDE) continue;
    const rd = reportedDay[slot] as number;
    if (rd > sixMonthsAgo && rd <= today) {
      if (rd > threeMonthsAgo) recent++;
      else before++;
    }
    const cd = closedDay[slot] as number;
    if (cd >= periodStart && cd <= today) {
      bump(closedByMonth, monthSlotOfDay[cd - periodStart] as number);
      durations.push(((closedMs[slot] as number) - (reportedMs[slot] as number)) / DAY_MS);
    }
    if (rd < periodStart || rd > today) continue;
    bump(reportedByMonth, monthSlotOfDay[rd - periodStart] as number);
    bump(byKind, kind[slot] as number);
    bump(bySeverity, severity[slot] as number);
    const u = bucket === OWN ? ownSlot : bucket;
    bump(unitReported, u);
    if (status[slot] === CLOSED) closed++;
    else {
      open++;
      bump(unitOpen, u);
    }
  }

  const medianDays = median(Float64Array.from(durations));

  const byUnit: DashboardUnitCount[] = [];
  if (children.length === 0) {
    byUnit.push({ unitId: unit.id, unitName: unit.name, reported: unitReported[ownSlot] as number, open: unitOpen[ownSlot] as number });
  } else {
    if ((unitReported[ownSlot] as number) > 0) {
      byUnit.push({ unitId: unit.id, unitName: unit.name, reported: unitReported[ownSlot] as number, open: unitOpen[ownSlot] as number, own: true });
    }
    children.forEach((child, i) => byUnit.push({ unitId: child.id, unitName: child.name, reported: unitReported[i] as number, open: unitOpen[i] as number }));
  }

  return {
    byMonth: Array.from({ length: months }, (_, i) => ({ month: monthLabel(firstMonth + i), reported: reportedByMonth[i] as number, closed: closedByMonth[i] as number })),
    byKind: DASHBOARD_KINDS.map((k) => ({ kind: k, count: byKind[DEVIATION_KINDS.indexOf(k)] as number })),
    bySeverity: [...SEVERITIES.map((s, i) => ({ severity: s, count: bySeverity[i + 1] as number })), { severity: 'none' as const, count: bySeverity[0] as number }],
    byUnit,
    open,
    closed,
    medianDaysToClose: medianDays === null ? null : Math.round(medianDays * 10) / 10,
    overdueMeasures: countOverdue(unit.id, units, measures, today),
    trend: trendOf(recent, before),
    period: { from: dateOfDayNumber(periodStart), to: dateOfDayNumber(today) },
  };
}

/** Open or in-progress measures of the unit and below whose deadline day is before today. */
export function countOverdue(unitId: string, units: OrgUnits, measures: MeasureColumns, today: number): number {
  const scope = new Set([unitId, ...descendants(unitId, units).map((u) => u.id)]);
  const inScope = new Uint8Array(measures.unitCount);
  for (let code = 0; code < measures.unitCount; code++) inScope[code] = scope.has(measures.unitIdOf(code)) ? 1 : 0;
  let count = 0;
  const { live, unit, status, deadlineDay } = measures;
  for (let slot = 0; slot < measures.slots; slot++) {
    if (live[slot] === 0 || inScope[unit[slot] as number] === 0) continue;
    if ((deadlineDay[slot] as number) < today && ACTIVE_MEASURE_STATUS_CODES.has(status[slot] as number)) count++;
  }
  return count;
}

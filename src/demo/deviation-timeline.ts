// When and where reports happen: a Poisson process per Oslo day, shaped by area, month, weekday and hour, scaled to the target rate.
import { AREAS, AREA_PROFILES, type Area } from './catalogue.js';
import { addDays, addYears, daysBetween, startOfOsloDay, toOsloDate } from '../domain/index.js';
import type { Organisation } from './organisation.js';
import { int, poisson, weighted, weightedPicker, type Random } from './random.js';

export interface PlannedReport {
  /** Chronological: reports of a day come in time order, days in date order. */
  readonly reportedAt: Date;
  /** The Oslo calendar year of reporting: the case-number year. */
  readonly year: number;
  readonly area: Area;
  readonly reporterId: string;
  /** The unit or service the reporter works in. */
  readonly nodeId: string;
}

const HOUR = 3_600_000;

// Public holidays with a fixed date: days off like a Sunday (the movable feasts are left out).
const FIXED_HOLIDAYS = new Set(['01-01', '05-01', '05-17', '12-25', '12-26']);

function isDayOff(date: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 || FIXED_HOLIDAYS.has(date.slice(5));
}

/** Schools and kindergartens are (nearly) closed over Christmas, on top of the month profile. */
function isChristmasBreak(date: string): boolean {
  const md = date.slice(5);
  return md >= '12-22' || md <= '01-02';
}

interface AreaPeople {
  readonly personIds: string[];
  readonly nodeIds: string[];
}

function peopleByArea(org: Organisation): Map<Area, AreaPeople> {
  const byArea = new Map<Area, AreaPeople>(AREAS.map((a) => [a, { personIds: [], nodeIds: [] }]));
  for (const node of org.plan) {
    // The central staff (and the user representatives, who are not employees) do not report here.
    if (node.level === 'municipality' || node.level === 'sector') continue;
    const bucket = byArea.get(node.area) as AreaPeople;
    for (const id of org.directory.members.get(node.id) ?? []) {
      bucket.personIds.push(id);
      bucket.nodeIds.push(node.id);
    }
  }
  return byArea;
}

/** The relative weight of each area on a date: people × rate × month × weekday. */
function areaWeights(date: string, headcount: ReadonlyMap<Area, number>): [Area, number][] {
  const month = Number(date.slice(5, 7)) - 1;
  const dayOff = isDayOff(date);
  const christmas = isChristmasBreak(date);
  return AREAS.map((area) => {
    const p = AREA_PROFILES[area];
    let w = (headcount.get(area) ?? 0) * p.rate * (p.months[month] ?? 1) * (dayOff ? p.weekend : 1);
    if (christmas && (area === 'school' || area === 'kindergarten')) w *= 0.1;
    return [area, w];
  });
}

/**
 * The reports of the `years` years up to `now`, at `perEmployeeYear` reports per employee and year
 * on average. Two passes over the days: the first sums the shape, so the second can scale it to
 * hit the target exactly in expectation. O(days × areas + reports).
 */
export function planReports(random: Random, org: Organisation, now: Date, years: number, perEmployeeYear: number): PlannedReport[] {
  const today = toOsloDate(now);
  const first = addDays(addYears(today, -years), 1);
  const days = daysBetween(first, today) + 1;
  const people = peopleByArea(org);
  const headcount = new Map([...people].map(([a, p]) => [a, p.personIds.length] as const));
  const hourPicker = new Map(AREAS.map((a) => [a, weightedPicker(AREA_PROFILES[a].hours.map((w, h) => [h, w] as const))]));

  const dates: string[] = [];
  const weights: [Area, number][][] = [];
  let shapeTotal = 0;
  for (let i = 0; i < days; i++) {
    const date = addDays(first, i);
    const w = areaWeights(date, headcount);
    dates.push(date);
    weights.push(w);
    for (const [, x] of w) shapeTotal += x;
  }
  const target = perEmployeeYear * org.people.length * years;
  const scale = shapeTotal > 0 ? target / shapeTotal : 0;

  const out: PlannedReport[] = [];
  const nowMs = now.getTime();
  for (let i = 0; i < days; i++) {
    const date = dates[i] as string;
    const w = weights[i] as [Area, number][];
    const count = poisson(random, scale * w.reduce((sum, [, x]) => sum + x, 0));
    if (count === 0) continue;
    const dayStart = startOfOsloDay(date).getTime();
    const year = Number(date.slice(0, 4));
    const day: PlannedReport[] = [];
    for (let k = 0; k < count; k++) {
      const area = weighted(random, w);
      const bucket = people.get(area) as AreaPeople;
      if (bucket.personIds.length === 0) continue;
      const hour = (hourPicker.get(area) as (r: Random) => number)(random);
      const reportedAt = dayStart + hour * HOUR + int(random, 0, HOUR / 1000 - 1) * 1000;
      if (reportedAt > nowMs) continue; // today's reports that would lie in the future
      const who = Math.floor(random() * bucket.personIds.length);
      day.push({ reportedAt: new Date(reportedAt), year, area, reporterId: bucket.personIds[who] as string, nodeId: bucket.nodeIds[who] as string });
    }
    day.sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
    out.push(...day);
  }
  return out;
}

// From a dashboard figure to the inbox filters that list the cases behind it, and the trend line (pure).
import type { DeviationKind, Severity } from '../../../../src/domain/index.js';
import { inboxQuery, type InboxFilters } from '../../api/query';
import { OPEN_STATUSES } from '../../domain-values';

export type DrillTarget =
  | { type: 'month'; month: string }
  | { type: 'kind'; kind: DeviationKind }
  | { type: 'severity'; severity: Severity | 'none' }
  | { type: 'unit'; unitId: string }
  | { type: 'open' }
  | { type: 'closed' };

export interface Period {
  from: string;
  to: string;
}

/** 'YYYY-MM' to its first and last day (YYYY-MM-DD); null for anything else. */
export function monthRange(month: string): Period | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}` };
}

/**
 * The inbox filters for a figure of a unit's dashboard (the contract's drill-down rules): that unit and below, in the
 * 'units' scope; a month bar is that month (to the period's end at most); every other count is of cases reported in
 * the period, with its own filter; "open" and "closed" are of those reported in the period and open or closed now.
 * Null where the inbox cannot filter (cases without a severity).
 */
export function drillDown(target: DrillTarget, unitId: string, period: Period): InboxFilters | null {
  const base: InboxFilters = { scope: 'units', unitId, from: period.from, to: period.to };
  switch (target.type) {
    case 'month': {
      const range = monthRange(target.month);
      if (!range) return null;
      return { ...base, from: range.from, to: range.to < period.to ? range.to : period.to };
    }
    case 'kind':
      return { ...base, kind: [target.kind] };
    case 'severity':
      return target.severity === 'none' ? null : { ...base, severity: [target.severity] };
    case 'unit':
      return { ...base, unitId: target.unitId };
    case 'open':
      return { ...base, status: [...OPEN_STATUSES] };
    case 'closed':
      return { ...base, status: ['closed'] };
  }
}

export function drillHref(target: DrillTarget, unitId: string, period: Period): string | null {
  const filters = drillDown(target, unitId, period);
  return filters ? `/inbox${inboxQuery(filters)}` : null;
}

/** A trailing moving average over `window` months (fewer at the start), one decimal. */
export function movingAverage(values: readonly number[], window = 3): number[] {
  return values.map((_, i) => {
    const slice = values.slice(Math.max(0, i - window + 1), i + 1);
    return Math.round((slice.reduce((a, b) => a + b, 0) / slice.length) * 10) / 10;
  });
}

/** The largest entry of a list of counts (first on ties), for the charts' text summaries. */
export function largest<T>(items: readonly T[], count: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || count(item) > count(best)) best = item;
  return best;
}

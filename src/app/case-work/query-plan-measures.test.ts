import { describe, expect, it } from 'vitest';
import { UNITS } from '../../domain/test-fixtures.js';
import { orgUnitsById } from '../../domain/index.js';
import { MeasureStore } from '../case-index/index.js';
import { fullRound, measureFact } from '../case-index/test-support.js';
import type { MeasureQuery } from '../ports/index.js';
import { type MeasureListStats, measureListStats, planMeasures } from './query-plan-measures.js';
import { PLANNING_LIMIT, type ReportWindow, nextWindow, windowCount } from './query-plan.js';

const units = orgUnitsById(UNITS);
const DAY = 86_400_000;

/** `n` measures, `perDay` due each day from 2025-01-01, cycling through the units (and owners); every fourth done. */
function stats(n: number, perDay: number, owners = true): MeasureListStats {
  const store = new MeasureStore();
  const unitIds = ['sh-a', 'sh', 'ht', 'sk'];
  store.apply(
    fullRound(
      Array.from({ length: n }, (_, i) =>
        measureFact({
          id: `m-${i}`,
          unitId: unitIds[i % unitIds.length] as string,
          status: i % 4 === 0 ? 'done' : 'open',
          deadline: new Date(Date.UTC(2025, 0, 1) + Math.floor(i / perDay) * DAY).toISOString().slice(0, 10),
          ...(owners ? { ownerId: `p-${i % 3}` } : {}),
        }),
      ),
    ),
  );
  return measureListStats(store.columns(), units);
}

const active: MeasureQuery['statuses'] = ['open', 'inProgress'];

describe('planMeasures', () => {
  const big = stats(12_000, 20);

  it('counts the whole list by unit, sector, owner, status and deadline', () => {
    expect(big.total).toBe(12_000);
    expect(big.byUnit.get('sk')).toBe(3000);
    expect(big.bySector.get('mh')).toBe(9000);
    expect(big.byOwner?.get('p-0')).toBe(4000);
    expect(big.byStatus.get('open')).toBe(9000);
    expect(windowCount(big.deadlines, { from: null, before: Date.UTC(2025, 0, 11) })).toBe(200);
  });

  it('keeps the usual order when its first condition is narrow; otherwise the first narrow one leads', () => {
    expect(planMeasures(big, { scope: { type: 'within', sectorIds: [], unitIds: ['sk'] }, statuses: active })).toEqual({ type: 'lead' });
    // The sector (9,000) cannot lead; the unit filter (3,000) can.
    expect(planMeasures(big, { scope: { type: 'within', sectorIds: ['mh'], unitIds: [], ownerId: 'p-9' }, within: { sectorIds: [], unitIds: ['sk'] }, statuses: active })).toEqual({ type: 'lead', lead: 'within' });
    // The scope's owner counts with it: one unit and an owner of 4,000 are too many together.
    expect(planMeasures(big, { scope: { type: 'within', sectorIds: [], unitIds: ['sk'], ownerId: 'p-0' }, statuses: ['done'] })).toEqual({ type: 'lead', lead: 'statuses' });
    expect(planMeasures(big, { scope: { type: 'all' }, statuses: active, deadlineBefore: '2025-03-01' })).toEqual({ type: 'lead', lead: 'deadline' });
  });

  it('reads windows of Deadline when nothing is narrow enough, and does not trust owners the index does not carry', () => {
    expect(planMeasures(big, { scope: { type: 'within', sectorIds: ['mh'], unitIds: [] }, statuses: active })).toEqual({ type: 'windows' });
    const noOwners = stats(12_000, 20, false);
    expect(noOwners.byOwner).toBeNull();
    expect(planMeasures(noOwners, { scope: { type: 'all' }, ownerId: 'p-0', statuses: active })).toEqual({ type: 'windows' });
  });

  it('windows of whole days cover the list once, each within the planning limit', () => {
    const windows: ReportWindow[] = [];
    for (let w = nextWindow(big.deadlines, { from: null, before: null }, 'asc', null); w; w = nextWindow(big.deadlines, { from: null, before: null }, 'asc', w)) windows.push(w);
    expect(windows.length).toBe(3);
    expect(windows.reduce((n, w) => n + windowCount(big.deadlines, w), 0)).toBe(12_000);
    for (const w of windows) {
      expect(windowCount(big.deadlines, w)).toBeLessThanOrEqual(PLANNING_LIMIT);
      for (const bound of [w.from, w.before]) if (bound !== null) expect(bound % DAY).toBe(0);
    }
  });
});

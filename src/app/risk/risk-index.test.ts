// Tests for the risk index: delta rounds and this instance's own writes land in one place, deletions by the store's
// item id, rows grouped by assessment in the form's order, and the heat map over what it holds.
import { describe, expect, it } from 'vitest';
import { newRiskAssessment, newRiskItem, orgUnitsById, type RiskAssessment, type RiskItem } from '../../domain/index.js';
import { UNITS } from '../../domain/test-fixtures.js';
import type { ChangeFeed, FeedRound, RiskItemFact } from '../ports/index.js';
import { cellItems, heatMap } from './heat-map.js';
import { SyncedRiskIndex, riskItemFact } from './risk-index.js';

/** A feed that hands out the rounds it is given, one per call. */
function feedOf<T>(rounds: FeedRound<T>[]): ChangeFeed<T> & { calls: number } {
  const feed = {
    calls: 0,
    changes: async () => {
      const r = rounds[Math.min(feed.calls, rounds.length - 1)];
      feed.calls++;
      if (!r) throw new Error('no round');
      return r;
    },
  };
  return feed;
}

const assessment = (id: string, unitId: string, patch: Partial<RiskAssessment> = {}): RiskAssessment => ({
  ...newRiskAssessment({ id, title: id, context: 'overall', unitId, responsibleId: 'vl', participantIds: [], date: '2026-12-01', createdAt: '2026-12-01T08:00:00.000Z', year: 2027, roundId: null }),
  ...patch,
});

let n = 0;
const item = (assessmentId: string, unitId: string, l: number, c: number, patch: Partial<RiskItem> = {}): RiskItem => ({
  ...newRiskItem({
    id: `ri-${++n}`,
    assessmentId,
    unitId,
    process: `Oppgave ${n}`,
    whatCanGoWrong: 'Noe går galt',
    consequenceTypes: [],
    current: { likelihood: l as 1, consequence: c as 1 },
    breachOfLaw: false,
    existingMeasures: '',
    position: n,
  }),
  ...patch,
});

/** A clock that moves a second per reading, so `refresh(0)` always runs a round. */
function ticking() {
  let t = Date.parse('2026-12-01T08:00:00Z');
  return { now: () => new Date((t += 1000)) };
}

const full = <T>(values: T[], token = 't1'): FeedRound<T> => ({ kind: 'full', changed: values.map((value, i) => ({ itemId: `sp-${i + 1}`, value })), deletedItemIds: [], token });

describe('SyncedRiskIndex', () => {
  it('loads both lists, keeps rows by assessment in the form’s order, and follows changes and deletions', async () => {
    const a1 = assessment('a1', 'sh');
    const rows = [item('a1', 'sh', 4, 4, { position: 2 }), item('a1', 'sh', 1, 1, { position: 1 }), item('a2', 'ht', 2, 2)];
    const items = feedOf<RiskItemFact>([
      full(rows.map(riskItemFact)),
      { kind: 'changes', changed: [{ itemId: 'sp-3', value: { ...riskItemFact(rows[2] as RiskItem), likelihood: 5 } }], deletedItemIds: ['sp-1'], token: 't2' },
    ]);
    const index = new SyncedRiskIndex({ items, assessments: feedOf([full([a1, assessment('a2', 'ht')])]) }, ticking());
    await index.refresh(0);
    expect(index.items.ofAssessment('a1').map((f) => f.position)).toEqual([1, 2]);
    expect(index.assessments.get('a1')?.unitId).toBe('sh');
    await index.refresh(0);
    expect(index.items.ofAssessment('a1').map((f) => f.id)).toEqual([rows[1]?.id]);
    expect(index.items.get(rows[2]?.id ?? '')?.likelihood).toBe(5);
    expect(index.asOf()).not.toBeNull();
  });

  it('takes this instance’s writes at once, and the next round’s copy of the same row replaces it (no duplicate)', async () => {
    const row = item('a1', 'sh', 2, 2);
    const items = feedOf<RiskItemFact>([full([]), { kind: 'changes', changed: [{ itemId: 'sp-9', value: { ...riskItemFact(row), likelihood: 3 } }], deletedItemIds: [], token: 't2' }]);
    const index = new SyncedRiskIndex({ items, assessments: feedOf([full([assessment('a1', 'sh')])]) }, ticking());
    await index.refresh(0);
    index.noteItem(row);
    expect(index.items.ofAssessment('a1').map((f) => f.likelihood)).toEqual([2]);
    await index.refresh(0);
    expect(index.items.ofAssessment('a1').map((f) => f.likelihood)).toEqual([3]);
    expect(index.items.size).toBe(1);
    index.forgetItem(row.id);
    expect(index.items.ofAssessment('a1')).toEqual([]);
  });

  it('a full round (a refused token) starts over: what it does not hold is gone', async () => {
    const rows = [item('a1', 'sh', 2, 2), item('a1', 'sh', 3, 3)];
    const items = feedOf<RiskItemFact>([full(rows.map(riskItemFact)), full([riskItemFact(rows[1] as RiskItem)], 't9')]);
    const index = new SyncedRiskIndex({ items, assessments: feedOf([full([assessment('a1', 'sh')])]) }, ticking());
    await index.refresh(0);
    await index.refresh(0);
    expect(index.items.ofAssessment('a1').map((f) => f.id)).toEqual([rows[1]?.id]);
  });
});

describe('heatMap', () => {
  const units = orgUnitsById(UNITS);
  const assessments = [assessment('a-sh', 'sh'), assessment('a-ht', 'ht'), assessment('a-sk', 'sk'), assessment('a-old', 'sh', { year: 2026 }), assessment('a-hidden', 'ht', { context: 'hse' })];
  const rows = [
    item('a-sh', 'sh', 4, 4, { residual: { likelihood: 2, consequence: 4 }, residualAcceptable: true }),
    item('a-sh', 'sh-a', 5, 5, { residual: { likelihood: 3, consequence: 5 }, residualAcceptable: false }),
    item('a-ht', 'ht', 1, 2),
    item('a-sk', 'sk', 3, 3, { reportToKlg: true, residual: { likelihood: 1, consequence: 1 }, residualAcceptable: true }),
    item('a-old', 'sh', 5, 5),
    item('a-hidden', 'ht', 5, 5),
  ].map(riskItemFact);
  const src = { assessments, items: rows, units, mayRead: (a: RiskAssessment) => a.id !== 'a-hidden', thresholds: { yellowAbove: 4, redAbove: 10 } };

  it('counts now and after measures for the municipality, the newest year by default, readable only', () => {
    const m = heatMap({ unitId: 'k' }, src);
    expect([m.year, m.years, m.itemCount, m.residualMissing, m.unacceptable]).toEqual([2027, [2027, 2026], 4, 1, 2]);
    expect([m.now[3]?.[3], m.now[4]?.[4], m.now[0]?.[1], m.now[2]?.[2]]).toEqual([1, 1, 1, 1]);
    expect([m.after[1]?.[3], m.after[2]?.[4], m.after[0]?.[1], m.after[0]?.[0]]).toEqual([1, 1, 1, 1]);
    expect(m.byUnit).toEqual([
      { unitId: 'mh', unitName: 'Mestring og helse', items: 3, redNow: 2, redAfter: 1, unacceptable: 1 },
      { unitId: 'ol', unitName: 'Oppvekst og læring', items: 1, redNow: 0, redAfter: 0, unacceptable: 1 },
    ]);
  });

  it('narrows to a sector, a unit, a year, an area; a unit without children is its own bucket', () => {
    // By name: Eikeberg sykehjem before Hjemmetjenesten.
    expect(heatMap({ unitId: 'mh' }, src).byUnit.map((u) => [u.unitId, u.items])).toEqual([
      ['sh', 2],
      ['ht', 1],
    ]);
    expect(heatMap({ unitId: 'sh', year: 2026 }, src).itemCount).toBe(1);
    expect(heatMap({ unitId: 'ht' }, { ...src, mayRead: () => true }).byUnit).toEqual([{ unitId: 'ht', unitName: 'Hjemmetjenesten', items: 2, redNow: 1, redAfter: 1, unacceptable: 0 }]);
    expect(heatMap({ unitId: 'k', area: 'hse' }, { ...src, mayRead: () => true }).itemCount).toBe(1);
    expect(heatMap({ unitId: 'k', statuses: ['forwarded'] }, src)).toMatchObject({ year: null, itemCount: 0 });
  });

  it('drills down to the rows of one cell, now or after measures', () => {
    expect(cellItems({ unitId: 'k', likelihood: 5, consequence: 5, position: 'now' }, src).map((f) => f.unitId)).toEqual(['sh-a']);
    expect(cellItems({ unitId: 'k', likelihood: 3, consequence: 5, position: 'after' }, src).map((f) => f.unitId)).toEqual(['sh-a']);
    // Not assessed after measures: it stays where it is.
    expect(cellItems({ unitId: 'k', likelihood: 1, consequence: 2, position: 'after' }, src).map((f) => f.unitId)).toEqual(['ht']);
  });
});

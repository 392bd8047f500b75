import { describe, expect, it } from 'vitest';
import { PEOPLE, units } from '../../domain/test-fixtures.js';
import { type CaseColumns, CaseStore } from '../case-index/case-store.js';
import { type MeasureColumns, MeasureStore } from '../case-index/measure-index.js';
import { caseSource, changes, fullRound } from '../case-index/test-support.js';
import { DashboardService, type IndexReader, topUnitOf } from './dashboard.js';

function reader<C>(store: { columns(): C; version: number }, asOf: string | null = '2026-03-10T08:00:00.000Z') {
  const calls = { columns: 0, refresh: 0 };
  const r: IndexReader<C> & { calls: typeof calls; stamp: string | null } = {
    calls,
    stamp: asOf,
    columns: () => (calls.columns++, store.columns()),
    get version() {
      return store.version;
    },
    asOf: () => r.stamp,
    refresh: async () => void calls.refresh++,
  };
  return r;
}

function setup(asOf: string | null = '2026-03-10T08:00:00.000Z') {
  const cases = new CaseStore();
  cases.apply(fullRound([caseSource({ unitId: 'sh-a' }), caseSource({ unitId: 'sk' })]));
  const measures = new MeasureStore();
  measures.apply(fullRound([]));
  const caseReader = reader<CaseColumns>(cases, asOf);
  const measureReader = reader<MeasureColumns>(measures, '2026-03-10T07:59:00.000Z');
  const service = new DashboardService({ cases: caseReader, measures: measureReader, units: async () => units, now: () => new Date('2026-03-10T12:00:00Z') });
  return { cases, caseReader, measureReader, service };
}

describe('DashboardService: who sees which unit', () => {
  it('employees see no dashboard', async () => {
    const { service } = setup();
    expect(await service.forPerson(PEOPLE.nurse, { months: 12 })).toEqual({ kind: 'forbidden' });
    expect(await service.forPerson(PEOPLE.nurse, { unitId: 'sh-a', months: 12 })).toEqual({ kind: 'forbidden' });
  });

  it('a leader gets their own unit by default, and below it, not beside or above it', async () => {
    const { service } = setup();
    const own = await service.forPerson(PEOPLE.unitLeaderSh, { months: 12 });
    expect(own.kind === 'ok' && own.dashboard.unit.id).toBe('sh');
    expect((await service.forPerson(PEOPLE.unitLeaderSh, { unitId: 'sh-a-natt', months: 12 })).kind).toBe('ok');
    expect(await service.forPerson(PEOPLE.unitLeaderSh, { unitId: 'ht', months: 12 })).toEqual({ kind: 'forbidden' });
    expect(await service.forPerson(PEOPLE.unitLeaderSh, { unitId: 'mh', months: 12 })).toEqual({ kind: 'forbidden' });
  });

  it('a kommunalsjef gets the sector; advisers and the kommunedirektør the municipality', async () => {
    const { service } = setup();
    const sector = await service.forPerson(PEOPLE.sectorHeadMh, { months: 12 });
    expect(sector.kind === 'ok' && sector.dashboard.unit.id).toBe('mh');
    for (const p of [PEOPLE.qualityAdviser, PEOPLE.chiefExecutive]) {
      const all = await service.forPerson(p, { months: 12 });
      expect(all.kind === 'ok' && [all.dashboard.unit.id, all.dashboard.open]).toEqual(['k', 2]);
    }
    expect(topUnitOf(new Set(['sh-a', 'sh', 'ht']), units)?.id).toBe('sh'); // same level: by name
  });

  it('an unknown unit is said apart from a forbidden one', async () => {
    const { service } = setup();
    expect(await service.forPerson(PEOPLE.qualityAdviser, { unitId: 'nope', months: 12 })).toEqual({ kind: 'unknownUnit' });
  });
});

describe('DashboardService: freshness and caching', () => {
  it('refreshes both indexes before counting, and is not ready before the first sync', async () => {
    const { service, caseReader, measureReader } = setup(null);
    expect(await service.forPerson(PEOPLE.qualityAdviser, { months: 12 })).toEqual({ kind: 'notReady' });
    expect(caseReader.calls.refresh).toBe(1);
    expect(measureReader.calls.refresh).toBe(1);
  });

  it('asOf is the older of the two indexes', async () => {
    const { service } = setup();
    const out = await service.forPerson(PEOPLE.qualityAdviser, { months: 12 });
    expect(out.kind === 'ok' && out.dashboard.asOf).toBe('2026-03-10T07:59:00.000Z');
  });

  it('keeps an aggregate until an index moves, then counts again', async () => {
    const { service, cases, caseReader } = setup();
    const first = await service.forPerson(PEOPLE.qualityAdviser, { months: 12 });
    await service.forPerson(PEOPLE.chiefExecutive, { months: 12 });
    expect(caseReader.calls.columns).toBe(1);
    // Another period is another entry.
    await service.forPerson(PEOPLE.qualityAdviser, { months: 6 });
    expect(caseReader.calls.columns).toBe(2);

    cases.apply(changes([{ itemId: 'new', value: caseSource({ unitId: 'ht' }) }]));
    const after = await service.forPerson(PEOPLE.qualityAdviser, { months: 12 });
    expect(caseReader.calls.columns).toBe(3);
    expect(first.kind === 'ok' && after.kind === 'ok' && [first.dashboard.open, after.dashboard.open]).toEqual([2, 3]);
  });
});

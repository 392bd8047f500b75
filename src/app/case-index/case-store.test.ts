import { describe, expect, it } from 'vitest';
import type { CaseSource } from '../ports/index.js';
import { dateOfDayNumber } from './oslo-day.js';
import { CaseStore } from './case-store.js';
import { detailTextOf, projectCase, publicTextOf } from './projection.js';
import { Interner } from './interner.js';
import { caseSource, changes, fullRound } from './test-support.js';

describe('projectCase', () => {
  it('keeps search text lower-cased, public and detail apart', () => {
    const s = caseSource({ caseNumber: 'AV-2026-00042', title: 'Fall på BADET', description: 'Beboer FALT', location: 'Rom 12', immediateAction: 'Lege TILKALT' });
    const c = projectCase(s, new Interner());
    expect(c.publicText).toBe('av-2026-00042 fall på badet');
    expect(c.detailText).toBe('beboer falt\nrom 12\nlege tilkalt');
    expect(publicTextOf(s)).toBe(c.publicText);
    expect(detailTextOf({ description: '', location: null, immediateAction: null })).toBe('');
    // The originals are not kept: what is shown comes from SharePoint, the index is for counting and finding.
    expect(Object.keys(c)).not.toContain('title');
    expect(Object.keys(c)).not.toContain('description');
  });

  it('shares one instance of each repeated id', () => {
    const ids = new Interner();
    // Built at run time, so the engine cannot have made them one string already.
    const unit = () => ['sh', 'a'].join('-');
    const a = projectCase(caseSource({ unitId: unit(), reporterId: ['nur', 'se'].join('') }), ids);
    const b = projectCase(caseSource({ unitId: unit(), reporterId: ['nur', 'se'].join('') }), ids);
    expect(a.unitId).toBe(b.unitId);
    expect(ids.size).toBeLessThanOrEqual(5); // unit, reporter, kind, status, severity
    expect(Object.isFrozen(a)).toBe(true);
  });
});

describe('CaseStore', () => {
  it('a full round replaces everything; changes update, add and delete by item id', () => {
    const store = new CaseStore();
    store.apply(fullRound([caseSource({ id: 'a' }), caseSource({ id: 'b' }), caseSource({ id: 'c' })]));
    expect(store.size).toBe(3);
    const v1 = store.version;

    store.apply(changes([{ itemId: 'i2', value: caseSource({ id: 'b', status: 'closed', closedAt: '2026-03-05T10:00:00.000Z' }) }, { itemId: 'i9', value: caseSource({ id: 'z' }) }], ['i1']));
    expect(store.get('a')).toBeUndefined();
    expect(store.get('b')?.status).toBe('closed');
    expect(store.get('z')).toBeDefined();
    expect([...store.all()].map((c) => c.id).sort()).toEqual(['b', 'c', 'z']);
    expect(store.version).toBeGreaterThan(v1);

    // A later full round (a resync) drops what it does not list.
    store.apply(fullRound([caseSource({ id: 'c' })], 't3'));
    expect([...store.all()].map((c) => c.id)).toEqual(['c']);
    expect(store.size).toBe(1);
  });

  it('drops an item that is no longer one to index (a whistleblowing report written into the list, a broken row)', () => {
    const store = new CaseStore();
    store.apply(fullRound([caseSource({ id: 'a' }), caseSource({ id: 'b' })]));
    store.apply(changes<CaseSource>([{ itemId: 'i1', value: null }]));
    expect(store.get('a')).toBeUndefined();
    expect(store.size).toBe(1);
  });

  it('an empty round changes nothing, not even the version', () => {
    const store = new CaseStore();
    store.apply(fullRound([caseSource()]));
    const v = store.version;
    store.apply(changes([]));
    expect(store.version).toBe(v);
  });

  it('reuses freed slots and keeps the columns in step with the records', () => {
    const store = new CaseStore();
    store.apply(fullRound([caseSource({ id: 'a', unitId: 'x' }), caseSource({ id: 'b', unitId: 'y' })]));
    store.apply(changes([], ['i1']));
    store.apply(changes([{ itemId: 'i3', value: caseSource({ id: 'c', unitId: 'z', severity: null, kind: 'nearMiss', reportedAt: '2026-03-28T23:30:00.000Z', status: 'closed', closedAt: '2026-12-31T23:00:00.000Z' }) }]));
    const col = store.columns();
    expect(col.slots).toBe(2);
    const live = [...Array(col.slots).keys()].filter((s) => col.live[s] === 1);
    expect(live.map((s) => col.unitIdOf(col.unit[s] as number)).sort()).toEqual(['y', 'z']);
    const slotC = live.find((s) => col.unitIdOf(col.unit[s] as number) === 'z') as number;
    expect(col.severity[slotC]).toBe(0);
    expect(col.kind[slotC]).toBe(1); // nearMiss
    expect(dateOfDayNumber(col.reportedDay[slotC] as number)).toBe('2026-03-29'); // 00:30 Oslo
    expect(dateOfDayNumber(col.closedDay[slotC] as number)).toBe('2027-01-01');
  });

  it('grows past its first capacity', () => {
    const store = new CaseStore();
    store.apply(fullRound([]));
    const many = Array.from({ length: 3000 }, (_, i) => ({ itemId: `n${i}`, value: caseSource({ id: `n${i}` }) }));
    store.apply(changes(many));
    expect(store.size).toBe(3000);
    expect(store.get('n2999')).toBeDefined();
    const col = store.columns();
    expect(col.live.length).toBeGreaterThanOrEqual(3000);
    expect([...col.live.subarray(0, col.slots)].every((v) => v === 1)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { Measure } from '../../domain/index.js';
import { PEOPLE, units } from '../../domain/test-fixtures.js';
import { orgUnitsById, type OrgUnit } from '../../domain/index.js';
import { actionListScope, canCompleteMeasure, canSeeMeasure } from './action-list.js';

const m = (unitId: string, ownerId = 'someone'): Measure => ({
  id: 'm',
  title: 't',
  description: '',
  source: { type: 'riskItem', riskItemId: 'r' },
  ownerId,
  unitId,
  deadline: '2026-03-01',
  status: 'open',
  createdAt: '2026-01-01T00:00:00.000Z',
  completedAt: null,
  evaluation: null,
  cancelReason: null,
});

describe('actionListScope', () => {
  it('advisers and the kommunedirektør see everything', () => {
    expect(actionListScope(PEOPLE.qualityAdviser, units).scope).toEqual({ type: 'all' });
    expect(actionListScope(PEOPLE.chiefExecutive, units).scope).toEqual({ type: 'all' });
  });

  it('a kommunalsjef is one sector clause; a coordinator their sector', () => {
    expect(actionListScope(PEOPLE.sectorHeadMh, units).scope).toEqual({ type: 'within', sectorIds: ['mh'], unitIds: [], ownerId: 'ks-mh' });
    expect(actionListScope(PEOPLE.coordinatorMh, units).scope).toEqual({ type: 'within', sectorIds: ['mh'], unitIds: [], ownerId: 'kk-mh' });
  });

  it('a unit leader the unit and everything below; an employee only what they own', () => {
    const leader = actionListScope(PEOPLE.unitLeaderSh, units).scope;
    expect(leader.type === 'within' && [...leader.unitIds].sort()).toEqual(['sh', 'sh-a', 'sh-a-natt']);
    expect(actionListScope(PEOPLE.nurse, units).scope).toEqual({ type: 'within', sectorIds: [], unitIds: [], ownerId: 'nurse' });
  });

  it('the row test matches the scope: own measures anywhere, others only within', () => {
    expect(canSeeMeasure(PEOPLE.nurse, m('sk', 'nurse'), units)).toBe(true);
    expect(canSeeMeasure(PEOPLE.nurse, m('sh-a'), units)).toBe(false);
    expect(canSeeMeasure(PEOPLE.serviceLeaderA, m('sh-a-natt'), units)).toBe(true);
    expect(canSeeMeasure(PEOPLE.serviceLeaderA, m('sh'), units)).toBe(false);
    expect(canSeeMeasure(PEOPLE.qualityAdviser, m('sk'), units)).toBe(true);
  });

  it('widens a scope too long for one query to its sector, and then checks the rows', () => {
    // A unit with 45 services: 46 unit clauses would be too many.
    const big: OrgUnit[] = [...units.values()];
    for (let i = 0; i < 45; i++) big.push({ id: `sh-s${i}`, name: `Tjeneste ${i}`, level: 'service', parentId: 'sh', leaderId: `tl-${i}` });
    const tree = orgUnitsById(big);
    const resolved = actionListScope(PEOPLE.unitLeaderSh, tree);
    expect(resolved.scope).toEqual({ type: 'within', sectorIds: ['mh'], unitIds: [], ownerId: 'vl-sh' });
    expect(resolved.allows(m('sh-s44'))).toBe(true);
    expect(resolved.allows(m('ht'))).toBe(false); // in the sector, not in the leader's unit
  });
});

describe('canCompleteMeasure', () => {
  it('the owner, or a leader of the unit or above; not an adviser, not a colleague', () => {
    expect(canCompleteMeasure(PEOPLE.nurse, m('sh-a', 'nurse'), units)).toBe(true);
    expect(canCompleteMeasure(PEOPLE.serviceLeaderA, m('sh-a-natt'), units)).toBe(true);
    expect(canCompleteMeasure(PEOPLE.sectorHeadMh, m('sh-a-natt'), units)).toBe(true);
    expect(canCompleteMeasure(PEOPLE.nightLeader, m('sh-a'), units)).toBe(false);
    expect(canCompleteMeasure(PEOPLE.qualityAdviser, m('sh-a'), units)).toBe(false);
    expect(canCompleteMeasure(PEOPLE.otherNurse, m('sh-a', 'nurse'), units)).toBe(false);
  });
});

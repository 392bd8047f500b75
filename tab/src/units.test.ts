// Unit pickers list the tree depth first, from where the person works.
import { describe, expect, it } from 'vitest';
import type { UnitView } from '../../src/server/api/contract.js';
import { indentedName, pickerRoots, unitTree } from './units';

const units: UnitView[] = [
  { id: 'k', name: 'Kommunen', level: 'municipality', parentId: null },
  { id: 's2', name: 'Oppvekst', level: 'sector', parentId: 'k' },
  { id: 's1', name: 'Helse', level: 'sector', parentId: 'k' },
  { id: 'v1', name: 'Åsen sykehjem', level: 'unit', parentId: 's1' },
  { id: 'v2', name: 'Byen sykehjem', level: 'unit', parentId: 's1' },
  { id: 't1', name: 'Avdeling A', level: 'service', parentId: 'v2' },
];

describe('unit tree for pickers', () => {
  it('lists depth first, children by Norwegian name order', () => {
    expect(unitTree(units).map((o) => `${o.depth}:${o.unit.id}`)).toEqual(['0:k', '1:s1', '2:v2', '3:t1', '2:v1', '1:s2']);
  });

  it('can start at given units', () => {
    expect(unitTree(units, ['v2']).map((o) => o.unit.id)).toEqual(['v2', 't1']);
    expect(unitTree(units, ['missing'])).toEqual([]);
  });

  it('starts where the person works', () => {
    expect(pickerRoots({ roles: ['qualityAdviser'], leadsUnitIds: [], unitId: 'k' })).toBeUndefined();
    expect(pickerRoots({ roles: ['unitLeader'], leadsUnitIds: ['v2'], unitId: 'v2' })).toEqual(['v2']);
    expect(pickerRoots({ roles: ['employee'], leadsUnitIds: [], unitId: 't1' })).toEqual(['t1']);
  });

  it('indents by level with non-breaking spaces', () => {
    expect(indentedName({ unit: units[5]!, depth: 2 })).toBe('\u00a0'.repeat(6) + 'Avdeling A');
  });
});

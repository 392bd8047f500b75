// Tests for the organisation tree: navigation, containment and well-formedness.
import { describe, expect, it } from 'vitest';
import {
  ancestors,
  descendants,
  isWithin,
  mayBeParentOf,
  orgUnitsById,
  sectorOf,
  unitChain,
  unitsLedBy,
  validateOrgTree,
  type OrgUnit,
} from './organisation.js';
import { UNITS, units } from './test-fixtures.js';

const ids = (list: readonly OrgUnit[]) => list.map((u) => u.id);

describe('navigation', () => {
  it('lists ancestors nearest first up to the municipality', () => {
    expect(ids(ancestors('sh-a-natt', units))).toEqual(['sh-a', 'sh', 'mh', 'k']);
    expect(ids(ancestors('k', units))).toEqual([]);
    expect(ids(ancestors('nowhere', units))).toEqual([]);
  });

  it('lists every descendant, not the unit itself', () => {
    expect(ids(descendants('mh', units)).sort()).toEqual(['ht', 'sh', 'sh-a', 'sh-a-natt']);
    expect(ids(descendants('sk', units))).toEqual([]);
    expect(ids(descendants('k', units))).toHaveLength(UNITS.length - 1);
  });

  it('gives the chain from a unit to the top, and its sector', () => {
    expect(ids(unitChain('sh-a', units))).toEqual(['sh-a', 'sh', 'mh', 'k']);
    expect(sectorOf('sh-a-natt', units)?.id).toBe('mh');
    expect(sectorOf('ol', units)?.id).toBe('ol');
    expect(sectorOf('k', units)).toBeUndefined();
  });

  it('finds the units a person leads as leader or deputy', () => {
    expect(ids(unitsLedBy('vl-sh', units))).toEqual(['sh']);
    expect(ids(unitsLedBy('vl-sh-dep', units))).toEqual(['sh']);
    expect(ids(unitsLedBy('nurse', units))).toEqual([]);
  });
});

describe('isWithin', () => {
  it.each([
    ['sh-a-natt', 'sh', true],
    ['sh-a-natt', 'mh', true],
    ['sh-a-natt', 'k', true],
    ['sh', 'sh', true], // a unit is within itself
    ['sh', 'sh-a', false], // not upwards
    ['sk', 'mh', false], // not sideways
    ['ht', 'sh', false],
    ['nowhere', 'k', false],
    ['nowhere', 'nowhere', false],
  ])('%s within %s: %s', (unit, ancestor, expected) => {
    expect(isWithin(unit, ancestor, units)).toBe(expected);
  });

  it('terminates on a cyclic tree', () => {
    const cyclic = orgUnitsById([
      { id: 'a', name: 'A', level: 'service', parentId: 'b', leaderId: 'x' },
      { id: 'b', name: 'B', level: 'service', parentId: 'a', leaderId: 'y' },
    ]);
    expect(isWithin('a', 'k', cyclic)).toBe(false);
    expect(ids(ancestors('a', cyclic))).toEqual(['b']);
    expect(ids(descendants('a', cyclic))).toEqual(['b']);
  });
});

describe('mayBeParentOf', () => {
  it.each([
    ['municipality', 'sector', true],
    ['sector', 'unit', true],
    ['unit', 'service', true],
    ['service', 'service', true], // avdeling under tjeneste
    ['municipality', 'unit', true], // Asker's two-level model
    ['unit', 'unit', false],
    ['sector', 'sector', false],
    ['service', 'unit', false],
    ['unit', 'sector', false],
    ['sector', 'municipality', false],
    ['municipality', 'municipality', false],
  ] as const)('%s above %s: %s', (parent, child, expected) => {
    expect(mayBeParentOf(parent, child)).toBe(expected);
  });
});

describe('validateOrgTree', () => {
  const codes = (list: readonly OrgUnit[]) => validateOrgTree(orgUnitsById(list)).map((e) => e.code);
  const replace = (id: string, patch: Partial<OrgUnit>) => UNITS.map((u) => (u.id === id ? { ...u, ...patch } : u));

  it('accepts a well-formed tree', () => {
    expect(validateOrgTree(units)).toEqual([]);
  });

  it('requires exactly one municipality', () => {
    expect(codes(UNITS.filter((u) => u.id !== 'k'))).toContain('org.rootCount');
    expect(codes([...UNITS, { id: 'k2', name: 'K2', level: 'municipality', parentId: null, leaderId: 'x' }])).toEqual([
      'org.rootCount',
    ]);
  });

  it('rejects a municipality with a parent and a non-municipality without one', () => {
    expect(codes(replace('k', { parentId: 'mh' }))).toContain('org.rootHasParent');
    expect(codes(replace('sk', { parentId: null }))).toEqual(['org.rootLevel']);
  });

  it('rejects a missing parent', () => {
    expect(codes(replace('sk', { parentId: 'gone' }))).toEqual(['org.missingParent']);
  });

  it('rejects levels out of order', () => {
    const errors = validateOrgTree(orgUnitsById(replace('sh', { parentId: 'ht' })));
    expect(errors.map((e) => e.code)).toEqual(['org.levelOrder']);
    expect(errors[0]?.details).toEqual({ unitId: 'sh', parentId: 'ht' });
    expect(errors[0]?.message).toMatch(/kan ikke ligge under/);
  });

  it('reports each unit caught in a cycle', () => {
    const list = replace('sh-a', { parentId: 'sh-a-natt' });
    const errors = validateOrgTree(orgUnitsById(list)).filter((e) => e.code === 'org.cycle');
    expect(errors.map((e) => e.details.unitId).sort()).toEqual(['sh-a', 'sh-a-natt']);
  });

  it('rejects a map whose key differs from the unit id', () => {
    const map = new Map(units);
    map.set('wrong', { ...(units.get('sk') as OrgUnit) });
    expect(validateOrgTree(map).map((e) => e.code)).toContain('org.idMismatch');
  });
});

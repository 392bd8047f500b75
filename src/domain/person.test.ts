// Tests for people and roles.
import { describe, expect, it } from 'vitest';
import { ROLES, hasRole } from './person.js';
import { person } from './test-fixtures.js';

describe('roles', () => {
  it('lists the thirteen roles of the quality work, each once', () => {
    expect(ROLES).toHaveLength(13);
    expect(new Set(ROLES).size).toBe(13);
    expect(ROLES).toEqual(expect.arrayContaining(['chiefExecutive', 'sectorHead', 'reviewer', 'chiefMunicipalPhysician']));
  });

  it('tells whether a person holds a role', () => {
    const p = person('x', 'sh', ['employee', 'superUser']);
    expect(hasRole(p, 'superUser')).toBe(true);
    expect(hasRole(p, 'qualityAdviser')).toBe(false);
  });
});

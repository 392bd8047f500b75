// OrgUnit and Person ↔ fields: round trips, the optional deputy, roles as a comma list.
import { describe, expect, it } from 'vitest';
import { PEOPLE, UNITS } from '../../domain/test-fixtures.js';
import { CorruptRowError } from './fields.js';
import { ORG_UNIT_COLUMNS, PERSON_COLUMNS, orgUnitFromFields, orgUnitToFields, personFromFields, personToFields } from './organisation.js';
import { SOURCE, readBack } from './test-support.js';

describe('organisation mapping', () => {
  it('round-trips every unit, with and without a deputy', () => {
    for (const unit of UNITS) expect(orgUnitFromFields(readBack(orgUnitToFields(unit)), SOURCE)).toEqual(unit);
  });

  it('writes no column the domain does not own (the leader channel stays untouched)', () => {
    const written = Object.keys(orgUnitToFields(UNITS[1] as (typeof UNITS)[number]));
    expect(written).not.toContain('LeaderChannelId');
    expect(new Set(written)).toEqual(new Set(ORG_UNIT_COLUMNS));
  });

  it('round-trips people with several roles, and none', () => {
    for (const p of [PEOPLE.superUserSh, PEOPLE.nurse, { ...PEOPLE.nurse, roles: [] }]) expect(personFromFields(readBack(personToFields(p)), SOURCE)).toEqual(p);
    expect(personToFields(PEOPLE.superUserSh).Roles).toBe('superUser,employee');
    expect(new Set(Object.keys(personToFields(PEOPLE.nurse)))).toEqual(new Set(PERSON_COLUMNS));
  });

  it('an unknown role or level is a corrupt row', () => {
    expect(() => personFromFields(readBack(personToFields(PEOPLE.nurse), { Roles: 'employee,king' }), SOURCE)).toThrow(CorruptRowError);
    expect(() => orgUnitFromFields(readBack(orgUnitToFields(UNITS[0] as (typeof UNITS)[number]), { Level: 'county' }), SOURCE)).toThrow(/Level/);
  });
});

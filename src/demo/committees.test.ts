// Tests for the committees: every level, KUL and KLG, members from seed 001, and a reporting line up to KUL.
import { describe, expect, it } from 'vitest';
import { orgUnitsById, parentCommittee, validateCommittee } from '../domain/index.js';
import { committeeIdOf } from './committees.js';
import { demo } from './test-fixture.js';

const m = demo();
const units = orgUnitsById(m.units);
const people = new Map(m.people.map((p) => [p.id, p]));
const byId = new Map(m.committees.map((c) => [c.id, c]));

describe('generated committees', () => {
  it('all pass the domain validation and name people who exist', () => {
    for (const c of m.committees) {
      expect(validateCommittee(c, units)).toEqual([]);
      expect(people.has(c.leaderId)).toBe(true);
      if (c.facilitatorId) expect(people.has(c.facilitatorId)).toBe(true);
      for (const member of c.members) expect(people.has(member.personId)).toBe(true);
      expect(new Set(c.members.map((x) => x.personId)).size).toBe(c.members.length);
      expect(c.members[0]).toEqual({ personId: c.leaderId, role: 'leader' });
    }
    expect(new Set(m.committees.map((c) => c.id)).size).toBe(m.committees.length);
  });

  it('have ids that fit the 64-character key columns and the API’s ids, stable, even for the longest unit names', () => {
    // Services such as 'Avlastning for barn og unge' under 'Bo- og avlastningstjenester' have unit ids of 57 characters:
    // 'committee-' made them too long for RecordId and CommitteeId, and the seed could not store those committees.
    const longUnits = m.units.filter((u) => `committee-${u.id}`.length > 64);
    expect(longUnits.length).toBeGreaterThan(0);
    for (const c of m.committees) expect(c.id).toMatch(/^[A-Za-z0-9-]{1,64}$/);
    for (const u of longUnits) {
      expect(byId.get(committeeIdOf(u.id))?.unitId).toBe(u.id);
      expect(committeeIdOf(u.id)).toBe(committeeIdOf(u.id));
      expect(committeeIdOf(u.id).startsWith(`committee-${u.id.slice(0, 30)}`)).toBe(true);
    }
    expect(byId.get('committee-mh')?.unitId).toBe('mh');
  });

  it('have KUL and KLG at the top, led by the kommunedirektør, and no KDKU (replaced by KUL, seed 000)', () => {
    const kul = byId.get('committee-kul');
    const klg = byId.get('committee-klg');
    expect(kul?.kind).toBe('extendedLeadershipMeeting');
    expect(klg?.kind).toBe('executiveLeadershipGroup');
    expect(kul?.leaderId).toBe(m.municipality.leaderId);
    expect(people.get(kul?.facilitatorId ?? '')?.roles).toContain('qualityAdviser');
    const roles = new Set(kul?.members.map((x) => x.role));
    expect(roles).toEqual(new Set(['leader', 'facilitator', 'member', 'unionRepresentative', 'safetyRepresentative']));
    expect(kul?.members.filter((x) => x.role === 'unionRepresentative')).toHaveLength(2);
    const sectorHeads = m.units.filter((u) => u.level === 'sector').map((u) => u.leaderId);
    expect(klg?.members.map((x) => x.personId)).toEqual(expect.arrayContaining(sectorHeads));
    expect(m.committees.some((c) => c.kind === 'chiefExecutiveQualityCommittee')).toBe(false);
  });

  it('have one committee per sector, unit and service, the service ones in the operations meeting', () => {
    for (const u of m.units.filter((x) => x.level !== 'municipality')) {
      const c = byId.get(committeeIdOf(u.id));
      expect(c?.unitId).toBe(u.id);
      expect(c?.heldInOperationsMeeting).toBe(u.level === 'service');
    }
  });

  it('give health and schools user representatives, and health the chief physician (seed 001)', () => {
    const mh = byId.get('committee-mh');
    const roles = mh?.members.map((x) => x.role) ?? [];
    expect(roles).toEqual(expect.arrayContaining(['userRepresentative', 'patientSafetyRepresentative', 'chiefMunicipalPhysician', 'unionRepresentative', 'safetyRepresentative']));
    expect(byId.get('committee-ol')?.members.some((x) => x.role === 'userRepresentative')).toBe(true);
    expect(byId.get('committee-ett')?.members.some((x) => x.role === 'userRepresentative')).toBe(false);
    expect(people.get(byId.get('committee-mh')?.facilitatorId ?? '')?.roles).toContain('qualityCoordinator');
  });

  it('have a patient-safety committee led by the kommuneoverlege', () => {
    const c = m.committees.find((x) => x.kind === 'patientSafetyCommittee');
    expect(people.get(c?.leaderId ?? '')?.roles).toContain('chiefMunicipalPhysician');
    expect(c?.members.length).toBeGreaterThan(3);
  });

  it('report upwards: every line committee reaches KUL', () => {
    for (const c of m.committees.filter((x) => x.unitId !== m.municipality.id && x.kind !== 'patientSafetyCommittee')) {
      let current = c;
      for (let i = 0; i < 4 && current.id !== 'committee-kul'; i++) {
        const parent = parentCommittee(current, m.committees, units);
        if (!parent) break;
        current = parent;
      }
      expect(current.id).toBe('committee-kul');
    }
  });
});

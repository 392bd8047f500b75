// Tests for the staffed organisation: a valid tree, unique people and addresses, and the quality roles of seed 001.
import { describe, expect, it } from 'vitest';
import { orgUnitsById, sectorOf, validateOrgTree } from '../domain/index.js';
import { generateOrganisation } from './organisation.js';
import { createRandom } from './random.js';

const org = generateOrganisation(createRandom(2026, 'organisation'), { employees: 4000, municipalityName: 'Tønsberg kommune', emailDomain: 'varde-demo.onmicrosoft.com' });
const units = orgUnitsById(org.units);
const people = new Map(org.people.map((p) => [p.id, p]));
const withRole = (role: string) => org.people.filter((p) => (p.roles as readonly string[]).includes(role));

describe('generateOrganisation', () => {
  it("builds a tree the domain's validateOrgTree accepts", () => {
    expect(validateOrgTree(units)).toEqual([]);
    expect(org.units[0]).toMatchObject({ id: 'kommune', level: 'municipality', parentId: null, name: 'Tønsberg kommune' });
  });

  it('has leaders and deputies who exist and work in the unit they lead (or lead it from the sector staff)', () => {
    for (const u of org.units) {
      expect(people.get(u.leaderId)?.unitId).toBe(u.id);
      if (u.deputyLeaderId) expect(people.get(u.deputyLeaderId)?.unitId).toBe(u.id);
    }
    expect(org.units.filter((u) => u.deputyLeaderId).length).toBeGreaterThan(20);
  });

  it('places everyone in a unit that exists, with unique ids and addresses', () => {
    expect(org.people).toHaveLength(4000);
    for (const p of org.people) expect(units.has(p.unitId)).toBe(true);
    expect(new Set(org.people.map((p) => p.id)).size).toBe(4000);
    expect(new Set(org.people.map((p) => p.email)).size).toBe(4000);
    for (const p of org.people) {
      expect(p.email).toMatch(/^[a-z-]+(\.[a-z-]+)+\d*@varde-demo\.onmicrosoft\.com$/);
      expect(p.upn).toBe(p.email);
    }
  });

  it('uses Norwegian names, with æ, ø and å', () => {
    expect(org.people.some((p) => /[æøå]/i.test(p.name))).toBe(true);
    expect(org.people.some((p) => p.email.includes('.') && /\d@/.test(p.email))).toBe(true); // ola.hansen2
  });

  it('has one kommunedirektør, eight kommunalsjefer, two kvalitetsrådgivere and one kommuneoverlege', () => {
    expect(withRole('chiefExecutive')).toHaveLength(1);
    expect(withRole('sectorHead')).toHaveLength(8);
    expect(withRole('qualityAdviser')).toHaveLength(2);
    expect(withRole('chiefMunicipalPhysician')).toHaveLength(1);
  });

  it('has two quality coordinators in health and schools, one in the other sectors (seed 001)', () => {
    const bySector = new Map<string, number>();
    for (const p of withRole('qualityCoordinator')) bySector.set(p.unitId, (bySector.get(p.unitId) ?? 0) + 1);
    expect(Object.fromEntries(bySector)).toEqual({ mh: 2, ol: 2, ov: 1, hr: 1, dka: 1, ett: 1, sn: 1, kni: 1 });
  });

  it('gives every unit a super user, a union representative and a safety representative', () => {
    const unitIds = org.units.filter((u) => u.level === 'unit').map((u) => u.id);
    for (const map of [org.directory.superUserOf, org.directory.unionRepOf, org.directory.safetyRepOf]) {
      expect([...map.keys()].sort()).toEqual([...unitIds].sort());
      for (const [unitId, personId] of map) expect(sectorOf(people.get(personId)?.unitId ?? '', units)).toEqual(sectorOf(unitId, units));
    }
    expect(org.directory.mainUnionRepIds).toHaveLength(5);
    expect(people.get(org.directory.mainSafetyRepId)?.roles).toContain('safetyRepresentative');
  });

  it('labels leaders by level and gives nobody two leader labels', () => {
    for (const u of org.units) {
      const role = { municipality: 'chiefExecutive', sector: 'sectorHead', unit: 'unitLeader', service: 'serviceLeader' }[u.level];
      expect(people.get(u.leaderId)?.roles).toContain(role);
    }
    const leaderRoles = ['chiefExecutive', 'sectorHead', 'unitLeader', 'serviceLeader'];
    for (const p of org.people) expect(p.roles.filter((r) => leaderRoles.includes(r)).length).toBeLessThanOrEqual(1);
  });
});

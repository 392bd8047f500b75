// Tests for the sign-in personas: the six roles of the brief, in one line of command.
import { describe, expect, it } from 'vitest';
import { canView, orgUnitsById } from '../domain/index.js';
import { demoPersonas } from './personas.js';
import { demo } from './test-fixture.js';

const m = demo();
const personas = demoPersonas(m);
const by = (key: string) => personas.find((p) => p.key === key);
const people = new Map(m.people.map((p) => [p.id, p]));
const units = orgUnitsById(m.units);

describe('demoPersonas', () => {
  it('names an employee, a tjenesteleder, a virksomhetsleder, a kommunalsjef, a kvalitetsrådgiver and the kommunedirektør', () => {
    expect(personas.map((p) => [p.key, p.label])).toEqual([
      ['employee', 'Ansatt'],
      ['serviceLeader', 'Tjenesteleder'],
      ['unitLeader', 'Virksomhetsleder'],
      ['sectorHead', 'Kommunalsjef'],
      ['qualityAdviser', 'Kvalitetsrådgiver'],
      ['chiefExecutive', 'Kommunedirektør'],
    ]);
    for (const p of personas) expect(people.get(p.personId)).toMatchObject({ name: p.name, email: p.email, unitId: p.unitId });
    expect(new Set(personas.map((p) => p.personId)).size).toBe(6);
  });

  it('form one chain: the employee works under the tjenesteleder, in a nursing home in Mestring og helse', () => {
    const service = units.get(by('employee')?.unitId ?? '');
    expect(service?.leaderId).toBe(by('serviceLeader')?.personId);
    const unit = units.get(service?.parentId ?? '');
    expect(unit?.leaderId).toBe(by('unitLeader')?.personId);
    expect(unit?.name).toMatch(/sykehjem$/);
    const sector = units.get(unit?.parentId ?? '');
    expect(sector?.name).toBe('Mestring og helse');
    expect(sector?.leaderId).toBe(by('sectorHead')?.personId);
    expect(by('employee')?.unitName).toBe(`${service?.name}, ${unit?.name}`);
  });

  it("lets every leader persona see the employee's reports, and the employee has some", () => {
    const own = m.deviations.filter((d) => d.reporterId === by('employee')?.personId);
    expect(own.length).toBeGreaterThan(0);
    const ctx = { units, whistleblowingRecipientIds: new Set<string>() };
    for (const key of ['serviceLeader', 'unitLeader', 'sectorHead', 'qualityAdviser', 'chiefExecutive']) {
      const person = people.get(by(key)?.personId ?? '');
      for (const d of own) expect(person && canView(person, d, ctx)).toBe(true);
    }
  });
});

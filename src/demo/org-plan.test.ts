// Tests for the organisation plan: the eight sectors, ~40 units, sizes that add up, most people in health and schools.
import { describe, expect, it } from 'vitest';
import { SECTORS, UNIT_SPECS } from './catalogue.js';
import { planOrganisation, unitCount } from './org-plan.js';
import { createRandom } from './random.js';

const plan = (employees: number, seed = 1) => planOrganisation(createRandom(seed, 'plan'), employees, 'Tønsberg kommune');

describe('planOrganisation', () => {
  it("names the eight sectors of Tønsberg's strategy (seed 001)", () => {
    const sectors = plan(4000).filter((n) => n.level === 'sector').map((n) => n.name);
    expect(sectors).toEqual([
      'Mestring og helse',
      'Oppvekst og læring',
      'Økonomi og virksomhetsstyring',
      'HR',
      'Digitalisering, kommunikasjon og administrasjon (DKA)',
      'Eiendom og tekniske tjenester',
      'Samfunns- og næringsutvikling',
      'Kultur, nærdemokrati og inkludering',
    ]);
    expect(SECTORS.map((s) => s.coordinators)).toEqual([2, 2, 1, 1, 1, 1, 1, 1]);
  });

  it.each([800, 4000, 12_345, 60_000])('places exactly %d people', (employees) => {
    expect(plan(employees).reduce((sum, n) => sum + n.size, 0)).toBe(employees);
  });

  it('has about forty units with services under the larger ones, and unique ids', () => {
    const nodes = plan(4000);
    const units = nodes.filter((n) => n.level === 'unit');
    expect(units.length).toBeGreaterThanOrEqual(35);
    expect(units.length).toBeLessThanOrEqual(50);
    expect(nodes.filter((n) => n.level === 'service').length).toBeGreaterThan(units.length * 2);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(units.map((u) => u.name)).toEqual(expect.arrayContaining(['NAV Tønsberg', 'Legevakt og KAD', 'Brann og redning', 'Vann og avløp', 'Biblioteket', 'Kulturskolen']));
    expect(units.filter((u) => u.name.endsWith('sykehjem'))).toHaveLength(4);
  });

  it('puts most people in health and care and in schools and kindergartens', () => {
    const nodes = plan(4000);
    const inSector = (code: string) => nodes.filter((n) => n.sectorCode === code).reduce((sum, n) => sum + n.size, 0);
    expect(inSector('mh') + inSector('ol')).toBeGreaterThan(0.65 * 4000);
    expect(inSector('mh')).toBeGreaterThan(inSector('ett'));
  });

  it('gives every unit and service room for a leader and staff', () => {
    for (const n of plan(800)) if (n.level === 'unit' || n.level === 'service') expect(n.size).toBeGreaterThanOrEqual(2);
  });

  it('refuses a headcount too small for the tree', () => {
    expect(() => plan(300)).toThrow(/at least \d+ employees/);
  });

  it('grows the number of schools and nursing homes with the square root of the headcount', () => {
    const school = UNIT_SPECS.find((s) => s.kind === 'primarySchool');
    expect(school && unitCount(school, 4000)).toBe(5);
    expect(school && unitCount(school, 1000)).toBe(5);
    expect(school && unitCount(school, 64_000)).toBe(20);
  });

  it('is the same for the same seed', () => {
    expect(plan(4000, 9)).toEqual(plan(4000, 9));
    expect(plan(4000, 9)).not.toEqual(plan(4000, 10));
  });
});

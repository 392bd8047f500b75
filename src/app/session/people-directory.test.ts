import { describe, expect, it } from 'vitest';
import { type OrgUnit, type Person, orgUnitsById } from '../../domain/index.js';
import type { OrganisationRepository } from '../ports/index.js';
import { PeopleDirectory } from './people-directory.js';

const units = orgUnitsById([
  { id: 'k', name: 'Kommune', level: 'municipality', parentId: null, leaderId: 'x' },
  { id: 's', name: 'Sektor', level: 'sector', parentId: 'k', leaderId: 'x' },
  { id: 'v', name: 'Virksomhet', level: 'unit', parentId: 's', leaderId: 'x' },
  { id: 'o', name: 'Annen sektor', level: 'sector', parentId: 'k', leaderId: 'x' },
] satisfies OrgUnit[]);
const p = (id: string, name: string, unitId: string): Person => ({ id, name, email: `${name.split(' ')[0]?.toLowerCase()}@testvik.no`, upn: '', unitId, roles: ['employee'] });
const everyone = [p('1', 'Åse Berg', 'v'), p('2', 'Anne Ås', 's'), p('3', 'Ola Nordmann', 'o'), p('4', 'Øystein Aas', 'v'), p('5', 'Zara Lie', 'k')];

function directory(now = () => 0) {
  let reads = 0;
  const repo = { allPeople: async () => (reads++, everyone) } as unknown as OrganisationRepository;
  return { dir: new PeopleDirectory(repo, { ttlMs: 1000, now }), reads: () => reads };
}

describe('PeopleDirectory.search', () => {
  it('sorts by name in Norwegian order (Æ Ø Å last)', async () => {
    const { dir } = directory();
    expect((await dir.search({}, units)).map((x) => x.name)).toEqual(['Anne Ås', 'Ola Nordmann', 'Zara Lie', 'Øystein Aas', 'Åse Berg']);
  });

  it('filters to a unit and the units below it', async () => {
    const { dir } = directory();
    expect((await dir.search({ unitId: 's' }, units)).map((x) => x.id)).toEqual(['2', '4', '1']);
  });

  it('matches every word in name or e-mail, any case', async () => {
    const { dir } = directory();
    expect((await dir.search({ q: 'ÅS' }, units)).map((x) => x.id)).toEqual(['2', '1']);
    expect((await dir.search({ q: 'ola nord' }, units)).map((x) => x.id)).toEqual(['3']);
    expect((await dir.search({ q: 'zara@' }, units)).map((x) => x.id)).toEqual(['5']);
    expect(await dir.search({ q: 'ingen' }, units)).toEqual([]);
  });

  it('returns at most the limit', async () => {
    const { dir } = directory();
    expect(await dir.search({ limit: 2 }, units)).toHaveLength(2);
  });

  it('reads everyone once per ttl', async () => {
    let clock = 0;
    const { dir, reads } = directory(() => clock);
    await dir.search({}, units);
    await dir.search({ q: 'a' }, units);
    expect(reads()).toBe(1);
    clock = 1001;
    await dir.search({}, units);
    expect(reads()).toBe(2);
  });
});

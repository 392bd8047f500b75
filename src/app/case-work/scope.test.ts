// Which units an inbox covers and how few clauses ask for them; the index's health-detail rule agrees with the access policy.
import { describe, expect, it } from 'vitest';
import { type AccessContext, type OrgUnit, canView, canViewHealthDetails, orgUnitsById } from '../../domain/index.js';
import { PEOPLE, UNITS, deviation, person, units } from '../../domain/test-fixtures.js';
import { MAX_SCOPE_CLAUSES } from '../ports/index.js';
import { mayReadHealthDetails, scopeFor, unitsInView } from './scope.js';

const sorted = (s: ReadonlySet<string> | null) => (s === null ? null : [...s].sort());

describe('unitsInView', () => {
  it.each([
    ['nurse', PEOPLE.nurse, null],
    ['tjenesteleder', PEOPLE.serviceLeaderA, ['sh-a', 'sh-a-natt']],
    ['virksomhetsleder', PEOPLE.unitLeaderSh, ['sh', 'sh-a', 'sh-a-natt']],
    ['kommunalsjef', PEOPLE.sectorHeadMh, ['ht', 'mh', 'sh', 'sh-a', 'sh-a-natt']],
    ['kvalitetsrådgiver', PEOPLE.qualityAdviser, UNITS.map((u) => u.id).sort()],
  ])('%s', (_label, who, expected) => {
    expect(sorted(unitsInView(who, units))).toEqual(expected);
  });

  it('narrows to a unit and its subtree, and is null when that leaves nothing the person sees', () => {
    expect(sorted(unitsInView(PEOPLE.sectorHeadMh, units, 'sh'))).toEqual(['sh', 'sh-a', 'sh-a-natt']);
    // Asking for the unit above gives what the person sees of it, not more.
    expect(sorted(unitsInView(PEOPLE.serviceLeaderA, units, 'mh'))).toEqual(['sh-a', 'sh-a-natt']);
    expect(unitsInView(PEOPLE.serviceLeaderA, units, 'sk')).toBeNull();
  });
});

describe('scopeFor', () => {
  it('asks for nothing narrower when the set is every unit', () => {
    expect(scopeFor(new Set(units.keys()), units)).toEqual({ units: null, query: { type: 'all' }, widened: false });
  });

  it('a whole sector is one SectorId clause; loose units are UnitId clauses', () => {
    const sector = new Set(['mh', 'sh', 'sh-a', 'sh-a-natt', 'ht']);
    expect(scopeFor(sector, units).query).toEqual({ type: 'within', sectorIds: ['mh'], unitIds: [] });
    expect(scopeFor(new Set(['sh', 'sh-a', 'sh-a-natt']), units).query).toEqual({ type: 'within', sectorIds: [], unitIds: ['sh', 'sh-a', 'sh-a-natt'] });
    // Two sectors whole, the municipality itself not: the municipality's own cases are a unit clause.
    const allButTop = new Set([...units.keys()].filter((id) => id !== 'k'));
    expect(scopeFor(allButTop, units)).toMatchObject({ query: { type: 'within', sectorIds: ['mh', 'ol'], unitIds: [] }, widened: false });
  });

  it('past the clause limit, loose units widen to their sectors and the page is filtered', () => {
    const many: OrgUnit[] = [...UNITS];
    for (let i = 0; i < MAX_SCOPE_CLAUSES + 5; i++) many.push({ id: `svc-${i}`, name: `Tjeneste ${i}`, level: 'service', parentId: 'ht', leaderId: 'boss' });
    const tree = orgUnitsById(many);
    const target = new Set(many.filter((u) => u.leaderId === 'boss').map((u) => u.id));
    expect(scopeFor(target, tree)).toEqual({ units: target, query: { type: 'within', sectorIds: ['mh'], unitIds: [] }, widened: true });
  });
});

describe('mayReadHealthDetails agrees with canViewHealthDetails for ordinary cases the person may see', () => {
  const ctx: AccessContext = { units, whistleblowingRecipientIds: new Set() };
  const people = [...Object.values(PEOPLE), person('stranger', 'sk')];
  const cases = UNITS.flatMap((u) =>
    [null, 'tl-a', 'nurse'].flatMap((handlerId) => [true, false].map((healthRelated) => deviation({ id: `${u.id}-${handlerId}-${healthRelated}`, unitId: u.id, handlerId, healthRelated }))),
  );
  it(`over ${people.length} people × ${cases.length} cases`, () => {
    let compared = 0;
    for (const p of people)
      for (const d of cases) {
        if (!canView(p, d, ctx)) continue;
        compared++;
        expect(mayReadHealthDetails(p.id, d, units), `${p.id} on ${d.id}`).toBe(canViewHealthDetails(p, d, ctx));
      }
    expect(compared).toBeGreaterThan(100);
  });
});

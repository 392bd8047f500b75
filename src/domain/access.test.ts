// Table-driven tests for the access policy: every person of the fixture against every kind of case.
import { describe, expect, it } from 'vitest';
import { canHandle, canView, canViewHealthDetails, viewFor, visibleUnitIds, type AccessContext } from './access.js';
import type { Deviation } from './deviation.js';
import type { Person } from './person.js';
import { PEOPLE, deviation, person, units } from './test-fixtures.js';

const ctx: AccessContext = { units, whistleblowingRecipientIds: new Set(['varsel-mottaker']) };

const CASES = {
  // Health-related adverse event in the nursing home, handled by the service leader of Avdeling A.
  health: deviation({ id: 'health', unitId: 'sh', reporterId: 'nurse', handlerId: 'tl-a', healthRelated: true, status: 'received' }),
  // Near miss in the night service, not yet received by anyone.
  plain: deviation({ id: 'plain', kind: 'nearMiss', unitId: 'sh-a-natt', reporterId: 'nurse-2', healthRelated: false }),
  // A case in the other sector.
  school: deviation({ id: 'school', unitId: 'sk', reporterId: 'teacher', handlerId: 'vl-sk', healthRelated: false }),
  // Whistleblowing from the nursing home, health-related.
  whistle: deviation({
    id: 'whistle',
    kind: 'whistleblowingReport',
    caseNumber: 'VA-2026-00001',
    unitId: 'sh-a',
    reporterId: 'nurse-2',
    handlerId: 'varsel-mottaker',
    healthRelated: true,
  }),
} satisfies Record<string, Deviation>;

type Flags = '---' | 'v--' | 'v-d' | 'vh-' | 'vhd';

// v = canView, h = canHandle, d = canViewHealthDetails.
const MATRIX: readonly [keyof typeof PEOPLE, Flags, Flags, Flags, Flags][] = [
  //                 health  plain  school whistle
  ['chiefExecutive', 'vh-', 'vhd', 'vhd', '---'],
  ['sectorHeadMh', 'vh-', 'vhd', '---', '---'],
  ['sectorDeputyMh', 'vh-', 'vhd', '---', '---'],
  ['sectorHeadOl', '---', '---', 'vhd', '---'],
  ['unitLeaderSh', 'vhd', 'vhd', '---', '---'],
  ['unitDeputySh', 'vhd', 'vhd', '---', '---'],
  ['unitLeaderHt', '---', '---', '---', '---'],
  ['serviceLeaderA', 'vhd', 'vhd', '---', '---'],
  ['nightLeader', '---', 'vhd', '---', '---'],
  ['nurse', 'v--', '---', '---', '---'],
  ['otherNurse', '---', 'v-d', '---', 'v--'],
  ['qualityAdviser', 'v--', 'v-d', 'v-d', '---'],
  ['coordinatorMh', 'v--', 'v-d', '---', '---'],
  ['superUserSh', '---', '---', '---', '---'],
  ['safetyRep', '---', '---', '---', '---'],
  ['physician', '---', '---', '---', '---'],
  ['staleLeader', '---', '---', '---', '---'],
  ['recipient', '---', '---', '---', 'vhd'],
];

const flags = (p: Person, d: Deviation): Flags =>
  `${canView(p, d, ctx) ? 'v' : '-'}${canHandle(p, d, ctx) ? 'h' : '-'}${canViewHealthDetails(p, d, ctx) ? 'd' : '-'}` as Flags;

describe('access matrix', () => {
  it('covers every person of the fixture', () => {
    expect(MATRIX.map((row) => row[0]).sort()).toEqual(Object.keys(PEOPLE).sort());
  });

  const rows = MATRIX.flatMap(([who, ...expected]) =>
    (Object.keys(CASES) as (keyof typeof CASES)[]).map((c, i) => [who, c, expected[i]] as const),
  );
  it.each(rows)('%s on the %s case: %s', (who, c, expected) => {
    expect(flags(PEOPLE[who], CASES[c])).toBe(expected);
  });

  it('never lets anyone handle or read details of a case they cannot see', () => {
    for (const p of Object.values(PEOPLE)) {
      for (const d of Object.values(CASES)) {
        if (!canView(p, d, ctx)) {
          expect(canHandle(p, d, ctx)).toBe(false);
          expect(canViewHealthDetails(p, d, ctx)).toBe(false);
        }
      }
    }
  });
});

describe('whistleblowing stays with the named recipients', () => {
  it('ignores an assigned handler who is not a recipient', () => {
    const misassigned = { ...CASES.whistle, handlerId: 'vl-sh' };
    expect(canView(PEOPLE.unitLeaderSh, misassigned, ctx)).toBe(false);
    expect(canHandle(PEOPLE.unitLeaderSh, misassigned, ctx)).toBe(false);
  });

  it('hides the report from everyone but the reporter when no recipient is named', () => {
    const none: AccessContext = { units, whistleblowingRecipientIds: new Set() };
    expect(canView(PEOPLE.recipient, CASES.whistle, none)).toBe(false);
    expect(canView(PEOPLE.otherNurse, CASES.whistle, none)).toBe(true);
  });

  it('gives recipients nothing on ordinary cases', () => {
    expect(canView(PEOPLE.recipient, CASES.plain, ctx)).toBe(false);
  });
});

describe('visibleUnitIds', () => {
  const sorted = (s: ReadonlySet<string>) => [...s].sort();

  it.each([
    ['chiefExecutive', ['hel']],
    ['sectorHeadMh', ['ht', 'mh', 'sh', 'sh-a', 'sh-a-natt']],
    ['sectorDeputyMh', ['ht', 'mh', 'sh', 'sh-a', 'sh-a-natt']],
    ['unitLeaderSh', ['sh', 'sh-a', 'sh-a-natt']],
    ['serviceLeaderA', ['sh-a', 'sh-a-natt']],
    ['nightLeader', ['sh-a-natt']],
    ['coordinatorMh', ['ht', 'mh', 'sh', 'sh-a', 'sh-a-natt']],
    ['nurse', []],
    ['staleLeader', []],
    ['superUserSh', []],
  ] as const)('%s sees %j', (who, expected) => {
    const want = expected[0] === 'hel' ? [...units.keys()].sort() : [...expected];
    expect(sorted(visibleUnitIds(PEOPLE[who], units))).toEqual(want);
  });

  it('gives quality advisers every unit', () => {
    expect(visibleUnitIds(PEOPLE.qualityAdviser, units).size).toBe(units.size);
  });

  it('gives a coordinator placed at the municipality level no sector', () => {
    expect(visibleUnitIds(person('kk-sentral', 'k', ['qualityCoordinator']), units).size).toBe(0);
  });

  it('unions several led units', () => {
    const twoHats = { ...units.get('sk')!, leaderId: 'vl-ht' };
    const map = new Map(units).set('sk', twoHats);
    expect(sorted(visibleUnitIds(PEOPLE.unitLeaderHt, map))).toEqual(['ht', 'sk']);
  });
});

describe('viewFor', () => {
  it('hides a case from someone who may not see it', () => {
    expect(viewFor(PEOPLE.recipient, CASES.health, ctx)).toBeNull();
  });

  it('shows the whole case to the handler', () => {
    expect(viewFor(PEOPLE.serviceLeaderA, CASES.health, ctx)).toBe(CASES.health);
  });

  it('blanks health details for those who see but do not handle', () => {
    for (const who of [PEOPLE.nurse, PEOPLE.chiefExecutive, PEOPLE.qualityAdviser]) {
      const seen = viewFor(who, CASES.health, ctx);
      expect(seen).not.toBeNull();
      expect(seen?.title).toBe('');
      expect(seen?.description).toBe('');
      expect(seen?.immediateAction).toBeNull();
      expect(seen?.caseNumber).toBe(CASES.health.caseNumber);
      expect(seen?.status).toBe('received');
    }
  });

  it('leaves a case without health information untouched', () => {
    expect(viewFor(PEOPLE.qualityAdviser, CASES.plain, ctx)).toBe(CASES.plain);
  });
});

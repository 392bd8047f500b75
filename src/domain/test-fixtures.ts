// Shared test data for the domain tests: a small municipality with two sectors (used by tests only).
import { orgUnitsById, type OrgUnit } from './organisation.js';
import type { Deviation } from './deviation.js';
import type { Person, Role } from './person.js';

export const UNITS: readonly OrgUnit[] = [
  { id: 'k', name: 'Tønsberg kommune', level: 'municipality', parentId: null, leaderId: 'kd' },
  { id: 'mh', name: 'Mestring og helse', level: 'sector', parentId: 'k', leaderId: 'ks-mh', deputyLeaderId: 'ks-mh-dep' },
  { id: 'ol', name: 'Oppvekst og læring', level: 'sector', parentId: 'k', leaderId: 'ks-ol' },
  { id: 'sh', name: 'Eikeberg sykehjem', level: 'unit', parentId: 'mh', leaderId: 'vl-sh', deputyLeaderId: 'vl-sh-dep' },
  { id: 'ht', name: 'Hjemmetjenesten', level: 'unit', parentId: 'mh', leaderId: 'vl-ht' },
  { id: 'sh-a', name: 'Avdeling A', level: 'service', parentId: 'sh', leaderId: 'tl-a' },
  { id: 'sh-a-natt', name: 'Nattjenesten, avdeling A', level: 'service', parentId: 'sh-a', leaderId: 'al-natt' },
  { id: 'sk', name: 'Byskogen skole', level: 'unit', parentId: 'ol', leaderId: 'vl-sk' },
];

export const units = orgUnitsById(UNITS);

export function person(id: string, unitId: string, roles: readonly Role[] = ['employee']): Person {
  return { id, name: id, email: `${id}@tonsberg.kommune.no`, upn: `${id}@tonsberg.kommune.no`, unitId, roles };
}

export const PEOPLE = {
  chiefExecutive: person('kd', 'k', ['chiefExecutive']),
  sectorHeadMh: person('ks-mh', 'mh', ['sectorHead']),
  sectorDeputyMh: person('ks-mh-dep', 'mh', ['employee']),
  sectorHeadOl: person('ks-ol', 'ol', ['sectorHead']),
  unitLeaderSh: person('vl-sh', 'sh', ['unitLeader']),
  unitDeputySh: person('vl-sh-dep', 'sh', ['employee']),
  unitLeaderHt: person('vl-ht', 'ht', ['unitLeader']),
  serviceLeaderA: person('tl-a', 'sh-a', ['serviceLeader']),
  nightLeader: person('al-natt', 'sh-a-natt', ['serviceLeader']),
  nurse: person('nurse', 'sh-a', ['employee']),
  otherNurse: person('nurse-2', 'sh-a', ['employee']),
  qualityAdviser: person('kr', 'k', ['qualityAdviser']),
  coordinatorMh: person('kk-mh', 'mh', ['qualityCoordinator']),
  superUserSh: person('su-sh', 'sh', ['superUser', 'employee']),
  safetyRep: person('hvo', 'k', ['safetyRepresentative']),
  physician: person('ko', 'k', ['chiefMunicipalPhysician']),
  // Holds a leader label but leads no unit in the tree: the label alone grants nothing.
  staleLeader: person('old-vl', 'ht', ['unitLeader']),
  recipient: person('varsel-mottaker', 'k', ['employee']),
} as const;

/** A case built directly (not through reportDeviation), for tests that need a given state. */
export function deviation(patch: Partial<Deviation> = {}): Deviation {
  return {
    id: 'd1',
    caseNumber: 'AV-2026-00001',
    kind: 'adverseEvent',
    title: 'Feil dose',
    description: 'Beboer fikk feil dose.',
    location: 'Rom 12',
    occurredAt: '2026-03-02T08:00:00.000Z',
    reportedAt: '2026-03-02T09:00:00.000Z',
    reporterId: 'nurse',
    unitId: 'sh-a',
    severity: 'medium',
    consequenceFor: ['serviceUser'],
    immediateAction: 'Lege varslet.',
    status: 'new',
    handlerId: null,
    analysis: { whys: [], rootCause: null, causeCategory: null },
    noMeasureReason: null,
    closingNote: null,
    closedAt: null,
    healthRelated: false,
    measureIds: [],
    riskItemIds: [],
    history: [],
    ...patch,
  };
}

// The people to sign in as locally: one line of command from the employee on the floor to the kommunedirektør.
import type { DemoMunicipality } from './municipality.js';
import type { OrgUnit, Person } from '../domain/index.js';

export type PersonaKey = 'employee' | 'serviceLeader' | 'unitLeader' | 'sectorHead' | 'qualityAdviser' | 'chiefExecutive';

export interface DemoPersona {
  readonly key: PersonaKey;
  /** Bokmål, for the local sign-in page. */
  readonly label: string;
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly unitId: string;
  /** A service with its unit: 'Avdeling 1. etasje, Solvang sykehjem'. */
  readonly unitName: string;
}

const LABELS: Readonly<Record<PersonaKey, string>> = {
  employee: 'Ansatt',
  serviceLeader: 'Tjenesteleder',
  unitLeader: 'Virksomhetsleder',
  sectorHead: 'Kommunalsjef',
  qualityAdviser: 'Kvalitetsrådgiver',
  chiefExecutive: 'Kommunedirektør',
};

/**
 * Personas in one chain, so a case reported by the employee lands with the tjenesteleder and is
 * visible up the line: a nursing home in Mestring og helse, its first department, and the
 * employee there with the most reports (something to look at from the first sign-in).
 */
export function demoPersonas(m: DemoMunicipality): DemoPersona[] {
  const units = new Map(m.units.map((u) => [u.id, u]));
  const people = new Map(m.people.map((p) => [p.id, p]));
  const childrenOf = (id: string) => m.units.filter((u) => u.parentId === id);
  const sector = m.units.find((u) => u.level === 'sector' && u.name === 'Mestring og helse') ?? m.units.find((u) => u.level === 'sector');
  if (!sector) throw new Error('The demo municipality has no sectors');
  const unitsInSector = childrenOf(sector.id);
  const unit = unitsInSector.find((u) => u.name.includes('sykehjem')) ?? unitsInSector[0];
  if (!unit) throw new Error(`${sector.name} has no units`);
  const service = childrenOf(unit.id)[0] ?? unit;

  const leaders = new Set(m.units.flatMap((u) => [u.leaderId, u.deputyLeaderId]));
  const plain = m.people.filter((p) => p.unitId === service.id && !leaders.has(p.id) && p.roles.length === 1 && p.roles[0] === 'employee');
  const reports = new Map<string, number>();
  for (const d of m.deviations) if (d.unitId === service.id) reports.set(d.reporterId, (reports.get(d.reporterId) ?? 0) + 1);
  const employee = plain.reduce<Person | undefined>((best, p) => (best === undefined || (reports.get(p.id) ?? 0) > (reports.get(best.id) ?? 0) ? p : best), undefined);
  const adviser = m.people.find((p) => p.roles.includes('qualityAdviser'));

  const persona = (key: PersonaKey, personId: string | undefined): DemoPersona => {
    const person = personId === undefined ? undefined : people.get(personId);
    if (!person) throw new Error(`No person for the ${key} persona`);
    const home = units.get(person.unitId) as OrgUnit;
    const parent = home.level === 'service' && home.parentId !== null ? units.get(home.parentId) : undefined;
    const unitName = parent ? `${home.name}, ${parent.name}` : home.name;
    return { key, label: LABELS[key], personId: person.id, name: person.name, email: person.email, unitId: person.unitId, unitName };
  };
  return [
    persona('employee', employee?.id),
    persona('serviceLeader', service.leaderId),
    persona('unitLeader', unit.leaderId),
    persona('sectorHead', sector.leaderId),
    persona('qualityAdviser', adviser?.id),
    persona('chiefExecutive', m.municipality.leaderId),
  ];
}

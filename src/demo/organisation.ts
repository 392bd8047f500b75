// Staffs the planned organisation: the OrgUnit tree with leaders and deputies, the people, and who holds which quality role.
import { SECTORS } from './catalogue.js';
import { ROLES, type OrgUnit, type Person, type Role } from '../domain/index.js';
import { planOrganisation, type OrganisationPlan, type PlannedNode, type Position } from './org-plan.js';
import { freezePerson, personFactory, pickFree, type PersonDraft } from './people.js';
import { chance, type Random } from './random.js';

/** Where to find people by function; the generators of committees, documents and cases read it. */
export interface Directory {
  readonly nodes: ReadonlyMap<string, PlannedNode>;
  /** People whose place of work is the node itself. */
  readonly members: ReadonlyMap<string, readonly string[]>;
  readonly persons: ReadonlyMap<string, Person>;
  readonly chiefExecutiveId: string;
  readonly qualityAdviserIds: readonly string[];
  readonly chiefPhysicianId: string;
  /** Beredskapskoordinator in the chief executive's staff (a KUL participant, seed 000). */
  readonly preparednessCoordinatorId: string;
  /** Hovedtillitsvalgte, hovedverneombud. */
  readonly mainUnionRepIds: readonly string[];
  readonly mainSafetyRepId: string;
  /** By sector id. */
  readonly coordinatorIds: ReadonlyMap<string, readonly string[]>;
  readonly userRepIds: ReadonlyMap<string, readonly string[]>;
  /** By unit (virksomhet) id: superbruker, tillitsvalgt, verneombud. */
  readonly superUserOf: ReadonlyMap<string, string>;
  readonly unionRepOf: ReadonlyMap<string, string>;
  readonly safetyRepOf: ReadonlyMap<string, string>;
  /** Revisjonsansvarlige by unit or sector id. */
  readonly reviewerIds: ReadonlyMap<string, readonly string[]>;
}

export interface Organisation {
  readonly units: readonly OrgUnit[];
  readonly people: readonly Person[];
  readonly plan: OrganisationPlan;
  readonly directory: Directory;
}

export interface OrganisationOptions {
  readonly employees: number;
  readonly municipalityName: string;
  readonly emailDomain: string;
}

const POSITION_ROLE: Readonly<Record<Position, Role>> = {
  chiefExecutive: 'chiefExecutive',
  qualityAdviser: 'qualityAdviser',
  staffAdviser: 'employee',
  sectorHead: 'sectorHead',
  qualityCoordinator: 'qualityCoordinator',
  chiefMunicipalPhysician: 'chiefMunicipalPhysician',
  userRepresentative: 'userRepresentative',
};

const LEADER_ROLE: Readonly<Record<PlannedNode['level'], Role>> = {
  municipality: 'chiefExecutive',
  sector: 'sectorHead',
  unit: 'unitLeader',
  service: 'serviceLeader',
};

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function generateOrganisation(random: Random, options: OrganisationOptions): Organisation {
  const plan = planOrganisation(random, options.employees, options.municipalityName);
  const factory = personFactory(random, options.emailDomain);
  const femaleShare = new Map(SECTORS.map((s) => [s.code, s.femaleShare]));
  const drafts: PersonDraft[] = [];
  const members = new Map<string, string[]>();
  const byPosition = new Map<Position, string[]>();
  const positionsBySector = new Map<string, Map<Position, string[]>>();
  const units: OrgUnit[] = [];
  const leaderIds = new Set<string>();

  for (const node of plan) {
    const share = node.sectorCode === null ? 0.55 : (femaleShare.get(node.sectorCode) ?? 0.5);
    const ids: string[] = [];
    for (let i = 0; i < node.size; i++) {
      const position = node.positions[i];
      const role = position ? POSITION_ROLE[position] : i === 0 ? LEADER_ROLE[node.level] : 'employee';
      const draft = factory.create(node.id, share, [role]);
      drafts.push(draft);
      ids.push(draft.id);
      if (position) {
        push(byPosition, position, draft.id);
        const sectorPositions = positionsBySector.get(node.id) ?? new Map<Position, string[]>();
        positionsBySector.set(node.id, sectorPositions);
        push(sectorPositions, position, draft.id);
      }
    }
    members.set(node.id, ids);
    const leaderId = ids[0];
    if (leaderId === undefined) throw new RangeError(`${node.id} has no one to lead it`);
    leaderIds.add(leaderId);
    // Deputies (stedfortreder): the sector's adviser, often at unit level, sometimes in a service.
    const deputyCandidate = node.level === 'sector' ? positionsBySector.get(node.id)?.get('staffAdviser')?.[0] : ids[1];
    const deputyChance = node.level === 'sector' ? 0.5 : node.level === 'unit' ? 0.6 : node.level === 'service' ? 0.25 : 0;
    const deputyLeaderId = deputyCandidate !== undefined && chance(random, deputyChance) ? deputyCandidate : undefined;
    if (deputyLeaderId) leaderIds.add(deputyLeaderId);
    units.push({ id: node.id, name: node.name, level: node.level, parentId: node.parentId, leaderId, ...(deputyLeaderId ? { deputyLeaderId } : {}) });
  }

  const draftById = new Map(drafts.map((d) => [d.id, d]));
  const taken = new Set(leaderIds); // one extra role each, and none for leaders
  const give = (id: string | undefined, role: Role): string | undefined => {
    if (id === undefined) return undefined;
    draftById.get(id)?.roles.add(role);
    taken.add(id);
    return id;
  };

  // Everyone in a unit and its services who leads nothing: candidates for superbruker, tillitsvalgt, verneombud.
  const staffOfUnit = new Map<string, string[]>();
  for (const node of plan) {
    if (node.level !== 'unit' && node.level !== 'service') continue;
    const unitId = node.level === 'unit' ? node.id : (node.parentId as string);
    for (const id of members.get(node.id) ?? []) if (!leaderIds.has(id)) push(staffOfUnit, unitId, id);
  }

  const superUserOf = new Map<string, string>();
  const unionRepOf = new Map<string, string>();
  const safetyRepOf = new Map<string, string>();
  const reviewerIds = new Map<string, string[]>();
  const unitNodes = plan.filter((n) => n.level === 'unit');
  const unitById = new Map(units.map((u) => [u.id, u]));
  for (const node of unitNodes) {
    const staff = staffOfUnit.get(node.id) ?? [];
    const set = (map: Map<string, string>, role: Role) => {
      const id = give(pickFree(random, staff, taken), role);
      if (id) map.set(node.id, id);
    };
    set(superUserOf, 'superUser');
    set(unionRepOf, 'unionRepresentative');
    set(safetyRepOf, 'safetyRepresentative');
    // Revisjonsansvarlig for the unit's own procedures: the deputy, else a professional in the unit.
    const unit = unitById.get(node.id);
    const reviewer = unit?.deputyLeaderId ?? pickFree(random, staff, taken) ?? unit?.leaderId;
    if (reviewer) {
      draftById.get(reviewer)?.roles.add('reviewer');
      taken.add(reviewer);
      reviewerIds.set(node.id, [reviewer]);
    }
  }
  for (const [sectorId, positions] of positionsBySector) {
    const adviser = positions.get('staffAdviser')?.[0];
    if (adviser && sectorId !== plan[0]?.id) reviewerIds.set(sectorId, [give(adviser, 'reviewer') as string]);
  }

  // Hovedtillitsvalgte from the big unions' areas (health, schools, technical) and one hovedverneombud.
  const staffInSector = (code: string) => unitNodes.filter((n) => n.sectorCode === code).flatMap((n) => staffOfUnit.get(n.id) ?? []);
  const mainUnionRepIds = ['mh', 'mh', 'ol', 'ol', 'ett']
    .map((code) => give(pickFree(random, staffInSector(code), taken), 'unionRepresentative'))
    .filter((id): id is string => id !== undefined);
  const mainSafetyRepId = give(pickFree(random, staffInSector('mh'), taken), 'safetyRepresentative');
  if (mainSafetyRepId === undefined) throw new RangeError('No one to be hovedverneombud');

  const one = (position: Position): string => {
    const id = byPosition.get(position)?.[0];
    if (id === undefined) throw new RangeError(`No ${position} in the plan`);
    return id;
  };
  const bySector = (position: Position) =>
    new Map([...positionsBySector].filter(([id]) => id !== plan[0]?.id).map(([id, p]) => [id, p.get(position) ?? []] as const));

  const people = drafts.map((d) => freezePerson(d, ROLES));
  const directory: Directory = {
    nodes: new Map(plan.map((n) => [n.id, n])),
    members,
    persons: new Map(people.map((p) => [p.id, p])),
    chiefExecutiveId: one('chiefExecutive'),
    qualityAdviserIds: byPosition.get('qualityAdviser') ?? [],
    chiefPhysicianId: one('chiefMunicipalPhysician'),
    preparednessCoordinatorId: one('staffAdviser'),
    mainUnionRepIds,
    mainSafetyRepId,
    coordinatorIds: bySector('qualityCoordinator'),
    userRepIds: bySector('userRepresentative'),
    superUserOf,
    unionRepOf,
    safetyRepOf,
    reviewerIds,
  };
  return { units, people, plan, directory };
}

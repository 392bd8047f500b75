// People and the roles they hold in the quality work (seed 001, appendix 3).
//
// Roles describe functions; line authority (who leads which unit) comes from the organisation
// tree, so a stale "unitLeader" label never grants access on its own (see access.ts).

export type Role =
  | 'employee' // ansatt: reports deviations, reads the reading list
  | 'serviceLeader' // tjenesteleder / avdelingsleder (both lead the 'service' level)
  | 'unitLeader' // virksomhetsleder
  | 'sectorHead' // kommunalsjef
  | 'chiefExecutive' // kommunedirektør (older: rådmann), system owner
  | 'qualityAdviser' // kvalitetsrådgiver (central)
  | 'qualityCoordinator' // kvalitetskoordinator (per sector)
  | 'superUser' // tilrettelegger / superbruker (per unit)
  | 'reviewer' // revisjonsansvarlig for one or more procedures
  | 'unionRepresentative' // hovedtillitsvalgt / tillitsvalgt
  | 'safetyRepresentative' // hovedverneombud / verneombud
  | 'userRepresentative' // brukerrepresentant
  | 'chiefMunicipalPhysician'; // kommuneoverlege

export const ROLES: readonly Role[] = [
  'employee',
  'serviceLeader',
  'unitLeader',
  'sectorHead',
  'chiefExecutive',
  'qualityAdviser',
  'qualityCoordinator',
  'superUser',
  'reviewer',
  'unionRepresentative',
  'safetyRepresentative',
  'userRepresentative',
  'chiefMunicipalPhysician',
];

export interface Person {
  /** Entra ID object id: the same id Teams and Graph use for the user. */
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** User principal name (sign-in name); often equal to email, not always. */
  readonly upn: string;
  /** The unit the person works in (for leaders: usually the unit they lead). */
  readonly unitId: string;
  readonly roles: readonly Role[];
}

export function hasRole(person: Person, role: Role): boolean {
  return person.roles.includes(role);
}

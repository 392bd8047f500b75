// Quality committees at every level (seed 001 appendix 1; KUL and KLG from seed 000), with the members the sources name.
import { type CommitteeMember, type CommitteeMemberRole, type OrgUnit, type QualityCommittee, fitId } from '../domain/index.js';
import type { Organisation } from './organisation.js';
import { sample, type Random } from './random.js';

// Sectors whose committees have user representatives, a patient-safety representative (seed 001)
// and, for health, the chief municipal physician.
const HEALTH_AND_SCHOOLS = new Set(['mh', 'ol']);
const PATIENT_SAFETY_KINDS = new Set(['nursingHome', 'homeCare', 'disability', 'mentalHealth', 'emergency', 'rehabilitation']);

/** Members without duplicates: the first role a person is given wins (leader before member). */
function roster(entries: readonly (readonly [string | null | undefined, CommitteeMemberRole])[]): CommitteeMember[] {
  const seen = new Set<string>();
  const out: CommitteeMember[] = [];
  for (const [personId, role] of entries) {
    if (!personId || seen.has(personId)) continue;
    seen.add(personId);
    out.push({ personId, role });
  }
  return out;
}

/**
 * A committee's id from its unit's: it is the committee's RecordId and every meeting's and agenda item's CommitteeId
 * (64-character key columns), and goes in the API's paths; a long unit id (a service named at length) is hashed to fit.
 */
export const committeeIdOf = (unitId: string): string => fitId(`committee-${unitId}`);

const as = (ids: readonly (string | undefined)[], role: CommitteeMemberRole) => ids.map((id) => [id, role] as const);

/**
 * KUL (monthly, replaced KDKU in Tønsberg from April 2024, so no KDKU here), KLG, one committee per
 * sector, unit and service (the service committee sits in the operations meeting), and the patient
 * and user safety committee led by the chief municipal physician under Mestring og helse.
 */
export function generateCommittees(random: Random, org: Organisation): QualityCommittee[] {
  const { directory: dir, plan } = org;
  const root = org.units.find((u) => u.level === 'municipality') as OrgUnit;
  const sectors = org.units.filter((u) => u.level === 'sector');
  const childrenOf = new Map<string, OrgUnit[]>();
  for (const u of org.units) if (u.parentId !== null) childrenOf.set(u.parentId, [...(childrenOf.get(u.parentId) ?? []), u]);
  const sectorHeads = sectors.map((s) => s.leaderId);
  const adviser = dir.qualityAdviserIds[0] ?? null;
  const financeLeader = org.units.find((u) => u.level === 'unit' && dir.nodes.get(u.id)?.kind === 'finance')?.leaderId;
  const committees: QualityCommittee[] = [];

  const add = (c: Omit<QualityCommittee, 'members'>, members: readonly (readonly [string | null | undefined, CommitteeMemberRole])[]) =>
    committees.push({ ...c, members: roster([[c.leaderId, 'leader'], [c.facilitatorId, 'facilitator'], ...members]) });

  add(
    { id: 'committee-kul', kind: 'extendedLeadershipMeeting', name: 'Kommunedirektørens utvidede ledermøte (KUL)', unitId: root.id, leaderId: root.leaderId, facilitatorId: adviser, heldInOperationsMeeting: false },
    [
      ...as(sectorHeads, 'member'),
      ...as([...dir.qualityAdviserIds, financeLeader, dir.preparednessCoordinatorId], 'member'),
      ...as(dir.mainUnionRepIds.slice(0, 2), 'unionRepresentative'),
      [dir.mainSafetyRepId, 'safetyRepresentative'],
    ],
  );
  add(
    { id: 'committee-klg', kind: 'executiveLeadershipGroup', name: 'Kommunalsjefenes ledergruppe (KLG)', unitId: root.id, leaderId: root.leaderId, facilitatorId: adviser, heldInOperationsMeeting: false },
    as(sectorHeads, 'member'),
  );

  // Utvalg for pasient- og brukersikkerhet: health personnel appointed for two years (seed 001).
  const mh = sectors.find((s) => s.id === 'mh');
  const clinicians = plan.filter((n) => n.level === 'service' && PATIENT_SAFETY_KINDS.has(n.kind)).map((n) => dir.members.get(n.id)?.[1]);
  const patientSafetyMembers = sample(random, clinicians.filter((id): id is string => id !== undefined), 5);
  if (mh) {
    add(
      { id: 'committee-patient-safety', kind: 'patientSafetyCommittee', name: 'Utvalg for pasient- og brukersikkerhet', unitId: mh.id, leaderId: dir.chiefPhysicianId, facilitatorId: dir.coordinatorIds.get(mh.id)?.[0] ?? null, heldInOperationsMeeting: false },
      as(patientSafetyMembers, 'member'),
    );
  }

  for (const sector of sectors) {
    const units = childrenOf.get(sector.id) ?? [];
    const unitStaff = new Set(units.flatMap((u) => [u.id, ...(childrenOf.get(u.id) ?? []).map((s) => s.id)]));
    const sectorUnionReps = dir.mainUnionRepIds.filter((id) => unitStaff.has(dir.persons.get(id)?.unitId ?? ''));
    const healthOrSchools = HEALTH_AND_SCHOOLS.has(sector.id);
    const [facilitator, ...otherCoordinators] = dir.coordinatorIds.get(sector.id) ?? [];
    add(
      { id: committeeIdOf(sector.id), kind: 'sectorQualityCommittee', name: `Kvalitetsutvalg – ${sector.name}`, unitId: sector.id, leaderId: sector.leaderId, facilitatorId: facilitator ?? null, heldInOperationsMeeting: false },
      [
        ...as(otherCoordinators, 'member'),
        ...as(units.map((u) => u.leaderId), 'member'),
        ...as(sectorUnionReps.length > 0 ? sectorUnionReps : dir.mainUnionRepIds.slice(0, 1), 'unionRepresentative'),
        [dir.mainSafetyRepId, 'safetyRepresentative'],
        ...as(healthOrSchools ? (dir.userRepIds.get(sector.id) ?? []) : [], 'userRepresentative'),
        [healthOrSchools ? patientSafetyMembers[0] : null, 'patientSafetyRepresentative'],
        [sector.id === 'mh' ? dir.chiefPhysicianId : null, 'chiefMunicipalPhysician'],
      ],
    );

    for (const unit of units) {
      const services = childrenOf.get(unit.id) ?? [];
      const userRep = dir.nodes.get(unit.id)?.userRepresentative ? dir.userRepIds.get(sector.id)?.[0] : undefined;
      add(
        { id: committeeIdOf(unit.id), kind: 'unitQualityCommittee', name: `Kvalitetsutvalg – ${unit.name}`, unitId: unit.id, leaderId: unit.leaderId, facilitatorId: dir.superUserOf.get(unit.id) ?? null, heldInOperationsMeeting: false },
        [
          [unit.deputyLeaderId, 'member'],
          ...as(services.map((s) => s.leaderId), 'member'),
          [dir.unionRepOf.get(unit.id), 'unionRepresentative'],
          [dir.safetyRepOf.get(unit.id), 'safetyRepresentative'],
          [userRep, 'userRepresentative'],
        ],
      );
      for (const service of services) {
        // "Medarbeidere": everyone in the service, in the operations meeting (driftsmøte).
        add(
          { id: committeeIdOf(service.id), kind: 'serviceQualityCommittee', name: `Kvalitetsutvalg – ${service.name}, ${unit.name}`, unitId: service.id, leaderId: service.leaderId, facilitatorId: service.deputyLeaderId ?? null, heldInOperationsMeeting: true },
          [
            [dir.unionRepOf.get(unit.id), 'unionRepresentative'],
            [dir.safetyRepOf.get(unit.id), 'safetyRepresentative'],
            ...as(dir.members.get(service.id) ?? [], 'member'),
          ],
        );
      }
    }
  }
  return committees;
}

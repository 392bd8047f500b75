// Who may read, prepare, approve and change a committee's agendas, decisions and minutes: decided here, on the server, for every request.
//
// Reading: the committee's own people (leader, facilitator, members), the line above (leaders and deputies of the
// committee's unit and every unit above it: the committee informs upwards, seed 001), quality advisers (they prepare
// KUL and support every committee, seed 000) and the sector's quality coordinator. Preparing (the agenda, decisions,
// minutes): the facilitator, the leader and the unit's deputy, and quality advisers. Approving: the leader (or the
// unit's deputy leader): "the quality adviser sets the agenda together with the kommunedirektør", who approves it.
import { type OrgUnits, type Person, hasRole, leads, sectorOf, unitChain } from '../../domain/index.js';
import type { CommitteeRecord } from './records.js';

export function isCommitteePerson(person: Person, c: CommitteeRecord): boolean {
  return c.leaderId === person.id || c.facilitatorId === person.id || c.members.some((m) => m.personId === person.id);
}

export function canReadCommittee(person: Person, c: CommitteeRecord, units: OrgUnits): boolean {
  if (isCommitteePerson(person, c) || hasRole(person, 'qualityAdviser')) return true;
  if (unitChain(c.unitId, units).some((u) => leads(person.id, u))) return true;
  if (hasRole(person, 'qualityCoordinator')) {
    const own = sectorOf(person.unitId, units);
    const theirs = sectorOf(c.unitId, units);
    return own !== undefined && theirs !== undefined && own.id === theirs.id;
  }
  return false;
}

export function canPrepare(person: Person, c: CommitteeRecord, units: OrgUnits): boolean {
  if (c.leaderId === person.id || c.facilitatorId === person.id || hasRole(person, 'qualityAdviser')) return true;
  const unit = units.get(c.unitId);
  return unit !== undefined && leads(person.id, unit);
}

export function canApprove(person: Person, c: CommitteeRecord, units: OrgUnits): boolean {
  if (c.leaderId === person.id) return true;
  const unit = units.get(c.unitId);
  return unit !== undefined && unit.deputyLeaderId === person.id;
}

export function canEditCommittee(person: Person, c: CommitteeRecord): boolean {
  return c.leaderId === person.id || hasRole(person, 'qualityAdviser');
}

// QualityCommittee ↔ 'Kvalitetsutvalg': Title is the name, members as JSON; the channel and rhythm columns belong to other features.
import { z } from 'zod';
import type { CommitteeKind, CommitteeMemberRole, QualityCommittee } from '../../domain/index.js';
import { type Fields, type RowSource, flag, jsonText, oneOf, optionalText, readRow } from './fields.js';

/** Every value of a union, checked complete by the compiler (the domain exports no list of these). */
const allOf = <T extends string>(values: Record<T, true>): readonly T[] => Object.keys(values) as T[];

const KINDS = allOf<CommitteeKind>({
  chiefExecutiveQualityCommittee: true,
  extendedLeadershipMeeting: true,
  executiveLeadershipGroup: true,
  sectorQualityCommittee: true,
  unitQualityCommittee: true,
  serviceQualityCommittee: true,
  patientSafetyCommittee: true,
});

const MEMBER_ROLES = allOf<CommitteeMemberRole>({
  leader: true,
  facilitator: true,
  member: true,
  unionRepresentative: true,
  safetyRepresentative: true,
  userRepresentative: true,
  patientSafetyRepresentative: true,
  chiefMunicipalPhysician: true,
});

const committeeRow = z.object({
  RecordId: z.string().min(1),
  Title: z.string().min(1),
  Kind: oneOf(KINDS),
  UnitId: z.string().min(1),
  LeaderId: z.string().min(1),
  FacilitatorId: optionalText,
  Members: jsonText(z.array(z.object({ personId: z.string().min(1), role: oneOf(MEMBER_ROLES) })))
    .nullish()
    .transform((v) => v ?? []),
  HeldInOperationsMeeting: flag,
});

export const COMMITTEE_COLUMNS: readonly string[] = Object.keys(committeeRow.shape);

export function committeeToFields(c: QualityCommittee): Fields {
  return {
    RecordId: c.id,
    Title: c.name,
    Kind: c.kind,
    UnitId: c.unitId,
    LeaderId: c.leaderId,
    FacilitatorId: c.facilitatorId,
    Members: JSON.stringify(c.members.map((m) => ({ personId: m.personId, role: m.role }))),
    HeldInOperationsMeeting: c.heldInOperationsMeeting,
  };
}

export function committeeFromFields(fields: unknown, source: RowSource): QualityCommittee {
  const r = readRow(committeeRow, fields, source);
  return {
    id: r.RecordId,
    kind: r.Kind,
    name: r.Title,
    unitId: r.UnitId,
    leaderId: r.LeaderId,
    facilitatorId: r.FacilitatorId,
    members: r.Members,
    heldInOperationsMeeting: r.HeldInOperationsMeeting,
  };
}

// OrgUnit ↔ 'Enheter' and Person ↔ 'Personer': Title is the name; ids are text keys; roles a comma list.
//
// Only the columns the domain owns are written, so an upsert never clears what other features keep
// on the same item (a unit's leader channel).
import { z } from 'zod';
import { ORG_LEVELS, ROLES, type OrgUnit, type Person } from '../../domain/index.js';
import { type Fields, type RowSource, codeList, joinCodes, oneOf, optionalText, readRow } from './fields.js';

const unitRow = z.object({
  UnitId: z.string().min(1),
  Title: z.string().min(1),
  Level: oneOf(ORG_LEVELS),
  ParentId: optionalText,
  LeaderId: z.string().min(1),
  DeputyLeaderId: optionalText,
});

export const ORG_UNIT_COLUMNS: readonly string[] = Object.keys(unitRow.shape);

export function orgUnitToFields(u: OrgUnit): Fields {
  return {
    UnitId: u.id,
    Title: u.name,
    Level: u.level,
    ParentId: u.parentId,
    LeaderId: u.leaderId,
    DeputyLeaderId: u.deputyLeaderId ?? null,
  };
}

export function orgUnitFromFields(fields: unknown, source: RowSource): OrgUnit {
  const r = readRow(unitRow, fields, source);
  return {
    id: r.UnitId,
    name: r.Title,
    level: r.Level,
    parentId: r.ParentId,
    leaderId: r.LeaderId,
    ...(r.DeputyLeaderId !== null ? { deputyLeaderId: r.DeputyLeaderId } : {}),
  };
}

const personRow = z.object({
  PersonId: z.string().min(1),
  Title: z.string().min(1),
  Email: z.string().min(1),
  Upn: optionalText,
  UnitId: z.string().min(1),
  Roles: codeList(ROLES),
});

export const PERSON_COLUMNS: readonly string[] = Object.keys(personRow.shape);

export function personToFields(p: Person): Fields {
  return {
    PersonId: p.id,
    Title: p.name,
    Email: p.email,
    Upn: p.upn,
    UnitId: p.unitId,
    Roles: joinCodes(p.roles),
  };
}

export function personFromFields(fields: unknown, source: RowSource): Person {
  const r = readRow(personRow, fields, source);
  // The sign-in name is usually the address; an older row without one reads as that.
  return { id: r.PersonId, name: r.Title, email: r.Email, upn: r.Upn ?? r.Email, unitId: r.UnitId, roles: r.Roles };
}

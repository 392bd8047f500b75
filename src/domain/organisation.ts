// The municipal organisation tree: kommune → kommunalsjefområde → virksomhet → tjeneste/avdeling.
//
// Leadership lives on the units (leaderId/deputyLeaderId), not in a role label on the person:
// access and escalation follow the tree, so moving a leader is one change in one place.

import { domainError, type DomainError } from './domain-error.js';

/** municipality = kommune, sector = kommunalsjefområde, unit = virksomhet, service = tjeneste/avdeling. */
export type OrgLevel = 'municipality' | 'sector' | 'unit' | 'service';

export const ORG_LEVELS: readonly OrgLevel[] = ['municipality', 'sector', 'unit', 'service'];

export interface OrgUnit {
  readonly id: string;
  readonly name: string;
  readonly level: OrgLevel;
  /** null only for the municipality at the top. */
  readonly parentId: string | null;
  /** The leader (kommunedirektør, kommunalsjef, virksomhetsleder, tjenesteleder/avdelingsleder); an acting leader during a vacancy. */
  readonly leaderId: string;
  /** Stedfortreder: acts for the leader and has the same access. */
  readonly deputyLeaderId?: string;
}

/** All units by id. */
export type OrgUnits = ReadonlyMap<string, OrgUnit>;

export function orgUnitsById(units: readonly OrgUnit[]): OrgUnits {
  return new Map(units.map((u) => [u.id, u]));
}

const levelRank = (level: OrgLevel): number => ORG_LEVELS.indexOf(level);

/**
 * Whether `child` may sit directly under `parent`. Levels must go strictly down, so a level may be
 * skipped (Asker's flat two-level model puts units straight under the municipality, seed 004), and a
 * service may sit under a service (an avdeling inside a tjeneste: seed 001 appendix 1 lets the sector
 * head and unit leader decide on committees at both tjeneste and avdeling level).
 */
export function mayBeParentOf(parent: OrgLevel, child: OrgLevel): boolean {
  if (child === 'municipality') return false;
  if (parent === 'service' && child === 'service') return true;
  return levelRank(child) > levelRank(parent);
}

/** The units above `unitId`, nearest first, up to the municipality. Stops at a cycle or a missing parent. */
export function ancestors(unitId: string, units: OrgUnits): OrgUnit[] {
  const out: OrgUnit[] = [];
  const seen = new Set<string>([unitId]);
  let parentId = units.get(unitId)?.parentId ?? null;
  while (parentId !== null && !seen.has(parentId)) {
    const parent = units.get(parentId);
    if (!parent) break;
    out.push(parent);
    seen.add(parentId);
    parentId = parent.parentId;
  }
  return out;
}

/** Every unit below `unitId` (children, grandchildren …), breadth first; not the unit itself. */
export function descendants(unitId: string, units: OrgUnits): OrgUnit[] {
  const children = new Map<string, OrgUnit[]>();
  for (const u of units.values()) {
    if (u.parentId === null) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u);
    children.set(u.parentId, list);
  }
  const out: OrgUnit[] = [];
  const seen = new Set<string>([unitId]);
  const queue = [unitId];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const child of children.get(id) ?? []) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      out.push(child);
      queue.push(child.id);
    }
  }
  return out;
}

/** True when `unitId` is `ancestorId` itself or lies anywhere below it ("within" includes the unit). */
export function isWithin(unitId: string, ancestorId: string, units: OrgUnits): boolean {
  if (!units.has(unitId)) return false;
  if (unitId === ancestorId) return true;
  return ancestors(unitId, units).some((u) => u.id === ancestorId);
}

/** The unit and the chain above it, nearest first: the line a case escalates along. */
export function unitChain(unitId: string, units: OrgUnits): OrgUnit[] {
  const unit = units.get(unitId);
  return unit ? [unit, ...ancestors(unitId, units)] : [];
}

/** The sector (kommunalsjefområde) a unit belongs to, or undefined for the municipality itself. */
export function sectorOf(unitId: string, units: OrgUnits): OrgUnit | undefined {
  return unitChain(unitId, units).find((u) => u.level === 'sector');
}

/** Whether the person leads the unit, as leader or deputy. */
export function leads(personId: string, unit: OrgUnit): boolean {
  return unit.leaderId === personId || unit.deputyLeaderId === personId;
}

/** The units a person leads (as leader or deputy). */
export function unitsLedBy(personId: string, units: OrgUnits): OrgUnit[] {
  return [...units.values()].filter((u) => leads(personId, u));
}

/** Problems that make the tree unusable; an empty list means it is well-formed. */
export function validateOrgTree(units: OrgUnits): DomainError[] {
  const errors: DomainError[] = [];
  const roots = [...units.values()].filter((u) => u.level === 'municipality');
  if (roots.length !== 1) errors.push(domainError('org.rootCount', { count: roots.length }));

  for (const [key, unit] of units) {
    if (key !== unit.id) errors.push(domainError('org.idMismatch', { key, unitId: unit.id }));
    if (unit.level === 'municipality') {
      if (unit.parentId !== null) errors.push(domainError('org.rootHasParent', { unitId: unit.id }));
      continue;
    }
    if (unit.parentId === null) {
      errors.push(domainError('org.rootLevel', { unitId: unit.id }));
      continue;
    }
    const parent = units.get(unit.parentId);
    if (!parent) {
      errors.push(domainError('org.missingParent', { unitId: unit.id, parentId: unit.parentId }));
      continue;
    }
    if (!mayBeParentOf(parent.level, unit.level)) {
      errors.push(domainError('org.levelOrder', { unitId: unit.id, parentId: parent.id }));
    }
  }

  for (const unit of units.values()) {
    if (inCycle(unit.id, units)) errors.push(domainError('org.cycle', { unitId: unit.id }));
  }
  return errors;
}

function inCycle(unitId: string, units: OrgUnits): boolean {
  const seen = new Set<string>();
  let current = units.get(unitId)?.parentId ?? null;
  while (current !== null) {
    if (current === unitId) return true;
    if (seen.has(current)) return false; // a cycle above, reported for its own members
    seen.add(current);
    current = units.get(current)?.parentId ?? null;
  }
  return false;
}

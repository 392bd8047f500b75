// Which units' cases an inbox shows, and how to ask the store for them with as few clauses as it takes.
import { type Measure, type OrgUnits, type Person, descendants, isWithin, leads, sectorOf, visibleUnitIds } from '../../domain/index.js';
import { type CaseScope, MAX_SCOPE_CLAUSES } from '../ports/index.js';

export interface InboxScope {
  /** The units whose cases the inbox shows; null: every unit. */
  readonly units: ReadonlySet<string> | null;
  /** What the store is asked for: exactly `units` when it fits in a query, else wider (`widened`). */
  readonly query: CaseScope;
  /** The query asks for more than `units`: the caller filters each page (it then may hold fewer than asked). */
  readonly widened: boolean;
}

/**
 * The units a person's "cases of my units" cover, as the access policy sees it (src/domain/access.ts:
 * units led or deputised for and all below; a kommunalsjef the sector; quality advisers everything),
 * narrowed to `within` and its subtree when given. Null when that leaves nothing (the caller answers 403
 * for a `within` outside what the person may see).
 */
export function unitsInView(person: Person, units: OrgUnits, within?: string): ReadonlySet<string> | null {
  const visible = visibleUnitIds(person, units);
  const target = within === undefined ? visible : new Set([...visible].filter((id) => isWithin(id, within, units)));
  return target.size === 0 ? null : target;
}

/**
 * The narrowest query for a set of units: no unit clause when it is every unit; one `SectorId eq` for each
 * sector it holds whole (the sector unit and everything below); one `UnitId eq` for each other unit. Past
 * MAX_SCOPE_CLAUSES the loose units are widened to their sectors (rare: someone leading many units across
 * sectors), and past that to everything; the page is then filtered by `units`.
 */
export function scopeFor(target: ReadonlySet<string>, units: OrgUnits): InboxScope {
  if ([...units.keys()].every((id) => target.has(id))) return { units: null, query: { type: 'all' }, widened: false };
  const sectorIds: string[] = [];
  const covered = new Set<string>();
  for (const unit of units.values()) {
    if (unit.level !== 'sector' || !target.has(unit.id)) continue;
    const members = [unit.id, ...descendants(unit.id, units).map((u) => u.id)];
    if (!members.every((id) => target.has(id))) continue;
    sectorIds.push(unit.id);
    for (const id of members) covered.add(id);
  }
  const unitIds = [...target].filter((id) => !covered.has(id)).sort();
  sectorIds.sort();
  if (sectorIds.length + unitIds.length <= MAX_SCOPE_CLAUSES) return { units: target, query: { type: 'within', sectorIds, unitIds }, widened: false };

  const wideSectors = new Set(sectorIds);
  const loose: string[] = [];
  for (const id of unitIds) {
    const sector = sectorOf(id, units);
    if (sector) wideSectors.add(sector.id);
    else loose.push(id);
  }
  if (wideSectors.size + loose.length <= MAX_SCOPE_CLAUSES) return { units: target, query: { type: 'within', sectorIds: [...wideSectors].sort(), unitIds: loose }, widened: true };
  return { units: target, query: { type: 'all' }, widened: true };
}

/** What the index knows of a case, enough to decide on its health details. */
export interface HealthFacts {
  readonly unitId: string;
  readonly handlerId: string | null;
  readonly healthRelated: boolean;
}

/**
 * canViewHealthDetails for an ordinary case the person already may see, from the facts the case index
 * keeps (the index holds no whole cases): the handler and the leader or deputy of the case's own unit.
 * access.test-equivalence is checked in scope.test.ts, so the two cannot drift apart unseen.
 */
export function mayReadHealthDetails(personId: string, c: HealthFacts, units: OrgUnits): boolean {
  if (!c.healthRelated) return true;
  if (c.handlerId === personId) return true;
  const unit = units.get(c.unitId);
  return unit !== undefined && leads(personId, unit);
}

/**
 * Whether a measure's own text (title, description, evaluation) is hidden from the person, in the case's view and on
 * the action list alike. A measure says what its case is about, so it is hidden wherever the case's health details are
 * (`caseDetailsHidden`: canViewHealthDetails, or mayReadHealthDetails from the index) — except from the measure's
 * owner, whose task it is.
 */
export function measureTextHidden(personId: string, m: Pick<Measure, 'ownerId'>, caseDetailsHidden: boolean): boolean {
  return caseDetailsHidden && m.ownerId !== personId;
}

/** The measure with its own text blanked (measureTextHidden); when, whose and how far along stay. */
export function withoutMeasureText(m: Measure): Measure {
  return { ...m, title: '', description: '', evaluation: null, cancelReason: null };
}

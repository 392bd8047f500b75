// Who may see and handle which case: a pure policy over the organisation tree, the case and its route.
//
// The app reads SharePoint with app-only rights and enforces this itself (architecture.md), so
// every read and write goes through these functions. When in doubt the policy says no.

import { routeOf, withoutHealthDetails, type CaseRow, type Deviation } from './deviation.js';
import { descendants, leads, sectorOf, unitChain, type OrgUnits } from './organisation.js';
import { hasRole, type Person } from './person.js';

export interface AccessContext {
  readonly units: OrgUnits;
  /**
   * The named recipients of this whistleblowing report under the whistleblowing routine, with
   * anyone the report concerns already left out by the caller. Ignored for ordinary cases.
   */
  readonly whistleblowingRecipientIds: ReadonlySet<string>;
}

/** What the policy reads of a case: a list's row is enough. */
type CaseFacts = Pick<CaseRow, 'reporterId' | 'kind' | 'handlerId' | 'unitId' | 'healthRelated'>;

/**
 * The units whose ordinary cases the person sees by position: every unit they lead or deputise
 * for, and all below it (a kommunalsjef thereby sees the sector, the kommunedirektør everything);
 * quality advisers see all units; a quality coordinator sees the sector they work in, whose
 * kommunalsjef they support (seed 001: "sentrale kvalitetsnav for sine kommunalsjefsområder").
 * Role labels alone grant no line access: leadership is read from the tree.
 */
export function visibleUnitIds(person: Person, units: OrgUnits): ReadonlySet<string> {
  // Asked for every case of a page (canView, canViewHealthDetails): worked out once per person and unit tree. The
  // same Person object (the organisation's cache hands it out) finds it without building the key.
  let memo = VISIBLE.get(units);
  if (!memo) VISIBLE.set(units, (memo = { byObject: new WeakMap(), byKey: new Map() }));
  const seen = memo.byObject.get(person);
  if (seen) return seen;
  const key = `${person.id}\u0000${person.unitId}\u0000${person.roles.join(',')}`;
  let visible = memo.byKey.get(key);
  if (!visible) {
    if (memo.byKey.size >= VISIBLE_PER_TREE) memo.byKey.clear();
    visible = unitsSeenBy(person, units);
    memo.byKey.set(key, visible);
  }
  memo.byObject.set(person, visible);
  return visible;
}

/** Memo of visibleUnitIds: per unit tree (an OrgUnits map is never changed once made), per person and their roles. */
const VISIBLE = new WeakMap<OrgUnits, { byObject: WeakMap<Person, ReadonlySet<string>>; byKey: Map<string, ReadonlySet<string>> }>();
const VISIBLE_PER_TREE = 10_000;

function unitsSeenBy(person: Person, units: OrgUnits): ReadonlySet<string> {
  if (hasRole(person, 'qualityAdviser')) return new Set(units.keys());
  const roots = [...units.values()].filter((u) => leads(person.id, u)).map((u) => u.id);
  if (hasRole(person, 'qualityCoordinator')) {
    const sector = sectorOf(person.unitId, units);
    if (sector) roots.push(sector.id);
  }
  const visible = new Set<string>();
  for (const id of roots) {
    visible.add(id);
    for (const below of descendants(id, units)) visible.add(below.id);
  }
  return visible;
}

const isRecipient = (person: Person, ctx: AccessContext): boolean => ctx.whistleblowingRecipientIds.has(person.id);

/**
 * Whether the person may see the case at all. Reporters always see their own report (they must
 * hear back, seed 003). Whistleblowing: only the reporter and the named recipients, not even the
 * line above or the quality advisers (seed 003: it follows its own routine and stays confidential).
 */
export function canView(person: Person, d: CaseFacts, ctx: AccessContext): boolean {
  if (d.reporterId === person.id) return true;
  if (routeOf(d.kind) === 'confidential') return isRecipient(person, ctx);
  if (d.handlerId === person.id) return true;
  return visibleUnitIds(person, ctx.units).has(d.unitId);
}

/**
 * Whether the person may take the case forward (receive, analyse, decide, close, reopen): the
 * assigned handler, or a leader or deputy of the case's unit or any unit above it, since the line
 * above can take over when the nearest leader is away. Quality advisers and coordinators support
 * but do not handle: the responsibility lies with the line (seed 001). Whistleblowing: recipients.
 */
export function canHandle(person: Person, d: CaseFacts, ctx: AccessContext): boolean {
  if (routeOf(d.kind) === 'confidential') return isRecipient(person, ctx);
  if (d.handlerId === person.id) return true;
  return unitChain(d.unitId, ctx.units).some((u) => leads(person.id, u));
}

/**
 * Whether the person may read the health details of a health-related case: only the handler and
 * the leader or deputy of the case's own unit (not the line above, not quality staff, and not the
 * reporter once others have added to the case). For whistleblowing the recipients handle it.
 * For a case without health information this is the same as canView.
 */
export function canViewHealthDetails(person: Person, d: CaseFacts, ctx: AccessContext): boolean {
  if (!canView(person, d, ctx)) return false;
  if (!d.healthRelated) return true;
  if (routeOf(d.kind) === 'confidential') return isRecipient(person, ctx);
  if (d.handlerId === person.id) return true;
  const unit = ctx.units.get(d.unitId);
  return unit !== undefined && leads(person.id, unit);
}

/** The case as this person may see it: null when hidden, health details blanked when not theirs. */
export function viewFor(person: Person, d: Deviation, ctx: AccessContext): Deviation | null {
  if (!canView(person, d, ctx)) return null;
  return canViewHealthDetails(person, d, ctx) ? d : withoutHealthDetails(d);
}

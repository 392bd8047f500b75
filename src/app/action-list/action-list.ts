// The action list (aksjonsliste / restanseliste): every measure from every source in a person's scope, filtered and
// paged by SharePoint's indexed queries, and marking one done with its evaluation.
import {
  type CalendarDate,
  type Measure,
  type MeasureSource,
  type MeasureStatus,
  type OrgUnit,
  type OrgUnits,
  type Person,
  type Result,
  changeMeasureStatus,
  descendants,
  hasRole,
  isOverdue,
  leads,
  sectorOf,
  toOsloDate,
  unitChain,
  visibleUnitIds,
} from '../../domain/index.js';
import { PlannedMeasures, type PlannedMeasuresDeps } from '../case-work/query-plan-measures.js';
import { type HealthFacts, mayReadHealthDetails, measureTextHidden, withoutMeasureText } from '../case-work/scope.js';
import { type DeviationRepository, MAX_MEASURE_SCOPE_CLAUSES, type MeasureQuery, type MeasureRepository, type MeasureScope, type PageRequest, type Stored } from '../ports/index.js';

export interface ActionListFilter {
  readonly source?: MeasureSource['type'];
  /** That unit and everything below it. */
  readonly unitId?: string;
  /** At least one; the API's default is open and in progress. */
  readonly statuses: readonly MeasureStatus[];
  /** Only overdue measures (active, deadline before today in Oslo). */
  readonly overdue?: boolean;
  /** Only measures the person owns. */
  readonly mine?: boolean;
}

export interface ActionItem {
  /** As the person may see it: title, description and evaluation blanked where `healthDetailsHidden`. */
  readonly measure: Measure;
  /** On a health-related case whose details the person may not see, and not theirs (case-work/scope.ts: measureTextHidden). */
  readonly healthDetailsHidden: boolean;
  readonly etag: string;
  /** Empty when the owner is not (or no longer) in the organisation. */
  readonly ownerName: string;
  readonly unitName: string;
  /** For a deviation's measure: the case number, to link back; null when the case is not known (or not a deviation). */
  readonly sourceLabel: string | null;
  readonly overdue: boolean;
}

export interface ActionListDeps {
  readonly measures: MeasureRepository;
  /** Counts for planning queries under SharePoint's list view threshold (case-work/query-plan-measures.ts). */
  readonly measureIndex?: PlannedMeasuresDeps['measureIndex'];
  units(): Promise<OrgUnits>;
  /** People by id (any number; the store is asked in chunks); unknown ids are left out. */
  peopleByIds(ids: readonly string[]): Promise<readonly Pick<Person, 'id' | 'name'>[]>;
  /** What the case index knows of an ordinary case (its number, and whose its health details are). */
  readonly caseIndex: { get(deviationId: string): CaseFacts | undefined };
  /** Cases the index does not hold (yet: it is still loading, or the case is seconds old) are read by id. */
  readonly deviations: Pick<DeviationRepository, 'getMany'>;
  readonly now: () => Date;
  /** Called after a measure was saved (the measure index refreshes, so the dashboard's overdue count follows). */
  readonly onChanged?: () => void;
}

export type CompleteOutcome =
  | { readonly kind: 'ok'; readonly item: ActionItem }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'forbidden' }
  /** The etag is not the stored one: someone saved the measure since the person read it. */
  | { readonly kind: 'conflict'; readonly current: ActionItem }
  | { readonly kind: 'invalid'; readonly error: Extract<Result<unknown>, { ok: false }>['error'] };

/** What a deviation measure's line needs of its case: the number to link back, and whose its health details are. */
export type CaseFacts = HealthFacts & { readonly caseNumber: string };

/** Rows an export holds at most (the sheet says so when there were more). */
export const EXPORT_ROW_CAP = 10_000;
const EXPORT_PAGE = 1000;
const ACTIVE: readonly MeasureStatus[] = ['open', 'inProgress'];
const NAME_TTL_MS = 10 * 60_000;
const NAMES_KEPT = 20_000;

/** The scope a person's action list covers, as store clauses, and the test each row must pass (when the clauses had to be widened). */
interface ResolvedScope {
  readonly scope: MeasureScope;
  readonly allows: (m: Measure) => boolean;
  /** The units whose every measure the person sees ('all': every unit). */
  readonly units: ReadonlySet<string> | 'all';
}

/** Everything under the unit, the unit too, as sector clauses where a whole sector is meant. */
function subtreeClauses(unit: OrgUnit, units: OrgUnits): { sectorIds: string[]; unitIds: string[] } {
  if (unit.level === 'sector') return { sectorIds: [unit.id], unitIds: [] };
  return { sectorIds: [], unitIds: [unit.id, ...descendants(unit.id, units).map((u) => u.id)] };
}

/**
 * Whose measures a person sees: quality advisers and whoever leads the municipality everything; everyone else the
 * units they see by position (access.ts: those they lead and below, a coordinator's sector) and, wherever they are,
 * the measures they own. A scope too long for one query is widened to the sectors it lies in, and the rows are then
 * checked one by one (a page may come back shorter than asked; its continuation still goes on).
 */
export function actionListScope(person: Person, units: OrgUnits): ResolvedScope {
  const visible = visibleUnitIds(person, units);
  const root = [...units.values()].find((u) => u.level === 'municipality');
  if (hasRole(person, 'qualityAdviser') || (root && visible.has(root.id))) return { scope: { type: 'all' }, allows: () => true, units: 'all' };
  const allows = (m: Measure) => m.ownerId === person.id || visible.has(m.unitId);
  // The tops of what is visible: units whose parent is not visible themselves.
  const tops = [...visible].map((id) => units.get(id)).filter((u): u is OrgUnit => u !== undefined && (u.parentId === null || !visible.has(u.parentId)));
  const sectorIds: string[] = [];
  const unitIds: string[] = [];
  for (const top of tops) {
    const c = subtreeClauses(top, units);
    sectorIds.push(...c.sectorIds);
    unitIds.push(...c.unitIds);
  }
  if (sectorIds.length + unitIds.length + 1 <= MAX_MEASURE_SCOPE_CLAUSES) return { scope: { type: 'within', sectorIds, unitIds, ownerId: person.id }, allows, units: visible };
  const widened = new Set(sectorIds);
  for (const id of unitIds) widened.add(sectorOf(id, units)?.id ?? id);
  const isSector = (id: string) => units.get(id)?.level === 'sector';
  return {
    scope: { type: 'within', sectorIds: [...widened].filter(isSector), unitIds: [...widened].filter((id) => !isSector(id)), ownerId: person.id },
    allows,
    units: visible,
  };
}

/** Whether the person may see this measure on an action list or open it. */
export function canSeeMeasure(person: Person, m: Measure, units: OrgUnits): boolean {
  return actionListScope(person, units).allows(m);
}

/** Whether the person may mark it done: its owner, or a leader (or deputy) of its unit or any unit above. */
export function canCompleteMeasure(person: Person, m: Measure, units: OrgUnits): boolean {
  return m.ownerId === person.id || unitChain(m.unitId, units).some((u) => leads(person.id, u));
}

export class ActionList {
  private readonly names = new Map<string, { name: string; until: number }>();
  private readonly planned: PlannedMeasures;

  constructor(private readonly deps: ActionListDeps) {
    this.planned = new PlannedMeasures({ measures: deps.measures, ...(deps.measureIndex ? { measureIndex: deps.measureIndex } : {}) });
  }

  /**
   * One page of the person's action list, earliest deadline first, planned under the list view threshold. Throws
   * QueryTooBroad when SharePoint refuses anyway, InvalidMeasureContinuation for a continuation that is not ours.
   */
  async page(person: Person, filter: ActionListFilter, page: PageRequest = {}): Promise<{ items: ActionItem[]; continuation: string | null }> {
    const units = await this.deps.units();
    const plan = this.plan(person, filter, units);
    if (plan === null) return { items: [], continuation: null };
    const found = await this.planned.page(plan.query, units, page);
    return { items: await this.items(person, found.items.filter((s) => plan.allows(s.value)), units), continuation: found.continuation };
  }

  /** Every matching row for an export, up to `cap`; `capped` when there were more. */
  async all(person: Person, filter: ActionListFilter, cap = EXPORT_ROW_CAP): Promise<{ items: ActionItem[]; capped: boolean }> {
    const units = await this.deps.units();
    const plan = this.plan(person, filter, units);
    if (plan === null) return { items: [], capped: false };
    const rows: Stored<Measure>[] = [];
    const continuation = await this.planned.each(plan.query, units, EXPORT_PAGE, (found) => {
      for (const s of found) if (plan.allows(s.value)) rows.push(s);
      return rows.length <= cap;
    });
    const capped = rows.length > cap || continuation !== null;
    return { items: await this.items(person, rows.slice(0, cap), units), capped };
  }

  /** Marks the measure done with the comment as its evaluation ("did it work?"). */
  async complete(person: Person, id: string, etag: string, comment: string): Promise<CompleteOutcome> {
    const [stored, units] = await Promise.all([this.deps.measures.get(id), this.deps.units()]);
    if (!stored || !canSeeMeasure(person, stored.value, units)) return { kind: 'notFound' };
    if (!canCompleteMeasure(person, stored.value, units)) return { kind: 'forbidden' };
    // Checked here as well as by SharePoint's If-Match: a measure someone else already completed would otherwise come
    // back as "cannot change done to done" instead of as the other person's change.
    if (stored.etag !== etag) return { kind: 'conflict', current: (await this.items(person, [stored], units))[0] as ActionItem };
    const next = changeMeasureStatus(stored.value, { to: 'done', evaluation: comment }, this.deps.now());
    if (!next.ok) return { kind: 'invalid', error: next.error };
    const saved = await this.deps.measures.update(next.value, etag);
    this.deps.onChanged?.();
    return { kind: 'ok', item: (await this.items(person, [saved], units))[0] as ActionItem };
  }

  /** The current state of one measure as the person may see it, or null. */
  async get(person: Person, id: string): Promise<ActionItem | null> {
    const [stored, units] = await Promise.all([this.deps.measures.get(id), this.deps.units()]);
    if (!stored || !canSeeMeasure(person, stored.value, units)) return null;
    return (await this.items(person, [stored], units))[0] ?? null;
  }

  /** The store query for the filter, or null when nothing can match (overdue with only finished statuses). */
  private plan(person: Person, filter: ActionListFilter, units: OrgUnits): { query: MeasureQuery; allows: (m: Measure) => boolean } | null {
    const today: CalendarDate = toOsloDate(this.deps.now());
    const statuses = filter.overdue ? filter.statuses.filter((s) => ACTIVE.includes(s)) : [...filter.statuses];
    if (statuses.length === 0) return null;
    const resolved = actionListScope(person, units);
    let scope = resolved.scope;
    let allows = resolved.allows;
    let within: MeasureQuery['within'];
    if (filter.unitId !== undefined) {
      const unit = units.get(filter.unitId);
      if (!unit) return null;
      const below = new Set([unit.id, ...descendants(unit.id, units).map((u) => u.id)]);
      // Inside what the person sees, the unit filter alone says it all (one clause less for SharePoint); outside it,
      // they still see the measures they own there.
      const seen = resolved.units;
      if (seen === 'all' || [...below].every((id) => seen.has(id))) scope = { type: 'all' };
      if (unit.level !== 'municipality') {
        const c = subtreeClauses(unit, units);
        if (c.sectorIds.length + c.unitIds.length <= MAX_MEASURE_SCOPE_CLAUSES) within = c;
        else {
          const sector = sectorOf(unit.id, units);
          within = sector ? { sectorIds: [sector.id], unitIds: [] } : undefined;
        }
      }
      const scopeAllows = allows;
      allows = (m) => below.has(m.unitId) && scopeAllows(m);
    }
    const query: MeasureQuery = {
      scope,
      statuses,
      ...(within ? { within } : {}),
      ...(filter.source !== undefined ? { source: filter.source } : {}),
      ...(filter.mine ? { ownerId: person.id } : {}),
      ...(filter.overdue ? { deadlineBefore: today } : {}),
    };
    return { query, allows };
  }

  private async items(person: Person, rows: readonly Stored<Measure>[], units: OrgUnits): Promise<ActionItem[]> {
    const [names, cases] = await Promise.all([this.ownerNames(rows.map((r) => r.value.ownerId)), this.casesOf(rows.map((r) => r.value))]);
    const now = this.deps.now();
    return rows.map(({ value: m, etag }) => {
      const c = m.source.type === 'deviation' ? cases.get(m.source.deviationId) : undefined;
      // A case that cannot be found (deleted) is treated as one whose details are not the person's.
      const caseHidden = m.source.type === 'deviation' && (c === undefined || !mayReadHealthDetails(person.id, c, units));
      const hidden = measureTextHidden(person.id, m, caseHidden);
      return {
        measure: hidden ? withoutMeasureText(m) : m,
        healthDetailsHidden: hidden,
        etag,
        ownerName: names.get(m.ownerId) ?? '',
        unitName: units.get(m.unitId)?.name ?? '',
        sourceLabel: c?.caseNumber ?? null,
        overdue: isOverdue(m, now),
      };
    });
  }

  /** The cases of the deviation measures: from the index, and what it does not hold from SharePoint (by id, 100 at a time). */
  private async casesOf(measures: readonly Measure[]): Promise<Map<string, CaseFacts>> {
    const found = new Map<string, CaseFacts>();
    const missing = new Set<string>();
    for (const m of measures) {
      if (m.source.type !== 'deviation') continue;
      const c = this.deps.caseIndex.get(m.source.deviationId);
      if (c) found.set(m.source.deviationId, c);
      else missing.add(m.source.deviationId);
    }
    const ids = [...missing];
    for (let at = 0; at < ids.length; at += 100) for (const s of await this.deps.deviations.getMany(ids.slice(at, at + 100))) found.set(s.value.id, s.value);
    return found;
  }

  /** Owners' names, kept ten minutes (names change seldom; an export of 10,000 rows asks for each owner once). */
  private async ownerNames(ids: readonly string[]): Promise<Map<string, string>> {
    const now = this.deps.now().getTime();
    const out = new Map<string, string>();
    const missing = new Set<string>();
    for (const id of ids) {
      const hit = this.names.get(id);
      if (hit && hit.until > now) out.set(id, hit.name);
      else missing.add(id);
    }
    if (missing.size > 0) {
      const people = await this.deps.peopleByIds([...missing]);
      if (this.names.size + people.length > NAMES_KEPT) this.names.clear();
      for (const p of people) {
        out.set(p.id, p.name);
        this.names.set(p.id, { name: p.name, until: now + NAME_TTL_MS });
      }
    }
    return out;
  }
}

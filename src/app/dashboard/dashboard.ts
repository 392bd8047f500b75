// The committee dashboard as a use case: who may see which part of the tree, fresh enough data, and the aggregate
// kept until the indexes move.
import { ORG_LEVELS, type OrgUnit, type OrgUnits, type Person, visibleUnitIds } from '../../domain/index.js';
import type { CaseColumns, MeasureColumns } from '../case-index/index.js';
import { osloDayNumber } from '../case-index/index.js';
import { type DashboardFigures, aggregate } from './aggregate.js';

/** What the dashboard reads of an index: its columns, a version that moves with every change, and freshness. */
export interface IndexReader<C> {
  columns(): C;
  readonly version: number;
  asOf(): string | null;
  refresh(maxAgeMs?: number): Promise<void>;
}

export interface DashboardDeps {
  readonly cases: IndexReader<CaseColumns>;
  readonly measures: IndexReader<MeasureColumns>;
  units(): Promise<OrgUnits>;
  readonly now: () => Date;
  /** Aggregates kept per (unit, months, day) until an index moves; default 500. */
  readonly cacheSize?: number;
}

export interface Dashboard extends DashboardFigures {
  unit: { id: string; name: string; level: OrgUnit['level']; parentId: string | null };
  /** The older of the two indexes' last sync: the figures are at least this fresh. */
  asOf: string | null;
}

export type DashboardOutcome =
  | { readonly kind: 'ok'; readonly dashboard: Dashboard }
  /** The person sees no unit's cases (an employee), or asked for a unit outside what they see. */
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'unknownUnit' }
  /** The case index has never been in step with SharePoint (just started, or SharePoint is down). */
  | { readonly kind: 'notReady' };

export interface DashboardQuery {
  readonly unitId?: string;
  /** 1–36. */
  readonly months: number;
}

/** The highest unit the person sees (the municipality for advisers and the kommunedirektør), by level then name. */
export function topUnitOf(visible: ReadonlySet<string>, units: OrgUnits): OrgUnit | undefined {
  let best: OrgUnit | undefined;
  for (const id of visible) {
    const u = units.get(id);
    if (!u) continue;
    if (!best || ORG_LEVELS.indexOf(u.level) < ORG_LEVELS.indexOf(best.level) || (u.level === best.level && u.name.localeCompare(best.name, 'nb') < 0)) best = u;
  }
  return best;
}

export class DashboardService {
  private cache = new Map<string, { readonly units: OrgUnits; readonly dashboard: Dashboard }>();
  private cacheVersion = '';
  private readonly cacheSize: number;

  constructor(private readonly deps: DashboardDeps) {
    this.cacheSize = deps.cacheSize ?? 500;
  }

  /**
   * The dashboard for `query.unitId` (default: the highest unit the person sees), within what the person sees by
   * position (access.ts visibleUnitIds): a leader their units and below, a kommunalsjef the sector, advisers and the
   * kommunedirektør the municipality. Employees see no dashboard.
   */
  async forPerson(person: Person, query: DashboardQuery): Promise<DashboardOutcome> {
    const units = await this.deps.units();
    const visible = visibleUnitIds(person, units);
    if (visible.size === 0) return { kind: 'forbidden' };
    let unit: OrgUnit | undefined;
    if (query.unitId === undefined) unit = topUnitOf(visible, units);
    else {
      unit = units.get(query.unitId);
      if (!unit) return { kind: 'unknownUnit' };
      if (!visible.has(unit.id)) return { kind: 'forbidden' };
    }
    if (!unit) return { kind: 'forbidden' };

    // Data no older than the sync interval: a quiet index gets one delta round here (one request when nothing changed).
    await Promise.all([this.deps.cases.refresh(), this.deps.measures.refresh()]);
    if (this.deps.cases.asOf() === null) return { kind: 'notReady' };
    return { kind: 'ok', dashboard: this.build(unit, units, query.months) };
  }

  private build(unit: OrgUnit, units: OrgUnits, months: number): Dashboard {
    const today = osloDayNumber(this.deps.now().getTime());
    const version = `${this.deps.cases.version}:${this.deps.measures.version}`;
    if (version !== this.cacheVersion) {
      this.cache = new Map();
      this.cacheVersion = version;
    }
    const key = `${unit.id}|${months}|${today}`;
    const hit = this.cache.get(key);
    // A tree read again (new units, moved ones) is another object: the entry is then counted again.
    if (hit && hit.units === units) return { ...hit.dashboard, asOf: this.asOf() };
    const figures = aggregate({ unit, units, months, today }, this.deps.cases.columns(), this.deps.measures.columns());
    const dashboard: Dashboard = { unit: { id: unit.id, name: unit.name, level: unit.level, parentId: unit.parentId }, asOf: this.asOf(), ...figures };
    if (this.cache.size >= this.cacheSize) this.cache.clear();
    this.cache.set(key, { units, dashboard });
    return dashboard;
  }

  private asOf(): string | null {
    const stamps = [this.deps.cases.asOf(), this.deps.measures.asOf()].filter((s): s is string => s !== null);
    return stamps.length === 0 ? null : stamps.reduce((a, b) => (a < b ? a : b));
  }
}

// The sector (kommunalsjefområde) of each unit, read from 'Enheter' and kept, for the SectorId written beside every case.
import { type OrgUnit, orgUnitsById, sectorOf } from '../../domain/index.js';

export interface UnitSectorsOptions {
  /** How long a read of the tree is used before it is read again in the background (default 5 minutes). */
  readonly ttlMs?: number;
  /** A unit missing from the tree makes a new read, at most this often (default 10 s): a unit just created is found. */
  readonly missReloadMs?: number;
  readonly now?: () => number;
}

/**
 * Writes must not wait for the organisation on every save, so the tree is read once and refreshed in the
 * background when it is older than `ttlMs` (a report still costs what it costs). A unit moved to another
 * sector makes its cases' SectorId stale until each case is saved again or the backfill runs.
 */
export class UnitSectors {
  private sectors: ReadonlyMap<string, string | null> | null = null;
  private loadedAt = 0;
  private pending: Promise<void> | null = null;
  private readonly ttl: number;
  private readonly missReload: number;
  private readonly now: () => number;

  constructor(
    private readonly load: () => Promise<readonly OrgUnit[]>,
    options: UnitSectorsOptions = {},
  ) {
    this.ttl = options.ttlMs ?? 5 * 60_000;
    this.missReload = options.missReloadMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Makes sure the tree is read and knows these units if it can; call before `sectorOf` on a write path. */
  async ensure(unitIds: Iterable<string> = []): Promise<void> {
    if (this.sectors === null) return this.reload();
    const age = this.now() - this.loadedAt;
    const known = this.sectors;
    // An unknown unit after the first read: try once more (a failure leaves it without a sector, as it would be anyway).
    if ([...unitIds].some((id) => !known.has(id)) && age >= this.missReload) return this.reload().catch(() => {});
    // Stale but usable: refresh behind the caller's back; a failed refresh keeps what we have.
    if (age >= this.ttl) this.reload().catch(() => {});
  }

  /** The sector of the unit as last read; null for the municipality, a unit outside any sector or one not (yet) known. */
  sectorOf(unitId: string): string | null {
    return this.sectors?.get(unitId) ?? null;
  }

  private reload(): Promise<void> {
    this.pending ??= this.load()
      .then((units) => {
        const tree = orgUnitsById(units);
        this.sectors = new Map(units.map((u) => [u.id, sectorOf(u.id, tree)?.id ?? null]));
        this.loadedAt = this.now();
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}

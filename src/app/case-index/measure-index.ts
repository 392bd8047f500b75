// A second, smaller delta-synced index: every measure's unit, status and deadline, so a dashboard counts overdue
// measures for any part of the tree without a query to SharePoint.
//
// Why an index rather than an indexed query per view: "Status in (open, inProgress) and Deadline lt today" over the
// whole municipality can match more than 5,000 items, which SharePoint refuses however well indexed, and scoping it to
// a sector would need a `UnitId eq …` clause per unit (a hundred and more). Ten bytes a measure in typed arrays, and a
// delta round that costs one resource unit when nothing changed, answer every scope in a pass over memory.
import { MEASURE_SOURCES, MEASURE_STATUSES, type MeasureStatus } from '../../domain/index.js';
import type { FeedRound, MeasureFact, MeasureFeed } from '../ports/index.js';
import type { DeltaSyncOptions } from './delta-sync.js';
import { SyncedStore } from './synced-store.js';
import { Interner } from './interner.js';
import { dayNumberOf } from './oslo-day.js';

export interface MeasureColumns {
  readonly slots: number;
  readonly live: Uint8Array;
  readonly unit: Uint32Array;
  /** Index in MEASURE_STATUSES. */
  readonly status: Uint8Array;
  /** Index in MEASURE_SOURCES. */
  readonly source: Uint8Array;
  /** The deadline as a day number (days since 1970-01-01). */
  readonly deadlineDay: Int32Array;
  /** The owner's code (0: not known); see ownerIdOf. */
  readonly owner: Uint32Array;
  readonly unitCount: number;
  unitIdOf(code: number): string;
  ownerIdOf(code: number): string;
}

const STATUS_CODE = new Map(MEASURE_STATUSES.map((s, i) => [s, i]));
const SOURCE_CODE = new Map(MEASURE_SOURCES.map((s, i) => [s, i]));
/** Codes of the statuses a measure can be overdue in. */
export const ACTIVE_MEASURE_STATUS_CODES: ReadonlySet<number> = new Set((['open', 'inProgress'] as MeasureStatus[]).map((s) => STATUS_CODE.get(s) ?? -1));

export class MeasureStore {
  version = 0;
  private bySlotOfItem = new Map<string, number>();
  private free: number[] = [];
  private slots = 0;
  private count = 0;
  private readonly units = new Interner();
  private readonly owners = new Interner();
  private live = new Uint8Array(256);
  private unit = new Uint32Array(256);
  private status = new Uint8Array(256);
  private source = new Uint8Array(256);
  private deadlineDay = new Int32Array(256);
  private owner = new Uint32Array(256);

  get size(): number {
    return this.count;
  }

  apply(round: FeedRound<MeasureFact>): void {
    if (round.kind === 'full') this.clear();
    for (const item of round.changed) {
      if (item.value === null) this.remove(item.itemId);
      else this.put(item.itemId, item.value);
    }
    for (const itemId of round.deletedItemIds) this.remove(itemId);
    if (round.kind === 'full' || round.changed.length > 0 || round.deletedItemIds.length > 0) this.version++;
  }

  columns(): MeasureColumns {
    return {
      slots: this.slots,
      live: this.live,
      unit: this.unit,
      status: this.status,
      source: this.source,
      deadlineDay: this.deadlineDay,
      owner: this.owner,
      unitCount: this.units.size,
      unitIdOf: (code) => this.units.value(code),
      ownerIdOf: (code) => this.owners.value(code),
    };
  }

  private clear(): void {
    this.bySlotOfItem = new Map();
    this.free = [];
    this.slots = 0;
    this.count = 0;
    this.live = new Uint8Array(256);
    this.unit = new Uint32Array(256);
    this.status = new Uint8Array(256);
    this.source = new Uint8Array(256);
    this.deadlineDay = new Int32Array(256);
    this.owner = new Uint32Array(256);
  }

  private put(itemId: string, m: MeasureFact): void {
    let slot = this.bySlotOfItem.get(itemId);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.nextSlot();
      this.bySlotOfItem.set(itemId, slot);
      this.count++;
    }
    this.live[slot] = 1;
    this.unit[slot] = this.units.code(m.unitId);
    this.status[slot] = STATUS_CODE.get(m.status) ?? 0;
    this.source[slot] = SOURCE_CODE.get(m.source) ?? 0;
    this.deadlineDay[slot] = dayNumberOf(m.deadline);
    this.owner[slot] = this.owners.code(m.ownerId ?? '');
  }

  private remove(itemId: string): void {
    const slot = this.bySlotOfItem.get(itemId);
    if (slot === undefined) return;
    this.bySlotOfItem.delete(itemId);
    this.live[slot] = 0;
    this.free.push(slot);
    this.count--;
  }

  private nextSlot(): number {
    const slot = this.slots++;
    if (slot >= this.live.length) {
      const capacity = this.live.length * 2;
      const grow = <A extends Uint8Array | Uint32Array | Int32Array>(a: A): A => {
        const next = new (a.constructor as new (n: number) => A)(capacity);
        next.set(a);
        return next;
      };
      this.live = grow(this.live);
      this.unit = grow(this.unit);
      this.status = grow(this.status);
      this.source = grow(this.source);
      this.deadlineDay = grow(this.deadlineDay);
      this.owner = grow(this.owner);
    }
    return slot;
  }
}

/** The measure index: same sync rules as the case index (shared rounds, background timer, old data kept on failure). */
export class SyncedMeasureIndex extends SyncedStore<MeasureFact, MeasureStore> {
  constructor(feed: MeasureFeed, options: DeltaSyncOptions = {}) {
    super('measureIndex', feed, new MeasureStore(), options);
  }

  get size(): number {
    return this.store.size;
  }

  get version(): number {
    return this.store.version;
  }

  columns(): MeasureColumns {
    return this.read().columns();
  }
}

// The cases an index holds: the records the port hands out, and beside them typed columns the dashboard scans.
//
// Why columns as well as the records: a dashboard over 150,000 cases reads five small numbers per case, and reading
// them from typed arrays (with the Oslo day of each date worked out once, when the case arrives) keeps a
// whole-municipality pass at a few milliseconds instead of tens, and allocates nothing.
import { CASE_STATUSES, DEVIATION_KINDS, SEVERITIES } from '../../domain/index.js';
import type { CaseSource, FeedRound, IndexedCase } from '../ports/index.js';
import { Interner } from './interner.js';
import { osloDayNumber } from './oslo-day.js';
import { projectCase } from './projection.js';

/** Read-only view of the columns. Arrays are replaced when they grow: take a fresh view for every pass, never across an await. */
export interface CaseColumns {
  /** Iterate slots 0 … slots − 1 and skip those where `live` is 0. */
  readonly slots: number;
  readonly live: Uint8Array;
  /** Unit code: `unitIdOf(code)`. */
  readonly unit: Uint32Array;
  /** Index in DEVIATION_KINDS. */
  readonly kind: Uint8Array;
  /** 0 = none, else 1 + index in SEVERITIES. */
  readonly severity: Uint8Array;
  /** Index in CASE_STATUSES. */
  readonly status: Uint8Array;
  /** Oslo calendar day (days since 1970-01-01) the case was reported. */
  readonly reportedDay: Int32Array;
  /** Oslo calendar day it was closed; −1 when it has no closing time. */
  readonly closedDay: Int32Array;
  readonly reportedMs: Float64Array;
  /** NaN when it has no closing time. */
  readonly closedMs: Float64Array;
  readonly unitCount: number;
  unitIdOf(code: number): string;
  unitCodeOf(unitId: string): number | undefined;
}

const KIND_CODE = new Map(DEVIATION_KINDS.map((k, i) => [k, i]));
const STATUS_CODE = new Map(CASE_STATUSES.map((s, i) => [s, i]));
const SEVERITY_CODE = new Map(SEVERITIES.map((s, i) => [s, i + 1]));

const INITIAL_CAPACITY = 1024;

function grown<A extends Uint8Array | Uint32Array | Int32Array | Float64Array>(a: A, capacity: number): A {
  const next = new (a.constructor as new (n: number) => A)(capacity);
  next.set(a);
  return next;
}

export class CaseStore {
  /** Bumps on every applied round that changed anything: a key for caches of aggregates. */
  version = 0;
  private records: (IndexedCase | undefined)[] = [];
  private bySlotOfItem = new Map<string, number>();
  private bySlotOfId = new Map<string, number>();
  private free: number[] = [];
  private slots = 0;
  private count = 0;
  private readonly strings = new Interner();
  private readonly units = new Interner();
  private live = new Uint8Array(INITIAL_CAPACITY);
  private unit = new Uint32Array(INITIAL_CAPACITY);
  private kind = new Uint8Array(INITIAL_CAPACITY);
  private severity = new Uint8Array(INITIAL_CAPACITY);
  private status = new Uint8Array(INITIAL_CAPACITY);
  private reportedDay = new Int32Array(INITIAL_CAPACITY);
  private closedDay = new Int32Array(INITIAL_CAPACITY);
  private reportedMs = new Float64Array(INITIAL_CAPACITY);
  private closedMs = new Float64Array(INITIAL_CAPACITY);

  get size(): number {
    return this.count;
  }

  apply(round: FeedRound<CaseSource>): void {
    if (round.kind === 'full') this.clear(round.changed.length);
    for (const item of round.changed) this.put(item.itemId, item.value);
    for (const itemId of round.deletedItemIds) this.remove(itemId);
    if (round.kind === 'full' || round.changed.length > 0 || round.deletedItemIds.length > 0) this.version++;
  }

  get(id: string): IndexedCase | undefined {
    const slot = this.bySlotOfId.get(id);
    return slot === undefined ? undefined : this.records[slot];
  }

  *all(): IterableIterator<IndexedCase> {
    const records = this.records;
    for (let slot = 0; slot < records.length; slot++) {
      const r = records[slot];
      if (r !== undefined) yield r;
    }
  }

  columns(): CaseColumns {
    return {
      slots: this.slots,
      live: this.live,
      unit: this.unit,
      kind: this.kind,
      severity: this.severity,
      status: this.status,
      reportedDay: this.reportedDay,
      closedDay: this.closedDay,
      reportedMs: this.reportedMs,
      closedMs: this.closedMs,
      unitCount: this.units.size,
      unitIdOf: (code) => this.units.value(code),
      unitCodeOf: (unitId) => this.units.find(unitId),
    };
  }

  private clear(expected: number): void {
    const capacity = Math.max(INITIAL_CAPACITY, expected + (expected >> 3));
    this.records = [];
    this.bySlotOfItem = new Map();
    this.bySlotOfId = new Map();
    this.free = [];
    this.slots = 0;
    this.count = 0;
    this.live = new Uint8Array(capacity);
    this.unit = new Uint32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.severity = new Uint8Array(capacity);
    this.status = new Uint8Array(capacity);
    this.reportedDay = new Int32Array(capacity);
    this.closedDay = new Int32Array(capacity);
    this.reportedMs = new Float64Array(capacity);
    this.closedMs = new Float64Array(capacity);
  }

  private put(itemId: string, source: CaseSource | null): void {
    if (source === null) {
      this.remove(itemId);
      return;
    }
    const record = projectCase(source, this.strings);
    let slot = this.bySlotOfItem.get(itemId);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.nextSlot();
      this.bySlotOfItem.set(itemId, slot);
      this.count++;
    } else {
      const before = this.records[slot];
      if (before && before.id !== record.id && this.bySlotOfId.get(before.id) === slot) this.bySlotOfId.delete(before.id);
    }
    this.records[slot] = record;
    this.bySlotOfId.set(record.id, slot);
    const reportedMs = Date.parse(record.reportedAt);
    const closedMs = record.closedAt === null ? NaN : Date.parse(record.closedAt);
    this.live[slot] = 1;
    this.unit[slot] = this.units.code(record.unitId);
    this.kind[slot] = KIND_CODE.get(record.kind) ?? 0;
    this.severity[slot] = record.severity === null ? 0 : (SEVERITY_CODE.get(record.severity) ?? 0);
    this.status[slot] = STATUS_CODE.get(record.status) ?? 0;
    this.reportedMs[slot] = reportedMs;
    this.reportedDay[slot] = osloDayNumber(reportedMs);
    this.closedMs[slot] = closedMs;
    this.closedDay[slot] = Number.isNaN(closedMs) ? -1 : osloDayNumber(closedMs);
  }

  private remove(itemId: string): void {
    const slot = this.bySlotOfItem.get(itemId);
    if (slot === undefined) return;
    this.bySlotOfItem.delete(itemId);
    const before = this.records[slot];
    if (before && this.bySlotOfId.get(before.id) === slot) this.bySlotOfId.delete(before.id);
    this.records[slot] = undefined;
    this.live[slot] = 0;
    this.free.push(slot);
    this.count--;
  }

  private nextSlot(): number {
    const slot = this.slots++;
    if (slot >= this.live.length) {
      const capacity = this.live.length * 2;
      this.live = grown(this.live, capacity);
      this.unit = grown(this.unit, capacity);
      this.kind = grown(this.kind, capacity);
      this.severity = grown(this.severity, capacity);
      this.status = grown(this.status, capacity);
      this.reportedDay = grown(this.reportedDay, capacity);
      this.closedDay = grown(this.closedDay, capacity);
      this.reportedMs = grown(this.reportedMs, capacity);
      this.closedMs = grown(this.closedMs, capacity);
    }
    return slot;
  }
}

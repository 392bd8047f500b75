// The per-instance risk index: every risk row's place in the matrix and every assessment, delta-synced from SharePoint
// with the same engine as the case and measure indexes (SyncedStore over a ChangeFeed), so the heat map, the round's
// unit states and the assessment lists are a pass over memory instead of queries.
//
// Why an index: the municipality-wide heat map covers every row of every unit (5,000 and more); an indexed query on
// 'Risikoelementer' would page through all of them on every view (and beyond 5,000 the filter must start on an indexed
// clause that narrows it). Two delta requests when warm — one per list, one resource unit each when nothing changed —
// answer every scope.
//
// Writes made by this instance are put into the index at once (`noteItem`, `noteAssessment`), so the writer sees its
// change before the next round; the next round brings the same record again (or a newer one) and replaces it.
import type { FeedRound, RiskAssessmentFeed, RiskItemFact, RiskItemFeed } from '../ports/index.js';
import { type DeltaSyncOptions, type SyncTarget, SyncedStore } from '../case-index/index.js';
import type { RiskAssessment, RiskItem } from '../../domain/index.js';

/** Records keyed by their own id, with the store's item id beside it for deletions (delta names only that). */
class RecordStore<T extends { readonly id: string }> implements SyncTarget<T> {
  version = 0;
  private readonly byId = new Map<string, T>();
  private readonly idOfItem = new Map<string, string>();
  private readonly itemOfId = new Map<string, string>();

  constructor(private readonly onChange: (before: T | undefined, after: T | undefined) => void = () => {}) {}

  apply(round: FeedRound<T>): void {
    if (round.kind === 'full') {
      for (const value of this.byId.values()) this.onChange(value, undefined);
      this.byId.clear();
      this.idOfItem.clear();
      this.itemOfId.clear();
    }
    for (const { itemId, value } of round.changed) {
      if (value === null) this.removeItem(itemId);
      else this.put(value, itemId);
    }
    for (const itemId of round.deletedItemIds) this.removeItem(itemId);
    if (round.kind === 'full' || round.changed.length > 0 || round.deletedItemIds.length > 0) this.version++;
  }

  /** A record as this instance just wrote it (no store item id yet known, or the known one kept). */
  put(value: T, itemId?: string): void {
    const before = this.byId.get(value.id);
    if (itemId !== undefined) {
      // The same store item may have held another record id before (a row edited by hand): forget that one.
      const previous = this.idOfItem.get(itemId);
      if (previous !== undefined && previous !== value.id) this.removeId(previous);
      this.idOfItem.set(itemId, value.id);
      this.itemOfId.set(value.id, itemId);
    }
    this.byId.set(value.id, value);
    this.onChange(before, value);
    this.version++;
  }

  removeId(id: string): void {
    const before = this.byId.get(id);
    if (before === undefined) return;
    this.byId.delete(id);
    const itemId = this.itemOfId.get(id);
    if (itemId !== undefined) this.idOfItem.delete(itemId);
    this.itemOfId.delete(id);
    this.onChange(before, undefined);
    this.version++;
  }

  private removeItem(itemId: string): void {
    const id = this.idOfItem.get(itemId);
    if (id !== undefined) this.removeId(id);
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  values(): IterableIterator<T> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }
}

class ItemIndex extends SyncedStore<RiskItemFact, RecordStore<RiskItemFact>> {
  /** Row ids by assessment, kept as rows arrive and go. */
  private readonly byAssessment: Map<string, Set<string>>;

  constructor(feed: RiskItemFeed, options: DeltaSyncOptions) {
    const byAssessment = new Map<string, Set<string>>();
    super(
      'riskItemIndex',
      feed,
      new RecordStore<RiskItemFact>((before, after) => {
        if (before) byAssessment.get(before.assessmentId)?.delete(before.id);
        if (after) {
          let set = byAssessment.get(after.assessmentId);
          if (!set) byAssessment.set(after.assessmentId, (set = new Set()));
          set.add(after.id);
        }
      }),
      options,
    );
    this.byAssessment = byAssessment;
  }

  all(): IterableIterator<RiskItemFact> {
    return this.read().values();
  }

  get(id: string): RiskItemFact | undefined {
    return this.read().get(id);
  }

  ofAssessment(assessmentId: string): RiskItemFact[] {
    const store = this.read();
    const out: RiskItemFact[] = [];
    for (const id of this.byAssessment.get(assessmentId) ?? []) {
      const fact = store.get(id);
      if (fact) out.push(fact);
    }
    return out.sort((a, b) => a.position - b.position);
  }

  note(fact: RiskItemFact): void {
    this.store.put(fact);
  }

  forget(id: string): void {
    this.store.removeId(id);
  }

  get size(): number {
    return this.store.size;
  }

  get version(): number {
    return this.store.version;
  }
}

class AssessmentIndex extends SyncedStore<RiskAssessment, RecordStore<RiskAssessment>> {
  constructor(feed: RiskAssessmentFeed, options: DeltaSyncOptions) {
    super('riskAssessmentIndex', feed, new RecordStore<RiskAssessment>(), options);
  }

  all(): IterableIterator<RiskAssessment> {
    return this.read().values();
  }

  get(id: string): RiskAssessment | undefined {
    return this.read().get(id);
  }

  note(a: RiskAssessment): void {
    this.store.put(a);
  }

  forget(id: string): void {
    this.store.removeId(id);
  }

  get version(): number {
    return this.store.version;
  }
}

/** What the index keeps of a row, from the row itself (for write-through). */
export function riskItemFact(item: RiskItem): RiskItemFact {
  const title = [item.process, item.whatCanGoWrong].filter((s) => s.trim() !== '').join(': ') || item.id;
  return {
    id: item.id,
    assessmentId: item.assessmentId,
    unitId: item.unitId,
    title: title.length > 255 ? `${title.slice(0, 254)}…` : title,
    likelihood: item.current.likelihood,
    consequence: item.current.consequence,
    residualLikelihood: item.residual?.likelihood ?? null,
    residualConsequence: item.residual?.consequence ?? null,
    residualAcceptable: item.residualAcceptable,
    reportToKlg: item.reportToKlg,
    breachOfLaw: item.breachOfLaw,
    escalated: item.escalation !== null,
    position: item.position,
  };
}

export class SyncedRiskIndex {
  readonly items: ItemIndex;
  readonly assessments: AssessmentIndex;

  constructor(feeds: { items: RiskItemFeed; assessments: RiskAssessmentFeed }, options: DeltaSyncOptions = {}) {
    this.items = new ItemIndex(feeds.items, options);
    this.assessments = new AssessmentIndex(feeds.assessments, options);
  }

  /** Resolves when both lists have been read once. */
  get ready(): Promise<void> {
    return Promise.all([this.items.ready, this.assessments.ready]).then(() => undefined);
  }

  start(): void {
    this.items.start();
    this.assessments.start();
  }

  stop(): void {
    this.items.stop();
    this.assessments.stop();
  }

  /** The older of the two lists' sync times: the whole index is at least that fresh. */
  asOf(): string | null {
    const a = this.items.asOf();
    const b = this.assessments.asOf();
    if (a === null || b === null) return null;
    return a < b ? a : b;
  }

  /** One delta round per list when older than `maxAgeMs` (the two side by side: two requests when warm). */
  async refresh(maxAgeMs?: number): Promise<void> {
    await Promise.all([this.items.refresh(maxAgeMs), this.assessments.refresh(maxAgeMs)]);
  }

  noteItem(item: RiskItem): void {
    this.items.note(riskItemFact(item));
  }

  forgetItem(id: string): void {
    this.items.forget(id);
  }

  noteAssessment(a: RiskAssessment): void {
    this.assessments.note(a);
  }

  forgetAssessment(id: string): void {
    this.assessments.forget(id);
  }
}

// Risk work in the quality site: 'Risikovurderinger', 'Risikoelementer', 'Risikorunder', and measures read by id from
// 'Tiltak' (they are written through the measure repository, which adds the sector). Every filter is on RecordId or
// AssessmentId, both indexed.
import type { BulkCreateResult, RiskStore, Stored } from '../../app/ports/index.js';
import type { Measure, RiskAssessment, RiskItem, RiskRound } from '../../domain/index.js';
import { type GraphClient, where } from '../graph/index.js';
import { MEASURE_COLUMNS, measureFromFields, measureToFields } from '../mapping/measure.js';
import { RISK_ROUND_COLUMNS, riskRoundFromFields, riskRoundToFields } from '../mapping/risk-round.js';
import type { ListDirectory } from './list-directory.js';
import { RecordList, keyedById } from './record-list.js';
import { type RiskListOptions, riskAssessmentList, riskItemList } from './risk-lists.js';

/** Ids per `RecordId eq … or …` query: short enough for any URL, and each page one request. */
const IDS_PER_QUERY = 40;

async function byIds<T>(records: RecordList<T>, ids: readonly string[]): Promise<Stored<T>[]> {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let at = 0; at < unique.length; at += IDS_PER_QUERY) chunks.push(unique.slice(at, at + IDS_PER_QUERY));
  const pages = await Promise.all(chunks.map((chunk) => records.page({ filter: where.in('RecordId', chunk), top: chunk.length })));
  return pages.flatMap((p) => p.items);
}

export class SharePointRiskStore implements RiskStore {
  private readonly assessmentList: RecordList<RiskAssessment>;
  private readonly itemList: RecordList<RiskItem>;
  private readonly roundList: RecordList<RiskRound>;
  private readonly measureList: RecordList<Measure>;

  constructor(client: GraphClient, directory: ListDirectory, options: RiskListOptions = {}) {
    this.assessmentList = riskAssessmentList(client, directory, options);
    this.itemList = riskItemList(client, directory, options);
    this.roundList = new RecordList(client, directory, 'riskRounds', keyedById('RiskRound', RISK_ROUND_COLUMNS, riskRoundToFields, riskRoundFromFields), options);
    // Read only: writes go through the measure repository (it writes the sector beside each measure).
    this.measureList = new RecordList(client, directory, 'measures', keyedById('Measure', MEASURE_COLUMNS, (m: Measure) => measureToFields(m), measureFromFields), options);
  }

  getAssessment(id: string): Promise<Stored<RiskAssessment> | null> {
    return this.assessmentList.get(id);
  }

  createAssessment(a: RiskAssessment): Promise<Stored<RiskAssessment>> {
    return this.assessmentList.create(a);
  }

  updateAssessment(a: RiskAssessment, etag: string): Promise<Stored<RiskAssessment>> {
    return this.assessmentList.update(a, etag);
  }

  deleteAssessment(id: string, etag?: string): Promise<void> {
    return this.assessmentList.remove(id, etag);
  }

  async items(assessmentId: string): Promise<Stored<RiskItem>[]> {
    const out: Stored<RiskItem>[] = [];
    let continuation: string | null = null;
    do {
      const page: { items: readonly Stored<RiskItem>[]; continuation: string | null } = await this.itemList.page({ filter: where.eq('AssessmentId', assessmentId), top: 1000 }, continuation);
      out.push(...page.items);
      continuation = page.continuation;
    } while (continuation);
    return out;
  }

  getItem(id: string): Promise<Stored<RiskItem> | null> {
    return this.itemList.get(id);
  }

  getItems(ids: readonly string[]): Promise<Stored<RiskItem>[]> {
    return byIds(this.itemList, ids);
  }

  createItem(item: RiskItem): Promise<Stored<RiskItem>> {
    return this.itemList.create(item);
  }

  createItems(items: readonly RiskItem[]): Promise<BulkCreateResult> {
    return this.itemList.createMany(items.map((i) => ({ importKey: `risk-item:${i.id}`, value: i })));
  }

  updateItem(item: RiskItem, etag: string): Promise<Stored<RiskItem>> {
    return this.itemList.update(item, etag);
  }

  deleteItem(id: string, etag?: string): Promise<void> {
    return this.itemList.remove(id, etag);
  }

  measures(ids: readonly string[]): Promise<Stored<Measure>[]> {
    return byIds(this.measureList, ids);
  }

  getRound(id: string): Promise<Stored<RiskRound> | null> {
    return this.roundList.get(id);
  }

  createRound(r: RiskRound): Promise<Stored<RiskRound>> {
    return this.roundList.create(r);
  }

  updateRound(r: RiskRound, etag: string): Promise<Stored<RiskRound>> {
    return this.roundList.update(r, etag);
  }

  async rounds(): Promise<Stored<RiskRound>[]> {
    const page = await this.roundList.page({ top: 500 });
    return [...page.items];
  }
}

// Committees in 'Kvalitetsutvalg', risk assessments and their rows in 'Risikovurderinger' and 'Risikoelementer': bulk import and listing.
import type { BulkCreateResult, CommitteeRepository, ImportRow, RiskRepository } from '../../app/ports/index.js';
import type { QualityCommittee, RiskAssessment, RiskItem } from '../../domain/index.js';
import { type GraphClient, where } from '../graph/index.js';
import { COMMITTEE_COLUMNS, committeeFromFields, committeeToFields } from '../mapping/committee.js';
import type { ListDirectory } from './list-directory.js';
import { RecordList, type RecordListOptions, keyedById } from './record-list.js';
import { type RiskListOptions, riskAssessmentList, riskItemList } from './risk-lists.js';

export class SharePointCommitteeRepository implements CommitteeRepository {
  private readonly records: RecordList<QualityCommittee>;

  constructor(client: GraphClient, directory: ListDirectory, options: RecordListOptions = {}) {
    this.records = new RecordList(client, directory, 'committees', keyedById('Committee', COMMITTEE_COLUMNS, committeeToFields, committeeFromFields), options);
  }

  createMany(rows: readonly ImportRow<QualityCommittee>[]): Promise<BulkCreateResult> {
    return this.records.createMany(rows);
  }

  list(): Promise<QualityCommittee[]> {
    return this.records.all();
  }
}

export class SharePointRiskRepository implements RiskRepository {
  private readonly assessments: RecordList<RiskAssessment>;
  private readonly items: RecordList<RiskItem>;

  constructor(client: GraphClient, directory: ListDirectory, options: RiskListOptions = {}) {
    this.assessments = riskAssessmentList(client, directory, options);
    this.items = riskItemList(client, directory, options);
  }

  createAssessments(rows: readonly ImportRow<RiskAssessment>[]): Promise<BulkCreateResult> {
    return this.assessments.createMany(rows);
  }

  createItems(rows: readonly ImportRow<RiskItem>[]): Promise<BulkCreateResult> {
    return this.items.createMany(rows);
  }

  listAssessments(unitId?: string): Promise<RiskAssessment[]> {
    return this.assessments.all(unitId === undefined ? undefined : where.eq('UnitId', unitId));
  }

  listItems(assessmentId: string): Promise<RiskItem[]> {
    return this.items.all(where.eq('AssessmentId', assessmentId));
  }
}

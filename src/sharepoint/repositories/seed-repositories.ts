// Committees in 'Kvalitetsutvalg', risk assessments and their rows in 'Risikovurderinger' and 'Risikoelementer': bulk import and listing.
import type { BulkCreateResult, CommitteeRepository, ImportRow, RiskRepository } from '../../app/ports/index.js';
import { DEFAULT_RISK_THRESHOLDS, type QualityCommittee, type RiskAssessment, type RiskItem, type RiskThresholds } from '../../domain/index.js';
import { type GraphClient, where } from '../graph/index.js';
import { COMMITTEE_COLUMNS, committeeFromFields, committeeToFields } from '../mapping/committee.js';
import {
  RISK_ASSESSMENT_COLUMNS,
  RISK_ITEM_COLUMNS,
  riskAssessmentFromFields,
  riskAssessmentToFields,
  riskItemFromFields,
  riskItemToFields,
} from '../mapping/risk.js';
import type { ListDirectory } from './list-directory.js';
import { RecordList, type RecordListOptions } from './record-list.js';

export class SharePointCommitteeRepository implements CommitteeRepository {
  private readonly records: RecordList<QualityCommittee>;

  constructor(client: GraphClient, directory: ListDirectory, options: RecordListOptions = {}) {
    this.records = new RecordList(
      client,
      directory,
      'committees',
      { entity: 'Committee', columns: COMMITTEE_COLUMNS, toFields: committeeToFields, fromFields: committeeFromFields, idOf: (c) => c.id },
      options,
    );
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

  /** Thresholds decide the EscalateToKlg column written beside each row (per municipality). */
  constructor(client: GraphClient, directory: ListDirectory, options: RecordListOptions & { thresholds?: RiskThresholds } = {}) {
    const thresholds = options.thresholds ?? DEFAULT_RISK_THRESHOLDS;
    this.assessments = new RecordList(
      client,
      directory,
      'riskAssessments',
      { entity: 'RiskAssessment', columns: RISK_ASSESSMENT_COLUMNS, toFields: riskAssessmentToFields, fromFields: riskAssessmentFromFields, idOf: (a) => a.id },
      options,
    );
    this.items = new RecordList(
      client,
      directory,
      'riskItems',
      { entity: 'RiskItem', columns: RISK_ITEM_COLUMNS, toFields: (i) => riskItemToFields(i, thresholds), fromFields: riskItemFromFields, idOf: (i) => i.id },
      options,
    );
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

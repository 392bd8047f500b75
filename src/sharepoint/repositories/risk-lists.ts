// 'Risikovurderinger' and 'Risikoelementer' as record lists: one wiring for the risk store (the app's work) and the
// seed repository (bulk import), so both write the same columns the same way.
import { DEFAULT_RISK_THRESHOLDS, type RiskAssessment, type RiskItem, type RiskThresholds } from '../../domain/index.js';
import type { GraphClient } from '../graph/index.js';
import { RISK_ASSESSMENT_COLUMNS, RISK_ITEM_COLUMNS, riskAssessmentFromFields, riskAssessmentToFields, riskItemFromFields, riskItemToFields } from '../mapping/risk.js';
import type { ListDirectory } from './list-directory.js';
import { RecordList, type RecordListOptions, keyedById } from './record-list.js';

/** Thresholds decide the EscalateToKlg column written beside each row (per municipality). */
export type RiskListOptions = RecordListOptions & { thresholds?: RiskThresholds };

export function riskAssessmentList(client: GraphClient, directory: ListDirectory, options: RecordListOptions): RecordList<RiskAssessment> {
  return new RecordList(client, directory, 'riskAssessments', keyedById('RiskAssessment', RISK_ASSESSMENT_COLUMNS, riskAssessmentToFields, riskAssessmentFromFields), options);
}

export function riskItemList(client: GraphClient, directory: ListDirectory, options: RiskListOptions): RecordList<RiskItem> {
  const thresholds = options.thresholds ?? DEFAULT_RISK_THRESHOLDS;
  // The form's order and the matrix's numbers are read from the domain columns; Title and Score are for people and queries.
  return new RecordList(client, directory, 'riskItems', keyedById('RiskItem', RISK_ITEM_COLUMNS, (i: RiskItem) => riskItemToFields(i, thresholds), riskItemFromFields), options);
}

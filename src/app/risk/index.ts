// Risk work (ROS, issue 7): assessments, rows, the yearly round, the heat map, Excel, over the delta-synced risk index.
export { RiskError, type FieldProblem, type RiskErrorCode } from './errors.js';
export { AREA_NB, LEVEL_WORDS, MAX_IMPORT_ROWS, RISK_SHEET, readRiskWorkbook, riskWorkbook } from './excel.js';
export { cellItems, heatMap, type CellQuery, type HeatMapQuery, type HeatMapResult } from './heat-map.js';
export { RiskExcel, type ImportOutcome } from './risk-excel.js';
export { SyncedRiskIndex, riskItemFact } from './risk-index.js';
export { RiskRounds, roundIdOf, type NewRoundInput, type RoundPatch, type TaskInput } from './risk-rounds.js';
export {
  RiskWork,
  countsOf,
  descendantIds,
  factJudgement,
  fieldOf,
  roundAssessmentId,
  type AssessmentFilter,
  type AssessmentPatch,
  type NewAssessmentInput,
  type NewRiskMeasureInput,
  type RiskItemInput,
  type RiskWorkDeps,
} from './risk-work.js';
export type * from './views.js';

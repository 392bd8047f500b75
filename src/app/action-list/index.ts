// The action list (aksjonsliste) across every source of measures, and its Excel export.
export { type ActionItem, ActionList, type ActionListDeps, type ActionListFilter, type CaseFacts, type CompleteOutcome, EXPORT_ROW_CAP, actionListScope, canCompleteMeasure, canSeeMeasure } from './action-list.js';
export { EXPORT_HEADERS, EXPORT_SHEET, type ExportInfo, HIDDEN_TITLE, MEASURE_STATUS_NB, OVERDUE_FILL, SOURCE_NB, actionListWorkbook } from './excel.js';

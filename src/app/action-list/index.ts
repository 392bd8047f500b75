// The action list (aksjonsliste) across every source of measures, and its Excel export.
export { type ActionItem, ActionList, type ActionListDeps, type ActionListFilter, type CompleteOutcome, EXPORT_ROW_CAP, actionListScope, canCompleteMeasure, canSeeMeasure, sourceIdOf } from './action-list.js';
export { EXPORT_HEADERS, EXPORT_SHEET, type ExportInfo, MEASURE_STATUS_NB, OVERDUE_FILL, SOURCE_NB, actionListWorkbook } from './excel.js';

// The per-instance indexes the tab's reads use instead of scanning SharePoint: cases (CaseIndex) and measures.
export { SyncedCaseIndex } from './case-index.js';
export { type CaseColumns, CaseStore } from './case-store.js';
export { DeltaSync, type DeltaSyncOptions, type SyncLog, type SyncTarget } from './delta-sync.js';
export { SyncedStore } from './synced-store.js';
export { ACTIVE_MEASURE_STATUS_CODES, type MeasureColumns, MeasureStore, SyncedMeasureIndex } from './measure-index.js';
export { dateOfDayNumber, dayNumberOf, firstDayOfMonth, monthLabel, monthNumberOfDay, osloDayNumber } from './oslo-day.js';
export { detailTextOf, projectCase, publicTextOf } from './projection.js';

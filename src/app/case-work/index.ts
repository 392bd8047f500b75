// The case work behind the tab (inbox, case view, changes): see README.md.
export { CaseWork, type CaseActionRequest, type CaseWorkDeps, type InboxRequest, type NewMeasureRequest, type ReporterChannel } from './case-work.js';
export { CaseWorkError, type CaseWorkErrorCode } from './errors.js';
export type { CaseFile, CaseListItem, InboxPage, ShownMeasure } from './views.js';
export { type HealthFacts, mayReadHealthDetails, measureTextHidden, withoutMeasureText } from './scope.js';
export { ReadLog } from './read-log.js';

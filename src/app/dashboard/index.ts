// The committee dashboard over the per-instance indexes.
export { DASHBOARD_KINDS, type DashboardFigures, type DashboardRequest, type DashboardUnitCount, aggregate, childrenOf, countOverdue, median, monthsBefore, trendOf } from './aggregate.js';
export { type Dashboard, type DashboardDeps, type DashboardOutcome, type DashboardQuery, DashboardService, type IndexReader, topUnitOf } from './dashboard.js';

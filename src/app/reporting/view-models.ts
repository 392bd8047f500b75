// The use cases' view models, built from a case: the receipt, the leaders' and the channel's cards; and who gets them.
import { type CaseEvent, type Deviation, type OrgUnit, type OrgUnits, routeOf } from '../../domain/index.js';
import type { PendingReport } from './pending-reports.js';
import type { ChannelNotificationView, LeaderNotificationView, ReceiptView } from './views.js';

export function receiptView(caseUrl: (id: string) => string, d: Deviation, units: OrgUnits, handlerName: string | null): ReceiptView {
  return {
    caseId: d.id,
    route: routeOf(d.kind),
    state: 'registered',
    caseNumber: d.caseNumber,
    kind: d.kind,
    status: d.status,
    reportedAt: d.reportedAt,
    unitName: units.get(d.unitId)?.name ?? null,
    handlerName: routeOf(d.kind) === 'confidential' ? null : handlerName,
    history: d.history.map(({ note: _note, ...event }): CaseEvent => event),
    caseUrl: caseUrl(d.id),
  };
}

/** The waiting receipt: no case number is promised before the case is stored. */
export function pendingReceiptView(p: PendingReport, units: OrgUnits): ReceiptView {
  return {
    caseId: p.draft.submissionId,
    route: routeOf(p.draft.kind),
    state: 'pending',
    caseNumber: null,
    kind: p.draft.kind,
    status: 'new',
    reportedAt: p.submittedAt.toISOString(),
    unitName: units.get(p.draft.unitId)?.name ?? null,
    handlerName: null,
    history: [],
    caseUrl: null,
  };
}

export function leaderView(caseUrl: (id: string) => string, d: Deviation, units: OrgUnits, handlerName: string | null): LeaderNotificationView {
  const taken = [...d.history].reverse().find((e) => e.type === 'receive');
  return {
    caseId: d.id,
    route: routeOf(d.kind),
    caseNumber: d.caseNumber,
    kind: d.kind,
    unitName: units.get(d.unitId)?.name ?? d.unitId,
    severity: d.severity,
    title: d.title,
    description: d.description,
    location: d.location,
    occurredAt: d.occurredAt,
    reportedAt: d.reportedAt,
    consequenceFor: d.consequenceFor,
    immediateAction: d.immediateAction,
    healthRelated: d.healthRelated,
    status: d.status,
    handlerName,
    takenAt: taken?.at ?? null,
    caseUrl: caseUrl(d.id),
    canTake: d.status === 'new',
  };
}

/** Only coded fields: a channel is read by many. */
export function channelView(caseUrl: (id: string) => string, d: Deviation, units: OrgUnits): ChannelNotificationView {
  return { caseId: d.id, caseNumber: d.caseNumber, kind: d.kind, unitName: units.get(d.unitId)?.name ?? d.unitId, severity: d.severity, status: d.status, caseUrl: caseUrl(d.id) };
}

/** The municipality at the top of the tree. */
export function rootOf(units: OrgUnits): string | undefined {
  return [...units.values()].find((u) => u.level === 'municipality')?.id;
}

/** The leader and the deputy of the unit, if set. */
export function leadersOf(unit: OrgUnit | undefined): string[] {
  if (!unit) return [];
  return [unit.leaderId, unit.deputyLeaderId].filter((id): id is string => typeof id === 'string' && id !== '');
}

/** Serious enough for the leader channel: high or critical severity, or an adverse event that harmed a service user. */
export function isSerious(d: Deviation): boolean {
  if (d.severity === 'high' || d.severity === 'critical') return true;
  return d.kind === 'adverseEvent' && d.consequenceFor.includes('serviceUser');
}

// The steps of an assessment in the yearly process (seed 000), who may read, change and review it, and where
// unacceptable residual risk goes: KLG, as an agenda proposal.

import type { QualityCommittee } from './committee.js';
import { fail, ok, type Result } from './domain-error.js';
import { proposeAgendaItem, type AgendaItem } from './meeting.js';
import { ancestors, leads, unitChain, type OrgUnits } from './organisation.js';
import { hasRole, type Person } from './person.js';
import { visibleUnitIds } from './access.js';
import { DEFAULT_RISK_THRESHOLDS, mustEscalate, riskScore, type RiskAssessment, type RiskAssessmentStatus, type RiskItem, type RiskThresholds } from './risk.js';

// ── The steps of an assessment ──────────────────────────────────────────────────────────────────

export type RiskAssessmentAction =
  | { readonly type: 'submit' }
  | { readonly type: 'return'; readonly note: string }
  | { readonly type: 'compile' }
  | { readonly type: 'forward' };

const FROM: Readonly<Record<RiskAssessmentAction['type'], readonly RiskAssessmentStatus[]>> = {
  submit: ['draft'],
  return: ['submitted', 'compiled'],
  compile: ['submitted'],
  forward: ['compiled'],
};

/** The actions the status allows (who may take them is `allowedAssessmentActions`). */
export function assessmentActionsFrom(status: RiskAssessmentStatus): RiskAssessmentAction['type'][] {
  return (Object.keys(FROM) as RiskAssessmentAction['type'][]).filter((t) => FROM[t].includes(status));
}

/**
 * One step of an assessment. Submitting needs at least one row and every row complete (`riskItemProblems`, checked by
 * the caller who has the rows: pass how many are incomplete); sending back needs a note the unit will see.
 */
export function actOnAssessment(a: RiskAssessment, action: RiskAssessmentAction, rows: { count: number; incomplete: number }, now: Date): Result<RiskAssessment> {
  if (!FROM[action.type].includes(a.status)) return fail('risk.invalidTransition', { status: a.status, action: action.type });
  const at = now.toISOString();
  switch (action.type) {
    case 'submit':
      if (rows.count === 0) return fail('risk.noItems');
      if (rows.incomplete > 0) return fail('risk.itemsIncomplete', { count: rows.incomplete });
      return ok({ ...a, status: 'submitted', submittedAt: at, returnNote: null });
    case 'return': {
      const note = action.note.trim();
      if (note === '') return fail('risk.returnNoteMissing');
      return ok({ ...a, status: 'draft', returnNote: note, submittedAt: null, compiledAt: null });
    }
    case 'compile':
      return ok({ ...a, status: 'compiled', compiledAt: at });
    case 'forward':
      return ok({ ...a, status: 'forwarded', forwardedAt: at });
  }
}

// ── Who may do what ─────────────────────────────────────────────────────────────────────────────

/**
 * Reading an assessment: everyone who sees the unit's cases by position (leaders of the unit and above, quality
 * advisers, the sector's quality coordinator: `visibleUnitIds`), and the people named on it (responsible, participants:
 * they made it). Employees otherwise do not: an assessment names weak points (information security, emergency
 * preparedness) that are not for everyone.
 */
export function canReadAssessment(person: Person, a: RiskAssessment, units: OrgUnits, visible: ReadonlySet<string> = visibleUnitIds(person, units)): boolean {
  return visible.has(a.unitId) || a.responsibleId === person.id || a.participantIds.includes(person.id);
}

/**
 * Reviewing (send back, compile, forward, and editing once submitted): a leader of a unit above the assessment's unit,
 * since the kommunalsjef compiles for the sector ("Oppfølging KS" in the form); at the top of the tree, where there is
 * nobody above, the unit's own leader.
 */
export function canReviewAssessment(person: Person, a: RiskAssessment, units: OrgUnits): boolean {
  const above = ancestors(a.unitId, units);
  if (above.length === 0) return unitChain(a.unitId, units).some((u) => leads(person.id, u));
  return above.some((u) => leads(person.id, u));
}

/**
 * Changing rows and fields: while a draft, the leader (or deputy) of the unit or of any unit above it, and the person
 * responsible for it; once submitted or compiled, only the reviewers; once forwarded, nobody (the measures still move on
 * the action list).
 */
export function canEditAssessment(person: Person, a: RiskAssessment, units: OrgUnits): boolean {
  switch (a.status) {
    case 'draft':
      return a.responsibleId === person.id || unitChain(a.unitId, units).some((u) => leads(person.id, u));
    case 'submitted':
    case 'compiled':
      return canReviewAssessment(person, a, units);
    case 'forwarded':
      return false;
  }
}

/** Making a new assessment for a unit: its leader or a leader above, or a quality adviser (who starts rounds). */
export function canCreateAssessmentFor(person: Person, unitId: string, units: OrgUnits): boolean {
  return hasRole(person, 'qualityAdviser') || unitChain(unitId, units).some((u) => leads(person.id, u));
}

export function allowedAssessmentActions(person: Person, a: RiskAssessment, units: OrgUnits): RiskAssessmentAction['type'][] {
  return assessmentActionsFrom(a.status).filter((t) => (t === 'submit' ? canEditAssessment(person, a, units) : canReviewAssessment(person, a, units)));
}

/** Starting and running rounds: the quality adviser ("Kvalitet og internkontroll") and the kommunedirektør. */
export function canManageRounds(person: Person, units: OrgUnits): boolean {
  if (hasRole(person, 'qualityAdviser') || hasRole(person, 'chiefExecutive')) return true;
  return [...units.values()].some((u) => u.parentId === null && leads(person.id, u));
}

/**
 * Adding a measure to an escalated row (KLG's action list): the members of the committee it went to, its leader and
 * facilitator, besides the round's managers. Editors of the assessment may add measures as long as they may edit.
 */
export function canAddKlgMeasure(person: Person, item: RiskItem, committees: readonly QualityCommittee[], units: OrgUnits): boolean {
  if (item.escalation === null) return false;
  if (canManageRounds(person, units)) return true;
  const committee = committees.find((c) => c.id === item.escalation?.committeeId);
  if (!committee) return false;
  return committee.leaderId === person.id || committee.facilitatorId === person.id || committee.members.some((m) => m.personId === person.id);
}

// ── Escalation to KLG ───────────────────────────────────────────────────────────────────────────

/**
 * Where unacceptable residual risk goes: KLG (seed 000: "skal meldes KLG"); KUL, then KDKU, where a municipality has no
 * KLG registered. The committee must belong to the top of the tree.
 */
export function riskEscalationCommittee(committees: readonly QualityCommittee[], units: OrgUnits): QualityCommittee | undefined {
  const top = [...units.values()].find((u) => u.parentId === null);
  if (!top) return undefined;
  const atTop = committees.filter((c) => c.unitId === top.id);
  for (const kind of ['executiveLeadershipGroup', 'extendedLeadershipMeeting', 'chiefExecutiveQualityCommittee'] as const) {
    const found = atTop.find((c) => c.kind === kind);
    if (found) return found;
  }
  return undefined;
}

/** The agenda proposal's id for a row: one per row, so forwarding twice (or a retry) never raises it twice. */
export const riskAgendaItemId = (itemId: string): string => `agenda-risk-${itemId}`;

/**
 * The agenda proposal for a row that must go to KLG: its title says unit, task and hazard (ROS rows hold no personal
 * data by design); the description gives the positions and what is done, for the quality adviser preparing the case.
 */
export function riskEscalationProposal(
  input: { item: RiskItem; assessment: RiskAssessment; unitName: string; committee: QualityCommittee; proposedById: string },
  now: Date,
  t: RiskThresholds = DEFAULT_RISK_THRESHOLDS,
): Result<AgendaItem> {
  const { item, assessment, unitName, committee } = input;
  const what = [item.process, item.whatCanGoWrong]
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join(': ');
  const residual = item.residual ? `${item.residual.likelihood}×${item.residual.consequence} = ${riskScore(item.residual)}` : 'ikke vurdert';
  const description = [
    `Fra risikovurderingen «${assessment.title}» (${unitName}).`,
    `Risiko nå: ${item.current.likelihood}×${item.current.consequence} = ${riskScore(item.current)}. Restrisiko etter tiltak: ${residual}.`,
    mustEscalate(item, t) ? 'Restrisikoen er ikke akseptabel.' : 'Meldt videre av kommunalsjef.',
    item.existingMeasures.trim() !== '' ? `Gjort så langt: ${item.existingMeasures.trim()}` : '',
  ]
    .filter((s) => s !== '')
    .join('\n');
  return proposeAgendaItem(
    { id: riskAgendaItemId(item.id), committeeId: committee.id, title: `ROS ${unitName}: ${what}`, description, source: { type: 'riskItem', riskItemId: item.id }, proposedById: input.proposedById },
    now,
  );
}

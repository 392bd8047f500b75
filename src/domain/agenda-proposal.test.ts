// The rules of the proposed agenda: standing items per level, what the data raises, scope, "since the last meeting", order, caps and re-runs.
import { describe, expect, it } from 'vitest';
import { type AgendaProposalInput, type CaseFact, MAX_AGENDA_LINKS, committeeScope, entryKindOfSource, proposeAgenda, seriousTrend } from './agenda-proposal.js';
import type { QualityCommittee } from './committee.js';
import type { AgendaItem } from './meeting.js';
import { units } from './test-fixtures.js';

const KUL: QualityCommittee = { id: 'kul', kind: 'extendedLeadershipMeeting', name: 'KUL', unitId: 'k', leaderId: 'kd', facilitatorId: 'kr', members: [], heldInOperationsMeeting: false };
const MH: QualityCommittee = { id: 'ku-mh', kind: 'sectorQualityCommittee', name: 'KU MH', unitId: 'mh', leaderId: 'ks-mh', facilitatorId: 'kk-mh', members: [], heldInOperationsMeeting: false };
const NOW = new Date('2026-03-10T08:00:00Z');
const SINCE = '2026-02-10T08:00:00.000Z';

function input(patch: Partial<AgendaProposalInput> = {}): AgendaProposalInput {
  return {
    committee: KUL,
    units,
    since: SINCE,
    now: NOW,
    pendingProposals: [],
    cases: [],
    risks: [],
    overdueMeasures: { total: 0, sampleIds: [] },
    followUpMeasureIds: [],
    documents: [],
    existingKeys: new Set(),
    ...patch,
  };
}

let n = 0;
function serious(patch: Partial<CaseFact> = {}): CaseFact {
  n++;
  return { id: `c${n}`, caseNumber: `AV-2026-${String(n).padStart(5, '0')}`, kind: 'adverseEvent', severity: 'high', unitId: 'sh-a', reportedAt: '2026-03-01T10:00:00.000Z', ...patch };
}

function proposal(patch: Partial<AgendaItem> = {}): AgendaItem {
  return {
    id: 'p1',
    committeeId: 'kul',
    meetingId: null,
    sequence: null,
    year: 2026,
    title: 'Eskalert sak AV-2026-00001',
    description: 'Se på rutinene.',
    source: { type: 'deviation', deviationId: 'd1' },
    preparedById: 'vl-sh',
    presenterId: null,
    durationMinutes: 0,
    status: 'proposed',
    ...patch,
  };
}

const keys = (a: AgendaProposalInput) => proposeAgenda(a).map((e) => e.key);

describe('proposeAgenda', () => {
  it('gives KUL the top level standing items from the strategy, in its order, with nothing else when the data raises nothing', () => {
    expect(keys(input())).toEqual([
      'standing:qualityIndicators',
      'standing:criticalRisk',
      'standing:internalAuditPlan',
      'standing:auditReports',
      'standing:annualReportInternalControl',
      'standing:improvementAndLearning',
    ]);
  });

  it('gives a sector committee its own standing items, ending with informing upwards', () => {
    const k = keys(input({ committee: MH }));
    expect(k[0]).toBe('standing:qualityIndicators');
    expect(k).toContain('standing:patientSafetyReports');
    expect(k.at(-1)).toBe('standing:informUpwards');
    expect(k).not.toContain('standing:internalAuditPlan');
  });

  it('collects serious deviations and near misses since the last meeting in the scope only, critical first, with the trend', () => {
    const cases = [
      serious({ id: 'high', severity: 'high', reportedAt: '2026-03-05T10:00:00.000Z' }),
      serious({ id: 'crit', severity: 'critical', reportedAt: '2026-02-20T10:00:00.000Z' }),
      serious({ id: 'near', kind: 'nearMiss', severity: 'high' }),
      serious({ id: 'medium', severity: 'medium' }), // not serious
      serious({ id: 'proposal', kind: 'improvementProposal', severity: null }),
      serious({ id: 'old', reportedAt: '2026-02-01T10:00:00.000Z' }), // before the last meeting: counted in the trend only
      serious({ id: 'school', unitId: 'sk' }), // outside Mestring og helse
      serious({ id: 'future', reportedAt: '2026-03-11T10:00:00.000Z' }),
    ];
    const entry = proposeAgenda(input({ committee: MH, cases })).find((e) => e.kind === 'seriousDeviations');
    expect(entry?.links.map((l) => (l.type === 'case' ? l.caseId : ''))).toEqual(['crit', 'high', 'near']);
    expect(entry?.title).toBe('Alvorlige avvik siden forrige møte: 3 (1 kritiske)');
    expect(entry?.description).toContain('mot 1 i like lang tid før');
    expect(entry?.standingItem).toBe('criticalRisk');
  });

  it('puts only coded fields in links: never a case title or description', () => {
    const entry = proposeAgenda(input({ cases: [serious({ id: 'x' })] })).find((e) => e.kind === 'seriousDeviations');
    expect(Object.keys(entry?.links[0] ?? {}).sort()).toEqual(['caseId', 'caseNumber', 'kind', 'severity', 'type', 'unitId']);
  });

  it('places generated entries after the standing item they belong to', () => {
    const k = keys(
      input({
        cases: [serious(), serious({ kind: 'auditFinding', severity: null })],
        risks: [{ id: 'r1', assessmentId: 'a1', unitId: 'sh', mustReport: true, score: 16 }],
        overdueMeasures: { total: 3, sampleIds: ['m1', 'm2', 'm3'] },
        documents: [{ id: 'doc1', title: 'Håndhygiene', ownerUnitId: 'mh', approvedAt: '2026-03-01T10:00:00.000Z' }],
        pendingProposals: [proposal()],
      }),
    );
    expect(k).toEqual([
      'standing:qualityIndicators',
      'standing:criticalRisk',
      'proposal:p1',
      'riskItems',
      'seriousDeviations',
      'standing:internalAuditPlan',
      'standing:auditReports',
      'audits',
      'standing:annualReportInternalControl',
      'standing:improvementAndLearning',
      'procedures',
      // KUL has no actionList standing item: the restanseliste goes last.
      'overdueMeasures',
    ]);
  });

  it('takes only proposals for this committee that are still waiting, and places risk proposals instead of repeating their rows', () => {
    const entries = proposeAgenda(
      input({
        pendingProposals: [
          proposal({ id: 'p-risk', source: { type: 'riskItem', riskItemId: 'r1' } }),
          proposal({ id: 'p-other', committeeId: 'ku-mh' }),
          proposal({ id: 'p-accepted', status: 'accepted', meetingId: 'm0' }),
        ],
        risks: [
          { id: 'r1', assessmentId: 'a1', unitId: 'sh', mustReport: true, score: 20 },
          { id: 'r2', assessmentId: 'a1', unitId: 'sh', mustReport: true, score: 12 },
          { id: 'r3', assessmentId: 'a1', unitId: 'sh', mustReport: false, score: 25 },
        ],
      }),
    );
    expect(entries.filter((e) => e.proposalId !== null).map((e) => [e.key, e.kind])).toEqual([['proposal:p-risk', 'riskItem']]);
    expect(entries.find((e) => e.key === 'riskItems')?.links).toEqual([{ type: 'riskItem', riskItemId: 'r2', assessmentId: 'a1' }]);
  });

  it('cuts long lists of links and counts the rest', () => {
    const cases = Array.from({ length: MAX_AGENDA_LINKS + 7 }, () => serious());
    const entry = proposeAgenda(input({ cases })).find((e) => e.kind === 'seriousDeviations');
    expect(entry?.links).toHaveLength(MAX_AGENDA_LINKS);
    expect(entry?.moreLinks).toBe(7);
    const overdue = proposeAgenda(input({ overdueMeasures: { total: 300, sampleIds: ['m1', 'm2'] } })).find((e) => e.kind === 'overdueMeasures');
    expect(overdue?.links).toHaveLength(2);
    expect(overdue?.moreLinks).toBe(298);
  });

  it('brings open measures from earlier decisions back until they are done', () => {
    const entry = proposeAgenda(input({ committee: MH, followUpMeasureIds: ['m-a', 'm-b'] })).find((e) => e.kind === 'decisionFollowUp');
    expect(entry?.links).toEqual([
      { type: 'measure', measureId: 'm-a' },
      { type: 'measure', measureId: 'm-b' },
    ]);
    expect(keys(input({ committee: MH }))).not.toContain('decisionFollowUp');
  });

  it('lists documents approved since the last meeting within the scope, newest first', () => {
    const entry = proposeAgenda(
      input({
        committee: MH,
        documents: [
          { id: 'old', title: 'Gammel', ownerUnitId: 'mh', approvedAt: '2026-01-01T10:00:00.000Z' },
          { id: 'a', title: 'A', ownerUnitId: 'sh', approvedAt: '2026-02-15T10:00:00.000Z' },
          { id: 'b', title: 'B', ownerUnitId: 'mh', approvedAt: '2026-03-01T10:00:00.000Z' },
          { id: 'school', title: 'Skole', ownerUnitId: 'sk', approvedAt: '2026-03-01T10:00:00.000Z' },
          { id: 'draft', title: 'Utkast', ownerUnitId: 'mh', approvedAt: null },
        ],
      }),
    ).find((e) => e.kind === 'procedures');
    expect(entry?.links.map((l) => (l.type === 'document' ? l.documentId : ''))).toEqual(['b', 'a']);
  });

  it('leaves out what the meeting already holds, so a second run adds only what is new', () => {
    const first = proposeAgenda(input({ cases: [serious()] }));
    const again = proposeAgenda(input({ cases: [serious()], existingKeys: new Set(first.map((e) => e.key)), pendingProposals: [proposal({ id: 'late' })] }));
    expect(again.map((e) => e.key)).toEqual(['proposal:late']);
  });
});

describe('helpers', () => {
  it('scope is the unit and everything below it', () => {
    expect([...committeeScope(MH, units)].sort()).toEqual(['ht', 'mh', 'sh', 'sh-a', 'sh-a-natt']);
  });

  it('trend needs more than two cases and more than 10 % to move', () => {
    expect(seriousTrend(12, 10)).toBe('flat');
    expect(seriousTrend(30, 10)).toBe('up');
    expect(seriousTrend(3, 10)).toBe('down');
    expect(seriousTrend(3, 0)).toBe('up');
  });

  it('kinds of stored proposals follow their source', () => {
    expect(entryKindOfSource({ type: 'deviation', deviationId: 'd' })).toBe('escalation');
    expect(entryKindOfSource({ type: 'riskItem', riskItemId: 'r' })).toBe('riskItem');
    expect(entryKindOfSource({ type: 'proposal', proposedById: 'p' })).toBe('proposal');
  });
});

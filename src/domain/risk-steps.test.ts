// Tests for the steps of an assessment, who may read, change and review it, and escalation to KLG.
import { describe, expect, it } from 'vitest';
import type { QualityCommittee } from './committee.js';
import type { RiskAssessment, RiskItem } from './risk.js';
import {
  actOnAssessment,
  allowedAssessmentActions,
  assessmentActionsFrom,
  canAddKlgMeasure,
  canCreateAssessmentFor,
  canEditAssessment,
  canManageRounds,
  canReadAssessment,
  canReviewAssessment,
  riskAgendaItemId,
  riskEscalationCommittee,
  riskEscalationProposal,
} from './risk-steps.js';
import { PEOPLE, units } from './test-fixtures.js';

const NOW = new Date('2026-12-10T10:00:00Z');

function assessment(patch: Partial<RiskAssessment> = {}): RiskAssessment {
  return {
    id: 'ra-sh',
    title: 'Overordnet risikovurdering 2027 – Eikeberg sykehjem',
    context: 'overall',
    unitId: 'sh',
    responsibleId: 'vl-sh',
    participantIds: ['su-sh'],
    date: '2026-12-01',
    createdAt: '2026-12-01T08:00:00.000Z',
    year: 2027,
    status: 'draft',
    roundId: 'risk-round-2027',
    submittedAt: null,
    compiledAt: null,
    forwardedAt: null,
    returnNote: null,
    ...patch,
  };
}

const row: RiskItem = {
  id: 'ri-1',
  assessmentId: 'ra-sh',
  unitId: 'sh',
  process: 'Legemiddelhåndtering',
  whatCanGoWrong: 'Feil dose gis',
  consequenceTypes: ['humanInjury'],
  current: { likelihood: 4, consequence: 4 },
  breachOfLaw: false,
  existingMeasures: 'Dobbeltkontroll',
  residual: { likelihood: 3, consequence: 4 },
  residualAcceptable: false,
  measureIds: ['m1'],
  doneEnough: false,
  reportToKlg: null,
  deviationIds: [],
  escalation: null,
  position: 0,
};

const committee = (patch: Partial<QualityCommittee>): QualityCommittee => ({
  id: 'c',
  kind: 'executiveLeadershipGroup',
  name: 'KLG',
  unitId: 'k',
  leaderId: 'kd',
  facilitatorId: 'kr',
  members: [{ personId: 'ks-mh', role: 'member' }],
  heldInOperationsMeeting: false,
  ...patch,
});

describe('steps', () => {
  const rows = { count: 3, incomplete: 0 };

  it('goes draft → submitted → compiled → forwarded, stamping each step', () => {
    const submitted = actOnAssessment(assessment(), { type: 'submit' }, rows, NOW);
    expect(submitted.ok && submitted.value.status).toBe('submitted');
    expect(submitted.ok && submitted.value.submittedAt).toBe(NOW.toISOString());
    const compiled = submitted.ok ? actOnAssessment(submitted.value, { type: 'compile' }, rows, NOW) : submitted;
    const forwarded = compiled.ok ? actOnAssessment(compiled.value, { type: 'forward' }, rows, NOW) : compiled;
    expect(forwarded.ok && [forwarded.value.status, forwarded.value.compiledAt, forwarded.value.forwardedAt]).toEqual(['forwarded', NOW.toISOString(), NOW.toISOString()]);
  });

  it('refuses a step the status does not allow, in bokmål', () => {
    const r = actOnAssessment(assessment({ status: 'forwarded' }), { type: 'submit' }, rows, NOW);
    expect(r.ok ? null : r.error.message).toBe('Risikovurderingen har status «sendt videre» og kan ikke sendes til kommunalsjef nå.');
    expect(assessmentActionsFrom('submitted')).toEqual(['return', 'compile']);
    expect(assessmentActionsFrom('forwarded')).toEqual([]);
  });

  it('submits only a complete assessment with rows', () => {
    const none = actOnAssessment(assessment(), { type: 'submit' }, { count: 0, incomplete: 0 }, NOW);
    expect(none.ok ? null : none.error.code).toBe('risk.noItems');
    const incomplete = actOnAssessment(assessment(), { type: 'submit' }, { count: 3, incomplete: 2 }, NOW);
    expect(incomplete.ok ? null : incomplete.error.message).toMatch(/^2 rad\(er\) er ikke ferdig utfylt/);
  });

  it('sends back to draft with a note the unit sees, clearing the later stamps', () => {
    const back = actOnAssessment(assessment({ status: 'compiled', submittedAt: 'x', compiledAt: 'y' }), { type: 'return', note: '  Mangler HMS  ' }, rows, NOW);
    expect(back.ok && [back.value.status, back.value.returnNote, back.value.submittedAt, back.value.compiledAt]).toEqual(['draft', 'Mangler HMS', null, null]);
    const noNote = actOnAssessment(assessment({ status: 'submitted' }), { type: 'return', note: ' ' }, rows, NOW);
    expect(noNote.ok ? null : noNote.error.code).toBe('risk.returnNoteMissing');
  });
});

describe('who may do what', () => {
  it('reads: the line above and the unit, quality staff of the sector, the people named on it; not an employee', () => {
    const a = assessment();
    for (const p of [PEOPLE.unitLeaderSh, PEOPLE.unitDeputySh, PEOPLE.sectorHeadMh, PEOPLE.chiefExecutive, PEOPLE.qualityAdviser, PEOPLE.coordinatorMh, PEOPLE.superUserSh]) {
      expect(canReadAssessment(p, a, units), p.id).toBe(true);
    }
    for (const p of [PEOPLE.nurse, PEOPLE.unitLeaderHt, PEOPLE.sectorHeadOl, PEOPLE.serviceLeaderA, PEOPLE.staleLeader]) expect(canReadAssessment(p, a, units), p.id).toBe(false);
  });

  it('edits a draft: the unit’s leader and deputy, the line above, the person responsible; not a neighbour or a service leader below', () => {
    const a = assessment({ responsibleId: 'nurse' });
    for (const p of [PEOPLE.unitLeaderSh, PEOPLE.unitDeputySh, PEOPLE.sectorHeadMh, PEOPLE.chiefExecutive, PEOPLE.nurse]) expect(canEditAssessment(p, a, units), p.id).toBe(true);
    for (const p of [PEOPLE.unitLeaderHt, PEOPLE.serviceLeaderA, PEOPLE.qualityAdviser, PEOPLE.superUserSh]) expect(canEditAssessment(p, a, units), p.id).toBe(false);
  });

  it('once submitted only the line above edits and reviews; once forwarded nobody edits', () => {
    const submitted = assessment({ status: 'submitted' });
    expect(canEditAssessment(PEOPLE.unitLeaderSh, submitted, units)).toBe(false);
    expect(canEditAssessment(PEOPLE.sectorHeadMh, submitted, units)).toBe(true);
    expect(canReviewAssessment(PEOPLE.sectorHeadMh, submitted, units)).toBe(true);
    expect(canReviewAssessment(PEOPLE.unitLeaderSh, submitted, units)).toBe(false);
    expect(canReviewAssessment(PEOPLE.sectorHeadOl, submitted, units)).toBe(false);
    expect(canEditAssessment(PEOPLE.sectorHeadMh, assessment({ status: 'forwarded' }), units)).toBe(false);
    expect(allowedAssessmentActions(PEOPLE.sectorHeadMh, submitted, units)).toEqual(['return', 'compile']);
    expect(allowedAssessmentActions(PEOPLE.unitLeaderSh, submitted, units)).toEqual([]);
    expect(allowedAssessmentActions(PEOPLE.unitLeaderSh, assessment(), units)).toEqual(['submit']);
  });

  it('at the top of the tree the unit’s own leader reviews', () => {
    expect(canReviewAssessment(PEOPLE.chiefExecutive, assessment({ unitId: 'k', status: 'submitted' }), units)).toBe(true);
  });

  it('creates for units one leads, or as quality adviser; rounds are the adviser’s and the kommunedirektør’s', () => {
    expect(canCreateAssessmentFor(PEOPLE.unitLeaderSh, 'sh', units)).toBe(true);
    expect(canCreateAssessmentFor(PEOPLE.unitLeaderSh, 'ht', units)).toBe(false);
    expect(canCreateAssessmentFor(PEOPLE.qualityAdviser, 'ht', units)).toBe(true);
    expect([PEOPLE.qualityAdviser, PEOPLE.chiefExecutive, PEOPLE.sectorHeadMh, PEOPLE.nurse].map((p) => canManageRounds(p, units))).toEqual([true, true, false, false]);
  });

  it('KLG’s members add measures to a row escalated to KLG, and not before', () => {
    const klg = committee({ id: 'klg' });
    const escalated = { ...row, escalation: { agendaItemId: 'a', committeeId: 'klg', at: NOW.toISOString() } };
    expect(canAddKlgMeasure(PEOPLE.sectorHeadMh, escalated, [klg], units)).toBe(true);
    expect(canAddKlgMeasure(PEOPLE.sectorHeadOl, escalated, [klg], units)).toBe(false);
    expect(canAddKlgMeasure(PEOPLE.qualityAdviser, escalated, [klg], units)).toBe(true);
    expect(canAddKlgMeasure(PEOPLE.sectorHeadMh, row, [klg], units)).toBe(false);
  });
});

describe('escalation to KLG', () => {
  it('goes to KLG at the top, else KUL, else KDKU; a sector’s committee is never the target', () => {
    const kul = committee({ id: 'kul', kind: 'extendedLeadershipMeeting' });
    const kdku = committee({ id: 'kdku', kind: 'chiefExecutiveQualityCommittee' });
    const klg = committee({ id: 'klg' });
    const sector = committee({ id: 'mh', kind: 'sectorQualityCommittee', unitId: 'mh', leaderId: 'ks-mh' });
    expect(riskEscalationCommittee([kdku, kul, klg, sector], units)?.id).toBe('klg');
    expect(riskEscalationCommittee([kdku, kul, sector], units)?.id).toBe('kul');
    expect(riskEscalationCommittee([kdku, sector], units)?.id).toBe('kdku');
    expect(riskEscalationCommittee([sector], units)).toBeUndefined();
  });

  it('proposes one agenda item per row: source the row, title with unit and task, positions in the description', () => {
    const klg = committee({ id: 'klg' });
    const p = riskEscalationProposal({ item: row, assessment: assessment(), unitName: 'Eikeberg sykehjem', committee: klg, proposedById: 'ks-mh' }, NOW);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value).toMatchObject({ id: riskAgendaItemId('ri-1'), committeeId: 'klg', status: 'proposed', meetingId: null, source: { type: 'riskItem', riskItemId: 'ri-1' }, preparedById: 'ks-mh' });
    expect(p.value.title).toBe('ROS Eikeberg sykehjem: Legemiddelhåndtering: Feil dose gis');
    expect(p.value.description).toContain('Risiko nå: 4×4 = 16. Restrisiko etter tiltak: 3×4 = 12.');
    expect(p.value.description).toContain('Restrisikoen er ikke akseptabel.');
    const byCall = riskEscalationProposal({ item: { ...row, residual: { likelihood: 1, consequence: 2 }, residualAcceptable: true, reportToKlg: true }, assessment: assessment(), unitName: 'X', committee: klg, proposedById: 'ks-mh' }, NOW);
    expect(byCall.ok && byCall.value.description).toContain('Meldt videre av kommunalsjef.');
  });
});

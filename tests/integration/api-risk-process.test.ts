// The yearly overall risk process over real HTTP, against the app as `npm start` composes it (emulator, index, API):
// the quality adviser starts a round → a unit fills in its assessment → submits → the kommunalsjef compiles and
// forwards → the unacceptable residual risk becomes KLG's agenda proposal → KLG's measure on the common action list →
// done. Beside it: the heat map and its drill-down, what is due, deviations linked both ways, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, UNITS, deviation, person } from '../../src/domain/test-fixtures.js';
import type { ApiError, MeasurePage, MeasureView } from '../../src/server/api/contract.js';
import type {
  RiskApiError,
  RiskAssessmentActionResult,
  RiskAssessmentDetail,
  RiskAssessmentSummary,
  RiskDueEntry,
  RiskEscalatedItem,
  RiskHeatMap,
  RiskHeatMapItems,
  RiskItemView,
  RiskRoundDetail,
  RiskRoundSummary,
  RiskSectorStepResult,
} from '../../src/server/api/contract-risk.js';
import { apiClient } from '../support/api-client.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';

// Mid-October, as Tønsberg starts: the round is for next year.
const NOW = new Date('2026-10-20T09:00:00Z');
const participant = person('deltaker', 'sh');
const people = [...Object.values(PEOPLE), participant];

let stack: AppStack;
const { call, get, post, patch } = apiClient(() => stack);

beforeAll(async () => {
  stack = await startAppStack({ municipality: { units: UNITS, people }, now: () => NOW });
  await stack.repos.committees.createMany(
    [
      { id: 'klg', kind: 'executiveLeadershipGroup' as const, name: 'Kommunalsjefenes ledergruppe (KLG)', members: [{ personId: 'ks-mh', role: 'member' as const }, { personId: 'ks-ol', role: 'member' as const }] },
      { id: 'kul', kind: 'extendedLeadershipMeeting' as const, name: 'Kommunedirektørens utvidede ledermøte (KUL)', members: [] },
    ].map((c) => ({ importKey: `test:committee:${c.id}`, value: { ...c, unitId: 'k', leaderId: 'kd', facilitatorId: 'kr', heldInOperationsMeeting: false } })),
  );
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the yearly round, start to done', () => {
  let round: RiskRoundDetail;
  let assessment: RiskAssessmentDetail;
  let red: RiskItemView;
  let green: RiskItemView;

  it('the quality adviser starts the round: Tønsberg’s work plan over ISO weeks, every unit not started', async () => {
    const res = await post<RiskRoundDetail>('kr', '/api/risk/rounds', { year: 2027, start: '2026-10-19', unitDeadline: '2026-12-15', sectorDeadline: '2027-01-05', plannedEnd: '2027-03-01', unitIds: ['sh', 'ht', 'sk'] });
    expect(res.status).toBe(201);
    round = res.body;
    expect(round.id).toBe('risk-round-2027');
    expect(round.tasks).toHaveLength(10);
    expect(round.tasks[0]).toMatchObject({ responsibleLabel: 'Kvalitet og internkontroll', percentDone: 100 });
    expect(round.weeks[0]).toEqual({ year: 2026, week: 43, month: '2026-10' });
    expect(round.weeks.at(-1)).toEqual({ year: 2027, week: 9, month: '2027-03' });
    expect(round.tasks.find((t) => t.title.startsWith('Frist sende'))?.weeks.at(-1)).toEqual({ year: 2026, week: 51 });
    expect(round.units.map((u) => [u.unitId, u.state])).toEqual([
      ['sk', 'notStarted'],
      ['sh', 'notStarted'],
      ['ht', 'notStarted'],
    ]);
    expect(round.states).toEqual({ notStarted: 3, draft: 0, submitted: 0, compiled: 0, forwarded: 0 });
    expect(round.canManage).toBe(true);
    // One round a year; and only the adviser (or the kommunedirektør) starts one.
    expect((await post<ApiError>('kr', '/api/risk/rounds', { year: 2027, unitDeadline: '2026-12-15', sectorDeadline: '2027-01-05' })).status).toBe(409);
    const refused = await post<ApiError>('vl-sh', '/api/risk/rounds', { year: 2028, unitDeadline: '2027-12-15', sectorDeadline: '2028-01-05' });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('work plan: the adviser moves a task on; a unit leader may not', async () => {
    const task = round.tasks[2];
    const res = await patch<RiskRoundDetail>('kr', `/api/risk/rounds/${round.id}/tasks/${task?.id}`, { percentDone: 50 });
    expect(res.status).toBe(200);
    expect(res.body.tasks[2]?.percentDone).toBe(50);
    expect((await patch<ApiError>('vl-sh', `/api/risk/rounds/${round.id}/tasks/${task?.id}`, { percentDone: 60 })).status).toBe(403);
    const bad = await patch<ApiError>('kr', `/api/risk/rounds/${round.id}/tasks/${task?.id}`, { percentDone: 120 });
    expect([bad.status, bad.body.error.details?.[0]?.field]).toEqual([400, 'percentDone']);
  });

  it('the unit leader opens the unit’s assessment in the round (once) and fills in two rows', async () => {
    const res = await post<RiskAssessmentDetail>('vl-sh', '/api/risk/assessments', { unitId: 'sh', roundId: round.id, participantIds: ['deltaker'] });
    expect(res.status).toBe(201);
    assessment = res.body;
    expect(assessment).toMatchObject({ status: 'draft', year: 2027, area: 'overall', unitName: 'Eikeberg sykehjem', canEdit: true, allowedActions: ['submit'], responsible: { id: 'vl-sh' } });
    const again = await post<RiskAssessmentDetail>('vl-sh', '/api/risk/assessments', { unitId: 'sh', roundId: round.id });
    expect([again.status, again.body.id]).toEqual([200, assessment.id]);

    const a = await post<RiskItemView>('vl-sh', `/api/risk/assessments/${assessment.id}/items`, {
      process: 'Legemiddelhåndtering',
      whatCanGoWrong: 'Feil dose gis til beboer',
      consequenceTypes: ['humanInjury', 'reputation'],
      likelihood: 4,
      consequence: 4,
      existingMeasures: 'Dobbeltkontroll ved utdeling',
      doneEnough: false,
    });
    expect(a.status).toBe(201);
    red = a.body;
    expect(red.current).toEqual({ likelihood: 4, consequence: 4, score: 16, colour: 'red' });
    expect(red.requiresMeasure).toBe(true);
    expect(red.problems.map((p) => p.field)).toEqual(['measures', 'residual']);
    const b = await post<RiskItemView>('vl-sh', `/api/risk/assessments/${assessment.id}/items`, { process: 'Renhold', whatCanGoWrong: 'Smitte spres', consequenceTypes: ['humanInjury'], likelihood: 2, consequence: 2 });
    expect(b.status).toBe(201);
    green = b.body;
    expect([green.current.colour, green.problems]).toEqual(['green', []]);
    const view = await get<RiskRoundDetail>('kr', `/api/risk/rounds/${round.id}`);
    expect(view.body.units.find((u) => u.unitId === 'sh')).toMatchObject({ state: 'draft', itemCount: 2, redNow: 1 });
  });

  it('submitting an incomplete assessment says what is missing per row, and changes nothing', async () => {
    const res = await post<ApiError>('vl-sh', `/api/risk/assessments/${assessment.id}/actions`, { etag: assessment.etag, type: 'submit' });
    expect([res.status, res.body.error.code]).toEqual([400, 'invalidRequest']);
    expect(res.body.error.details?.map((d) => d.field)).toEqual([`items.${red.id}.measures`, `items.${red.id}.residual`]);
    expect(res.body.error.details?.[0]?.message).toContain('krever tiltak');
    expect((await get<RiskAssessmentDetail>('vl-sh', `/api/risk/assessments/${assessment.id}`)).body.status).toBe('draft');
  });

  it('a measure from the row lands on the common action list, owned by the service leader', async () => {
    const res = await post<RiskItemView>('vl-sh', `/api/risk/items/${red.id}/measures`, { title: 'Opplæring i legemiddelhåndtering', ownerId: 'tl-a', deadline: '2027-02-01' });
    expect(res.status).toBe(201);
    red = res.body;
    expect(red.measures).toHaveLength(1);
    expect(red.measures[0]).toMatchObject({ source: 'riskItem', sourceId: red.id, owner: { id: 'tl-a' }, unitId: 'sh', status: 'open', deadline: '2027-02-01' });
    const list = await get<MeasurePage>('tl-a', '/api/measures?source=riskItem&mine=true');
    expect(list.body.items.map((m) => m.id)).toContain(red.measures[0]?.id);
    const past = await post<ApiError>('vl-sh', `/api/risk/items/${red.id}/measures`, { title: 'For sent', ownerId: 'tl-a', deadline: '2026-10-01' });
    expect([past.status, past.body.error.details?.[0]?.field]).toEqual([400, 'deadline']);
  });

  it('a red residual cannot be marked acceptable; unacceptable it is, and the row must go to KLG', async () => {
    const refused = await patch<ApiError>('vl-sh', `/api/risk/items/${red.id}`, { etag: red.etag, residualLikelihood: 3, residualConsequence: 4, residualAcceptable: true });
    expect([refused.status, refused.body.error.details?.[0]?.field]).toEqual([400, 'residualAcceptable']);
    expect(refused.body.error.details?.[0]?.message).toContain('Rød restrisiko kan ikke være akseptabel');
    const res = await patch<RiskItemView>('vl-sh', `/api/risk/items/${red.id}`, { etag: red.etag, residualLikelihood: 3, residualConsequence: 4, residualAcceptable: false });
    expect(res.status).toBe(200);
    red = res.body;
    expect(red.residual).toEqual({ likelihood: 3, consequence: 4, score: 12, colour: 'red' });
    expect([red.mustReportToKlg, red.problems]).toEqual([true, []]);
  });

  it('two people on one row: the second save with the old version is a conflict showing the row as it is', async () => {
    const stale = green.etag;
    const first = await patch<RiskItemView>('vl-sh', `/api/risk/items/${green.id}`, { etag: stale, existingMeasures: 'Renholdsrutine' });
    expect(first.status).toBe(200);
    const second = await patch<RiskApiError>('ks-mh', `/api/risk/items/${green.id}`, { etag: stale, existingMeasures: 'Noe annet' });
    expect([second.status, second.body.error.code, second.body.error.currentItem?.existingMeasures]).toEqual([409, 'conflict', 'Renholdsrutine']);
    green = first.body;
  });

  it('the unit submits to its kommunalsjef; the unit can no longer change it', async () => {
    const fresh = await get<RiskAssessmentDetail>('vl-sh', `/api/risk/assessments/${assessment.id}`);
    const res = await post<RiskAssessmentActionResult>('vl-sh', `/api/risk/assessments/${assessment.id}/actions`, { etag: fresh.body.etag, type: 'submit' });
    expect(res.status).toBe(200);
    assessment = res.body.assessment;
    expect([assessment.status, assessment.submittedAt, assessment.canEdit, assessment.allowedActions]).toEqual(['submitted', NOW.toISOString(), false, []]);
    const locked = await patch<ApiError>('vl-sh', `/api/risk/items/${green.id}`, { etag: green.etag, existingMeasures: 'Mer' });
    expect([locked.status, locked.body.error.code]).toEqual([409, 'invalidState']);
    const view = await get<RiskAssessmentDetail>('ks-mh', `/api/risk/assessments/${assessment.id}`);
    expect([view.body.canEdit, view.body.allowedActions]).toEqual([true, ['return', 'compile']]);
  });

  it('the kommunalsjef compiles the sector: only the submitted unit moves; the one not started is listed', async () => {
    const other = await post<RiskSectorStepResult>('ks-ol', `/api/risk/rounds/${round.id}/sectors/mh/compile`, {});
    expect(other.status).toBe(403);
    const res = await post<RiskSectorStepResult>('ks-mh', `/api/risk/rounds/${round.id}/sectors/mh/compile`, {});
    expect(res.status).toBe(200);
    expect(res.body.changed.map((a) => [a.unitId, a.status])).toEqual([['sh', 'compiled']]);
    expect(res.body.waitingFor).toEqual([{ unitId: 'ht', unitName: 'Hjemmetjenesten', state: 'notStarted' }]);
  });

  it('forwarding sends the unacceptable row to KLG as an agenda proposal, once', async () => {
    const res = await post<RiskSectorStepResult>('ks-mh', `/api/risk/rounds/${round.id}/sectors/mh/forward`, {});
    expect(res.status).toBe(200);
    expect(res.body.changed.map((a) => a.status)).toEqual(['forwarded']);
    expect(res.body.escalated).toEqual([{ itemId: red.id, agendaItemId: `agenda-risk-${red.id}`, committeeId: 'klg', committeeName: 'Kommunalsjefenes ledergruppe (KLG)', at: NOW.toISOString() }]);
    const proposals = await stack.repos.agenda.listForCommittee('klg', 'proposed');
    expect(proposals.map((p) => [p.title, p.source])).toEqual([['ROS Eikeberg sykehjem: Legemiddelhåndtering: Feil dose gis til beboer', { type: 'riskItem', riskItemId: red.id }]]);
    expect(proposals[0]?.description).toContain('Restrisiko etter tiltak: 3×4 = 12');
    const again = await post<RiskSectorStepResult>('ks-mh', `/api/risk/rounds/${round.id}/sectors/mh/forward`, {});
    expect([again.body.changed, again.body.escalated]).toEqual([[], []]);
    expect(await stack.repos.agenda.listForCommittee('klg', 'proposed')).toHaveLength(1);
    const view = await get<RiskRoundDetail>('kr', `/api/risk/rounds/${round.id}`);
    expect(view.body.units.find((u) => u.unitId === 'sh')?.state).toBe('forwarded');
    expect(view.body.escalatedCount).toBe(1);
    const forwarded = await get<RiskAssessmentDetail>('ks-mh', `/api/risk/assessments/${assessment.id}`);
    expect([forwarded.body.canEdit, forwarded.body.items.find((i) => i.id === red.id)?.escalation?.committeeName]).toEqual([false, 'Kommunalsjefenes ledergruppe (KLG)']);
  });

  it('KLG turns it into its action list: a member from another sector adds a measure; it is followed to done', async () => {
    const list = await get<RiskEscalatedItem[]>('ks-ol', '/api/risk/escalations?roundId=risk-round-2027');
    expect(list.status).toBe(200);
    expect(list.body.map((e) => [e.item.id, e.unitName, e.sectorName, e.settled])).toEqual([[red.id, 'Eikeberg sykehjem', 'Mestring og helse', false]]);
    const added = await post<RiskItemView>('ks-ol', `/api/risk/items/${red.id}/measures`, { title: 'Felles legemiddelrutine for kommunen', ownerId: 'ks-mh', deadline: '2027-03-01', unitId: 'mh' });
    expect(added.status).toBe(201);
    expect(added.body.measures.map((m) => m.unitId)).toEqual(['sh', 'mh']);
    // Someone outside KLG and the line gets nothing of it.
    expect((await post<ApiError>('vl-ht', `/api/risk/items/${red.id}/measures`, { title: 'x', ownerId: 'vl-ht', deadline: '2027-03-01' })).status).toBe(404);
    expect((await get<ApiError>('nurse', '/api/risk/escalations')).status).toBe(403);

    for (const m of added.body.measures) {
      const done = await post<MeasureView>(m.owner.id, `/api/measures/${m.id}/complete`, { etag: m.etag, comment: 'Gjennomført og evaluert i KLG.' });
      expect([done.status, done.body.status]).toEqual([200, 'done']);
    }
    const after = await get<RiskEscalatedItem[]>('kr', '/api/risk/escalations?year=2027');
    expect(after.body.map((e) => [e.settled, e.item.measures.map((m) => m.status)])).toEqual([[true, ['done', 'done']]]);
  });

  it('the heat map: where rows are now and after measures, per municipality, sector and unit, with drill-down', async () => {
    const map = await get<RiskHeatMap>('kd', '/api/risk/heatmap?year=2027');
    expect(map.status).toBe(200);
    expect(map.body.unit).toEqual({ id: 'k', name: 'Tønsberg kommune', level: 'municipality' });
    expect([map.body.year, map.body.itemCount, map.body.residualMissing, map.body.unacceptable]).toEqual([2027, 2, 1, 1]);
    expect(map.body.now[3]?.[3]).toBe(1); // 4 × 4
    expect(map.body.now[1]?.[1]).toBe(1); // 2 × 2
    expect(map.body.after[2]?.[3]).toBe(1); // 3 × 4 after measures
    expect(map.body.after[1]?.[1]).toBe(1); // not assessed after: stays where it is
    expect(map.body.now.flat().reduce((a, b) => a + b, 0)).toBe(2);
    expect(map.body.colours[4]?.[4]).toBe('red');
    expect(map.body.byUnit).toEqual([{ unitId: 'mh', unitName: 'Mestring og helse', items: 2, redNow: 1, redAfter: 1, unacceptable: 1 }]);
    const cell = await get<RiskHeatMapItems>('kd', '/api/risk/heatmap/items?year=2027&likelihood=4&consequence=4');
    expect(cell.body.items.map((i) => [i.id, i.unitName, i.current.score, i.residual?.score, i.mustReportToKlg, i.escalated])).toEqual([[red.id, 'Eikeberg sykehjem', 16, 12, true, true]]);
    const after = await get<RiskHeatMapItems>('kd', '/api/risk/heatmap/items?year=2027&likelihood=3&consequence=4&position=after');
    expect(after.body.items.map((i) => i.id)).toEqual([red.id]);
    const sector = await get<RiskHeatMap>('ks-mh', '/api/risk/heatmap?unitId=mh');
    expect([sector.status, sector.body.itemCount, sector.body.byUnit.map((u) => u.unitId)]).toEqual([200, 2, ['sh']]);
    const unit = await get<RiskHeatMap>('vl-sh', '/api/risk/heatmap');
    expect([unit.body.unit.id, unit.body.itemCount]).toEqual(['sh', 2]);
    expect((await get<ApiError>('ks-ol', '/api/risk/heatmap?unitId=mh')).status).toBe(403);
    const neighbour = await get<RiskHeatMap>('ks-ol', '/api/risk/heatmap');
    expect([neighbour.body.unit.id, neighbour.body.itemCount]).toEqual(['ol', 0]);
    expect((await get<ApiError>('nurse', '/api/risk/heatmap')).status).toBe(403);
    const badCell = await get<ApiError>('kd', '/api/risk/heatmap/items?likelihood=6&consequence=1');
    expect([badCell.status, badCell.body.error.details?.[0]?.field]).toEqual([400, 'likelihood']);
  });

  it('what is due, for the reminder service: the units that have not submitted, and the tasks ahead', async () => {
    const all = await get<RiskDueEntry[]>('kr', '/api/risk/due?days=60');
    expect(all.status).toBe(200);
    const units = all.body.filter((e) => e.kind === 'unitSubmission');
    expect(units.map((e) => [e.unitId, e.responsibleIds, e.deadline, e.daysLeft, e.overdue])).toEqual([
      ['ht', ['vl-ht'], '2026-12-15', 56, false],
      ['sk', ['vl-sk'], '2026-12-15', 56, false],
    ]);
    expect(all.body.some((e) => e.kind === 'workPlanTask' && e.title === 'Kalle inn til oppstartsmøter')).toBe(true);
    // A unit leader sees what is theirs.
    const mine = await get<RiskDueEntry[]>('vl-ht', '/api/risk/due?days=60');
    expect(mine.body.filter((e) => e.kind === 'unitSubmission').map((e) => e.unitId)).toEqual(['ht']);
    expect((await get<ApiError>('kr', '/api/risk/due?days=365')).status).toBe(400);
  });

  it('lists the assessments the viewer may read, from the index', async () => {
    const mine = await get<RiskAssessmentSummary[]>('ks-mh', '/api/risk/assessments?year=2027');
    expect(mine.body.map((a) => [a.unitName, a.status, a.itemCount, a.colours.now.red, a.unacceptable])).toEqual([['Eikeberg sykehjem', 'forwarded', 2, 1, 1]]);
    expect((await get<RiskAssessmentSummary[]>('ks-ol', '/api/risk/assessments')).body).toEqual([]);
    expect((await get<RiskRoundSummary[]>('vl-sh', '/api/risk/rounds')).body.map((r) => r.id)).toEqual(['risk-round-2027']);
  });
});

describe('deviations behind a risk', () => {
  it('links a case to the row it realised, both ways; unlinks; only the case’s handlers may', async () => {
    const created = await post<RiskAssessmentDetail>('vl-sh', '/api/risk/assessments', { unitId: 'sh', area: 'hse', title: 'HMS-risiko 2026' });
    expect([created.status, created.body.roundId, created.body.area]).toEqual([201, null, 'hse']);
    const row = await post<RiskItemView>('vl-sh', `/api/risk/assessments/${created.body.id}/items`, { process: 'Forflytning', whatCanGoWrong: 'Ansatt skader ryggen', likelihood: 3, consequence: 3 });
    const d = deviation({ id: 'case-rygg', caseNumber: 'AV-2026-00991', unitId: 'sh', reporterId: 'nurse', reportedAt: NOW.toISOString(), history: [] });
    await stack.repos.deviations.create(d);

    const linked = await post<RiskItemView>('vl-sh', `/api/risk/items/${row.body.id}/deviations`, { caseId: d.id });
    expect(linked.status).toBe(200);
    expect(linked.body.deviations.map((c) => [c.id, c.caseNumber])).toEqual([[d.id, 'AV-2026-00991']]);
    expect((await stack.repos.deviations.get(d.id))?.value.riskItemIds).toEqual([row.body.id]);
    const twice = await post<RiskItemView>('vl-sh', `/api/risk/items/${row.body.id}/deviations`, { caseId: d.id });
    expect(twice.body.deviations).toHaveLength(1);
    const fromCase = await get<RiskItemView[]>('vl-sh', `/api/risk/items?caseId=${d.id}`);
    expect(fromCase.body.map((i) => i.id)).toEqual([row.body.id]);

    // The reporter sees the case but handles nothing; another unit's leader sees neither.
    expect((await post<ApiError>('nurse', `/api/risk/items/${row.body.id}/deviations`, { caseId: d.id })).status).toBe(404);
    expect((await post<ApiError>('vl-ht', `/api/risk/items/${row.body.id}/deviations`, { caseId: d.id })).status).toBe(404);
    expect((await get<ApiError>('vl-ht', `/api/risk/items?caseId=${d.id}`)).status).toBe(404);

    const unlinked = await call<RiskItemView>('vl-sh', `/api/risk/items/${row.body.id}/deviations/${d.id}`, { method: 'DELETE' });
    expect([unlinked.status, unlinked.body.deviations]).toEqual([200, []]);
    expect((await stack.repos.deviations.get(d.id))?.value.riskItemIds).toEqual([]);
  });
});

describe('who may read and change an assessment', () => {
  let a: RiskAssessmentDetail;
  let row: RiskItemView;

  beforeAll(async () => {
    a = (await post<RiskAssessmentDetail>('vl-sh', '/api/risk/assessments', { unitId: 'sh', area: 'informationSecurity', participantIds: ['deltaker'] })).body;
    row = (await post<RiskItemView>('vl-sh', `/api/risk/assessments/${a.id}/items`, { process: 'Journalsystem', whatCanGoWrong: 'Uvedkommende leser journaler', likelihood: 2, consequence: 5, consequenceTypes: ['privacy'] })).body;
  });

  it('another unit’s leader cannot see it, let alone change it', async () => {
    expect((await get<ApiError>('vl-ht', `/api/risk/assessments/${a.id}`)).status).toBe(404);
    expect((await patch<ApiError>('vl-ht', `/api/risk/items/${row.id}`, { etag: row.etag, likelihood: 1 })).status).toBe(404);
    expect((await post<ApiError>('vl-ht', `/api/risk/assessments/${a.id}/items`, { process: 'x', whatCanGoWrong: 'y', likelihood: 1, consequence: 1 })).status).toBe(404);
    expect((await post<ApiError>('vl-ht', '/api/risk/assessments', { unitId: 'sh' })).status).toBe(403);
  });

  it('an employee gets nothing; a participant reads but does not change', async () => {
    expect((await get<ApiError>('nurse', '/api/risk/assessments')).status).toBe(403);
    expect((await get<ApiError>('nurse', `/api/risk/assessments/${a.id}`)).status).toBe(404);
    const read = await get<RiskAssessmentDetail>('deltaker', `/api/risk/assessments/${a.id}`);
    expect([read.status, read.body.canEdit]).toEqual([200, false]);
    const refused = await patch<ApiError>('deltaker', `/api/risk/items/${row.id}`, { etag: row.etag, likelihood: 1 });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    // Only the assessments they are named on: this one and the round's, not the unit's HSE assessment.
    const listed = (await get<RiskAssessmentSummary[]>('deltaker', '/api/risk/assessments')).body.map((s) => s.id);
    expect(listed.sort()).toEqual([a.id, 'ra-risk-round-2027-sh'].sort());
  });

  it('the quality coordinator of the sector reads it; the kommunalsjef of another sector does not', async () => {
    expect((await get<RiskAssessmentDetail>('kk-mh', `/api/risk/assessments/${a.id}`)).status).toBe(200);
    expect((await get<ApiError>('ks-ol', `/api/risk/assessments/${a.id}`)).status).toBe(404);
  });
});

describe('bad input', () => {
  let a: RiskAssessmentDetail;

  beforeAll(async () => {
    a = (await post<RiskAssessmentDetail>('vl-ht', '/api/risk/assessments', { unitId: 'ht', area: 'project', title: 'Prosjekt: ny turnus' })).body;
  });

  it('scores outside 1–5 are refused with the value named, per field', async () => {
    const res = await post<ApiError>('vl-ht', `/api/risk/assessments/${a.id}/items`, { process: 'Turnus', whatCanGoWrong: 'Underbemanning', likelihood: 7, consequence: 0 });
    expect([res.status, res.body.error.details?.map((d) => d.field)]).toEqual([400, ['likelihood', 'consequence']]);
    expect(res.body.error.details?.[0]?.message).toBe('Sannsynlighet må være et helt tall fra 1 (svært lav) til 5 (svært høy), ikke «7».');
    const fraction = await post<ApiError>('vl-ht', `/api/risk/assessments/${a.id}/items`, { process: 'Turnus', whatCanGoWrong: 'x', likelihood: 2.5, consequence: 3 });
    expect(fraction.body.error.details?.[0]?.message).toContain('«2.5»');
    const text = await post<ApiError>('vl-ht', `/api/risk/assessments/${a.id}/items`, { process: 'Turnus', whatCanGoWrong: 'x', likelihood: 'høy', consequence: 3 });
    expect([text.status, text.body.error.details?.[0]?.field]).toEqual([400, 'likelihood']);
  });

  it('mandatory fields, half a residual position, unknown consequence types and areas are refused in Norwegian', async () => {
    const missing = await post<ApiError>('vl-ht', `/api/risk/assessments/${a.id}/items`, { process: ' ', whatCanGoWrong: '', likelihood: 2 });
    expect(missing.body.error.details?.map((d) => d.field)).toEqual(['process', 'whatCanGoWrong', 'consequence']);
    const half = await post<ApiError>('vl-ht', `/api/risk/assessments/${a.id}/items`, { process: 'T', whatCanGoWrong: 'x', likelihood: 2, consequence: 2, residualLikelihood: 1 });
    expect(half.body.error.details?.[0]).toEqual({ field: 'residualConsequence', message: 'Fyll ut både sannsynlighet og konsekvens etter tiltak (eller ingen av dem).' });
    const type = await post<ApiError>('vl-ht', `/api/risk/assessments/${a.id}/items`, { process: 'T', whatCanGoWrong: 'x', likelihood: 2, consequence: 2, consequenceTypes: ['fire'] });
    expect(type.body.error.details?.[0]?.field).toBe('consequenceTypes.0');
    const area = await post<ApiError>('vl-ht', '/api/risk/assessments', { unitId: 'ht', area: 'weather' });
    expect([area.status, area.body.error.details?.[0]?.field]).toEqual([400, 'area']);
    expect((await get<ApiError>('vl-ht', '/api/risk/assessments?status=done')).status).toBe(400);
    const notJson = await call<ApiError>('vl-ht', `/api/risk/assessments/${a.id}/items`, { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect((await get<RiskAssessmentDetail>('vl-ht', `/api/risk/assessments/${a.id}`)).body.items).toEqual([]);
  });

  it('a step the status does not allow is 409; a stale assessment version is a conflict with the assessment as it is', async () => {
    const compile = await post<ApiError>('vl-ht', `/api/risk/assessments/${a.id}/actions`, { etag: a.etag, type: 'compile' });
    expect(compile.status).toBe(403);
    const renamed = await patch<RiskAssessmentDetail>('vl-ht', `/api/risk/assessments/${a.id}`, { etag: a.etag, title: 'Prosjekt: ny turnus 2027' });
    expect(renamed.status).toBe(200);
    const stale = await patch<RiskApiError>('vl-ht', `/api/risk/assessments/${a.id}`, { etag: a.etag, title: 'Noe annet' });
    expect([stale.status, stale.body.error.currentAssessment?.title]).toEqual([409, 'Prosjekt: ny turnus 2027']);
    const empty = await post<ApiError>('vl-ht', `/api/risk/assessments/${a.id}/actions`, { etag: renamed.body.etag, type: 'submit' });
    expect([empty.status, empty.body.error.message]).toEqual([400, 'Risikovurderingen har ingen rader. Legg inn minst én hovedoppgave før den sendes.']);
    const deleted = await call<null>('vl-ht', `/api/risk/assessments/${a.id}?etag=${encodeURIComponent(renamed.body.etag)}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await get<ApiError>('vl-ht', `/api/risk/assessments/${a.id}`)).status).toBe(404);
  });
});

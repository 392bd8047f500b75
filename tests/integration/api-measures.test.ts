// The action list over real HTTP, against the app as `npm start` composes it: scope per persona, filters and paging
// on SharePoint's indexed queries, completing with an evaluation (and a stale etag), the Excel export, bad input.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deviation, Measure } from '../../src/domain/index.js';
import { PEOPLE, UNITS, deviation } from '../../src/domain/test-fixtures.js';
import { HIDDEN_TITLE } from '../../src/app/action-list/index.js';
import type { ApiError, CaseDetail, MeasurePage, MeasureView } from '../../src/server/api/contract.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';

const NOW = new Date('2026-03-10T12:00:00Z');

const CASE: Deviation = deviation({ id: 'act-d1', caseNumber: 'AV-2026-00077', unitId: 'sh-a' });

function measure(id: string, patch: Partial<Measure>): Measure {
  return {
    id,
    title: `Tiltak ${id}`,
    description: 'Beskrivelse',
    source: { type: 'riskItem', riskItemId: `r-${id}` },
    ownerId: 'tl-a',
    unitId: 'sh-a',
    deadline: '2026-04-01',
    status: 'open',
    createdAt: '2026-01-01T08:00:00.000Z',
    completedAt: null,
    evaluation: null,
    cancelReason: null,
    ...patch,
  };
}

const MEASURES: Measure[] = [
  measure('a1', { unitId: 'sh-a', ownerId: 'nurse', deadline: '2026-03-09', source: { type: 'deviation', deviationId: CASE.id } }), // overdue
  measure('a2', { unitId: 'sh-a-natt', deadline: '2026-03-10' }), // due today
  measure('a3', { unitId: 'sh', ownerId: 'vl-sh', deadline: '2026-02-01', status: 'inProgress', source: { type: 'audit', auditId: 'rev-1' } }), // overdue
  measure('a4', { unitId: 'ht', ownerId: 'vl-ht', deadline: '2026-05-01' }),
  measure('a5', { unitId: 'sk', ownerId: 'nurse', deadline: '2026-06-01', source: { type: 'meetingDecision', decisionId: 'v-1' } }), // the nurse's, in another sector
  measure('a6', { unitId: 'sk', ownerId: 'vl-sk', deadline: '2026-01-15' }), // overdue
  measure('a7', { unitId: 'sh-a', deadline: '2026-01-10', status: 'done', completedAt: '2026-01-09T10:00:00.000Z', evaluation: 'Fungerte.' }),
  measure('a8', { unitId: 'mh', ownerId: 'ks-mh', deadline: '2026-03-20' }),
];

let stack: AppStack;
const tokens = new Map<string, string>();
const as = async (personId: string) => {
  if (!tokens.has(personId)) tokens.set(personId, await stack.signIn(personId));
  return tokens.get(personId) as string;
};
const get = async (personId: string, query = '') => stack.api(await as(personId), `/api/measures${query}`);
const page = async (personId: string, query = '') => {
  const res = await get(personId, query);
  expect(res.status).toBe(200);
  return (await res.json()) as MeasurePage;
};
const ids = (p: MeasurePage) => p.items.map((m) => m.id);
const complete = async (personId: string, id: string, body: unknown) => stack.api(await as(personId), `/api/measures/${id}/complete`, { method: 'POST', json: body });

beforeAll(async () => {
  stack = await startAppStack({ municipality: { units: UNITS, people: Object.values(PEOPLE), deviations: [CASE], measures: MEASURES }, now: () => NOW });
  await stack.composition.api.caseIndex.ready;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('GET /api/measures: whose measures', () => {
  it('each persona sees exactly their scope (open and in progress by default), earliest deadline first', async () => {
    const expected: [string, string[]][] = [
      [PEOPLE.qualityAdviser.id, ['a6', 'a3', 'a1', 'a2', 'a8', 'a4', 'a5']],
      [PEOPLE.chiefExecutive.id, ['a6', 'a3', 'a1', 'a2', 'a8', 'a4', 'a5']],
      // The sector (one SectorId clause: the column written beside every measure), the unit on it included.
      [PEOPLE.sectorHeadMh.id, ['a3', 'a1', 'a2', 'a8', 'a4']],
      [PEOPLE.unitLeaderSh.id, ['a3', 'a1', 'a2']],
      [PEOPLE.serviceLeaderA.id, ['a1', 'a2']],
      [PEOPLE.nightLeader.id, ['a2']],
      // Employees: what they own, wherever it is.
      [PEOPLE.nurse.id, ['a1', 'a5']],
      [PEOPLE.otherNurse.id, []],
    ];
    for (const [personId, want] of expected) expect([personId, ids(await page(personId))]).toEqual([personId, want]);
  });

  it('shows owner, unit, deadline, status, overdue (Oslo) and the case number of a deviation measure', async () => {
    const p = await page(PEOPLE.serviceLeaderA.id);
    const a1 = p.items.find((m) => m.id === 'a1') as MeasureView;
    expect(a1).toMatchObject({
      title: 'Tiltak a1',
      source: 'deviation',
      sourceId: CASE.id,
      sourceLabel: 'AV-2026-00077',
      owner: { id: 'nurse', name: 'nurse' },
      unitId: 'sh-a',
      unitName: 'Avdeling A',
      deadline: '2026-03-09',
      status: 'open',
      overdue: true,
    });
    expect(a1.etag).toBeTruthy();
    // Due today is not overdue yet.
    expect(p.items.find((m) => m.id === 'a2')?.overdue).toBe(false);
  });
});

describe('GET /api/measures: filters and paging', () => {
  it('filters by source, unit (and below), status, overdue and mine', async () => {
    const adviser = PEOPLE.qualityAdviser.id;
    expect(ids(await page(adviser, '?source=audit'))).toEqual(['a3']);
    expect(ids(await page(adviser, '?unitId=sh'))).toEqual(['a3', 'a1', 'a2']);
    expect(ids(await page(adviser, '?unitId=mh'))).toEqual(['a3', 'a1', 'a2', 'a8', 'a4']);
    expect(ids(await page(adviser, '?status=done'))).toEqual(['a7']);
    expect(ids(await page(adviser, '?status=done,open&unitId=sh-a'))).toEqual(['a7', 'a1', 'a2']);
    expect(ids(await page(adviser, '?overdue=true'))).toEqual(['a6', 'a3', 'a1']);
    expect(ids(await page(adviser, '?overdue=true&status=done'))).toEqual([]);
    expect(ids(await page(PEOPLE.unitLeaderSh.id, '?mine=true'))).toEqual(['a3']);
    expect(ids(await page(PEOPLE.sectorHeadMh.id, '?overdue=true&unitId=sh-a'))).toEqual(['a1']);
  });

  it('a unit outside the scope shows only the viewer\'s own measures there', async () => {
    expect(ids(await page(PEOPLE.nurse.id, '?unitId=ol'))).toEqual(['a5']);
    expect(ids(await page(PEOPLE.unitLeaderSh.id, '?unitId=ol'))).toEqual([]);
  });

  it('pages on the server: following the continuation gives every row once, in order', async () => {
    const seen: string[] = [];
    let continuation: string | null = null;
    let pages = 0;
    do {
      const q: string = `?pageSize=2${continuation ? `&continuation=${encodeURIComponent(continuation)}` : ''}`;
      const p = await page(PEOPLE.qualityAdviser.id, q);
      expect(p.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(p));
      continuation = p.continuation;
      pages++;
    } while (continuation !== null && pages < 10);
    expect(seen).toEqual(['a6', 'a3', 'a1', 'a2', 'a8', 'a4', 'a5']);
    expect(pages).toBe(4);
  });

  it('answers bad queries with 400 invalidRequest and the field, in Norwegian', async () => {
    const bad: [string, string][] = [
      ['?status=ferdig', 'status'],
      ['?status=', 'status'],
      ['?source=epost', 'source'],
      ['?overdue=ja', 'overdue'],
      ['?mine=1', 'mine'],
      ['?pageSize=0', 'pageSize'],
      ['?pageSize=101', 'pageSize'],
      ['?pageSize=to', 'pageSize'],
      ['?unitId=finnes-ikke', 'unitId'],
      ['?continuation=%25%25%25', 'continuation'],
    ];
    for (const [query, field] of bad) {
      const res = await get(PEOPLE.qualityAdviser.id, query);
      const body = (await res.json()) as ApiError;
      expect([query, res.status, body.error.code, body.error.details?.[0]?.field]).toEqual([query, 400, 'invalidRequest', field]);
      expect(body.error.details?.[0]?.message).toMatch(/[a-zæøå]/);
    }
    expect((await stack.api(null, '/api/measures')).status).toBe(401);
  });
});

describe('POST /api/measures/:id/complete', () => {
  it('the owner marks it done with the comment as evaluation; the list and the overdue flag follow', async () => {
    const before = (await page(PEOPLE.nurse.id)).items.find((m) => m.id === 'a1') as MeasureView;
    const res = await complete(PEOPLE.nurse.id, 'a1', { etag: before.etag, comment: '  Rutinen er oppdatert og gjennomgått.  ' });
    expect(res.status).toBe(200);
    const done = (await res.json()) as MeasureView;
    expect(done).toMatchObject({ id: 'a1', status: 'done', evaluation: 'Rutinen er oppdatert og gjennomgått.', overdue: false, completedAt: NOW.toISOString() });
    expect(done.etag).not.toBe(before.etag);
    expect(ids(await page(PEOPLE.nurse.id))).toEqual(['a5']);
    const stored = await stack.repos.measures.get('a1');
    expect(stored?.value).toMatchObject({ status: 'done', evaluation: 'Rutinen er oppdatert og gjennomgått.' });

    // The same etag again: someone (here: the same person) saved since → 409 with the measure as it is now.
    const stale = await complete(PEOPLE.nurse.id, 'a1', { etag: before.etag, comment: 'Igjen.' });
    expect(stale.status).toBe(409);
    const conflict = (await stale.json()) as ApiError;
    expect(conflict.error.code).toBe('conflict');
    expect(conflict.error.message).toMatch(/endret av noen andre/);
    expect(conflict.error.currentMeasure).toMatchObject({ id: 'a1', status: 'done', etag: done.etag });
  });

  it('a stale etag is a 409 even when the other change was not a completion', async () => {
    const before = (await page(PEOPLE.unitLeaderSh.id)).items.find((m) => m.id === 'a2') as MeasureView;
    const stored = await stack.repos.measures.get('a2');
    if (!stored) throw new Error('a2 missing');
    await stack.repos.measures.update({ ...stored.value, status: 'inProgress' }, stored.etag);
    const res = await complete(PEOPLE.unitLeaderSh.id, 'a2', { etag: before.etag, comment: 'Gjort.' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ApiError).error.currentMeasure?.status).toBe('inProgress');
    expect((await stack.repos.measures.get('a2'))?.value.status).toBe('inProgress');
  });

  it('a leader above may; others who see it get 403, those who do not 404', async () => {
    const a4 = (await page(PEOPLE.sectorHeadMh.id)).items.find((m) => m.id === 'a4') as MeasureView;
    expect((await complete(PEOPLE.qualityAdviser.id, 'a4', { etag: a4.etag, comment: 'x' })).status).toBe(403);
    expect((await complete(PEOPLE.unitLeaderSh.id, 'a4', { etag: a4.etag, comment: 'x' })).status).toBe(404);
    expect((await complete(PEOPLE.nurse.id, 'a4', { etag: a4.etag, comment: 'x' })).status).toBe(404);
    expect((await complete(PEOPLE.nurse.id, 'finnes-ikke', { etag: a4.etag, comment: 'x' })).status).toBe(404);
    const res = await complete(PEOPLE.sectorHeadMh.id, 'a4', { etag: a4.etag, comment: 'Fulgt opp i KLG.' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as MeasureView).status).toBe('done');
  });

  it('a measure that cannot be done from its state is 409 invalidState', async () => {
    const stored = await stack.repos.measures.get('a8');
    if (!stored) throw new Error('a8 missing');
    const cancelled = await stack.repos.measures.update({ ...stored.value, status: 'cancelled', cancelReason: 'Ikke aktuelt.' }, stored.etag);
    const res = await complete(PEOPLE.sectorHeadMh.id, 'a8', { etag: cancelled.etag, comment: 'Gjort.' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ApiError).error.code).toBe('invalidState');
  });

  it('bad bodies are 400', async () => {
    for (const body of [{}, { etag: 'x' }, { etag: 'x', comment: '   ' }, { etag: '', comment: 'ok' }, { etag: 'x', comment: 'a'.repeat(4001) }, 'tekst']) {
      const res = await complete(PEOPLE.nurse.id, 'a5', body);
      expect([JSON.stringify(body).slice(0, 30), res.status]).toEqual([JSON.stringify(body).slice(0, 30), 400]);
    }
    const notJson = await stack.api(await as(PEOPLE.nurse.id), '/api/measures/a5/complete', { method: 'POST', body: '{nei', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
  });
});

describe('GET /api/measures/export.xlsx', () => {
  it('a workbook with the same rows as the list, Norwegian headers, dates and the overdue rows marked', async () => {
    const token = await as(PEOPLE.qualityAdviser.id);
    const list = await page(PEOPLE.qualityAdviser.id, '?status=open,inProgress,done');
    const res = await stack.api(token, '/api/measures/export.xlsx?status=open,inProgress,done');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="aksjonsliste-2026-03-10.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Aksjonsliste');
    if (!ws) throw new Error('no sheet');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['Tiltak', 'Kilde', 'Referanse', 'Enhet', 'Ansvarlig', 'Frist', 'Status', 'Forfalt', 'Utført', 'Evaluering']);
    const titles: string[] = [];
    for (let r = 2; r <= list.items.length + 1; r++) titles.push(String(ws.getRow(r).getCell(1).value));
    expect(titles).toEqual(list.items.map((m) => m.title));
    const a6 = ws.getRow(titles.indexOf('Tiltak a6') + 2);
    expect((a6.getCell(6).value as Date).toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(a6.getCell(6).numFmt).toBe('dd.mm.yyyy');
    expect(a6.getCell(8).value).toBe('Ja');
    const fill = a6.getCell(1).fill;
    expect(fill?.type === 'pattern' && fill.fgColor?.argb).toBe('FFFFC7CE');
    // Done, not overdue: no highlight, and the completion day as a date.
    const a7 = ws.getRow(titles.indexOf('Tiltak a7') + 2);
    expect(a7.getCell(8).value).toBe('Nei');
    expect(a7.getCell(1).fill?.type === 'pattern').toBe(false);
    expect((a7.getCell(9).value as Date).toISOString()).toBe('2026-01-09T00:00:00.000Z');
  });

  it('takes the same filters, keeps to the viewer\'s scope and refuses bad ones', async () => {
    const res = await stack.api(await as(PEOPLE.nurse.id), '/api/measures/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Aksjonsliste');
    expect(ws?.getRow(2).getCell(1).value).toBe('Tiltak a5');
    expect(String(ws?.getRow(3).getCell(1).value ?? '')).toBe('');
    expect((await stack.api(await as(PEOPLE.nurse.id), '/api/measures/export.xlsx?overdue=kanskje')).status).toBe(400);
  });
});

describe('measures on a health-related case', () => {
  // Last in the file: it adds a case and a measure the lists above do not expect.
  const HEALTH_CASE: Deviation = deviation({ id: 'act-h1', caseNumber: 'AV-2026-00078', unitId: 'sh-a', healthRelated: true, measureIds: ['h1'] });
  const TITLE = 'Gjennomgå insulinrutinen for beboeren på rom 12';
  const hidden = { title: '', description: '', evaluation: null, healthDetailsHidden: true, sourceLabel: 'AV-2026-00078' };
  const shown = { title: TITLE, description: 'Beskrivelse', healthDetailsHidden: false, sourceLabel: 'AV-2026-00078' };
  const h1 = async (personId: string) => (await page(personId, '?unitId=sh-a')).items.find((m) => m.id === 'h1');

  beforeAll(async () => {
    // No timed delta rounds from here on: the case stays out of the index until the test asks for a round.
    stack.composition.api.caseIndex.stop();
    await stack.repos.deviations.create(HEALTH_CASE);
    await stack.repos.measures.create(measure('h1', { title: TITLE, unitId: 'sh-a', ownerId: PEOPLE.otherNurse.id, deadline: '2026-04-15', source: { type: 'deviation', deviationId: HEALTH_CASE.id } }));
  });

  it('shows its text only to whom the case view shows the health details (the leader of the case\'s unit), and to its owner', async () => {
    // Not in the case index yet (as a case reported seconds ago): the case is read from SharePoint; then from the index.
    expect(stack.composition.api.caseIndex.get(HEALTH_CASE.id)).toBeUndefined();
    for (const round of ['case read by id', 'case from the index']) {
      if (round === 'case from the index') {
        await stack.composition.api.caseIndex.refresh(0);
        expect(stack.composition.api.caseIndex.get(HEALTH_CASE.id)).toBeDefined();
      }
      expect([round, await h1(PEOPLE.serviceLeaderA.id)]).toMatchObject([round, shown]);
      expect([round, await h1(PEOPLE.otherNurse.id)]).toMatchObject([round, shown]);
      for (const above of [PEOPLE.unitLeaderSh.id, PEOPLE.sectorHeadMh.id, PEOPLE.qualityAdviser.id, PEOPLE.chiefExecutive.id]) {
        expect([round, above, await h1(above)]).toMatchObject([round, above, hidden]);
      }
    }
    // Measures on other cases are not touched.
    expect((await page(PEOPLE.unitLeaderSh.id)).items.filter((m) => m.id !== 'h1').every((m) => m.title !== '' && !m.healthDetailsHidden)).toBe(true);
  });

  it('the case view applies the same rule to the case\'s measures', async () => {
    const measuresAs = async (personId: string) => ((await (await stack.api(await as(personId), `/api/cases/${HEALTH_CASE.id}`)).json()) as CaseDetail).measures;
    expect(await measuresAs(PEOPLE.unitLeaderSh.id)).toMatchObject([{ id: 'h1', ...hidden }]);
    expect(await measuresAs(PEOPLE.serviceLeaderA.id)).toMatchObject([{ id: 'h1', ...shown }]);
  });

  it('the export names it as hidden and holds none of its text', async () => {
    const res = await stack.api(await as(PEOPLE.unitLeaderSh.id), '/api/measures/export.xlsx?unitId=sh-a');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Aksjonsliste');
    const rows: string[][] = [];
    ws?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    expect(rows.find((r) => r[2] === 'AV-2026-00078')?.[0]).toBe(HIDDEN_TITLE);
    expect(rows.flat().some((cell) => cell.includes('insulin'))).toBe(false);
  });
});

// The action list past SharePoint's list view threshold, over real HTTP against the app as `npm start` composes it:
// 7,000 measures, so a kommunalsjef's sector (5,600), the active statuses (6,000) or "overdue" (most of them) would
// each select more than 5,000 items as the first condition, which the emulator refuses as SharePoint does. Every page
// still shows the right measures, earliest deadline first, each once; the export holds them all; a narrow filter leads;
// the daily reminder digest for the sector's channel has every overdue measure under it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Measure, MeasureStatus } from '../../src/domain/index.js';
import { PEOPLE, UNITS } from '../../src/domain/test-fixtures.js';
import type { MeasurePage } from '../../src/server/api/contract.js';
import { apiClient } from '../support/api-client.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const TODAY = '2026-03-10';
const SIZE = 7000;
const UNIT_CYCLE = ['sh-a', 'sh', 'ht', 'sh-a-natt', 'sk'] as const;
const OWNER_CYCLE = ['nurse', 'tl-a', 'vl-sh'] as const;
const IN_MH = new Set(['mh', 'sh', 'ht', 'sh-a', 'sh-a-natt']);
const ACTIVE = new Set<MeasureStatus>(['open', 'inProgress']);

let stack: AppStack;
const { as, get } = apiClient(() => stack);
let measures: Measure[] = [];

/** Twenty measures due each day from 2025-04-01 (to mid-March 2026), one in seven done. */
function measureAt(i: number): Measure {
  const deadline = new Date(Date.UTC(2025, 3, 1) + Math.floor(i / 20) * 86_400_000).toISOString().slice(0, 10);
  const done = i % 7 === 0;
  return {
    id: `lvt-m-${String(i).padStart(5, '0')}`,
    title: `Tiltak ${i}`,
    description: 'Beskrivelse',
    source: { type: 'riskItem', riskItemId: `r-${i}` },
    ownerId: OWNER_CYCLE[i % OWNER_CYCLE.length] as string,
    unitId: UNIT_CYCLE[i % UNIT_CYCLE.length] as string,
    deadline,
    status: done ? 'done' : i % 2 === 0 ? 'open' : 'inProgress',
    createdAt: '2025-01-01T08:00:00.000Z',
    completedAt: done ? '2025-03-01T08:00:00.000Z' : null,
    evaluation: done ? 'Fungerte.' : null,
    cancelReason: null,
  };
}

/** Every page of the action list for `who`, following the continuation to the end. */
async function allPages(who: string, query: string): Promise<MeasurePage[]> {
  const pages: MeasurePage[] = [];
  let continuation: string | null = null;
  do {
    const res: { status: number; body: MeasurePage } = await get<MeasurePage>(who, `/api/measures?pageSize=100&${query}${continuation ? `&continuation=${continuation}` : ''}`);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    pages.push(res.body);
    continuation = res.body.continuation;
    expect(pages.length).toBeLessThan(200);
  } while (continuation !== null);
  return pages;
}

function expectAll(pages: MeasurePage[], expected: Measure[]) {
  const items = pages.flatMap((p) => p.items);
  const ids = items.map((i) => i.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(expected.map((m) => m.id).sort());
  for (let i = 1; i < items.length; i++) expect((items[i] as { deadline: string }).deadline >= (items[i - 1] as { deadline: string }).deadline).toBe(true);
}

beforeAll(async () => {
  // The sector's leader channel gets the daily digest of what is overdue under it.
  stack = await startAppStack({ municipality: { units: UNITS, people: Object.values(PEOPLE), leaderChannels: { mh: '19:mh-ledere@thread.tacv2' } }, now: () => NOW });
  measures = Array.from({ length: SIZE }, (_, i) => measureAt(i));
  const result = await stack.repos.measures.createMany(measures.map((m) => ({ importKey: `lvt:${m.id}`, value: m })));
  expect(result.failed).toEqual([]);
  const index = stack.composition.api.measureIndex;
  await index.ready;
  await index.refresh(0);
  expect(index.size).toBe(SIZE);
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the action list past the list view threshold', () => {
  it("a kommunalsjef's sector (5,600 of 7,000 measures): every active one once, earliest deadline first", async () => {
    const expected = measures.filter((m) => IN_MH.has(m.unitId) && ACTIVE.has(m.status));
    expect(expected.length).toBeGreaterThan(4000);
    expectAll(await allPages(PEOPLE.sectorHeadMh.id, ''), expected);
  });

  it('the whole municipality, overdue only and with done too: the measures the filters name, in order', async () => {
    const kr = PEOPLE.qualityAdviser.id;
    expectAll(await allPages(kr, 'overdue=true'), measures.filter((m) => ACTIVE.has(m.status) && m.deadline < TODAY));
    expectAll(await allPages(kr, 'status=open,inProgress,done'), measures);
  });

  it('a narrow filter leads: one unit (with the units below it), or "mine" for someone who owns a third of them', async () => {
    expectAll(await allPages(PEOPLE.qualityAdviser.id, 'unitId=sk'), measures.filter((m) => m.unitId === 'sk' && ACTIVE.has(m.status)));
    expectAll(await allPages(PEOPLE.sectorHeadMh.id, 'unitId=sh-a&overdue=true'), measures.filter((m) => (m.unitId === 'sh-a' || m.unitId === 'sh-a-natt') && ACTIVE.has(m.status) && m.deadline < TODAY));
    expectAll(await allPages(PEOPLE.nurse.id, 'mine=true'), measures.filter((m) => m.ownerId === 'nurse' && ACTIVE.has(m.status)));
    // A unit outside the kommunalsjef's sector: the unit (1,400) leads instead of the sector (5,600); none is theirs.
    expectAll(await allPages(PEOPLE.sectorHeadMh.id, 'unitId=sk'), []);
  });

  it("the kommunalsjef's export holds every row, in the list's order", async () => {
    const expected = measures.filter((m) => IN_MH.has(m.unitId) && ACTIVE.has(m.status)).sort((a, b) => a.deadline.localeCompare(b.deadline));
    const res = await stack.api(await as(PEOPLE.sectorHeadMh.id), '/api/measures/export.xlsx');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Aksjonsliste');
    if (!ws) throw new Error('no sheet');
    const titles: string[] = [];
    const deadlines: number[] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const title = ws.getRow(r).getCell(1).value;
      if (typeof title !== 'string' || !title.startsWith('Tiltak ')) continue;
      titles.push(title);
      deadlines.push((ws.getRow(r).getCell(6).value as Date).getTime());
    }
    expect([...titles].sort()).toEqual(expected.map((m) => m.title).sort());
    expect(new Set(titles).size).toBe(titles.length);
    for (let i = 1; i < deadlines.length; i++) expect((deadlines[i] as number) >= (deadlines[i - 1] as number)).toBe(true);
  });

  it("the daily reminder digest reads every overdue measure: the sector's channel lists each one under it", async () => {
    const summary = await stack.composition.reminders.runDailyReminders(NOW);
    expect(summary.channels).toBe(1);
    expect(summary.measures).toBe(measures.filter((m) => IN_MH.has(m.unitId) && ACTIVE.has(m.status) && m.deadline < TODAY).length);
  }, 120_000);
});

// The inbox past SharePoint's list view threshold, over real HTTP against the app as `npm start` composes it: 6,000
// cases, so a kommunalsjef's sector (4,800) or a status most cases have cannot lead the query (the emulator refuses a
// first condition that selects more than 5,000 items, as SharePoint does). Every page still shows the right cases, in
// order, each once; sorting such a selection by severity is refused with what to narrow; a narrow filter leads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deviation, Severity } from '../../src/domain/index.js';
import { PEOPLE, UNITS, deviation } from '../../src/domain/test-fixtures.js';
import type { ApiError, CasePage } from '../../src/server/api/contract.js';
import { apiClient, graphRequestsDuring } from '../support/api-client.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';

const NOW = new Date('2026-03-10T10:00:00Z');
const SIZE = 6000;
const UNIT_CYCLE = ['sh-a', 'sh', 'ht', 'sh-a-natt', 'sk'] as const;
const SEVERITY_CYCLE: Severity[] = ['low', 'medium', 'high'];
const IN_MH = new Set(['mh', 'sh', 'ht', 'sh-a', 'sh-a-natt']);

let stack: AppStack;
const { get } = apiClient(() => stack);
let cases: Deviation[] = [];

const graphRequests = (work: () => Promise<unknown>) => graphRequestsDuring(stack, work);

/** Every page of the inbox for `who`, following the continuation to the end. */
async function allPages(who: string, query: string): Promise<{ pages: CasePage[]; requests: number[] }> {
  const pages: CasePage[] = [];
  const requests: number[] = [];
  let continuation: string | null = null;
  do {
    const url: string = `/api/cases?pageSize=100&${query}${continuation ? `&continuation=${continuation}` : ''}`;
    let res: { status: number; body: CasePage } | undefined;
    requests.push(await graphRequests(async () => (res = await get<CasePage>(who, url))));
    expect(res?.status, JSON.stringify(res?.body).slice(0, 300)).toBe(200);
    pages.push((res as { body: CasePage }).body);
    continuation = (res as { body: CasePage }).body.continuation;
    expect(pages.length).toBeLessThan(200);
  } while (continuation !== null);
  return { pages, requests };
}

function expectAll(pages: CasePage[], expected: Deviation[], direction: 'asc' | 'desc') {
  const items = pages.flatMap((p) => p.items);
  const ids = items.map((i) => i.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.sort()).toEqual(expected.map((d) => d.id).sort());
  const times = items.map((i) => Date.parse(i.reportedAt));
  for (let i = 1; i < times.length; i++) expect(direction === 'desc' ? (times[i] as number) <= (times[i - 1] as number) : (times[i] as number) >= (times[i - 1] as number)).toBe(true);
}

beforeAll(async () => {
  stack = await startAppStack({ municipality: { units: UNITS, people: Object.values(PEOPLE) }, now: () => NOW });
  // Three cases a minute (ties at the same second), most of them closed, severities evenly spread.
  cases = Array.from({ length: SIZE }, (_, i) =>
    deviation({
      id: `lvt-${i}`,
      caseNumber: `AV-2025-${String(i + 1).padStart(5, '0')}`,
      unitId: UNIT_CYCLE[i % UNIT_CYCLE.length] as string,
      status: i % 7 === 0 ? 'new' : 'closed',
      severity: SEVERITY_CYCLE[i % 3] as Severity,
      reportedAt: new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 3) * 60_000).toISOString(),
      history: [],
    }),
  );
  const result = await stack.repos.deviations.createMany(cases.map((d) => ({ importKey: `lvt:${d.id}`, value: d })));
  expect(result.failed).toEqual([]);
  const index = stack.composition.api.caseIndex;
  await index.ready;
  await index.refresh(0);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the inbox past the list view threshold', () => {
  it("a kommunalsjef's sector (4,800 of 6,000 cases): newest first, every case once, one Graph request for the first page", async () => {
    await get<CasePage>('ks-mh', '/api/cases?pageSize=100'); // the handlers' names kept, as on every later page
    const { pages, requests } = await allPages('ks-mh', '');
    expect(requests[0]).toBe(1);
    expect(Math.max(...requests)).toBeLessThanOrEqual(2);
    expect(pages[0]?.items).toHaveLength(100);
    expect(pages[0]?.counts?.total).toBe(4800);
    expectAll(pages, cases.filter((d) => IN_MH.has(d.unitId)), 'desc');
  });

  it('oldest first, and with a status most cases have and a period: the same cases the filters name, in order', async () => {
    expectAll((await allPages('ks-mh', 'sort=reportedAt')).pages, cases.filter((d) => IN_MH.has(d.unitId)), 'asc');
    const from = '2025-01-02';
    const to = '2025-01-04';
    const inPeriod = (d: Deviation) => d.reportedAt >= '2025-01-01T23:00:00.000Z' && d.reportedAt < '2025-01-04T23:00:00.000Z';
    expectAll((await allPages('kr', `status=closed&from=${from}&to=${to}`)).pages, cases.filter((d) => d.status === 'closed' && inPeriod(d)), 'desc');
    expectAll((await allPages('kr', 'status=closed')).pages, cases.filter((d) => d.status === 'closed'), 'desc');
  });

  it('sorting a selection that broad by severity is refused in Norwegian, with what to narrow; a narrow filter leads instead', async () => {
    const refused = await get<ApiError>('ks-mh', '/api/cases?sort=-severity');
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('Utvalget er for stort til å sorteres');
    expect(JSON.stringify(refused.body)).toContain('sorter etter dato');

    // Severity 'high' is 2,000 cases: it goes first, and the whole sector's high cases come in one query a page.
    const high = await allPages('ks-mh', 'severity=high&sort=-severity');
    expect(Math.max(...high.requests)).toBe(1);
    expect(high.pages.flatMap((p) => p.items.map((i) => i.id)).sort()).toEqual(cases.filter((d) => IN_MH.has(d.unitId) && d.severity === 'high').map((d) => d.id).sort());
    // One unit is narrow by itself.
    expect((await get<CasePage>('ks-mh', '/api/cases?unitId=sh-a&sort=-severity')).status).toBe(200);
  });

  it('the whole municipality with no filter needs no window; a made-up window in a continuation is 400, not a SharePoint refusal', async () => {
    expect(await graphRequests(() => get<CasePage>('kr', '/api/cases?pageSize=50'))).toBe(1);
    const wide = `w${Buffer.from(JSON.stringify({ f: null, b: null, c: null })).toString('base64url')}`;
    const res = await get<ApiError>('ks-mh', `/api/cases?continuation=${wide}`);
    expect(res.status).toBe(400);
  });
});

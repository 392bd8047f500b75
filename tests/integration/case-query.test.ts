// The inbox's data layer against the emulator: SectorId and the rank columns written on every save, the query by scope,
// filters and sort in one request per page, past the 5,000-item threshold, the backfill, and the stores case work adds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeviationQuery, QueryTooBroad } from '../../src/app/ports/index.js';
import type { Deviation } from '../../src/domain/index.js';
import { PEOPLE, UNITS, deviation } from '../../src/domain/test-fixtures.js';
import { where } from '../../src/sharepoint/graph/index.js';
import { CASE_ROW_COLUMNS } from '../../src/sharepoint/mapping/deviation.js';
import { InvalidContinuationError } from '../../src/sharepoint/repositories/index.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { type VardeSite, provisionedSite } from '../support/varde-site.js';

let em: TestEmulator;
let site: VardeSite;

let serial = 0;
const newCase = (patch: Partial<Deviation> = {}): Deviation => {
  serial++;
  return deviation({ id: `q-${serial}`, caseNumber: `AV-2026-${String(serial).padStart(5, '0')}`, reportedAt: new Date(Date.UTC(2026, 0, 1) + serial * 60_000).toISOString(), ...patch });
};

/** A list's raw fields by RecordId, read straight through Graph. */
async function rawFields(listTitle: string, recordId: string, site_: 'quality' | 'confidential' = 'quality'): Promise<Record<string, unknown>> {
  const siteId = site.siteIds[site_];
  const lists = await site.client.get<{ value: { id: string; displayName: string }[] }>(`/sites/${siteId}/lists`);
  const list = lists.value.find((l) => l.displayName === listTitle);
  const page = await site.client.get<{ value: { fields: Record<string, unknown> }[] }>(`/sites/${siteId}/lists/${list?.id}/items`, {
    query: { $expand: 'fields' },
    filter: where.eq('RecordId', recordId),
  });
  return page.value[0]?.fields ?? {};
}

/** Requests to the list-items route during `work` (what one page of the inbox costs). */
async function itemRequests(work: () => Promise<unknown>): Promise<number> {
  const route = 'GET /sites/:site/lists/:list/items';
  const before = (await site.metrics()).requests.byRoute[route] ?? 0;
  await work();
  const after = await site.metrics();
  return (after.requests.byRoute[route] ?? 0) - before;
}

const ids = (page: { items: readonly { value: Deviation }[] }) => page.items.map((s) => s.value.id);

beforeAll(async () => {
  em = await startTestEmulator();
  site = await provisionedSite(em);
  // The tree first: the repository reads it for the sector of each case's unit.
  await site.repos.organisation.upsertUnits(UNITS);
  await site.repos.organisation.upsertPeople(Object.values(PEOPLE));
  await site.repos.warmUp();
});

afterAll(async () => {
  await em.close();
});

describe('derived columns', () => {
  it('create, bulk create and update write the sector of the unit, and the severity and status ranks', async () => {
    const one = newCase({ unitId: 'sh-a-natt', severity: 'high' });
    const stored = await site.repos.deviations.create(one);
    expect(await rawFields('Avvik', one.id)).toMatchObject({ SectorId: 'mh', SeverityRank: 3, StatusRank: 1 });

    const bulk = newCase({ unitId: 'sk', severity: null, kind: 'improvementProposal' });
    await site.repos.deviations.createMany([{ importKey: `test:${bulk.id}`, value: bulk }]);
    const raw = await rawFields('Avvik', bulk.id);
    expect(raw).toMatchObject({ SectorId: 'ol', StatusRank: 1 });
    expect(raw.SeverityRank ?? null).toBeNull();

    await site.repos.deviations.update({ ...one, status: 'received', handlerId: 'tl-a' }, stored.etag);
    expect(await rawFields('Avvik', one.id)).toMatchObject({ SectorId: 'mh', StatusRank: 2 });

    const report = newCase({ id: 'q-varsel', caseNumber: 'VA-2026-00001', kind: 'whistleblowingReport', unitId: 'ht' });
    await site.repos.deviations.create(report);
    expect(await rawFields('Varsler', report.id, 'confidential')).toMatchObject({ SectorId: 'mh' });
  });

  it('the backfill brings cases written before the columns existed up to date, and then finds nothing to do', async () => {
    const old = newCase({ unitId: 'ht', status: 'closed', severity: 'low' });
    await site.repos.deviations.create(old);
    // As an older version wrote it: no sector, no ranks.
    const siteId = site.siteIds.quality;
    const lists = await site.client.get<{ value: { id: string; displayName: string }[] }>(`/sites/${siteId}/lists`);
    const avvik = lists.value.find((l) => l.displayName === 'Avvik');
    const found = await site.client.get<{ value: { id: string }[] }>(`/sites/${siteId}/lists/${avvik?.id}/items`, { filter: where.eq('RecordId', old.id) });
    await site.client.patch(`/sites/${siteId}/lists/${avvik?.id}/items/${found.value[0]?.id}/fields`, { SectorId: null, SeverityRank: null, StatusRank: null });
    expect(await rawFields('Avvik', old.id)).not.toHaveProperty('SectorId');

    expect(await site.repos.backfillDerivedColumns()).toBeGreaterThanOrEqual(1);
    expect(await rawFields('Avvik', old.id)).toMatchObject({ SectorId: 'mh', SeverityRank: 1, StatusRank: 5 });
    expect(await site.repos.backfillDerivedColumns()).toBe(0);
  });
});

describe('query', () => {
  const made: Deviation[] = [];
  beforeAll(async () => {
    const rows = [
      newCase({ unitId: 'sh-a', severity: 'low', status: 'new', reporterId: 'nurse' }),
      newCase({ unitId: 'sh-a-natt', severity: 'critical', status: 'closed', reporterId: 'nurse-2', handlerId: 'al-natt' }),
      newCase({ unitId: 'sh', severity: 'medium', status: 'underAnalysis', reporterId: 'nurse', handlerId: 'vl-sh' }),
      newCase({ unitId: 'ht', severity: 'high', status: 'received', reporterId: 'nurse-2', handlerId: 'vl-ht' }),
      newCase({ unitId: 'sk', severity: 'high', status: 'new', reporterId: 'nurse' }),
      newCase({ unitId: 'k', kind: 'improvementProposal', severity: null, status: 'measuresDecided', reporterId: 'kr' }),
    ].map((d) => ({ ...d, id: `set-${d.id}` }));
    made.push(...rows);
    const result = await site.repos.deviations.createMany(rows.map((d) => ({ importKey: `test:${d.id}`, value: d })));
    expect(result.failed).toEqual([]);
  });

  /** The query, restricted to this block's cases (the list holds others' too), in the answer's order. */
  const run = async (q: DeviationQuery) => {
    const page = await site.repos.deviations.query(q, { pageSize: 100 });
    const mine = new Set(made.map((d) => d.id));
    return ids(page).filter((id) => mine.has(id));
  };
  const idOf = (n: number) => made[n]?.id as string;

  it('by sector (one clause for the whole sector), by units, by everything', async () => {
    expect(await run({ scope: { type: 'within', sectorIds: ['mh'], unitIds: [] } })).toEqual([idOf(3), idOf(2), idOf(1), idOf(0)]);
    expect(await run({ scope: { type: 'within', sectorIds: [], unitIds: ['sh-a', 'sh-a-natt'] } })).toEqual([idOf(1), idOf(0)]);
    expect(await run({ scope: { type: 'within', sectorIds: ['ol'], unitIds: ['k'] } })).toEqual([idOf(5), idOf(4)]);
    expect(await run({ scope: { type: 'all' } })).toEqual([5, 4, 3, 2, 1, 0].map(idOf));
  });

  it('by reporter, handler, kinds, statuses, severities and period; several values match any', async () => {
    expect(await run({ scope: { type: 'all' }, reporterId: 'nurse' })).toEqual([idOf(4), idOf(2), idOf(0)]);
    expect(await run({ scope: { type: 'all' }, handlerId: 'vl-ht' })).toEqual([idOf(3)]);
    expect(await run({ scope: { type: 'all' }, kinds: ['improvementProposal'] })).toEqual([idOf(5)]);
    expect(await run({ scope: { type: 'all' }, statuses: ['new', 'received'] })).toEqual([idOf(4), idOf(3), idOf(0)]);
    expect(await run({ scope: { type: 'all' }, severities: ['high', 'critical'] })).toEqual([idOf(4), idOf(3), idOf(1)]);
    const from = made[1]?.reportedAt as string;
    const before = made[4]?.reportedAt as string;
    expect(await run({ scope: { type: 'all' }, reportedFrom: from, reportedBefore: before })).toEqual([idOf(3), idOf(2), idOf(1)]);
  });

  it('sorts by severity and by status in their own order (not their text), ties newest first', async () => {
    expect(await run({ scope: { type: 'all' }, sort: { by: 'severity', direction: 'desc' } })).toEqual([1, 4, 3, 2, 0, 5].map(idOf));
    expect(await run({ scope: { type: 'all' }, sort: { by: 'status', direction: 'asc' } })).toEqual([4, 0, 3, 2, 5, 1].map(idOf));
    expect(await run({ scope: { type: 'all' }, sort: { by: 'reportedAt', direction: 'asc' } })).toEqual([0, 1, 2, 3, 4, 5].map(idOf));
  });

  it('whistleblowing reports only from the confidential store', async () => {
    const ordinary = await site.repos.deviations.query({ scope: { type: 'all' }, kinds: ['whistleblowingReport'] });
    expect(ordinary.items).toEqual([]);
    const confidential = await site.repos.deviations.query({ route: 'confidential', scope: { type: 'all' } });
    expect(ids(confidential)).toContain('q-varsel');
  });

  it('reads many by id in one request, leaving out those not found', async () => {
    let got: string[] = [];
    expect(await itemRequests(async () => (got = (await site.repos.deviations.getMany([idOf(0), idOf(4), 'nope'])).map((s) => s.value.id)))).toBe(1);
    expect(got.sort()).toEqual([idOf(0), idOf(4)].sort());
  });

  it('a continuation from another query, or made up, is an InvalidContinuationError', async () => {
    const first = await site.repos.deviations.query({ scope: { type: 'all' } }, { pageSize: 1 });
    expect(first.continuation).not.toBeNull();
    await expect(site.repos.deviations.query({ scope: { type: 'all' }, sort: { by: 'severity', direction: 'desc' } }, { pageSize: 1, continuation: first.continuation })).rejects.toBeInstanceOf(
      InvalidContinuationError,
    );
    await expect(site.repos.deviations.query({ scope: { type: 'all' } }, { continuation: 'not a token!' })).rejects.toBeInstanceOf(InvalidContinuationError);
  });
});

describe('past the list view threshold', () => {
  const SIZE = 5200;
  beforeAll(async () => {
    const rows = Array.from({ length: SIZE }, (_, i) => newCase({ id: `big-${i}`, unitId: i % 2 === 0 ? 'sh-a' : 'sh', status: i % 10 === 0 ? 'closed' : 'new' }));
    const result = await site.repos.deviations.createMany(rows.map((d) => ({ importKey: `big:${d.id}`, value: d })));
    expect(result.failed).toEqual([]);
  }, 120_000);

  it('the list is past the threshold: a query on a column that is not indexed is refused even when asked to honour it', async () => {
    const lists = await site.client.get<{ value: { id: string; displayName: string }[] }>(`/sites/${site.siteIds.quality}/lists`);
    const avvik = lists.value.find((l) => l.displayName === 'Avvik');
    const res = await em.graph(`/sites/${site.siteIds.quality}/lists/${avvik?.id}/items?$filter=${encodeURIComponent("fields/Title eq 'Feil dose'")}`, {
      headers: { prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' },
    });
    expect(res.status).toBe(429);
  });

  it('a sector whose clause selects more than 5,000 items cannot lead: SharePoint refuses the query (QueryTooBroad)', async () => {
    const q: DeviationQuery = { scope: { type: 'within', sectorIds: ['mh'], unitIds: [] }, statuses: ['new'] };
    await expect(site.repos.deviations.query(q, { pageSize: 100 })).rejects.toBeInstanceOf(QueryTooBroad);
  }, 60_000);

  it('led by a narrow condition, or by a window of ReportedAt, the same sector pages in order to the end, one request a page', async () => {
    // 520 closed cases: the status goes first.
    const closed: DeviationQuery = { scope: { type: 'within', sectorIds: ['mh'], unitIds: [] }, statuses: ['closed'], lead: 'statuses' };
    let page = await site.repos.deviations.query(closed, { pageSize: 100 });
    expect(page.items).toHaveLength(100);
    expect(page.items.every((s) => s.value.status === 'closed')).toBe(true);
    const times = page.items.map((s) => s.value.reportedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(await itemRequests(async () => (page = await site.repos.deviations.query(closed, { pageSize: 100, continuation: page.continuation })))).toBe(1);
    expect(Date.parse(page.items[0]?.value.reportedAt ?? '')).toBeLessThan(Date.parse(times.at(-1) ?? ''));

    // The newest 3,000 big cases as a window: every new one among them, in pages of 1,000, each once.
    const from = (await site.repos.deviations.getMany(['big-2200']))[0]?.value.reportedAt ?? '';
    const q: DeviationQuery = { scope: { type: 'within', sectorIds: ['mh'], unitIds: [] }, statuses: ['new'], window: { from } };
    const seen = new Set<string>();
    let continuation: string | null = null;
    do {
      const next = await site.repos.deviations.query(q, { pageSize: 1000, continuation });
      for (const s of next.items) seen.add(s.value.id);
      continuation = next.continuation;
    } while (continuation !== null);
    const expected = Array.from({ length: SIZE }, (_, i) => i).filter((i) => i >= 2200 && i % 10 !== 0).map((i) => `big-${i}`);
    expect([...seen].filter((id) => id.startsWith('big-')).sort()).toEqual(expected.sort());
  });

  it('the whole municipality sorted by severity: one request', async () => {
    expect(await itemRequests(() => site.repos.deviations.query({ scope: { type: 'all' }, sort: { by: 'severity', direction: 'desc' } }, { pageSize: 50 }))).toBe(1);
  });
});

describe('the stores case work adds', () => {
  it('people by id: many at once, unknown ids left out', async () => {
    const found = await site.repos.organisation.peopleByIds(['tl-a', 'kr', 'nobody', 'tl-a']);
    expect(found.map((p) => p.id).sort()).toEqual(['kr', 'tl-a']);
  });

  it('agenda proposals: created once however often the create is repeated, listed per committee and status', async () => {
    const item = {
      id: 'agenda-1',
      committeeId: 'ku-mh',
      meetingId: null,
      sequence: null,
      year: 2026,
      title: 'AV-2026-00001: Fall',
      description: 'Se på bemanningen.',
      source: { type: 'deviation' as const, deviationId: 'q-1' },
      preparedById: 'vl-sh',
      presenterId: null,
      durationMinutes: 0,
      status: 'proposed' as const,
    };
    await site.repos.agenda.create(item);
    await site.repos.agenda.create(item);
    expect((await site.repos.agenda.get('agenda-1'))?.value).toEqual(item);
    expect(await site.repos.agenda.listForCommittee('ku-mh', 'proposed')).toEqual([item]);
    expect(await site.repos.agenda.listForCommittee('ku-mh', 'accepted')).toEqual([]);
  });

  it('the read log: ordinary reads in the quality site, whistleblowing reads in the confidential one', async () => {
    const failed = await site.repos.caseReads.append([
      { caseId: 'q-1', route: 'ordinary', readerId: 'tl-a', readAt: '2026-03-02T09:00:00.000Z' },
      { caseId: 'q-1', route: 'ordinary', readerId: 'vl-sh', readAt: '2026-03-02T09:05:00.000Z' },
      { caseId: 'q-varsel', route: 'confidential', readerId: 'varsel-mottaker', readAt: '2026-03-02T10:00:00.000Z' },
    ]);
    expect(failed).toEqual([]);
    expect(await site.repos.caseReads.listForCase('q-1', 'ordinary')).toEqual([
      { caseId: 'q-1', route: 'ordinary', readerId: 'tl-a', readAt: '2026-03-02T09:00:00.000Z' },
      { caseId: 'q-1', route: 'ordinary', readerId: 'vl-sh', readAt: '2026-03-02T09:05:00.000Z' },
    ]);
    expect(await site.repos.caseReads.listForCase('q-varsel', 'ordinary')).toEqual([]);
    expect(await site.repos.caseReads.listForCase('q-varsel', 'confidential')).toHaveLength(1);
  });
});

describe('rows for a list', () => {
  it("queryRows and getManyRows read the row's columns and the item's id and ETag only, and give the values the whole case has", async () => {
    const sent: string[] = [];
    const recording = await provisionedSite(em, { fetch: (url, init) => (sent.push(url), fetch(url, init)) });
    await recording.repos.warmUp();
    const cases = [newCase({ unitId: 'sh-a', reporterId: 'row-reporter', severity: 'high', healthRelated: true, handlerId: PEOPLE.unitLeaderSh.id }), newCase({ unitId: 'sk', reporterId: 'row-reporter', severity: null, location: null })];
    for (const d of cases) await site.repos.deviations.create(d);
    const query: DeviationQuery = { scope: { type: 'all' }, reporterId: 'row-reporter' };

    sent.length = 0;
    const rows = await recording.repos.deviations.queryRows(query, { pageSize: 100 });
    const whole = await site.repos.deviations.query(query, { pageSize: 100 });
    expect(rows.items.map((r) => r.id)).toEqual(whole.items.map((s) => s.value.id));
    expect(rows.items.map((r) => r.id).sort()).toEqual(cases.map((d) => d.id).sort());
    rows.items.forEach((row, i) => {
      const d = whole.items[i]?.value as Deviation;
      expect(row).toEqual(Object.fromEntries(Object.keys(row).map((k) => [k, d[k as keyof Deviation]])));
      expect(Object.keys(row)).toHaveLength(11);
    });
    const request = new URL(sent.find((u) => new URL(u).pathname.endsWith('/items')) ?? '');
    expect(request.searchParams.get('$select')).toBe('id,eTag');
    expect(request.searchParams.get('$expand')).toBe(`fields($select=${CASE_ROW_COLUMNS.join(',')})`);
    expect(CASE_ROW_COLUMNS).not.toContain('History');

    // The same rows by id (a page of search results).
    const byId = await recording.repos.deviations.getManyRows([...cases.map((d) => d.id), 'no-such-case']);
    expect([...byId].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...rows.items].sort((a, b) => a.id.localeCompare(b.id)));
  });
});

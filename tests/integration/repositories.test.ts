// Repositories over real HTTP against the emulator with a provisioned site: ETags, idempotent bulk import under faults, escaping, request counts, confidentiality.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyConflict, DuplicateRecord, type ImportRow, RecordNotFound } from '../../src/app/ports/index.js';
import type { Deviation, Measure } from '../../src/domain/index.js';
import { deviation } from '../../src/domain/test-fixtures.js';
import { type GraphClient, createGraphClient } from '../../src/sharepoint/graph/index.js';
import { CorruptRowError, InvalidContinuationError, type SharePointRepositories, createSharePointRepositories } from '../../src/sharepoint/repositories/index.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { provisionedSite } from '../support/varde-site.js';

let em: TestEmulator;
let client: GraphClient;
let repos: SharePointRepositories;
let siteIds: { quality: string; confidential: string };

const control = (path: string, body?: object) =>
  fetch(`${em.url}/_emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
const metrics = async () => (await (await fetch(`${em.url}/_emulator/metrics`)).json()) as { requests: { total: number; byRoute: Record<string, number> }; throttled: number };

let serial = 0;
/** A fresh ordinary case with its own id and case number. */
const newCase = (patch: Partial<Deviation> = {}): Deviation => {
  serial++;
  return deviation({ id: `dev-${serial}`, caseNumber: `AV-2026-${String(serial).padStart(5, '0')}`, ...patch });
};

const measure = (id: string, unitId: string, patch: Partial<Measure> = {}): Measure => ({
  id,
  title: `Tiltak ${id}`,
  description: '',
  source: { type: 'deviation', deviationId: 'dev-x' },
  ownerId: 'vl-sh',
  unitId,
  deadline: '2026-05-01',
  status: 'open',
  createdAt: '2026-03-05T10:00:00.000Z',
  completedAt: null,
  evaluation: null,
  cancelReason: null,
  ...patch,
});

/** Items in a list, read straight through Graph (not through the repositories). */
async function rawItems(site: string, title: string): Promise<Record<string, unknown>[]> {
  const lists = await client.get<{ value: { id: string; displayName: string }[] }>(`/sites/${site}/lists`);
  const list = lists.value.find((l) => l.displayName === title);
  if (!list) throw new Error(`no list ${title}`);
  const page = await client.get<{ value: { fields: Record<string, unknown> }[] }>(`/sites/${site}/lists/${list.id}/items`, { query: { $expand: 'fields', $top: 5000 } });
  return page.value.map((i) => i.fields);
}

beforeAll(async () => {
  em = await startTestEmulator();
  ({ client, repos, siteIds } = await provisionedSite(em));
});

afterAll(async () => {
  await em.close();
});

describe('deviation repository', () => {
  it('creates, reads by id and by case number, and updates with the ETag; a stale ETag is a ConcurrencyConflict', async () => {
    const d = newCase({ unitId: 'crud' });
    const stored = await repos.deviations.create(d);
    expect(stored.value).toEqual(d);
    expect((await repos.deviations.get(d.id))?.value).toEqual(d);
    expect((await repos.deviations.getByCaseNumber(`av ${d.caseNumber.slice(3).replaceAll('-', ' ')}`))?.value.id).toBe(d.id);

    const received = { ...d, status: 'received' as const, handlerId: 'vl-sh' };
    const saved = await repos.deviations.update(received, stored.etag);
    expect(saved.value).toEqual(received);
    expect(saved.etag).not.toBe(stored.etag);

    await expect(repos.deviations.update({ ...d, status: 'closed' }, stored.etag)).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect((await repos.deviations.get(d.id))?.value.status).toBe('received');
  });

  it('an update whose answer was lost is retried and meets its own write (412): success, not a conflict', async () => {
    let dropped = 0;
    // Lets the first PATCH reach the emulator, then loses its answer as a reset connection would.
    const lossy = createGraphClient({
      baseUrl: em.graphUrl,
      getToken: async () => 'test',
      userAgent: { publisher: 'Test', version: '0.0.0' },
      connectionRetryBaseMs: 10,
      fetch: async (url, init) => {
        const res = await fetch(url, init);
        if (init.method === 'PATCH' && dropped++ === 0) throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
        return res;
      },
    });
    const lossyRepos = createSharePointRepositories(lossy, siteIds);
    const d = newCase({ unitId: 'crud' });
    const stored = await lossyRepos.deviations.create(d);
    const next = { ...d, status: 'received' as const };
    expect((await lossyRepos.deviations.update(next, stored.etag)).value).toEqual(next);
    expect(dropped).toBe(2);
  });

  it('create is idempotent on the id; a taken case number is a DuplicateRecord; a missing record is RecordNotFound', async () => {
    const d = newCase({ unitId: 'crud' });
    await repos.deviations.create(d);
    expect((await repos.deviations.create(d)).value).toEqual(d);
    await expect(repos.deviations.create({ ...d, id: 'another-id' })).rejects.toBeInstanceOf(DuplicateRecord);
    await expect(repos.deviations.update(newCase(), '"x,1"')).rejects.toBeInstanceOf(RecordNotFound);
    expect(await repos.deviations.get('no-such-id')).toBeNull();
    expect(await repos.deviations.getByCaseNumber('not a case number')).toBeNull();
  });

  it('createMany of 200 rows under 429s, 503s and connection resets stores each exactly once; a re-run creates nothing', async () => {
    const rows: ImportRow<Deviation>[] = Array.from({ length: 200 }, (_, i) => ({ importKey: `bulk:${i}`, value: newCase({ unitId: 'bulk' }) }));
    const before = await metrics();
    await control('faults', { rate429: 0.1, rate503: 0.1, resetRate: 0.1, seed: 42 });
    let first;
    try {
      first = await repos.deviations.createMany(rows);
    } finally {
      await control('faults', { reset: true });
    }
    const after = await metrics();
    expect(after.throttled - before.throttled).toBeGreaterThan(0);
    expect(first.failed).toEqual([]);
    expect(first.created + first.alreadyPresent).toBe(200);
    expect(await repos.deviations.count({ unitId: 'bulk' })).toBe(200);
    const stored = (await rawItems(siteIds.quality, 'Avvik')).filter((f) => f.UnitId === 'bulk');
    expect(new Set(stored.map((f) => f.ImportKey)).size).toBe(200);
    expect(new Set(stored.map((f) => f.RecordId))).toEqual(new Set(rows.map((r) => r.value.id)));

    const again = await repos.deviations.createMany(rows);
    expect(again).toEqual({ created: 0, alreadyPresent: 200, failed: [] });
    expect(await repos.deviations.count({ unitId: 'bulk' })).toBe(200);
  }, 60_000);

  it('a filter value with quotes is escaped, not concatenated', async () => {
    const unit = "O'Brien's «avd» & co";
    const d = newCase({ unitId: unit });
    await repos.deviations.create(d);
    await repos.deviations.create(newCase({ unitId: "O'Brien" }));
    const page = await repos.deviations.listOpenForUnit(unit);
    expect(page.items.map((s) => s.value.id)).toEqual([d.id]);
    expect(await repos.deviations.get("x' or fields/UnitId ne 'y")).toBeNull();
  });

  it('pages a unit’s open cases newest first, with an opaque continuation; closed cases stay out', async () => {
    const cases = [1, 2, 3, 4, 5].map((day) => newCase({ unitId: 'paging', reportedAt: `2026-03-0${day}T09:00:00.000Z` }));
    for (const d of cases) await repos.deviations.create(d);
    await repos.deviations.create(newCase({ unitId: 'paging', status: 'closed' }));
    const first = await repos.deviations.listOpenForUnit('paging', { pageSize: 2 });
    expect(first.continuation).not.toBeNull();
    const ids = first.items.map((s) => s.value.id);
    for (let continuation = first.continuation; continuation !== null; ) {
      const next = await repos.deviations.listOpenForUnit('paging', { pageSize: 2, continuation });
      ids.push(...next.items.map((s) => s.value.id));
      continuation = next.continuation;
    }
    expect(ids).toEqual(cases.map((d) => d.id).reverse());
    await expect(repos.deviations.listOpenForUnit('paging', { continuation: 'not/a token' })).rejects.toBeInstanceOf(InvalidContinuationError);
  });

  it('a row edited into something unreadable is a clear error naming the list and the item', async () => {
    const d = newCase({ unitId: 'corrupt' });
    await repos.deviations.create(d);
    const lists = await client.get<{ value: { id: string; displayName: string }[] }>(`/sites/${siteIds.quality}/lists`);
    const avvik = lists.value.find((l) => l.displayName === 'Avvik')?.id as string;
    const item = (await client.get<{ value: { id: string; fields: { RecordId: string } }[] }>(`/sites/${siteIds.quality}/lists/${avvik}/items`, { query: { $expand: 'fields', $top: 5000 } })).value.find((i) => i.fields.RecordId === d.id);
    await client.patch(`/sites/${siteIds.quality}/lists/${avvik}/items/${item?.id}/fields`, { History: '[{"type":"hacked"' });
    const error = await repos.deviations.get(d.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptRowError);
    expect((error as Error).message).toMatch(new RegExp(`^List 'Avvik' item ${item?.id} .*History`));
  });
});

describe('whistleblowing reports', () => {
  it('land in the confidential site only, and are read from there only when asked for', async () => {
    const report = deviation({ id: 'wb-1', kind: 'whistleblowingReport', caseNumber: 'VA-2026-00001', unitId: 'wb-unit', severity: null });
    await repos.deviations.create(report);
    expect((await rawItems(siteIds.confidential, 'Varsler')).map((f) => f.RecordId)).toEqual(['wb-1']);
    expect((await rawItems(siteIds.quality, 'Avvik')).some((f) => f.RecordId === 'wb-1' || f.Kind === 'whistleblowingReport')).toBe(false);

    expect(await repos.deviations.get('wb-1')).toBeNull();
    expect((await repos.deviations.get('wb-1', 'confidential'))?.value).toEqual(report);
    expect((await repos.deviations.getByCaseNumber('VA-2026-00001'))?.value.id).toBe('wb-1');
    expect((await repos.deviations.listOpenForUnit('wb-unit')).items).toEqual([]);
    expect(await repos.deviations.count({ route: 'confidential' })).toBe(1);

    const bulk = await repos.deviations.createMany([
      { importKey: 'wb:2', value: deviation({ id: 'wb-2', kind: 'whistleblowingReport', caseNumber: 'VA-2026-00002', severity: null }) },
      { importKey: 'wb:ord', value: newCase({ unitId: 'wb-unit' }) },
    ]);
    expect(bulk.created).toBe(2);
    expect((await rawItems(siteIds.confidential, 'Varsler')).map((f) => f.RecordId).sort()).toEqual(['wb-1', 'wb-2']);
  });
});

describe('measures and the dashboard', () => {
  it('measure: create, list open for a unit by deadline, ETag update', async () => {
    const a = measure('m-a', 'mu', { deadline: '2026-06-01' });
    const b = measure('m-b', 'mu', { deadline: '2026-04-01', status: 'inProgress' });
    await repos.measures.createMany([
      { importKey: 'm:a', value: a },
      { importKey: 'm:b', value: b },
      { importKey: 'm:c', value: measure('m-c', 'mu', { status: 'done', evaluation: 'ok', completedAt: '2026-03-06T10:00:00.000Z' }) },
    ]);
    expect((await repos.measures.listOpenForUnit('mu')).items.map((s) => s.value)).toEqual([b, a]);
    const stored = (await repos.measures.get('m-a'))!;
    await repos.measures.update({ ...a, status: 'inProgress' }, stored.etag);
    await expect(repos.measures.update({ ...a, status: 'cancelled', cancelReason: 'x' }, stored.etag)).rejects.toBeInstanceOf(ConcurrencyConflict);
  });

  it('openWorkForUnit costs two Graph requests (one indexed query per list) once the list ids are known', async () => {
    const fresh = createSharePointRepositories(client, siteIds);
    for (const d of [newCase({ unitId: 'dash' }), newCase({ unitId: 'dash', status: 'underAnalysis' }), newCase({ unitId: 'dash', status: 'closed' })]) await repos.deviations.create(d);
    await repos.measures.createMany([{ importKey: 'dash:1', value: measure('dash-1', 'dash') }]);

    await control('metrics/reset');
    await fresh.warmUp();
    const warmUp = (await metrics()).requests.total;
    await control('metrics/reset');
    const work = await fresh.dashboard.openWorkForUnit('dash');
    const m = await metrics();
    expect(m.requests.total).toBe(2);
    expect(m.requests.byRoute).toEqual({ 'GET /sites/:site/lists/:list/items': 2 });
    expect(warmUp).toBe(3); // one list read per site, once per process, and the unit tree (the sector written beside each case)
    expect(work.deviations.items.map((s) => s.value.status).sort()).toEqual(['new', 'underAnalysis']);
    expect(work.measures.items.map((s) => s.value.id)).toEqual(['dash-1']);
  });
});

// The data layer behind the tab's indexes and the action list, against the emulator: the delta feeds (first round,
// changes, deletions, a refused token, rows that are not to be indexed), the case index kept in step by them, and the
// measure queries (SectorId written and backfilled, the overdue filter on a real date-only column, paging).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncedCaseIndex, SyncedMeasureIndex } from '../../src/app/case-index/index.js';
import type { CaseSource, FeedRound, MeasureQuery } from '../../src/app/ports/index.js';
import type { Deviation, Measure } from '../../src/domain/index.js';
import { PEOPLE, UNITS, deviation } from '../../src/domain/test-fixtures.js';
import { where } from '../../src/sharepoint/graph/index.js';
import { SharePointDeviationFeed, SharePointMeasureFeed } from '../../src/sharepoint/repositories/change-feeds.js';
import { InvalidContinuationError, ListDirectory } from '../../src/sharepoint/repositories/index.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { type VardeSite, provisionedSite } from '../support/varde-site.js';

let em: TestEmulator;
let site: VardeSite;
let directory: ListDirectory;

let serial = 0;
const newCase = (patch: Partial<Deviation> = {}): Deviation => {
  serial++;
  return deviation({ id: `f-${serial}`, caseNumber: `AV-2026-${String(serial).padStart(5, '0')}`, ...patch });
};
const newMeasure = (id: string, patch: Partial<Measure> = {}): Measure => ({
  id,
  title: `Tiltak ${id}`,
  description: '',
  source: { type: 'riskItem', riskItemId: 'r1' },
  ownerId: 'nurse',
  unitId: 'sh-a',
  deadline: '2026-03-10',
  status: 'open',
  createdAt: '2026-01-01T08:00:00.000Z',
  completedAt: null,
  evaluation: null,
  cancelReason: null,
  ...patch,
});

async function listPath(title: string): Promise<string> {
  const lists = await site.client.get<{ value: { id: string; displayName: string }[] }>(`/sites/${site.siteIds.quality}/lists`);
  return `/sites/${site.siteIds.quality}/lists/${lists.value.find((l) => l.displayName === title)?.id ?? ''}`;
}

async function itemIdOf(title: string, recordId: string): Promise<string> {
  const found = await site.client.get<{ value: { id: string }[] }>(`${await listPath(title)}/items`, { filter: where.eq('RecordId', recordId) });
  return found.value[0]?.id ?? '';
}

const byId = (round: FeedRound<CaseSource>) => new Map(round.changed.flatMap((c) => (c.value ? [[c.value.id, c] as const] : [])));

beforeAll(async () => {
  em = await startTestEmulator();
  site = await provisionedSite(em);
  await site.repos.organisation.upsertUnits(UNITS);
  await site.repos.organisation.upsertPeople(Object.values(PEOPLE));
  directory = new ListDirectory(site.client, site.siteIds);
});

afterAll(async () => {
  await em.close();
});

describe('SharePointDeviationFeed', () => {
  it('pages through everything first, then gives only changes and deletions, by item id', async () => {
    const feed = new SharePointDeviationFeed(site.client, directory, { pageSize: 2 });
    const cases = [newCase({ title: 'Fall på badet', description: 'Beboer falt i natt.' }), newCase(), newCase(), newCase({ unitId: 'sk' }), newCase()];
    for (const c of cases) await site.repos.deviations.create(c);

    const first = await feed.changes(null);
    expect(first.kind).toBe('full');
    expect(first.changed).toHaveLength(5);
    expect(byId(first).get(cases[0]?.id ?? '')?.value).toMatchObject({ title: 'Fall på badet', description: 'Beboer falt i natt.', unitId: 'sh-a', kind: 'adverseEvent' });

    const stored = await site.repos.deviations.get(cases[1]?.id ?? '');
    if (!stored) throw new Error('missing');
    await site.repos.deviations.update({ ...stored.value, status: 'received', handlerId: 'tl-a' }, stored.etag);
    const gone = await itemIdOf('Avvik', cases[2]?.id ?? '');
    await site.client.delete(`${await listPath('Avvik')}/items/${gone}`);

    const second = await feed.changes(first.token);
    expect(second.kind).toBe('changes');
    expect(second.changed.map((c) => c.value?.id)).toEqual([cases[1]?.id]);
    expect(second.changed[0]?.value).toMatchObject({ status: 'received', handlerId: 'tl-a' });
    expect(second.deletedItemIds).toEqual([gone]);

    const quiet = await feed.changes(second.token);
    expect(quiet).toMatchObject({ kind: 'changes', changed: [], deletedItemIds: [] });
  });

  it('starts over as a full round when SharePoint refuses the token (410)', async () => {
    const feed = new SharePointDeviationFeed(site.client, directory);
    const first = await feed.changes(null);
    const expired = first.token.replace(/token=[^&]+/, 'token=expired');
    const again = await feed.changes(expired);
    expect(again.kind).toBe('full');
    expect(again.changed.length).toBe(first.changed.length);
  });

  it('gives a whistleblowing report written into the ordinary list by hand, and a broken row, as not to be indexed', async () => {
    const feed = new SharePointDeviationFeed(site.client, directory);
    const start = await feed.changes(null);
    const path = await listPath('Avvik');
    const planted = newCase();
    await site.client.post(`${path}/items`, { fields: { RecordId: planted.id, Title: 'Varsel', CaseNumber: 'VA-2026-00099', Kind: 'whistleblowingReport', Status: 'new', UnitId: 'sh-a', ReporterId: 'nurse', ReportedAt: '2026-03-01T10:00:00Z' } });
    const next = await feed.changes(start.token);
    expect(next.changed).toHaveLength(1);
    expect(next.changed[0]?.value).toBeNull();
  });

  it('keeps a case index in step, and a measure index beside it', async () => {
    const index = new SyncedCaseIndex(new SharePointDeviationFeed(site.client, directory));
    await index.refresh(0);
    const before = index.size;
    expect([...index.all()].every((c) => c.kind !== 'whistleblowingReport')).toBe(true);
    const added = newCase({ title: 'Medisin GITT feil' });
    await site.repos.deviations.create(added);
    await index.refresh(0);
    expect(index.size).toBe(before + 1);
    expect(index.get(added.id)?.publicText).toBe(`${added.caseNumber.toLowerCase()} medisin gitt feil`);
    await site.client.delete(`${await listPath('Avvik')}/items/${await itemIdOf('Avvik', added.id)}`);
    await index.refresh(0);
    expect(index.get(added.id)).toBeUndefined();
    expect(index.size).toBe(before);

    await site.repos.measures.create(newMeasure('mi-1'));
    const measures = new SyncedMeasureIndex(new SharePointMeasureFeed(site.client, directory));
    await measures.refresh(0);
    expect(measures.size).toBeGreaterThanOrEqual(1);
    const col = measures.columns();
    const units = [...Array(col.slots).keys()].filter((s) => col.live[s] === 1).map((s) => col.unitIdOf(col.unit[s] as number));
    expect(units).toContain('sh-a');
  });
});

describe('measure queries', () => {
  const query = (q: Partial<MeasureQuery>, pageSize = 50, continuation: string | null = null) =>
    site.repos.measures.query({ scope: { type: 'all' }, statuses: ['open', 'inProgress', 'done', 'cancelled'], ...q }, { pageSize, continuation });

  beforeAll(async () => {
    await site.repos.measures.createMany(
      [
        newMeasure('q1', { unitId: 'sh-a-natt', deadline: '2026-03-09' }),
        newMeasure('q2', { unitId: 'ht', deadline: '2026-03-10' }),
        newMeasure('q3', { unitId: 'sk', deadline: '2026-03-11', ownerId: 'vl-sk' }),
        newMeasure('q4', { unitId: 'mh', deadline: '2026-02-01', status: 'done', completedAt: '2026-02-01T10:00:00.000Z', evaluation: 'ok' }),
      ].map((value) => ({ importKey: `test:${value.id}`, value })),
    );
  });

  it('writes the sector beside every measure, so a sector is one clause', async () => {
    const mh = await query({ scope: { type: 'within', sectorIds: ['mh'], unitIds: [] } });
    expect(mh.items.map((s) => s.value.id).filter((id) => id.startsWith('q'))).toEqual(['q4', 'q1', 'q2']);
    const ol = await query({ scope: { type: 'within', sectorIds: ['ol'], unitIds: [], ownerId: 'nurse' } });
    expect(ol.items.map((s) => s.value.id)).toContain('q1'); // the nurse owns it
    expect(ol.items.map((s) => s.value.id)).toContain('q3');
  });

  it('finds overdue measures by the date-only deadline, the day after the deadline in Oslo', async () => {
    const overdue = await query({ within: { sectorIds: [], unitIds: ['sh-a-natt', 'ht'] }, statuses: ['open', 'inProgress'], deadlineBefore: '2026-03-10' });
    expect(overdue.items.map((s) => s.value.id)).toEqual(['q1']);
    const later = await query({ within: { sectorIds: [], unitIds: ['sh-a-natt', 'ht'] }, statuses: ['open', 'inProgress'], deadlineBefore: '2026-03-11' });
    expect(later.items.map((s) => s.value.id)).toEqual(['q1', 'q2']);
  });

  it('pages with continuations, and refuses one it did not hand out', async () => {
    const first = await query({ source: 'riskItem' }, 2);
    expect(first.items).toHaveLength(2);
    expect(first.continuation).not.toBeNull();
    const second = await query({ source: 'riskItem' }, 2, first.continuation);
    expect(second.items.map((s) => s.value.id)).not.toContain(first.items[0]?.value.id);
    await expect(query({ source: 'riskItem' }, 2, 'bm90LWEtdG9rZW4')).rejects.toBeInstanceOf(InvalidContinuationError);
  });

  it('the backfill writes SectorId on measures written before the column existed, then finds nothing to do', async () => {
    const path = await listPath('Tiltak');
    await site.client.patch(`${path}/items/${await itemIdOf('Tiltak', 'q2')}/fields`, { SectorId: null });
    expect((await query({ scope: { type: 'within', sectorIds: ['mh'], unitIds: [] } })).items.map((s) => s.value.id)).not.toContain('q2');
    expect(await site.repos.backfillMeasureSectors()).toBe(1);
    expect((await query({ scope: { type: 'within', sectorIds: ['mh'], unitIds: [] } })).items.map((s) => s.value.id)).toContain('q2');
    expect(await site.repos.backfillMeasureSectors()).toBe(0);
  });
});

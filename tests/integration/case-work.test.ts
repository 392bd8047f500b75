// The case-work use cases against the emulator, for what the HTTP tests cannot arrange: a case index that has not
// loaded yet (search answers "not ready", counts are null), the index once it has, and whistleblowing search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncedCaseIndex } from '../../src/app/case-index/index.js';
import { CaseWork, CaseWorkError, type InboxRequest } from '../../src/app/case-work/index.js';
import { createAccessContexts } from '../../src/app/session/access-contexts.js';
import { type Deviation, orgUnitsById } from '../../src/domain/index.js';
import { PEOPLE, UNITS, deviation } from '../../src/domain/test-fixtures.js';
import { caseWorkStores } from '../../src/server/compose.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { type VardeSite, provisionedSite } from '../support/varde-site.js';

let em: TestEmulator;
let site: VardeSite;

const request = (patch: Partial<InboxRequest> = {}): InboxRequest => ({ scope: 'units', route: 'ordinary', sort: { by: 'reportedAt', direction: 'desc' }, pageSize: 50, ...patch });

function caseWork(index: SyncedCaseIndex | null): CaseWork {
  return new CaseWork({
    ...caseWorkStores(site.repos),
    person: (id) => site.repos.organisation.personById(id),
    access: createAccessContexts(async () => orgUnitsById(UNITS), ['varsel-mottaker']),
    // Not what is tested here: nothing in this file changes a case.
    reporter: { sendFeedback: async () => ({ sent: false }), notifyReporter: async () => false },
    caseIndex: index,
    now: () => new Date('2026-03-10T10:00:00Z'),
  });
}

const cases: Deviation[] = [
  deviation({ id: 'cw-1', caseNumber: 'AV-2026-00001', unitId: 'sh-a', title: 'Trappen var glatt', description: 'Is på trappen ved inngangen.', reportedAt: '2026-03-01T08:00:00.000Z' }),
  deviation({ id: 'cw-2', caseNumber: 'AV-2026-00002', unitId: 'sk', title: 'Glatt skolegård', description: 'Ingen strøing.', reportedAt: '2026-03-02T08:00:00.000Z' }),
  deviation({ id: 'cw-3', caseNumber: 'VA-2026-00001', kind: 'whistleblowingReport', severity: null, unitId: 'sh-a', title: 'Trakassering', description: 'Gjentatt trakassering på vakt.', reportedAt: '2026-03-03T08:00:00.000Z' }),
];

beforeAll(async () => {
  em = await startTestEmulator();
  site = await provisionedSite(em);
  await site.repos.organisation.upsertUnits(UNITS);
  await site.repos.organisation.upsertPeople(Object.values(PEOPLE));
  for (const d of cases) await site.repos.deviations.create(d);
});

afterAll(async () => {
  await em.close();
});

describe('before the case index has loaded', () => {
  const work = () => caseWork(new SyncedCaseIndex(site.repos.deviationFeed)); // never started: no sync yet

  it('a text search is "not ready" (503 at the edge), in Norwegian', async () => {
    const err = await work()
      .inbox(PEOPLE.qualityAdviser, request({ q: 'glatt' }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaseWorkError);
    expect(err).toMatchObject({ code: 'unavailable', message: 'Søket er ikke klart ennå. Prøv igjen om litt.' });
  });

  it('the list still works, straight from SharePoint, with counts null', async () => {
    const page = await work().inbox(PEOPLE.qualityAdviser, request());
    expect(page.items.map((i) => i.case.id)).toEqual(['cw-2', 'cw-1']);
    expect(page.counts).toBeNull();
    expect(page.asOf).toBeNull();
  });
});

describe('once it has loaded', () => {
  it('text search and counts in the viewer’s scope', async () => {
    const index = new SyncedCaseIndex(site.repos.deviationFeed);
    index.start();
    await index.ready;
    try {
      const adviser = await caseWork(index).inbox(PEOPLE.qualityAdviser, request({ q: 'GLATT' }));
      expect(adviser.items.map((i) => i.case.id)).toEqual(['cw-2', 'cw-1']);
      expect(adviser.counts).toMatchObject({ total: 2, byStatus: { new: 2 } });
      const leader = await caseWork(index).inbox(PEOPLE.serviceLeaderA, request({ q: 'glatt' }));
      expect(leader.items.map((i) => i.case.id)).toEqual(['cw-1']);
      expect(leader.counts?.total).toBe(1);
      // Pages of the search go on by offset.
      const first = await caseWork(index).inbox(PEOPLE.qualityAdviser, request({ q: 'glatt', pageSize: 1 }));
      expect(first.continuation).toBe('o1');
      const second = await caseWork(index).inbox(PEOPLE.qualityAdviser, request({ q: 'glatt', pageSize: 1, continuation: first.continuation }));
      expect(second.items.map((i) => i.case.id)).toEqual(['cw-1']);
      expect(second.continuation).toBeNull();
      await expect(caseWork(index).inbox(PEOPLE.qualityAdviser, request({ q: 'glatt', continuation: 'x1' }))).rejects.toMatchObject({ code: 'invalidRequest' });
    } finally {
      index.stop();
    }
  });
});

describe('whistleblowing', () => {
  it('recipients search reports in the confidential store; nobody else may ask for them', async () => {
    const work = caseWork(null);
    const found = await work.inbox(PEOPLE.recipient, request({ route: 'confidential', q: 'trakassering' }));
    expect(found.items.map((i) => i.case.id)).toEqual(['cw-3']);
    expect(found.counts).toBeNull();
    await expect(work.inbox(PEOPLE.qualityAdviser, request({ route: 'confidential' }))).rejects.toMatchObject({ code: 'forbidden' });
    // The reporter sees her own report, and not who handles it.
    await site.repos.deviations.update({ ...cases[2], status: 'received', handlerId: 'varsel-mottaker' } as Deviation, (await site.repos.deviations.get('cw-3', 'confidential'))?.etag ?? '');
    const own = await work.inbox(PEOPLE.nurse, request({ route: 'confidential', scope: 'mine' }));
    expect(own.items).toMatchObject([{ case: { id: 'cw-3', handlerId: null }, handlingHidden: true }]);
    const file = await work.caseDetail(PEOPLE.nurse, 'cw-3');
    expect(file.names.has('varsel-mottaker')).toBe(false);
    expect(await site.repos.caseReads.listForCase('cw-3', 'confidential')).toMatchObject([{ readerId: 'nurse' }]);
  });
});

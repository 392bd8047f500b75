// Provisioning against the emulator over HTTP: creates what the schema declares, is idempotent, survives interruption, never deletes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClient } from '../../src/sharepoint/graph/index.js';
import { type SiteAddress, SiteMissingError, provision } from '../../src/sharepoint/provisioning/provision.js';
import { LISTS } from '../../src/sharepoint/schema/lists.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

let em: TestEmulator;
let client: GraphClient;
const HOST = 'varde-demo.sharepoint.com';

const sitesAt = (name: string): Record<'quality' | 'confidential', SiteAddress> => ({
  quality: { hostname: HOST, path: `/sites/${name}` },
  confidential: { hostname: HOST, path: `/sites/${name}-varsling` },
});

const createSite = async (site: SiteAddress) => {
  const res = await fetch(`${em.url}/_emulator/sites`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(site) });
  expect(res.status).toBe(201);
};

const faults = (body: object) => fetch(`${em.url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

interface ListWithColumns {
  id: string;
  displayName: string;
  columns: { name: string; indexed: boolean; enforceUniqueValues: boolean; required: boolean; choice?: { choices: string[] } }[];
}

async function listsOf(site: SiteAddress): Promise<ListWithColumns[]> {
  const { id } = await client.get<{ id: string }>(`/sites/${site.hostname}:${site.path}`);
  return (await client.get<{ value: ListWithColumns[] }>(`/sites/${id}/lists`, { query: { $expand: 'columns' } })).value;
}

/** The tenant matches the schema: every list, every column, every index and uniqueness. */
async function expectMatchesSchema(sites: Record<'quality' | 'confidential', SiteAddress>) {
  for (const key of ['quality', 'confidential'] as const) {
    const lists = await listsOf(sites[key]);
    for (const spec of LISTS.filter((l) => l.site === key)) {
      const list = lists.find((l) => l.displayName === spec.displayName);
      expect(list, spec.displayName).toBeDefined();
      for (const c of spec.columns) {
        const col = list?.columns.find((x) => x.name === c.name);
        expect(col, `${spec.displayName}.${c.name}`).toBeDefined();
        expect(col?.indexed, `${spec.displayName}.${c.name} indexed`).toBe(c.indexed === true || c.unique === true);
        expect(col?.enforceUniqueValues).toBe(c.unique === true);
      }
    }
  }
}

beforeAll(async () => {
  em = await startTestEmulator();
  client = createGraphClient({ baseUrl: em.graphUrl, getToken: async () => 'test', userAgent: { publisher: 'Test', version: '0.0.0' }, connectionRetryBaseMs: 10 });
});

afterAll(async () => {
  await em.close();
});

describe('provisioning', () => {
  it('creates both sites and every list with its columns and indexes; a second run changes nothing and says so', async () => {
    const sites = sitesAt('kvalitet');
    const lines: string[] = [];
    const first = await provision(client, { sites, schema: LISTS, createSite, log: (l) => lines.push(l) });
    expect(first.applied).toBe(LISTS.length);
    expect(first.conflicts).toBe(0);
    await expectMatchesSchema(sites);

    const again: string[] = [];
    const second = await provision(client, { sites, schema: LISTS, createSite, log: (l) => again.push(l) });
    expect(second.steps).toEqual([]);
    expect(again).toEqual(['Alt er allerede i orden: ingen endringer.']);
  });

  it('--dry-run prints the plan and changes nothing', async () => {
    const sites = sitesAt('torr');
    await createSite(sites.quality);
    await createSite(sites.confidential);
    const lines: string[] = [];
    const report = await provision(client, { sites, schema: LISTS, createSite, dryRun: true, log: (l) => lines.push(l) });
    expect(report.steps.length).toBe(LISTS.length);
    expect(lines.every((l) => l.startsWith('Plan: '))).toBe(true);
    expect(lines.some((l) => l.includes('«Avvik»'))).toBe(true);
    expect(await listsOf(sites.quality)).toEqual([]);
  });

  it('a run interrupted half-way by connection resets and throttling ends in the right state when run again', async () => {
    const sites = sitesAt('avbrutt');
    await faults({ resetRate: 0.25, rate429: 0.1, seed: 11 });
    let failed = false;
    try {
      await provision(client, { sites, schema: LISTS, createSite });
    } catch {
      failed = true;
    } finally {
      await faults({ reset: true });
    }
    expect(failed).toBe(true);
    await provision(client, { sites, schema: LISTS, createSite });
    await expectMatchesSchema(sites);
    expect((await provision(client, { sites, schema: LISTS, createSite })).steps).toEqual([]);
  });

  it('mends drift additively: a dropped index and missing choices come back; data stays', async () => {
    const sites = sitesAt('drift');
    await provision(client, { sites, schema: LISTS, createSite });
    const deviations = (await listsOf(sites.quality)).find((l) => l.displayName === 'Avvik') as ListWithColumns;
    const { id: siteId } = await client.get<{ id: string }>(`/sites/${HOST}:${sites.quality.path}`);
    const cols = await client.get<{ value: { id: string; name: string }[] }>(`/sites/${siteId}/lists/${deviations.id}/columns`);
    const unit = cols.value.find((c) => c.name === 'UnitId') as { id: string };
    await client.patch(`/sites/${siteId}/lists/${deviations.id}/columns/${unit.id}`, { indexed: false });
    await client.post(`/sites/${siteId}/lists/${deviations.id}/items`, { fields: { CaseNumber: 'AV-2026-00001', Kind: 'adverseEvent', Status: 'new', UnitId: 'u1', ReporterId: 'p1', ReportedAt: '2026-11-23T10:00:00Z' } });
    const report = await provision(client, { sites, schema: LISTS, createSite });
    expect(report.steps.map((s) => s.kind)).toEqual(['updateColumn']);
    await expectMatchesSchema(sites);
    const items = await client.get<{ value: unknown[] }>(`/sites/${siteId}/lists/${deviations.id}/items`);
    expect(items.value).toHaveLength(1);
  });

  it('reports a column of the wrong type as a conflict and leaves it alone', async () => {
    const sites = sitesAt('konflikt');
    await createSite(sites.quality);
    await createSite(sites.confidential);
    const { id: siteId } = await client.get<{ id: string }>(`/sites/${HOST}:${sites.quality.path}`);
    await client.post(`/sites/${siteId}/lists`, { displayName: 'Tiltak', columns: [{ name: 'Deadline', text: {} }] });
    const lines: string[] = [];
    const report = await provision(client, { sites, schema: LISTS, createSite, log: (l) => lines.push(l) });
    expect(report.conflicts).toBe(1);
    expect(lines.some((l) => l.startsWith('KONFLIKT i «Tiltak»'))).toBe(true);
    const measures = (await listsOf(sites.quality)).find((l) => l.displayName === 'Tiltak') as ListWithColumns;
    expect(measures.columns.find((c) => c.name === 'Deadline')).toBeDefined();
  });

  it('without a way to create sites, a missing site is a clear Norwegian error', async () => {
    await expect(provision(client, { sites: sitesAt('mangler'), schema: LISTS })).rejects.toThrow(SiteMissingError);
    await expect(provision(client, { sites: sitesAt('mangler'), schema: LISTS })).rejects.toThrow(/Nettstedet .* finnes ikke/);
  });
});

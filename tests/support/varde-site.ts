// A provisioned pair of Varde sites in an emulator, with a Graph client and the repositories: the setup integration tests and benchmarks share.
import { type GraphClient, type GraphClientOptions, createGraphClient } from '../../src/sharepoint/graph/index.js';
import { provision } from '../../src/sharepoint/provisioning/provision.js';
import { type SharePointRepositories, createSharePointRepositories } from '../../src/sharepoint/repositories/index.js';
import { LISTS } from '../../src/sharepoint/schema/lists.js';

export interface EmulatorMetrics {
  requests: { total: number; byRoute: Record<string, number> };
  statuses: Record<string, number>;
  throttled: number;
  resourceUnits: { total: number };
}

export interface VardeSite {
  client: GraphClient;
  repos: SharePointRepositories;
  siteIds: { quality: string; confidential: string };
  /** POST to the emulator's controls, e.g. `control('faults', { rate429: 0.1 })`. */
  control(path: string, body?: object): Promise<Response>;
  metrics(): Promise<EmulatorMetrics>;
}

export async function provisionedSite(emulator: { url: string; graphUrl: string }, client?: Partial<GraphClientOptions>): Promise<VardeSite> {
  const control = (path: string, body?: object) =>
    fetch(`${emulator.url}/_emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  const graph = createGraphClient({
    baseUrl: emulator.graphUrl,
    getToken: async () => 'test',
    userAgent: { publisher: 'Test', version: '0.0.0' },
    connectionRetryBaseMs: 10,
    ...client,
  });
  const host = 'varde-demo.sharepoint.com';
  const report = await provision(graph, {
    sites: { quality: { hostname: host, path: '/sites/kvalitet' }, confidential: { hostname: host, path: '/sites/kvalitet-varsling' } },
    schema: LISTS,
    createSite: async (site) => void (await control('sites', site)),
  });
  const siteIds = { quality: report.siteIds.quality as string, confidential: report.siteIds.confidential as string };
  return {
    client: graph,
    repos: createSharePointRepositories(graph, siteIds),
    siteIds,
    control,
    metrics: async () => (await (await fetch(`${emulator.url}/_emulator/metrics`)).json()) as EmulatorMetrics,
  };
}

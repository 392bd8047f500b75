// Makes a tenant's Varde sites match the declared schema: read, plan, apply; idempotent, never deletes.
import { type GraphClient, GraphNotFoundError, collectAll } from '../graph/index.js';
import type { ListSpec, SiteKey } from '../schema/schema-types.js';
import { columnBody } from './column-definition.js';
import { type ExistingList, type SiteState, type Step, describeStep, listBody, planProvisioning } from './plan.js';

/** A site address as Graph takes it: `hostname:/sites/path`. */
export interface SiteAddress {
  hostname: string;
  path: string;
}

export interface ProvisionOptions {
  sites: Record<SiteKey, SiteAddress>;
  schema: readonly ListSpec[];
  dryRun?: boolean;
  /**
   * Creates a missing site. Graph v1.0 cannot create SharePoint sites, so in a tenant an administrator does
   * it first; the local emulator passes its own control call here.
   */
  createSite?: (site: SiteAddress) => Promise<void>;
  log?: (line: string) => void;
}

export interface ProvisionReport {
  siteIds: Record<SiteKey, string | undefined>;
  steps: Step[];
  applied: number;
  conflicts: number;
}

export class SiteMissingError extends Error {
  constructor(readonly site: SiteAddress) {
    super(
      `Nettstedet ${site.hostname}:${site.path} finnes ikke. Graph kan ikke opprette SharePoint-nettsteder: be en SharePoint-administrator opprette det (kommunikasjonsnettsted uten Microsoft 365-gruppe), gi appen tilgang med Sites.Selected, og kjør provisjoneringen på nytt.`,
    );
  }
}

interface GraphList {
  id: string;
  displayName: string;
  list?: { template?: string };
  columns?: ExistingList['columns'];
}

async function readSite(client: GraphClient, site: SiteAddress): Promise<SiteState> {
  let siteId: string;
  try {
    siteId = (await client.get<{ id: string }>(`/sites/${site.hostname}:${site.path}`)).id;
  } catch (err) {
    if (err instanceof GraphNotFoundError) return { lists: [] };
    throw err;
  }
  const lists = await collectAll<GraphList>(client, { path: `/sites/${siteId}/lists`, query: { $expand: 'columns', $select: 'id,displayName,list' } });
  return {
    siteId,
    lists: lists.map((l) => ({ id: l.id, displayName: l.displayName, template: l.list?.template ?? 'genericList', columns: l.columns ?? [] })),
  };
}

export async function provision(client: GraphClient, options: ProvisionOptions): Promise<ProvisionReport> {
  const log = options.log ?? (() => {});
  const keys = Object.keys(options.sites) as SiteKey[];
  const state = {} as Record<SiteKey, SiteState>;
  for (const key of keys) {
    const address = options.sites[key];
    let s = await readSite(client, address);
    if (!s.siteId && !options.dryRun) {
      if (!options.createSite) throw new SiteMissingError(address);
      log(`Oppretter nettstedet ${address.hostname}:${address.path}`);
      await options.createSite(address);
      s = await readSite(client, address);
      if (!s.siteId) throw new SiteMissingError(address);
    }
    state[key] = s;
  }

  const steps = planProvisioning(options.schema, state);
  const report: ProvisionReport = {
    siteIds: Object.fromEntries(keys.map((k) => [k, state[k].siteId])) as Record<SiteKey, string | undefined>,
    steps,
    applied: 0,
    conflicts: steps.filter((s) => s.kind === 'conflict').length,
  };
  if (steps.length === 0) {
    log('Alt er allerede i orden: ingen endringer.');
    return report;
  }
  for (const step of steps) log(`${options.dryRun ? 'Plan: ' : ''}${describeStep(step)}`);
  if (options.dryRun) return report;

  // Steps run one by one: each is idempotent on the next run (it re-reads), so an interrupted run is simply run again.
  for (const step of steps) {
    const siteId = state[step.site].siteId as string;
    switch (step.kind) {
      case 'createList':
        await client.post(`/sites/${siteId}/lists`, listBody(step.list));
        break;
      case 'createColumn': {
        const list = state[step.site].lists.find((l) => l.displayName.toLowerCase() === step.list.displayName.toLowerCase()) as ExistingList;
        await client.post(`/sites/${siteId}/lists/${list.id}/columns`, columnBody(step.column));
        break;
      }
      case 'updateColumn': {
        const list = state[step.site].lists.find((l) => l.displayName.toLowerCase() === step.list.displayName.toLowerCase()) as ExistingList;
        await client.patch(`/sites/${siteId}/lists/${list.id}/columns/${step.columnId}`, step.changes);
        break;
      }
      case 'conflict':
        continue;
    }
    report.applied++;
  }
  log(`Ferdig: ${report.applied} endringer${report.conflicts ? `, ${report.conflicts} konflikter som må løses manuelt` : ''}.`);
  return report;
}

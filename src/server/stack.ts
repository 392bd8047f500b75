// Brings up what every entry point needs: a Graph client, sites that match the schema, and the repositories over them.
import { type GraphClient } from '../sharepoint/graph/index.js';
import { provision } from '../sharepoint/provisioning/provision.js';
import { type SharePointRepositories, createSharePointRepositories } from '../sharepoint/repositories/index.js';
import { LISTS } from '../sharepoint/schema/lists.js';
import type { VardeConfig } from './config.js';
import { graphClientFor, localLibraryVersioning, localSiteCreator } from './graph.js';

export interface Stack {
  client: GraphClient;
  repos: SharePointRepositories;
}

/** Provisions (idempotent: a no-op when all is in place) and returns repositories bound to the two sites. */
export async function openStack(config: VardeConfig, log: (line: string) => void = () => {}): Promise<Stack> {
  const client = graphClientFor(config);
  const sites = {
    quality: { hostname: config.hostname, path: config.sitePath },
    confidential: { hostname: config.hostname, path: config.confidentialSitePath },
  };
  const report = await provision(client, { sites, schema: LISTS, createSite: localSiteCreator(config), log });
  if (report.conflicts > 0) throw new Error('Nettstedene avviker fra skjemaet på en måte som må løses manuelt; se linjene over.');
  const { quality, confidential } = report.siteIds;
  if (!quality || !confidential) throw new Error('Nettstedene finnes ikke etter provisjonering.');
  // Major and minor versions (drafts, published majors) where the schema asks for them: the emulator's control locally.
  const versioning = localLibraryVersioning(config);
  if (versioning) for (const spec of LISTS.filter((l) => l.versioning === 'majorMinor')) await versioning(spec.site === 'quality' ? quality : confidential, spec.displayName);
  return { client, repos: createSharePointRepositories(client, { quality, confidential }) };
}

// `npm run provision -- --site <hostname>:/sites/<path> [--confidential-site …] [--dry-run]`: makes the tenant match the schema.
import { parseArgs } from 'node:util';
import { LISTS } from '../sharepoint/schema/lists.js';
import { type SiteAddress, provision } from '../sharepoint/provisioning/provision.js';
import { readConfig } from './config.js';
import { graphClientFor, localSiteCreator } from './graph.js';

function parseSite(value: string): SiteAddress {
  const m = /^([a-z0-9.-]+):(\/sites\/[A-Za-z0-9_-]+)$/i.exec(value);
  if (!m?.[1] || !m[2]) throw new Error(`Ugyldig nettsted «${value}»: bruk formen vertsnavn:/sites/navn, f.eks. tonsberg.sharepoint.com:/sites/kvalitet`);
  return { hostname: m[1].toLowerCase(), path: m[2] };
}

export async function runProvision(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { site: { type: 'string' }, 'confidential-site': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    strict: true,
  });
  const config = readConfig();
  const quality = values.site ? parseSite(values.site) : { hostname: config.hostname, path: config.sitePath };
  const confidential = values['confidential-site'] ? parseSite(values['confidential-site']) : { hostname: quality.hostname, path: `${quality.path}-varsling` };
  const report = await provision(graphClientFor(config), {
    sites: { quality, confidential },
    schema: LISTS,
    dryRun: values['dry-run'],
    createSite: localSiteCreator(config),
    log: (line) => console.log(line),
  });
  return report.conflicts > 0 ? 2 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runProvision(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}

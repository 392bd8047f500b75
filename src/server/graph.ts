// Builds the app's Graph client from configuration: the composition of token source, pacing and User-Agent.
import { createGraphTokenSource } from '../auth/graph-token.js';
import { type GraphClient, createGraphClient } from '../sharepoint/graph/index.js';
import type { VardeConfig } from './config.js';

export function graphClientFor(config: VardeConfig): GraphClient {
  const tokens = createGraphTokenSource(config.auth);
  return createGraphClient({
    baseUrl: config.graphBaseUrl,
    getToken: () => tokens.getToken(),
    userAgent: config.userAgent,
    ruPerMinute: config.ruPerMinute,
  });
}

/** Locally, a missing site is created through the emulator's control API (a tenant administrator's job elsewhere). */
export function localSiteCreator(config: VardeConfig) {
  if (!config.local || !config.emulatorOrigin) return undefined;
  const origin = config.emulatorOrigin;
  return async (site: { hostname: string; path: string }) => {
    const res = await fetch(`${origin}/_emulator/sites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hostname: site.hostname, path: site.path, displayName: site.path.endsWith('-varsling') ? 'Varsling' : 'Kvalitet' }),
    });
    if (!res.ok) throw new Error(`The emulator refused to create ${site.path}: ${res.status}`);
  };
}

/**
 * Locally, a library declared with major and minor versions gets them through the emulator's control API; in a tenant
 * a site owner sets it (library settings → versioning settings), since Graph v1.0 cannot. Undefined outside local runs.
 */
export function localLibraryVersioning(config: VardeConfig) {
  if (!config.local || !config.emulatorOrigin) return undefined;
  const origin = config.emulatorOrigin;
  return async (siteId: string, library: string) => {
    const res = await fetch(`${origin}/_emulator/libraries/versioning`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ site: siteId, list: library, minorVersions: true }),
    });
    if (!res.ok) throw new Error(`The emulator refused to set versioning on ${library}: ${res.status}`);
  };
}

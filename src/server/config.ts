// The one place that reads configuration: environment variables in, a typed, validated config out.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The Graph emulator's built-in app registration and tenant (infra/graph-emulator/issuer.ts), used when
 * GRAPH_BASE_URL points at this machine and no credentials are given. Never valid anywhere else.
 */
export const LOCAL_APP = {
  tenantId: '7f1c2a5e-0b6d-4c1e-9a3f-5d8e2b4c6a10',
  clientId: '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
  clientSecret: 'local-development-secret',
} as const;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const env = z.object({
  GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com/v1.0'),
  AZURE_TENANT_ID: z.string().min(1).optional(),
  AZURE_CLIENT_ID: z.string().min(1).optional(),
  AZURE_CLIENT_SECRET: z.string().min(1).optional(),
  AZURE_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
  SP_HOSTNAME: z.string().regex(/^[a-z0-9.-]+$/i, 'SP_HOSTNAME er et vertsnavn, f.eks. tonsberg.sharepoint.com').default('varde-demo.sharepoint.com'),
  SP_SITE_PATH: z.string().regex(/^\/sites\/[A-Za-z0-9_-]+$/, 'SP_SITE_PATH har formen /sites/navn').default('/sites/kvalitet'),
  SP_CONFIDENTIAL_SITE_PATH: z.string().regex(/^\/sites\/[A-Za-z0-9_-]+$/).default('/sites/kvalitet-varsling'),
  // SharePoint's per-app budget: 1,250 RU/min up to 1,000 licences, 2,500 up to 5,000, 3,750 up to 15,000 …
  // Unset locally: the emulator has no budget unless one is configured through its faults.
  SP_RU_PER_MINUTE: z.coerce.number().int().positive().optional(),
  VARDE_PUBLISHER: z.string().min(1).default('Varde'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
});

export interface VardeConfig {
  graphBaseUrl: string;
  /** Graph is the local emulator: tokens come from its issuer, sites may be created through its controls. */
  local: boolean;
  /** The emulator's origin (for its controls), when local. */
  emulatorOrigin?: string;
  auth: { authority: string; clientId: string; clientSecret: string; localIssuer: boolean };
  hostname: string;
  sitePath: string;
  confidentialSitePath: string;
  /** SharePoint resource units per minute the app may spend; undefined paces only on the server's signals. */
  ruPerMinute: number | undefined;
  userAgent: { publisher: string; version: string };
  port: number;
}

export class ConfigError extends Error {}

export function readConfig(source: NodeJS.ProcessEnv = process.env): VardeConfig {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Ugyldig konfigurasjon:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const graph = new URL(e.GRAPH_BASE_URL);
  const local = LOOPBACK.has(graph.hostname);
  let auth: VardeConfig['auth'];
  if (e.AZURE_CLIENT_ID && e.AZURE_CLIENT_SECRET && e.AZURE_TENANT_ID) {
    auth = {
      authority: local ? `${graph.origin}/_emulator/issuer/${e.AZURE_TENANT_ID}` : `${e.AZURE_AUTHORITY_HOST}/${e.AZURE_TENANT_ID}`,
      clientId: e.AZURE_CLIENT_ID,
      clientSecret: e.AZURE_CLIENT_SECRET,
      localIssuer: local,
    };
  } else if (local) {
    auth = { authority: `${graph.origin}/_emulator/issuer/${LOCAL_APP.tenantId}`, clientId: LOCAL_APP.clientId, clientSecret: LOCAL_APP.clientSecret, localIssuer: true };
  } else {
    throw new ConfigError('AZURE_TENANT_ID, AZURE_CLIENT_ID og AZURE_CLIENT_SECRET må være satt for å bruke Microsoft Graph.');
  }
  return {
    graphBaseUrl: e.GRAPH_BASE_URL,
    local,
    emulatorOrigin: local ? graph.origin : undefined,
    auth,
    hostname: e.SP_HOSTNAME.toLowerCase(),
    sitePath: e.SP_SITE_PATH,
    confidentialSitePath: e.SP_CONFIDENTIAL_SITE_PATH,
    ruPerMinute: e.SP_RU_PER_MINUTE ?? (local ? undefined : 2500),
    userAgent: { publisher: e.VARDE_PUBLISHER, version: packageVersion() },
    port: e.PORT,
  };
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

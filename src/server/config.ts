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
  // 0: any free port (tests).
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  // The Azure Bot resource's app registration. Unset locally: the emulator's local app registration is used.
  MICROSOFT_APP_ID: z.string().min(1).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMsi']).default('SingleTenant'),
  // Where people open the app (the tab's links in bot messages); locally http://127.0.0.1:PORT.
  VARDE_PUBLIC_URL: z.string().url().optional(),
  // Entra object ids of the people the whistleblowing routine names as recipients, comma-separated.
  VARDE_WHISTLEBLOWING_RECIPIENTS: z.string().optional(),
  // Microsoft 365 Agents Playground cannot sign its activities: `npm run playground` sets this; nothing else should.
  BOT_ALLOW_UNSIGNED_LOCAL: z.enum(['0', '1', 'true', 'false', '']).optional(),
  // Where reports waiting for SharePoint are kept (encrypted storage, owner-only); unset: in memory, lost on a stop.
  // `npm start` sets .data/pending-reports. One instance per directory: several instances need issue 9's shared queue.
  VARDE_PENDING_DIR: z.string().min(1).optional(),
  // Largest file taken from the chat with a report, in MB (Teams' own limit is far higher).
  VARDE_FILE_MAX_MB: z.coerce.number().positive().max(250).default(25),
  // The tab's Application ID URI (Teams SSO: webApplicationInfo.resource), the audience of its tokens; default api://{public host}/{client id}.
  TAB_APP_ID_URI: z.string().regex(/^api:\/\/\S+$/, 'TAB_APP_ID_URI har formen api://vert/klient-id').optional(),
  // Entra tenant ids (comma-separated) whose users may use the tab; default: the app registration's own tenant.
  VARDE_ALLOWED_TENANTS: z.string().optional(),
  // Issue 9: the daily reminder digest to leader channels ('off' turns the schedule off; the admin run still works).
  // Default: on in a tenant, off in local runs (tests compose the app many times); `npm start` turns it on.
  VARDE_REMINDERS: z.enum(['on', 'off']).optional(),
  // When it runs, Oslo time (HH:MM, 24-hour).
  VARDE_REMINDER_TIME: z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'VARDE_REMINDER_TIME har formen TT:MM, f.eks. 08:00').default('08:00'),
  // Where the schedule's lease, its last run date and the digests' delivery records are kept on one machine (`npm
  // start`: .data/schedule); unset: in memory (a restart forgets them). Ignored when VARDE_STORAGE_LEASE_URL is set.
  VARDE_SCHEDULE_DIR: z.string().min(1).optional(),
  // Production (infra/azure/main.bicep): the Storage queue for the sends and the blob container for the lease.
  VARDE_STORAGE_QUEUE_URL: z.string().url().optional(),
  VARDE_STORAGE_LEASE_URL: z.string().url().optional(),
  // A user-assigned managed identity for Storage; unset: the system-assigned one (App Service sets IDENTITY_ENDPOINT).
  VARDE_STORAGE_IDENTITY_CLIENT_ID: z.string().min(1).optional(),
  IDENTITY_ENDPOINT: z.string().optional(),
});

/** Microsoft's Bot Framework channel: who signs what Teams sends to the bot. */
export const BOT_FRAMEWORK_CHANNEL = {
  openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  tokenIssuer: 'https://api.botframework.com',
} as const;

/** Teams' global Bot Connector endpoint, for updating a message in a conversation this instance has not seen. */
export const TEAMS_GLOBAL_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

export interface BotConfig {
  /** The bot's Microsoft app id: the audience of channel tokens, the identity of its own. */
  appId: string;
  password?: string;
  tenantId?: string;
  appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMsi';
  /** Where the channel's tokens come from: Microsoft's Bot Framework, or the emulator's stand-in for it. */
  channel: { openIdMetadataUrl: string; tokenIssuer: string };
  /** Locally: the emulator's Entra stand-in, which gives the bot its own tokens (for replies and proactive messages). */
  localIssuer?: { authority: string };
  /** Unsigned activities from this machine are admitted (Agents Playground); local only, never with a real app id. */
  allowUnsignedLocal: boolean;
  /** For updating a message in a conversation this instance has not seen; none locally. */
  defaultServiceUrl?: string;
}

/** Who may call /api/*: Teams SSO access tokens for the tab, validated in src/auth/user-token.ts. */
export interface UserAuthConfig {
  /** `tid` values whose users are admitted; anyone else's token is refused however well signed. */
  allowedTenants: string[];
  /** Accepted `aud`: the tab's Application ID URI (v1 tokens carry it) and the client id (v2 tokens carry that). */
  audiences: string[];
  /** The tab's Application ID URI (`api://host/clientId`); local sign-in mints tokens for it. */
  appIdUri: string | undefined;
  /**
   * Where issuers and signing keys come from: Entra ID (`https://login.microsoftonline.com`: issuers `{host}/{tid}/v2.0`
   * and `https://sts.windows.net/{tid}/`), or locally the emulator's Entra stand-in (`{origin}/_emulator/issuer`).
   */
  authority: { kind: 'entra'; host: string } | { kind: 'local'; base: string };
}

export interface VardeConfig {
  graphBaseUrl: string;
  /** Graph is the local emulator: tokens come from its issuer, sites may be created through its controls. */
  local: boolean;
  /** The emulator's origin (for its controls), when local. */
  emulatorOrigin?: string;
  /** The app registration: app-only Graph tokens, and on-behalf-of tokens for calls to Graph as the signed-in user. */
  auth: { authority: string; tenantId: string; clientId: string; clientSecret: string; localIssuer: boolean };
  /** Validation of the tab's tokens (every /api/* route but health, the bot and local sign-in). */
  userAuth: UserAuthConfig;
  hostname: string;
  sitePath: string;
  confidentialSitePath: string;
  /** SharePoint resource units per minute the app may spend; undefined paces only on the server's signals. */
  ruPerMinute: number | undefined;
  userAgent: { publisher: string; version: string };
  port: number;
  /** The Teams bot's identity and trust; null when it is not configured (outside local runs, MICROSOFT_APP_ID unset). */
  bot: BotConfig | null;
  /** The app's public origin (links to the tab); undefined outside local runs when VARDE_PUBLIC_URL is unset. */
  publicUrl: string | undefined;
  whistleblowingRecipientIds: string[];
  /** Directory of the reports waiting for SharePoint; undefined keeps them in memory only. */
  pendingDir: string | undefined;
  /** Files sent with reports in the chat. */
  files: { maxBytes: number };
  /** The daily reminder digest (issue 9). */
  reminders: ReminderConfig;
}

export interface ReminderConfig {
  /** The schedule runs (the admin endpoint works either way). */
  enabled: boolean;
  /** 'HH:MM', Oslo time. */
  time: string;
  /** Lease, run date and delivery records as files here; undefined: memory, or the blob container below. */
  scheduleDir: string | undefined;
  /** Azure Storage for the queue and the lease (both URLs set), or null for the in-process queue. */
  storage: { queueUrl: string; leaseUrl: string; identity: { kind: 'managedIdentity'; clientId?: string } | { kind: 'default' } } | null;
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
      tenantId: e.AZURE_TENANT_ID,
      clientId: e.AZURE_CLIENT_ID,
      clientSecret: e.AZURE_CLIENT_SECRET,
      localIssuer: local,
    };
  } else if (local) {
    auth = { authority: `${graph.origin}/_emulator/issuer/${LOCAL_APP.tenantId}`, tenantId: LOCAL_APP.tenantId, clientId: LOCAL_APP.clientId, clientSecret: LOCAL_APP.clientSecret, localIssuer: true };
  } else {
    throw new ConfigError('AZURE_TENANT_ID, AZURE_CLIENT_ID og AZURE_CLIENT_SECRET må være satt for å bruke Microsoft Graph.');
  }
  const publicUrl = e.VARDE_PUBLIC_URL?.replace(/\/+$/, '') ?? (local ? `http://127.0.0.1:${e.PORT}` : undefined);
  return {
    graphBaseUrl: e.GRAPH_BASE_URL,
    local,
    emulatorOrigin: local ? graph.origin : undefined,
    auth,
    userAuth: userAuthConfig(e, auth, publicUrl, local ? graph.origin : undefined),
    hostname: e.SP_HOSTNAME.toLowerCase(),
    sitePath: e.SP_SITE_PATH,
    confidentialSitePath: e.SP_CONFIDENTIAL_SITE_PATH,
    ruPerMinute: e.SP_RU_PER_MINUTE ?? (local ? undefined : 2500),
    userAgent: { publisher: e.VARDE_PUBLISHER, version: packageVersion() },
    port: e.PORT,
    bot: botConfig(e, local ? graph.origin : undefined),
    publicUrl,
    whistleblowingRecipientIds: (e.VARDE_WHISTLEBLOWING_RECIPIENTS ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    pendingDir: e.VARDE_PENDING_DIR,
    files: { maxBytes: Math.floor(e.VARDE_FILE_MAX_MB * 1024 * 1024) },
    reminders: reminderConfig(e),
  };
}

function reminderConfig(e: z.infer<typeof env>): ReminderConfig {
  if (Boolean(e.VARDE_STORAGE_QUEUE_URL) !== Boolean(e.VARDE_STORAGE_LEASE_URL)) {
    throw new ConfigError('VARDE_STORAGE_QUEUE_URL og VARDE_STORAGE_LEASE_URL må settes sammen (påminnelseskøen og leiekontrakten for tidsplanen).');
  }
  const identity = e.VARDE_STORAGE_IDENTITY_CLIENT_ID
    ? { kind: 'managedIdentity' as const, clientId: e.VARDE_STORAGE_IDENTITY_CLIENT_ID }
    : e.IDENTITY_ENDPOINT
      ? { kind: 'managedIdentity' as const }
      : { kind: 'default' as const };
  return {
    enabled: e.VARDE_REMINDERS !== undefined ? e.VARDE_REMINDERS === 'on' : !LOOPBACK.has(new URL(e.GRAPH_BASE_URL).hostname),
    time: e.VARDE_REMINDER_TIME,
    scheduleDir: e.VARDE_SCHEDULE_DIR,
    storage: e.VARDE_STORAGE_QUEUE_URL && e.VARDE_STORAGE_LEASE_URL ? { queueUrl: e.VARDE_STORAGE_QUEUE_URL, leaseUrl: e.VARDE_STORAGE_LEASE_URL, identity } : null,
  };
}

function userAuthConfig(e: z.infer<typeof env>, auth: VardeConfig['auth'], publicUrl: string | undefined, localOrigin: string | undefined): UserAuthConfig {
  const allowedTenants = (e.VARDE_ALLOWED_TENANTS ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  for (const tenant of allowedTenants) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(tenant)) throw new ConfigError(`VARDE_ALLOWED_TENANTS: «${tenant}» er ikke en tenant-id (GUID).`);
  }
  // Teams SSO: the tab's app registration exposes api://{the tab's host}/{client id}; it is the app's own registration.
  const appIdUri = e.TAB_APP_ID_URI ?? (publicUrl ? `api://${new URL(publicUrl).host}/${auth.clientId}` : undefined);
  return {
    allowedTenants: allowedTenants.length > 0 ? allowedTenants : [auth.tenantId.toLowerCase()],
    audiences: [...(appIdUri ? [appIdUri] : []), auth.clientId],
    appIdUri,
    authority: localOrigin ? { kind: 'local', base: `${localOrigin}/_emulator/issuer` } : { kind: 'entra', host: e.AZURE_AUTHORITY_HOST.replace(/\/+$/, '') },
  };
}

function botConfig(e: z.infer<typeof env>, localOrigin: string | undefined): BotConfig | null {
  const allowUnsigned = e.BOT_ALLOW_UNSIGNED_LOCAL === '1' || e.BOT_ALLOW_UNSIGNED_LOCAL === 'true';
  if (e.MICROSOFT_APP_ID) {
    if (allowUnsigned) throw new ConfigError('BOT_ALLOW_UNSIGNED_LOCAL gjelder bare lokal kjøring uten MICROSOFT_APP_ID; fjern den.');
    if (e.MICROSOFT_APP_TYPE === 'UserAssignedMsi') {
      if (!e.MICROSOFT_APP_TENANT_ID) throw new ConfigError('MICROSOFT_APP_TENANT_ID må være satt når MICROSOFT_APP_TYPE er UserAssignedMsi.');
      if (e.MICROSOFT_APP_PASSWORD) throw new ConfigError('MICROSOFT_APP_PASSWORD skal ikke være satt når MICROSOFT_APP_TYPE er UserAssignedMsi.');
    } else {
      if (!e.MICROSOFT_APP_PASSWORD) throw new ConfigError('MICROSOFT_APP_PASSWORD må være satt sammen med MICROSOFT_APP_ID.');
      if (e.MICROSOFT_APP_TYPE === 'SingleTenant' && !e.MICROSOFT_APP_TENANT_ID) throw new ConfigError('MICROSOFT_APP_TENANT_ID må være satt når MICROSOFT_APP_TYPE er SingleTenant.');
    }
    return {
      appId: e.MICROSOFT_APP_ID,
      password: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
      channel: { ...BOT_FRAMEWORK_CHANNEL },
      allowUnsignedLocal: false,
      defaultServiceUrl: TEAMS_GLOBAL_SERVICE_URL,
    };
  }
  if (e.MICROSOFT_APP_PASSWORD || e.MICROSOFT_APP_TENANT_ID) throw new ConfigError('MICROSOFT_APP_ID må være satt sammen med MICROSOFT_APP_PASSWORD og MICROSOFT_APP_TENANT_ID.');
  if (!localOrigin) {
    if (allowUnsigned) throw new ConfigError('BOT_ALLOW_UNSIGNED_LOCAL gjelder bare lokal kjøring; fjern den.');
    return null;
  }
  // The emulator plays both Microsoft services: the channel that signs activities, and Entra, which signs the bot's own tokens.
  const channel = `${localOrigin}/_emulator/botframework`;
  return {
    appId: LOCAL_APP.clientId,
    password: LOCAL_APP.clientSecret,
    tenantId: LOCAL_APP.tenantId,
    appType: 'SingleTenant',
    channel: { openIdMetadataUrl: `${channel}/v1/.well-known/openidconfiguration`, tokenIssuer: channel },
    localIssuer: { authority: `${localOrigin}/_emulator/issuer/${LOCAL_APP.tenantId}` },
    allowUnsignedLocal: allowUnsigned,
  };
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

// infra/azure/main.bicep cannot be compiled here (no Bicep CLI on this machine or in CI), so this checks what can be
// checked without it: the file's structure, documented resource API versions, the parameters file against the declared
// parameters, and that the App Service gets every setting src/server/config.ts reads, secrets only through Key Vault.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/app-package/paths.js';

const AZURE_DIR = join(REPO_ROOT, 'infra', 'azure');
const bicep = readFileSync(join(AZURE_DIR, 'main.bicep'), 'utf8');
const parametersFile = JSON.parse(readFileSync(join(AZURE_DIR, 'parameters', 'example-kommune.parameters.json'), 'utf8')) as {
  $schema: string;
  contentVersion: string;
  parameters: Record<string, { value: unknown }>;
};

/** Resource types and the API versions used, each checked against its page in Microsoft's template reference. */
const DOCUMENTED_API_VERSIONS: Record<string, string> = {
  'Microsoft.OperationalInsights/workspaces': '2023-09-01',
  'Microsoft.Insights/components': '2020-02-02',
  'Microsoft.Insights/webtests': '2022-06-15',
  'Microsoft.Insights/diagnosticSettings': '2021-05-01-preview',
  'Microsoft.KeyVault/vaults': '2023-07-01',
  'Microsoft.Storage/storageAccounts': '2023-05-01',
  'Microsoft.Storage/storageAccounts/queueServices': '2023-05-01',
  'Microsoft.Storage/storageAccounts/queueServices/queues': '2023-05-01',
  'Microsoft.Storage/storageAccounts/blobServices': '2023-05-01',
  'Microsoft.Storage/storageAccounts/blobServices/containers': '2023-05-01',
  'Microsoft.Web/serverfarms': '2024-04-01',
  'Microsoft.Web/sites': '2024-04-01',
  'Microsoft.Web/sites/basicPublishingCredentialsPolicies': '2024-04-01',
  'Microsoft.Authorization/roleAssignments': '2022-04-01',
  'Microsoft.BotService/botServices': '2022-09-15',
  'Microsoft.BotService/botServices/channels': '2022-09-15',
};

/** Azure's built-in role definition ids (the same in every subscription). */
const BUILT_IN_ROLES: Record<string, string> = {
  roleKeyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
  roleKeyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  roleStorageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  roleStorageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
};

/** Bicep source with comments removed and string contents blanked (interpolations kept as code). */
function codeOnly(source: string): string {
  let out = '';
  const modes: ('code' | 'string' | 'interp')[] = ['code'];
  const depth: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const mode = modes[modes.length - 1];
    if (mode === 'string') {
      if (c === '\\') {
        i++;
        out += '  ';
      } else if (c === "'") {
        modes.pop();
        out += c;
      } else if (c === '$' && source[i + 1] === '{') {
        modes.push('interp');
        depth.push(0);
        out += '${';
        i++;
      } else out += c === '\n' ? '\n' : ' ';
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      out += '\n';
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 1;
      continue;
    }
    if (c === "'") {
      // ''' multi-line strings are not used here; a lone quote opens a string.
      modes.push('string');
      out += c;
      continue;
    }
    if (mode === 'interp') {
      if (c === '{') depth[depth.length - 1] = (depth[depth.length - 1] ?? 0) + 1;
      if (c === '}') {
        if ((depth[depth.length - 1] ?? 0) === 0) {
          modes.pop();
          depth.pop();
          out += '}';
          continue;
        }
        depth[depth.length - 1] = (depth[depth.length - 1] ?? 0) - 1;
      }
    }
    out += c;
  }
  if (modes.length !== 1) throw new Error(`unterminated string or interpolation (${modes.join(' > ')})`);
  return out;
}

interface Param {
  name: string;
  type: string;
  hasDefault: boolean;
  allowed: string[] | null;
  secure: boolean;
}

function params(source: string): Param[] {
  const out: Param[] = [];
  const re = /((?:@\w+\((?:[^()]|\([^()]*\))*\)\s*)*)^param (\w+) (\w+)( = .+)?$/gm;
  for (const m of source.matchAll(re)) {
    const decorators = m[1] ?? '';
    const allowed = /@allowed\(\[([\s\S]*?)\]\)/.exec(decorators);
    out.push({
      name: m[2] ?? '',
      type: m[3] ?? '',
      hasDefault: m[4] !== undefined,
      allowed: allowed ? (allowed[1] ?? '').split('\n').map((s) => s.trim().replace(/^'|'$/g, '')).filter(Boolean) : null,
      secure: decorators.includes('@secure()'),
    });
  }
  return out;
}

const resources = [...bicep.matchAll(/^resource (\w+) '([^'@]+)@([^']+)'/gm)].map((m) => ({ symbol: m[1] ?? '', type: m[2] ?? '', version: m[3] ?? '' }));

/** The `name:` of every entry in the web app's appSettings array, with the text of its value. */
function appSettings(source: string): Map<string, string> {
  const start = source.indexOf('appSettings: [');
  const end = source.indexOf('\n      ]', start);
  const block = source.slice(start, end);
  const out = new Map<string, string>();
  for (const m of block.matchAll(/name: '([A-Z0-9_]+)'\s*\n\s*value: ([^\n]+)/g)) out.set(m[1] ?? '', (m[2] ?? '').trim());
  return out;
}

/** The environment variables src/server/config.ts reads (its zod object's keys). */
function configVariables(): string[] {
  const config = readFileSync(join(REPO_ROOT, 'src', 'server', 'config.ts'), 'utf8');
  const start = config.indexOf('const env = z.object({');
  const end = config.indexOf('\n});', start);
  return [...config.slice(start, end).matchAll(/^ {2}([A-Z][A-Z0-9_]+): z\./gm)].map((m) => m[1] ?? '');
}

describe('infra/azure/main.bicep', () => {
  const code = codeOnly(bicep);

  it('has closed strings and balanced brackets', () => {
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    const stack: string[] = [];
    for (const c of code) {
      if ('([{'.includes(c)) stack.push(c);
      else if (c in pairs) expect(stack.pop(), `unbalanced ${c}`).toBe(pairs[c]);
    }
    expect(stack).toEqual([]);
  });

  it('uses documented API versions, once per symbolic name', () => {
    expect(resources.length).toBeGreaterThan(10);
    for (const r of resources) expect(`${r.type}@${r.version}`).toBe(`${r.type}@${DOCUMENTED_API_VERSIONS[r.type] ?? '(not in the documented list)'}`);
    expect(new Set(resources.map((r) => r.symbol)).size).toBe(resources.length);
  });

  it('every parent and scope names a resource declared here', () => {
    const symbols = new Set(resources.map((r) => r.symbol));
    for (const m of code.matchAll(/^\s*(parent|scope): (\w+)\s*$/gm)) expect(symbols.has(m[2] ?? ''), `${m[1]}: ${m[2]}`).toBe(true);
  });

  it('uses the built-in role definition ids it says it does', () => {
    for (const [name, id] of Object.entries(BUILT_IN_ROLES)) expect(bicep).toContain(`var ${name} = '${id}'`);
    const declared = [...bicep.matchAll(/^var (role\w+) = '([0-9a-f-]+)'/gm)].map((m) => m[1]);
    expect(declared.sort()).toEqual(Object.keys(BUILT_IN_ROLES).sort());
  });

  it('Linux App Service on Node 22 LTS, always on, HTTPS only, health check', () => {
    expect(bicep).toContain("linuxFxVersion: 'NODE|22-lts'");
    expect(bicep).toMatch(/alwaysOn: true/);
    expect(bicep).toMatch(/httpsOnly: true/);
    expect(bicep).toContain("healthCheckPath: '/api/health'");
    expect(bicep).toContain("type: 'SystemAssigned'");
  });

  it('the bot: single tenant, messages to /api/messages on the public host, the Teams channel on', () => {
    expect(bicep).toContain("msaAppType: 'SingleTenant'");
    expect(bicep).toContain("endpoint: '${publicUrl}/api/messages'");
    expect(bicep).toMatch(/name: 'MsTeamsChannel'[\s\S]*channelName: 'MsTeamsChannel'[\s\S]*isEnabled: true/);
  });

  it('Key Vault with RBAC; the web app may read secrets, nothing more', () => {
    expect(bicep).toContain('enableRbacAuthorization: true');
    expect(bicep).toMatch(/resource webAppSecretsUser[\s\S]*?roleKeyVaultSecretsUser\)[\s\S]*?principalId: webApp\.identity\.principalId/);
  });

  it('Storage: the reminder queue and the lease container, no shared keys', () => {
    expect(bicep).toContain('allowSharedKeyAccess: false');
    expect(resources.filter((r) => r.type.endsWith('/queues')).length).toBe(2);
    expect(resources.filter((r) => r.type.endsWith('/containers')).length).toBe(1);
  });
});

describe('the App Service settings', () => {
  const settings = appSettings(bicep);

  it('include every variable src/server/config.ts reads, but the two that must not be set in Azure', () => {
    // PORT: App Service sets it for the Node container. BOT_ALLOW_UNSIGNED_LOCAL: local runs only (config refuses it here).
    // PORT and IDENTITY_ENDPOINT are App Service's own; unsigned activities are for local runs only; the schedule
    // lives in Storage (the lease URL), not in files; Storage uses the system-assigned identity unless one is named.
    const notInAzure = new Set(['PORT', 'BOT_ALLOW_UNSIGNED_LOCAL', 'IDENTITY_ENDPOINT', 'VARDE_SCHEDULE_DIR', 'VARDE_STORAGE_IDENTITY_CLIENT_ID']);
    const variables = configVariables();
    expect(variables.length).toBeGreaterThan(15);
    const missing = variables.filter((v) => !notInAzure.has(v) && !settings.has(v));
    expect(missing, 'add them to appSettings in infra/azure/main.bicep (and the README table)').toEqual([]);
    for (const v of notInAzure) expect(settings.has(v)).toBe(false);
  });

  it('take secrets from Key Vault only', () => {
    expect(settings.get('AZURE_CLIENT_SECRET')).toBe('keyVaultReference');
    expect(settings.get('MICROSOFT_APP_PASSWORD')).toBe('botKeyVaultReference');
    expect(bicep).toContain("var keyVaultReference = '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${clientSecretName})'");
    expect(bicep).not.toMatch(/@secure\(\)\s*param \w+ string = /);
  });

  it('name the tab’s Application ID URI the way the Teams package does', () => {
    expect(settings.get('TAB_APP_ID_URI')).toBe("'api://${publicHost}/${clientId}'");
    expect(settings.get('VARDE_PUBLIC_URL')).toBe('publicUrl');
  });
});

describe('parameters/example-kommune.parameters.json', () => {
  const declared = new Map(params(bicep).map((p) => [p.name, p]));

  it('is an ARM parameters file', () => {
    expect(parametersFile.$schema).toBe('https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#');
    expect(parametersFile.contentVersion).toBe('1.0.0.0');
  });

  it('sets only declared parameters, every required one, with the declared type and an allowed value', () => {
    expect(declared.size).toBeGreaterThan(15);
    const jsonType = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v === 'number' ? 'int' : typeof v === 'boolean' ? 'bool' : typeof v);
    for (const [name, { value }] of Object.entries(parametersFile.parameters)) {
      const p = declared.get(name);
      expect(p, `${name} is not a parameter of main.bicep`).toBeDefined();
      if (!p) continue;
      expect(jsonType(value), name).toBe(p.type);
      if (p.allowed) expect(p.allowed, name).toContain(String(value));
    }
    for (const p of declared.values()) if (!p.hasDefault) expect(parametersFile.parameters, `required parameter ${p.name}`).toHaveProperty(p.name);
  });

  it('holds no secrets', () => {
    // Secrets go into Key Vault after deployment (README), never into a parameters file.
    expect(Object.keys(parametersFile.parameters).filter((k) => /(password|secret|key)$/i.test(k))).toEqual([]);
    // An Entra client secret looks like 40 characters with a tilde in them.
    expect(JSON.stringify(parametersFile)).not.toMatch(/[A-Za-z0-9_.-]*~[A-Za-z0-9_.~-]{20,}/);
  });
});

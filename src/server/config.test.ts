// The tab's token rules in configuration: audience and tenant allow-list defaults, local and in a tenant.
import { describe, expect, it } from 'vitest';
import { ConfigError, LOCAL_APP, readConfig } from './config.js';

const TENANT = '3b2a1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d';
const CLIENT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const tenantEnv = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: 's', VARDE_PUBLIC_URL: 'https://varde.tonsberg.kommune.no/' };

describe('userAuth', () => {
  it("in a tenant: Entra's issuers, the app's own tenant, and the tab's Application ID URI and client id as audiences", () => {
    const { userAuth } = readConfig(tenantEnv);
    expect(userAuth).toEqual({
      allowedTenants: [TENANT],
      audiences: [`api://varde.tonsberg.kommune.no/${CLIENT}`, CLIENT],
      appIdUri: `api://varde.tonsberg.kommune.no/${CLIENT}`,
      authority: { kind: 'entra', host: 'https://login.microsoftonline.com' },
    });
  });

  it('takes TAB_APP_ID_URI and VARDE_ALLOWED_TENANTS as given', () => {
    const other = '0D9E8F7A-6B5C-4D3E-8F2A-1B0C9D8E7F6A';
    const { userAuth } = readConfig({ ...tenantEnv, TAB_APP_ID_URI: `api://tab.example.no/${CLIENT}`, VARDE_ALLOWED_TENANTS: `${TENANT}, ${other}` });
    expect(userAuth.audiences).toEqual([`api://tab.example.no/${CLIENT}`, CLIENT]);
    expect(userAuth.allowedTenants).toEqual([TENANT, other.toLowerCase()]);
  });

  it('refuses a tenant that is not a GUID, and an Application ID URI of another form', () => {
    expect(() => readConfig({ ...tenantEnv, VARDE_ALLOWED_TENANTS: 'contoso.onmicrosoft.com' })).toThrow(ConfigError);
    expect(() => readConfig({ ...tenantEnv, TAB_APP_ID_URI: 'https://varde.example.no' })).toThrow(/TAB_APP_ID_URI/);
  });

  it("locally: the emulator's Entra stand-in and its tenant", () => {
    const config = readConfig({ GRAPH_BASE_URL: 'http://127.0.0.1:5099/v1.0', PORT: '3978' });
    expect(config.userAuth).toEqual({
      allowedTenants: [LOCAL_APP.tenantId],
      audiences: [`api://127.0.0.1:3978/${LOCAL_APP.clientId}`, LOCAL_APP.clientId],
      appIdUri: `api://127.0.0.1:3978/${LOCAL_APP.clientId}`,
      authority: { kind: 'local', base: 'http://127.0.0.1:5099/_emulator/issuer' },
    });
    expect(config.auth.tenantId).toBe(LOCAL_APP.tenantId);
  });
});

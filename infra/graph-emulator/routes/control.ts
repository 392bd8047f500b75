// /_emulator: the emulator's own controls (metrics, faults, reset, sites) and the local token issuer.
import { invalidRequest } from '../errors.js';
import { type EmulatorRequest, json, jsonBody, noContent } from '../request.js';
import type { Router } from '../router.js';
import type { EmulatorContext } from '../server.js';
import { DEFAULT_FAULTS, parseFaultConfig } from '../faults.js';
import { resetDatabase } from '../store/database.js';
import { createSite, listSites, siteResource } from '../store/sites.js';
import { LOCAL_TENANT_ID } from '../issuer.js';
import { rmSync } from 'node:fs';

export function registerControlRoutes(r: Router, ctx: EmulatorContext): void {
  r.add('GET', '/_emulator/metrics', 1, () => json(200, ctx.metrics.snapshot()));
  r.add('POST', '/_emulator/metrics/reset', 1, () => {
    ctx.metrics.reset();
    return noContent();
  });

  r.add('GET', '/_emulator/faults', 1, () => json(200, ctx.faults.config));
  r.add('POST', '/_emulator/faults', 1, (req) => {
    // `reset: true` starts from no faults; other settings are applied on top.
    const { reset, ...settings } = req.body.length ? jsonBody(req, true) : {};
    ctx.faults.configure(parseFaultConfig(settings, reset === true ? DEFAULT_FAULTS : ctx.faults.config));
    return json(200, ctx.faults.config);
  });

  r.add('POST', '/_emulator/reset', 1, () => {
    resetDatabase(ctx.db);
    rmSync(ctx.blobDir, { recursive: true, force: true });
    ctx.metrics.reset();
    ctx.faults.configure({ ...DEFAULT_FAULTS });
    createSite(ctx.db, { hostname: ctx.hostname, path: '/', displayName: 'Communication site' });
    return noContent();
  });

  // Graph v1.0 cannot create SharePoint sites; a tenant admin does. Locally this stands in for that.
  r.add('GET', '/_emulator/sites', 1, () => json(200, { value: listSites(ctx.db).map(siteResource) }));
  r.add('POST', '/_emulator/sites', 1, (req) => {
    const body = jsonBody(req, true);
    if (typeof body.path !== 'string') throw invalidRequest("A site needs a 'path' such as /sites/kvalitet.");
    const hostname = typeof body.hostname === 'string' ? body.hostname : ctx.hostname;
    const site = createSite(ctx.db, {
      hostname,
      path: body.path,
      displayName: typeof body.displayName === 'string' ? body.displayName : undefined,
      description: typeof body.description === 'string' ? body.description : undefined,
    });
    return json(201, siteResource(site));
  });

  registerIssuerRoutes(r, ctx);
  registerChannelIssuerRoutes(r, ctx);
}

/**
 * The Bot Framework channel's OpenID metadata and keys (login.botframework.com/v1/.well-known/…), and a control that
 * mints a channel token, so a local client can post activities to a bot as Teams would.
 */
function registerChannelIssuerRoutes(r: Router, ctx: EmulatorContext): void {
  const channel = ctx.issuer.botFramework;
  const base = '/_emulator/botframework';
  r.add('GET', `${base}/v1/.well-known/openidconfiguration`, 1, () =>
    json(200, {
      issuer: channel.issuer(),
      authorization_endpoint: `${channel.issuer()}/invalid`,
      jwks_uri: channel.jwksUrl(),
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    }),
  );
  r.add('GET', `${base}/v1/.well-known/keys`, 1, () => json(200, channel.jwks()));
  r.add('POST', `${base}/tokens`, 1, async (req) => {
    const body = jsonBody(req, true);
    if (typeof body.audience !== 'string' || body.audience === '') throw invalidRequest("A channel token needs an 'audience': the bot's app id.");
    if (typeof body.serviceUrl !== 'string' || body.serviceUrl === '') throw invalidRequest("A channel token needs the activity's 'serviceUrl'.");
    const seconds = typeof body.expiresInSeconds === 'number' && Number.isFinite(body.expiresInSeconds) ? Math.trunc(body.expiresInSeconds) : 3600;
    return json(200, { token_type: 'Bearer', expires_in: seconds, access_token: await channel.sign(body.audience, body.serviceUrl, seconds) });
  });
}

/** OpenID Connect metadata and a client-credentials token endpoint, shaped as Entra ID's v2.0 endpoints. */
function registerIssuerRoutes(r: Router, ctx: EmulatorContext): void {
  const { issuer } = ctx;
  const base = '/_emulator/issuer/:tenant';
  const checkTenant = (tenant: string | undefined) => {
    if (tenant !== LOCAL_TENANT_ID && tenant !== 'organizations' && tenant !== 'common')
      throw invalidRequest(`Tenant '${tenant}' not found. The local issuer serves tenant ${LOCAL_TENANT_ID}.`);
  };

  r.add('GET', `${base}/v2.0/.well-known/openid-configuration`, 1, (_req, params) => {
    checkTenant(params.tenant);
    const authority = issuer.authority();
    return json(200, {
      issuer: issuer.issuerUrl(),
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      jwks_uri: `${authority}/discovery/v2.0/keys`,
      response_types_supported: ['code', 'id_token', 'token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      tenant_region_scope: 'EU',
    });
  });

  r.add('GET', `${base}/discovery/v2.0/keys`, 1, (_req, params) => {
    checkTenant(params.tenant);
    return json(200, issuer.jwks());
  });

  r.add('POST', `${base}/oauth2/v2.0/token`, 1, async (req, params) => {
    checkTenant(params.tenant);
    const form = new URLSearchParams(req.body.toString('utf8'));
    const oauthError = (status: number, error: string, description: string) => json(status, { error, error_description: description, error_codes: [], timestamp: new Date().toISOString() });
    if (form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
    const { id, secret } = clientCredentials(req, form);
    const client = id ? issuer.clients.get(id) : undefined;
    if (!client) return oauthError(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${id ?? ''}' was not found in the directory.`);
    if (secret !== client.secret) return oauthError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    const scope = form.get('scope') ?? '';
    if (!scope.endsWith('/.default')) return oauthError(400, 'invalid_scope', 'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default.');
    const audience = scope.slice(0, -'/.default'.length);
    const expiresIn = 3599;
    const token = await issuer.sign({ appid: id, azp: id, app_displayname: client.displayName, roles: ['Sites.Selected'], sub: id, oid: id, idtyp: 'app' }, audience, expiresIn);
    return json(200, { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token });
  });
}

function clientCredentials(req: EmulatorRequest, form: URLSearchParams): { id?: string; secret?: string } {
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1]) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    return { id: id ? decodeURIComponent(id) : undefined, secret: secret ? decodeURIComponent(secret) : undefined };
  }
  return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

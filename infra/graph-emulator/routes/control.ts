// /_emulator: the emulator's own controls (metrics, faults, reset, sites) and the local token issuer.
import { jwtVerify } from 'jose';
import { accessDenied, invalidRequest } from '../errors.js';
import { type EmulatorRequest, type EmulatorResponse, json, jsonBody, noContent } from '../request.js';
import type { Router } from '../router.js';
import type { EmulatorContext } from '../server.js';
import { DEFAULT_FAULTS, parseFaultConfig } from '../faults.js';
import { resetDatabase } from '../store/database.js';
import { createSite, listSites, resolveSite, siteResource } from '../store/sites.js';
import { resolveList } from '../store/lists.js';
import { libraryKeepsMinorVersions, setLibraryVersioning } from '../store/drives.js';
import { type DirectoryUser, type Issuer, LOCAL_TENANT_ID } from '../issuer.js';
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

  // A library's versioning (major only, or major and minor): library settings in a tenant, which Graph v1.0 cannot
  // change. Body: {site: '{hostname}:/{path}' or a site id, list: title or id, minorVersions: boolean}.
  r.add('POST', '/_emulator/libraries/versioning', 1, (req) => {
    const body = jsonBody(req, true);
    if (typeof body.site !== 'string' || typeof body.list !== 'string' || typeof body.minorVersions !== 'boolean') {
      throw invalidRequest("Give 'site', 'list' and 'minorVersions' (true or false).");
    }
    const site = resolveSite(ctx.db, body.site, ctx.hostname);
    const list = resolveList(ctx.db, site, body.list);
    if (list.template !== 'documentLibrary') throw invalidRequest('Only document libraries have versioning settings here.');
    setLibraryVersioning(ctx.db, list.id, body.minorVersions);
    return json(200, { list: list.id, minorVersions: libraryKeepsMinorVersions(ctx.db, list.id) });
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

/** The scope a Teams SSO token carries (the tab's app registration exposes `access_as_user`). */
export const USER_TOKEN_SCOPE = 'access_as_user';

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const PROXY_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'forwarded', 'x-real-ip'];

/** Controls that mint tokens for anyone answer only to this machine, directly (a tunnel's traffic carries proxy headers). */
function requireLoopback(req: EmulatorRequest): void {
  if (!LOOPBACK_ADDRESSES.has(req.remoteAddress ?? '') || PROXY_HEADERS.some((h) => req.headers[h] !== undefined))
    throw accessDenied('This control answers only to requests from this machine.');
}

const optionalString = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * OpenID Connect metadata, keys and a token endpoint shaped as Entra ID's v2.0 endpoints (client credentials, and
 * on-behalf-of: a user's token exchanged for a delegated Graph token); a control that mints a user's access token for
 * an API, as Teams SSO hands the tab one; and the users `GET /v1.0/me` knows.
 */
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
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials' && grant !== JWT_BEARER) return oauthError(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
    const { id, secret } = clientCredentials(req, form);
    const client = id ? issuer.clients.get(id) : undefined;
    if (!id || !client) return oauthError(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${id ?? ''}' was not found in the directory.`);
    if (secret !== client.secret) return oauthError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    if (grant === JWT_BEARER) return onBehalfOf(issuer, form, id, oauthError);
    const scope = form.get('scope') ?? '';
    if (!scope.endsWith('/.default')) return oauthError(400, 'invalid_scope', 'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default.');
    const audience = scope.slice(0, -'/.default'.length);
    const expiresIn = 3599;
    const token = await issuer.sign({ appid: id, azp: id, app_displayname: client.displayName, roles: ['Sites.Selected'], sub: id, oid: id, idtyp: 'app' }, audience, expiresIn);
    return json(200, { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token });
  });

  // Stands in for Teams SSO: a user's access token for an API (`audience`: its Application ID URI or client id), as
  // `authentication.getAuthToken()` hands the tab one. Only from this machine: whoever can call it can be anyone.
  r.add('POST', `${base}/user-token`, 1, async (req, params) => {
    checkTenant(params.tenant);
    requireLoopback(req);
    const body = jsonBody(req, true);
    const oid = optionalString(body.oid);
    const audience = optionalString(body.audience);
    if (!oid) throw invalidRequest("A user token needs the user's 'oid' (Entra object id).");
    if (!audience) throw invalidRequest("A user token needs an 'audience': the API's Application ID URI or client id.");
    const name = optionalString(body.name);
    const username = optionalString(body.preferredUsername);
    const seconds = typeof body.expiresInSeconds === 'number' && Number.isFinite(body.expiresInSeconds) ? Math.trunc(body.expiresInSeconds) : 3600;
    const scp = optionalString(body.scp) ?? USER_TOKEN_SCOPE;
    // Teams' client app asks for the token; `azp` names it (Teams desktop/web), as Entra does.
    const token = await issuer.sign(
      { scp, oid, sub: oid, idtyp: 'user', azp: TEAMS_CLIENT_ID, ...(name ? { name } : {}), ...(username ? { preferred_username: username } : {}) },
      audience,
      seconds,
    );
    const known = issuer.users.get(oid);
    issuer.users.set(oid, { id: oid, displayName: name, mail: username, userPrincipalName: username, preferredLanguage: known?.preferredLanguage ?? null });
    return json(200, { token_type: 'Bearer', expires_in: seconds, access_token: token });
  });

  // The users /v1.0/me answers for (what an administrator or the user sets in a tenant: preferredLanguage above all).
  r.add('POST', `${base}/users`, 1, (req, params) => {
    checkTenant(params.tenant);
    const body = jsonBody(req, true);
    const id = optionalString(body.id);
    if (!id) throw invalidRequest("A user needs an 'id' (Entra object id).");
    const user: DirectoryUser = {
      id,
      displayName: optionalString(body.displayName),
      mail: optionalString(body.mail),
      userPrincipalName: optionalString(body.userPrincipalName),
      preferredLanguage: optionalString(body.preferredLanguage),
    };
    issuer.users.set(id, user);
    return json(201, user);
  });
}

/** Microsoft Teams' own client id (desktop and mobile), the `azp` of Teams SSO tokens. */
const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const GRAPH_RESOURCE = 'https://graph.microsoft.com';

type OAuthError = (status: number, error: string, description: string) => EmulatorResponse;

/**
 * The on-behalf-of flow (Entra's v2.0 token endpoint with grant_type jwt-bearer): the assertion must be a user's access
 * token this issuer signed, still valid, for the calling client (its id or an `api://…/{id}` URI). The answer is a
 * delegated Graph token for the same user, with the requested Graph scopes (`.default`: User.Read).
 */
async function onBehalfOf(currentIssuer: Issuer, form: URLSearchParams, clientId: string, oauthError: OAuthError): Promise<EmulatorResponse> {
  if (form.get('requested_token_use') !== 'on_behalf_of') return oauthError(400, 'invalid_request', "AADSTS900144: The request body must contain the following parameter: 'requested_token_use'.");
  const assertion = form.get('assertion');
  if (!assertion) return oauthError(400, 'invalid_request', "AADSTS900144: The request body must contain the following parameter: 'assertion'.");
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(assertion, currentIssuer.keys, { issuer: currentIssuer.issuerUrl(), algorithms: ['RS256'] }));
  } catch (err) {
    const expired = err instanceof Error && err.name === 'JWTExpired';
    return oauthError(400, 'invalid_grant', expired ? 'AADSTS500133: Assertion is not within its valid time range.' : 'AADSTS50013: Assertion failed signature validation.');
  }
  const audience = typeof claims.aud === 'string' ? claims.aud : '';
  if (audience !== clientId && !(audience.startsWith('api://') && audience.endsWith(`/${clientId}`)))
    return oauthError(400, 'invalid_grant', 'AADSTS50013: Assertion audience does not match the Client app presenting the assertion.');
  if (typeof claims.oid !== 'string' || typeof claims.scp !== 'string' || claims.idtyp === 'app')
    return oauthError(400, 'invalid_grant', 'AADSTS50013: The assertion is not a user token (on-behalf-of needs a delegated token).');
  const requested = (form.get('scope') ?? '').split(' ').filter((s) => s.startsWith(`${GRAPH_RESOURCE}/`));
  if (requested.length === 0) return oauthError(400, 'invalid_scope', 'AADSTS70011: The provided request must include a Microsoft Graph scope.');
  const scopes = requested.map((s) => s.slice(GRAPH_RESOURCE.length + 1)).map((s) => (s === '.default' ? 'User.Read' : s));
  const client = currentIssuer.clients.get(clientId);
  const expiresIn = 3599;
  const token = await currentIssuer.sign(
    {
      appid: clientId,
      azp: clientId,
      app_displayname: client?.displayName ?? clientId,
      scp: scopes.join(' '),
      oid: claims.oid,
      sub: claims.oid,
      idtyp: 'user',
      ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
      ...(typeof claims.preferred_username === 'string' ? { preferred_username: claims.preferred_username } : {}),
    },
    GRAPH_RESOURCE,
    expiresIn,
  );
  return json(200, { token_type: 'Bearer', scope: scopes.map((s) => `${GRAPH_RESOURCE}/${s}`).join(' '), expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token });
}

function clientCredentials(req: EmulatorRequest, form: URLSearchParams): { id?: string; secret?: string } {
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1]) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    return { id: id ? decodeURIComponent(id) : undefined, secret: secret ? decodeURIComponent(secret) : undefined };
  }
  return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

// The tab's API under /api: authentication and viewer resolution in front of every route module, errors in Graph's shape.
//
// Order for each request: the Authorization header (a bearer token at all) → the token (src/auth/user-token.ts:
// signature, issuer, audience, expiry, tenant) → the viewer (the token's oid as a person of the organisation) → the
// route. Public: /api/health (src/server/app.ts), /api/messages (the bot, which checks its own channel tokens) and the
// local sign-in under /api/local (local runs only; 404 elsewhere). Everything else under /api is 401 without a valid
// token, including paths that do not exist, so the API's shape is not visible to strangers.
import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import type { SyncedCaseIndex, SyncedMeasureIndex } from '../../app/case-index/index.js';
import type { CaseWork } from '../../app/case-work/index.js';
import type { SyncedRiskIndex } from '../../app/risk/index.js';
import type { Messenger } from '../../app/ports/index.js';
import { ConcurrencyConflict, DuplicateRecord, RecordNotFound } from '../../app/ports/index.js';
import type { OrgLookups } from '../../app/reporting/org-lookups.js';
import type { Reporting } from '../../app/reporting/reporting.js';
import type { AccessContexts } from '../../app/session/access-contexts.js';
import type { PeopleDirectory } from '../../app/session/people-directory.js';
import { type UserTokenFailure, type UserTokenValidator, bearerToken } from '../../auth/user-token.js';
import { GraphNetworkError, GraphThrottledError } from '../../sharepoint/graph/index.js';
import { InvalidContinuationError, type SharePointRepositories } from '../../sharepoint/repositories/index.js';
import type { VardeConfig } from '../config.js';
import type { ApiEnv } from './context.js';
import { withVerifiedTokens } from './verified-tokens.js';
import type { Locale } from './contract.js';
import { ApiProblem, DomainFailure, InvalidRequest, apiError, statusOfDomainError } from './errors.js';
import { type LocalSignInDeps, localSignInRoutes } from './local-sign-in.js';
import { dashboardRoutes } from './dashboard.js';
import { measureRoutes } from './measures.js';
import { caseRoutes } from './cases.js';
import { sessionRoutes } from './session.js';
import { riskRoutes } from './risk.js';
import { procedureRoutes } from './procedures.js';
import type { ProcedureModule } from '../../app/procedures/index.js';
import type { ReminderModule } from '../compose-reminders.js';
import { reminderRoutes } from './reminders.js';
import { committeeRoutes } from './committees.js';

/** API events for logs and metrics: codes only, never tokens, names or what people wrote. */
export type ApiLog = (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;

/** The signed-in user's own settings in Microsoft 365, read through Graph as the user (on-behalf-of). */
export interface UserProfiles {
  /** The user's preferred language as the tab's locale; bokmål when unknown or unreadable. Never throws. */
  locale(user: { oid: string; token: string }): Promise<Locale>;
}

/**
 * What route modules get. Built once by the composition (src/server/compose.ts); add what a new module needs here and
 * there, not through globals.
 */
export interface ApiDeps {
  readonly config: VardeConfig;
  /** Every repository over the two SharePoint sites (deviations, measures, organisation, leaderChannels …). */
  readonly repos: SharePointRepositories;
  /** Cached units, people by id and leader channels: the same instance the bot's reporting uses. */
  readonly org: OrgLookups;
  /** People by name, for pickers. */
  readonly people: PeopleDirectory;
  /** The access policy's context: units and whistleblowing recipients (from configuration or the local demo). */
  readonly access: AccessContexts;
  /** The reporting use cases behind the bot: `notifyReporter` sends feedback to a reporter and updates their receipt. */
  readonly reporting: Reporting;
  /** Proactive messages through the bot (to a person, a channel). */
  readonly messenger: Messenger;
  /** The clock: every "now" of the API comes from here. */
  readonly now: () => Date;
  readonly tokens: UserTokenValidator;
  readonly profiles: UserProfiles;
  /** Local runs only: the personas and how to mint their tokens; null in a tenant. */
  readonly localSignIn: LocalSignInDeps | null;
  readonly log: ApiLog;
  /** Every ordinary case, delta-synced per instance (src/app/case-index): counts, text search and the dashboard. */
  readonly caseIndex: SyncedCaseIndex;
  /** Every measure's unit, status and deadline, delta-synced per instance: the dashboard's overdue counts. */
  readonly measureIndex: SyncedMeasureIndex;
  /** The case work behind /api/cases (inbox, case view, changes); the composition stops it (its read log's last try). */
  readonly caseWork: CaseWork;
  /** Every risk row and assessment, delta-synced per instance (src/app/risk): the heat map, round states, lists. */
  readonly riskIndex: SyncedRiskIndex;
  /** Procedures and governing documents (issue 8): /api/procedures, /api/reading-list … (contract-procedures.ts). */
  readonly procedures?: ProcedureModule;
  /** The daily reminder digest (issue 9): POST /api/admin/reminders/run for quality advisers. */
  readonly reminders?: ReminderModule;
}

/** Paths under /api that carry no user token: health, the bot's endpoint (its own auth), and the local sign-in. */
const PUBLIC = [/^\/api\/health$/, /^\/api\/messages$/, /^\/api\/local(\/|$)/];

/** The API, to be mounted at /api (its routes are relative: `/me`, `/cases/:id` …). */
export function createApi(deps: ApiDeps): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>();
  // Local sign-in first: it needs no token (and is 404 outside local runs).
  api.route('/local', localSignInRoutes(deps));
  api.use('*', authenticate(deps));

  // ── Route modules: one line each. ───────────────────────────────────────────────────────────────
  api.route('/', sessionRoutes(deps)); // GET /me, /units, /people, /channels/:channelId/unit
  api.route('/', caseRoutes(deps)); // GET /cases, /cases/:id (+ attachments); POST actions, measures, feedback, escalate; PUT analysis
  api.route('/', measureRoutes(deps)); // GET /measures, /measures/export.xlsx, POST /measures/:id/complete
  api.route('/', dashboardRoutes(deps)); // GET /dashboard
  api.route('/', riskRoutes(deps)); // /risk/…: assessments, items, heat map, rounds, due, Excel (contract-risk.ts)
  if (deps.procedures) api.route('/', procedureRoutes({ ...deps, procedures: deps.procedures })); // /procedures, /reading-list, /reading-coverage, /self-assessments (contract-procedures.ts)
  if (deps.reminders) api.route('/', reminderRoutes(deps.reminders, deps.now)); // POST /admin/reminders/run (quality advisers)
  api.route('/', committeeRoutes(deps)); // /committees, /committee-channels, /channels/:id/committee, /meetings/…: agendas, decisions, minutes (contract-committees.ts)
  // ────────────────────────────────────────────────────────────────────────────────────────────────

  api.notFound((c) => apiError(c, 404, 'notFound', 'Fant ikke ressursen.'));
  api.onError((err, c) => {
    if (err instanceof InvalidRequest) return apiError(c, 400, 'invalidRequest', 'Forespørselen er ugyldig.', { details: err.details });
    if (err instanceof ApiProblem) return apiError(c, err.status, err.code, err.message, err.extra);
    if (err instanceof DomainFailure) {
      const { status, code } = statusOfDomainError(err.error.code);
      return apiError(c, status, code, err.error.message);
    }
    if (err instanceof InvalidContinuationError)
      return apiError(c, 400, 'invalidRequest', 'Forespørselen er ugyldig.', { details: [{ field: 'continuation', message: 'Ugyldig fortsettelse; start fra første side.' }] });
    if (err instanceof ConcurrencyConflict) return apiError(c, 409, 'conflict', 'Noen andre har endret dette i mellomtiden. Last inn på nytt og prøv igjen.');
    if (err instanceof DuplicateRecord) return apiError(c, 409, 'conflict', 'Dette finnes allerede.');
    if (err instanceof RecordNotFound) return apiError(c, 404, 'notFound', 'Fant ikke ressursen.');
    if (err instanceof GraphThrottledError || err instanceof GraphNetworkError) {
      deps.log('api.unavailable', { error: err.name });
      return apiError(c, 503, 'unavailable', 'SharePoint svarer ikke akkurat nå. Prøv igjen om litt.');
    }
    // Anything else is ours: its name in the log, nothing of it in the answer.
    deps.log('api.failed', { error: err instanceof Error ? err.name : typeof err, path: c.req.routePath });
    return apiError(c, 500, 'internalError', 'Noe gikk galt hos oss. Prøv igjen om litt.');
  });
  return api;
}

const UNAUTHENTICATED = 'Du er ikke logget inn. Logg inn og prøv igjen.';
const MESSAGES: Partial<Record<UserTokenFailure, string>> = {
  expired: 'Innloggingen har utløpt. Logg inn på nytt.',
  tenant: 'Du er logget inn i en organisasjon som ikke har tilgang til Varde.',
};

/** Bearer header → token → viewer. Failures are 401 (403 for a valid stranger), with the reason code logged only. */
function authenticate(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  const tokens = withVerifiedTokens(deps.tokens);
  return async (c, next) => {
    if (PUBLIC.some((p) => p.test(c.req.path))) return next();
    const unauthenticated = (reason: UserTokenFailure | 'header', message = 'Innloggingen er ugyldig. Logg inn på nytt.') => {
      deps.log('api.unauthenticated', { reason });
      c.header('WWW-Authenticate', reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"');
      return apiError(c, 401, 'unauthenticated', message);
    };
    const header = c.req.header('authorization');
    if (header === undefined || header.trim() === '') return unauthenticated('missing', UNAUTHENTICATED);
    const token = bearerToken(header);
    if (!token) return unauthenticated('header');
    const result = await tokens.validate(token);
    if (!result.ok) {
      if (result.reason === 'keysUnavailable') {
        deps.log('api.keysUnavailable');
        return apiError(c, 503, 'unavailable', 'Innloggingen kan ikke kontrolleres akkurat nå. Prøv igjen om litt.');
      }
      return unauthenticated(result.reason, MESSAGES[result.reason]);
    }
    const person = await deps.org.person(result.user.oid);
    if (!person) {
      deps.log('api.notInOrganisation');
      return apiError(c, 403, 'notInOrganisation', 'Du finnes ikke i kommunens organisasjonskart i Varde. Kontakt kvalitetsrådgiveren eller HR.');
    }
    c.set('viewer', { person, tenantId: result.user.tid, localSession: deps.config.local, token });
    return next();
  };
}

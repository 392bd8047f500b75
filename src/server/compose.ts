// The composition root of the app server: repositories → conversation handler → bot edge → HTTP app. `npm start` and the tests use it alike.
import { Hono } from 'hono';
import type { BotLog } from '../../bot/adapter.js';
import { type ConversationHandler, createConversationHandler } from '../app/conversation/handler.js';
import { SyncedCaseIndex, SyncedMeasureIndex } from '../app/case-index/index.js';
import { CaseWork, type CaseWorkDeps } from '../app/case-work/index.js';
import { SyncedRiskIndex } from '../app/risk/index.js';
import type { Messenger, PendingReportStore } from '../app/ports/index.js';
import { InMemoryPendingReportStore } from '../app/reporting/pending-reports.js';
import { createAccessContexts } from '../app/session/access-contexts.js';
import { PeopleDirectory } from '../app/session/people-directory.js';
import { createOnBehalfOfTokenSource } from '../auth/on-behalf-of.js';
import { createUserTokenValidator } from '../auth/user-token.js';
import type { DemoPersona } from '../demo/index.js';
import { userAgentString } from '../sharepoint/graph/index.js';
import type { SharePointRepositories } from '../sharepoint/repositories/index.js';
import { type ApiDeps, createApi } from './api/index.js';
import { emulatorTokenMinter } from './api/local-sign-in.js';
import { createApp } from './app.js';
import { type BotEdge, consoleBotLog, createBotEdge } from './bot.js';
import { ConfigError, type VardeConfig } from './config.js';
import { FilePendingReportStore } from './pending-report-files.js';
import type { Stack } from './stack.js';
import { composeProcedures } from './compose-procedures.js';
import { type ReminderModule, type ReminderOverrides, composeReminders } from './compose-reminders.js';
import { REMINDER_ACTION_VERBS } from '../app/reminders/reminders.js';
import type { ProcedureModule } from '../app/procedures/index.js';
import { createUserProfiles } from './user-profiles.js';

export interface ComposeOptions {
  /** Bot and conversation events (codes only); default: console. */
  log?: BotLog;
  /** Overrides VARDE_WHISTLEBLOWING_RECIPIENTS (the local demo names its quality adviser). */
  whistleblowingRecipientIds?: readonly string[];
  /** The demo's personas, for the local sign-in page (local runs only; scripts/start.ts passes them). */
  personas?: readonly DemoPersona[];
  /** The API's clock (default: the system's). */
  now?: () => Date;
  /** Where reports waiting for SharePoint are kept; default: VARDE_PENDING_DIR's files, or memory when it is unset. */
  pendingReports?: PendingReportStore;
  /** The built tab to serve at `/` (default tab/dist); tests serve a snapshot that a concurrent rebuild cannot change. */
  tabDir?: string;
  /** The reminder digest's queue, lease, records, pace and clock, instead of the configuration's (tests, benchmarks). */
  reminders?: ReminderOverrides;
}

export interface Composition {
  app: Hono;
  /** Proactive messages, for the scheduler and the tab's use cases. */
  messenger: Messenger;
  conversation: ConversationHandler;
  bot: BotEdge;
  /** What the tab's API under /api was built with (route modules get the same). */
  api: ApiDeps;
  /**
   * Resolves once the caches a report needs are warm (the lists of both sites, the unit tree and leader channels, a
   * block of case numbers), so the first report costs what every report costs (two Graph requests). Never rejects:
   * a failed warm-up is logged and the first report pays for the look-ups instead.
   */
  ready: Promise<void>;
  /**
   * Stops background work (the indexes' delta rounds, the retry timer of reports waiting for SharePoint, the case read
   * log's retries after one last try); for a clean shutdown. Resolves once the waiting reports being written are on
   * disk and the read log's last try is done.
   */
  stop(): Promise<void>;
  /** Procedures and governing documents (issue 8); `sendReadingDigests(now)` is for the scheduler. */
  procedures: ProcedureModule;
  /** The daily reminder digest (issue 9): `runDailyReminders(now)`, the scheduler, the send queue. */
  reminders: ReminderModule;
}

export function composeApp(config: VardeConfig, stack: Stack, options: ComposeOptions = {}): Composition {
  if (!config.bot) throw new ConfigError('MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD og MICROSOFT_APP_TENANT_ID må være satt for å starte boten.');
  if (!config.publicUrl) throw new ConfigError('VARDE_PUBLIC_URL må være satt (adressen appen nås på, for lenker til fanen).');
  const log = options.log ?? consoleBotLog;
  const { repos } = stack;
  const tabBaseUrl = config.publicUrl;
  let conversation: ConversationHandler | undefined;
  let procedures: ProcedureModule | undefined;
  // Bound once composed below: the handler is built first, inside the bot edge.
  const late: { reminders?: ReminderModule } = {};
  // Reports waiting for SharePoint outlive the process only on disk (VARDE_PENDING_DIR; `npm start` sets one).
  if (!options.pendingReports && !config.pendingDir) log('reporting.pendingInMemory');
  const pendingReports = options.pendingReports ?? (config.pendingDir ? new FilePendingReportStore(config.pendingDir, log) : new InMemoryPendingReportStore());
  const bot = createBotEdge(config.bot, {
    references: repos.conversationReferences,
    conversation: (messenger) =>
      (conversation = createConversationHandler({
        deviations: repos.deviations,
        organisation: repos.organisation,
        caseNumbers: repos.caseNumbers,
        caseMessages: repos.caseMessages,
        leaderChannels: repos.leaderChannels,
        attachments: repos.attachments,
        pendingReports,
        messenger,
        config: { tabBaseUrl, whistleblowingRecipientIds: options.whistleblowingRecipientIds ?? config.whistleblowingRecipientIds },
        log,
        // Issue 8: approval cards, "Jeg har lest og forstått" and "finn prosedyre …".
        procedureChat: (procedures = composeProcedures({
          config,
          repos,
          messenger,
          org: () => (conversation as ConversationHandler).reporting.org,
          ...(options.now ? { now: options.now } : {}),
          log,
          // The reading digest shares the reminder digest's pacer (bound below, once composed): one budget for the app.
          digestSender: (personId, message) => (late.reminders as ReminderModule).paced.sendToPerson(personId, message),
        })).chat,
        // Issue 9: "Utført" and "Ny frist" on the reminder digest in leader channels (bound below, once composed).
        channelCardActions: { verbs: REMINDER_ACTION_VERBS, act: (incoming) => (late.reminders as ReminderModule).cardActions.act(incoming) },
      })),
    files: config.files,
    log,
  });
  if (!conversation || !procedures) throw new Error('The bot edge did not ask for its conversation handler.');
  // Procedures and governing documents (issue 8): the search index's first read and its delta rounds in the background.
  procedures.start();
  const { reporting } = conversation;
  // Per-instance projections of every ordinary case and every measure, kept in step by Graph delta (every 30 s, and
  // when a read finds them older). The first full read runs in the background: start-up does not wait for it.
  const caseIndex = new SyncedCaseIndex(repos.deviationFeed, { log });
  const measureIndex = new SyncedMeasureIndex(repos.measureFeed, { log });
  caseIndex.start();
  measureIndex.start();
  // Every risk row and assessment (the heat map, round states), kept in step the same way.
  const riskIndex = new SyncedRiskIndex({ items: repos.riskItemFeed, assessments: repos.riskAssessmentFeed }, { log });
  riskIndex.start();
  const deps = { ...apiDeps(config, stack, { ...options, log }, conversation, bot.messenger), caseIndex, measureIndex, riskIndex };
  const caseWork = caseWorkFor(deps);
  const reminders = (late.reminders = composeReminders({ config, repos, messenger: bot.messenger, org: deps.org, caseIndex, measureIndex, riskIndex, procedures, now: deps.now, log, ...(options.reminders ? { overrides: options.reminders } : {}) }));
  const api: ApiDeps = { ...deps, caseWork, procedures, reminders };
  const app = createApp({ version: config.userAgent.version, local: config.local, ...(options.tabDir ? { tabDir: options.tabDir } : {}) }, [bot.routes, new Hono().route('/api', createApi(api))]);
  const ready = Promise.all([repos.warmUp(), reporting.warmUp()])
    .then(
      () => undefined,
      (err: unknown) => log('reporting.warmUpFailed', { error: err instanceof Error ? err.name : typeof err }),
    )
    // Reports a previous process left waiting are stored now (or stay queued for the retry timer).
    .then(() => reporting.resumePending())
    // The send queue, and the schedule (whose first look runs a missed run of today at once) once the caches are warm.
    .then(() => reminders.start())
    .then(() => undefined);
  const stop = async () => {
    caseIndex.stop();
    measureIndex.stop();
    riskIndex.stop();
    procedures?.stop();
    await Promise.all([reporting.stop(), caseWork.stop(), reminders.stop()]);
  };
  return { app, messenger: bot.messenger, conversation, bot, api, ready, stop, procedures, reminders };
}

/** The tab API's dependencies: the bot's organisation caches and reporting, token validation, Graph as the user, local sign-in. */
function apiDeps(config: VardeConfig, stack: Stack, options: ComposeOptions & { log: BotLog }, conversation: ConversationHandler, messenger: Messenger): Omit<ApiDeps, 'caseIndex' | 'measureIndex' | 'caseWork' | 'riskIndex'> {
  const { repos } = stack;
  const { userAuth } = config;
  const org = conversation.reporting.org;
  const tokens = createUserTokenValidator({ authority: userAuth.authority, audiences: userAuth.audiences, allowedTenants: userAuth.allowedTenants });
  const log = options.log;
  const localSignIn =
    config.local && config.emulatorOrigin && userAuth.appIdUri
      ? { personas: options.personas ?? [], mint: emulatorTokenMinter({ emulatorOrigin: config.emulatorOrigin, tenantId: config.auth.tenantId, audience: userAuth.appIdUri }) }
      : null;
  return {
    config,
    repos,
    org,
    people: new PeopleDirectory(repos.organisation),
    access: createAccessContexts(() => org.units(), options.whistleblowingRecipientIds ?? config.whistleblowingRecipientIds),
    reporting: conversation.reporting,
    messenger,
    now: options.now ?? (() => new Date()),
    tokens,
    profiles: createUserProfiles({ graphBaseUrl: config.graphBaseUrl, obo: createOnBehalfOfTokenSource(config.auth), userAgent: userAgentString(config.userAgent), log }),
    localSignIn,
    log,
  };
}

/** What case work stores and reads in SharePoint: the app's wiring, and the tests' that run case work on the emulator. */
export function caseWorkStores(repos: SharePointRepositories): Pick<CaseWorkDeps, 'deviations' | 'measures' | 'committees' | 'agenda' | 'reads' | 'attachments' | 'peopleByIds'> {
  return {
    deviations: repos.deviations,
    measures: repos.measures,
    committees: repos.committees,
    agenda: repos.agenda,
    reads: repos.caseReads,
    attachments: repos.attachments,
    peopleByIds: (ids) => repos.organisation.peopleByIds(ids),
  };
}

/** The case work behind /api/cases, over the same repositories, caches and index as the rest of the API. */
function caseWorkFor(deps: Omit<ApiDeps, 'caseWork'>): CaseWork {
  return new CaseWork({
    ...caseWorkStores(deps.repos),
    person: (personId) => deps.org.person(personId),
    access: deps.access,
    reporter: deps.reporting,
    caseIndex: deps.caseIndex,
    // The index catches up at once after a change (counts, search) instead of at its next timed round.
    onChanged: () => void deps.caseIndex.refresh(0).catch(() => {}),
    now: deps.now,
    log: deps.log,
  });
}

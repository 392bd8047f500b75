// Wires issue 9's daily reminder digest (src/app/reminders) from the composition's parts; kept beside compose.ts so
// that file only gains a few lines. Picks the queue and the schedule's store from the configuration:
//
//   VARDE_STORAGE_QUEUE_URL + VARDE_STORAGE_LEASE_URL  → Azure Storage Queue, blob lease, blob delivery records
//   VARDE_SCHEDULE_DIR                                 → in-process queue, lease and records as files (npm start)
//   neither                                            → in-process queue, lease and records in memory (tests)
import type { BotLog } from '../../bot/adapter.js';
import { Reminders, REMINDER_ACTION_VERBS, type ReminderDeps, type RunSummary } from '../app/reminders/reminders.js';
import type { ReviewDue, RiskDeadline } from '../app/reminders/plan.js';
import { DailyScheduler, type SchedulerClock } from '../app/scheduling/scheduler.js';
import { parseTimeOfDay } from '../app/scheduling/daily-schedule.js';
import { InMemoryDeliveryLog, InMemoryScheduleLease } from '../app/scheduling/in-memory.js';
import { InProcessSendQueue } from '../app/sending/in-process-queue.js';
import { createPacedMessenger } from '../app/sending/paced-messenger.js';
import { DEFAULT_PACE, type PaceLimits, Pacer } from '../app/sending/pacer.js';
import type { DeliveryLog, Messenger, ScheduleLease, SendQueue } from '../app/ports/index.js';
import type { ProcedureModule } from '../app/procedures/index.js';
import { RiskRounds, RiskWork, type SyncedRiskIndex } from '../app/risk/index.js';
import type { OrgLookups } from '../app/reporting/org-lookups.js';
import type { SyncedCaseIndex, SyncedMeasureIndex } from '../app/case-index/index.js';
import { BlobDeliveryLog, BlobScheduleLease, containerClient } from '../azure/blob-schedule.js';
import { storageCredential } from '../azure/credential.js';
import { StorageSendQueue } from '../azure/storage-send-queue.js';
import type { Person } from '../domain/index.js';
import type { SharePointRepositories } from '../sharepoint/repositories/index.js';
import type { VardeConfig } from './config.js';
import { FileDeliveryLog, FileScheduleLease } from './schedule-files.js';

/** What tests (and the benchmark) may set instead of the configuration's choices. */
export interface ReminderOverrides {
  readonly lease?: ScheduleLease;
  readonly deliveries?: DeliveryLog;
  readonly queue?: SendQueue;
  readonly pace?: PaceLimits;
  readonly clock?: SchedulerClock;
  /** This process's name in the delivery records (two compositions in one test are two "instances"). */
  readonly instanceId?: string;
  readonly maxParts?: number;
}

export interface ReminderWiring {
  readonly config: VardeConfig;
  readonly repos: SharePointRepositories;
  readonly messenger: Messenger;
  readonly org: OrgLookups;
  readonly caseIndex: SyncedCaseIndex;
  readonly measureIndex: SyncedMeasureIndex;
  readonly riskIndex: SyncedRiskIndex;
  readonly procedures: ProcedureModule | undefined;
  readonly now: () => Date;
  readonly log: BotLog;
  readonly overrides?: ReminderOverrides;
}

export interface ReminderModule {
  readonly reminders: Reminders;
  /** The card actions the conversation handler routes here, also in channels. */
  readonly cardActions: { readonly verbs: ReadonlySet<string>; act: Reminders['act'] };
  /** The day's run now (the admin endpoint, tests); the scheduler calls the same at VARDE_REMINDER_TIME. */
  runDailyReminders(now: Date): Promise<RunSummary>;
  readonly scheduler: DailyScheduler | null;
  start(): void;
  stop(): Promise<void>;
}

/** Who the risk round's "what falls due" is asked as: a reader who may see every round (the digest sorts by channel). */
const RISK_READER: Person = { id: 'varde-reminders', name: 'Varde', email: '', upn: '', unitId: '', roles: ['qualityAdviser'] };

export function composeReminders(w: ReminderWiring): ReminderModule {
  const { config, repos, overrides = {} } = w;
  const storage = config.reminders.storage;
  const container = storage && !overrides.lease ? containerClient(storage.leaseUrl, storageCredential(storage.identity)) : null;
  const lease = overrides.lease ?? (container ? new BlobScheduleLease(container) : config.reminders.scheduleDir ? new FileScheduleLease(config.reminders.scheduleDir) : new InMemoryScheduleLease());
  const deliveries = overrides.deliveries ?? (container ? new BlobDeliveryLog(container) : config.reminders.scheduleDir ? new FileDeliveryLog(config.reminders.scheduleDir) : new InMemoryDeliveryLog());
  const queue =
    overrides.queue ??
    (storage
      ? new StorageSendQueue({ queueUrl: storage.queueUrl, credential: storageCredential(storage.identity), consumerLease: lease, log: w.log })
      : new InProcessSendQueue({ log: w.log }));
  const pacer = new Pacer(overrides.pace ?? DEFAULT_PACE);
  // The channel's conversation reference is read (and cached by the store) before the send takes a pacer slot.
  const warmChannel = async (id: string) => void (await repos.conversationReferences.get({ kind: 'channel', id }));
  const messenger = createPacedMessenger(w.messenger, pacer, { log: w.log, prepare: warmChannel });

  const riskWork = new RiskWork({
    store: repos.riskStore,
    measures: repos.measures,
    deviations: repos.deviations,
    agenda: repos.agenda,
    committees: repos.committees,
    units: () => w.org.units(),
    person: (id) => w.org.person(id),
    index: w.riskIndex,
    now: w.now,
    log: w.log,
  });
  const rounds = new RiskRounds(riskWork);
  const riskDeadlines = async (_now: Date, horizonDays: number): Promise<RiskDeadline[]> =>
    (await rounds.due(RISK_READER, horizonDays)).map((d) => ({
      key: `${d.roundId}|${d.kind}|${d.unitId ?? d.taskId ?? ''}`,
      title: d.kind === 'workPlanTask' ? `${d.roundTitle}: ${d.title}` : d.title,
      unitId: d.unitId,
      deadline: d.deadline,
    }));
  const procedures = w.procedures;
  const reviewsDue = procedures
    ? async (now: Date): Promise<ReviewDue[]> =>
        (await procedures.procedures.dueForReview(now, 0)).flatMap(({ doc }) =>
          doc.nextReviewDate ? [{ documentId: doc.id, title: doc.title, ownerUnitId: doc.ownerUnitId, dueDate: doc.nextReviewDate }] : [],
        )
    : undefined;

  const deps: ReminderDeps = {
    units: () => w.org.units(),
    leaderChannelOf: (unitId) => repos.leaderChannels.leaderChannelOf(unitId),
    committeeChannels: async () => (await repos.committeeWork.committees.list()).flatMap((c) => (c.value.channelId ? [{ channelId: c.value.channelId, unitId: c.value.unitId }] : [])),
    markChannelRemoved: (channelId, at) => repos.committeeWork.channels.markRemoved(channelId, at),
    measures: repos.measures,
    caseIndex: w.caseIndex,
    deviations: repos.deviations,
    peopleByIds: (ids) => repos.organisation.peopleByIds(ids),
    person: (id) => w.org.person(id),
    ...(reviewsDue ? { reviewsDue } : {}),
    riskDeadlines,
    messenger,
    warmChannel,
    queue,
    deliveries,
    tabBaseUrl: config.publicUrl ?? '',
    now: w.now,
    onMeasureChanged: () => void w.measureIndex.refresh(0).catch(() => {}),
    log: w.log,
    ...(overrides.instanceId ? { instanceId: overrides.instanceId } : {}),
    ...(overrides.maxParts ? { pack: { maxParts: overrides.maxParts } } : {}),
  };
  const reminders = new Reminders(deps);
  const time = parseTimeOfDay(config.reminders.time);
  if (!time) throw new Error(`VARDE_REMINDER_TIME: ${config.reminders.time}`);
  const scheduler = config.reminders.enabled
    ? new DailyScheduler({ job: 'daily-reminders', time, lease, run: async (now) => void (await reminders.runDailyReminders(now)), log: w.log, ...(overrides.clock ? { clock: overrides.clock } : {}) })
    : null;
  let started = false;
  let stopped = false;
  return {
    reminders,
    cardActions: { verbs: REMINDER_ACTION_VERBS, act: (incoming) => reminders.act(incoming) },
    runDailyReminders: (now) => reminders.runDailyReminders(now),
    scheduler,
    start() {
      if (started || stopped) return;
      started = true;
      queue.start(reminders.handle);
      scheduler?.start();
    },
    async stop() {
      stopped = true;
      await scheduler?.stop();
      await queue.stop();
      await reminders.idle();
    },
  };
}

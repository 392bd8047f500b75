// Wires issue 9's daily reminder digest (src/app/reminders) from the composition's parts; kept beside compose.ts so
// that file only gains a few lines. The procedures' reading digest (issue 8) runs on the same schedule as a job on the
// same queue, so both go out through one pacer within Teams' limits for the app. Picks the queue and the schedule's
// store from the configuration:
//
//   VARDE_STORAGE_QUEUE_URL + VARDE_STORAGE_LEASE_URL  → Azure Storage Queue, blob lease, blob delivery records
//   VARDE_SCHEDULE_DIR                                 → in-process queue, lease and records as files (npm start)
//   neither                                            → in-process queue, lease and records in memory (tests)
import type { BotLog } from '../../bot/adapter.js';
import { ClaimedElsewhere, Reminders, REMINDER_ACTION_VERBS, type ReminderDeps, type RunSummary } from '../app/reminders/reminders.js';
import type { ReviewDue, RiskDeadline } from '../app/reminders/plan.js';
import { DailyScheduler, type SchedulerClock } from '../app/scheduling/scheduler.js';
import { parseTimeOfDay } from '../app/scheduling/daily-schedule.js';
import { InMemoryDeliveryLog, InMemoryScheduleLease } from '../app/scheduling/in-memory.js';
import { InProcessSendQueue } from '../app/sending/in-process-queue.js';
import { type PacedMessenger, createPacedMessenger } from '../app/sending/paced-messenger.js';
import { DEFAULT_PACE, type PaceLimits, Pacer } from '../app/sending/pacer.js';
import type { DeliveryLog, Messenger, ScheduleLease, SendJobHandler, SendQueue } from '../app/ports/index.js';
import type { ProcedureModule } from '../app/procedures/index.js';
import { RiskRounds, RiskWork, type SyncedRiskIndex } from '../app/risk/index.js';
import type { OrgLookups } from '../app/reporting/org-lookups.js';
import type { SyncedCaseIndex, SyncedMeasureIndex } from '../app/case-index/index.js';
import { BlobDeliveryLog, BlobScheduleLease, containerClient } from '../azure/blob-schedule.js';
import { storageCredential } from '../azure/credential.js';
import { StorageSendQueue } from '../azure/storage-send-queue.js';
import { type Person, toOsloDate } from '../domain/index.js';
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
  /**
   * The procedures' daily reading digest (issue 8) at the same time: a job on the same queue, sent by the instance that
   * consumes it through the same pacer, so the two digests share Teams' budget. Null when reminders are off.
   */
  readonly readingScheduler: DailyScheduler | null;
  /** Queues the day's reading digest and waits until this instance's queue has handled it (the scheduler's run). */
  runReadingDigest(now: Date): Promise<void>;
  /** The one paced sender of bulk messages (channel digests and reading digests alike). */
  readonly paced: PacedMessenger;
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
    measureIndex: w.measureIndex,
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
  const clock = overrides.clock ? { clock: overrides.clock } : {};
  const scheduler = config.reminders.enabled ? new DailyScheduler({ job: 'daily-reminders', time, lease, run: async (now) => void (await reminders.runDailyReminders(now)), log: w.log, ...clock }) : null;

  // The reading digest goes through the queue too: whichever instance consumes it sends both digests through its one
  // pacer. The day's run is claimed in 'Lesevarsler' (a second job, a restart or another instance sends nothing twice),
  // and the scheduler records the date under its own job name.
  const runReadingDigest = async (now: Date) => {
    await queue.enqueue([{ type: 'readingDigest', date: toOsloDate(now) }]);
    await queue.idle();
  };
  const readingScheduler = config.reminders.enabled && procedures ? new DailyScheduler({ job: 'reading-digest', time, lease, run: runReadingDigest, log: w.log, ...clock }) : null;
  const handle: SendJobHandler = async (job) => {
    if (job.type === 'channelDigest') return reminders.handle(job);
    // A job from an earlier day (a queue that stood still) is left: today's run says everything still unread.
    if (!procedures || job.date !== toOsloDate(w.now())) return w.log('procedures.digestJobSkipped', { date: job.date });
    const outcome = await procedures.sendReadingDigests(w.now());
    w.log('procedures.digestJobDone', { status: outcome.status, sent: outcome.sent, unreachable: outcome.unreachable, failed: outcome.failed, people: outcome.people });
    // Another process holds the day's run: if it stopped, its claim goes stale (10 minutes) and a retry takes it over.
    if (outcome.status === 'busy') throw new ClaimedElsewhere(5 * 60_000);
  };
  let started = false;
  let stopped = false;
  return {
    reminders,
    cardActions: { verbs: REMINDER_ACTION_VERBS, act: (incoming) => reminders.act(incoming) },
    runDailyReminders: (now) => reminders.runDailyReminders(now),
    scheduler,
    readingScheduler,
    runReadingDigest,
    paced: messenger,
    start() {
      if (started || stopped) return;
      started = true;
      queue.start(handle);
      scheduler?.start();
      readingScheduler?.start();
    },
    async stop() {
      stopped = true;
      await Promise.all([scheduler?.stop(), readingScheduler?.stop()]);
      await queue.stop();
      await reminders.idle();
    },
  };
}

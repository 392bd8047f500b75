// The daily reminder run (issue 9, item 6): one digest card (or a few parts) per leader channel with the overdue
// measures, the procedures due for review and the risk deadlines in its scope, sent through the SendQueue within
// Teams' rate limits; "Utført" and "Ny frist" on the card change the measure and update the card in place.
//
// Once per channel and day, whatever happens: before the first part is sent, the job creates the channel's record
// for the day in the DeliveryLog (create-if-absent: a second instance or a second run finds it and sends nothing),
// and each part's message is written to it as soon as Teams has taken it, so a retry sends only what is missing.
// A process that stops between Teams taking a part and the record saying so would send that part again on the
// retry: the one window left, milliseconds wide.
//
// The record also keeps what each part shows (the lines, as posted in the channel: no health-related text), so an
// action re-renders its part without reading every measure on it again.
import { z } from 'zod';
import { type Measure, type OrgUnits, type Person, addDays, changeMeasureStatus, isActive, toOsloDate } from '../../domain/index.js';
import { type DigestFrame, type DigestLine, type DigestTotals, type PackOptions, REMINDER_VERBS, packDigest, reminderDigestCard } from '../../cards/reminder-digest-card.js';
import { rt } from '../../cards/reminder-strings.js';
import { canCompleteMeasure } from '../action-list/action-list.js';
import { PlannedMeasures, type PlannedMeasuresDeps } from '../case-work/query-plan-measures.js';
import type { CardJson, Incoming, Reply } from '../conversation/types.js';
import { type ChannelDigestJob, ConcurrencyConflict, type DeliveryLog, type DeviationRepository, type MeasureRepository, type MessageRef, type SendJob, type SendQueue, sendJobKey } from '../ports/index.js';
import { ChannelGone, type PacedMessenger, channelOfConversation } from '../sending/paced-messenger.js';
import { changeMeasureDeadline } from './measure-deadline.js';
import { type CaseFactsForChannel, type ChannelDigest, type ReviewDue, type RiskDeadline, planDigests } from './plan.js';

export type ReminderLog = (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;

export interface ReminderDeps {
  readonly units: () => Promise<OrgUnits>;
  /** The unit's leader channel (the leader-channel directory), or null. */
  readonly leaderChannelOf: (unitId: string) => Promise<string | null>;
  /** Committees' own channels and the unit each belongs to (src/app/committees); a committee's scope is its unit and below. */
  readonly committeeChannels?: () => Promise<readonly { channelId: string; unitId: string }[]>;
  /** Notes that Teams refused the bot in a channel (403/404), so the tab can say so (the committees' channel catalogue). */
  readonly markChannelRemoved?: (channelId: string, at: string) => Promise<void>;
  readonly measures: MeasureRepository;
  /** Counts for planning the overdue query under SharePoint's list view threshold (case-work/query-plan-measures.ts). */
  readonly measureIndex?: PlannedMeasuresDeps['measureIndex'];
  /** What the case index knows of an ordinary case; cases it does not hold are read by id. */
  readonly caseIndex: { get(deviationId: string): CaseFactsForChannel | undefined };
  readonly deviations: Pick<DeviationRepository, 'getMany'>;
  readonly peopleByIds: (ids: readonly string[]) => Promise<readonly Pick<Person, 'id' | 'name'>[]>;
  readonly person: (id: string) => Promise<Person | null>;
  /** Procedures and governing documents due for review (issue 8); none when not given. */
  readonly reviewsDue?: (now: Date) => Promise<readonly ReviewDue[]>;
  /** Deadlines of the yearly risk round (issue 7) within `riskHorizonDays`; none when not given. */
  readonly riskDeadlines?: (now: Date, horizonDays: number) => Promise<readonly RiskDeadline[]>;
  readonly messenger: PacedMessenger;
  /**
   * Reads a channel's conversation reference into the store's cache; called for every planned channel before the jobs
   * are queued, so the sends that follow spend their rate-limited slots on Teams alone.
   */
  readonly warmChannel?: (channelId: string) => Promise<void>;
  readonly queue: SendQueue;
  readonly deliveries: DeliveryLog;
  /** The tab's origin: links to the action list, reviews, risk rounds and cases. */
  readonly tabBaseUrl: string;
  readonly now: () => Date;
  /** After a measure changed through a card (the measure index refreshes, so the dashboard follows). */
  readonly onMeasureChanged?: () => void;
  readonly log?: ReminderLog;
  readonly pack?: PackOptions;
  /** Risk deadlines this many days ahead are included (default 7); overdue ones always. */
  readonly riskHorizonDays?: number;
  /** A claim older than this is taken over (its process stopped; default 2 minutes). */
  readonly claimTtlMs?: number;
  /** Digest records are kept this many days (default 30). */
  readonly keepDays?: number;
  /** This process, in the records' claims (default random). */
  readonly instanceId?: string;
}

export interface RunSummary {
  readonly date: string;
  /** Leader channels with something in their scope (one job each). */
  readonly channels: number;
  readonly measures: number;
  readonly reviews: number;
  readonly risk: number;
  /** What this run's jobs did on this instance. */
  readonly delivery: DeliveryStats;
}

export interface DeliveryStats {
  sent: number;
  messages: number;
  alreadySent: number;
  gone: number;
  noReference: number;
  stale: number;
}

const DEFAULT_LOCALE = 'nb-NO';
const CLAIM_TTL_MS = 2 * 60_000;

// ── The record of one channel's digest of one day ────────────────────────────────────────────────────────────────

const refSchema = z.object({ conversationId: z.string(), activityId: z.string(), serviceUrl: z.string().optional() });
const lineState = z.discriminatedUnion('type', [
  z.object({ type: z.literal('open') }),
  z.object({ type: z.literal('done'), byName: z.string(), at: z.string() }),
  z.object({ type: z.literal('rescheduled'), deadline: z.string(), byName: z.string() }),
  z.object({ type: z.literal('gone') }),
]);
const lineSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('measure'),
    measureId: z.string(),
    title: z.string().nullable(),
    caseNumber: z.string().nullable(),
    caseUrl: z.string().nullable(),
    unitName: z.string(),
    ownerName: z.string().nullable(),
    deadline: z.string(),
    daysOverdue: z.number(),
    state: lineState,
  }),
  z.object({ kind: z.literal('review'), documentId: z.string(), title: z.string(), unitName: z.string(), dueDate: z.string(), daysOverdue: z.number() }),
  z.object({ kind: z.literal('risk'), key: z.string(), title: z.string(), unitName: z.string().nullable(), deadline: z.string(), daysLeft: z.number() }),
]);
const totalsSchema = z.object({ measures: z.number(), reviews: z.number(), risk: z.number() });
const recordSchema = z.object({
  v: z.literal(1),
  state: z.enum(['claimed', 'sent', 'gone', 'noReference']),
  claimedBy: z.string(),
  claimedAt: z.string(),
  unitName: z.string(),
  totals: totalsSchema,
  overflow: totalsSchema,
  parts: z.array(z.object({ lines: z.array(lineSchema), ref: refSchema.nullable() })),
  status: z.number().optional(),
});
type DigestRecord = z.infer<typeof recordSchema>;
type LineState = z.infer<typeof lineState>;

const actionSchema = z.object({ c: z.string().min(1).max(300), d: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), p: z.string().regex(/^\d{1,2}$/), m: z.string().min(1).max(100), f: z.string().regex(/^[en]\d{1,3}$/) });

/** A job found claimed by another process that may still be at it: retried once the claim has run out. */
export class ClaimedElsewhere extends Error {
  override readonly name = 'ClaimedElsewhere';
  constructor(readonly retryAfterMs: number) {
    super('Another process claimed this digest a moment ago.');
  }
}

export class Reminders {
  private readonly plans = new Map<string, Promise<Map<string, ChannelDigest>>>();
  private readonly stats = new Map<string, DeliveryStats>();
  private readonly background = new Set<Promise<unknown>>();
  /** Deliveries in hand here, by job key: the same job twice at once (the admin run during the scheduled one) sends once. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly instanceId: string;
  private readonly planned: PlannedMeasures;

  constructor(private readonly deps: ReminderDeps) {
    this.instanceId = deps.instanceId ?? `i-${Math.random().toString(36).slice(2, 10)}`;
    this.planned = new PlannedMeasures({ measures: deps.measures, ...(deps.measureIndex ? { measureIndex: deps.measureIndex } : {}) });
  }

  /** The queue's handler; compose starts the queue with it. */
  readonly handle = (job: SendJob): Promise<void> => {
    if (job.type !== 'channelDigest') throw new Error(`The reminders do not handle ${job.type} jobs.`);
    return this.deliver(job);
  };

  /**
   * The day's run: works out every channel's digest, queues one job per channel and waits until the queue has handled
   * them (sent, found sent already, or dead-lettered). What the scheduler runs at 08:00, and the admin endpoint on demand.
   * A second call the same day sends nothing a first call sent.
   */
  async runDailyReminders(now: Date): Promise<RunSummary> {
    const date = toOsloDate(now);
    const before = { ...this.statsOf(date) };
    const plan = this.buildPlan(now);
    this.plans.clear();
    this.plans.set(date, plan);
    const digests = await plan;
    const warm = this.deps.warmChannel;
    if (warm) {
      const ids = [...digests.keys()];
      for (let at = 0; at < ids.length; at += 16) await Promise.all(ids.slice(at, at + 16).map((id) => warm(id).catch(() => undefined)));
    }
    await this.deps.queue.enqueue([...digests.keys()].map((channelId): ChannelDigestJob => ({ type: 'channelDigest', channelId, date })));
    this.event('reminders.queued', { date, channels: digests.size });
    await this.deps.queue.idle();
    const keep = this.deps.keepDays ?? 30;
    await this.deps.deliveries.prune(addDays(date, -keep)).catch(() => this.event('reminders.pruneFailed'));
    const all = [...digests.values()];
    return {
      date,
      channels: digests.size,
      measures: new Set(all.flatMap((d) => d.lines.flatMap((l) => (l.kind === 'measure' ? [l.measureId] : [])))).size,
      reviews: new Set(all.flatMap((d) => d.lines.flatMap((l) => (l.kind === 'review' ? [l.documentId] : [])))).size,
      risk: new Set(all.flatMap((d) => d.lines.flatMap((l) => (l.kind === 'risk' ? [l.key] : [])))).size,
      // This run's share (another run or an action the same day may have moved the counters too).
      delivery: Object.fromEntries(Object.entries(this.statsOf(date)).map(([k, v]) => [k, v - before[k as keyof DeliveryStats]])) as unknown as DeliveryStats,
    };
  }

  /** Resolves when the card updates started by actions have been sent (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  // ── Sending ────────────────────────────────────────────────────────────────────────────────────────────────────

  private statsOf(date: string): DeliveryStats {
    let s = this.stats.get(date);
    if (!s) {
      if (this.stats.size > 7) this.stats.clear();
      s = { sent: 0, messages: 0, alreadySent: 0, gone: 0, noReference: 0, stale: 0 };
      this.stats.set(date, s);
    }
    return s;
  }

  /** One channel's digest of one day: claimed, sent part by part, recorded. */
  async deliver(job: ChannelDigestJob): Promise<void> {
    const key = sendJobKey(job);
    const running = this.inFlight.get(key);
    if (running) {
      // The record decides what is left once the other is done (a claim by this same process would let both send).
      await running.catch(() => undefined);
      return this.deliver(job);
    }
    const attempt = this.deliverOnce(job).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, attempt);
    return attempt;
  }

  private async deliverOnce(job: ChannelDigestJob): Promise<void> {
    const stats = this.statsOf(job.date);
    // A job that waited past midnight (a queue backlog, a restart) is yesterday's news: tomorrow's digest says it all.
    if (job.date !== toOsloDate(this.deps.now())) {
      stats.stale++;
      this.event('reminders.jobStale', { date: job.date });
      return;
    }
    let found = await this.readRecord(job.date, job.channelId);
    let current: { record: DigestRecord; etag: string } | null = null;
    if (found === null) {
      const digest = (await this.planFor(job.date)).get(job.channelId);
      if (!digest) return; // nothing in its scope any more
      const record = this.newRecord(job, digest);
      const created = await this.deps.deliveries.create(job.date, job.channelId, record);
      if (created !== null) current = { record, etag: created };
      else {
        found = await this.readRecord(job.date, job.channelId);
        if (found === null) throw new Error('The digest record vanished after it was claimed.');
      }
    }
    if (current === null && found !== null) {
      const { record, etag } = found;
      if (record.state === 'sent') {
        stats.alreadySent++;
        return;
      }
      if (record.state !== 'claimed') return; // gone or unreachable: recorded, not retried today
      const age = this.deps.now().getTime() - Date.parse(record.claimedAt);
      const ttl = this.deps.claimTtlMs ?? CLAIM_TTL_MS;
      if (record.claimedBy !== this.instanceId && age < ttl) throw new ClaimedElsewhere(ttl - age + 1000);
      // Ours from an earlier attempt, or a stopped process's: taken over, sending only the parts not yet sent.
      const taken = { ...record, claimedBy: this.instanceId, claimedAt: this.deps.now().toISOString() };
      current = { record: taken, etag: await this.save(job, taken, etag) };
    }
    if (current === null) return;
    const frame = this.frameOf(job, current.record);
    for (let i = 0; i < current.record.parts.length; i++) {
      const part = current.record.parts[i]!;
      if (part.ref) continue;
      let ref: MessageRef | null;
      try {
        ref = await this.deps.messenger.sendToChannel(job.channelId, { card: this.card(frame, current.record, i, DEFAULT_LOCALE, null) });
      } catch (err) {
        if (!(err instanceof ChannelGone)) throw err;
        // The bot was removed from the team (or the channel deleted): the channel is marked stale for the day, the
        // others go on; tomorrow's run tries again, so a bot added back gets its digests without anyone's help.
        stats.gone++;
        this.event('reminders.channelGone', { status: err.status, date: job.date });
        await this.deps.markChannelRemoved?.(job.channelId, this.deps.now().toISOString()).catch(() => this.event('reminders.markRemovedFailed'));
        await this.save(job, { ...current.record, state: 'gone', status: err.status }, current.etag);
        return;
      }
      if (ref === null) {
        stats.noReference++;
        this.event('reminders.noReference', { date: job.date });
        await this.save(job, { ...current.record, state: 'noReference' }, current.etag);
        return;
      }
      stats.messages++;
      const parts = current.record.parts.map((p, j) => (j === i ? { ...p, ref: { conversationId: ref.conversationId, activityId: ref.activityId, ...(ref.serviceUrl ? { serviceUrl: ref.serviceUrl } : {}) } } : p));
      const next: DigestRecord = { ...current.record, parts, claimedAt: this.deps.now().toISOString() };
      const saved: string = await this.save(job, next, current.etag);
      current = { record: next, etag: saved };
    }
    await this.save(job, { ...current.record, state: 'sent' }, current.etag);
    stats.sent++;
  }

  private async save(job: ChannelDigestJob, record: DigestRecord, etag: string): Promise<string> {
    const next = await this.deps.deliveries.replace(job.date, job.channelId, record, etag);
    // Someone took the record over (this process was too slow for its claim): stop; they send what is missing.
    if (next === null) throw new ClaimedElsewhere(1000);
    return next;
  }

  private newRecord(job: ChannelDigestJob, digest: ChannelDigest): DigestRecord {
    const frame: DigestFrame = { locale: DEFAULT_LOCALE, channelId: job.channelId, unitName: digest.unitName, date: job.date, totals: digest.totals, links: this.links() };
    const { parts, overflow } = packDigest(frame, digest.lines, this.deps.pack);
    return {
      v: 1,
      state: 'claimed',
      claimedBy: this.instanceId,
      claimedAt: this.deps.now().toISOString(),
      unitName: digest.unitName,
      totals: digest.totals,
      overflow,
      parts: parts.map((lines) => ({ lines: lines as DigestRecord['parts'][number]['lines'], ref: null })),
    };
  }

  private async readRecord(date: string, channelId: string): Promise<{ record: DigestRecord; etag: string } | null> {
    const found = await this.deps.deliveries.get(date, channelId);
    if (!found) return null;
    const parsed = recordSchema.safeParse(found.value);
    if (!parsed.success) throw new Error('A digest record could not be read.');
    return { record: parsed.data, etag: found.etag };
  }

  private frameOf(job: { channelId: string; date: string }, record: DigestRecord, locale = DEFAULT_LOCALE): DigestFrame {
    return { locale, channelId: job.channelId, unitName: record.unitName, date: job.date, totals: record.totals, links: this.links() };
  }

  private card(frame: DigestFrame, record: DigestRecord, part: number, locale: string, notice: { text: string; tone: 'good' | 'attention' } | null): CardJson {
    return reminderDigestCard({
      ...frame,
      locale,
      part,
      parts: record.parts.length,
      lines: record.parts[part]?.lines as DigestLine[],
      overflow: record.overflow as DigestTotals,
      notice,
    });
  }

  private links() {
    const base = this.deps.tabBaseUrl.replace(/\/+$/, '');
    return { actionList: `${base}/actions`, reviews: `${base}/procedures/reviews`, risk: `${base}/risk/rounds` };
  }

  private planFor(date: string): Promise<Map<string, ChannelDigest>> {
    let plan = this.plans.get(date);
    if (!plan) {
      // Another instance queued the job (Azure), or this one restarted: the plan is worked out again here, once.
      plan = this.buildPlan(this.deps.now());
      this.plans.clear();
      this.plans.set(date, plan);
      plan.catch(() => this.plans.delete(date));
    }
    return plan;
  }

  /** Reads what is due (one paged query of overdue measures, the indexes for the rest) and plans every channel's digest. */
  private async buildPlan(now: Date): Promise<Map<string, ChannelDigest>> {
    const today = toOsloDate(now);
    const units = await this.deps.units();
    const channels = new Map<string, string[]>();
    const link = (unitId: string, channelId: string) => {
      if (!units.has(unitId)) return;
      const list = channels.get(unitId) ?? [];
      if (!list.includes(channelId)) list.push(channelId);
      channels.set(unitId, list);
    };
    for (const unit of units.values()) {
      const channel = await this.deps.leaderChannelOf(unit.id);
      if (channel) link(unit.id, channel);
    }
    if (this.deps.committeeChannels) {
      try {
        for (const c of await this.deps.committeeChannels()) link(c.unitId, c.channelId);
      } catch (err) {
        // The leader channels still get theirs.
        this.event('reminders.committeesUnavailable', { error: err instanceof Error ? err.name : typeof err });
      }
    }
    if (channels.size === 0) return new Map();
    const [overdue, reviews, risk] = await Promise.all([
      this.overdueMeasures(today, units),
      this.deps.reviewsDue ? this.deps.reviewsDue(now) : Promise.resolve([]),
      this.deps.riskDeadlines ? this.deps.riskDeadlines(now, this.deps.riskHorizonDays ?? 7) : Promise.resolve([]),
    ]);
    const cases = await this.casesOf(overdue);
    const owners = new Map((await this.deps.peopleByIds([...new Set(overdue.map((m) => m.ownerId))])).map((p) => [p.id, p.name]));
    const base = this.deps.tabBaseUrl.replace(/\/+$/, '');
    return planDigests({
      now,
      units,
      channels,
      overdue,
      caseOf: (id) => cases.get(id) ?? null,
      ownerNames: owners,
      reviews,
      risk,
      caseUrl: (id) => `${base}/cases/${encodeURIComponent(id)}`,
    });
  }

  /**
   * Every overdue measure in the municipality, read once for all channels. "Active and due before today" leads with a
   * condition that selects most of a large action list, which SharePoint refuses: planned like the action list's own
   * queries, it is read window by window of Deadline when nothing narrower can lead.
   */
  private async overdueMeasures(today: string, units: OrgUnits): Promise<Measure[]> {
    const out: Measure[] = [];
    await this.planned.each({ scope: { type: 'all' }, statuses: ['open', 'inProgress'], deadlineBefore: today }, units, 1000, (rows) => {
      for (const s of rows) if (isActive(s.value) && s.value.deadline < today) out.push(s.value);
      return true;
    });
    return out;
  }

  private async casesOf(measures: readonly Measure[]): Promise<Map<string, CaseFactsForChannel>> {
    const found = new Map<string, CaseFactsForChannel>();
    const missing = new Set<string>();
    for (const m of measures) {
      if (m.source.type !== 'deviation') continue;
      const c = this.deps.caseIndex.get(m.source.deviationId);
      if (c) found.set(m.source.deviationId, { caseNumber: c.caseNumber, healthRelated: c.healthRelated });
      else missing.add(m.source.deviationId);
    }
    const ids = [...missing];
    for (let at = 0; at < ids.length; at += 100) {
      for (const s of await this.deps.deviations.getMany(ids.slice(at, at + 100), 'ordinary')) found.set(s.value.id, { caseNumber: s.value.caseNumber, healthRelated: s.value.healthRelated });
    }
    return found;
  }

  // ── "Utført" and "Ny frist" on the card ──────────────────────────────────────────────────────────────────────────

  /** Action.Execute from a digest card (in a channel). Never throws: a failure is said in the card. */
  async act(incoming: Extract<Incoming, { type: 'action' }>): Promise<Reply> {
    const locale = incoming.speaker.locale || DEFAULT_LOCALE;
    const parsed = actionSchema.safeParse(incoming.data);
    // The card's data must name the conversation it was acted on in: a card copied elsewhere acts on nothing.
    if (!parsed.success || channelOfConversation(incoming.address.conversationId) !== parsed.data.c) return { send: [{ text: rt(locale, 'notice.gone') }] };
    const data = parsed.data;
    const part = Number(data.p);
    const job = { channelId: data.c, date: data.d };
    try {
      const found = await this.readRecord(data.d, data.c);
      const line = found?.record.parts[part]?.lines.find((l) => l.kind === 'measure' && l.measureId === data.m);
      if (!found || !line) return { send: [{ text: rt(locale, 'notice.gone') }] };
      const refresh = (record: DigestRecord, text: string, tone: 'good' | 'attention'): Reply => ({ refreshCard: this.card(this.frameOf(job, record, locale), record, part, locale, { text, tone }) });

      const [actor, units, stored] = await Promise.all([this.deps.person(incoming.speaker.personId), this.deps.units(), this.deps.measures.get(data.m)]);
      if (!stored) return this.settle(job, part, data.m, { type: 'gone' }, (r) => refresh(r, rt(locale, 'notice.gone'), 'attention'));
      // Only the owner or a leader of the unit or above; everyone else sees the refusal in their view of the card.
      if (!actor || !canCompleteMeasure(actor, stored.value, units)) return refresh(found.record, rt(locale, 'notice.forbidden'), 'attention');
      if (!isActive(stored.value)) return this.settle(job, part, data.m, { type: 'gone' }, (r) => refresh(r, rt(locale, 'notice.alreadyDone'), 'attention'));

      const input = (incoming.data as Record<string, unknown>)[data.f];
      const value = typeof input === 'string' ? input : '';
      const now = this.deps.now();
      let next: Measure;
      let state: LineState;
      if (incoming.verb === REMINDER_VERBS.done) {
        const changed = changeMeasureStatus(stored.value, { to: 'done', evaluation: value.slice(0, 2000) }, now);
        if (!changed.ok) return refresh(found.record, rt(locale, changed.error.code === 'measure.evaluationMissing' ? 'action.evaluationMissing' : 'notice.alreadyDone'), 'attention');
        next = changed.value;
        state = { type: 'done', byName: actor.name, at: now.toISOString() };
      } else {
        const changed = changeMeasureDeadline(stored.value, value, now);
        if (!changed.ok) return refresh(found.record, rt(locale, 'notice.deadlineInvalid'), 'attention');
        next = changed.value;
        state = { type: 'rescheduled', deadline: next.deadline, byName: actor.name };
      }
      try {
        await this.deps.measures.update(next, stored.etag);
      } catch (err) {
        if (err instanceof ConcurrencyConflict) return refresh(found.record, rt(locale, 'notice.conflict'), 'attention');
        throw err;
      }
      this.deps.onMeasureChanged?.();
      this.event('reminders.measureChanged', { verb: incoming.verb });
      return await this.settle(job, part, data.m, state, (r) => refresh(r, rt(locale, incoming.verb === REMINDER_VERBS.done ? 'notice.done' : 'notice.rescheduled'), 'good'));
    } catch (err) {
      this.event('reminders.actionFailed', { error: err instanceof Error ? err.name : typeof err });
      return { send: [{ text: rt(locale, 'notice.failed') }] };
    }
  }

  /**
   * Writes the line's new state into the record (re-read and retried when another action saved in between), answers
   * the actor with their view, and updates the message for everyone in the background.
   */
  private async settle(
    job: { channelId: string; date: string },
    part: number,
    measureId: string,
    state: LineState,
    answer: (record: DigestRecord) => Reply,
  ): Promise<Reply> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const found = await this.readRecord(job.date, job.channelId);
      if (!found) throw new Error('The digest record vanished.');
      const parts = found.record.parts.map((p, i) =>
        i !== part ? p : { ...p, lines: p.lines.map((l) => (l.kind === 'measure' && l.measureId === measureId ? { ...l, state } : l)) },
      );
      const record = { ...found.record, parts };
      const saved = await this.deps.deliveries.replace(job.date, job.channelId, record, found.etag);
      if (saved === null) continue;
      const ref = record.parts[part]?.ref;
      if (ref) {
        const everyone = this.card(this.frameOf(job, record), record, part, DEFAULT_LOCALE, null);
        const update = this.deps.messenger
          .updateCard(ref, everyone)
          .catch((err: unknown) => this.event('reminders.updateFailed', { error: err instanceof Error ? err.name : typeof err }))
          .finally(() => this.background.delete(update));
        this.background.add(update);
      }
      return answer(record);
    }
    throw new ConcurrencyConflict('Digest', `${job.date}|${job.channelId}`);
  }

  private event(event: string, details?: Readonly<Record<string, string | number | boolean>>): void {
    this.deps.log?.(event, details);
  }
}

/** The verbs Reminders.act answers (for the conversation handler's routing). */
export const REMINDER_ACTION_VERBS: ReadonlySet<string> = new Set(Object.values(REMINDER_VERBS));

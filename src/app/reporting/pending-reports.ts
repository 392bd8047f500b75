// Reports accepted while SharePoint could not store them (and the files of stored reports that could not be added
// yet), retried on a timer until they are stored.
//
// Every waiting report is written to a PendingReportStore before the reporter is told it waits, and forgotten once it
// is stored: with the file-backed store (src/server/pending-report-files.ts) a report survives the process stopping,
// and the next start (this instance or one with the same directory) stores it and updates the reporter's receipt.
// The message links of stored cases (PendingMessages) are only kept in memory: losing them costs in-place updates of
// cards, never a report.
import { z } from 'zod';
import { CONSEQUENCE_FOR, SEVERITIES } from '../../domain/index.js';
import { type CaseMessages, type MessageRef, type NewCaseFile, PENDING_ID, type PendingEntry, type PendingReportStore } from '../ports/index.js';
import { FORM_KINDS, type ReportDraft } from './report-form.js';

export interface PendingReport {
  readonly draft: ReportDraft;
  readonly reporterId: string;
  readonly locale: string;
  /** When it was submitted: the case's reportedAt and its number's year. */
  readonly submittedAt: Date;
  /** The receipt card to update once stored (the form's message), if known. */
  readonly receiptRef: MessageRef | null;
  /** The number drawn for it, kept across attempts; null until one could be drawn. */
  sequence: number | null;
  attempts: number;
  /** Files sent with the report that are not stored with the case yet (each leaves the list once stored). */
  files: NewCaseFile[];
  /** The case number once the case is stored while files still wait: then only the files are retried. */
  storedAs: string | null;
}

export interface PendingMessages {
  readonly messages: CaseMessages;
  attempts: number;
}

export interface RetrySchedule {
  /** Waits between rounds, in order; the last repeats. Default 5 s, 15 s, 30 s, 1 min, 2 min, 5 min. */
  readonly delaysMs?: readonly number[];
  /** Retry on a timer (default true); tests turn it off and call retryPending themselves. */
  readonly auto?: boolean;
}

const DEFAULT_DELAYS = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000];

type Log = (event: string, detail: unknown) => void;

/** The waiting work and the timer that retries it; the timer never keeps the process alive. */
export class PendingQueue {
  readonly reports = new Map<string, PendingReport>();
  readonly messages = new Map<string, PendingMessages>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private round = 0;
  private stopped = false;
  /** Writes and removals of one report, in the order they were asked for (a late removal must not undo a later write). */
  private readonly io = new Map<string, Promise<void>>();

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly schedule: RetrySchedule = {},
    private readonly store: PendingReportStore = new InMemoryPendingReportStore(),
    private readonly log: Log = () => {},
  ) {}

  get size(): number {
    return this.reports.size + this.messages.size;
  }

  /** Waits for retry; resolves once the report is kept in the store (a failed write is logged: it still waits in memory). */
  addReport(report: PendingReport): Promise<void> {
    this.reports.set(report.draft.submissionId, report);
    this.arm();
    return this.persist(report);
  }

  /** Keeps the report in the store without queueing it (an attempt is still running for it). */
  persist(report: PendingReport): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return this.serially(report.draft.submissionId, () => this.store.add(toEntry(report)), 'reporting.pendingNotKept');
  }

  /** Stored (or given up): out of the queue and out of the store. */
  removeReport(submissionId: string): Promise<void> {
    this.reports.delete(submissionId);
    return this.serially(submissionId, () => this.store.remove(submissionId), 'reporting.pendingNotForgotten');
  }

  /** The reports a previous process left in the store, queued for the next round; how many. */
  async load(): Promise<number> {
    let entries: PendingEntry[];
    try {
      entries = await this.store.all();
    } catch (err) {
      this.log('reporting.pendingUnreadable', err);
      return 0;
    }
    let loaded = 0;
    for (const entry of entries) {
      const report = fromEntry(entry);
      if (!report) {
        this.log('reporting.pendingInvalid', {});
        continue;
      }
      if (this.reports.has(report.draft.submissionId)) continue;
      this.reports.set(report.draft.submissionId, report);
      loaded++;
    }
    if (loaded > 0) this.arm();
    return loaded;
  }

  addMessages(messages: CaseMessages): void {
    const existing = this.messages.get(messages.caseId);
    this.messages.set(messages.caseId, { messages, attempts: existing?.attempts ?? 0 });
    this.arm();
  }

  /** After a round: a new timer while work is left, with the next (longer) wait; none when all is done. */
  settled(): void {
    if (this.size === 0) {
      this.round = 0;
      return;
    }
    this.round++;
    this.arm();
  }

  /** No more timers or writes; resolves when the writes already asked for are done. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.all([...this.io.values()]);
  }

  private serially(id: string, work: () => Promise<void>, failure: string): Promise<void> {
    const previous = this.io.get(id) ?? Promise.resolve();
    const next = previous.then(work).catch((err: unknown) => this.log(failure, err));
    this.io.set(id, next);
    void next.finally(() => {
      if (this.io.get(id) === next) this.io.delete(id);
    });
    return next;
  }

  private arm(): void {
    if (this.stopped || this.timer || this.schedule.auto === false) return;
    const delays = this.schedule.delaysMs?.length ? this.schedule.delaysMs : DEFAULT_DELAYS;
    const delay = delays[Math.min(this.round, delays.length - 1)] ?? 60_000;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, delay);
    this.timer.unref?.();
  }
}

/** For tests and for a process that may lose what waits (no VARDE_PENDING_DIR): the same contract, in memory. */
export class InMemoryPendingReportStore implements PendingReportStore {
  private readonly entries = new Map<string, PendingEntry>();

  async add(entry: PendingEntry): Promise<void> {
    if (!PENDING_ID.test(entry.id)) throw new Error('A pending report needs an id of letters, digits and dashes.');
    this.entries.set(entry.id, { id: entry.id, data: structuredClone(entry.data), files: entry.files.map((f) => ({ ...f, bytes: f.bytes.slice() })) });
  }

  async remove(id: string): Promise<void> {
    this.entries.delete(id);
  }

  async all(): Promise<PendingEntry[]> {
    return [...this.entries.values()];
  }
}

// ── The stored form of a waiting report ──────────────────────────────────────────────────────────

const VERSION = 1;

const messageRef = z.object({ conversationId: z.string().min(1).max(1000), activityId: z.string().min(1).max(1000), serviceUrl: z.string().url().max(2000).optional() });

/** What a stored report must look like to be retried: written by this module, read back as any input (a file on disk). */
const record = z.object({
  v: z.literal(VERSION),
  reporterId: z.string().min(1).max(100),
  locale: z.string().max(35),
  submittedAt: z.iso.datetime(),
  receiptRef: messageRef.nullable(),
  sequence: z.number().int().positive().nullable(),
  attempts: z.number().int().min(0),
  storedAs: z.string().regex(/^[A-Z]{2}-\d{4}-\d{5,}$/).nullable(),
  draft: z.object({
    submissionId: z.string().regex(PENDING_ID),
    kind: z.enum(FORM_KINDS),
    title: z.string().max(1000),
    description: z.string().max(100_000),
    location: z.string().max(10_000).nullable(),
    occurredAt: z.iso.datetime().nullable(),
    unitId: z.string().min(1).max(200),
    severity: z.enum(SEVERITIES as [string, ...string[]]).nullable(),
    consequenceFor: z.array(z.enum(CONSEQUENCE_FOR as [string, ...string[]])).max(CONSEQUENCE_FOR.length),
    immediateAction: z.string().max(10_000).nullable(),
    healthRelated: z.boolean(),
    attachments: z.array(z.string().max(1000)).max(50),
  }),
});

function toEntry(p: PendingReport): PendingEntry {
  const data: z.infer<typeof record> = {
    v: VERSION,
    reporterId: p.reporterId,
    locale: p.locale,
    submittedAt: p.submittedAt.toISOString(),
    receiptRef: p.receiptRef ? { conversationId: p.receiptRef.conversationId, activityId: p.receiptRef.activityId, ...(p.receiptRef.serviceUrl ? { serviceUrl: p.receiptRef.serviceUrl } : {}) } : null,
    sequence: p.sequence,
    attempts: p.attempts,
    storedAs: p.storedAs,
    draft: { ...p.draft, consequenceFor: [...p.draft.consequenceFor], attachments: [...p.draft.attachments] },
  };
  return { id: p.draft.submissionId, data, files: p.files };
}

function fromEntry(entry: PendingEntry): PendingReport | null {
  const parsed = record.safeParse(entry.data);
  if (!parsed.success || parsed.data.draft.submissionId !== entry.id) return null;
  const r = parsed.data;
  return {
    draft: r.draft as ReportDraft,
    reporterId: r.reporterId,
    locale: r.locale,
    submittedAt: new Date(r.submittedAt),
    receiptRef: r.receiptRef,
    sequence: r.sequence,
    attempts: r.attempts,
    files: entry.files.map((f) => ({ name: f.name, contentType: f.contentType, bytes: f.bytes })),
    storedAs: r.storedAs,
  };
}

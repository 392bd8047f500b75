// Reports accepted while SharePoint could not store them, kept in this process and retried until they are stored.
//
// In memory only: a report still waiting when the process stops is lost (the receipt the reporter got
// says it is waiting, not that it is registered). A durable queue (Azure Storage Queue, as
// architecture.md plans for other once-only work) would close that gap; see the reporting README.
import type { CaseMessages, MessageRef } from '../ports/index.js';
import type { ReportDraft } from './report-form.js';

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

/** The waiting work and the timer that retries it; the timer never keeps the process alive. */
export class PendingQueue {
  readonly reports = new Map<string, PendingReport>();
  readonly messages = new Map<string, PendingMessages>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private round = 0;
  private stopped = false;

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly schedule: RetrySchedule = {},
  ) {}

  get size(): number {
    return this.reports.size + this.messages.size;
  }

  addReport(report: PendingReport): void {
    this.reports.set(report.draft.submissionId, report);
    this.arm();
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

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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

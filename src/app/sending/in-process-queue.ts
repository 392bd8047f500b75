// The SendQueue in one process (local runs, tests, one instance): jobs in memory, handled a few at a time, a failed job
// retried with backoff, and after the last attempt dead-lettered: logged by code (type, date, attempts, the status of
// the last failure), never the channel's content. The message rate is the PacedMessenger's business, not the queue's.
//
// Jobs do not outlive the process; the run that made them does not count as done until they are handled (the
// scheduler records the day after runDailyReminders resolves), and each job's DeliveryLog record makes a second
// run send only what the first did not.
import PQueue from 'p-queue';
import type { SendJob, SendJobHandler, SendQueue } from '../ports/index.js';
import { connectorStatusOf } from './paced-messenger.js';

export interface InProcessSendQueueOptions {
  /** Jobs handled at once (default 32: enough to keep the pacer's slots busy while each job reads and writes its record). */
  readonly concurrency?: number;
  /** Attempts per job, the first included (default 3). */
  readonly maxAttempts?: number;
  /** Wait before the second attempt (default 5 s; doubled after that). */
  readonly retryDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly log?: (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;
  /** Called for each job given up on (tests; an operator's metric). */
  readonly onDeadLetter?: (job: SendJob, attempts: number, error: unknown) => void;
}

export class InProcessSendQueue implements SendQueue {
  private readonly queue: PQueue;
  private handler: SendJobHandler | null = null;
  private readonly waiting: SendJob[] = [];
  private stopped = false;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: InProcessSendQueueOptions = {}) {
    this.queue = new PQueue({ concurrency: options.concurrency ?? 32 });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async enqueue(jobs: readonly SendJob[]): Promise<void> {
    if (this.stopped) throw new Error('The send queue is stopped.');
    if (!this.handler) {
      this.waiting.push(...jobs);
      return;
    }
    for (const job of jobs) this.schedule(job);
  }

  start(handler: SendJobHandler): void {
    if (this.handler) throw new Error('The send queue has a handler already.');
    this.handler = handler;
    for (const job of this.waiting.splice(0)) this.schedule(job);
  }

  idle(): Promise<void> {
    return this.queue.onIdle();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.clear();
    await this.queue.onIdle();
  }

  private schedule(job: SendJob): void {
    void this.queue.add(() => this.attempt(job));
  }

  /** Every attempt of one job, in one slot of the queue: the job's retries do not jump ahead of other jobs' first tries. */
  private async attempt(job: SendJob): Promise<void> {
    const max = this.options.maxAttempts ?? 3;
    const handler = this.handler as SendJobHandler;
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(job, attempt);
        return;
      } catch (err) {
        if (attempt >= max || this.stopped) {
          this.options.log?.('sending.deadLetter', deadLetterDetails(job, attempt, err));
          this.options.onDeadLetter?.(job, attempt, err);
          return;
        }
        this.options.log?.('sending.jobRetry', { type: job.type, attempt, error: err instanceof Error ? err.name : typeof err });
        // An error may say when to come back (a claim by another process runs out then); else a doubling delay.
        const asked = (err as { retryAfterMs?: unknown } | null)?.retryAfterMs;
        await this.sleep(typeof asked === 'number' && asked >= 0 ? asked : (this.options.retryDelayMs ?? 5000) * 2 ** (attempt - 1));
      }
    }
  }
}

/** What a dead letter says in the log: what kind of job, for which day, how often tried, how the last try failed. */
export function deadLetterDetails(job: SendJob, attempts: number, err: unknown): Record<string, string | number> {
  const status = connectorStatusOf(err);
  return { type: job.type, date: job.date, attempts, error: err instanceof Error ? err.name : typeof err, ...(status !== null ? { status } : {}) };
}

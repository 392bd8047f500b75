// Bulk proactive sends (the daily digest to hundreds of leader channels) go through a queue: in-process locally
// (src/app/sending/in-process-queue.ts), an Azure Storage Queue in production (src/azure/storage-send-queue.ts).
//
// A job names the work, not the message: the consumer builds the card when it sends, so a queue message stays small
// (Storage Queue messages are at most 64 KB) and holds no text people wrote.
import type { CalendarDate } from '../../domain/index.js';

export type SendJob = ChannelDigestJob | ReadingDigestJob;

export interface ChannelDigestJob {
  /** One leader channel's digest of the day: overdue measures, reviews and risk deadlines in its scope. */
  readonly type: 'channelDigest';
  /** The Teams channel id (the conversation the card is posted in). */
  readonly channelId: string;
  /** The Oslo date of the run: with the channel, the job's idempotency key. */
  readonly date: CalendarDate;
}

/**
 * The day's reading digest (issue 8): one message to each person with something new to read. A job on the same queue
 * as the channel digests, so that the one instance consuming it sends both through one pacer, within one budget.
 */
export interface ReadingDigestJob {
  readonly type: 'readingDigest';
  /** The Oslo date of the run (the run itself is claimed in 'Lesevarsler', so a second job sends nothing twice). */
  readonly date: CalendarDate;
}

/** The idempotency key of a job: a second job with the same key sends nothing (DeliveryLog, 'Lesevarsler'). */
export function sendJobKey(job: SendJob): string {
  return job.type === 'channelDigest' ? `${job.type}|${job.date}|${job.channelId}` : `${job.type}|${job.date}`;
}

/**
 * Handles one job; `attempt` counts from 1. Throws to have the job retried (with backoff) until the queue's attempts
 * run out, when the job is dead-lettered (logged by code, never its content).
 */
export type SendJobHandler = (job: SendJob, attempt: number) => Promise<void>;

export interface SendQueue {
  enqueue(jobs: readonly SendJob[]): Promise<void>;
  /** Starts handling jobs (at most one handler per queue). */
  start(handler: SendJobHandler): void;
  /**
   * Resolves when this instance has nothing left to do: every job it enqueued or received has been handled, retried to
   * the end or dead-lettered (tests, the admin run, a clean shutdown).
   */
  idle(): Promise<void>;
  /** Stops taking jobs; resolves when the ones in hand are done. */
  stop(): Promise<void>;
}

// The SendQueue on an Azure Storage Queue ('varde-reminders', infra/azure/main.bicep): jobs survive a restart and
// any instance may enqueue; one instance at a time consumes (it holds the 'reminder-sender' lease), so the app as a
// whole stays inside Teams' per-app rate however many instances run. A job that fails goes back on the queue (it
// becomes visible again after a backoff); after `maxAttempts` dequeues it moves to 'varde-reminders-poison' (the
// dead letters, for an operator) and the log says so by code.
//
// Messages are base64 of a small JSON (`encodeJob`): the job's type, channel id and date, never card content. Base64
// because Azure Functions' queue trigger and Storage Explorer expect it, and the SDK does not encode by itself.
import { QueueClient } from '@azure/storage-queue';
import type { TokenCredential } from '@azure/identity';
import { z } from 'zod';
import type { ScheduleLease, SendJob, SendJobHandler, SendQueue, LeaseHold } from '../app/ports/index.js';
import { deadLetterDetails } from '../app/sending/in-process-queue.js';

const jobSchema = z.object({
  v: z.literal(1),
  job: z.discriminatedUnion('type', [
    z.object({ type: z.literal('channelDigest'), channelId: z.string().min(1).max(400), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    z.object({ type: z.literal('readingDigest'), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  ]),
});

export function encodeJob(job: SendJob): string {
  const named = job.type === 'channelDigest' ? { type: job.type, channelId: job.channelId, date: job.date } : { type: job.type, date: job.date };
  return Buffer.from(JSON.stringify({ v: 1, job: named }), 'utf8').toString('base64');
}

/** The job in a message, or null for anything else (a message written by hand, another version). */
export function decodeJob(text: string): SendJob | null {
  try {
    const parsed = jobSchema.safeParse(JSON.parse(Buffer.from(text, 'base64').toString('utf8')));
    return parsed.success ? parsed.data.job : null;
  } catch {
    return null;
  }
}

export interface StorageSendQueueOptions {
  /** e.g. https://stvarde….queue.core.windows.net/varde-reminders */
  readonly queueUrl: string;
  readonly credential: TokenCredential;
  /** Who may consume: one instance at a time (the blob lease in 'varde-schedule'). */
  readonly consumerLease: ScheduleLease;
  /** Dequeues before a job is dead-lettered (default 5). */
  readonly maxAttempts?: number;
  /** How long a received job stays invisible to others while handled (default 5 minutes). */
  readonly visibilitySeconds?: number;
  /** Jobs handled at once (default 32). */
  readonly batch?: number;
  /** Pause when the queue is empty, or this instance is not the consumer (default 5 s). */
  readonly idlePollMs?: number;
  readonly log?: (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;
  /** Tests: a client over a fake endpoint. */
  readonly client?: QueueClient;
  readonly poisonClient?: QueueClient;
}

export class StorageSendQueue implements SendQueue {
  private readonly client: QueueClient;
  private readonly poison: QueueClient;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private inHand = 0;

  constructor(private readonly options: StorageSendQueueOptions) {
    this.client = options.client ?? new QueueClient(options.queueUrl, options.credential);
    this.poison = options.poisonClient ?? new QueueClient(`${options.queueUrl.replace(/\/+$/, '')}-poison`, options.credential);
  }

  async enqueue(jobs: readonly SendJob[]): Promise<void> {
    // A week at most: a job older than its date is skipped by the handler anyway.
    for (let at = 0; at < jobs.length; at += 16) await Promise.all(jobs.slice(at, at + 16).map((job) => this.client.sendMessage(encodeJob(job), { messageTimeToLive: 7 * 86_400 })));
  }

  start(handler: SendJobHandler): void {
    if (this.loop) throw new Error('The send queue has a handler already.');
    this.loop = this.consume(handler);
  }

  /** Resolves when the queue looks empty and nothing is in hand here (polled; gives up after 10 minutes). */
  async idle(): Promise<void> {
    const until = Date.now() + 10 * 60_000;
    while (Date.now() < until) {
      const props = await this.client.getProperties();
      if ((props.approximateMessagesCount ?? 0) === 0 && this.inHand === 0) return;
      await sleep(1000);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
  }

  private async consume(handler: SendJobHandler): Promise<void> {
    const poll = this.options.idlePollMs ?? 5000;
    let hold: LeaseHold | null = null;
    while (!this.stopping) {
      try {
        hold ??= await this.options.consumerLease.acquire('reminder-sender', 60_000);
        if (!hold) {
          await sleep(poll);
          continue;
        }
        if (!(await hold.renew())) {
          hold = null;
          continue;
        }
        const received = await this.client.receiveMessages({ numberOfMessages: this.options.batch ?? 32, visibilityTimeout: this.options.visibilitySeconds ?? 300 });
        if (received.receivedMessageItems.length === 0) {
          await sleep(poll);
          continue;
        }
        this.inHand += received.receivedMessageItems.length;
        await Promise.all(
          received.receivedMessageItems.map(async (m) => {
            try {
              await this.handleOne(handler, m);
            } finally {
              this.inHand--;
            }
          }),
        );
      } catch (err) {
        this.options.log?.('sending.queueUnavailable', { error: err instanceof Error ? err.name : typeof err });
        await sleep(poll);
      }
    }
    await hold?.release().catch(() => undefined);
  }

  private async handleOne(handler: SendJobHandler, m: { messageId: string; popReceipt: string; messageText: string; dequeueCount: number }): Promise<void> {
    const job = decodeJob(m.messageText);
    const max = this.options.maxAttempts ?? 5;
    if (!job) {
      this.options.log?.('sending.unreadableJob');
      await this.poison.sendMessage(m.messageText);
      await this.client.deleteMessage(m.messageId, m.popReceipt);
      return;
    }
    try {
      await handler(job, m.dequeueCount);
      await this.client.deleteMessage(m.messageId, m.popReceipt);
    } catch (err) {
      if (m.dequeueCount >= max) {
        this.options.log?.('sending.deadLetter', deadLetterDetails(job, m.dequeueCount, err));
        await this.poison.sendMessage(m.messageText);
        await this.client.deleteMessage(m.messageId, m.popReceipt);
        return;
      }
      // Back on the queue after a backoff: the error's own wait when it says one, else 10 s doubling.
      const asked = (err as { retryAfterMs?: unknown } | null)?.retryAfterMs;
      const seconds = typeof asked === 'number' ? Math.ceil(asked / 1000) : 10 * 2 ** (m.dequeueCount - 1);
      await this.client.updateMessage(m.messageId, m.popReceipt, undefined, Math.min(seconds, 3600));
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Proactive sends for bulk work, through the Pacer, with Teams' answers handled: 429 (and 5xx) retried after the
// Retry-After the connector asked for (else a growing, jittered backoff), 403/404 for a channel the bot was removed
// from reported as ChannelGone, anything else thrown as it came.
//
// botbuilder's own HTTP pipeline already retries a 429 a few times; what reaches here has outlasted those, so the
// waits here are longer and the caller's job can still be retried by the queue.
import type { CardJson } from '../conversation/types.js';
import type { MessageRef, Messenger, OutgoingMessage } from '../ports/index.js';
import type { Pacer } from './pacer.js';

/** The bot is not (or no longer) in the conversation: removed from the team, the channel deleted (403/404). */
export class ChannelGone extends Error {
  override readonly name = 'ChannelGone';
  constructor(readonly status: number) {
    super(`The Bot Connector answered ${status}: the bot cannot post in this conversation.`);
  }
}

/** Teams kept refusing (429 or 5xx) after every retry. */
export class SendThrottled extends Error {
  override readonly name = 'SendThrottled';
  constructor(
    readonly status: number,
    readonly attempts: number,
  ) {
    super(`The Bot Connector answered ${status} ${attempts} times.`);
  }
}

/** The HTTP status of a failed connector call (botbuilder throws @azure/core-rest-pipeline's RestError), or null. */
export function connectorStatusOf(err: unknown): number | null {
  if (err === null || typeof err !== 'object') return null;
  const e = err as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  for (const v of [e.statusCode, e.status, e.response?.status]) if (typeof v === 'number' && Number.isInteger(v)) return v;
  return null;
}

/** The Retry-After of a failed connector call, in ms (seconds or an HTTP date), or null. */
export function retryAfterMsOf(err: unknown, now: number = Date.now()): number | null {
  if (err === null || typeof err !== 'object') return null;
  const headers = (err as { response?: { headers?: unknown } }).response?.headers;
  let value: unknown;
  if (headers && typeof (headers as { get?: unknown }).get === 'function') value = (headers as { get(name: string): unknown }).get('retry-after');
  else if (headers && typeof headers === 'object') value = (headers as Record<string, unknown>)['retry-after'] ?? (headers as Record<string, unknown>)['Retry-After'];
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(String(value));
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export interface PacedMessengerOptions {
  /** Tries per message, the first included (default 5). */
  readonly maxAttempts?: number;
  /** First backoff when the connector gave no Retry-After (default 1 s; doubled each time, with jitter, up to `maxBackoffMs`). */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /**
   * Work to do before a send takes its slot (reading the channel's conversation reference into the store's cache): a
   * slot is held from start to a window after the answer, so anything slow inside it costs throughput.
   */
  readonly prepare?: (channelId: string) => Promise<void>;
  /** Codes and numbers only. */
  readonly log?: (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;
}

export interface PacedMessenger {
  /** Posts in the channel; null when the bot has no reference for it (never added). Throws ChannelGone, SendThrottled. */
  sendToChannel(channelId: string, message: OutgoingMessage): Promise<MessageRef | null>;
  /**
   * Posts in a person's chat with the bot (the daily reading digest); null when the bot has none (not installed). A
   * 403/404 is thrown as it came: a person is not a channel to mark.
   */
  sendToPerson(personId: string, message: OutgoingMessage): Promise<MessageRef | null>;
  updateCard(ref: MessageRef, card: CardJson): Promise<void>;
}

/** The conversation a channel post or a thread reply lives in: Teams writes a thread as `<channel>;messageid=<root>`. */
export function channelOfConversation(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

export function createPacedMessenger(messenger: Messenger, pacer: Pacer, options: PacedMessengerOptions = {}): PacedMessenger {
  const maxAttempts = options.maxAttempts ?? 5;
  const base = options.baseBackoffMs ?? 1000;
  const cap = options.maxBackoffMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;

  async function withRetries<T>(conversationId: string, gone: boolean, send: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await pacer.run(conversationId, send);
      } catch (err) {
        const status = connectorStatusOf(err);
        if (gone && (status === 403 || status === 404)) throw new ChannelGone(status);
        const retryable = status === 429 || (status !== null && status >= 500 && status <= 599);
        if (!retryable) throw err;
        if (attempt >= maxAttempts) throw new SendThrottled(status, attempt);
        // As asked, else exponential with full jitter in its upper half (so retries of a burst spread out).
        const backoff = Math.min(cap, base * 2 ** (attempt - 1));
        const wait = retryAfterMsOf(err) ?? backoff / 2 + random() * (backoff / 2);
        options.log?.('sending.retry', { status, attempt, waitMs: Math.round(wait) });
        await sleep(Math.min(wait, cap * 2));
      }
    }
  }

  return {
    sendToChannel: async (channelId, message) => {
      await options.prepare?.(channelId).catch(() => undefined); // the send reads it again and reports what it finds
      return withRetries(channelId, true, () => messenger.sendToChannel(channelId, message));
    },
    // Each person's chat is a conversation of its own; the key only has to differ from every channel's.
    sendToPerson: (personId, message) => withRetries(`person:${personId}`, false, () => messenger.sendToPerson(personId, message)),
    // An update of a message in a conversation the bot left fails the same way; the caller decides what it means.
    updateCard: (ref, card) => withRetries(channelOfConversation(ref.conversationId), true, () => messenger.updateCard(ref, card)),
  };
}

// Keeps proactive sends inside Teams' rate limits: per conversation 7 a second, per app 30 a second, counted by the
// Bot Connector in sliding one-second windows (429 with Retry-After past them).
//
// Why slots held for a window after each send, rather than "n starts a second": the Bot Connector counts when a
// request *arrives*, and arrival lies anywhere between our start and our answer (a token fetch, a slow connection,
// a burst of event-loop work can bunch starts that were spread out). A send takes a slot before it starts and gives
// it back one window after its answer came. Every send that arrived within one window [t, t + 1 s) then held its slot
// at the instant just before t + 1 s (it took it before arriving, and keeps it until a full window after its answer,
// which came after its arrival), so no window sees more arrivals than there are slots: the limit holds whatever the
// latency. The price is throughput: slots / (1 s + round trip) a second, about 26 for 29 slots at a 100 ms round trip.
//
// p-queue does the queueing (FIFO, concurrency = slots): one queue for the app, one per conversation while it has
// work. A conversation's slot is taken first and held while the app's is awaited, so both limits hold.
import PQueue from 'p-queue';

export interface PaceLimits {
  readonly perConversationPerSecond: number;
  readonly perAppPerSecond: number;
  /** The window Teams counts in (default 1,000 ms). */
  readonly windowMs?: number;
  /** Added to the window a slot is held after a send, for timer and clock jitter (default 25 ms). */
  readonly marginMs?: number;
}

/** Teams' published limits for a bot (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit). */
export const TEAMS_RATE_LIMITS: PaceLimits = { perConversationPerSecond: 7, perAppPerSecond: 30 };

/**
 * What the send queue paces itself to by default: one under Teams' limits, leaving room for the sends that do not go
 * through it (an answer in a chat, a leader's card for a new report) within the same app-wide 30; those are rare, and
 * botbuilder retries them if they meet a 429. The guarantee is strict (no window ever sees more than 29 of ours), so
 * one spare is enough; each spare costs about a message a second of the digest's throughput.
 */
export const DEFAULT_PACE: PaceLimits = { perConversationPerSecond: 6, perAppPerSecond: 29 };

export class Pacer {
  private readonly app: PQueue;
  private readonly conversations = new Map<string, PQueue>();
  private readonly holdMs: number;

  constructor(
    private readonly limits: PaceLimits = DEFAULT_PACE,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    if (!(limits.perAppPerSecond >= 1 && limits.perConversationPerSecond >= 1)) throw new RangeError('Pace limits must be at least 1 a window.');
    this.app = new PQueue({ concurrency: Math.floor(limits.perAppPerSecond) });
    this.holdMs = (limits.windowMs ?? 1000) + (limits.marginMs ?? 25);
  }

  /** Runs `send` when both limits allow; resolves or rejects with its outcome as soon as it has one. */
  run<T>(conversationId: string, send: () => Promise<T>): Promise<T> {
    const conversation = this.conversationQueue(conversationId);
    return new Promise<T>((resolve, reject) => {
      void conversation
        .add(() =>
          this.app.add(async () => {
            try {
              resolve(await send());
            } catch (err) {
              // A refused request may still have been counted: its slot is held like any other.
              reject(err instanceof Error ? err : new Error(String(err)));
            } finally {
              await this.sleep(this.holdMs);
            }
          }),
        )
        .finally(() => {
          if (conversation.size === 0 && conversation.pending === 0) this.conversations.delete(conversationId);
        });
    });
  }

  /** Sends waiting for a slot (not yet started), across the app. */
  get waiting(): number {
    return this.app.size + [...this.conversations.values()].reduce((n, q) => n + q.size, 0);
  }

  private conversationQueue(id: string): PQueue {
    let q = this.conversations.get(id);
    if (!q) {
      q = new PQueue({ concurrency: Math.floor(this.limits.perConversationPerSecond) });
      this.conversations.set(id, q);
    }
    return q;
  }
}

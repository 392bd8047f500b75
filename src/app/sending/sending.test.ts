import { describe, expect, it } from 'vitest';
import type { MessageRef, Messenger, SendJob } from '../ports/index.js';
import { InProcessSendQueue } from './in-process-queue.js';
import { ChannelGone, SendThrottled, connectorStatusOf, createPacedMessenger, retryAfterMsOf } from './paced-messenger.js';
import { Pacer } from './pacer.js';

/** An error as botbuilder throws it: @azure/core-rest-pipeline's RestError with the response's headers. */
const restError = (status: number, retryAfter?: string) =>
  Object.assign(new Error(`status ${status}`), { name: 'RestError', statusCode: status, response: { status, headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } } });

function recordingMessenger(answer: (channelId: string, n: number) => Promise<MessageRef | null>) {
  const sends: { channelId: string; at: number }[] = [];
  const messenger: Messenger = {
    sendToPerson: async (personId) => {
      sends.push({ channelId: `person:${personId}`, at: Date.now() });
      return answer(`person:${personId}`, sends.length);
    },
    sendToChannel: async (channelId) => {
      sends.push({ channelId, at: Date.now() });
      return answer(channelId, sends.length);
    },
    updateCard: async () => undefined,
  };
  return { messenger, sends };
}

/** The most sends that fell in any window of `ms` (what the Bot Connector counts). */
function busiestWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('the pacer', () => {
  it('never lets more than the limit through in any window, per app and per conversation, however uneven the latency', async () => {
    // Scaled down so the test takes a second: windows of 100 ms, 6 per app, 2 per conversation.
    const pacer = new Pacer({ perAppPerSecond: 6, perConversationPerSecond: 2, windowMs: 100, marginMs: 2 });
    const arrivals: { conversation: string; at: number }[] = [];
    let n = 0;
    const send = (conversation: string) =>
      pacer.run(conversation, async () => {
        // Arrival somewhere between start and answer: sometimes at once, sometimes late (a slow token fetch).
        const delay = n++ % 5 === 0 ? 30 : 1;
        await new Promise((resolve) => setTimeout(resolve, delay));
        arrivals.push({ conversation, at: Date.now() });
        await new Promise((resolve) => setTimeout(resolve, 40 - delay));
      });
    await Promise.all(Array.from({ length: 40 }, (_, i) => send(`c${i % 4}`)));
    expect(arrivals).toHaveLength(40);
    expect(busiestWindow(arrivals.map((a) => a.at), 100)).toBeLessThanOrEqual(6);
    for (const c of ['c0', 'c1', 'c2', 'c3']) expect(busiestWindow(arrivals.filter((a) => a.conversation === c).map((a) => a.at), 100)).toBeLessThanOrEqual(2);
    // And it does keep the slots busy: 40 sends at 6 per ~142 ms take well under 2 s.
  }, 10_000);
});

describe('the paced messenger', () => {
  const pacer = () => new Pacer({ perAppPerSecond: 30, perConversationPerSecond: 7, windowMs: 10, marginMs: 0 });

  it('retries a 429 after the Retry-After Teams gave, then delivers', async () => {
    const waits: number[] = [];
    const { messenger, sends } = recordingMessenger(async (_c, n) => {
      if (n <= 2) throw restError(429, '3');
      return { conversationId: 'ch', activityId: `a${n}` };
    });
    const paced = createPacedMessenger(messenger, pacer(), { sleep: async (ms) => void waits.push(ms) });
    expect(await paced.sendToChannel('ch', { text: 'x' })).toEqual({ conversationId: 'ch', activityId: 'a3' });
    expect(sends).toHaveLength(3);
    expect(waits).toEqual([3000, 3000]);
  });

  it('backs off with growing waits when no Retry-After came, and gives up with SendThrottled after the last attempt', async () => {
    const waits: number[] = [];
    const { messenger } = recordingMessenger(async () => {
      throw restError(503);
    });
    const paced = createPacedMessenger(messenger, pacer(), { maxAttempts: 4, baseBackoffMs: 1000, sleep: async (ms) => void waits.push(ms), random: () => 1 });
    await expect(paced.sendToChannel('ch', { text: 'x' })).rejects.toBeInstanceOf(SendThrottled);
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it('a 403 or 404 for a channel is ChannelGone (the bot was removed), without retries; other errors pass through', async () => {
    for (const status of [403, 404]) {
      const { messenger, sends } = recordingMessenger(async () => {
        throw restError(status);
      });
      const err = await createPacedMessenger(messenger, pacer()).sendToChannel('ch', { text: 'x' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChannelGone);
      expect((err as ChannelGone).status).toBe(status);
      expect(sends).toHaveLength(1);
    }
    const { messenger } = recordingMessenger(async () => {
      throw restError(400);
    });
    await expect(createPacedMessenger(messenger, pacer()).sendToChannel('ch', { text: 'x' })).rejects.toMatchObject({ statusCode: 400 });
  });

  it('a person’s chat (the reading digest) goes through the same pacer and retries; a 403 there is not a channel gone', async () => {
    const waits: number[] = [];
    const { messenger, sends } = recordingMessenger(async (_c, n) => {
      if (n === 1) throw restError(429, '2');
      if (n === 3) throw restError(403);
      return { conversationId: 'a:1', activityId: `a${n}` };
    });
    const paced = createPacedMessenger(messenger, pacer(), { sleep: async (ms) => void waits.push(ms) });
    expect(await paced.sendToPerson('p1', { text: 'x' })).toEqual({ conversationId: 'a:1', activityId: 'a2' });
    expect(waits).toEqual([2000]);
    const err = await paced.sendToPerson('p2', { text: 'x' }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(ChannelGone);
    expect(err).toMatchObject({ statusCode: 403 });
    expect(sends.map((x) => x.channelId)).toEqual(['person:p1', 'person:p1', 'person:p2']);
  });

  it('reads the status and Retry-After of errors in the shapes the SDKs throw', () => {
    expect(connectorStatusOf(restError(429))).toBe(429);
    expect(connectorStatusOf(new Error('plain'))).toBeNull();
    expect(retryAfterMsOf(restError(429, '2'))).toBe(2000);
    expect(retryAfterMsOf({ response: { headers: { 'retry-after': '1' } } })).toBe(1000);
    expect(retryAfterMsOf(restError(429, new Date(10_000).toUTCString()), 4_000)).toBe(6000);
    expect(retryAfterMsOf(restError(429))).toBeNull();
  });
});

describe('the in-process send queue', () => {
  const job = (channelId: string): SendJob => ({ type: 'channelDigest', channelId, date: '2026-11-24' });
  const idOf = (j: SendJob) => (j.type === 'channelDigest' ? j.channelId : j.type);

  it('retries a failed job, dead-letters it after the last attempt (logged by code only), and carries on with the others', async () => {
    const events: { event: string; details?: Readonly<Record<string, unknown>> }[] = [];
    const dead: string[] = [];
    const waits: number[] = [];
    const queue = new InProcessSendQueue({
      maxAttempts: 3,
      retryDelayMs: 100,
      sleep: async (ms) => void waits.push(ms),
      log: (event, details) => events.push({ event, ...(details ? { details } : {}) }),
      onDeadLetter: (j) => dead.push(idOf(j)),
    });
    const attempts = new Map<string, number>();
    queue.start(async (j, attempt) => {
      attempts.set(idOf(j), attempt);
      if (idOf(j) === '19:bad@thread.tacv2') throw restError(429);
      if (idOf(j) === '19:flaky@thread.tacv2' && attempt === 1) throw new Error('once');
    });
    await queue.enqueue([job('19:bad@thread.tacv2'), job('19:flaky@thread.tacv2'), job('19:fine@thread.tacv2')]);
    await queue.idle();
    expect(Object.fromEntries(attempts)).toEqual({ '19:bad@thread.tacv2': 3, '19:flaky@thread.tacv2': 2, '19:fine@thread.tacv2': 1 });
    expect(dead).toEqual(['19:bad@thread.tacv2']);
    expect(waits).toEqual([100, 100, 200]);
    const letter = events.find((e) => e.event === 'sending.deadLetter');
    expect(letter?.details).toEqual({ type: 'channelDigest', date: '2026-11-24', attempts: 3, error: 'RestError', status: 429 });
    expect(JSON.stringify(events)).not.toContain('19:bad');
  });

  it('holds jobs enqueued before it is started, and waits for an error’s own retryAfterMs', async () => {
    const waits: number[] = [];
    const queue = new InProcessSendQueue({ sleep: async (ms) => void waits.push(ms) });
    await queue.enqueue([job('a')]);
    let calls = 0;
    queue.start(async () => {
      if (++calls === 1) throw Object.assign(new Error('claimed'), { retryAfterMs: 4321 });
    });
    await queue.idle();
    expect(calls).toBe(2);
    expect(waits).toEqual([4321]);
  });
});

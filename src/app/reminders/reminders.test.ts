// The run's once-per-channel-and-day rule when a process stops half-way, with fakes for everything but the rule: a
// channel's digest in three parts, a process that stopped after the first, and the next one taking over.
import { describe, expect, it } from 'vitest';
import { type Measure, orgUnitsById } from '../../domain/index.js';
import { PEOPLE, UNITS } from '../../domain/test-fixtures.js';
import type { MeasureRepository, MessageRef, OutgoingMessage } from '../ports/index.js';
import { InMemoryDeliveryLog } from '../scheduling/in-memory.js';
import { InProcessSendQueue } from '../sending/in-process-queue.js';
import { ChannelGone, type PacedMessenger } from '../sending/paced-messenger.js';
import { type ReminderDeps, Reminders } from './reminders.js';

const units = orgUnitsById(UNITS);
const unitId = UNITS.find((u) => u.level === 'unit')?.id as string;
const CHANNEL = '19:ledere@thread.tacv2';
const overdue: Measure[] = Array.from({ length: 120 }, (_, i) => ({
  id: `m-${String(i).padStart(3, '0')}`,
  title: `${'Følge opp avviket fra internrevisjonen med ny rutine '.repeat(3)}${i}`,
  description: '',
  source: { type: 'audit', auditId: 'a' },
  ownerId: 'owner',
  unitId,
  deadline: '2026-11-10',
  status: 'open',
  createdAt: '2026-01-01T00:00:00.000Z',
  completedAt: null,
  evaluation: null,
  cancelReason: null,
}));
const measures = { query: async () => ({ items: overdue.map((value) => ({ value, etag: '"1"' })), continuation: null }) } as unknown as MeasureRepository;

function instance(name: string, clock: { now: number }, deliveries: InMemoryDeliveryLog, send: (channelId: string, m: OutgoingMessage, n: number) => Promise<MessageRef | null>) {
  const sent: string[] = [];
  let n = 0;
  const messenger: PacedMessenger = {
    sendToPerson: async () => null,
    sendToChannel: async (channelId, m) => {
      const part = /"Del (\d) av (\d)"/.exec(JSON.stringify(m))?.[1] ?? '?';
      try {
        const ref = await send(channelId, m, ++n);
        sent.push(`part ${part}`);
        return ref;
      } catch (err) {
        sent.push(`part ${part} failed`);
        throw err;
      }
    },
    updateCard: async () => undefined,
  };
  const deps: ReminderDeps = {
    units: async () => units,
    leaderChannelOf: async (id) => (id === unitId ? CHANNEL : null),
    measures,
    caseIndex: { get: () => undefined },
    deviations: { getMany: async () => [] },
    peopleByIds: async () => [],
    person: async () => PEOPLE.unitLeaderSh,
    messenger,
    // Waiting moves the fake clock: a claim by a stopped process runs out while the queue waits to retry.
    queue: new InProcessSendQueue({ maxAttempts: 3, sleep: async (ms) => void (clock.now += ms) }),
    deliveries,
    tabBaseUrl: 'https://varde.example.no',
    now: () => new Date(clock.now),
    instanceId: name,
  };
  const reminders = new Reminders(deps);
  deps.queue.start(reminders.handle);
  return { reminders, sent };
}

const ok = (n: number): MessageRef => ({ conversationId: CHANNEL, activityId: `act-${n}` });

describe('once per channel and day, whatever stops', () => {
  it('a process that stopped after part 1 of 3: the next takes over when its claim runs out and sends parts 2 and 3 only', async () => {
    const clock = { now: Date.parse('2026-11-24T07:00:00Z') };
    const deliveries = new InMemoryDeliveryLog();
    // A: Teams takes part 1, then the process "dies" (every later send fails until its job is dead-lettered).
    const a = instance('a', clock, deliveries, async (_c, _m, n) => {
      if (n === 1) return ok(n);
      throw new Error('the process stopped');
    });
    const first = await a.reminders.runDailyReminders(new Date(clock.now));
    expect(first.delivery).toMatchObject({ sent: 0, messages: 1 });
    expect(a.sent).toEqual(['part 1', 'part 2 failed', 'part 2 failed', 'part 2 failed']);

    // B, a minute later (a restart, or another instance): the claim is fresh, so B waits it out, then finishes.
    clock.now += 60_000;
    const b = instance('b', clock, deliveries, async (_c, _m, n) => ok(100 + n));
    const second = await b.reminders.runDailyReminders(new Date(clock.now));
    expect(second.delivery).toMatchObject({ sent: 1, messages: 2 });
    expect(b.sent).toEqual(['part 2', 'part 3']);

    // And a third run that day sends nothing.
    const c = instance('c', clock, deliveries, async (_c, _m, n) => ok(200 + n));
    expect((await c.reminders.runDailyReminders(new Date(clock.now))).delivery).toMatchObject({ sent: 0, messages: 0, alreadySent: 1 });
    expect(c.sent).toEqual([]);
  });

  it('a removed bot is recorded for the day (no retries), and tried again the next day', async () => {
    const clock = { now: Date.parse('2026-11-24T07:00:00Z') };
    const deliveries = new InMemoryDeliveryLog();
    let removed = true;
    const x = instance('x', clock, deliveries, async (_c, _m, n) => {
      if (removed) throw new ChannelGone(403);
      return ok(n);
    });
    expect((await x.reminders.runDailyReminders(new Date(clock.now))).delivery).toMatchObject({ gone: 1, messages: 0 });
    expect((await x.reminders.runDailyReminders(new Date(clock.now))).delivery).toMatchObject({ gone: 0, messages: 0 });
    expect(x.sent).toEqual(['part 1 failed']);
    removed = false;
    clock.now += 86_400_000;
    expect((await x.reminders.runDailyReminders(new Date(clock.now))).delivery).toMatchObject({ sent: 1, messages: 3 });
  });

  it('a job that waited past midnight is not sent', async () => {
    const clock = { now: Date.parse('2026-11-24T22:59:00Z') }; // 23:59 in Oslo
    const x = instance('x', clock, new InMemoryDeliveryLog(), async (_c, _m, n) => ok(n));
    clock.now += 120_000; // the job is handled at 00:01
    await x.reminders.handle({ type: 'channelDigest', channelId: CHANNEL, date: '2026-11-24' });
    expect(x.sent).toEqual([]);
  });
});

describe('the same job twice at once in one process', () => {
  it('a job handled again after the day’s run, twice at once, sends nothing', async () => {
    const clock = { now: Date.parse('2026-11-24T07:00:00Z') };
    const x = instance('x', clock, new InMemoryDeliveryLog(), async (_c, _m, n) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return ok(n);
    });
    const job = { type: 'channelDigest' as const, channelId: CHANNEL, date: '2026-11-24' };
    await x.reminders.runDailyReminders(new Date(clock.now)).then(() => undefined);
    const before = x.sent.length;
    await Promise.all([x.reminders.handle(job), x.reminders.handle(job)]);
    expect(x.sent.length).toBe(before);
    expect(before).toBe(3);
  });

  it('two runs started together send each part once', async () => {
    const clock = { now: Date.parse('2026-11-24T07:00:00Z') };
    const x = instance('x', clock, new InMemoryDeliveryLog(), async (_c, _m, n) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return ok(n);
    });
    await Promise.all([x.reminders.runDailyReminders(new Date(clock.now)), x.reminders.runDailyReminders(new Date(clock.now))]);
    expect(x.sent).toEqual(['part 1', 'part 2', 'part 3']);
  });
});

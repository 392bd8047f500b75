// The procedures' daily reading digest on the daily scheduler (issue 8 and 9), over real HTTP with a fake clock: the
// generated demo, 60 people with something new to read and a chat with the bot, leader channels with overdue measures,
// and the Bot Connector stand-in enforcing Teams' limits (7/s per conversation, 30/s per app). At 08:00 Oslo time both
// digests go out through the one queue and its one pacer, within the app's budget together; a restart, or a second
// instance on the same schedule store, sends nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryDeliveryLog, InMemoryScheduleLease } from '../../src/app/scheduling/in-memory.js';
import type { SchedulerClock } from '../../src/app/scheduling/scheduler.js';
import { generateMunicipality } from '../../src/demo/index.js';
import { toOsloDate } from '../../src/domain/index.js';
import { type Composition, composeApp } from '../../src/server/compose.js';
import { LOCAL_APP, readConfig, type VardeConfig } from '../../src/server/config.js';
import { seedDemo } from '../../src/server/seed.js';
import { type Stack, openStack } from '../../src/server/stack.js';
import { type ConnectorStandIn, TEAMS_RATE_LIMITS, startConnectorStandIn } from '../support/connector-stand-in.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

const RUN_AT = new Date('2026-03-03T07:00:00.000Z'); // 08:00 in Oslo (winter time)
const READERS = 60;
const CHANNELS = 12;

/**
 * A clock that moves only by the scheduler's own sleeps, and never past `until`: there it waits (in real time) to be
 * stopped, so the loop runs the day's 08:00 and no further day.
 */
function steppedClock(start: Date, until: Date): SchedulerClock & { now(): Date } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    sleep: (ms, signal) => {
      if (now + ms <= until.getTime()) {
        now += ms;
        return new Promise((resolve) => setImmediate(resolve));
      }
      now = until.getTime();
      return new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
    },
  };
}

let em: TestEmulator;
let connector: ConnectorStandIn;
let config: VardeConfig;
let stack: Stack;
const compositions: Composition[] = [];
const events: { event: string; details?: Readonly<Record<string, unknown>> }[] = [];
const lease = new InMemoryScheduleLease();
const deliveries = new InMemoryDeliveryLog();
let readers: string[] = [];
let channels: string[] = [];

const compose = (name: string, clock: SchedulerClock & { now(): Date }) => {
  const c = composeApp(config, stack, { now: () => clock.now(), log: (event, details) => void events.push({ event, ...(details ? { details } : {}) }), reminders: { lease, deliveries, clock, instanceId: name } });
  compositions.push(c);
  return c;
};
const personalSends = () => connector.activities.filter((a) => a.operation !== 'update' && a.conversationId.startsWith('a:'));
const channelSends = () => connector.activities.filter((a) => a.operation !== 'update' && a.conversationId.startsWith('19:'));

beforeAll(async () => {
  em = await startTestEmulator();
  connector = await startConnectorStandIn({ auth: { issuer: em.issuer.issuerUrl(), keys: em.issuer.keys, appId: LOCAL_APP.clientId }, rateLimits: TEAMS_RATE_LIMITS });
  config = readConfig({ GRAPH_BASE_URL: em.graphUrl, PORT: '0', VARDE_REMINDERS: 'on', VARDE_REMINDER_TIME: '08:00' });
  stack = await openStack(config);
  const m = generateMunicipality({ seed: 2026, employees: 505, years: 1, now: new Date('2026-03-02T09:00:00.000Z') });
  await seedDemo(stack.repos, m);

  // Something new to read for 60 people (an approved demo document, assigned an hour before the run), each with a chat.
  const entries = await stack.repos.procedures.reading.allEntries();
  const doc = entries[0];
  if (!doc) throw new Error('the demo has no reading entries');
  const assigned = new Set(entries.filter((e) => e.documentId === doc.documentId).map((e) => e.personId));
  const people = m.people.filter((p) => !assigned.has(p.id)).slice(0, READERS);
  readers = people.map((p) => p.id);
  const outcome = await stack.repos.procedures.reading.addEntries(people.map((p) => ({ documentId: doc.documentId, version: doc.version, personId: p.id, unitId: p.unitId, assignedAt: new Date(RUN_AT.getTime() - 3_600_000).toISOString(), reason: 'approved' as const })));
  expect(outcome).toMatchObject({ failed: [] });
  const reference = (conversationId: string, conversationType: string) => ({ channelId: 'msteams', serviceUrl: connector.url, conversation: { id: conversationId, conversationType, tenantId: LOCAL_APP.tenantId }, bot: { id: `28:${LOCAL_APP.clientId}`, name: 'Varde' } });
  for (const p of people) await stack.repos.conversationReferences.save({ kind: 'person', id: p.id }, { ...reference(`a:${p.id}`, 'personal'), user: { id: `29:${p.id}`, aadObjectId: p.id } });

  // Leader channels for units with overdue measures: the reminder digest goes out at the same 08:00.
  const today = toOsloDate(RUN_AT);
  const overdueUnits = [...new Set(m.measures.filter((x) => (x.status === 'open' || x.status === 'inProgress') && x.deadline < today).map((x) => x.unitId))].slice(0, CHANNELS);
  channels = overdueUnits.map((_, i) => `19:leder-${i}@thread.tacv2`);
  for (const [i, unitId] of overdueUnits.entries()) {
    await stack.repos.leaderChannels.setLeaderChannel(unitId, channels[i] as string);
    await stack.repos.conversationReferences.save({ kind: 'channel', id: channels[i] as string }, { ...reference(channels[i] as string, 'channel'), conversation: { ...reference(channels[i] as string, 'channel').conversation, isGroup: true } });
  }
}, 180_000);

afterAll(async () => {
  for (const c of compositions) await c.stop();
  await connector?.close();
  await em?.close();
});

describe('the reading digest on the daily scheduler', () => {
  it('waits for 08:00, then sends both digests once through the one pacer: every reader and channel, no 429, never over 30 a second', async () => {
    const clock = steppedClock(new Date(RUN_AT.getTime() - 60_000), new Date(RUN_AT.getTime() + 30_000));
    const a = compose('a', clock);
    expect(a.reminders.readingScheduler).not.toBeNull();
    expect((await a.reminders.readingScheduler?.tick())?.type).toBe('notYet');
    await a.ready; // starts the queue and the schedulers' loops: the clock steps to 08:00 and both run
    const until = Date.now() + 60_000;
    while ((personalSends().length < READERS || !events.some((e) => e.event === 'scheduler.runDone' && e.details?.job === 'reading-digest') || !events.some((e) => e.event === 'scheduler.runDone' && e.details?.job === 'daily-reminders')) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(new Set(personalSends().map((s) => s.conversationId))).toEqual(new Set(readers.map((id) => `a:${id}`)));
    expect(personalSends()).toHaveLength(READERS);
    expect(new Set(channelSends().map((s) => s.conversationId)).size).toBeGreaterThan(0);
    expect(connector.refused.filter((r) => r.status === 429)).toEqual([]);
    // Arrivals in any one second, both digests together: within the app's 30 (the pacer keeps 29).
    const times = [...personalSends(), ...channelSends()].map((s) => s.at).sort((x, y) => x - y);
    const busiest = Math.max(...times.map((t, i) => times.slice(i).filter((u) => u - t < 1000).length));
    expect(busiest).toBeLessThanOrEqual(30);
    expect(events.filter((e) => e.event === 'scheduler.runStarted' && e.details?.job === 'reading-digest')).toHaveLength(1);
    expect(events.find((e) => e.event === 'procedures.digestJobDone')?.details).toMatchObject({ status: 'sent', sent: READERS });
  });

  it('a restart later that morning, or a second instance, finds the day done and sends nothing twice', async () => {
    const before = connector.activities.length;
    const b = compose('b', steppedClock(new Date(RUN_AT.getTime() + 5 * 60_000), new Date(RUN_AT.getTime() + 5 * 60_000)));
    expect(await b.reminders.readingScheduler?.tick()).toMatchObject({ type: 'alreadyDone', date: '2026-03-03' });
    await b.ready; // its queue consumes now
    // Even a job queued by hand the same day: the run is claimed in 'Lesevarsler' and done.
    await b.reminders.runReadingDigest(new Date(RUN_AT.getTime() + 5 * 60_000));
    expect(events.filter((e) => e.event === 'procedures.digestJobDone').map((e) => e.details?.status)).toEqual(['sent', 'done']);
    expect(connector.activities.length).toBe(before);
  });
});

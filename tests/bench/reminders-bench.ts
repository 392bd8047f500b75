// Reminders benchmark (issue 9): the daily digest to 500 leader channels through the app as `npm start` composes it,
// against the Bot Connector stand-in enforcing Teams' limits (7/s per conversation, 30/s per app, 429 past them).
// Target: sustained ≥ 25 messages a second with zero 429s.
//
// The municipality: one kommune, 10 sectors, 489 units under them, each of the 500 with a leader channel and the bot
// in it; one overdue measure per unit (owned by its leader), so every unit channel gets a one-part card, each sector
// channel one with its ~49 (split into parts) and the kommune's the most (three parts and "og N til").
// "Sustained" is messages over the time from the first send to the last, as the connector stand-in recorded them.
import { addDays, type Measure, type OrgUnit, type Person, toOsloDate } from '../../src/domain/index.js';
import { InMemoryDeliveryLog, InMemoryScheduleLease } from '../../src/app/scheduling/in-memory.js';
import { composeApp } from '../../src/server/compose.js';
import { LOCAL_APP, readConfig } from '../../src/server/config.js';
import { openStack } from '../../src/server/stack.js';
import { TEAMS_RATE_LIMITS, startConnectorStandIn } from '../support/connector-stand-in.js';
import { startTestEmulator } from '../support/emulator.js';
import type { BenchResult } from './run.js';

const CHANNELS = Number(process.env.BENCH_REMINDER_CHANNELS ?? 500);
const SECTORS = 10;

const uuid = (n: number) => `9c3d2e1f-0000-4a5b-8c6d-${String(n).padStart(12, '0')}`;

export async function remindersBench(): Promise<BenchResult[]> {
  const em = await startTestEmulator();
  const connector = await startConnectorStandIn({ auth: { issuer: em.issuer.issuerUrl(), keys: em.issuer.keys, appId: LOCAL_APP.clientId }, rateLimits: TEAMS_RATE_LIMITS });
  try {
    const config = readConfig({ GRAPH_BASE_URL: em.graphUrl, PORT: '0' });
    const stack = await openStack(config);
    const { repos } = stack;
    const today = toOsloDate(new Date());

    const units: OrgUnit[] = [{ id: 'u-0', name: 'Benchmark kommune', level: 'municipality', parentId: null, leaderId: uuid(0) }];
    for (let s = 1; s <= SECTORS; s++) units.push({ id: `u-${s}`, name: `Sektor ${s}`, level: 'sector', parentId: 'u-0', leaderId: uuid(s) });
    for (let i = SECTORS + 1; i < CHANNELS; i++) units.push({ id: `u-${i}`, name: `Virksomhet ${i}`, level: 'unit', parentId: `u-${1 + (i % SECTORS)}`, leaderId: uuid(i) });
    const people: Person[] = units.map((u, i) => ({ id: uuid(i), name: `Leder ${i}`, email: `leder${i}@bench.example`, upn: `leder${i}@bench.example`, unitId: u.id, roles: ['unitLeader'] }));
    const measures: Measure[] = units.map((u, i) => ({
      id: `bench-m-${i}`,
      title: `Oppfølging av internrevisjon ${i}: oppdatere rutinen for vakthold`,
      description: '',
      source: { type: 'audit', auditId: `audit-${i}` },
      ownerId: uuid(i),
      unitId: u.id,
      deadline: addDays(today, -1 - (i % 20)),
      status: 'open',
      createdAt: '2026-01-05T08:00:00.000Z',
      completedAt: null,
      evaluation: null,
      cancelReason: null,
    }));
    console.log(`  seeding ${units.length} units, ${measures.length} measures, ${units.length} leader channels …`);
    await repos.organisation.upsertUnits(units);
    await repos.organisation.upsertPeople(people);
    const created = await repos.measures.createMany(measures.map((m) => ({ importKey: `bench:${m.id}`, value: m })));
    if (created.failed.length > 0) throw new Error(`seeding measures failed: ${created.failed.length}`);
    const channelOf = (u: OrgUnit) => `19:bench-${u.id}@thread.tacv2`;
    for (let at = 0; at < units.length; at += 20) {
      await Promise.all(
        units.slice(at, at + 20).map(async (u) => {
          await repos.leaderChannels.setLeaderChannel(u.id, channelOf(u));
          await repos.conversationReferences.save(
            { kind: 'channel', id: channelOf(u) },
            { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: channelOf(u), isGroup: true, conversationType: 'channel', tenantId: LOCAL_APP.tenantId }, bot: { id: `28:${LOCAL_APP.clientId}`, name: 'Varde' } },
          );
        }),
      );
    }

    const composition = composeApp(config, stack, { log: () => {}, reminders: { deliveries: new InMemoryDeliveryLog(), lease: new InMemoryScheduleLease(), instanceId: 'bench' } });
    try {
      await composition.ready;
      console.log('  running the daily digest …');
      const started = performance.now();
      const summary = await composition.reminders.runDailyReminders(new Date());
      const wallMs = performance.now() - started;
      const sends = connector.activities.filter((a) => a.operation === 'send').map((a) => a.at).sort((a, b) => a - b);
      const first = sends[0] ?? 0;
      const last = sends[sends.length - 1] ?? 0;
      // n messages over the span from the first to the last: n − 1 intervals.
      const perSecond = sends.length > 1 ? ((sends.length - 1) * 1000) / Math.max(1, last - first) : 0;
      let busiest = 0;
      for (let i = 0, j = 0; i < sends.length; i++) {
        while ((sends[i] as number) - (sends[j] as number) >= 1000) j++;
        busiest = Math.max(busiest, i - j + 1);
      }
      const throttled = connector.refused.filter((r) => r.status === 429).length;
      const channelsReached = new Set(connector.activities.filter((a) => a.operation === 'send').map((a) => a.conversationId)).size;
      const detail = `${summary.channels} channels planned, ${channelsReached} reached, ${sends.length} messages in ${((last - first) / 1000).toFixed(1)} s (run ${(wallMs / 1000).toFixed(1)} s); busiest second ${busiest}`;
      console.log(`  ${detail}; 429s: ${throttled}`);
      return [
        { name: `reminder messages per second to ${summary.channels} leader channels`, value: perSecond, unit: 'msg/s', target: { op: '>=', value: 25 }, detail },
        { name: '429s from the connector stand-in (Teams limits)', value: throttled, unit: '', target: { op: '<=', value: 0 } },
        { name: 'most messages in any one second (Teams allows 30)', value: busiest, unit: 'msg', target: { op: '<=', value: 30 } },
        { name: 'leader channels reached', value: channelsReached, unit: 'channels', target: { op: '>=', value: summary.channels } },
      ];
    } finally {
      await composition.stop();
    }
  } finally {
    await connector.close();
    await em.close();
  }
}

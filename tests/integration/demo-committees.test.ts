// The demo's committees at work, as `npm start` sets them up (src/server/seed-committee-demo.ts) over the generated demo:
// Varde added to the leader teams through signed conversationUpdates, the channels' references at the connector
// stand-in's serviceUrl, KUL, KLG and the sectors' committees linked, next meetings planned, last month's KUL with
// decisions and its agenda card in the KUL channel — and a second run (a restart on the same data) adding nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitteeDetail, MeetingDetail } from '../../src/server/api/contract-committees.js';
import { LOCAL_APP } from '../../src/server/config.js';
import { type DemoChannelPlan, connectorTeams, demoChannelPlan, installDemoBot, nextMeetingStart, seedCommitteeWork } from '../../src/server/seed-committee-demo.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';

const NOW = new Date('2026-03-02T09:00:00.000Z');
let stack: AppStack;
let plan: DemoChannelPlan;
let committeeIds: string[];
let sectorHeads: string[];

const install = () =>
  installDemoBot({
    plan,
    botEndpoint: `${stack.url}/api/messages`,
    serviceUrl: stack.connector.url,
    appId: LOCAL_APP.clientId,
    tenantId: LOCAL_APP.tenantId,
    sign: (audience, serviceUrl) => stack.emulator.issuer.botFramework.sign(audience, serviceUrl),
    references: stack.repos.conversationReferences,
  });
const seedWork = () => seedCommitteeWork({ appUrl: stack.url, plan, committeeIds, measureOwnerIds: sectorHeads, now: () => NOW });
const get = async <T>(who: string, path: string): Promise<T> => {
  const res = await stack.api(await stack.signIn(who), path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

beforeAll(async () => {
  stack = await startAppStack({ now: () => NOW });
  const [units, committees] = await Promise.all([stack.repos.organisation.allUnits(), stack.repos.committees.list()]);
  const unitLeader = stack.personas.find((p) => p.key === 'unitLeader');
  plan = demoChannelPlan(units, committees, unitLeader ? [unitLeader.unitId] : []);
  for (const [teamId, channels] of Object.entries(connectorTeams(plan))) stack.connector.setTeam(teamId, channels);
  committeeIds = committees.filter((c) => ['extendedLeadershipMeeting', 'executiveLeadershipGroup', 'sectorQualityCommittee'].includes(c.kind)).map((c) => c.id);
  sectorHeads = units.filter((u) => u.level === 'sector').map((u) => u.leaderId);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the demo’s leader channels and meetings', () => {
  it('the bot learns every demo team’s channels as Teams tells it, reachable at the connector stand-in', async () => {
    expect(await install()).toBe(plan.teams.length);
    for (const team of plan.teams) {
      for (const channel of team.channels) {
        const reference = (await stack.repos.conversationReferences.get({ kind: 'channel', id: channel.id })) as { serviceUrl?: string; conversation?: { id?: string } } | null;
        expect(reference?.serviceUrl, channel.id).toBe(stack.connector.url);
        expect(reference?.conversation?.id).toBe(channel.id);
      }
    }
    const known = await stack.repos.committeeWork.channels.list();
    expect(known.find((c) => c.channelName === 'KUL')).toMatchObject({ teamName: expect.stringContaining('Kommunedirektørens ledergruppe'), removedAt: null });
  });

  it('links KUL, KLG and the sectors’ committees to their channels and plans each one’s next meeting by its rhythm', async () => {
    const report = await seedWork();
    expect(report).toEqual({ linked: committeeIds.length, planned: committeeIds.length, pastKulMeeting: true });
    const kul = await get<CommitteeDetail>('qualityAdviser', '/api/committees/committee-kul');
    expect(kul.channel).toMatchObject({ channelName: 'KUL', linked: true, reachable: true });
    // KUL meets monthly on the first Tuesday: after Monday 2 March 2026 that is the 3rd, 09:00 in Oslo (winter time);
    // after it, 7 April (summer time).
    expect(kul.nextMeeting?.startsAt).toBe('2026-03-03T08:00:00.000Z');
    expect(nextMeetingStart('monthly', new Date('2026-03-03T12:00:00Z')).toISOString()).toBe('2026-04-07T07:00:00.000Z');
    const sector = await get<CommitteeDetail>('qualityAdviser', '/api/committees/committee-mh');
    expect(sector.channel).toMatchObject({ linked: true, reachable: true, teamName: 'Ledere – Mestring og helse' });
    expect(Date.parse(sector.nextMeeting?.startsAt ?? '')).toBeGreaterThan(NOW.getTime());
  });

  it('holds last month’s KUL: its agenda card in the KUL channel, decisions with measures, minutes not yet written', async () => {
    const kul = await get<CommitteeDetail>('qualityAdviser', '/api/committees/committee-kul');
    const past = kul.meetings.find((m) => Date.parse(m.startsAt) < NOW.getTime());
    if (!past) throw new Error('no past KUL meeting');
    const meeting = await get<MeetingDetail>('qualityAdviser', `/api/meetings/${past.id}`);
    expect(meeting.status).toBe('held');
    expect(meeting.agendaCard.state).toBe('posted');
    expect(meeting.minutes).toBeNull();
    expect(meeting.items.map((i) => i.status)).toEqual(['handled', 'handled', 'postponed']);
    expect(meeting.items.slice(0, 2).map((i) => i.measures.length)).toEqual([1, 1]);
    const kulChannel = plan.committeeChannels.get('committee-kul') as string;
    const shown = (await (await fetch(`${stack.connector.url}_connector/conversations/${encodeURIComponent(kulChannel)}/activities`)).json()) as { activities: { operation: string; activity: unknown }[] };
    expect(shown.activities.some((a) => a.operation === 'send' && JSON.stringify(a.activity).includes('Sakliste'))).toBe(true);
  });

  it('a second run (a restart on the same data) adds nothing and posts nothing', async () => {
    const before = stack.connector.activities.length;
    expect(await install()).toBe(0);
    expect(await seedWork()).toEqual({ linked: 0, planned: 0, pastKulMeeting: false });
    expect(stack.connector.activities.length).toBe(before);
  });

  it('serves every committee of the demo by its id, those of long-named services too', async () => {
    const committees = await stack.repos.committees.list();
    const longest = [...committees].sort((a, b) => b.id.length - a.id.length)[0];
    if (!longest) throw new Error('no committees');
    expect(longest.id.length).toBeLessThanOrEqual(64);
    const detail = await get<CommitteeDetail>('qualityAdviser', `/api/committees/${longest.id}`);
    expect(detail.id).toBe(longest.id);
  });
});

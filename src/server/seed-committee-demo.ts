// The demo's committees at work (`npm start`): Varde installed in the demo's leader teams, KUL, KLG and the sector
// committees linked to their channels, each committee's next meeting planned by its rhythm, and a past KUL meeting with
// decisions and measures (its minutes not yet written). Idempotent: run on every start, it adds only what is missing, so a
// `.data/` from an older run gets it too.
//
// Nothing here writes a second way: the bot learns the teams' channels from a signed conversationUpdate (the bot added
// to the team) exactly as it does from Teams, and the links and meetings are made through the tab's API as the demo's
// quality adviser and kommunedirektør. Only the units' leader channels, which no API sets, are written directly.
import { randomUUID } from 'node:crypto';
import { type TimeOfDay, osloInstant } from '../app/scheduling/daily-schedule.js';
import type { MeetingFrequency } from '../app/committees/records.js';
import type { ConversationReferenceStore } from '../app/ports/index.js';
import { type CalendarDate, type OrgUnit, addDays, fitId, toOsloDate } from '../domain/index.js';
import type { AgendaItemView, CommitteeDetail, MeetingDetail } from './api/contract-committees.js';

/** A team the demo's Varde is installed in; its General channel's id is the team's. */
export interface DemoTeam {
  readonly teamId: string;
  readonly teamName: string;
  /** Who adds the bot (the unit's leader): the conversationUpdate's `from`. */
  readonly ownerId: string;
  readonly channels: readonly { readonly id: string; readonly name: string | null }[];
}

export interface DemoChannelPlan {
  readonly teams: readonly DemoTeam[];
  /** Units' leader channels ('Enheter'.LeaderChannelId). */
  readonly leaderChannels: ReadonlyMap<string, string>;
  /** Committees linked to a channel of their own. */
  readonly committeeChannels: ReadonlyMap<string, string>;
}

/** A channel id as Teams writes them ('19:…@thread.tacv2'), within the 64 characters the committee's ChannelId holds. */
export const demoChannelId = (key: string): string => `19:${fitId(`varde-${key}`, 64 - '19:'.length - '@thread.tacv2'.length)}@thread.tacv2`;

/**
 * The municipality's leader team (General: its leader channel; KUL and KLG channels), one team per sector (General: the
 * sector's leader channel, where its committee posts), and a team for each of `unitIds` (the personas' units).
 */
export function demoChannelPlan(units: readonly OrgUnit[], committees: readonly { id: string; kind: string; unitId: string }[], unitIds: readonly string[] = []): DemoChannelPlan {
  const teams: DemoTeam[] = [];
  const leaderChannels = new Map<string, string>();
  const committeeChannels = new Map<string, string>();
  const root = units.find((u) => u.level === 'municipality');
  if (root) {
    const teamId = demoChannelId(`ledere-${root.id}`);
    const kul = committees.find((c) => c.kind === 'extendedLeadershipMeeting');
    const klg = committees.find((c) => c.kind === 'executiveLeadershipGroup');
    const channels = [{ id: teamId, name: null }, ...(kul ? [{ id: demoChannelId('kul'), name: 'KUL' }] : []), ...(klg ? [{ id: demoChannelId('klg'), name: 'KLG' }] : [])];
    teams.push({ teamId, teamName: `Kommunedirektørens ledergruppe – ${root.name}`, ownerId: root.leaderId, channels });
    leaderChannels.set(root.id, teamId);
    if (kul) committeeChannels.set(kul.id, demoChannelId('kul'));
    if (klg) committeeChannels.set(klg.id, demoChannelId('klg'));
  }
  const wanted = new Set(unitIds);
  for (const unit of units.filter((u) => u.level === 'sector' || (u.level !== 'municipality' && wanted.has(u.id)))) {
    const teamId = demoChannelId(`ledere-${unit.id}`);
    teams.push({ teamId, teamName: `Ledere – ${unit.name}`, ownerId: unit.leaderId, channels: [{ id: teamId, name: null }] });
    leaderChannels.set(unit.id, teamId);
    const own = committees.find((c) => c.unitId === unit.id && c.kind === 'sectorQualityCommittee');
    if (own) committeeChannels.set(own.id, teamId);
  }
  return { teams, leaderChannels, committeeChannels };
}

/** The teams and their channels as the connector stand-in lists them (GET /v3/teams/{id}/conversations). */
export function connectorTeams(plan: DemoChannelPlan): Record<string, { id: string; name?: string }[]> {
  return Object.fromEntries(plan.teams.map((t) => [t.teamId, t.channels.map((c) => (c.name ? { id: c.id, name: c.name } : { id: c.id }))]));
}

export interface InstallOptions {
  readonly plan: DemoChannelPlan;
  /** The app's bot endpoint (…/api/messages). */
  readonly botEndpoint: string;
  /** The Bot Connector the references should name (the connector stand-in). */
  readonly serviceUrl: string;
  readonly appId: string;
  readonly tenantId: string;
  /** A channel token for the bot, as the Bot Framework channel signs one (the emulator's). */
  readonly sign: (audience: string, serviceUrl: string) => Promise<string>;
  readonly references: Pick<ConversationReferenceStore, 'get'>;
}

/**
 * Adds Varde to each team whose channels the bot does not know yet (or knows at another serviceUrl: a connector on
 * another port): a conversationUpdate with the bot among membersAdded, posted to the bot and signed as Teams signs it.
 * The bot then reads the team's channels from the connector and saves a reference per channel. Returns the teams added.
 */
export async function installDemoBot(o: InstallOptions): Promise<number> {
  let added = 0;
  for (const team of o.plan.teams) {
    const known = await Promise.all(team.channels.map(async (c) => serviceUrlOf(await o.references.get({ kind: 'channel', id: c.id }))));
    if (known.every((url) => url === o.serviceUrl)) continue;
    const activity = {
      type: 'conversationUpdate',
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      serviceUrl: o.serviceUrl,
      channelId: 'msteams',
      from: { id: `29:${team.ownerId}`, aadObjectId: team.ownerId, name: '' },
      conversation: { id: team.teamId, conversationType: 'channel', isGroup: true, tenantId: o.tenantId },
      recipient: { id: `28:${o.appId}`, name: 'Varde' },
      channelData: { tenant: { id: o.tenantId }, team: { id: team.teamId, name: team.teamName }, channel: { id: team.teamId }, eventType: 'teamMemberAdded' },
      membersAdded: [{ id: `28:${o.appId}` }],
      locale: 'nb-NO',
    };
    const res = await fetch(o.botEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await o.sign(o.appId, o.serviceUrl)}` },
      body: JSON.stringify(activity),
    });
    if (!res.ok) throw new Error(`Boten tok ikke imot at den ble lagt til i ${team.teamName}: ${res.status}.`);
    added++;
  }
  return added;
}

function serviceUrlOf(reference: unknown): string | null {
  const url = (reference as { serviceUrl?: unknown } | null)?.serviceUrl;
  return typeof url === 'string' ? url : null;
}

// ── Meetings ────────────────────────────────────────────────────────────────────────────────────────────────────────

const weekday = (date: CalendarDate) => new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
const firstAfter = (from: CalendarDate, ok: (d: CalendarDate) => boolean): CalendarDate => {
  let d = addDays(from, 1);
  while (!ok(d)) d = addDays(d, 1);
  return d;
};
const workday = (d: CalendarDate) => weekday(d) !== 0 && weekday(d) !== 6;
/** The `day`th of the month if a workday, else the Monday after. */
const onOrJustAfter = (d: CalendarDate, day: number) => workday(d) && Number(d.slice(8)) >= day && Number(d.slice(8)) <= day + 2;
const NINE: TimeOfDay = { hour: 9, minute: 0 };

/**
 * When a committee with this rhythm meets next, after `now` (Oslo): weekly and biweekly on Mondays, monthly on the
 * first Tuesday (KUL), quarterly on the 15th of the quarter's middle month, three a year before the annual report and
 * the two tertial reports (20 January, May and September), in the operations meeting on Thursdays, as needed in four
 * weeks; a date on a weekend moves to the Monday after.
 */
export function nextMeetingStart(frequency: MeetingFrequency, now: Date): Date {
  const today = toOsloDate(now);
  switch (frequency) {
    case 'weekly':
    case 'biweekly':
      return osloInstant(firstAfter(today, (d) => weekday(d) === 1), NINE);
    case 'monthly':
      return osloInstant(firstAfter(today, (d) => weekday(d) === 2 && Number(d.slice(8)) <= 7), NINE);
    case 'quarterly':
      return osloInstant(firstAfter(today, (d) => ['02', '05', '08', '11'].includes(d.slice(5, 7)) && onOrJustAfter(d, 15)), NINE);
    case 'threePerYear':
      return osloInstant(firstAfter(today, (d) => ['01', '05', '09'].includes(d.slice(5, 7)) && onOrJustAfter(d, 20)), { hour: 12, minute: 0 });
    case 'inOperationsMeeting':
      return osloInstant(firstAfter(today, (d) => weekday(d) === 4), { hour: 14, minute: 0 });
    case 'asNeeded':
      return osloInstant(firstAfter(addDays(today, 27), workday), { hour: 13, minute: 0 });
  }
}

export interface CommitteeDemoOptions {
  /** The app's origin (http://127.0.0.1:3978). */
  readonly appUrl: string;
  readonly plan: DemoChannelPlan;
  /** Committees that get their next meeting planned (KUL, KLG, the sectors' and those of the personas' units). */
  readonly committeeIds: readonly string[];
  /** Who is given the measures decided in the past KUL meeting (sector heads). */
  readonly measureOwnerIds: readonly string[];
  readonly now: () => Date;
}

export interface CommitteeDemoReport {
  linked: number;
  planned: number;
  pastKulMeeting: boolean;
}

/**
 * Links committees to their channels and plans meetings through the tab's API, only where missing: as the demo's quality
 * adviser, and its kommunedirektør for the approval of KUL's past agenda.
 */
export async function seedCommitteeWork(o: CommitteeDemoOptions): Promise<CommitteeDemoReport> {
  const adviser = await apiAs(o.appUrl, 'qualityAdviser');
  const report: CommitteeDemoReport = { linked: 0, planned: 0, pastKulMeeting: false };
  const now = o.now();
  for (const id of o.committeeIds) {
    let detail = await adviser<CommitteeDetail>('GET', `/api/committees/${encodeURIComponent(id)}`);
    const channelId = o.plan.committeeChannels.get(id);
    if (channelId && !detail.channel.linked) {
      detail = await adviser<CommitteeDetail>('PATCH', `/api/committees/${encodeURIComponent(id)}`, { etag: detail.etag, channelId });
      report.linked++;
    }
    const ahead = detail.meetings.some((m) => m.status !== 'cancelled' && Date.parse(m.startsAt) > now.getTime());
    if (!ahead) {
      const frequency = detail.rhythm?.frequency ?? 'threePerYear';
      await adviser<MeetingDetail>('POST', `/api/committees/${encodeURIComponent(id)}/meetings`, { startsAt: nextMeetingStart(frequency, now).toISOString() });
      report.planned++;
    }
    if (detail.kind === 'extendedLeadershipMeeting' && !detail.meetings.some((m) => Date.parse(m.startsAt) < now.getTime())) {
      await pastKulMeeting(o, adviser, id, now);
      report.pastKulMeeting = true;
    }
  }
  return report;
}

/**
 * Last month's KUL: three items, the agenda approved by the kommunedirektør (its card posted in the KUL channel),
 * decisions on two with a measure each, the third postponed; the minutes left for the adviser to publish.
 */
async function pastKulMeeting(o: CommitteeDemoOptions, adviser: Api, committeeId: string, now: Date): Promise<void> {
  const chief = await apiAs(o.appUrl, 'chiefExecutive');
  const startsAt = nextMeetingStart('monthly', new Date(now.getTime() - 40 * 86_400_000));
  let meeting = await adviser<MeetingDetail>('POST', `/api/committees/${encodeURIComponent(committeeId)}/meetings`, { startsAt: startsAt.toISOString(), location: 'Rådhuset, Kongssalen' });
  for (const [title, durationMinutes] of [
    ['Kvalitetsindikatorer og avvik siste tertial', 30],
    ['Fallforebygging i sykehjemmene: kritisk risiko fra avvik', 45],
    ['Oppfølging av tilsynsrapport fra Statsforvalteren', 30],
  ] as const) {
    meeting = await adviser<MeetingDetail>('POST', `/api/meetings/${meeting.id}/agenda/items`, { etag: meeting.etag, title, durationMinutes });
  }
  meeting = await chief<MeetingDetail>('POST', `/api/meetings/${meeting.id}/agenda/approve`, { etag: meeting.etag });
  const deadline = addDays(toOsloDate(now), 30);
  const decisions = [
    { text: 'KUL tar gjennomgangen til orientering. Sektorene følger opp avvik med høy alvorlighet innen fristene.', measure: 'Gjennomgå lukkede avvik med høy alvorlighet i alle sektorer' },
    { text: 'Tiltakene mot fall forsterkes: felles rutine for fallrisikovurdering ved innkomst i alle sykehjem.', measure: 'Innføre felles rutine for fallrisikovurdering ved innkomst' },
  ];
  for (const [i, d] of decisions.entries()) {
    const item = meeting.items[i] as AgendaItemView;
    const decided = await adviser<AgendaItemView>('PUT', `/api/meetings/${meeting.id}/agenda/items/${item.id}/decision`, { etag: item.etag, text: d.text });
    const ownerId = o.measureOwnerIds[i % Math.max(1, o.measureOwnerIds.length)];
    if (ownerId) await adviser<AgendaItemView>('POST', `/api/meetings/${meeting.id}/agenda/items/${item.id}/measures`, { etag: decided.etag, title: d.measure, ownerId, deadline });
  }
  const third = meeting.items[2];
  if (third) await adviser<AgendaItemView>('PUT', `/api/meetings/${meeting.id}/agenda/items/${third.id}/decision`, { etag: third.etag, text: 'Utsatt til neste møte: rapporten er ikke ferdig behandlet i sektoren.', postpone: true });
}

type Api = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** The tab's API as a demo persona, signed in through the local sign-in (local runs only). */
async function apiAs(appUrl: string, persona: string): Promise<Api> {
  const signIn = await fetch(`${appUrl}/api/local/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }) });
  if (!signIn.ok) throw new Error(`Lokal innlogging som ${persona} feilet: ${signIn.status}.`);
  const { token } = (await signIn.json()) as { token: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${appUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
}

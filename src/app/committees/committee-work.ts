// Committee work (issue 9): committees, meetings, the proposed agenda, approval, cards in the leader channel, decisions, measures, minutes.
//
// Every read and write checks access here (access.ts) before anything is returned or written. Writes name the version
// they read (ETag): a meeting-level write (order, approval, proposal, minutes) the meeting's, an item write the item's;
// someone else's save in between is a 'conflict' carrying the record as it is now. What follows a write only tells
// people (a card in the channel): its failure never undoes the write, and the card's state is kept on the meeting so
// the tab can say what happened and the adviser can try again ("nothing lost").
import { agendaCard, minutesCard, type AgendaCardItem, type AgendaCardLink } from '../../cards/index.js';
import {
  type AgendaItemSource,
  type AgendaLinkRef,
  type CalendarDate,
  type Measure,
  type OrgUnits,
  type Person,
  type QualityCommittee,
  committeeAbove,
  committeeScope,
  createMeasure,

  osloYear,
  visibleUnitIds,
  proposeAgenda,
  proposeAgendaItem,
  toOsloDate,
} from '../../domain/index.js';
import type { CaseIndex, IndexedCase, MeasureRepository, MeasureScope, Messenger, Stored } from '../ports/index.js';
import { ConcurrencyConflict, QueryTooBroad } from '../ports/index.js';
import { PlannedMeasures, type PlannedMeasuresDeps } from '../case-work/query-plan-measures.js';
import { canApprove, canEditCommittee, canPrepare, canReadCommittee } from './access.js';
import { minutesDocx, minutesPdf, type MinutesModel } from './minutes-document.js';
import type { AgendaEntryStore, ApprovedDocuments, ChannelCatalogue, CommitteeStore, MeasureLookup, MeetingFiles, MeetingStore } from './ports.js';
import {
  type AgendaEntry,
  type CardState,
  type CommitteeRecord,
  type KnownChannel,
  type MeetingRecord,
  type MeetingRhythm,
  type MeetingStatus,
  NOT_POSTED,
  decisionIdOf,
} from './records.js';

export type CommitteeWorkErrorCode = 'notFound' | 'forbidden' | 'notCommitteeLeader' | 'conflict' | 'invalidState' | 'invalidRequest' | 'unavailable';

export class CommitteeWorkError extends Error {
  constructor(
    readonly code: CommitteeWorkErrorCode,
    message: string,
    readonly extra: { field?: string; details?: { field: string; message: string }[]; currentMeetingId?: string; currentItemId?: string; currentCommitteeId?: string } = {},
  ) {
    super(message);
    this.name = 'CommitteeWorkError';
  }
}

const NOT_FOUND = 'Fant ikke utvalget, møtet eller saken, eller du har ikke tilgang.';
const notFound = () => new CommitteeWorkError('notFound', NOT_FOUND);
const forbidden = (message = 'Du har ikke tilgang til å gjøre dette for utvalget.') => new CommitteeWorkError('forbidden', message);
const invalid = (field: string, message: string) => new CommitteeWorkError('invalidRequest', message, { field });
const STALE = 'Noen andre har endret dette i mellomtiden. Last inn på nytt og prøv igjen.';

/** How far back 'since the last meeting' reaches when a committee has held none. */
const DEFAULT_WINDOW_DAYS = 90;

export interface RiskSource {
  readonly ready: Promise<void>;
  /** Every risk row: unit, assessment, whether it must be reported upwards, and its residual (else current) score. */
  facts(): Iterable<{ id: string; assessmentId: string; unitId: string; mustReport: boolean; score: number; title: string }>;
}

export interface OverdueCounter {
  readonly ready: Promise<void>;
  /** Open and in-progress measures past their deadline (before `today`) in these units. */
  countOverdue(unitIds: ReadonlySet<string>, today: CalendarDate): number;
}

export interface CommitteeWorkDeps {
  readonly committees: CommitteeStore;
  readonly meetings: MeetingStore;
  readonly agenda: AgendaEntryStore;
  readonly files: MeetingFiles;
  readonly channels: ChannelCatalogue;
  readonly measureLookup: MeasureLookup;
  readonly measures: MeasureRepository;
  /** Counts for planning the overdue sample under SharePoint's list view threshold (case-work/query-plan-measures.ts). */
  readonly measureIndex?: PlannedMeasuresDeps['measureIndex'];
  readonly caseIndex: CaseIndex;
  readonly overdue: OverdueCounter;
  readonly risks: RiskSource | null;
  readonly documents: ApprovedDocuments | null;
  readonly messenger: Messenger;
  readonly units: () => Promise<OrgUnits>;
  readonly peopleByIds: (ids: readonly string[]) => Promise<Person[]>;
  /** The unit's leader channel ('Enheter'), used when a committee has no channel of its own. */
  readonly leaderChannelOf: (unitId: string) => Promise<string | null>;
  /** The tab's base URL (VARDE_PUBLIC_URL): deep links on cards. */
  readonly tabBaseUrl: string;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly log: (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;
}

/** A committee as one viewer sees it, with what the views need beside it. */
export interface CommitteeFile {
  readonly committee: Stored<CommitteeRecord>;
  readonly units: OrgUnits;
  readonly parent: QualityCommittee | null;
  readonly channelId: string | null;
  readonly channel: KnownChannel | null;
  readonly meetings: readonly Stored<MeetingRecord>[];
  readonly entries: readonly Stored<AgendaEntry>[];
  readonly names: ReadonlyMap<string, string>;
  readonly canPrepare: boolean;
  readonly canApprove: boolean;
  readonly canEdit: boolean;
}

/** A meeting as one viewer sees it: its items in order, and everything their links point at. */
export interface MeetingFile {
  readonly committee: CommitteeRecord;
  readonly meeting: Stored<MeetingRecord>;
  /** The items on this meeting, in agenda order (withdrawn last). */
  readonly items: readonly Stored<AgendaEntry>[];
  readonly units: OrgUnits;
  readonly names: ReadonlyMap<string, string>;
  readonly committeeNames: ReadonlyMap<string, string>;
  readonly cases: ReadonlyMap<string, IndexedCase | null>;
  readonly measures: ReadonlyMap<string, Stored<Measure>>;
  readonly risks: ReadonlyMap<string, { title: string; unitId: string; score: number; assessmentId: string }>;
  readonly documents: ReadonlyMap<string, { title: string; approvedAt: string | null }>;
  readonly viewer: Person;
  readonly canPrepare: boolean;
  readonly canApprove: boolean;
  readonly unresolvedItemIds: readonly string[];
  readonly meetingUrl: string;
  readonly caseUrl: (caseId: string) => string;
}

export interface NewMeetingInput {
  readonly startsAt: string;
  readonly endsAt?: string;
  readonly title?: string;
  readonly location?: string | null;
  readonly onlineMeetingJoinUrl?: string | null;
  readonly teamsChatId?: string | null;
}

export interface ItemInput {
  readonly title?: string;
  readonly description?: string;
  readonly ownerId?: string | null;
  readonly presenterId?: string | null;
  readonly durationMinutes?: number;
  readonly caseIds?: readonly string[];
  readonly status?: 'accepted' | 'withdrawn' | 'postponed';
}

/** The default rhythm of a committee's kind (seed 000: KUL monthly, three hours; seed 001: ≥ 3 a year). */
export function defaultRhythm(c: Pick<QualityCommittee, 'kind' | 'heldInOperationsMeeting'>): MeetingRhythm {
  if (c.heldInOperationsMeeting) return { frequency: 'inOperationsMeeting', durationMinutes: 60, note: null };
  switch (c.kind) {
    case 'extendedLeadershipMeeting':
      return { frequency: 'monthly', durationMinutes: 180, note: 'Ett møte i måneden, tre timer.' };
    case 'executiveLeadershipGroup':
      return { frequency: 'weekly', durationMinutes: 120, note: null };
    case 'patientSafetyCommittee':
      return { frequency: 'asNeeded', durationMinutes: 90, note: 'Ved alvorlige hendelser.' };
    default:
      return { frequency: 'threePerYear', durationMinutes: 120, note: 'Før tertialrapportene og årsberetningen.' };
  }
}

const ACTIVE: readonly Measure['status'][] = ['open', 'inProgress'];

/** How long the committee list (a few hundred rows) and people's names are kept: both change seldom. */
const COMMITTEE_TTL_MS = 60_000;
const NAME_TTL_MS = 10 * 60_000;

export class CommitteeWork {
  private committeeCache: { value: Promise<Stored<CommitteeRecord>[]>; until: number } | null = null;
  private readonly nameCache = new Map<string, { name: string; until: number }>();

  private readonly planned: PlannedMeasures;

  constructor(private readonly deps: CommitteeWorkDeps) {
    this.planned = new PlannedMeasures({ measures: deps.measures, ...(deps.measureIndex ? { measureIndex: deps.measureIndex } : {}) });
  }

  /** Every committee, read once a minute at most (this instance's own changes clear it). */
  private allCommittees(): Promise<Stored<CommitteeRecord>[]> {
    const now = Date.now();
    if (this.committeeCache && this.committeeCache.until > now) return this.committeeCache.value;
    const value = this.deps.committees.list();
    const entry = { value, until: now + COMMITTEE_TTL_MS };
    this.committeeCache = entry;
    value.catch(() => {
      if (this.committeeCache === entry) this.committeeCache = null;
    });
    return value;
  }

  private async committeeById(id: string): Promise<Stored<CommitteeRecord> | null> {
    return (await this.allCommittees()).find((c) => c.value.id === id) ?? null;
  }

  // ── committees ─────────────────────────────────────────────────────────────────────────────────

  /** The committees the viewer may read, KUL first, then by level and name. */
  async listCommittees(viewer: Person, filter: { unitId?: string; kind?: string } = {}): Promise<CommitteeFile[]> {
    const [all, units] = await Promise.all([this.allCommittees(), this.deps.units()]);
    const visible = all.filter((c) => canReadCommittee(viewer, c.value, units) && (!filter.unitId || c.value.unitId === filter.unitId) && (!filter.kind || c.value.kind === filter.kind));
    const channels = await this.channelList();
    const names = await this.names(visible.flatMap((c) => [c.value.leaderId, c.value.facilitatorId ?? '']));
    const depth = (unitId: string) => ['municipality', 'sector', 'unit', 'service'].indexOf(units.get(unitId)?.level ?? 'service');
    const rank = (c: CommitteeRecord) => (c.kind === 'extendedLeadershipMeeting' ? 0 : 1);
    visible.sort((a, b) => rank(a.value) - rank(b.value) || depth(a.value.unitId) - depth(b.value.unitId) || a.value.name.localeCompare(b.value.name, 'nb'));
    return Promise.all(visible.map((c) => this.committeeFile(viewer, c, all, units, channels, names, false)));
  }

  async committee(viewer: Person, id: string): Promise<CommitteeFile> {
    const [all, units] = await Promise.all([this.allCommittees(), this.deps.units()]);
    const found = all.find((c) => c.value.id === id);
    if (!found || !canReadCommittee(viewer, found.value, units)) throw notFound();
    const channels = await this.channelList();
    return this.committeeFile(viewer, found, all, units, channels, null, true);
  }

  async patchCommittee(
    viewer: Person,
    id: string,
    patch: { facilitatorId?: string | null; members?: readonly { personId: string; role: CommitteeRecord['members'][number]['role'] }[]; channelId?: string | null; rhythm?: MeetingRhythm | null },
    etag: string,
  ): Promise<CommitteeFile> {
    const [stored, units] = await Promise.all([this.deps.committees.get(id), this.deps.units()]);
    if (!stored || !canReadCommittee(viewer, stored.value, units)) throw notFound();
    if (!canEditCommittee(viewer, stored.value)) throw forbidden('Bare kvalitetsrådgiverne og utvalgets leder kan endre utvalget.');
    if (stored.etag !== etag) throw new CommitteeWorkError('conflict', STALE, { currentCommitteeId: id });
    const c = stored.value;
    const people = [...(patch.members ?? []).map((m) => m.personId), ...(patch.facilitatorId ? [patch.facilitatorId] : [])];
    const known = new Set((await this.deps.peopleByIds(people)).map((p) => p.id));
    const unknown = people.find((p) => !known.has(p));
    if (unknown) throw invalid(patch.facilitatorId === unknown ? 'facilitatorId' : 'members', `Personen ${unknown} finnes ikke i organisasjonen.`);
    if (patch.channelId) {
      const channels = await this.deps.channels.list();
      if (!channels.some((ch) => ch.channelId === patch.channelId)) throw invalid('channelId', 'Varde kjenner ikke denne kanalen. Legg Varde til i teamet først.');
    }
    const facilitatorId = patch.facilitatorId === undefined ? c.facilitatorId : patch.facilitatorId;
    let members = patch.members ? [...patch.members] : [...c.members];
    if (patch.members || patch.facilitatorId !== undefined) {
      // The leader and facilitator are always on the list, in their roles.
      members = members.filter((m) => m.personId !== c.leaderId && m.personId !== facilitatorId && m.role !== 'leader' && m.role !== 'facilitator');
      members.unshift(...(facilitatorId ? [{ personId: facilitatorId, role: 'facilitator' as const }] : []));
      members.unshift({ personId: c.leaderId, role: 'leader' });
    }
    const next: CommitteeRecord = {
      ...c,
      facilitatorId,
      members,
      channelId: patch.channelId === undefined ? c.channelId : patch.channelId,
      rhythm: patch.rhythm === undefined ? c.rhythm : patch.rhythm,
    };
    try {
      await this.deps.committees.update(next, etag);
      this.committeeCache = null;
    } catch (err) {
      if (err instanceof ConcurrencyConflict) throw new CommitteeWorkError('conflict', STALE, { currentCommitteeId: id });
      throw err;
    }
    return this.committee(viewer, id);
  }

  /** The channels the bot knows, with the committees linked to each: for the channel picker. */
  async channels(viewer: Person): Promise<{ channel: KnownChannel; committeeIds: string[] }[]> {
    const [all, units, channels] = await Promise.all([this.allCommittees(), this.deps.units(), this.deps.channels.list()]);
    if (!all.some((c) => canEditCommittee(viewer, c.value)) && !viewer.roles.includes('qualityAdviser')) throw forbidden('Bare kvalitetsrådgiverne og utvalgsledere kan se kanalene.');
    const linked = await Promise.all(all.map(async (c) => ({ id: c.value.id, channelId: await this.channelOf(c.value) })));
    void units;
    return channels.map((channel) => ({ channel, committeeIds: linked.filter((l) => l.channelId === channel.channelId).map((l) => l.id) }));
  }

  /** The committee linked to a channel (its own link first, then a unit's leader channel), if the viewer may read it. */
  async committeeOfChannel(viewer: Person, channelId: string): Promise<string | null> {
    const [all, units] = await Promise.all([this.allCommittees(), this.deps.units()]);
    const own = all.find((c) => c.value.channelId === channelId);
    if (own) return canReadCommittee(viewer, own.value, units) ? own.value.id : null;
    for (const c of all) {
      if (c.value.channelId === null && (await this.deps.leaderChannelOf(c.value.unitId)) === channelId && canReadCommittee(viewer, c.value, units)) return c.value.id;
    }
    return null;
  }

  /** A proposal for a coming agenda from anyone who reads the committee (input, seed 000). */
  async addProposal(viewer: Person, committeeId: string, input: { title: string; description?: string; caseIds?: readonly string[] }): Promise<Stored<AgendaEntry>> {
    const { committee } = await this.readable(viewer, committeeId);
    const links = this.caseLinks(viewer, input.caseIds ?? [], await this.deps.units());
    const item = proposeAgendaItem(
      { id: this.deps.newId(), committeeId: committee.id, title: input.title, description: input.description ?? '', source: { type: 'proposal', proposedById: viewer.id }, proposedById: viewer.id },
      this.deps.now(),
    );
    if (!item.ok) throw invalid('title', item.error.message);
    const [stored] = await this.deps.agenda.createMany([{ ...item.value, kind: 'proposal', entryKey: null, links, moreLinks: 0, inputs: [], documents: [], decision: null }]);
    if (!stored) throw new Error('The proposal was not stored.');
    return stored;
  }

  // ── meetings ───────────────────────────────────────────────────────────────────────────────────

  async createMeeting(viewer: Person, committeeId: string, input: NewMeetingInput): Promise<MeetingFile> {
    const { committee, units } = await this.readable(viewer, committeeId);
    if (!canPrepare(viewer, committee, units)) throw forbidden('Bare tilretteleggeren, lederen og kvalitetsrådgiverne kan planlegge møter.');
    const rhythm = committee.rhythm ?? defaultRhythm(committee);
    const startsAt = new Date(input.startsAt).toISOString();
    const endsAt = input.endsAt ? new Date(input.endsAt).toISOString() : new Date(Date.parse(startsAt) + rhythm.durationMinutes * 60_000).toISOString();
    if (endsAt <= startsAt) throw invalid('endsAt', 'Møtet må slutte etter at det begynner.');
    if (input.teamsChatId) await this.assertChatFree(input.teamsChatId, null);
    const meeting: MeetingRecord = {
      id: this.deps.newId(),
      committeeId,
      title: input.title?.trim() || `${shortName(committee)} ${toOsloDate(new Date(startsAt))}`,
      startsAt,
      endsAt,
      location: input.location ?? null,
      joinUrl: input.onlineMeetingJoinUrl ?? null,
      teamsChatId: input.teamsChatId ?? null,
      status: 'planned',
      order: [],
      approvedById: null,
      approvedAt: null,
      agendaCard: NOT_POSTED,
      minutesCard: NOT_POSTED,
      minutes: null,
    };
    await this.deps.meetings.create(meeting);
    return this.meeting(viewer, meeting.id);
  }

  async meeting(viewer: Person, meetingId: string): Promise<MeetingFile> {
    const stored = await this.deps.meetings.get(meetingId);
    if (!stored) throw notFound();
    const [committee, units] = await Promise.all([this.committeeById(stored.value.committeeId), this.deps.units()]);
    if (!committee || !canReadCommittee(viewer, committee.value, units)) throw notFound();
    const entries = await this.deps.agenda.listForCommittee(committee.value.id);
    return this.meetingFile(viewer, committee.value, stored, entries, units);
  }

  /** The side panel: the meeting linked to a Teams meeting chat, or a committee's current meeting. */
  async meetingFor(viewer: Person, at: { chatId?: string; committeeId?: string }): Promise<MeetingFile> {
    if (at.chatId) {
      const found = await this.deps.meetings.findByTeamsChat(at.chatId);
      if (found) return this.meeting(viewer, found.value.id);
      if (!at.committeeId) throw notFound();
    }
    if (!at.committeeId) throw notFound();
    await this.readable(viewer, at.committeeId);
    const meetings = await this.deps.meetings.listForCommittee(at.committeeId);
    const current = meetings.find((m) => m.value.status !== 'minutesPublished' && m.value.status !== 'cancelled') ?? meetings.at(-1);
    if (!current) throw notFound();
    return this.meeting(viewer, current.value.id);
  }

  async patchMeeting(viewer: Person, meetingId: string, patch: Omit<NewMeetingInput, 'startsAt'> & { startsAt?: string; status?: 'held' | 'cancelled' }, etag: string): Promise<MeetingFile> {
    return this.changeMeeting(viewer, meetingId, etag, async (m) => {
      if (m.status === 'minutesPublished' || m.status === 'cancelled') throw new CommitteeWorkError('invalidState', 'Møtet er avsluttet og kan ikke endres.');
      const startsAt = patch.startsAt ? new Date(patch.startsAt).toISOString() : m.startsAt;
      const endsAt = patch.endsAt ? new Date(patch.endsAt).toISOString() : m.endsAt;
      if (endsAt <= startsAt) throw invalid('endsAt', 'Møtet må slutte etter at det begynner.');
      if (patch.teamsChatId) await this.assertChatFree(patch.teamsChatId, m.id);
      if (patch.status === 'held' && m.status !== 'agendaApproved' && m.status !== 'held') throw new CommitteeWorkError('invalidState', 'Sakslisten må være godkjent før møtet holdes.');
      return {
        ...m,
        title: patch.title?.trim() || m.title,
        startsAt,
        endsAt,
        location: patch.location === undefined ? m.location : patch.location,
        joinUrl: patch.onlineMeetingJoinUrl === undefined ? m.joinUrl : patch.onlineMeetingJoinUrl,
        teamsChatId: patch.teamsChatId === undefined ? m.teamsChatId : patch.teamsChatId,
        status: patch.status ?? m.status,
      };
    });
  }

  // ── agenda ─────────────────────────────────────────────────────────────────────────────────────

  /** Works out the draft agenda from the data and stores the items the meeting does not hold yet. */
  async propose(viewer: Person, meetingId: string, etag: string): Promise<{ file: MeetingFile; addedItemIds: string[]; since: string }> {
    const { stored, committee, units } = await this.forPrepare(viewer, meetingId, etag);
    const m = stored.value;
    if (m.status !== 'planned' && m.status !== 'agendaDraft') throw new CommitteeWorkError('invalidState', 'Sakslisten er allerede godkjent. Legg til saker enkeltvis.');
    await this.indexesReady();
    const now = this.deps.now();
    const [meetings, entries] = await Promise.all([this.deps.meetings.listForCommittee(committee.id), this.deps.agenda.listForCommittee(committee.id)]);
    const since = this.sinceOf(meetings, m, now);
    const scope = committeeScope(committee, units);
    const today = toOsloDate(now);
    const onThis = entries.filter((e) => e.value.meetingId === m.id);
    const decided = new Set(entries.flatMap((e) => (e.value.meetingId !== m.id ? (e.value.decision?.measureIds ?? []) : [])));
    const measureScope = this.measureScope(committee, units, scope);
    // Side by side: the restanseliste's first page (one indexed query), and the committee's decisions' measures still
    // open, read by id (those decided here earlier come back until done).
    const [overduePage, openDecided] = await Promise.all([this.overdueSample(measureScope, units, today), this.openDecisionMeasures(decided)]);
    const documents = this.deps.documents ? await this.deps.documents.approvedSince(since) : [];
    const proposed = proposeAgenda({
      committee,
      units,
      since,
      now,
      pendingProposals: entries.map((e) => e.value).filter((e) => e.status === 'proposed'),
      cases: this.deps.caseIndex.all(),
      risks: this.deps.risks ? this.deps.risks.facts() : [],
      overdueMeasures: { total: this.deps.overdue.countOverdue(scope, today), sampleIds: overduePage.items.map((x) => x.value.id) },
      followUpMeasureIds: openDecided,
      documents,
      existingKeys: new Set(onThis.map((e) => e.value.entryKey ?? `proposal:${e.value.id}`)),
    });
    const year = osloYear(new Date(m.startsAt));
    const created: AgendaEntry[] = [];
    const placed: string[] = [];
    const placedStored: Stored<AgendaEntry>[] = [];
    for (const p of proposed) {
      if (p.proposalId !== null) {
        // An existing proposal is placed on this meeting (its own record, its own version).
        const proposal = entries.find((e) => e.value.id === p.proposalId);
        if (!proposal) continue;
        placedStored.push(await this.deps.agenda.update({ ...proposal.value, meetingId: m.id, status: 'accepted', entryKey: p.key, durationMinutes: proposal.value.durationMinutes || p.durationMinutes }, proposal.etag));
        placed.push(proposal.value.id);
        continue;
      }
      created.push({
        id: this.deps.newId(),
        committeeId: committee.id,
        meetingId: m.id,
        sequence: null,
        year,
        title: p.title,
        description: p.description,
        source: p.source,
        preparedById: committee.facilitatorId ?? viewer.id,
        presenterId: null,
        durationMinutes: p.durationMinutes,
        status: 'accepted',
        kind: p.kind,
        entryKey: p.key,
        links: p.links,
        moreLinks: p.moreLinks,
        inputs: [],
        documents: [],
        decision: null,
      });
    }
    const stored2 = await this.deps.agenda.createMany(created);
    const proposedOrder = proposed.map((p) => p.proposalId ?? created.find((c) => c.entryKey === p.key)?.id ?? '').filter((id) => id !== '');
    const order = m.order.length === 0 ? proposedOrder : [...m.order, ...proposedOrder.filter((id) => !m.order.includes(id))];
    const saved = await this.saveMeeting(viewer, { ...m, order, status: 'agendaDraft' }, stored.etag);
    // What was just written is what the view shows: no second read of the meeting and its items.
    const now2 = new Map([...entries, ...placedStored, ...stored2].map((e) => [e.value.id, e]));
    const file = await this.meetingFile(viewer, committee, saved, [...now2.values()], units);
    return { file, addedItemIds: [...placed, ...created.map((c) => c.id)], since };
  }

  async addItem(viewer: Person, meetingId: string, input: ItemInput & { proposalId?: string }, etag: string): Promise<MeetingFile> {
    const stored = await this.deps.meetings.get(meetingId);
    if (!stored) throw notFound();
    const { committee, units } = await this.preparable(viewer, stored.value);
    this.assertAgendaOpen(stored.value);
    const m = stored.value;
    let id: string;
    if (input.proposalId) {
      const proposal = await this.deps.agenda.get(input.proposalId);
      if (!proposal || proposal.value.committeeId !== committee.id) throw notFound();
      if (proposal.value.status !== 'proposed') throw new CommitteeWorkError('invalidState', 'Forslaget er allerede plassert på en saksliste.');
      if (proposal.etag !== etag) throw new CommitteeWorkError('conflict', STALE, { currentItemId: proposal.value.id });
      const next = this.applyItem(viewer, { ...proposal.value, meetingId: m.id, status: 'accepted', entryKey: `proposal:${proposal.value.id}` }, input, units);
      await this.saveItem(next, proposal.etag);
      id = proposal.value.id;
    } else {
      if (stored.etag !== etag) throw new CommitteeWorkError('conflict', STALE, { currentMeetingId: m.id });
      if (!input.title) throw invalid('title', 'Saken må ha en tittel.');
      const base = proposeAgendaItem({ id: this.deps.newId(), committeeId: committee.id, title: input.title, description: input.description ?? '', source: { type: 'proposal', proposedById: viewer.id }, proposedById: viewer.id }, this.deps.now());
      if (!base.ok) throw invalid('title', base.error.message);
      const entry = this.applyItem(viewer, { ...base.value, meetingId: m.id, status: 'accepted', year: osloYear(new Date(m.startsAt)), kind: 'other', entryKey: null, links: [], moreLinks: 0, inputs: [], documents: [], decision: null }, input, units);
      await this.deps.agenda.createMany([await this.numbered(m, committee.id, entry)]);
      id = entry.id;
    }
    if (input.proposalId) {
      const placed = await this.deps.agenda.get(id);
      if (placed && m.status === 'agendaApproved') await this.saveItem(await this.numbered(m, committee.id, placed.value), placed.etag);
    }
    await this.retryMeeting(viewer, m.id, (x) => ({ ...x, order: x.order.includes(id) ? x.order : [...x.order, id], status: x.status === 'planned' ? 'agendaDraft' : x.status }));
    return this.afterAgendaChange(viewer, m.id);
  }

  async patchItem(viewer: Person, meetingId: string, itemId: string, input: ItemInput, etag: string): Promise<MeetingFile> {
    const { item, meeting, units } = await this.itemForPrepare(viewer, meetingId, itemId, etag);
    if (meeting.status === 'minutesPublished' || meeting.status === 'cancelled') throw new CommitteeWorkError('invalidState', 'Møtet er avsluttet og kan ikke endres.');
    const next = this.applyItem(viewer, item.value, input, units);
    const numbered = meeting.status === 'agendaDraft' || meeting.status === 'planned' || next.status === 'withdrawn' ? next : await this.numbered(meeting, meeting.committeeId, next);
    await this.saveItem(numbered, item.etag);
    return this.afterAgendaChange(viewer, meetingId);
  }

  async order(viewer: Person, meetingId: string, itemIds: readonly string[], etag: string): Promise<MeetingFile> {
    const { stored } = await this.forPrepare(viewer, meetingId, etag);
    this.assertAgendaOpen(stored.value);
    const placed = (await this.deps.agenda.listForCommittee(stored.value.committeeId)).filter((e) => e.value.meetingId === meetingId).map((e) => e.value.id);
    const given = new Set(itemIds);
    if (given.size !== itemIds.length || placed.length !== itemIds.length || placed.some((id) => !given.has(id))) {
      throw invalid('itemIds', 'Rekkefølgen må ha med hver sak på møtet nøyaktig én gang.');
    }
    await this.saveMeeting(viewer, { ...stored.value, order: [...itemIds] }, stored.etag);
    return this.afterAgendaChange(viewer, meetingId);
  }

  async addInput(viewer: Person, meetingId: string, itemId: string, text: string): Promise<MeetingFile> {
    await this.meeting(viewer, meetingId);
    for (let attempt = 0; ; attempt++) {
      const item = await this.deps.agenda.get(itemId);
      if (!item || item.value.meetingId !== meetingId) throw notFound();
      const next = { ...item.value, inputs: [...item.value.inputs, { id: this.deps.newId(), authorId: viewer.id, at: wholeSeconds(this.deps.now()), text }] };
      try {
        await this.deps.agenda.update(next, item.etag);
        break;
      } catch (err) {
        if (!(err instanceof ConcurrencyConflict) || attempt >= 2) throw err;
      }
    }
    return this.meeting(viewer, meetingId);
  }

  async addDocument(viewer: Person, meetingId: string, itemId: string, file: { name: string; contentType: string; bytes: Uint8Array }): Promise<MeetingFile> {
    const stored = await this.deps.meetings.get(meetingId);
    if (!stored) throw notFound();
    const { committee } = await this.preparable(viewer, stored.value);
    const item = await this.deps.agenda.get(itemId);
    if (!item || item.value.meetingId !== meetingId) throw notFound();
    const saved = await this.deps.files.save(meetingId, [committee.id, meetingId, 'saksdokumenter', itemId], file);
    for (let attempt = 0; ; attempt++) {
      const current = attempt === 0 ? item : await this.deps.agenda.get(itemId);
      if (!current) throw notFound();
      const documents = [...current.value.documents.filter((d) => d.fileId !== saved.fileId), { id: this.deps.newId(), fileId: saved.fileId, name: saved.name, size: saved.size, uploadedById: viewer.id, uploadedAt: wholeSeconds(this.deps.now()) }];
      try {
        await this.deps.agenda.update({ ...current.value, documents }, current.etag);
        break;
      } catch (err) {
        if (!(err instanceof ConcurrencyConflict) || attempt >= 2) throw err;
      }
    }
    return this.meeting(viewer, meetingId);
  }

  async readDocument(viewer: Person, meetingId: string, itemId: string, documentId: string): Promise<{ name: string; contentType: string; bytes: Uint8Array }> {
    const file = await this.meeting(viewer, meetingId);
    const doc = file.items.find((i) => i.value.id === itemId)?.value.documents.find((d) => d.id === documentId);
    if (!doc) throw notFound();
    const read = await this.deps.files.read(meetingId, doc.fileId);
    if (!read) throw notFound();
    return { ...read, name: doc.name };
  }

  /** The leader approves: items numbered, status 'agendaApproved', the card posted (or why not, kept on the meeting). */
  async approve(viewer: Person, meetingId: string, etag: string): Promise<MeetingFile> {
    const stored = await this.deps.meetings.get(meetingId);
    if (!stored) throw notFound();
    const [committee, units] = await Promise.all([this.committeeById(stored.value.committeeId), this.deps.units()]);
    if (!committee || !canReadCommittee(viewer, committee.value, units)) throw notFound();
    if (!canApprove(viewer, committee.value, units)) throw new CommitteeWorkError('notCommitteeLeader', 'Bare utvalgets leder (eller stedfortrederen) kan godkjenne sakslisten.');
    if (stored.etag !== etag) throw new CommitteeWorkError('conflict', STALE, { currentMeetingId: meetingId });
    const m = stored.value;
    if (m.status !== 'planned' && m.status !== 'agendaDraft') throw new CommitteeWorkError('invalidState', 'Sakslisten er allerede godkjent.');
    const entries = await this.deps.agenda.listForCommittee(committee.value.id);
    const placed = orderItems(entries.filter((e) => e.value.meetingId === m.id), m.order);
    if (placed.filter((e) => e.value.status !== 'withdrawn').length === 0) throw new CommitteeWorkError('invalidState', 'Sakslisten er tom. Legg til saker før den godkjennes.');
    let next = nextSequence(entries.map((e) => e.value), osloYear(new Date(m.startsAt)));
    for (const e of placed) {
      if (e.value.status === 'withdrawn' || e.value.sequence !== null) continue;
      await this.saveItem({ ...e.value, sequence: next++, year: osloYear(new Date(m.startsAt)) }, e.etag);
    }
    await this.saveMeeting(viewer, { ...m, status: 'agendaApproved', approvedById: viewer.id, approvedAt: wholeSeconds(this.deps.now()) }, stored.etag);
    return this.postCards(viewer, meetingId, 'agenda');
  }

  /** Posts (or updates) the cards again: after a channel was linked, or the bot added back. */
  async retryCards(viewer: Person, meetingId: string, which: 'agenda' | 'minutes' | 'both'): Promise<MeetingFile> {
    const stored = await this.deps.meetings.get(meetingId);
    if (!stored) throw notFound();
    await this.preparable(viewer, stored.value);
    if (stored.value.approvedAt === null) throw new CommitteeWorkError('invalidState', 'Sakslisten er ikke godkjent ennå.');
    return this.postCards(viewer, meetingId, which === 'both' ? (stored.value.minutes ? 'both' : 'agenda') : which === 'minutes' && !stored.value.minutes ? 'agenda' : which);
  }

  // ── decisions and measures ─────────────────────────────────────────────────────────────────────

  async recordDecision(viewer: Person, meetingId: string, itemId: string, input: { text: string; postpone?: boolean; escalate?: boolean }, etag: string): Promise<MeetingFile> {
    const { item, meeting, committee, units } = await this.itemForPrepare(viewer, meetingId, itemId, etag);
    if (meeting.status !== 'agendaApproved' && meeting.status !== 'held') throw new CommitteeWorkError('invalidState', meeting.status === 'minutesPublished' ? 'Referatet er publisert; vedtak kan ikke endres.' : 'Sakslisten må være godkjent før vedtak føres.');
    if (item.value.status === 'withdrawn') throw new CommitteeWorkError('invalidState', 'Saken er trukket fra sakslisten.');
    const now = wholeSeconds(this.deps.now());
    const before = item.value.decision;
    let escalatedTo = before?.escalatedTo ?? null;
    if (input.escalate && escalatedTo === null) {
      const all = (await this.allCommittees()).map((c) => c.value);
      const above = committeeAbove(committee.unitId, all, units);
      if (!above) throw new CommitteeWorkError('invalidState', 'Det finnes ikke noe utvalg over dette å melde saken til.');
      const source: AgendaItemSource = { type: 'escalation', fromCommitteeId: committee.id, decisionId: decisionIdOf(item.value.id) };
      const proposal = proposeAgendaItem({ id: `agenda-up-${item.value.id}`, committeeId: above.id, title: `Fra ${committee.name}: ${item.value.title}`, description: input.text, source, proposedById: viewer.id }, this.deps.now());
      if (!proposal.ok) throw invalid('text', proposal.error.message);
      await this.deps.agenda.createMany([{ ...proposal.value, kind: 'escalation', entryKey: null, links: item.value.links, moreLinks: item.value.moreLinks, inputs: [], documents: [], decision: null }]);
      escalatedTo = { committeeId: above.id, agendaItemId: proposal.value.id };
    }
    const decision = { id: decisionIdOf(item.value.id), text: input.text, decidedAt: before?.decidedAt ?? now, recordedById: viewer.id, postponed: input.postpone === true, escalatedTo, measureIds: before?.measureIds ?? [] };
    await this.saveItem({ ...item.value, decision, status: input.postpone ? 'postponed' : 'handled' }, item.etag);
    if (meeting.status === 'agendaApproved') await this.retryMeeting(viewer, meetingId, (x) => ({ ...x, status: x.status === 'agendaApproved' ? 'held' : x.status }));
    return this.afterAgendaChange(viewer, meetingId);
  }

  async addDecisionMeasure(viewer: Person, meetingId: string, itemId: string, input: { title: string; description?: string; ownerId: string; deadline: CalendarDate; unitId?: string }, etag: string): Promise<MeetingFile> {
    const { item, meeting, committee, units } = await this.itemForPrepare(viewer, meetingId, itemId, etag);
    if (meeting.status !== 'agendaApproved' && meeting.status !== 'held') throw new CommitteeWorkError('invalidState', 'Tiltak føres når sakslisten er godkjent og før referatet er publisert.');
    if (item.value.status === 'withdrawn') throw new CommitteeWorkError('invalidState', 'Saken er trukket fra sakslisten.');
    const unitId = input.unitId ?? committee.unitId;
    if (!committeeScope(committee, units).has(unitId)) throw invalid('unitId', 'Tiltaket må høre til utvalgets enhet eller en enhet under den.');
    if (input.deadline < toOsloDate(this.deps.now())) throw invalid('deadline', 'Fristen kan ikke være passert.');
    const [owner] = await this.deps.peopleByIds([input.ownerId]);
    if (!owner) throw invalid('ownerId', 'Den ansvarlige finnes ikke i organisasjonen.');
    const decisionId = decisionIdOf(item.value.id);
    const measure = createMeasure({ id: this.deps.newId(), title: input.title, ...(input.description ? { description: input.description } : {}), source: { type: 'meetingDecision', decisionId }, ownerId: owner.id, unitId, deadline: input.deadline }, this.deps.now());
    if (!measure.ok) throw invalid('title', measure.error.message);
    // The item first (it names the measure), with its version: a stale one stops here and nothing is written.
    const decision = item.value.decision ?? { id: decisionId, text: '', decidedAt: wholeSeconds(this.deps.now()), recordedById: viewer.id, postponed: false, escalatedTo: null, measureIds: [] };
    await this.saveItem({ ...item.value, decision: { ...decision, measureIds: [...decision.measureIds, measure.value.id] } }, item.etag);
    await this.deps.measures.create(measure.value);
    return this.afterAgendaChange(viewer, meetingId);
  }

  // ── minutes ────────────────────────────────────────────────────────────────────────────────────

  async publishMinutes(viewer: Person, meetingId: string, etag: string): Promise<MeetingFile> {
    const { stored, committee } = await this.forPrepare(viewer, meetingId, etag);
    const m = stored.value;
    if (m.status !== 'held' && m.status !== 'agendaApproved' && m.status !== 'minutesPublished') throw new CommitteeWorkError('invalidState', 'Sakslisten må være godkjent og møtet holdt før referatet publiseres.');
    const file = await this.meeting(viewer, meetingId);
    if (file.unresolvedItemIds.length > 0) {
      const titles = file.items.filter((i) => file.unresolvedItemIds.includes(i.value.id)).map((i) => ({ field: i.value.id, message: `Sak ${i.value.sequence ?? ''}: «${i.value.title}» mangler vedtak.` }));
      throw new CommitteeWorkError('invalidState', 'Noen saker mangler vedtak. Før vedtak, utsett eller trekk dem før referatet publiseres.', { details: titles });
    }
    const publishedAt = wholeSeconds(this.deps.now());
    const model = this.minutesModel(file, viewer, publishedAt);
    const [docx, pdf] = await Promise.all([minutesDocx(model), minutesPdf(model)]);
    const base = `Referat ${shortName(committee)} ${toOsloDate(new Date(m.startsAt))}`;
    const folder = [committee.id, m.id];
    const [docxRef, pdfRef] = await Promise.all([
      this.deps.files.save(m.id, folder, { name: `${base}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: docx }),
      this.deps.files.save(m.id, folder, { name: `${base}.pdf`, contentType: 'application/pdf', bytes: pdf }),
    ]);
    await this.saveMeeting(viewer, { ...m, status: 'minutesPublished', minutes: { publishedAt, publishedById: viewer.id, docx: docxRef, pdf: pdfRef } }, stored.etag);
    return this.postCards(viewer, meetingId, 'both');
  }

  async readMinutes(viewer: Person, meetingId: string, format: 'docx' | 'pdf'): Promise<{ name: string; contentType: string; bytes: Uint8Array }> {
    const file = await this.meeting(viewer, meetingId);
    const ref = file.meeting.value.minutes?.[format];
    if (!ref) throw notFound();
    const read = await this.deps.files.read(meetingId, ref.fileId);
    if (!read) throw notFound();
    return { ...read, name: ref.name };
  }

  // ── cards in the channel ───────────────────────────────────────────────────────────────────────

  /** Posts or updates the cards; their state is saved on the meeting whatever happens. */
  private async postCards(viewer: Person, meetingId: string, which: 'agenda' | 'minutes' | 'both'): Promise<MeetingFile> {
    const file = await this.meeting(viewer, meetingId);
    const channelId = await this.channelOf(file.committee);
    const m = file.meeting.value;
    const agenda = which === 'minutes' ? m.agendaCard : await this.post(channelId, m.agendaCard, this.agendaCardOf(file));
    const minutes = which === 'agenda' || !m.minutes ? m.minutesCard : await this.post(channelId, m.minutesCard, this.minutesCardOf(file));
    await this.retryMeeting(viewer, meetingId, (x) => ({ ...x, agendaCard: agenda, minutesCard: minutes }));
    return this.meeting(viewer, meetingId);
  }

  private async post(channelId: string | null, before: CardState, card: Record<string, unknown>): Promise<CardState> {
    const now = wholeSeconds(this.deps.now());
    if (channelId === null) return { ...before, state: 'noChannel', channelId: null, updatedAt: now };
    try {
      if (before.ref && before.channelId === channelId) {
        await this.deps.messenger.updateCard(before.ref, card);
        return { ...before, state: 'posted', updatedAt: now };
      }
      const ref = await this.deps.messenger.sendToChannel(channelId, { card });
      if (!ref) return { ...before, state: 'botRemoved', channelId, updatedAt: now };
      return { state: 'posted', ref, channelId, postedAt: now, updatedAt: now };
    } catch (err) {
      const status = statusOf(err);
      this.deps.log('committees.cardFailed', { status: status ?? 0 });
      if (status === 403 || status === 404) {
        await this.deps.channels.markRemoved(channelId, now).catch(() => undefined);
        return { ...before, state: 'botRemoved', channelId, updatedAt: now };
      }
      return { ...before, state: 'failed', channelId, updatedAt: now };
    }
  }

  /** After a change to an approved agenda: the card in the channel shows it (updated in place). */
  private async afterAgendaChange(viewer: Person, meetingId: string): Promise<MeetingFile> {
    const stored = await this.deps.meetings.get(meetingId);
    if (stored && stored.value.agendaCard.ref !== null && stored.value.agendaCard.state === 'posted') return this.postCards(viewer, meetingId, 'agenda');
    return this.meeting(viewer, meetingId);
  }

  private agendaCardOf(file: MeetingFile): Record<string, unknown> {
    const m = file.meeting.value;
    const items: AgendaCardItem[] = file.items.map(({ value: e }) => ({
      number: e.sequence === null ? null : `${e.sequence}/${String(e.year % 100).padStart(2, '0')}`,
      title: e.title,
      escalatedCaseNumber: e.source.type === 'deviation' ? this.caseNumberOf(file, e.source.deviationId, e.title) : null,
      ownerName: e.preparedById ? (file.names.get(e.preparedById) ?? null) : null,
      durationMinutes: e.durationMinutes,
      status: e.status === 'proposed' ? 'accepted' : e.status,
      links: itemLinks(file, e).map((l): AgendaCardLink => {
        if (l.type !== 'case') return { type: l.type };
        const c = file.cases.get(l.caseId);
        return { type: 'case', caseNumber: c?.caseNumber ?? l.caseNumber, kind: c?.kind ?? l.kind, unitName: file.units.get(c?.unitId ?? l.unitId ?? '')?.name ?? null, severity: c?.severity ?? l.severity, deleted: c === null, url: file.caseUrl(l.caseId) };
      }),
      moreLinks: e.moreLinks,
    }));
    return agendaCard({
      locale: 'nb',
      committeeName: file.committee.name,
      meetingTitle: m.title,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      location: m.location,
      approvedByName: m.approvedById ? (file.names.get(m.approvedById) ?? null) : null,
      approvedAt: m.approvedAt,
      updatedAt: m.agendaCard.postedAt ? wholeSeconds(this.deps.now()) : null,
      items,
      meetingUrl: file.meetingUrl,
    });
  }

  private minutesCardOf(file: MeetingFile): Record<string, unknown> {
    const m = file.meeting.value;
    const minutes = m.minutes;
    const api = `${this.deps.tabBaseUrl.replace(/\/+$/, '')}/api/meetings/${encodeURIComponent(m.id)}`;
    return minutesCard({
      locale: 'nb',
      committeeName: file.committee.name,
      meetingTitle: m.title,
      startsAt: m.startsAt,
      publishedByName: minutes ? (file.names.get(minutes.publishedById) ?? '') : '',
      publishedAt: minutes?.publishedAt ?? wholeSeconds(this.deps.now()),
      items: file.items.map(({ value: e }) => ({
        number: e.sequence === null ? null : `${e.sequence}/${String(e.year % 100).padStart(2, '0')}`,
        title: e.title,
        escalatedCaseNumber: e.source.type === 'deviation' ? this.caseNumberOf(file, e.source.deviationId, e.title) : null,
        outcome: outcomeOf(e),
        newMeasures: e.decision?.measureIds.length ?? 0,
        escalatedToName: e.decision?.escalatedTo ? (file.committeeNames.get(e.decision.escalatedTo.committeeId) ?? null) : null,
      })),
      pdfUrl: `${api}/minutes.pdf`,
      docxUrl: `${api}/minutes.docx`,
      meetingUrl: file.meetingUrl,
    });
  }

  private minutesModel(file: MeetingFile, author: Person, publishedAt: string): MinutesModel {
    const m = file.meeting.value;
    return {
      committeeName: file.committee.name,
      meetingTitle: m.title,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      location: m.location,
      authorName: author.name,
      publishedAt,
      members: file.committee.members.map((x) => ({ name: file.names.get(x.personId) ?? x.personId, role: x.role })),
      items: file.items.map(({ value: e }) => ({
        number: e.sequence === null ? null : `${e.sequence}/${String(e.year % 100).padStart(2, '0')}`,
        title: e.source.type === 'deviation' ? `Eskalert sak ${this.caseNumberOf(file, e.source.deviationId, e.title)}` : e.title,
        outcome: outcomeOf(e),
        decision: e.decision?.text || null,
        measures: (e.decision?.measureIds ?? []).flatMap((id) => {
          const x = file.measures.get(id)?.value;
          return x ? [{ title: x.title, ownerName: file.names.get(x.ownerId) ?? x.ownerId, deadline: x.deadline }] : [];
        }),
        escalatedToName: e.decision?.escalatedTo ? (file.committeeNames.get(e.decision.escalatedTo.committeeId) ?? null) : null,
      })),
    };
  }

  /** The case number of an escalated case: from the index, else from its title ('AV-2026-00012: …'), else '?'. */
  private caseNumberOf(file: MeetingFile, caseId: string, title: string): string {
    return file.cases.get(caseId)?.caseNumber ?? /[A-Z]{2}-\d{4}-\d{5,}/.exec(title)?.[0] ?? '?';
  }

  // ── shared steps ───────────────────────────────────────────────────────────────────────────────

  private async committeeFile(
    viewer: Person,
    stored: Stored<CommitteeRecord>,
    all: readonly Stored<CommitteeRecord>[],
    units: OrgUnits,
    channels: readonly KnownChannel[],
    names: ReadonlyMap<string, string> | null,
    detail: boolean,
  ): Promise<CommitteeFile> {
    const c = stored.value;
    const channelId = await this.channelOf(c);
    const [meetings, entries] = await Promise.all([this.deps.meetings.listForCommittee(c.id), detail ? this.deps.agenda.listForCommittee(c.id) : Promise.resolve([])]);
    const parent = committeeAbove(c.unitId, all.map((x) => x.value), units) ?? null;
    const people = names ?? (await this.names([c.leaderId, c.facilitatorId ?? '', ...c.members.map((m) => m.personId), ...entries.map((e) => e.value.preparedById ?? '')]));
    return {
      committee: stored,
      units,
      parent,
      channelId,
      channel: channelId ? (channels.find((ch) => ch.channelId === channelId) ?? null) : null,
      meetings,
      entries: entries.filter((e) => e.value.status === 'proposed'),
      names: people,
      canPrepare: canPrepare(viewer, c, units),
      canApprove: canApprove(viewer, c, units),
      canEdit: canEditCommittee(viewer, c),
    };
  }

  private async meetingFile(viewer: Person, committee: CommitteeRecord, meeting: Stored<MeetingRecord>, entries: readonly Stored<AgendaEntry>[], units: OrgUnits): Promise<MeetingFile> {
    const items = orderItems(
      entries.filter((e) => e.value.meetingId === meeting.value.id),
      meeting.value.order,
    );
    const cases = new Map<string, IndexedCase | null>();
    const indexReady = this.deps.caseIndex.asOf() !== null;
    const caseIds = items.flatMap((i) => [...i.value.links.flatMap((l) => (l.type === 'case' ? [l.caseId] : [])), ...(i.value.source.type === 'deviation' ? [i.value.source.deviationId] : [])]);
    // A case the loaded index does not hold is gone (deleted in SharePoint): "sak slettet". Before the index has
    // loaded nothing is called deleted.
    for (const id of caseIds) {
      const c = this.deps.caseIndex.get(id);
      if (c) cases.set(id, c);
      else if (indexReady) cases.set(id, null);
    }
    const measureIds = items.flatMap((i) => [...(i.value.decision?.measureIds ?? []), ...i.value.links.flatMap((l) => (l.type === 'measure' ? [l.measureId] : []))]);
    const measures = await this.deps.measureLookup.getMany(measureIds);
    const risks = new Map<string, { title: string; unitId: string; score: number; assessmentId: string }>();
    const riskIds = new Set(items.flatMap((i) => [...i.value.links.flatMap((l) => (l.type === 'riskItem' ? [l.riskItemId] : [])), ...(i.value.source.type === 'riskItem' ? [i.value.source.riskItemId] : [])]));
    if (riskIds.size > 0 && this.deps.risks) for (const f of this.deps.risks.facts()) if (riskIds.has(f.id)) risks.set(f.id, f);
    const documents = new Map<string, { title: string; approvedAt: string | null }>();
    const docIds = new Set(items.flatMap((i) => i.value.links.flatMap((l) => (l.type === 'document' ? [l.documentId] : []))));
    if (docIds.size > 0 && this.deps.documents) for (const d of await this.deps.documents.approvedSince('1900-01-01T00:00:00.000Z')) if (docIds.has(d.id)) documents.set(d.id, d);
    const m = meeting.value;
    const names = await this.names([
      committee.leaderId,
      committee.facilitatorId ?? '',
      ...committee.members.map((x) => x.personId),
      m.approvedById ?? '',
      m.minutes?.publishedById ?? '',
      ...items.flatMap((i) => [i.value.preparedById ?? '', i.value.presenterId ?? '', i.value.decision?.recordedById ?? '', ...i.value.inputs.map((x) => x.authorId), ...i.value.documents.map((d) => d.uploadedById)]),
      ...[...measures.values()].map((x) => x.value.ownerId),
    ]);
    const committeeNames = new Map((await this.allCommittees()).map((c) => [c.value.id, c.value.name]));
    const unresolved = items.filter((i) => i.value.status === 'accepted' || (i.value.status === 'handled' && (i.value.decision?.text ?? '') === '')).map((i) => i.value.id);
    const base = this.deps.tabBaseUrl.replace(/\/+$/, '');
    return {
      committee,
      meeting,
      items,
      units,
      names,
      committeeNames,
      cases,
      measures,
      risks,
      documents,
      viewer,
      canPrepare: canPrepare(viewer, committee, units),
      canApprove: canApprove(viewer, committee, units),
      unresolvedItemIds: unresolved,
      meetingUrl: `${base}/committees/meetings/${encodeURIComponent(m.id)}`,
      caseUrl: (caseId) => `${base}/cases/${encodeURIComponent(caseId)}`,
    };
  }

  private async readable(viewer: Person, committeeId: string): Promise<{ committee: CommitteeRecord; units: OrgUnits }> {
    const [stored, units] = await Promise.all([this.committeeById(committeeId), this.deps.units()]);
    if (!stored || !canReadCommittee(viewer, stored.value, units)) throw notFound();
    return { committee: stored.value, units };
  }

  private async preparable(viewer: Person, m: MeetingRecord): Promise<{ committee: CommitteeRecord; units: OrgUnits }> {
    const found = await this.readable(viewer, m.committeeId);
    if (!canPrepare(viewer, found.committee, found.units)) throw forbidden('Bare tilretteleggeren, lederen og kvalitetsrådgiverne kan forberede saker og føre vedtak.');
    return found;
  }

  /** The checks of a meeting-level write, in the order that tells least: not visible → 404, not a preparer → 403, stale → 409. */
  private async forPrepare(viewer: Person, meetingId: string, etag: string): Promise<{ stored: Stored<MeetingRecord>; committee: CommitteeRecord; units: OrgUnits }> {
    const stored = await this.deps.meetings.get(meetingId);
    if (!stored) throw notFound();
    const { committee, units } = await this.preparable(viewer, stored.value);
    if (stored.etag !== etag) throw new CommitteeWorkError('conflict', STALE, { currentMeetingId: meetingId });
    return { stored, committee, units };
  }

  private async itemForPrepare(viewer: Person, meetingId: string, itemId: string, etag: string) {
    const stored = await this.deps.meetings.get(meetingId);
    if (!stored) throw notFound();
    const { committee, units } = await this.preparable(viewer, stored.value);
    const item = await this.deps.agenda.get(itemId);
    if (!item || item.value.meetingId !== meetingId) throw notFound();
    if (item.etag !== etag) throw new CommitteeWorkError('conflict', STALE, { currentItemId: itemId, currentMeetingId: meetingId });
    return { item, meeting: stored.value, committee, units };
  }

  private assertAgendaOpen(m: MeetingRecord): void {
    if (m.status === 'minutesPublished' || m.status === 'cancelled') throw new CommitteeWorkError('invalidState', 'Møtet er avsluttet og kan ikke endres.');
  }

  private applyItem(viewer: Person, e: AgendaEntry, input: ItemInput, units: OrgUnits): AgendaEntry {
    const title = input.title === undefined ? e.title : input.title.trim();
    if (title === '') throw invalid('title', 'Saken må ha en tittel.');
    return {
      ...e,
      title,
      description: input.description === undefined ? e.description : input.description.trim(),
      preparedById: input.ownerId === undefined ? e.preparedById : input.ownerId,
      presenterId: input.presenterId === undefined ? e.presenterId : input.presenterId,
      durationMinutes: input.durationMinutes ?? e.durationMinutes,
      status: input.status ?? e.status,
      links: input.caseIds === undefined ? e.links : [...e.links.filter((l) => l.type !== 'case'), ...this.caseLinks(viewer, input.caseIds, units)],
    };
  }

  /** Case links the viewer may give: cases in the index they can see (number, kind, unit, severity only). */
  private caseLinks(viewer: Person, caseIds: readonly string[], units: OrgUnits): AgendaLinkRef[] {
    const visibleUnits = visibleUnitIds(viewer, units);
    return caseIds.map((id) => {
      const c = this.deps.caseIndex.get(id);
      if (!c || !(visibleUnits.has(c.unitId) || c.reporterId === viewer.id || c.handlerId === viewer.id)) throw invalid('caseIds', `Fant ikke saken ${id}, eller du har ikke tilgang til den.`);
      return { type: 'case', caseId: c.id, caseNumber: c.caseNumber, kind: c.kind, unitId: c.unitId, severity: c.severity };
    });
  }

  /** An item placed on an approved agenda gets the next number (sak n/yy). */
  private async numbered(m: MeetingRecord, committeeId: string, e: AgendaEntry): Promise<AgendaEntry> {
    if (m.status !== 'agendaApproved' && m.status !== 'held') return e;
    if (e.sequence !== null || e.status === 'withdrawn') return e;
    const year = osloYear(new Date(m.startsAt));
    const all = (await this.deps.agenda.listForCommittee(committeeId)).map((x) => x.value);
    return { ...e, sequence: nextSequence(all, year), year };
  }

  private async saveItem(next: AgendaEntry, etag: string): Promise<void> {
    try {
      await this.deps.agenda.update(next, etag);
    } catch (err) {
      if (err instanceof ConcurrencyConflict) throw new CommitteeWorkError('conflict', STALE, { currentItemId: next.id, ...(next.meetingId ? { currentMeetingId: next.meetingId } : {}) });
      throw err;
    }
  }

  private async saveMeeting(viewer: Person, next: MeetingRecord, etag: string): Promise<Stored<MeetingRecord>> {
    void viewer;
    try {
      return await this.deps.meetings.update(next, etag);
    } catch (err) {
      if (err instanceof ConcurrencyConflict) throw new CommitteeWorkError('conflict', STALE, { currentMeetingId: next.id });
      throw err;
    }
  }

  /** A change to the meeting that does not depend on what the viewer read (card state, order append): re-read and retry. */
  private async retryMeeting(viewer: Person, meetingId: string, change: (m: MeetingRecord) => MeetingRecord): Promise<void> {
    void viewer;
    for (let attempt = 0; ; attempt++) {
      const stored = await this.deps.meetings.get(meetingId);
      if (!stored) throw notFound();
      try {
        await this.deps.meetings.update(change(stored.value), stored.etag);
        return;
      } catch (err) {
        if (!(err instanceof ConcurrencyConflict) || attempt >= 3) throw err;
      }
    }
  }

  private async changeMeeting(viewer: Person, meetingId: string, etag: string, change: (m: MeetingRecord) => Promise<MeetingRecord>): Promise<MeetingFile> {
    const { stored } = await this.forPrepare(viewer, meetingId, etag);
    await this.saveMeeting(viewer, await change(stored.value), stored.etag);
    return this.afterAgendaChange(viewer, meetingId);
  }

  private async assertChatFree(chatId: string, meetingId: string | null): Promise<void> {
    const other = await this.deps.meetings.findByTeamsChat(chatId);
    if (other && other.value.id !== meetingId) throw invalid('teamsChatId', 'Teams-møtet er allerede koblet til et annet møte.');
  }

  /** The committee's channel: its own link, else its unit's leader channel. */
  async channelOf(c: CommitteeRecord): Promise<string | null> {
    return c.channelId ?? (await this.deps.leaderChannelOf(c.unitId));
  }

  private async channelList(): Promise<KnownChannel[]> {
    try {
      return await this.deps.channels.list();
    } catch (err) {
      this.deps.log('committees.channelsUnavailable', { error: err instanceof Error ? err.name : typeof err });
      return [];
    }
  }

  /** People's names by id, kept a while: a meeting view names the same few people again and again. */
  private async names(ids: readonly string[]): Promise<Map<string, string>> {
    const now = Date.now();
    const out = new Map<string, string>();
    const missing: string[] = [];
    for (const id of new Set(ids.filter((x) => x !== ''))) {
      const hit = this.nameCache.get(id);
      if (hit && hit.until > now) out.set(id, hit.name);
      else missing.push(id);
    }
    if (missing.length > 0) {
      if (this.nameCache.size > 20_000) this.nameCache.clear();
      for (const p of await this.deps.peopleByIds(missing)) {
        out.set(p.id, p.name);
        this.nameCache.set(p.id, { name: p.name, until: now + NAME_TTL_MS });
      }
    }
    return out;
  }

  private async indexesReady(): Promise<void> {
    if (this.deps.caseIndex.asOf() === null) throw new CommitteeWorkError('unavailable', 'Oversikten over saker lastes fortsatt. Prøv igjen om litt.');
    await Promise.all([this.deps.caseIndex.refresh(), this.deps.overdue.ready, this.deps.risks?.ready]);
  }

  /** 'Since the last meeting': the start of the latest meeting before this one that was held, else 90 days back. */
  private sinceOf(meetings: readonly Stored<MeetingRecord>[], m: MeetingRecord, now: Date): string {
    const held: MeetingStatus[] = ['held', 'minutesPublished'];
    const last = meetings.filter((x) => x.value.id !== m.id && held.includes(x.value.status) && x.value.startsAt < m.startsAt).at(-1);
    return last?.value.startsAt ?? new Date(now.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000).toISOString();
  }

  /** The action list's scope for a committee: everything (top), a sector, or the unit and below (widened to the sector past 40). */
  private measureScope(c: CommitteeRecord, units: OrgUnits, scope: ReadonlySet<string>): MeasureScope {
    const unit = units.get(c.unitId);
    if (!unit || unit.parentId === null) return { type: 'all' };
    if (unit.level === 'sector') return { type: 'within', sectorIds: [unit.id], unitIds: [] };
    if (scope.size <= 40) return { type: 'within', sectorIds: [], unitIds: [...scope] };
    let top = unit;
    while (top.level !== 'sector' && top.parentId !== null) top = units.get(top.parentId) ?? top;
    return { type: 'within', sectorIds: [top.id], unitIds: [] };
  }

  /**
   * The first page of overdue measures in the committee's scope, as samples for the agenda (the count comes from the
   * measure index). Planned like the action list's own queries: a wide scope (KUL's, in a large municipality) whose
   * units or statuses would select more than SharePoint's list view threshold is read in windows of Deadline. Should
   * SharePoint refuse anyway (the index a round behind), the item keeps its count without samples.
   */
  private async overdueSample(scope: MeasureScope, units: OrgUnits, today: CalendarDate): Promise<{ items: readonly Stored<Measure>[] }> {
    try {
      return await this.planned.page({ scope, statuses: ACTIVE, deadlineBefore: today }, units, { pageSize: 25 });
    } catch (err) {
      if (!(err instanceof QueryTooBroad)) throw err;
      this.deps.log('committees.overdueSampleUnavailable', { scope: scope.type, error: err.name });
      return { items: [] };
    }
  }

  /**
   * Which of the measures the committee decided are still open: read by id in $batch (a committee decides tens, not
   * thousands), so no query over the whole action list, which on a large one meets the list view threshold.
   */
  private async openDecisionMeasures(decided: ReadonlySet<string>): Promise<string[]> {
    if (decided.size === 0) return [];
    const found = await this.deps.measureLookup.getMany([...decided]);
    return [...decided].filter((id) => {
      const m = found.get(id)?.value;
      return m !== undefined && ACTIVE.includes(m.status);
    });
  }

}

/** An item's links, with the case an escalation came from first (so a deleted one shows as "sak slettet"). */
export function itemLinks(file: Pick<MeetingFile, 'cases'>, e: AgendaEntry): AgendaLinkRef[] {
  const source = e.source;
  if (source.type !== 'deviation' || e.links.some((l) => l.type === 'case' && l.caseId === source.deviationId)) return [...e.links];
  const c = file.cases.get(source.deviationId);
  const number = c?.caseNumber ?? /[A-Z]{2}-\d{4}-\d{5,}/.exec(e.title)?.[0] ?? '?';
  return [{ type: 'case', caseId: source.deviationId, caseNumber: number, kind: c?.kind ?? null, unitId: c?.unitId ?? null, severity: c?.severity ?? null }, ...e.links];
}

function outcomeOf(e: AgendaEntry): 'decided' | 'postponed' | 'withdrawn' | 'none' {
  if (e.status === 'withdrawn') return 'withdrawn';
  if (e.status === 'postponed') return 'postponed';
  return e.decision && e.decision.text !== '' ? 'decided' : 'none';
}

/** The items in agenda order: those in `order` first, then the rest by number and title; withdrawn last. */
export function orderItems(items: readonly Stored<AgendaEntry>[], order: readonly string[]): Stored<AgendaEntry>[] {
  const pos = new Map(order.map((id, i) => [id, i]));
  return [...items].sort((a, b) => {
    const w = Number(a.value.status === 'withdrawn') - Number(b.value.status === 'withdrawn');
    if (w !== 0) return w;
    const pa = pos.get(a.value.id) ?? Number.MAX_SAFE_INTEGER;
    const pb = pos.get(b.value.id) ?? Number.MAX_SAFE_INTEGER;
    return pa - pb || (a.value.sequence ?? 1e9) - (b.value.sequence ?? 1e9) || a.value.title.localeCompare(b.value.title, 'nb');
  });
}

/** The next number of a committee's items in a year (sak n/yy). */
function nextSequence(all: readonly { year: number; sequence: number | null }[], year: number): number {
  return all.reduce((max, e) => (e.year === year && e.sequence !== null ? Math.max(max, e.sequence) : max), 0) + 1;
}

/** KUL's short name: the part in parentheses, else the name. */
function shortName(c: QualityCommittee): string {
  return /\(([^)]+)\)\s*$/.exec(c.name)?.[1] ?? c.name;
}

const wholeSeconds = (d: Date): string => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();

/** The HTTP status of a connector error (botbuilder's RestError has statusCode). */
function statusOf(err: unknown): number | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  for (const v of [e.statusCode, e.status, e.response?.status]) if (typeof v === 'number') return v;
  return null;
}


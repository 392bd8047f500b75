// The JSON of quality committees, meetings, agendas, decisions and minutes (issue 9, items 1–5) under /api/*: one
// description the tab (agenda preparation page, meeting side panel and stage, channel tab) and the server compile
// against. Types only; the tab imports them with `import type`.
//
// Change log (additive only once published; newest first):
//   v1  first version.
//
// Conventions shared with contract.ts: every error is `ApiError` ({ error: { code, message (bokmål), details? } });
// dates are 'YYYY-MM-DD' (Oslo calendar), instants ISO UTC; ids are the app's ids. Every write that changes a record
// takes that record's `etag` (the one last read) and answers with the record as it is after the write (a new etag);
// a stale etag is 409 'conflict' with the record as it is now in `error.currentMeeting` (meeting-level writes) or
// `error.currentItem` (item-level writes) — see `CommitteeApiError`; nothing is written.
//
// Error codes beyond contract.ts's (status, code):
//   400 'invalidRequest'   a field is wrong (details per field, in bokmål)
//   403 'forbidden'        the viewer sees the committee but may not do this (edit the agenda, approve …)
//   403 'notCommitteeLeader' approving when one is not the committee's leader (or the deputy leader of its unit)
//   404 'notFound'         no such committee/meeting/item, or one the viewer may not see (the same body for both)
//   409 'conflict'         stale etag (current record in the error)
//   409 'invalidState'     the step does not fit the meeting's status (approve an approved agenda, minutes twice, a
//                          decision on a withdrawn item, minutes while items lack a decision — `details` lists them)
//   413 'fileTooLarge'     an agenda document over the limit (VARDE_FILE_MAX_MB, default 25)
//   503 'unavailable'      SharePoint does not answer, or an index behind the agenda proposal is still loading
//
// Who may do what (decided on the server, src/app/committees/access.ts):
// - Read a committee, its meetings, agendas, decisions and minutes: its leader, facilitator and members; leaders (and
//   deputies) of the committee's unit or any unit above it; quality advisers (every committee); quality coordinators
//   (the committees of their sector). Anyone else gets 404 on a single committee or meeting, and does not see the
//   committee in lists. Case links on an agenda show a case's number, kind, unit and severity only; opening the case is
//   the case API's own decision (`/api/cases/:id`).
// - Prepare the agenda (propose, add, edit, order, withdraw items, attach documents), record decisions and measures,
//   publish minutes, re-post cards: the facilitator, the leader (and the deputy leader of the committee's unit), and
//   quality advisers.
// - Approve the agenda: the committee's leader (the kommunedirektør for KUL) or the deputy leader of its unit.
// - Give input to an item, propose an item: anyone who may read the committee.
// - Change a committee (members, roles, facilitator, channel, rhythm): quality advisers and the committee's leader.

import type { CommitteeKind, CommitteeMemberRole, DeviationKind, MeasureStatus, Severity, StandingItem } from '../../domain/index.js';
import type { ApiError, MeasureView, PersonRef } from './contract.js';

// ---- committees -----------------------------------------------------------------------------------------------------

/** How often a committee meets (seed 001: ≥ 3 a year for line committees; seed 000: KUL monthly, three hours). */
export type MeetingFrequency = 'weekly' | 'biweekly' | 'monthly' | 'quarterly' | 'threePerYear' | 'asNeeded' | 'inOperationsMeeting';

export interface MeetingRhythm {
  frequency: MeetingFrequency;
  /** Usual length of a meeting in minutes (KUL: 180). */
  durationMinutes: number;
  /** Free text, e.g. 'Første tirsdag i måneden kl. 09–12'. At most 200 characters. */
  note: string | null;
}

export interface CommitteeMemberView {
  person: PersonRef;
  /** leader, facilitator (tilrettelegger), member, unionRepresentative (tillitsvalgt), safetyRepresentative
   *  (verneombud), userRepresentative (brukerrepresentant), patientSafetyRepresentative, chiefMunicipalPhysician. */
  role: CommitteeMemberRole;
}

/**
 * The committee's leader channel: where the approved agenda and the minutes are posted. `linked` says the committee
 * names a channel; `reachable` that the bot holds a conversation reference for it (it was installed in the team and
 * has not been removed since). Cards go only where both are true.
 */
export interface CommitteeChannelView {
  channelId: string | null;
  /** Name as Teams gave it when the bot was installed ('Ledere – Mestring og helse'); null when unknown. */
  channelName: string | null;
  teamName: string | null;
  linked: boolean;
  reachable: boolean;
}

/** GET /api/committees?unitId=&kind= → CommitteeSummary[] (only what the viewer may read; KUL first, then by level and name). */
export interface CommitteeSummary {
  id: string;
  name: string;
  kind: CommitteeKind;
  unitId: string;
  unitName: string;
  leader: PersonRef;
  facilitator: PersonRef | null;
  /** The committee it reports to (null at the top). */
  parentCommitteeId: string | null;
  rhythm: MeetingRhythm | null;
  channel: CommitteeChannelView;
  /** The next meeting that has not been held (earliest first), if any. */
  nextMeeting: MeetingSummary | null;
  /** What the viewer may do. */
  canPrepare: boolean;
  canApprove: boolean;
}

/** GET /api/committees/:id → CommitteeDetail. */
export interface CommitteeDetail extends CommitteeSummary {
  members: CommitteeMemberView[];
  /** The committee's fixed agenda items (faste saker) as the strategy lists them for its level, in agenda order. */
  standingItems: StandingItem[];
  /** Meetings, newest first (the last 24 and every future one). */
  meetings: MeetingSummary[];
  /** Proposals waiting for the agenda setter (escalations from committees below, input from anyone), oldest first. */
  pendingProposals: AgendaItemView[];
  canEdit: boolean;
  etag: string;
}

/**
 * PATCH /api/committees/:id → CommitteeDetail. Only the fields given change. `channelId` must be a channel the bot knows
 * (GET /api/committee-channels) or null to unlink; members' ids must be people of the organisation. The leader is the
 * leader of the committee's unit and is not changed here.
 */
export interface CommitteePatchBody {
  etag: string;
  facilitatorId?: string | null;
  /** The whole member list (the leader and facilitator are added by the server if missing). At most 200. */
  members?: { personId: string; role: CommitteeMemberRole }[];
  channelId?: string | null;
  rhythm?: MeetingRhythm | null;
}

/**
 * GET /api/committee-channels → ChannelView[]: the team channels the bot has learnt (it was added to the team), with
 * the committees linked to each; for the channel picker. Quality advisers and committee leaders only (403 otherwise).
 */
export interface ChannelView {
  channelId: string;
  channelName: string | null;
  teamId: string | null;
  teamName: string | null;
  committeeIds: string[];
  /** False once Teams said the bot was removed (a 403/404 from the connector, or an uninstall event). */
  reachable: boolean;
}

/** GET /api/channels/:channelId/committee → { committeeId } : the committee linked to this channel (for the channel tab); null if none. */
export interface ChannelCommittee {
  committeeId: string | null;
}

// ---- meetings -------------------------------------------------------------------------------------------------------

/**
 * planned: no agenda yet · agendaDraft: the adviser is preparing it · agendaApproved: the leader approved it (posted to
 * the channel) · held: decisions are being recorded · minutesPublished: minutes stored and posted · cancelled.
 * Editing the agenda after approval is allowed for preparers: the channel card is updated in place.
 */
export type MeetingStatusDto = 'planned' | 'agendaDraft' | 'agendaApproved' | 'held' | 'minutesPublished' | 'cancelled';

export interface MeetingSummary {
  id: string;
  committeeId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  status: MeetingStatusDto;
  /** Number of agenda items that are not withdrawn. */
  itemCount: number;
}

/**
 * The state of a card in the committee's channel. 'posted': the card is there (later changes update it in place);
 * 'notPosted': nothing has been sent yet; 'noChannel': the committee has no linked channel; 'botRemoved': Teams
 * refused (403/404: the bot is no longer in the team) — the agenda or minutes are kept, link a channel or add the bot
 * and POST …/cards/retry; 'failed': another error (retry later). `message` is a Norwegian sentence for the tab, null
 * when posted.
 */
export interface CardPostView {
  state: 'notPosted' | 'posted' | 'noChannel' | 'botRemoved' | 'failed';
  message: string | null;
  postedAt: string | null;
  updatedAt: string | null;
}

/**
 * POST /api/committees/:id/meetings → 201 MeetingDetail (status 'planned'). Preparers only.
 * Defaults: title '<committee short name> <d. MMMM yyyy>'; endsAt = startsAt + rhythm.durationMinutes (or 120).
 */
export interface NewMeetingBody {
  startsAt: string;
  endsAt?: string;
  title?: string;
  location?: string | null;
  onlineMeetingJoinUrl?: string | null;
  /** The Teams meeting chat's id ('19:meeting_…@thread.v2'): the side panel finds the meeting by it. */
  teamsChatId?: string | null;
}

/** PATCH /api/meetings/:id → MeetingDetail. Only the fields given change; status 'cancelled' cancels the meeting. */
export interface MeetingPatchBody {
  etag: string;
  title?: string;
  startsAt?: string;
  endsAt?: string;
  location?: string | null;
  onlineMeetingJoinUrl?: string | null;
  teamsChatId?: string | null;
  /** 'held' marks the meeting started (also set by the first recorded decision); 'cancelled' cancels it. */
  status?: 'held' | 'cancelled';
}

/**
 * GET /api/meetings/:id → MeetingDetail.
 * GET /api/meetings/for-teams?chatId=…  (the Teams meeting's chat id, from the side panel's context) → MeetingDetail
 *   of the meeting linked to that chat; with &committeeId=… instead (the channel tab or a meeting not linked yet): that
 *   committee's current meeting (the first not yet minutesPublished/cancelled, earliest first, or the latest one).
 *   404 'notFound' when there is none the viewer may see.
 */
export interface MeetingDetail extends MeetingSummary {
  committee: { id: string; name: string; kind: CommitteeKind; unitId: string };
  onlineMeetingJoinUrl: string | null;
  teamsChatId: string | null;
  /** The agenda in its order (withdrawn items last, marked). */
  items: AgendaItemView[];
  /** Sum of the items' durations, and the meeting's length, in minutes (KUL: 180). */
  plannedMinutes: number;
  meetingMinutes: number;
  approvedBy: PersonRef | null;
  approvedAt: string | null;
  agendaCard: CardPostView;
  minutes: MinutesView | null;
  minutesCard: CardPostView;
  /** What the viewer may do now. */
  canPrepare: boolean;
  canApprove: boolean;
  canRecordDecisions: boolean;
  canPublishMinutes: boolean;
  /** Items that keep the minutes from being published (no decision and not postponed/withdrawn). */
  unresolvedItemIds: string[];
  /** A link to open this meeting in the tab (deep link), as the cards use. */
  url: string;
  etag: string;
}

// ---- agenda ---------------------------------------------------------------------------------------------------------

/**
 * What raised an item:
 * standing (fast sak; `standingItem` says which) · escalation (a case or decision escalated from a committee below) ·
 * riskItem (unacceptable residual risk) · seriousDeviations (high/critical cases since the last meeting, and the trend) ·
 * overdueMeasures (restanselisten in the committee's scope) · decisionFollowUp (open measures from this committee's
 * earlier decisions: they come back until done) · audit (internal/external audit and inspection reports) ·
 * procedures (procedures and governing documents approved since the last meeting) · proposal (input from anyone) ·
 * other (added by the adviser).
 */
export type AgendaItemKind =
  | 'standing'
  | 'escalation'
  | 'riskItem'
  | 'seriousDeviations'
  | 'overdueMeasures'
  | 'decisionFollowUp'
  | 'audit'
  | 'procedures'
  | 'proposal'
  | 'other';

/** proposed (waiting, not placed) · accepted (on the agenda) · handled (decided) · postponed (utsatt) · withdrawn. */
export type AgendaItemStatusDto = 'proposed' | 'accepted' | 'handled' | 'postponed' | 'withdrawn';

/**
 * What an item points at. Only references are kept: the tab opens the record through its own API, which checks access
 * again. A case that no longer exists (deleted in SharePoint) stays on the agenda as `deleted: true` ("sak slettet").
 */
export type AgendaLink =
  | {
      type: 'case';
      caseId: string;
      caseNumber: string;
      kind: DeviationKind | null;
      unitId: string | null;
      unitName: string | null;
      severity: Severity | null;
      deleted: boolean;
      /** Deep link into the tab's case page. */
      url: string;
    }
  | {
      type: 'measure';
      measureId: string;
      title: string;
      owner: PersonRef | null;
      deadline: string | null;
      status: MeasureStatus | null;
      overdue: boolean;
      deleted: boolean;
      /** Empty when the measure is on a health-related case whose details the viewer may not see. */
      healthDetailsHidden: boolean;
    }
  | { type: 'riskItem'; riskItemId: string; assessmentId: string | null; title: string; unitName: string | null; residualScore: number | null; deleted: boolean; url: string }
  | { type: 'document'; documentId: string; title: string; approvedAt: string | null; url: string; deleted: boolean };

/** Input from someone else to an item (the adviser "tar imot innspill", seed 000). */
export interface AgendaInputView {
  id: string;
  author: PersonRef;
  at: string;
  /** 1–4,000 characters. */
  text: string;
}

/** A document attached to an item, stored in the committee's library ('Referater'). */
export interface AgendaDocumentView {
  id: string;
  name: string;
  size: number;
  uploadedBy: PersonRef;
  uploadedAt: string;
  /** GET: downloads through the app (access checked again). */
  url: string;
}

export interface DecisionView {
  id: string;
  /** Vedtak, as it goes into the minutes. */
  text: string;
  decidedAt: string;
  recordedBy: PersonRef;
  /** The committee above, when the decision informs upwards (an agenda proposal was made there). */
  escalatedTo: { committeeId: string; name: string; agendaItemId: string } | null;
}

export interface AgendaItemView {
  id: string;
  meetingId: string | null;
  /** 'sak 12/26': given when the agenda is approved (items added later get the next number); null before. */
  number: string | null;
  /** Position on the agenda, 1-based; null for a proposal not placed. */
  order: number | null;
  title: string;
  /** What the committee is asked to do, prepared by the adviser. Never copied to channel cards. */
  description: string;
  kind: AgendaItemKind;
  standingItem: StandingItem | null;
  status: AgendaItemStatusDto;
  /** Saksansvarlig: who prepares it. */
  owner: PersonRef | null;
  /** Innleder: who presents it in the meeting. */
  presenter: PersonRef | null;
  durationMinutes: number;
  links: AgendaLink[];
  /** When a list of links was cut (e.g. 250 serious cases), how many more there are. */
  moreLinks: number;
  inputs: AgendaInputView[];
  documents: AgendaDocumentView[];
  decision: DecisionView | null;
  /** Measures decided on this item (on the common action list, source 'meetingDecision'). */
  measures: MeasureView[];
  /** For an escalation: where it came from. */
  escalatedFrom: { committeeId: string; committeeName: string } | null;
  etag: string;
}

/**
 * POST /api/meetings/:id/agenda/propose → AgendaProposalResult. Preparers only; the meeting must be 'planned' or
 * 'agendaDraft' (409 'invalidState' otherwise). Works out the draft agenda from the data since the committee's last
 * meeting (standing items; escalations and pending proposals; unacceptable residual risk; serious deviations and the
 * trend; overdue measures; open measures from earlier decisions; audit reports; new procedures) and stores the items
 * it does not already hold (matched by source, so running it again adds only what is new and never undoes the
 * adviser's edits or withdrawals). Sets status 'agendaDraft'. 503 'unavailable' while an index it reads is loading.
 */
export interface AgendaProposeBody {
  /** The meeting's etag. */
  etag: string;
}

export interface AgendaProposalResult {
  meeting: MeetingDetail;
  /** Ids of items this call added (empty when nothing new). */
  addedItemIds: string[];
  /** From when 'since the last meeting' counted (the last held meeting's start, or 90 days back). */
  since: string;
}

/**
 * POST /api/meetings/:id/agenda/items → 201 MeetingDetail: an item the adviser adds (kind 'other'), or a pending
 * proposal placed on this meeting (`proposalId`: the proposal's etag goes in `etag` then; its title etc. may be
 * changed in the same call). Appended at the end; after approval it gets the next number and the card is updated.
 */
export interface NewAgendaItemBody {
  /** The meeting's etag (or, with proposalId, the proposal's). */
  etag: string;
  proposalId?: string;
  /** 1–255 characters (required without proposalId). */
  title?: string;
  /** 0–10,000 characters. */
  description?: string;
  ownerId?: string | null;
  presenterId?: string | null;
  /** 0–600. */
  durationMinutes?: number;
  /** Case ids to link (the viewer must be able to see each). At most 50. */
  caseIds?: string[];
}

/**
 * PATCH /api/meetings/:id/agenda/items/:itemId → MeetingDetail. Only the fields given change. status 'withdrawn'
 * takes it off (kept, shown last); 'accepted' puts a withdrawn item back; 'postponed' (utsatt) in or after the meeting.
 */
export interface AgendaItemPatchBody {
  /** The item's etag. */
  etag: string;
  title?: string;
  description?: string;
  ownerId?: string | null;
  presenterId?: string | null;
  durationMinutes?: number;
  status?: 'accepted' | 'withdrawn' | 'postponed';
  caseIds?: string[];
}

/** PUT /api/meetings/:id/agenda/order → MeetingDetail. Every placed item id exactly once (400 otherwise). */
export interface AgendaOrderBody {
  /** The meeting's etag: the order is the meeting's. */
  etag: string;
  itemIds: string[];
}

/** POST /api/meetings/:id/agenda/items/:itemId/inputs → AgendaItemView. Any reader of the committee; no etag (append only). */
export interface AgendaInputBody {
  text: string;
}

/**
 * POST /api/meetings/:id/agenda/items/:itemId/documents?name=<file name> with the file as the raw body
 * (Content-Type of the file) → 201 AgendaItemView. Preparers. Office, OpenDocument, PDF, images, plain text (checked by
 * content), at most VARDE_FILE_MAX_MB. GET /api/meetings/:id/agenda/items/:itemId/documents/:documentId downloads it.
 */

/** POST /api/committees/:id/proposals → 201 AgendaItemView (status 'proposed'): input for a coming agenda from anyone who reads the committee. */
export interface NewProposalBody {
  /** 1–255 characters. */
  title: string;
  /** 0–4,000 characters. Do not put personal health information here: proposals are read by every member. */
  description?: string;
  caseIds?: string[];
}

/**
 * POST /api/meetings/:id/agenda/approve → MeetingDetail. The committee's leader (403 'notCommitteeLeader' for others).
 * Numbers the items (sak n/yy, per committee and year), sets status 'agendaApproved' and posts the agenda card to the
 * committee's channel. The approval stands whether or not the card could be posted: `agendaCard` says what happened.
 */
export interface AgendaApproveBody {
  etag: string;
}

/**
 * POST /api/meetings/:id/cards/retry → MeetingDetail: posts (or updates) the agenda card and, when minutes are
 * published, the minutes card again — after a channel was linked or the bot added back. Preparers.
 */
export interface CardRetryBody {
  which?: 'agenda' | 'minutes' | 'both';
}

// ---- in the meeting: decisions and measures -------------------------------------------------------------------------

/**
 * PUT /api/meetings/:id/agenda/items/:itemId/decision → AgendaItemView. Records or corrects the decision (vedtak);
 * the item becomes 'handled' (or 'postponed' with `postpone: true`, the text then saying why). The meeting becomes
 * 'held' if it was not. With `escalate: true` the decision informs the committee above: an agenda proposal is made
 * there (once; later corrections do not make another). Preparers (the adviser writes the minutes, seed 000). Not after
 * minutes are published (409 'invalidState').
 */
export interface DecisionBody {
  /** The item's etag. */
  etag: string;
  /** 1–10,000 characters. */
  text: string;
  postpone?: boolean;
  escalate?: boolean;
}

/**
 * POST /api/meetings/:id/agenda/items/:itemId/measures → 201 AgendaItemView: a measure decided on the item, on the
 * common action list (source 'meetingDecision', the decision's id) with owner and deadline; it belongs to the
 * committee's unit unless `unitId` (the committee's unit or below) says otherwise. Comes back on the committee's next
 * agendas (decisionFollowUp) until done or cancelled. The item's etag; an item without a decision gets an empty one.
 */
export interface DecisionMeasureBody {
  etag: string;
  /** 1–255 characters. */
  title: string;
  description?: string;
  ownerId: string;
  /** YYYY-MM-DD, today or later (Oslo). */
  deadline: string;
  unitId?: string;
}

// ---- minutes --------------------------------------------------------------------------------------------------------

export interface MinutesView {
  publishedAt: string;
  publishedBy: PersonRef;
  /** The generated documents in the committee's library ('Referater', MeetingId = the meeting). */
  docx: { name: string; url: string; size: number };
  pdf: { name: string; url: string; size: number };
}

/**
 * POST /api/meetings/:id/minutes → MeetingDetail. Preparers; the meeting must be 'held' (or 'agendaApproved': it
 * becomes held) with every item decided, postponed or withdrawn (409 'invalidState' with `details` naming the rest).
 * Generates the minutes (referat) from the decisions and measures as .docx and PDF, stores both in 'Referater'
 * (folder per committee, MeetingId column), sets 'minutesPublished' and posts the minutes card (no case text, links
 * only). Publishing again (e.g. after a correction) replaces the files (new versions) and updates the same card.
 * GET /api/meetings/:id/minutes.docx and /minutes.pdf download them.
 */
export interface PublishMinutesBody {
  etag: string;
}

// ---- errors ---------------------------------------------------------------------------------------------------------

export interface CommitteeApiError extends ApiError {
  error: ApiError['error'] & {
    /** 409 'conflict' on a meeting-level write (order, approve, propose, minutes). */
    currentMeeting?: MeetingDetail;
    /** 409 'conflict' on an item-level write. */
    currentItem?: AgendaItemView;
    /** 409 'conflict' on a committee write. */
    currentCommittee?: CommitteeDetail;
  };
}

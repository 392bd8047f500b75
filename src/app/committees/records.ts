// What Varde keeps of committees, meetings and agenda entries beyond the domain's types: channel, rhythm, order, cards, decisions, files.
import type { AgendaEntryKind, AgendaItem, AgendaLinkRef, Instant, QualityCommittee } from '../../domain/index.js';
import type { MessageRef } from '../ports/index.js';

export type MeetingFrequency = 'weekly' | 'biweekly' | 'monthly' | 'quarterly' | 'threePerYear' | 'asNeeded' | 'inOperationsMeeting';

export interface MeetingRhythm {
  readonly frequency: MeetingFrequency;
  readonly durationMinutes: number;
  readonly note: string | null;
}

/** A committee as stored in 'Kvalitetsutvalg', with its leader channel and rhythm. */
export interface CommitteeRecord extends QualityCommittee {
  /** The Teams channel the committee posts to; null when none is linked (the unit's leader channel is used then). */
  readonly channelId: string | null;
  /** Null: the default of the committee's kind (`defaultRhythm`). */
  readonly rhythm: MeetingRhythm | null;
}

export type MeetingStatus = 'planned' | 'agendaDraft' | 'agendaApproved' | 'held' | 'minutesPublished' | 'cancelled';

export type CardPostState = 'notPosted' | 'posted' | 'noChannel' | 'botRemoved' | 'failed';

/** A card in the committee's channel: where it is (to update it in place) and how the last attempt went. */
export interface CardState {
  readonly state: CardPostState;
  readonly ref: MessageRef | null;
  readonly channelId: string | null;
  readonly postedAt: Instant | null;
  readonly updatedAt: Instant | null;
}

export const NOT_POSTED: CardState = { state: 'notPosted', ref: null, channelId: null, postedAt: null, updatedAt: null };

export interface StoredFileRef {
  readonly fileId: string;
  readonly name: string;
  readonly size: number;
}

export interface MinutesFiles {
  readonly publishedAt: Instant;
  readonly publishedById: string;
  readonly docx: StoredFileRef;
  readonly pdf: StoredFileRef;
}

export interface MeetingRecord {
  readonly id: string;
  readonly committeeId: string;
  readonly title: string;
  readonly startsAt: Instant;
  readonly endsAt: Instant;
  readonly location: string | null;
  readonly joinUrl: string | null;
  readonly teamsChatId: string | null;
  readonly status: MeetingStatus;
  /** Agenda entry ids in agenda order (entries not listed follow, by number). */
  readonly order: readonly string[];
  readonly approvedById: string | null;
  readonly approvedAt: Instant | null;
  readonly agendaCard: CardState;
  readonly minutesCard: CardState;
  readonly minutes: MinutesFiles | null;
}

export interface AgendaInput {
  readonly id: string;
  readonly authorId: string;
  readonly at: Instant;
  readonly text: string;
}

export interface AgendaDocument {
  readonly id: string;
  readonly fileId: string;
  readonly name: string;
  readonly size: number;
  readonly uploadedById: string;
  readonly uploadedAt: Instant;
}

export interface DecisionRecord {
  /** Also the SourceId of the measures it decided (source 'meetingDecision'). */
  readonly id: string;
  readonly text: string;
  readonly decidedAt: Instant;
  readonly recordedById: string;
  readonly postponed: boolean;
  readonly escalatedTo: { readonly committeeId: string; readonly agendaItemId: string } | null;
  readonly measureIds: readonly string[];
}

/** An agenda item (saker) with what a prepared agenda and a meeting add to the domain's item. */
export interface AgendaEntry extends AgendaItem {
  readonly kind: AgendaEntryKind;
  /** The proposal's key (`standing:criticalRisk`, `seriousDeviations` …); null for items added by hand. */
  readonly entryKey: string | null;
  readonly links: readonly AgendaLinkRef[];
  readonly moreLinks: number;
  readonly inputs: readonly AgendaInput[];
  readonly documents: readonly AgendaDocument[];
  readonly decision: DecisionRecord | null;
}

/** A Teams channel the bot has learnt (it was added to the team). */
export interface KnownChannel {
  readonly channelId: string;
  readonly channelName: string | null;
  readonly teamId: string | null;
  readonly teamName: string | null;
  readonly removedAt: Instant | null;
}

/** The decision id of an agenda item: one decision per item, so measures can be added before or after its text. */
export const decisionIdOf = (itemId: string): string => `decision-${itemId}`;

// The stores committee work needs: committees with channel and rhythm, meetings, agenda entries, the minutes library, known channels.
import type { Measure } from '../../domain/index.js';
import type { Stored } from '../ports/index.js';
import type { AgendaEntry, CommitteeRecord, KnownChannel, MeetingRecord, MeetingRhythm, StoredFileRef } from './records.js';

export interface CommitteeStore {
  /** Every committee (a few hundred), with their versions. */
  list(): Promise<Stored<CommitteeRecord>[]>;
  get(id: string): Promise<Stored<CommitteeRecord> | null>;
  /** Saves members, facilitator, channel and rhythm if the stored version is still `etag` (ConcurrencyConflict otherwise). */
  update(next: CommitteeRecord, etag: string): Promise<Stored<CommitteeRecord>>;
}

export interface MeetingStore {
  create(meeting: MeetingRecord): Promise<Stored<MeetingRecord>>;
  get(id: string): Promise<Stored<MeetingRecord> | null>;
  /** A committee's meetings, earliest first. */
  listForCommittee(committeeId: string): Promise<Stored<MeetingRecord>[]>;
  /** The meeting linked to a Teams meeting chat, if any. */
  findByTeamsChat(chatId: string): Promise<Stored<MeetingRecord> | null>;
  update(next: MeetingRecord, etag: string): Promise<Stored<MeetingRecord>>;
}

export interface AgendaEntryStore {
  /** Idempotent on the entry's id. Many at once go in $batch. */
  createMany(entries: readonly AgendaEntry[]): Promise<Stored<AgendaEntry>[]>;
  get(id: string): Promise<Stored<AgendaEntry> | null>;
  /** Every item of the committee (proposals, placed items, earlier meetings'): one indexed query. */
  listForCommittee(committeeId: string): Promise<Stored<AgendaEntry>[]>;
  update(next: AgendaEntry, etag: string): Promise<Stored<AgendaEntry>>;
}

export interface MeetingFile {
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** The committee's library ('Referater'): minutes and agenda documents, each file's list item carrying its MeetingId. */
export interface MeetingFiles {
  /** Stores (replacing a file of the same name in the folder, so a retry leaves one) under `folder`. */
  save(meetingId: string, folder: readonly string[], file: MeetingFile): Promise<StoredFileRef>;
  /** A file's bytes, only if it belongs to the meeting. */
  read(meetingId: string, fileId: string): Promise<{ readonly name: string; readonly contentType: string; readonly bytes: Uint8Array } | null>;
}

export interface ChannelCatalogue {
  /** Every channel the bot has a conversation reference for. */
  list(): Promise<KnownChannel[]>;
  /** Teams said the bot may no longer post there (403/404): noted, so the tab can say so. */
  markRemoved(channelId: string, at: string): Promise<void>;
}

/** Documents approved in a period (procedures and governing documents), for "new procedures" on an agenda. */
export interface ApprovedDocuments {
  approvedSince(since: string): Promise<{ id: string; title: string; ownerUnitId: string | null; approvedAt: string | null }[]>;
}

/** Measures by id, many at once ($batch): for the measures an agenda points at. Missing ids are left out. */
export interface MeasureLookup {
  getMany(ids: readonly string[]): Promise<Map<string, Stored<Measure>>>;
}

export type { MeetingRhythm };

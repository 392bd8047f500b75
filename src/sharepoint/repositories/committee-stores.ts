// Committee work's stores (issue 9): committees with channel and rhythm, meetings, prepared agenda entries, the minutes library, known channels.
//
// Costs: every committee in one paged query (a few hundred rows); a committee's meetings and its agenda items one
// indexed query each (CommitteeId); a meeting by its Teams chat one indexed query; new agenda entries in $batch (20 a
// request, idempotent on RecordId); each write one PATCH with If-Match. Files: one PUT, the list item's id and its
// MeetingId (three requests); a download checks the file's MeetingId before any byte is read.
import type { Stored } from '../../app/ports/index.js';
import type { AgendaEntryStore, ChannelCatalogue, CommitteeStore, MeasureLookup, MeetingFile, MeetingFiles, MeetingStore } from '../../app/committees/ports.js';
import type { AgendaEntry, CommitteeRecord, KnownChannel, MeetingRecord, StoredFileRef } from '../../app/committees/records.js';
import type { Measure } from '../../domain/index.js';
import { type GraphClient, GraphFailure, runBatch, where } from '../graph/index.js';
import { MEASURE_COLUMNS, measureFromFields } from '../mapping/measure.js';
import {
  AGENDA_ENTRY_COLUMNS,
  COMMITTEE_RECORD_COLUMNS,
  MEETING_COLUMNS,
  agendaEntryFromFields,
  agendaEntryToFields,
  committeeRecordFromFields,
  committeeRecordToFields,
  meetingFromFields,
  meetingToFields,
} from '../mapping/committee-work.js';
import { targetKey } from '../mapping/conversation-reference.js';
import { readEnvelope } from '../mapping/fields.js';
import { bulkCreate } from './bulk-create.js';
import { trustedContentUrl } from './content-url.js';
import type { ListDirectory } from './list-directory.js';
import { type RawItem, itemUrl, readAll, readPage } from './list-query.js';
import { RecordList, type RecordListOptions } from './record-list.js';

export class SharePointCommitteeStore implements CommitteeStore {
  private readonly records: RecordList<CommitteeRecord>;

  constructor(client: GraphClient, directory: ListDirectory, options: RecordListOptions = {}) {
    this.records = new RecordList(client, directory, 'committees', { entity: 'Committee', columns: COMMITTEE_RECORD_COLUMNS, toFields: committeeRecordToFields, fromFields: committeeRecordFromFields, idOf: (c) => c.id }, options);
  }

  list(): Promise<Stored<CommitteeRecord>[]> {
    return allStored(this.records);
  }

  get(id: string): Promise<Stored<CommitteeRecord> | null> {
    return this.records.get(id);
  }

  update(next: CommitteeRecord, etag: string): Promise<Stored<CommitteeRecord>> {
    return this.records.update(next, etag);
  }
}

export class SharePointMeetingStore implements MeetingStore {
  private readonly records: RecordList<MeetingRecord>;

  constructor(client: GraphClient, directory: ListDirectory, options: RecordListOptions = {}) {
    this.records = new RecordList(client, directory, 'meetings', { entity: 'Meeting', columns: MEETING_COLUMNS, toFields: meetingToFields, fromFields: meetingFromFields, idOf: (m) => m.id }, options);
  }

  create(meeting: MeetingRecord): Promise<Stored<MeetingRecord>> {
    return this.records.create(meeting);
  }

  get(id: string): Promise<Stored<MeetingRecord> | null> {
    return this.records.get(id);
  }

  async listForCommittee(committeeId: string): Promise<Stored<MeetingRecord>[]> {
    const all = await allStored(this.records, where.eq('CommitteeId', committeeId));
    return all.sort((a, b) => a.value.startsAt.localeCompare(b.value.startsAt) || a.value.id.localeCompare(b.value.id));
  }

  findByTeamsChat(chatId: string): Promise<Stored<MeetingRecord> | null> {
    return this.records.findOne(where.eq('TeamsChatId', chatId));
  }

  update(next: MeetingRecord, etag: string): Promise<Stored<MeetingRecord>> {
    return this.records.update(next, etag);
  }
}

export class SharePointAgendaEntryStore implements AgendaEntryStore {
  private readonly records: RecordList<AgendaEntry>;

  constructor(
    private readonly client: GraphClient,
    directory: ListDirectory,
    private readonly options: RecordListOptions = {},
  ) {
    this.records = new RecordList(client, directory, 'agendaItems', { entity: 'AgendaItem', columns: AGENDA_ENTRY_COLUMNS, toFields: agendaEntryToFields, fromFields: agendaEntryFromFields, idOf: (e) => e.id }, options);
  }

  /** In $batch, each row once however often it is retried (RecordId is unique). */
  async createMany(entries: readonly AgendaEntry[]): Promise<Stored<AgendaEntry>[]> {
    if (entries.length === 0) return [];
    const list = await this.records.list();
    const out = await bulkCreate(
      this.client,
      list.path,
      entries.map((e) => ({ key: e.id, fields: agendaEntryToFields(e) })),
      { keyColumn: 'RecordId', columns: AGENDA_ENTRY_COLUMNS, ...(this.options.batch ? { batch: this.options.batch } : {}) },
    );
    if (out.failed.length > 0) throw new Error(`Agenda items could not be created: ${out.failed.map((f) => f.reason).join('; ')}`);
    return entries.map((e) => {
      const raw = out.items.get(e.id);
      if (!raw) throw new Error(`Agenda item ${e.id} was not stored.`);
      return this.records.toStored(raw, list);
    });
  }

  get(id: string): Promise<Stored<AgendaEntry> | null> {
    return this.records.get(id);
  }

  listForCommittee(committeeId: string): Promise<Stored<AgendaEntry>[]> {
    return allStored(this.records, where.eq('CommitteeId', committeeId));
  }

  update(next: AgendaEntry, etag: string): Promise<Stored<AgendaEntry>> {
    return this.records.update(next, etag);
  }
}

async function allStored<T>(records: RecordList<T>, filter?: ReturnType<typeof where.eq>): Promise<Stored<T>[]> {
  const out: Stored<T>[] = [];
  let continuation: string | null = null;
  do {
    const page: { items: readonly Stored<T>[]; continuation: string | null } = await records.page({ top: 1000, ...(filter ? { filter } : {}) }, continuation);
    out.push(...page.items);
    continuation = page.continuation;
  } while (continuation !== null);
  return out;
}

// ── files ────────────────────────────────────────────────────────────────────────────────────────

const MEETING_ID = /^[A-Za-z0-9-]{1,64}$/;

interface DriveItemJson {
  id: string;
  name: string;
  size?: number;
  file?: { mimeType?: string };
  '@microsoft.graph.downloadUrl'?: string;
}

/** A name SharePoint takes: no characters it refuses, no leading dot or trailing dot/space, at most 200 characters. */
export function safeLibraryName(name: string): string {
  const cleaned = [...name.normalize('NFC')]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '"*:<>?/\\|#%'.includes(ch) ? '-' : ch))
    .join('')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 200);
  return cleaned === '' ? 'fil' : cleaned;
}

export interface MeetingFilesOptions {
  readonly fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

export class SharePointMeetingFiles implements MeetingFiles {
  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
    private readonly options: MeetingFilesOptions = {},
  ) {}

  async save(meetingId: string, folder: readonly string[], file: MeetingFile): Promise<StoredFileRef> {
    if (!MEETING_ID.test(meetingId)) throw new Error('A meeting file needs a meeting id of the usual form.');
    const list = await this.directory.resolve('minutes');
    const path = [...folder.map(safeLibraryName), safeLibraryName(file.name)].map(encodeURIComponent).join('/');
    // Replace, not rename: a retry after a lost answer (or minutes published again) leaves one file, with versions.
    const item = await this.client.put<DriveItemJson>(`${list.path}/drive/root:/${path}:/content?@microsoft.graph.conflictBehavior=replace`, Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength), {
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    const listItem = await this.client.get<{ id: string }>(`${list.path}/drive/items/${encodeURIComponent(item.id)}/listItem`, { query: { $select: 'id' } });
    await this.client.patch(`${list.path}/items/${encodeURIComponent(listItem.id)}/fields`, { MeetingId: meetingId });
    return { fileId: item.id, name: item.name, size: item.size ?? file.bytes.length };
  }

  async read(meetingId: string, fileId: string): Promise<{ name: string; contentType: string; bytes: Uint8Array } | null> {
    if (!MEETING_ID.test(meetingId) || !/^[A-Za-z0-9!._-]{1,200}$/.test(fileId)) return null;
    const list = await this.directory.resolve('minutes');
    let item: DriveItemJson & { listItem?: { fields?: { MeetingId?: unknown } } };
    try {
      item = await this.client.get(`${list.path}/drive/items/${encodeURIComponent(fileId)}`, { query: { $expand: 'listItem($expand=fields($select=MeetingId))' } });
    } catch (err) {
      if (err instanceof GraphFailure && err.status === 404) return null;
      throw err;
    }
    // Only a file of this very meeting: an id from a browser could name any file in the library.
    if (item.listItem?.fields?.MeetingId !== meetingId || !item.file) return null;
    const url = item['@microsoft.graph.downloadUrl'];
    if (!url || !trustedContentUrl(url, this.client.baseUrl)) throw new Error('Graph gave no usable download URL for the file.');
    const res = await (this.options.fetch ?? ((u: string, init: RequestInit) => fetch(u, init)))(url, { signal: AbortSignal.timeout(60_000), redirect: 'error' });
    if (!res.ok) throw new Error(`The file's download answered ${res.status}.`);
    return { name: item.name, contentType: item.file.mimeType ?? 'application/octet-stream', bytes: new Uint8Array(await res.arrayBuffer()) };
  }
}

// ── channels ─────────────────────────────────────────────────────────────────────────────────────

const CHANNEL_COLUMNS = ['TargetId', 'TargetKind', 'Reference', 'TeamId', 'TeamName', 'ChannelName', 'RemovedAt'];

export class SharePointChannelCatalogue implements ChannelCatalogue {
  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
  ) {}

  /** One indexed query (TargetKind eq 'channel'), 5,000 a page. */
  async list(): Promise<KnownChannel[]> {
    const list = await this.directory.resolve('channelLinks');
    const items = await readAll(this.client, { list: list.path, columns: CHANNEL_COLUMNS, filter: where.eq('TargetKind', 'channel'), top: 5000 });
    const out: KnownChannel[] = [];
    for (const raw of items) {
      const { fields } = readEnvelope(raw, list.spec.displayName);
      const channelId = channelIdOf(fields);
      if (!channelId) continue;
      const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
      out.push({ channelId, channelName: text(fields.ChannelName), teamId: text(fields.TeamId), teamName: text(fields.TeamName), removedAt: text(fields.RemovedAt) });
    }
    return out.sort((a, b) => (a.teamName ?? '').localeCompare(b.teamName ?? '', 'nb') || (a.channelName ?? '').localeCompare(b.channelName ?? '', 'nb'));
  }

  async markRemoved(channelId: string, at: string): Promise<void> {
    const list = await this.directory.resolve('channelLinks');
    const page = await readPage(this.client, { list: list.path, columns: ['TargetId'], filter: where.eq('TargetId', targetKey('channel', channelId)), top: 1 });
    const itemId = page.items[0]?.id;
    if (typeof itemId !== 'string') return;
    await this.client.patch(`${list.path}/items/${encodeURIComponent(itemId)}/fields`, { RemovedAt: at });
  }
}

/** The channel's id: the reference's conversation id (TargetId is a hash for a very long id). */
function channelIdOf(fields: Record<string, unknown>): string | null {
  if (typeof fields.Reference === 'string') {
    try {
      const ref = JSON.parse(fields.Reference) as { conversation?: { id?: unknown } };
      if (typeof ref.conversation?.id === 'string' && ref.conversation.id !== '') return ref.conversation.id;
    } catch {
      // An unreadable reference: fall back to the key.
    }
  }
  return typeof fields.TargetId === 'string' && !fields.TargetId.startsWith('h:') ? fields.TargetId : null;
}

// ── measures by id ───────────────────────────────────────────────────────────────────────────────

/** Ids per query (`RecordId eq a or …`): the URL stays short; the queries go 20 to a $batch. */
const IDS_PER_QUERY = 15;

export class SharePointMeasureLookup implements MeasureLookup {
  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
  ) {}

  async getMany(ids: readonly string[]): Promise<Map<string, Stored<Measure>>> {
    const out = new Map<string, Stored<Measure>>();
    const unique = [...new Set(ids)];
    if (unique.length === 0) return out;
    const list = await this.directory.resolve('measures');
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += IDS_PER_QUERY) chunks.push(unique.slice(i, i + IDS_PER_QUERY));
    const answers = await runBatch<{ value?: RawItem[] }>(
      this.client,
      chunks.map((chunk) => ({ method: 'GET', url: itemUrl({ list: list.path, columns: MEASURE_COLUMNS, filter: where.or(...chunk.map((id) => where.eq('RecordId', id))), top: IDS_PER_QUERY }) })),
    );
    for (const answer of answers) {
      if (!answer.ok) throw answer.error;
      for (const raw of answer.body.value ?? []) {
        const { itemId, etag, fields } = readEnvelope(raw, list.spec.displayName);
        const value = measureFromFields(fields, { list: list.spec.displayName, itemId });
        out.set(value.id, { value, etag });
      }
    }
    return out;
  }
}

export interface CommitteeStores {
  committees: CommitteeStore;
  meetings: MeetingStore;
  agenda: AgendaEntryStore;
  files: MeetingFiles;
  channels: ChannelCatalogue;
  measures: MeasureLookup;
}

export function createCommitteeStores(client: GraphClient, directory: ListDirectory, options: RecordListOptions & MeetingFilesOptions = {}): CommitteeStores {
  return {
    committees: new SharePointCommitteeStore(client, directory, options),
    meetings: new SharePointMeetingStore(client, directory, options),
    agenda: new SharePointAgendaEntryStore(client, directory, options),
    files: new SharePointMeetingFiles(client, directory, options),
    channels: new SharePointChannelCatalogue(client, directory),
    measures: new SharePointMeasureLookup(client, directory),
  };
}

// Reading lists (issue 8): 'Leseliste' (who must read which version), 'Lesebekreftelser' (who confirmed which version)
// and 'Lesevarsler' (the daily digest's runs).
//
// Entries are created through $batch by bulkCreate, each with its key (documentId|version|personId) in a unique column,
// so a retried or repeated approval never writes an entry twice; the resource-unit pacer keeps the run inside the
// budget. 4,000 entries are 8,000 units: 3.2 minutes at 2,500 a minute is the floor (tests/bench/procedures-bench.ts).
import type { DigestClaim, DigestRun, EntriesOutcome, KeyWindow, ReadingConfirmationRecord, ReadingEntry, ReadingStore } from '../../app/ports/index.js';
import { type BatchOptions, type GraphClient, GraphConflictError, where } from '../graph/index.js';
import { readEnvelope } from '../mapping/fields.js';
import {
  DIGEST_RUN_COLUMNS,
  READING_CONFIRMATION_COLUMNS,
  READING_ENTRY_COLUMNS,
  digestRunFromFields,
  digestRunToFields,
  entryKey,
  readingConfirmationFromFields,
  readingConfirmationToFields,
  readingEntryFromFields,
  readingEntryToFields,
} from '../mapping/procedure-document.js';
import { bulkCreate } from './bulk-create.js';
import type { ListDirectory, ResolvedList } from './list-directory.js';
import { type RawItem, readAll, readPage } from './list-query.js';
import type { ODataFilter } from '../graph/index.js';

/** Windows of one document version read at once (each up to 5,000 rows). */
const WINDOWS_AT_ONCE = 4;

export class SharePointReadingStore implements ReadingStore {
  private readonly runItemIds = new Map<string, string>();

  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
    private readonly options: { batch?: BatchOptions } = {},
  ) {}

  async addEntries(entries: readonly ReadingEntry[]): Promise<EntriesOutcome> {
    if (entries.length === 0) return { created: 0, alreadyPresent: 0, failed: [] };
    const list = await this.directory.resolve('readingList');
    const rows = new Map<string, ReadingEntry>();
    for (const e of entries) rows.set(entryKey(e), e);
    const out = await bulkCreate(
      this.client,
      list.path,
      [...rows].map(([key, e]) => ({ key, fields: readingEntryToFields(e) })),
      { keyColumn: 'EntryKey', columns: ['EntryKey'], batch: this.options.batch },
    );
    return { created: out.created, alreadyPresent: out.alreadyPresent, failed: out.failed.map((f) => f.importKey) };
  }

  async entriesForVersion(documentId: string, version: string, windows: readonly KeyWindow[]): Promise<ReadingEntry[]> {
    const list = await this.directory.resolve('readingList');
    const items = await this.inWindows(list, READING_ENTRY_COLUMNS, 'EntryKey', { documentId, version }, windows);
    return items.map((raw) => map(raw, list, readingEntryFromFields));
  }

  entriesForPerson(personId: string): Promise<ReadingEntry[]> {
    return this.entries(where.eq('PersonId', personId));
  }

  allEntries(): Promise<ReadingEntry[]> {
    return this.entries();
  }

  private async entries(filter?: ODataFilter): Promise<ReadingEntry[]> {
    const list = await this.directory.resolve('readingList');
    const items = await readAll(this.client, { list: list.path, columns: READING_ENTRY_COLUMNS, top: 5000, ...(filter ? { filter } : {}) });
    return items.map((raw) => map(raw, list, readingEntryFromFields));
  }

  async confirm(record: ReadingConfirmationRecord): Promise<{ record: ReadingConfirmationRecord; created: boolean }> {
    const list = await this.directory.resolve('readingConfirmations');
    const key = entryKey(record);
    const out = await bulkCreate(this.client, list.path, [{ key, fields: readingConfirmationToFields(record) }], {
      keyColumn: 'ConfirmationKey',
      columns: READING_CONFIRMATION_COLUMNS,
      batch: this.options.batch,
    });
    const raw = out.items.get(key);
    if (!raw) throw new Error(`The reading confirmation could not be stored: ${out.failed[0]?.reason ?? 'unknown reason'}`);
    // The answer of a create holds the fields written; a found one holds what is stored (the first confirmation).
    const stored = (raw.fields as Record<string, unknown> | undefined)?.ConfirmedAt ? map(raw, list, readingConfirmationFromFields) : record;
    return { record: stored, created: out.created === 1 };
  }

  async importConfirmations(records: readonly ReadingConfirmationRecord[]): Promise<EntriesOutcome> {
    if (records.length === 0) return { created: 0, alreadyPresent: 0, failed: [] };
    const list = await this.directory.resolve('readingConfirmations');
    const rows = new Map(records.map((r) => [entryKey(r), r]));
    const out = await bulkCreate(this.client, list.path, [...rows].map(([key, r]) => ({ key, fields: readingConfirmationToFields(r) })), {
      keyColumn: 'ConfirmationKey',
      columns: ['ConfirmationKey'],
      batch: this.options.batch,
    });
    return { created: out.created, alreadyPresent: out.alreadyPresent, failed: out.failed.map((f) => f.importKey) };
  }

  async confirmationsForVersion(documentId: string, version: string, windows: readonly KeyWindow[]): Promise<ReadingConfirmationRecord[]> {
    const list = await this.directory.resolve('readingConfirmations');
    const items = await this.inWindows(list, READING_CONFIRMATION_COLUMNS, 'ConfirmationKey', { documentId, version }, windows);
    return items.map((raw) => map(raw, list, readingConfirmationFromFields));
  }

  /**
   * One document version's rows, window by window of the person id, each a range of the unique key column
   * (documentId|version|personId): SharePoint seeks the range through the column's index and it selects at most one
   * row per person in it, where `DocumentId eq` would select one per employee and be refused past 5,000. A few windows
   * at a time; a window of up to 5,000 rows is one request.
   */
  private async inWindows(list: ResolvedList, columns: readonly string[], keyColumn: string, version: { documentId: string; version: string }, windows: readonly KeyWindow[]): Promise<RawItem[]> {
    const prefix = entryKey({ ...version, personId: '' });
    const read = (w: KeyWindow) =>
      readAll(this.client, { list: list.path, columns, filter: where.and(where.ge(keyColumn, prefix + w.from), where.le(keyColumn, prefix + w.through)), top: 5000 });
    const out: RawItem[][] = new Array<RawItem[]>(windows.length);
    let next = 0;
    const worker = async () => {
      for (let at = next++; at < windows.length; at = next++) out[at] = await read(windows[at] as KeyWindow);
    };
    await Promise.all(Array.from({ length: Math.min(WINDOWS_AT_ONCE, windows.length) }, worker));
    return out.flat();
  }

  confirmationsForPerson(personId: string): Promise<ReadingConfirmationRecord[]> {
    return this.confirmations(where.eq('PersonId', personId));
  }

  allConfirmations(): Promise<ReadingConfirmationRecord[]> {
    return this.confirmations();
  }

  private async confirmations(filter?: ODataFilter): Promise<ReadingConfirmationRecord[]> {
    const list = await this.directory.resolve('readingConfirmations');
    const items = await readAll(this.client, { list: list.path, columns: READING_CONFIRMATION_COLUMNS, top: 5000, ...(filter ? { filter } : {}) });
    return items.map((raw) => map(raw, list, readingConfirmationFromFields));
  }

  async claimDigestRun(key: string, cutoff: string, now: string, staleBefore: string): Promise<DigestClaim> {
    const list = await this.directory.resolve('readingDigests');
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await this.run(list, key);
      if (!existing) {
        const previousCutoff = await this.cutoffBefore(list, cutoff);
        const run: DigestRun = { key, cutoff, startedAt: now, completedAt: null, sentThrough: null, sent: 0 };
        const out = await bulkCreate(this.client, list.path, [{ key, fields: digestRunToFields(run) }], { keyColumn: 'RunKey', columns: DIGEST_RUN_COLUMNS });
        const raw = out.items.get(key);
        // Another instance created it at the same moment: look again.
        if (!raw || out.created !== 1) continue;
        const { itemId, etag } = readEnvelope(raw, list.spec.displayName);
        this.runItemIds.set(key, itemId);
        return { type: 'claimed', run, etag, previousCutoff };
      }
      const { run, etag, itemId } = existing;
      if (run.completedAt !== null) return { type: 'done', run };
      if (run.startedAt > staleBefore) return { type: 'busy', run };
      // The instance that had it stopped: take it over where it got to; If-Match keeps a second taker out.
      try {
        const taken: DigestRun = { ...run, startedAt: now };
        const body = await this.client.patch<Record<string, unknown>>(`${list.path}/items/${itemId}/fields`, digestRunToFields(taken), { ifMatch: etag });
        return { type: 'claimed', run: taken, etag: String(body['@odata.etag'] ?? ''), previousCutoff: await this.cutoffBefore(list, run.cutoff) };
      } catch (err) {
        if (!(err instanceof GraphConflictError)) throw err;
      }
    }
    const again = await this.run(list, key);
    return again ? { type: again.run.completedAt ? 'done' : 'busy', run: again.run } : { type: 'busy', run: { key, cutoff, startedAt: now, completedAt: null, sentThrough: null, sent: 0 } };
  }

  async saveDigestProgress(run: DigestRun, etag: string): Promise<string | null> {
    const list = await this.directory.resolve('readingDigests');
    const itemId = this.runItemIds.get(run.key) ?? (await this.run(list, run.key))?.itemId;
    if (!itemId) return null;
    try {
      const body = await this.client.patch<Record<string, unknown>>(`${list.path}/items/${itemId}/fields`, digestRunToFields(run), { ifMatch: etag });
      return String(body['@odata.etag'] ?? '');
    } catch (err) {
      if (err instanceof GraphConflictError) return null;
      throw err;
    }
  }

  private async run(list: ResolvedList, key: string): Promise<{ run: DigestRun; etag: string; itemId: string } | null> {
    const page = await readPage(this.client, { list: list.path, columns: DIGEST_RUN_COLUMNS, filter: where.eq('RunKey', key), top: 1 });
    const raw = page.items[0];
    if (!raw) return null;
    const { itemId, etag, fields } = readEnvelope(raw, list.spec.displayName);
    this.runItemIds.set(key, itemId);
    return { run: digestRunFromFields(fields, { list: list.spec.displayName, itemId }), etag, itemId };
  }

  /** The cutoff of the last run before this one: where this run's new entries begin. */
  private async cutoffBefore(list: ResolvedList, cutoff: string): Promise<string | null> {
    const page = await readPage(this.client, { list: list.path, columns: ['Cutoff', 'RunKey'], filter: where.lt('Cutoff', new Date(cutoff)), orderBy: [['Cutoff', 'desc']], top: 1 });
    const fields = page.items[0]?.fields as Record<string, unknown> | undefined;
    return typeof fields?.Cutoff === 'string' ? new Date(fields.Cutoff).toISOString() : null;
  }
}

function map<T>(raw: RawItem, list: ResolvedList, from: (fields: unknown, source: { list: string; itemId: string }) => T): T {
  const { itemId, fields } = readEnvelope(raw, list.spec.displayName);
  return from(fields, { list: list.spec.displayName, itemId });
}

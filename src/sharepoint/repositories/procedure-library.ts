// Procedures and governing documents in 'Prosedyrer' and 'Styringsdokumenter' (issue 8): the file, its versions and the
// workflow's metadata on the library item.
//
// Versions are SharePoint's: in a library with major and minor versions every upload is a draft ('0.1', '1.1') and
// publishing — check-out, then check-in as published — makes the newest draft the next major ('1.0', '2.0'). In a
// library with major versions only (a tenant where nobody turned minor versions on) every upload is a major already;
// the app still records which version was approved, so readers get that one and never a later draft.
//
// Costs: a new document is an upload (one PUT up to 4 MB, a session above), the version list, the item id, the
// metadata and a read back (5 requests); a new version 2 (upload, versions) and the metadata update; publishing 3.
import {
  type ApprovalCardRef,
  ConcurrencyConflict,
  type DocumentContent,
  type DocumentFile,
  type DocumentVersionInfo,
  DuplicateFileName,
  type FeedItem,
  type FeedRound,
  type NewProcedureDocument,
  type ProcedureLibrary,
  type Stored,
} from '../../app/ports/index.js';
import type { DocumentKind, ProcedureDocument, VersionLabel } from '../../domain/index.js';
import { type DeltaItem, type GraphClient, GraphConflictError, GraphFailure, GraphNotFoundError, readListDeltaAs, where } from '../graph/index.js';
import { LIBRARY_OF } from '../mapping/document.js';
import { readEnvelope } from '../mapping/fields.js';
import { PROCEDURE_DOCUMENT_COLUMNS, approvalCardsFromFields, procedureDocumentFromFields, procedureDocumentToFields } from '../mapping/procedure-document.js';
import { safeFileName } from './attachment-store.js';
import { trustedContentUrl } from './content-url.js';
import type { ListDirectory, ResolvedList } from './list-directory.js';
import { readPage } from './list-query.js';
import { RecordList, type RecordListOptions } from './record-list.js';

const KINDS: readonly DocumentKind[] = ['procedure', 'governingDocument'];
/** Graph advises upload sessions above 4 MB. */
const SIMPLE_UPLOAD_MAX = 4 * 1024 * 1024;
/** Session fragments: a multiple of 320 KiB. */
const FRAGMENT_BYTES = 16 * 320 * 1024;

interface DriveItemJson {
  id: string;
  name?: string;
  file?: { mimeType?: string };
}

interface VersionJson {
  id: string;
  size?: number;
  lastModifiedDateTime?: string;
}

export interface ProcedureLibraryOptions extends RecordListOptions {
  /** For upload session fragments (they go to the session's own URL, without our token). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  simpleUploadMaxBytes?: number;
}

export class SharePointProcedureLibrary implements ProcedureLibrary {
  private readonly lists: Record<DocumentKind, RecordList<ProcedureDocument>>;
  private readonly kindOf = new Map<string, DocumentKind>();
  private readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
  private readonly simpleMax: number;
  readonly feed: ProcedureLibrary['feed'];

  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
    options: ProcedureLibraryOptions = {},
  ) {
    const list = (kind: DocumentKind) =>
      new RecordList<ProcedureDocument>(
        client,
        directory,
        LIBRARY_OF[kind],
        { entity: 'Document', columns: PROCEDURE_DOCUMENT_COLUMNS, toFields: procedureDocumentToFields, fromFields: (f, s) => procedureDocumentFromFields(f, s, kind), idOf: (d) => d.id },
        options,
      );
    this.lists = { procedure: list('procedure'), governingDocument: list('governingDocument') };
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.simpleMax = options.simpleUploadMaxBytes ?? SIMPLE_UPLOAD_MAX;
    this.feed = { changes: (token) => this.changes(token) };
  }

  private library(kind: DocumentKind): Promise<ResolvedList> {
    return this.directory.resolve(LIBRARY_OF[kind]);
  }

  async create(doc: NewProcedureDocument, file: DocumentFile, options: { publish?: boolean } = {}): Promise<Stored<ProcedureDocument>> {
    const list = await this.library(doc.kind);
    const name = safeFileName(file.name);
    const address = `${list.path}/drive/root:/${encodeURIComponent(name)}:`;
    let item: DriveItemJson;
    try {
      item = await this.upload(address, file.bytes, 'fail');
    } catch (err) {
      if (err instanceof GraphConflictError || (err instanceof GraphFailure && err.code === 'nameAlreadyExists')) throw new DuplicateFileName(name);
      throw err;
    }
    try {
      if (options.publish) {
        const address = `${list.path}/drive/items/${encodeURIComponent(item.id)}`;
        await this.client.post(`${address}/checkout`, undefined);
        await this.client.post(`${address}/checkin`, { checkInAs: 'published', comment: 'Godkjent' });
      }
      const [latest] = await this.versionsOf(list, item.id);
      const label = latest?.label ?? '0.1';
      const listItem = await this.client.get<{ id: string }>(`${list.path}/drive/items/${encodeURIComponent(item.id)}/listItem`, { query: { $select: 'id' } });
      const published = options.publish
        ? {
            approvedVersion: doc.approvedVersion === null ? null : label,
            readingVersion: doc.readingVersion === null ? null : label,
            approvals: doc.approvals.map((a, i) => (i === 0 && a.outcome === 'approved' ? { ...a, publishedVersion: label } : a)),
          }
        : {};
      const full: ProcedureDocument = { ...doc, ...published, fileName: item.name ?? name, driveItemId: item.id, latestVersion: label };
      const body = await this.client.patch<Record<string, unknown>>(`${list.path}/items/${encodeURIComponent(listItem.id)}/fields`, procedureDocumentToFields(full));
      this.kindOf.set(doc.id, doc.kind);
      // The answer holds every field of the item (FileLeafRef too) and its new ETag: no read back.
      return this.lists[doc.kind].toStored({ id: listItem.id, '@odata.etag': body['@odata.etag'], fields: body }, list);
    } catch (err) {
      // Nothing half written: a file without its metadata is removed again (best effort; it has no RecordId anyway).
      await this.client.delete(`${list.path}/drive/items/${encodeURIComponent(item.id)}`).catch(() => undefined);
      throw err;
    }
  }

  async get(id: string, kind?: DocumentKind): Promise<Stored<ProcedureDocument> | null> {
    const known = kind ?? this.kindOf.get(id);
    for (const k of known ? [known] : KINDS) {
      const stored = await this.lists[k].get(id);
      if (stored) {
        this.kindOf.set(id, k);
        return this.completeLegacy(stored);
      }
    }
    return null;
  }

  /**
   * Rows written before the workflow (the demo's first seed) lack the file's id and version: read them from the drive
   * once and save them, so the next read has them.
   */
  private async completeLegacy(stored: Stored<ProcedureDocument>): Promise<Stored<ProcedureDocument>> {
    const doc = stored.value;
    if (doc.driveItemId !== '' && doc.latestVersion !== '') return stored;
    const list = await this.library(doc.kind);
    const page = await readPage(this.client, { list: list.path, columns: ['RecordId'], filter: where.eq('RecordId', doc.id), top: 1 });
    const itemId = page.items[0]?.id;
    if (typeof itemId !== 'string') return stored;
    const drive = await this.client.get<DriveItemJson>(`${list.path}/items/${encodeURIComponent(itemId)}/driveItem`, { query: { $select: 'id,name' } });
    const versions = await this.versionsOf(list, drive.id);
    const latest = versions[0]?.label ?? '1.0';
    const newestMajor = versions.find((v) => /\.0$/.test(v.label))?.label ?? null;
    const approvedVersion = doc.status === 'approved' || doc.status === 'archived' ? (doc.approvedVersion ?? newestMajor) : doc.approvedVersion;
    const completed: ProcedureDocument = { ...doc, driveItemId: drive.id, fileName: doc.fileName || (drive.name ?? ''), latestVersion: latest, approvedVersion, readingVersion: doc.readingVersion ?? approvedVersion };
    try {
      return await this.update(completed, stored.etag);
    } catch (err) {
      if (err instanceof ConcurrencyConflict) return { value: completed, etag: stored.etag };
      throw err;
    }
  }

  update(next: ProcedureDocument, etag: string): Promise<Stored<ProcedureDocument>> {
    return this.lists[next.kind].update(next, etag);
  }

  async uploadVersion(doc: ProcedureDocument, file: DocumentFile): Promise<VersionLabel> {
    const list = await this.library(doc.kind);
    await this.upload(`${list.path}/drive/items/${encodeURIComponent(doc.driveItemId)}`, file.bytes, 'replace');
    const [latest] = await this.versionsOf(list, doc.driveItemId);
    if (!latest) throw new Error('The new version was stored but the library lists no versions.');
    return latest.label;
  }

  async publish(doc: ProcedureDocument, comment: string | null): Promise<VersionLabel> {
    const list = await this.library(doc.kind);
    const item = `${list.path}/drive/items/${encodeURIComponent(doc.driveItemId)}`;
    await this.client.post(`${item}/checkout`, undefined);
    await this.client.post(`${item}/checkin`, { checkInAs: 'published', comment: comment ?? 'Godkjent i Varde' });
    const [latest] = await this.versionsOf(list, doc.driveItemId);
    if (!latest) throw new Error('The document was published but the library lists no versions.');
    return latest.label;
  }

  async versions(doc: ProcedureDocument): Promise<DocumentVersionInfo[]> {
    return this.versionsOf(await this.library(doc.kind), doc.driveItemId);
  }

  private async versionsOf(list: ResolvedList, driveItemId: string): Promise<DocumentVersionInfo[]> {
    const body = await this.client.get<{ value?: VersionJson[] }>(`${list.path}/drive/items/${encodeURIComponent(driveItemId)}/versions`);
    return (body.value ?? []).map((v) => ({ label: v.id, size: v.size ?? 0, modifiedAt: v.lastModifiedDateTime ?? '' }));
  }

  async content(doc: ProcedureDocument, version: VersionLabel | 'latest'): Promise<DocumentContent | null> {
    if (version !== 'latest' && !/^\d{1,6}\.\d{1,3}$/.test(version)) return null;
    const list = await this.library(doc.kind);
    const item = `${list.path}/drive/items/${encodeURIComponent(doc.driveItemId)}`;
    // The newest version is the file itself; an older one comes from its history (both answer with a redirect to the bytes).
    const current = version === 'latest' || version === doc.latestVersion;
    try {
      const res = await this.client.request<ArrayBuffer>({ path: current ? `${item}/content` : `${item}/versions/${encodeURIComponent(version)}/content`, responseType: 'arrayBuffer' });
      return { name: doc.fileName, contentType: contentTypeOf(doc.fileName), bytes: new Uint8Array(res.body) };
    } catch (err) {
      if (err instanceof GraphNotFoundError || (err instanceof GraphFailure && err.status === 404)) return null;
      throw err;
    }
  }

  async all(): Promise<ProcedureDocument[]> {
    const out: ProcedureDocument[] = [];
    for (const kind of KINDS) out.push(...(await this.lists[kind].all(where.ne('RecordId', null))));
    return out;
  }

  async approvalCards(id: string): Promise<ApprovalCardRef[]> {
    const found = await this.itemOf(id);
    if (!found) return [];
    const raw = await this.client.get<{ fields?: Record<string, unknown> }>(`${found.list.path}/items/${encodeURIComponent(found.itemId)}`, { query: { $expand: 'fields($select=ApprovalCards)' } });
    return approvalCardsFromFields(raw.fields ?? {});
  }

  /** Last writer wins: the refs only grow while a document waits, and are cleared after the decision. */
  async saveApprovalCards(id: string, refs: readonly ApprovalCardRef[]): Promise<void> {
    const found = await this.itemOf(id);
    if (!found) return;
    await this.client.patch(`${found.list.path}/items/${encodeURIComponent(found.itemId)}/fields`, { ApprovalCards: refs.length === 0 ? null : JSON.stringify(refs) });
  }

  private async itemOf(id: string): Promise<{ list: ResolvedList; itemId: string } | null> {
    const known = this.kindOf.get(id);
    for (const kind of known ? [known] : KINDS) {
      const list = await this.library(kind);
      const page = await readPage(this.client, { list: list.path, columns: ['RecordId'], filter: where.eq('RecordId', id), top: 1 });
      const itemId = page.items[0]?.id;
      if (typeof itemId === 'string') return { list, itemId };
    }
    return null;
  }

  /** One delta round over both libraries; the token holds both links. A refused link starts both over ('full'). */
  private async changes(token: string | null): Promise<FeedRound<ProcedureDocument>> {
    const links = parseToken(token);
    const rounds = await Promise.all(KINDS.map(async (kind) => ({ kind, round: await this.delta(kind, links?.[kind]) })));
    if (links && rounds.some((r) => r.round.kind === 'resync')) return this.changes(null);
    const changed: FeedItem<ProcedureDocument>[] = [];
    const deleted: string[] = [];
    const next: Record<string, string> = {};
    for (const { kind, round } of rounds) {
      next[kind] = round.deltaLink;
      changed.push(...round.changed);
      // Item ids are per list: prefix them with the library, as changed items are.
      deleted.push(...round.deleted.map((id) => `${kind}:${id}`));
    }
    return { kind: links ? 'changes' : 'full', changed, deletedItemIds: deleted, token: JSON.stringify(next) };
  }

  private async delta(kind: DocumentKind, deltaLink: string | undefined) {
    const list = await this.library(kind);
    return readListDeltaAs<DeltaItem, FeedItem<ProcedureDocument>>(
      this.client,
      { list: list.path, fields: PROCEDURE_DOCUMENT_COLUMNS, select: ['id'], top: 5000, ...(deltaLink ? { deltaLink } : {}) },
      (item) => {
        const itemId = `${kind}:${item.id}`;
        // Files people put in the library by hand (no RecordId) and rows that do not map are not Varde's documents.
        if (!item.fields || typeof item.fields.RecordId !== 'string') return { itemId, value: null };
        try {
          const { fields } = readEnvelope({ id: item.id, '@odata.etag': 'delta', fields: item.fields }, list.spec.displayName);
          const value = procedureDocumentFromFields(fields, { list: list.spec.displayName, itemId: item.id }, kind);
          this.kindOf.set(value.id, kind);
          return { itemId, value };
        } catch {
          return { itemId, value: null };
        }
      },
    );
  }

  /** A PUT up to the simple-upload limit, an upload session above; `conflict` as Graph's conflictBehavior. */
  private async upload(address: string, bytes: Uint8Array, conflict: 'fail' | 'replace'): Promise<DriveItemJson> {
    const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length <= this.simpleMax) {
      return this.client.put<DriveItemJson>(`${address}/content?@microsoft.graph.conflictBehavior=${conflict}`, body, { headers: { 'Content-Type': 'application/octet-stream' } });
    }
    const session = await this.client.post<{ uploadUrl?: unknown }>(`${address}/createUploadSession`, { item: { '@microsoft.graph.conflictBehavior': conflict } });
    const uploadUrl = typeof session.uploadUrl === 'string' ? session.uploadUrl : '';
    if (!trustedContentUrl(uploadUrl, this.client.baseUrl)) throw new Error('Graph gave no usable upload URL.');
    for (let offset = 0; offset < bytes.length; ) {
      const end = Math.min(offset + FRAGMENT_BYTES, bytes.length) - 1;
      const res = await this.fetch(uploadUrl, {
        method: 'PUT',
        headers: { 'Content-Range': `bytes ${offset}-${end}/${bytes.length}`, 'Content-Type': 'application/octet-stream' },
        body: bytes.slice(offset, end + 1),
        signal: AbortSignal.timeout(60_000),
        redirect: 'error',
      });
      if (res.status === 200 || res.status === 201) return (await res.json()) as DriveItemJson;
      if (res.status !== 202) {
        await res.body?.cancel().catch(() => undefined);
        await this.fetch(uploadUrl, { method: 'DELETE', signal: AbortSignal.timeout(10_000), redirect: 'error' }).then((r) => r.body?.cancel(), () => undefined);
        // A name taken while the session ran is the same refusal as a PUT's.
        if (res.status === 409) throw new GraphConflictError({ status: 409, code: 'nameAlreadyExists', method: 'PUT', path: '/uploadSession' });
        throw new Error(`The upload session refused a fragment (${res.status}).`);
      }
      await res.body?.cancel().catch(() => undefined);
      offset = end + 1;
    }
    throw new Error('The upload session ended without the file.');
  }
}

function parseToken(token: string | null): Partial<Record<DocumentKind, string>> | null {
  if (token === null) return null;
  try {
    const parsed = JSON.parse(token) as Record<string, unknown>;
    const out: Partial<Record<DocumentKind, string>> = {};
    for (const kind of KINDS) if (typeof parsed[kind] === 'string') out[kind] = parsed[kind];
    return out;
  } catch {
    return null;
  }
}

/** The two types the libraries take, by the name the upload was checked under. */
export function contentTypeOf(fileName: string): string {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.pdf')) return 'application/pdf';
  if (lower.endsWith('.docx')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return 'application/octet-stream';
}

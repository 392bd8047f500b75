// Case files in the 'Vedlegg' library (a whistleblowing report's in 'Varslingsvedlegg' in the confidential site): one
// folder per case number, each file's list item linked to its case by the indexed CaseId column.
//
// A save costs three requests for a file up to 4 MB (the upload, the file's list item id, the CaseId); a larger file
// goes through an upload session (one POST, then 5 MiB fragments to the session's own pre-authenticated URL, which
// gets no Graph token). Listing costs one indexed query and one $batch per 20 files.
import { AttachmentRejected, type AttachmentStore, type CaseFileTarget, type NewCaseFile, type StoredCaseFile } from '../../app/ports/index.js';
import type { CaseRoute } from '../../domain/index.js';
import { type GraphClient, GraphFailure, GraphRequestError, collectAll, runBatch, where } from '../graph/index.js';
import { trustedContentUrl } from './content-url.js';
import type { ListDirectory } from './list-directory.js';

const LIBRARY_OF: Readonly<Record<CaseRoute, string>> = { ordinary: 'attachments', confidential: 'whistleblowingAttachments' };

/** Graph's limit for a simple upload (PUT …/content) is 250 MB, but it advises sessions above 4 MB. */
const SIMPLE_UPLOAD_MAX = 4 * 1024 * 1024;
/** Fragments must be multiples of 320 KiB (and under 60 MiB): 16 × 320 KiB = 5 MiB. */
const FRAGMENT_UNIT = 320 * 1024;
const FRAGMENT_BYTES = 16 * FRAGMENT_UNIT;
/** Tries per fragment for lost connections and 5xx/429 from the upload URL, resuming where the session says. */
const FRAGMENT_TRIES = 4;

const CASE_ID = /^[A-Za-z0-9-]{1,64}$/;
const CASE_NUMBER = /^[A-Z]{2}-\d{4}-\d{5,}$/;

export interface AttachmentStoreOptions {
  /** For the upload session's fragments (they go to the session's URL, not through the Graph client). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Files up to this size are sent in one PUT; default 4 MB. */
  simpleUploadMaxBytes?: number;
  /** Fragment size of upload sessions; rounded down to a multiple of 320 KiB. Default 5 MiB. */
  fragmentBytes?: number;
  /** One fragment's time limit; default 60 s. */
  fragmentTimeoutMs?: number;
}

interface DriveItemJson {
  id: string;
  name: string;
  size?: number;
  webUrl?: string;
  file?: { mimeType?: string };
  '@microsoft.graph.downloadUrl'?: string;
}

export class SharePointAttachmentStore implements AttachmentStore {
  private readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
  private readonly simpleMax: number;
  private readonly fragment: number;
  private readonly fragmentTimeoutMs: number;

  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
    options: AttachmentStoreOptions = {},
  ) {
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.simpleMax = options.simpleUploadMaxBytes ?? SIMPLE_UPLOAD_MAX;
    this.fragment = Math.max(FRAGMENT_UNIT, Math.floor((options.fragmentBytes ?? FRAGMENT_BYTES) / FRAGMENT_UNIT) * FRAGMENT_UNIT);
    this.fragmentTimeoutMs = options.fragmentTimeoutMs ?? 60_000;
  }

  async save(target: CaseFileTarget, file: NewCaseFile): Promise<StoredCaseFile> {
    if (!CASE_ID.test(target.caseId) || !CASE_NUMBER.test(target.caseNumber)) throw new Error('An attachment needs a case id and a case number of the usual form.');
    if (file.bytes.length === 0) throw new AttachmentRejected('empty');
    const list = await this.directory.resolve(LIBRARY_OF[target.route]);
    const name = safeFileName(file.name);
    // Replace, not rename: a retry after a lost answer must not leave a second copy.
    const address = `${list.path}/drive/root:/${encodeURIComponent(target.caseNumber)}/${encodeURIComponent(name)}:`;
    try {
      const item = file.bytes.length <= this.simpleMax ? await this.simpleUpload(address, file) : await this.sessionUpload(address, file);
      const listItem = await this.client.get<{ id: string }>(`${list.path}/drive/items/${encodeURIComponent(item.id)}/listItem`, { query: { $select: 'id' } });
      await this.client.patch(`${list.path}/items/${encodeURIComponent(listItem.id)}/fields`, { CaseId: target.caseId });
      return toStored(item, file.contentType, file.bytes.length);
    } catch (err) {
      throw rejectedOrSame(err);
    }
  }

  async list(caseId: string, route: CaseRoute = 'ordinary'): Promise<StoredCaseFile[]> {
    if (!CASE_ID.test(caseId)) return [];
    const list = await this.directory.resolve(LIBRARY_OF[route]);
    const items = await collectAll<{ id: string }>(this.client, {
      path: `${list.path}/items`,
      query: { $select: 'id', $expand: 'fields($select=CaseId)', $top: 200 },
      filter: where.eq('CaseId', caseId),
    });
    const answers = await runBatch<DriveItemJson>(
      this.client,
      items.map((i) => ({ method: 'GET', url: `${list.path}/items/${encodeURIComponent(i.id)}/driveItem?$select=id,name,size,webUrl,file` })),
    );
    const files: StoredCaseFile[] = [];
    for (const answer of answers) {
      // A list item without a file (a folder someone made by hand) is not an attachment.
      if (answer.ok && answer.body.file) files.push(toStored(answer.body));
      else if (!answer.ok && answer.status !== 404) throw answer.error;
    }
    return files.sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  }

  async read(caseId: string, route: CaseRoute, fileId: string): Promise<{ file: StoredCaseFile; bytes: Uint8Array } | null> {
    if (!CASE_ID.test(caseId) || !/^[A-Za-z0-9!._-]{1,200}$/.test(fileId)) return null;
    const list = await this.directory.resolve(LIBRARY_OF[route]);
    let item: DriveItemJson & { listItem?: { fields?: { CaseId?: unknown } } };
    try {
      item = await this.client.get(`${list.path}/drive/items/${encodeURIComponent(fileId)}`, {
        // No $select: Graph includes the short-lived download URL in a plain read of a file.
        query: { $expand: 'listItem($expand=fields($select=CaseId))' },
      });
    } catch (err) {
      if (err instanceof GraphFailure && err.status === 404) return null;
      throw err;
    }
    // Only a file linked to this very case: an id from a browser could name any file in the library.
    if (item.listItem?.fields?.CaseId !== caseId || !item.file) return null;
    const url = item['@microsoft.graph.downloadUrl'];
    if (!url || !trustedContentUrl(url, this.client.baseUrl)) throw new Error('Graph gave no usable download URL for the file.');
    // Pre-authenticated and short-lived: fetched at once, without our token.
    const res = await this.fetch(url, { signal: AbortSignal.timeout(this.fragmentTimeoutMs), redirect: 'error' });
    if (!res.ok) throw new Error(`The file's download answered ${res.status}.`);
    return { file: toStored(item), bytes: new Uint8Array(await res.arrayBuffer()) };
  }

  private async simpleUpload(address: string, file: NewCaseFile): Promise<DriveItemJson> {
    return this.client.put<DriveItemJson>(`${address}/content?@microsoft.graph.conflictBehavior=replace`, Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength), {
      headers: { 'Content-Type': 'application/octet-stream' },
    });
  }

  /** A resumable upload: fragments in order, resuming from the session's nextExpectedRanges after a lost one. */
  private async sessionUpload(address: string, file: NewCaseFile): Promise<DriveItemJson> {
    const session = await this.client.post<{ uploadUrl?: unknown }>(`${address}/createUploadSession`, { item: { '@microsoft.graph.conflictBehavior': 'replace' } });
    const uploadUrl = typeof session.uploadUrl === 'string' ? session.uploadUrl : '';
    if (!trustedContentUrl(uploadUrl, this.client.baseUrl)) throw new Error('Graph gave no usable upload URL.');
    const total = file.bytes.length;
    let offset = 0;
    let failures = 0;
    try {
      for (;;) {
        const end = Math.min(offset + this.fragment, total) - 1;
        let res: Response | null = null;
        try {
          res = await this.fetch(uploadUrl, {
            method: 'PUT',
            headers: { 'Content-Range': `bytes ${offset}-${end}/${total}`, 'Content-Type': 'application/octet-stream' },
            body: file.bytes.slice(offset, end + 1),
            signal: AbortSignal.timeout(this.fragmentTimeoutMs),
            redirect: 'error',
          });
        } catch {
          res = null;
        }
        if (res && (res.status === 200 || res.status === 201)) return (await res.json()) as DriveItemJson;
        if (res && res.status === 202) {
          const next = nextStart((await res.json().catch(() => ({}))) as { nextExpectedRanges?: unknown });
          offset = next ?? end + 1;
          failures = 0;
          continue;
        }
        await res?.body?.cancel().catch(() => undefined);
        if (res && res.status !== 416 && res.status < 500 && res.status !== 429 && res.status !== 408) {
          throw new GraphRequestError({ status: res.status, code: 'uploadFragmentRefused', method: 'PUT', path: '/uploadSession' });
        }
        if (++failures >= FRAGMENT_TRIES) throw new Error(`The upload session kept failing (${res?.status ?? 'no answer'}).`);
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** failures));
        // Where the session stands now: the lost fragment may have landed.
        offset = (await this.resumeAt(uploadUrl)) ?? offset;
      }
    } catch (err) {
      // Best effort: an abandoned session expires by itself anyway.
      await this.fetch(uploadUrl, { method: 'DELETE', signal: AbortSignal.timeout(10_000), redirect: 'error' }).then((r) => r.body?.cancel(), () => undefined);
      throw err;
    }
  }

  private async resumeAt(uploadUrl: string): Promise<number | null> {
    try {
      const res = await this.fetch(uploadUrl, { method: 'GET', signal: AbortSignal.timeout(10_000), redirect: 'error' });
      if (!res.ok) return null;
      return nextStart((await res.json()) as { nextExpectedRanges?: unknown });
    } catch {
      return null;
    }
  }
}

function toStored(item: DriveItemJson, contentType?: string, size?: number): StoredCaseFile {
  return {
    id: item.id,
    name: item.name,
    contentType: item.file?.mimeType ?? contentType ?? 'application/octet-stream',
    size: typeof item.size === 'number' ? item.size : (size ?? 0),
    webUrl: item.webUrl ?? '',
  };
}

/** The first byte the session still expects ("12345-" or "12345-67890"), or null when it says nothing usable. */
function nextStart(body: { nextExpectedRanges?: unknown }): number | null {
  const first = Array.isArray(body.nextExpectedRanges) ? body.nextExpectedRanges[0] : undefined;
  const m = typeof first === 'string' ? /^(\d+)-/.exec(first) : null;
  return m ? Number(m[1]) : null;
}

/** A refusal the store will repeat (a name or size SharePoint will not take) becomes AttachmentRejected; the rest may be retried. */
function rejectedOrSame(err: unknown): unknown {
  if (err instanceof GraphFailure && [400, 403, 413, 415].includes(err.status)) return new AttachmentRejected(`${err.status} ${err.code}`);
  return err;
}

// SharePoint's rules for names: none of " * : < > ? / \ | (and # % make poor URLs), no leading ~ or dot, no trailing
// dot or space, none of the reserved device names, and paths under 400 characters (names kept to 120 here).
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d|desktop\.ini|\.lock)$/i;
const MAX_NAME = 120;

/** A name SharePoint accepts, as close to the original as its rules allow. */
export function safeFileName(raw: string): string {
  let name = raw
    .normalize('NFC')
    // Control characters are never part of a file name (SharePoint refuses them too).
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"*:<>?/\\|#%]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[~.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .replace(/_vti_/gi, 'vti_');
  if (name === '') return 'vedlegg';
  const dot = name.lastIndexOf('.');
  if (RESERVED.test(dot > 0 ? name.slice(0, dot) : name) || RESERVED.test(name)) name = `fil-${name}`;
  if (name.length > MAX_NAME) {
    const at = name.lastIndexOf('.');
    const ext = at > 0 && name.length - at <= 10 ? name.slice(at) : '';
    name = `${name.slice(0, MAX_NAME - ext.length).trimEnd()}${ext}`;
  }
  return name;
}

// Files people send the bot in a personal chat: fetched from Teams while the message is handled, under an SSRF guard,
// a size limit and a type allow-list, so the app only ever sees bytes it may keep (or the reason it may not).
//
// Teams gives two kinds (learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4, …/agents-inline-images):
// - a file: `application/vnd.microsoft.teams.file.download.info` with `content.downloadUrl`, a short-lived,
//   pre-authenticated link into the sender's OneDrive (`*.sharepoint.com`): fetched without any token;
// - a pasted image: `image/*` with `contentUrl` on the Bot Connector (`smba.trafficmanager.net/…/v3/attachments/…`),
//   which wants the bot's own token: sent only to the hosts the bot already trusts with it (Teams' endpoints).
// The URLs come from the signed activity, never from card data, and every redirect is checked like the first URL.
import type { IncomingAttachment } from '../src/app/conversation/types.js';
import type { BotLog } from './adapter.js';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** A file named in an activity, not yet fetched. */
export interface FileCandidate {
  /** As Teams named it ('' for a pasted image). */
  readonly name: string;
  /** The file's extension as Teams gives it (file download info), or the attachment's MIME type ('image/png', 'image/*'). */
  readonly declared: string;
  readonly url: string;
  /** 'bot': a Bot Connector URL that needs the bot's token; 'none': pre-authenticated. */
  readonly auth: 'none' | 'bot';
}

/** Where file URLs may point (the SSRF guard): checked for the first URL and for every redirect. */
export interface FileSources {
  /** Hosts a pre-authenticated file link may be fetched from. */
  download(url: URL): boolean;
  /** Hosts that may receive the bot's own token (only for candidates that need it). */
  withToken(url: URL): boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const plainUrl = (u: URL) => u.username === '' && u.password === '';
const defaultHttpsPort = (u: URL) => u.protocol === 'https:' && (u.port === '' || u.port === '443');

/** In Teams: files from SharePoint/OneDrive (`*.sharepoint.com`), images from the Bot Connector; https only, default port. */
export const teamsFileSources: FileSources = {
  download: (u) => defaultHttpsPort(u) && plainUrl(u) && u.hostname.endsWith('.sharepoint.com') && u.hostname.length > '.sharepoint.com'.length,
  withToken: (u) =>
    defaultHttpsPort(u) && plainUrl(u) && (u.hostname === 'smba.trafficmanager.net' || u.hostname.endsWith('.botframework.com') || u.hostname.endsWith('.teams.microsoft.com')),
};

/** Locally (the emulator plays Microsoft, a test's file server plays Teams): this machine only. */
export const localFileSources: FileSources = {
  download: (u) => (u.protocol === 'http:' || u.protocol === 'https:') && plainUrl(u) && LOOPBACK.has(u.hostname),
  withToken: (u) => (u.protocol === 'http:' || u.protocol === 'https:') && plainUrl(u) && LOOPBACK.has(u.hostname),
};

export interface FileFetchOptions {
  sources: FileSources;
  /** Largest file taken; default 25 MB. */
  maxBytes?: number;
  /** Files taken from one message (the rest are refused as 'tooMany'); default 10. */
  maxFiles?: number;
  /** One file's limit, redirects and body included; default 20 s. */
  timeoutMs?: number;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  log?: BotLog;
}

export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;
const MAX_REDIRECTS = 3;

/** What Varde keeps: images, PDF, Office (and OpenDocument) documents, plain text. No macros, scripts, SVG or archives. */
type Kind = 'jpeg' | 'png' | 'gif' | 'webp' | 'heic' | 'pdf' | 'zip' | 'ole' | 'text';

const BY_EXTENSION: Readonly<Record<string, { mime: string; kind: Kind }>> = {
  jpg: { mime: 'image/jpeg', kind: 'jpeg' },
  jpeg: { mime: 'image/jpeg', kind: 'jpeg' },
  png: { mime: 'image/png', kind: 'png' },
  gif: { mime: 'image/gif', kind: 'gif' },
  webp: { mime: 'image/webp', kind: 'webp' },
  heic: { mime: 'image/heic', kind: 'heic' },
  heif: { mime: 'image/heif', kind: 'heic' },
  pdf: { mime: 'application/pdf', kind: 'pdf' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'zip' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'zip' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', kind: 'zip' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', kind: 'zip' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', kind: 'zip' },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', kind: 'zip' },
  doc: { mime: 'application/msword', kind: 'ole' },
  xls: { mime: 'application/vnd.ms-excel', kind: 'ole' },
  ppt: { mime: 'application/vnd.ms-powerpoint', kind: 'ole' },
  txt: { mime: 'text/plain', kind: 'text' },
  csv: { mime: 'text/csv', kind: 'text' },
};

const IMAGE_BY_KIND: Readonly<Partial<Record<Kind, { mime: string; ext: string }>>> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  gif: { mime: 'image/gif', ext: 'gif' },
  webp: { mime: 'image/webp', ext: 'webp' },
  heic: { mime: 'image/heic', ext: 'heic' },
};

const extensionOf = (name: string) => (/\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1] ?? '').toLowerCase();

/** What the bytes are, by their first bytes; null for anything else. */
export function sniff(b: Uint8Array): Exclude<Kind, 'text'> | null {
  const at = (offset: number, ...bytes: number[]) => bytes.every((x, i) => b[offset + i] === x);
  const ascii = (offset: number, s: string) => at(offset, ...[...s].map((c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
  if (ascii(4, 'ftyp') && ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].some((brand) => ascii(8, brand))) return 'heic';
  if (ascii(0, '%PDF-')) return 'pdf';
  if (at(0, 0x50, 0x4b, 0x03, 0x04)) return 'zip';
  if (at(0, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  return null;
}

/** Plain text: no NUL and hardly any other control characters in the first 64 KB. */
export function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i] as number;
    if (c === 0) return false;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  return control <= n / 100;
}

/** Which candidates an activity names: Teams files and pasted images; cards, the text's HTML copy and the rest are not files. */
export function fileCandidatesOf(attachments: readonly { contentType?: string; contentUrl?: string; name?: string; content?: unknown }[]): FileCandidate[] {
  const out: FileCandidate[] = [];
  for (const a of attachments) {
    if (a.contentType === FILE_DOWNLOAD_INFO) {
      const content = (a.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
      if (typeof content.downloadUrl !== 'string') continue;
      const name = typeof a.name === 'string' ? a.name : '';
      out.push({ name, declared: typeof content.fileType === 'string' && content.fileType !== '' ? content.fileType.toLowerCase() : extensionOf(name), url: content.downloadUrl, auth: 'none' });
    } else if (typeof a.contentType === 'string' && a.contentType.toLowerCase().startsWith('image/') && typeof a.contentUrl === 'string') {
      out.push({ name: typeof a.name === 'string' ? a.name : '', declared: a.contentType.toLowerCase(), url: a.contentUrl, auth: 'bot' });
    }
  }
  return out;
}

/** The type a candidate says it has, if Varde takes it: known before any byte is fetched. */
function expectedType(c: FileCandidate): { kind: Kind | 'image'; mime: string | null } | null {
  if (c.declared.startsWith('image/')) {
    if (c.declared === 'image/*') return { kind: 'image', mime: null };
    const known = Object.values(BY_EXTENSION).find((t) => t.mime === c.declared || (c.declared === 'image/jpg' && t.kind === 'jpeg'));
    return known && known.mime.startsWith('image/') ? { kind: known.kind, mime: known.mime } : null;
  }
  const byExtension = BY_EXTENSION[c.declared] ?? BY_EXTENSION[extensionOf(c.name)];
  return byExtension ? { kind: byExtension.kind, mime: byExtension.mime } : null;
}

/**
 * Fetches each candidate (at most `maxFiles`, side by side) and checks what arrived. Never throws: a file that cannot
 * be taken becomes a refusal with its reason, so the message (and the report) goes on without it.
 */
export async function fetchFiles(candidates: readonly FileCandidate[], authorization: () => Promise<string | null>, options: FileFetchOptions): Promise<IncomingAttachment[]> {
  const maxFiles = options.maxFiles ?? 10;
  const taken = candidates.slice(0, maxFiles);
  const fetched = await Promise.all(taken.map((c) => fetchFile(c, authorization, options)));
  const extra = candidates.slice(maxFiles).map((c): IncomingAttachment => ({ status: 'refused', name: c.name || 'bilde', reason: 'tooMany' }));
  return [...fetched, ...extra];
}

export async function fetchFile(c: FileCandidate, authorization: () => Promise<string | null>, options: FileFetchOptions): Promise<IncomingAttachment> {
  const log = options.log ?? (() => {});
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const refuse = (reason: 'tooLarge' | 'notAllowed' | 'unavailable', code: string): IncomingAttachment => {
    log('bot.fileRefused', { reason, code });
    return { status: 'refused', name: c.name || 'bilde', reason, ...(reason === 'tooLarge' ? { limitBytes: maxBytes } : {}) };
  };

  const expected = expectedType(c);
  if (!expected) return refuse('notAllowed', 'declaredType');

  const got = await download(c, authorization, options, maxBytes);
  if (!got.ok) return refuse(got.reason, got.code);
  const bytes = got.bytes;
  if (bytes.length === 0) return refuse('unavailable', 'empty');

  // The bytes must be what the name or Teams said: a renamed program is not a PDF.
  const actual = sniff(bytes);
  if (expected.kind === 'image') {
    const image = actual ? IMAGE_BY_KIND[actual] : undefined;
    if (!image) return refuse('notAllowed', 'content');
    return { status: 'received', name: withExtension(c.name || 'bilde', image.ext), contentType: image.mime, bytes };
  }
  const matches = expected.kind === 'text' ? actual === null && looksLikeText(bytes) : actual === expected.kind;
  if (!matches || expected.mime === null) return refuse('notAllowed', 'content');
  const ext = Object.entries(BY_EXTENSION).find(([, t]) => t.mime === expected.mime)?.[0] ?? '';
  return { status: 'received', name: withExtension(c.name || 'fil', ext), contentType: expected.mime, bytes };
}

/** The name, ending in an extension of its type (a pasted image has none, a file may have lost its own). */
function withExtension(name: string, ext: string): string {
  const current = extensionOf(name);
  const same = current === ext || BY_EXTENSION[current]?.mime === BY_EXTENSION[ext]?.mime;
  return ext === '' || same ? name : `${name}.${ext}`;
}

type Downloaded = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'tooLarge' | 'unavailable'; code: string };

async function download(c: FileCandidate, authorization: () => Promise<string | null>, options: FileFetchOptions, maxBytes: number): Promise<Downloaded> {
  const doFetch = options.fetch ?? ((url, init) => fetch(url, init));
  const signal = AbortSignal.timeout(options.timeoutMs ?? 20_000);
  let url: URL;
  try {
    url = new URL(c.url);
  } catch {
    return { ok: false, reason: 'unavailable', code: 'badUrl' };
  }
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const token = c.auth === 'bot' && options.sources.withToken(url);
      if (!token && !options.sources.download(url)) return { ok: false, reason: 'unavailable', code: hop === 0 ? 'hostRefused' : 'redirectRefused' };
      const headers: Record<string, string> = {};
      if (token) {
        const value = await authorization();
        if (value) headers.authorization = value;
      }
      const res = await doFetch(url.href, { headers, redirect: 'manual', signal });
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel().catch(() => undefined);
        const location = res.headers.get('location');
        if (!location) return { ok: false, reason: 'unavailable', code: 'redirectWithoutLocation' };
        url = new URL(location, url);
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        return { ok: false, reason: 'unavailable', code: `status${res.status}` };
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        return { ok: false, reason: 'tooLarge', code: 'contentLength' };
      }
      return await readLimited(res, maxBytes, signal);
    }
    return { ok: false, reason: 'unavailable', code: 'tooManyRedirects' };
  } catch (err) {
    return { ok: false, reason: 'unavailable', code: err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError') ? 'timeout' : 'network' };
  }
}

/**
 * The body, counted as it arrives: a server that lies about its length is cut off at the limit, and one that stalls
 * is cut off at the deadline (whether or not the fetch underneath ties its body to the signal).
 */
async function readLimited(res: Response, maxBytes: number, signal: AbortSignal): Promise<Downloaded> {
  if (!res.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = res.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // A cancelled read ends as `done`: only the signal tells a deadline from the end of the file.
      if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'tooLarge', code: 'body' };
      }
      chunks.push(value);
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

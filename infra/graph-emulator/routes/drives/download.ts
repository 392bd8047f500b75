// Pre-authenticated download URLs (`@microsoft.graph.downloadUrl`, the 302 of …/content): signed, expiring, served without a token, with Range.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { downloadUrlExpired, itemNotFound, rangeNotSatisfiable } from '../../errors.js';
import type { EmulatorRequest, EmulatorResponse } from '../../request.js';
import type { Router } from '../../router.js';
import type { EmulatorContext } from '../../server.js';
import { blobExists, blobSize, readBlob } from '../../store/blobs.js';
import { getMeta, setMeta } from '../../store/database.js';
import { mimeTypeOf } from './mime-types.js';

/** SharePoint's download URLs carry a tempauth token that lasts about an hour. */
export const DOWNLOAD_URL_LIFETIME_MS = 60 * 60 * 1000;

interface TokenBody {
  /** The content's sha256: a URL keeps serving what the file held when it was handed out. */
  b: string;
  /** File name, for Content-Type and Content-Disposition. */
  n: string;
  /** Expiry, epoch milliseconds. */
  e: number;
}

/** The signing key lives in the database, so URLs handed out survive a restart (and die with a reset). */
function signingKey(ctx: EmulatorContext): Buffer {
  let key = getMeta(ctx.db, 'download-url-key');
  if (!key) {
    key = randomBytes(32).toString('base64url');
    setMeta(ctx.db, 'download-url-key', key);
  }
  return Buffer.from(key, 'base64url');
}

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest().subarray(0, 18).toString('base64url');

export function downloadUrl(ctx: EmulatorContext, blob: string, name: string): string {
  const payload = Buffer.from(JSON.stringify({ b: blob, n: name, e: Date.now() + DOWNLOAD_URL_LIFETIME_MS } satisfies TokenBody)).toString('base64url');
  return `${ctx.origin()}/_content/download/${payload}.${sign(signingKey(ctx), payload)}`;
}

/** A 302 to a fresh download URL, as GET …/content answers. */
export function redirectToContent(ctx: EmulatorContext, blob: string, name: string): EmulatorResponse {
  return { status: 302, headers: { Location: downloadUrl(ctx, blob, name) } };
}

function readToken(ctx: EmulatorContext, token: string): TokenBody {
  const [payload = '', mac = ''] = token.split('.');
  const expected = Buffer.from(sign(signingKey(ctx), payload));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw downloadUrlExpired();
  const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenBody;
  if (typeof body.e !== 'number' || body.e <= Date.now()) throw downloadUrlExpired();
  return body;
}

/**
 * One `bytes=a-b`, `bytes=a-` or `bytes=-n` range. Several ranges, or a header that does not parse, are
 * ignored and the whole file is sent, which RFC 9110 allows; a range that starts past the end is a 416.
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) throw rangeNotSatisfiable(size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) throw rangeNotSatisfiable(size);
  return { start, end };
}

export function registerDownloadRoute(r: Router, ctx: EmulatorContext): void {
  r.add('GET', '/_content/download/:token', 1, async (req: EmulatorRequest, params) => {
    const token = readToken(ctx, params.token ?? '');
    if (!blobExists(ctx.blobDir, token.b)) throw itemNotFound('The file is no longer there.');
    const size = blobSize(ctx.blobDir, token.b);
    const headers: Record<string, string> = {
      'Content-Type': mimeTypeOf(token.n),
      'Accept-Ranges': 'bytes',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(token.n)}`,
    };
    const range = parseRange(req.headers.range, size);
    if (!range) return { status: 200, headers, body: await readBlob(ctx.blobDir, token.b) };
    return {
      status: 206,
      headers: { ...headers, 'Content-Range': `bytes ${range.start}-${range.end}/${size}` },
      body: await readBlob(ctx.blobDir, token.b, range),
    };
  });
}

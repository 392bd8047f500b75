// File contents of drive items on disk: content-addressed by sha256, written to a temp file and renamed, never stored twice.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface BlobInfo {
  sha256: string;
  size: number;
  /** SharePoint's only content hash (driveItem.file.hashes.quickXorHash), base64. */
  quickXorHash: string;
}

const SHA256 = /^[0-9a-f]{64}$/;
const SESSION_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function blobPath(blobDir: string, sha256: string): string {
  // Only a hash ever becomes a path, so no client text can reach the file system.
  if (!SHA256.test(sha256)) throw new Error(`not a blob key: ${sha256}`);
  return join(blobDir, sha256.slice(0, 2), sha256);
}

/** Where an upload session keeps the bytes received so far. */
export function partPath(blobDir: string, sessionId: string): string {
  if (!SESSION_ID.test(sessionId)) throw new Error(`not an upload session id: ${sessionId}`);
  return join(blobDir, 'uploads', `${sessionId}.part`);
}

// Blobs written but not yet referenced by a committed row: collection must not take them in between.
const pinned = new Map<string, number>();
export function unpin(sha256: string): void {
  const n = (pinned.get(sha256) ?? 1) - 1;
  if (n <= 0) pinned.delete(sha256);
  else pinned.set(sha256, n);
}
function pin(sha256: string): void {
  pinned.set(sha256, (pinned.get(sha256) ?? 0) + 1);
}

/** Stores a buffer; the caller must `unpin` once the row that refers to it is committed (or has failed). */
export async function putBuffer(blobDir: string, data: Buffer): Promise<BlobInfo> {
  const sha256 = createHash('sha256').update(data).digest('hex');
  const info: BlobInfo = { sha256, size: data.length, quickXorHash: new QuickXorHash().update(data).digest() };
  pin(sha256);
  try {
    const final = blobPath(blobDir, sha256);
    if (existsSync(final)) return info;
    const tmp = await tempFile(blobDir);
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(data);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await mkdir(dirname(final), { recursive: true });
    await rename(tmp, final);
    return info;
  } catch (err) {
    unpin(sha256);
    throw err;
  }
}

/** Moves a finished upload's part file into the store (or drops it when the same content is there); pins like putBuffer. */
export async function putFile(blobDir: string, file: string, size: number): Promise<BlobInfo> {
  const sha = createHash('sha256');
  const xor = new QuickXorHash();
  let seen = 0;
  // The part file may be longer than the upload if a fragment was written but not acknowledged before a crash.
  if (size > 0) {
    for await (const chunk of createReadStream(file, { end: size - 1, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      sha.update(chunk);
      xor.update(chunk);
      seen += chunk.length;
    }
  }
  if (seen !== size) throw new Error(`upload part ${file} holds ${seen} of ${size} bytes`);
  const sha256 = sha.digest('hex');
  pin(sha256);
  try {
    const final = blobPath(blobDir, sha256);
    if (existsSync(final)) {
      await rm(file, { force: true });
    } else {
      const fh = await open(file, 'r+');
      try {
        await fh.truncate(size);
        await fh.datasync();
      } finally {
        await fh.close();
      }
      await mkdir(dirname(final), { recursive: true });
      await rename(file, final);
    }
    return { sha256, size, quickXorHash: xor.digest() };
  } catch (err) {
    unpin(sha256);
    throw err;
  }
}

/** Reads a whole blob, or the inclusive byte range [start, end]. */
export async function readBlob(blobDir: string, sha256: string, range?: { start: number; end: number }): Promise<Buffer> {
  const fh = await open(blobPath(blobDir, sha256), 'r');
  try {
    if (!range) return await fh.readFile();
    const buf = Buffer.alloc(range.end - range.start + 1);
    const { bytesRead } = await fh.read(buf, 0, buf.length, range.start);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export const blobExists = (blobDir: string, sha256: string) => existsSync(blobPath(blobDir, sha256));
export const blobSize = (blobDir: string, sha256: string) => statSync(blobPath(blobDir, sha256)).size;

/** Deletes a blob no row refers to; synchronous so that no write can slip in between the check and the delete. */
export function dropBlobIfUnused(blobDir: string, sha256: string, referenced: (sha256: string) => boolean): void {
  if (pinned.has(sha256) || referenced(sha256)) return;
  rmSync(blobPath(blobDir, sha256), { force: true });
}

/** Writes one upload fragment at its offset and flushes it before the session records it as received. */
export async function writeFragment(blobDir: string, sessionId: string, offset: number, data: Buffer): Promise<void> {
  const file = partPath(blobDir, sessionId);
  await mkdir(dirname(file), { recursive: true });
  const fh = await open(file, existsSync(file) ? 'r+' : 'w');
  try {
    await fh.write(data, 0, data.length, offset);
    await fh.datasync();
  } finally {
    await fh.close();
  }
}

export function dropPart(blobDir: string, sessionId: string): void {
  rmSync(partPath(blobDir, sessionId), { force: true });
}

/** Every stored blob's key, for collecting the ones a crash left without a row. */
export function blobKeys(blobDir: string): string[] {
  return listDir(blobDir)
    .filter((d) => /^[0-9a-f]{2}$/.test(d))
    .flatMap((d) => listDir(join(blobDir, d)).filter((f) => SHA256.test(f)));
}

/** Ids of the upload sessions that have a part file. */
export function partIds(blobDir: string): string[] {
  return listDir(join(blobDir, 'uploads')).flatMap((f) => (f.endsWith('.part') ? [f.slice(0, -'.part'.length)] : []));
}

/** Temp files are only ever half-written blobs; at startup none is in flight, so all can go. */
export function clearTemp(blobDir: string): void {
  rmSync(join(blobDir, 'tmp'), { recursive: true, force: true });
}

function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

async function tempFile(blobDir: string): Promise<string> {
  const dir = join(blobDir, 'tmp');
  await mkdir(dir, { recursive: true });
  return join(dir, randomBytes(12).toString('hex'));
}

/**
 * QuickXorHash, the hash OneDrive for Business and SharePoint report for files
 * (learn.microsoft.com/onedrive/developer/code-snippets/quickxorhash): byte k is XORed into a 160-bit
 * register at bit (11·k mod 160), wrapping; the length is XORed into the last 64 bits, little-endian.
 * Bytes 160 apart land on the same bits, so they are folded first and spread once at the end.
 */
export class QuickXorHash {
  private readonly folded = new Uint8Array(160);
  private length = 0;

  update(data: Uint8Array): this {
    const folded = this.folded;
    let p = this.length % 160;
    for (let i = 0; i < data.length; i++) {
      folded[p] = (folded[p] ?? 0) ^ (data[i] ?? 0);
      if (++p === 160) p = 0;
    }
    this.length += data.length;
    return this;
  }

  digest(): string {
    const out = new Uint8Array(20);
    for (let k = 0; k < 160; k++) {
      const byte = this.folded[k] ?? 0;
      if (byte === 0) continue;
      const at = (k * 11) % 160;
      for (let bit = 0; bit < 8; bit++) {
        if (((byte >> bit) & 1) === 0) continue;
        const pos = (at + bit) % 160;
        out[pos >> 3] = (out[pos >> 3] ?? 0) ^ (1 << (pos & 7));
      }
    }
    let len = BigInt(this.length);
    for (let i = 0; i < 8; i++) {
      out[12 + i] = (out[12 + i] ?? 0) ^ Number(len & 0xffn);
      len >>= 8n;
    }
    return Buffer.from(out).toString('base64');
  }
}

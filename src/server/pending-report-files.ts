// Reports waiting for SharePoint, kept as files in one directory, so that they outlive the process (one instance).
//
// Per report: `<id>.json` (the report) and one `<id>.<sha256>.bin` per file sent with it. Every file is written to a
// temporary name, flushed to disk and renamed into place; the JSON goes last and is what makes an entry exist, so a
// crash half-way leaves either the old entry or the new one, never a torn one (stray .tmp and .bin files are cleared at
// the next read). The directory is created owner-only (0700, files 0600): it holds what people wrote, possibly health
// information, and must lie on encrypted storage. An entry is deleted as soon as its report is stored.
//
// Several instances need a shared queue instead (Azure Storage Queue, issue 9): two processes on one directory would
// each retry the same report (the case is still stored once, by its id, but leaders could be told twice).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PENDING_ID, type PendingEntry, type PendingFile, type PendingReportStore } from '../app/ports/index.js';

const envelope = z.object({
  v: z.literal(1),
  id: z.string().regex(PENDING_ID),
  data: z.record(z.string(), z.unknown()),
  files: z
    .array(z.object({ name: z.string().max(1000), contentType: z.string().max(200), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }))
    .max(50),
});

type Log = (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;

export class FilePendingReportStore implements PendingReportStore {
  private ready: Promise<void> | null = null;
  /** Entries being written by this process: their new files may not have a JSON naming them yet. */
  private readonly writing = new Map<string, number>();

  constructor(
    private readonly dir: string,
    private readonly log: Log = () => {},
  ) {}

  async add(entry: PendingEntry): Promise<void> {
    if (!PENDING_ID.test(entry.id)) throw new Error('A pending report needs an id of letters, digits and dashes.');
    await this.prepare();
    this.writing.set(entry.id, (this.writing.get(entry.id) ?? 0) + 1);
    try {
      const files = entry.files.map((f) => ({ name: f.name, contentType: f.contentType, size: f.bytes.length, sha256: sha256(f.bytes) }));
      // Content-addressed: rewriting an entry never overwrites a file the entry on disk still names.
      for (const [i, f] of entry.files.entries()) {
        const blob = this.blobName(entry.id, files[i]?.sha256 ?? '');
        // Named by its hash and checked when read: a file already there from an earlier write of the entry is this file.
        const there = await stat(join(this.dir, blob)).catch(() => null);
        if (there?.size !== f.bytes.length) await this.writeAtomically(blob, f.bytes);
      }
      await this.writeAtomically(`${entry.id}.json`, Buffer.from(JSON.stringify({ v: 1, id: entry.id, data: entry.data, files })));
      await this.removeBlobs(entry.id, new Set(files.map((f) => this.blobName(entry.id, f.sha256))));
    } finally {
      const left = (this.writing.get(entry.id) ?? 1) - 1;
      if (left > 0) this.writing.set(entry.id, left);
      else this.writing.delete(entry.id);
    }
  }

  async remove(id: string): Promise<void> {
    if (!PENDING_ID.test(id)) return;
    await this.prepare();
    // The JSON first: without it the entry is gone, whatever happens to its files after.
    await rm(join(this.dir, `${id}.json`), { force: true });
    await this.removeBlobs(id, new Set());
  }

  async all(): Promise<PendingEntry[]> {
    await this.prepare();
    const names = await readdir(this.dir);
    const entries: PendingEntry[] = [];
    const kept = new Set<string>();
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const entry = await this.read(name);
      if (!entry) {
        // Unreadable: set aside (not retried, not lost) for someone to look at; its content is never logged.
        this.log('pending.entrySetAside');
        await rename(join(this.dir, name), join(this.dir, `${name}.unreadable`)).catch(() => undefined);
        continue;
      }
      entries.push(entry.entry);
      for (const blob of entry.blobs) kept.add(blob);
    }
    // What a crash left half-written: temporary files, and files of entries that were never completed or were removed.
    for (const name of names) {
      if (this.writing.has(name.split('.')[0] ?? '')) continue;
      if (name.endsWith('.tmp') || (name.endsWith('.bin') && !kept.has(name))) await rm(join(this.dir, name), { force: true });
    }
    return entries;
  }

  private async read(name: string): Promise<{ entry: PendingEntry; blobs: string[] } | null> {
    let parsed: z.infer<typeof envelope>;
    try {
      const result = envelope.safeParse(JSON.parse(await readFile(join(this.dir, name), 'utf8')));
      if (!result.success || `${result.data.id}.json` !== name) return null;
      parsed = result.data;
    } catch {
      return null;
    }
    const files: PendingFile[] = [];
    const blobs: string[] = [];
    for (const f of parsed.files) {
      const blob = this.blobName(parsed.id, f.sha256);
      const bytes = await readFile(join(this.dir, blob)).catch(() => null);
      if (!bytes || bytes.length !== f.size || sha256(bytes) !== f.sha256) return null;
      files.push({ name: f.name, contentType: f.contentType, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
      blobs.push(blob);
    }
    return { entry: { id: parsed.id, data: parsed.data, files }, blobs };
  }

  private blobName(id: string, hash: string): string {
    return `${id}.${hash}.bin`;
  }

  private async removeBlobs(id: string, keep: ReadonlySet<string>): Promise<void> {
    for (const name of await readdir(this.dir)) {
      if (name.startsWith(`${id}.`) && name.endsWith('.bin') && !keep.has(name)) await rm(join(this.dir, name), { force: true });
    }
  }

  /** Write, flush, rename: the name only ever points at a complete file. */
  private async writeAtomically(name: string, bytes: Uint8Array): Promise<void> {
    const tmp = join(this.dir, `${name}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, join(this.dir, name));
    await this.syncDir();
  }

  /** The rename itself survives a power cut only once the directory is flushed too (where the platform allows it). */
  private async syncDir(): Promise<void> {
    try {
      const handle = await open(this.dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // Not every platform can open a directory for flushing (Windows); the rename still holds.
    }
  }

  private prepare(): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 }).then(
      () => undefined,
      (err: unknown) => {
        this.ready = null;
        throw err;
      },
    );
    return this.ready;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// The schedule's lease, the recorded run date and the digests' delivery records as files (VARDE_SCHEDULE_DIR; `npm
// start` uses .data/schedule): what makes the daily run restart-safe on one machine. Several processes on the same
// directory exclude each other through the lock file (created exclusively; a holder that stopped loses it when its
// time runs out). Production with several instances uses the blob container instead (src/azure/blob-schedule.ts).
//
// Records are written to a temporary name and renamed, so a reader never sees half a file. A replace compares the
// content's hash first; two processes replacing the same record in the same millisecond could both win, which the
// blob store's ETags rule out and one machine's demo can live with.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CalendarDate } from '../domain/index.js';
import type { DeliveryLog, LeaseHold, ScheduleLease } from '../app/ports/index.js';

const safeName = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');
const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const isCode = (err: unknown, code: string) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if (isCode(err, 'ENOENT')) return null;
    throw err;
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${randomUUID()}.tmp`;
  await writeFile(tmp, text, { mode: 0o600, flush: true });
  await rename(tmp, path);
}

export class FileScheduleLease implements ScheduleLease {
  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(job: string, ttlMs: number): Promise<LeaseHold | null> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const lock = join(this.dir, `${safeName(job)}.lock`);
    const token = randomUUID();
    const content = () => JSON.stringify({ token, until: this.now() + ttlMs });
    const create = async () => {
      try {
        await writeFile(lock, content(), { flag: 'wx', mode: 0o600 });
        return true;
      } catch (err) {
        if (isCode(err, 'EEXIST')) return false;
        throw err;
      }
    };
    if (!(await create())) {
      const seen = await readText(lock);
      if (seen !== null) {
        const until = (() => {
          try {
            return Number((JSON.parse(seen) as { until?: unknown }).until);
          } catch {
            return 0; // unreadable: as good as expired
          }
        })();
        if (until > this.now()) return null;
        // Expired: removed only if it is still the one read (another process may have just taken it over).
        if ((await readText(lock)) === seen) await unlink(lock).catch(() => undefined);
      }
      if (!(await create())) return null;
    }
    const lastRun = join(this.dir, `${safeName(job)}.last-run`);
    const mine = async () => {
      const text = await readText(lock);
      try {
        return text !== null && (JSON.parse(text) as { token?: unknown }).token === token;
      } catch {
        return false;
      }
    };
    return {
      lastRunDate: async () => (await readText(lastRun))?.trim() || null,
      recordRun: (date) => writeAtomically(lastRun, `${date}\n`),
      renew: async () => {
        if (!(await mine())) return false;
        await writeAtomically(lock, content());
        return true;
      },
      release: async () => {
        if (await mine()) await unlink(lock).catch(() => undefined);
      },
    };
  }
}

export class FileDeliveryLog implements DeliveryLog {
  constructor(private readonly dir: string) {}

  private root(): string {
    return join(this.dir, 'deliveries');
  }

  private path(date: CalendarDate, id: string): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Not a date: ${date}`);
    return join(this.root(), date, `${hash(id)}.json`);
  }

  async get(date: CalendarDate, id: string): Promise<{ value: unknown; etag: string } | null> {
    const text = await readText(this.path(date, id));
    return text === null ? null : { value: JSON.parse(text) as unknown, etag: hash(text) };
  }

  async create(date: CalendarDate, id: string, value: unknown): Promise<string | null> {
    await mkdir(join(this.root(), date), { recursive: true, mode: 0o700 });
    const text = JSON.stringify(value);
    try {
      await writeFile(this.path(date, id), text, { flag: 'wx', mode: 0o600, flush: true });
    } catch (err) {
      if (isCode(err, 'EEXIST')) return null;
      throw err;
    }
    return hash(text);
  }

  async replace(date: CalendarDate, id: string, value: unknown, etag: string): Promise<string | null> {
    const path = this.path(date, id);
    const current = await readText(path);
    if (current === null || hash(current) !== etag) return null;
    const text = JSON.stringify(value);
    await writeAtomically(path, text);
    return hash(text);
  }

  async prune(before: CalendarDate): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.root());
    } catch (err) {
      if (isCode(err, 'ENOENT')) return 0;
      throw err;
    }
    const old = names.filter((n) => /^\d{4}-\d{2}-\d{2}$/.test(n) && n < before);
    await Promise.all(old.map((n) => rm(join(this.root(), n), { recursive: true, force: true })));
    return old.length;
  }
}

// Files sent with a message, held in this process from the moment they arrive until the form they came with is sent.
//
// Why here and not as links in the card: Teams' download links last minutes, and a link in card data is something a
// client can forge. Held by the form's submission id and the reporter's id together, so a submit only ever takes the
// files its own reporter sent with that very form. Bounded in bytes, entries and age: the oldest go first, and a form
// sent after its files went (or on another instance, or after a restart) says so to the reporter.
import type { NewCaseFile } from '../ports/index.js';

export interface HeldFilesLimits {
  /** All held files together; default 256 MB. */
  readonly maxBytes?: number;
  /** Forms with files held at once; default 1,000. */
  readonly maxEntries?: number;
  /** How long files wait for their form; default 12 hours. */
  readonly maxAgeMs?: number;
}

interface Entry {
  readonly reporterId: string;
  readonly files: readonly NewCaseFile[];
  readonly bytes: number;
  readonly at: number;
}

export class HeldFiles {
  private readonly entries = new Map<string, Entry>();
  private total = 0;
  private readonly maxBytes: number;
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;

  constructor(
    limits: HeldFilesLimits = {},
    private readonly now: () => number = Date.now,
  ) {
    this.maxBytes = limits.maxBytes ?? 256 * 1024 * 1024;
    this.maxEntries = limits.maxEntries ?? 1000;
    this.maxAgeMs = limits.maxAgeMs ?? 12 * 60 * 60_000;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.total;
  }

  /** Holds the files of one form; false when they alone are more than the whole holding area may keep. */
  hold(submissionId: string, reporterId: string, files: readonly NewCaseFile[]): boolean {
    this.drop(submissionId);
    const bytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
    if (files.length === 0 || bytes > this.maxBytes) return false;
    this.expire();
    while (this.entries.size > 0 && (this.total + bytes > this.maxBytes || this.entries.size >= this.maxEntries)) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
    this.entries.set(submissionId, { reporterId, files, bytes, at: this.now() });
    this.total += bytes;
    return true;
  }

  /** The form's files, handed over once; null when none are held for this reporter and form. */
  take(submissionId: string, reporterId: string): readonly NewCaseFile[] | null {
    this.expire();
    const entry = this.entries.get(submissionId);
    if (!entry || entry.reporterId !== reporterId) return null;
    this.drop(submissionId);
    return entry.files;
  }

  private expire(): void {
    const limit = this.now() - this.maxAgeMs;
    for (const [id, entry] of this.entries) {
      // Insertion order is age order: the first young entry ends the sweep.
      if (entry.at > limit) break;
      this.drop(id);
    }
  }

  private drop(submissionId: string): void {
    const entry = this.entries.get(submissionId);
    if (!entry) return;
    this.entries.delete(submissionId);
    this.total -= entry.bytes;
  }
}

/** Names unique within one report ("bilde.png", "bilde (2).png"), since the case's folder holds each name once. */
export function uniqueNames<T extends { readonly name: string }>(files: readonly T[]): T[] {
  const seen = new Set<string>();
  return files.map((file) => {
    const dot = file.name.lastIndexOf('.');
    const base = dot > 0 ? file.name.slice(0, dot) : file.name;
    const ext = dot > 0 ? file.name.slice(dot) : '';
    let name = file.name;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base} (${n})${ext}`;
    seen.add(name.toLowerCase());
    return name === file.name ? file : { ...file, name };
  });
}

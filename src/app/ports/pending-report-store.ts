// Reports accepted while SharePoint could not store them, kept where they survive the process until they are stored.
//
// The entries hold what people wrote (possibly health information) and the files they sent: an implementation keeps
// them on storage that is encrypted and closed to others, and forgets an entry as soon as it is removed.

/** A file waiting with its report. */
export interface PendingFile {
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export interface PendingEntry {
  /** The report's id (the form's submission id): letters, digits and '-', at most 64. */
  readonly id: string;
  /** The report as JSON-safe data; its owner (src/app/reporting) writes it and validates it when read back. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly files: readonly PendingFile[];
}

export interface PendingReportStore {
  /** Saves the entry, replacing one with the same id; resolves only once it would survive the process stopping. */
  add(entry: PendingEntry): Promise<void>;
  /** Forgets the entry and its files (nothing happens for an unknown id). */
  remove(id: string): Promise<void>;
  /** Every entry kept, e.g. after a restart (unreadable entries are left out, and set aside by the implementation). */
  all(): Promise<PendingEntry[]>;
}

/** Ids an entry may have: safe as a file name, and what the form's submission ids look like. */
export const PENDING_ID = /^[A-Za-z0-9-]{1,64}$/;

// Files that belong to a case (photos and documents sent with a report): kept in the case's attachment library.
import type { CaseRoute } from '../../domain/index.js';

/** Which case a file belongs to: its id (the link kept on the file), its number (the folder) and its store. */
export interface CaseFileTarget {
  readonly caseId: string;
  readonly caseNumber: string;
  /** 'confidential' keeps the file in the confidential site, beside the whistleblowing report. */
  readonly route: CaseRoute;
}

export interface NewCaseFile {
  /** The name people see (the store may make it safe for its own rules). */
  readonly name: string;
  /** MIME type, checked by whoever received the file. */
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export interface StoredCaseFile {
  /** The store's id of the file (opaque); `read` takes it back. */
  readonly id: string;
  /** The name as stored. */
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  /** Where the file lives in the store (SharePoint's own link: opens only for those with access to the site). */
  readonly webUrl: string;
}

/** The store refused this file for good (its name, size or type): retrying will not help. Anything else may be retried. */
export class AttachmentRejected extends Error {
  constructor(readonly reason: string) {
    super(`The attachment was refused: ${reason}`);
    this.name = 'AttachmentRejected';
  }
}

export interface AttachmentStore {
  /**
   * Stores the file with the case. Safe to repeat: a file of the same name in the case's folder is replaced, so a
   * retry after a lost answer leaves one file. Throws AttachmentRejected for a file the store will never take.
   */
  save(target: CaseFileTarget, file: NewCaseFile): Promise<StoredCaseFile>;
  /** The case's files (those linked to its id), by name. */
  list(caseId: string, route?: CaseRoute): Promise<StoredCaseFile[]>;
  /** One file's bytes, only if it belongs to the case (null otherwise, or when it is gone): for a download through the app. */
  read(caseId: string, route: CaseRoute, fileId: string): Promise<{ readonly file: StoredCaseFile; readonly bytes: Uint8Array } | null>;
}

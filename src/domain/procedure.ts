// Procedures and governing documents: status, reviewer, next review date, reading list and confirmations.
//
// Procedures are approved at the level they apply to and have a named reviewer (revisjonsansvarlig)
// who at least once a year decides to revise or delete them; employees read new ones on their
// reading list (seed 001). Types and a few rules only: the approval and reading flows come later.

import type { OrgUnits } from './organisation.js';
import { addYears, toOsloDate, type CalendarDate, type Instant } from './oslo-time.js';

/** procedure = prosedyre/rutine ("sånn gjør vi det", seed 003); governingDocument = styringsdokument. */
export type DocumentKind = 'procedure' | 'governingDocument';

/** Kinds of governing documents in Tønsberg's self-assessment list (seed 000). */
export type GoverningDocumentType =
  | 'regulation' // reglement: finansreglement, arbeidsreglement, politisk reglement
  | 'strategy' // strategi: kvalitetsstrategi, arbeidsgiverstrategi
  | 'plan' // plan: lønnspolitisk plan
  | 'guideline' // retningslinjer: etiske retningslinjer
  | 'routine' // overarching routine: varsling om kritikkverdige forhold
  | 'report'; // melding: eierskapsmelding

export type DocumentStatus = 'draft' | 'awaitingApproval' | 'approved' | 'archived';

export interface GoverningDocument {
  readonly id: string;
  readonly kind: DocumentKind;
  /** Set for governing documents, null for procedures. */
  readonly governingType: GoverningDocumentType | null;
  readonly title: string;
  /** The unit the document applies to; its leader approves it (sector head for a sector, etc.). */
  readonly ownerUnitId: string;
  /** Owner area in the self-assessment of overarching documents, e.g. 'ØV', 'OU' (seed 000). */
  readonly ownerArea: string | null;
  readonly reviewerId: string;
  readonly version: number;
  readonly status: DocumentStatus;
  readonly approvedById: string | null;
  readonly approvedAt: Instant | null;
  readonly nextReviewDate: CalendarDate | null;
}

/** The reviewer's yearly decision (seed 001: "minst en gang per år om prosedyren skal slettes eller revideres"). */
export interface ReviewDecision {
  readonly documentId: string;
  readonly reviewerId: string;
  readonly decidedOn: CalendarDate;
  readonly outcome: 'keep' | 'revise' | 'delete';
  readonly comment: string;
}

/** Yearly self-assessment of an overarching document by its owner area (seed 000). */
export interface SelfAssessment {
  readonly id: string;
  readonly documentId: string;
  readonly ownerArea: string;
  readonly assessedById: string;
  readonly assessedOn: CalendarDate;
  readonly outcome: 'adequate' | 'needsRevision' | 'obsolete';
  readonly comment: string;
}

/** One document version on one person's reading list (leseliste). */
export interface ReadingListEntry {
  readonly documentId: string;
  readonly version: number;
  readonly personId: string;
  readonly assignedAt: Instant;
  readonly dueDate: CalendarDate | null;
}

/** "I have read it": per version, so a revised procedure goes back on the list. */
export interface ReadingConfirmation {
  readonly documentId: string;
  readonly version: number;
  readonly personId: string;
  readonly confirmedAt: Instant;
}

/** Reviewed at least once a year: the next review is due a year after approval or review. */
export function nextReviewDateAfter(date: CalendarDate): CalendarDate {
  return addYears(date, 1);
}

/** An approved document whose review date has passed in Oslo (due on the date, overdue the day after). */
export function isReviewOverdue(doc: GoverningDocument, now: Date): boolean {
  return doc.status === 'approved' && doc.nextReviewDate !== null && toOsloDate(now) > doc.nextReviewDate;
}

/** Who approves: the leader of the unit the document applies to (seed 001, appendix 3); a deputy acts for them. */
export function approverIds(doc: GoverningDocument, units: OrgUnits): string[] {
  const unit = units.get(doc.ownerUnitId);
  if (!unit) return [];
  return unit.deputyLeaderId ? [unit.leaderId, unit.deputyLeaderId] : [unit.leaderId];
}

/** Entries on the reading list not yet confirmed for that exact version. */
export function unreadEntries(entries: readonly ReadingListEntry[], confirmations: readonly ReadingConfirmation[]): ReadingListEntry[] {
  const key = (x: { documentId: string; version: number; personId: string }) => `${x.documentId}\u0000${x.version}\u0000${x.personId}`;
  const read = new Set(confirmations.map(key));
  return entries.filter((e) => !read.has(key(e)));
}

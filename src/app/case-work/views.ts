// What the case-work use cases hand the HTTP edge: cases as the viewer may see them, with what a view needs around them.
import type { CaseActionType, CaseRoute, CaseRow, Deviation, Measure, OrgUnits, QualityCommittee } from '../../domain/index.js';
import type { Stored, StoredCaseFile } from '../ports/index.js';

/** A case in a list (its row; the whole case in a case's view), as the viewer may see it. */
export interface CaseListItem<C extends CaseRow = CaseRow> {
  /** Free text blanked where health details are not the viewer's (withoutHealthDetails, rowWithoutHealthDetails). */
  readonly case: C;
  readonly route: CaseRoute;
  readonly healthDetailsHidden: boolean;
  /** Whistleblowing seen by its reporter: who handles it is not theirs to know (the handler is left out). */
  readonly handlingHidden: boolean;
}

export interface InboxPage {
  readonly items: readonly CaseListItem[];
  readonly continuation: string | null;
  /** From the case index (ordinary cases only); null while it loads, and for whistleblowing. */
  readonly counts: { readonly total: number; readonly byStatus: Readonly<Record<Deviation['status'], number>> } | null;
  readonly asOf: string | null;
  /** Names of the people the items name (handlers). */
  readonly names: ReadonlyMap<string, string>;
  readonly units: OrgUnits;
}

/** A measure as the viewer may see it: its own text blanked where `healthDetailsHidden` (scope.ts: measureTextHidden). */
export interface ShownMeasure extends Stored<Measure> {
  readonly healthDetailsHidden: boolean;
}

/** One case with everything its view shows. */
export interface CaseFile extends CaseListItem<Deviation> {
  readonly etag: string;
  readonly canHandle: boolean;
  readonly allowedActions: readonly CaseActionType[];
  readonly measures: readonly ShownMeasure[];
  /** Empty when the viewer may not see the health details (a file may hold them). */
  readonly attachments: readonly StoredCaseFile[];
  /** Where an escalation would go (handlers of ordinary cases only). */
  readonly escalationTarget: QualityCommittee | null;
  /** Names of the reporter, handler, history's actors and measure owners. */
  readonly names: ReadonlyMap<string, string>;
  readonly units: OrgUnits;
}

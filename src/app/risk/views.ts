// What the risk use cases hand the edge: records with their versions and what the viewer may do, names resolved.
import type { DomainError, Measure, RiskAssessment, RiskAssessmentAction, RiskColour, RiskItem, RiskRound, RiskUnitState, Deviation, RiskDue } from '../../domain/index.js';
import type { Stored } from '../ports/index.js';

export interface ItemFile {
  readonly item: RiskItem;
  readonly etag: string;
  readonly measures: readonly Stored<Measure>[];
  /** Linked cases the viewer may see, health details blanked where not theirs (viewFor). */
  readonly deviations: readonly Deviation[];
  readonly problems: readonly DomainError[];
  readonly mustReportToKlg: boolean;
  readonly requiresMeasure: boolean;
  readonly escalationCommitteeName: string | null;
}

export interface AssessmentCounts {
  readonly itemCount: number;
  readonly now: Record<RiskColour, number>;
  readonly after: Record<RiskColour, number>;
  readonly unacceptable: number;
}

export interface AssessmentSummaryFile {
  readonly assessment: RiskAssessment;
  readonly unitName: string;
  readonly counts: AssessmentCounts;
}

export interface AssessmentFile extends AssessmentSummaryFile {
  readonly etag: string;
  readonly items: readonly ItemFile[];
  readonly canEdit: boolean;
  readonly allowedActions: readonly RiskAssessmentAction['type'][];
}

export interface EscalationFile {
  readonly itemId: string;
  readonly agendaItemId: string;
  readonly committeeId: string;
  readonly committeeName: string;
  readonly at: string;
}

export interface RoundUnitFile {
  readonly unitId: string;
  readonly unitName: string;
  readonly sectorId: string | null;
  readonly state: RiskUnitState;
  readonly assessmentId: string | null;
  readonly itemCount: number;
  readonly redNow: number;
  readonly unacceptable: number;
  readonly late: boolean;
}

export interface RoundFile {
  readonly round: RiskRound;
  readonly etag: string;
  readonly units: readonly RoundUnitFile[];
  readonly sectors: readonly { sectorId: string; sectorName: string; states: Record<RiskUnitState, number>; canCompile: boolean }[];
  readonly escalatedCount: number;
  readonly canManage: boolean;
}

export interface DueFile extends RiskDue {
  readonly roundTitle: string;
}

export interface ImportRowError {
  /** The sheet's row number (1-based); 0 for the file as a whole. */
  readonly row: number;
  readonly column: string | null;
  readonly message: string;
}

/** Names of people and units the views mention, resolved once per answer. */
export type Names = ReadonlyMap<string, string>;

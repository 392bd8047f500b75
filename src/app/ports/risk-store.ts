// The store of risk work (ROS): assessments, their rows, the yearly rounds, and the feeds the risk index follows.
import type { Measure, RiskAssessment, RiskItem, RiskLevel, RiskRound } from '../../domain/index.js';
import type { ChangeFeed } from './change-feed.js';
import type { BulkCreateResult, Stored } from './stored.js';

export interface RiskStore {
  getAssessment(id: string): Promise<Stored<RiskAssessment> | null>;
  /** Idempotent on the id (a round's assessment of a unit has a fixed id: a second create finds the first). */
  createAssessment(a: RiskAssessment): Promise<Stored<RiskAssessment>>;
  /** ConcurrencyConflict when the stored version is no longer `etag`; RecordNotFound when gone. */
  updateAssessment(a: RiskAssessment, etag: string): Promise<Stored<RiskAssessment>>;
  deleteAssessment(id: string, etag?: string): Promise<void>;
  /** The rows of an assessment, in no particular order (one indexed query). */
  items(assessmentId: string): Promise<Stored<RiskItem>[]>;
  getItem(id: string): Promise<Stored<RiskItem> | null>;
  /** Rows by id, ids not found left out. */
  getItems(ids: readonly string[]): Promise<Stored<RiskItem>[]>;
  /** Idempotent on the id. */
  createItem(item: RiskItem): Promise<Stored<RiskItem>>;
  /** Many rows at once, each exactly once however often retried (the row's id is its key). */
  createItems(items: readonly RiskItem[]): Promise<BulkCreateResult>;
  updateItem(item: RiskItem, etag: string): Promise<Stored<RiskItem>>;
  deleteItem(id: string, etag?: string): Promise<void>;
  /** Measures by id (a row's measures, KLG's action list), ids not found left out. */
  measures(ids: readonly string[]): Promise<Stored<Measure>[]>;
  getRound(id: string): Promise<Stored<RiskRound> | null>;
  createRound(r: RiskRound): Promise<Stored<RiskRound>>;
  updateRound(r: RiskRound, etag: string): Promise<Stored<RiskRound>>;
  rounds(): Promise<Stored<RiskRound>[]>;
}

/** What the risk index keeps of a row: its place in the matrix now and after measures, and what the heat map counts. */
export interface RiskItemFact {
  readonly id: string;
  readonly assessmentId: string;
  readonly unitId: string;
  /** "Hva skal vurderes: hva kan gå galt" as stored in Title (at most 255 characters). */
  readonly title: string;
  readonly likelihood: RiskLevel;
  readonly consequence: RiskLevel;
  readonly residualLikelihood: RiskLevel | null;
  readonly residualConsequence: RiskLevel | null;
  readonly residualAcceptable: boolean | null;
  readonly reportToKlg: boolean | null;
  readonly breachOfLaw: boolean;
  readonly escalated: boolean;
  readonly position: number;
}

export type RiskItemFeed = ChangeFeed<RiskItemFact>;
/** Assessments are few (one per unit and year, plus projects): the index keeps them whole. */
export type RiskAssessmentFeed = ChangeFeed<RiskAssessment>;

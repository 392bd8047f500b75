// Shapes of the Norwegian text templates that demo reports, analyses and risk rows are drawn from.
import type { Area } from '../catalogue.js';
import type { CauseCategory, ConsequenceFor, RiskConsequenceType, RiskLevel } from '../../domain/index.js';

/** Weights for low, medium, high and critical (lav, middels, høy, kritisk). */
export type SeverityWeights = readonly [number, number, number, number];

/** An adverse event or near miss. Text may hold `{room}`, `{time}`, `{n}`, `{minutes}`, `{weekday}`, `{grade}`. */
export interface EventTemplate {
  readonly title: string;
  readonly description: string;
  readonly cause: CauseCategory;
  readonly consequenceFor: readonly ConsequenceFor[];
  /** Holds health information about a service user (helseopplysninger). */
  readonly health?: boolean;
  readonly severity?: SeverityWeights;
  readonly immediateAction?: string;
  /** What the leader decides, if not the generic measure for the cause. */
  readonly measure?: string;
  /** The unit kinds it fits ('homeCare'); any unit of the area when absent. */
  readonly kinds?: readonly string[];
}

/** An improvement proposal or positive feedback. */
export interface NoteTemplate {
  readonly title: string;
  readonly description: string;
  readonly measure?: string;
  readonly kinds?: readonly string[];
}

export interface AreaTemplates {
  readonly events: readonly EventTemplate[];
  readonly nearMisses: readonly EventTemplate[];
  readonly proposals: readonly NoteTemplate[];
  readonly praise: readonly NoteTemplate[];
}

/** A finding from an inspection (tilsyn) or audit (revisjon), for the areas it applies to. */
export interface FindingTemplate extends EventTemplate {
  readonly areas: readonly Area[] | 'all';
}

/** One row of the ROS form (seed 000) before the numbers are drawn. */
export interface RiskTemplate {
  readonly process: string;
  readonly whatCanGoWrong: string;
  readonly consequenceTypes: readonly RiskConsequenceType[];
  /** Typical likelihood and consequence; the generator varies them by one step. */
  readonly likelihood: RiskLevel;
  readonly consequence: RiskLevel;
  readonly existingMeasures: string;
  readonly measure: string;
}

/** Shorthand for templates: title, description, cause, who is harmed, and the rest. */
export function ev(
  title: string,
  description: string,
  cause: CauseCategory,
  consequenceFor: readonly ConsequenceFor[],
  extra: Partial<Pick<EventTemplate, 'health' | 'severity' | 'immediateAction' | 'measure'>> = {},
): EventTemplate {
  return { title, description, cause, consequenceFor, ...extra };
}

export function note(title: string, description: string, measure?: string): NoteTemplate {
  return measure === undefined ? { title, description } : { title, description, measure };
}

/** Restricts a template to some unit kinds: a missed home visit happens in home care, not in a nursing home. */
export function only<T extends EventTemplate | NoteTemplate>(kinds: readonly string[], template: T): T {
  return { ...template, kinds };
}

/** Whether the template fits a unit of the kind. */
export function fitsKind(template: EventTemplate | NoteTemplate, kind: string): boolean {
  return template.kinds === undefined || template.kinds.includes(kind);
}

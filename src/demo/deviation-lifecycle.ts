// Moves a reported case along the domain lifecycle as far as its age allows: receive, analyse, decide measures, close, sometimes reopen.
import {
  addDays,
  kindRequiresRootCause,
  recordAnalysis,
  toOsloDate,
  transition,
  type CaseAction,
  type CauseCategory,
  type Deviation,
  type Measure,
  type Person,
  type Severity,
} from '../domain/index.js';
import { must, progressMeasure } from './measures.js';
import { chance, int, logNormal, pick, sample, type Random } from './random.js';
import { CAUSE_TEXTS, CLOSING_NOTES, NO_MEASURE_REASONS, PRAISE_CLOSING_NOTES, PROPOSAL_NO_MEASURE_REASONS, REOPEN_REASONS } from './templates/common.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Leaders handle cases in working hours: an instant outside 06–15 UTC (07/08–16/17 in Oslo) moves to the next morning. */
function duringWorkingHours(random: Random, ms: number): number {
  const hour = Math.floor((ms % DAY) / HOUR);
  if (hour >= 6 && hour < 15) return ms;
  const day = Math.floor(ms / DAY) * DAY + (hour >= 15 ? DAY : 0);
  return day + (6 + int(random, 0, 3)) * HOUR + int(random, 0, 59) * 60_000;
}

export interface CaseTexts {
  /** The cause category the analysis will name; null for kinds without a root-cause analysis. */
  readonly cause: CauseCategory | null;
  /** The template's own measure, used as the first one. */
  readonly measure?: string;
  readonly noMeasureReasons?: readonly string[];
  readonly closingNotes?: readonly string[];
}

export interface LifecycleContext {
  readonly now: Date;
  readonly persons: ReadonlyMap<string, Person>;
  readonly nextMeasureId: () => string;
  /** Chance that a case gets measures, by kind and severity (0 for whistleblowing). */
  readonly measureChance: (d: Deviation) => number;
  /** People in the case's unit who may own a measure, besides the handler. */
  readonly ownerCandidates: (d: Deviation) => readonly string[];
}

export interface ProgressedCase {
  readonly deviation: Deviation;
  readonly measures: readonly Measure[];
}

const SEVERITY_MEASURE_CHANCE: Readonly<Record<Severity, number>> = { low: 0.35, medium: 0.55, high: 0.8, critical: 0.95 };

/** The usual chance of measures: findings always, events by severity, a third of the proposals. */
export function defaultMeasureChance(d: Deviation): number {
  switch (d.kind) {
    case 'inspectionFinding':
    case 'auditFinding':
      return 1;
    case 'adverseEvent':
    case 'nearMiss':
      return SEVERITY_MEASURE_CHANCE[d.severity ?? 'low'];
    case 'improvementProposal':
      return 0.35;
    default:
      return 0;
  }
}

/**
 * Steps are spaced by log-normal delays (medians: received within a day, analysis after a few days,
 * measures after a week or two, closed a couple of weeks later), stretched by a per-case pace, so
 * old cases are mostly closed and recent ones new or received. 3 % are left lying after receipt
 * (what an internal audit of deviation follow-up finds), 1.5 % of the closed are reopened.
 */
export function progressCase(random: Random, report: Deviation, handlerId: string, texts: CaseTexts, ctx: LifecycleContext): ProgressedCase {
  const actor = ctx.persons.get(handlerId);
  if (!actor) throw new Error(`Unknown handler ${handlerId}`);
  const nowMs = ctx.now.getTime();
  const pace = logNormal(random, 1, 0.6);
  let d = report;
  let t = Date.parse(report.reportedAt);
  const measures: Measure[] = [];
  const wait = (medianHours: number): boolean => {
    t = duringWorkingHours(random, t + Math.max(0.25, logNormal(random, medianHours, 0.9) * pace) * HOUR);
    return t <= nowMs;
  };
  const act = (action: CaseAction) => {
    d = must(transition(d, action, actor, new Date(t)), `case step ${action.type}`);
  };
  const done = (): ProgressedCase => ({ deviation: d, measures });

  const decide = () => {
    if (d.measureIds.length === 0 && chance(random, ctx.measureChance(d))) {
      const generic = texts.cause ? CAUSE_TEXTS[texts.cause].measures : ['Prøve ut forslaget i avdelingen'];
      const titles = [...(texts.measure ? [texts.measure] : []), ...sample(random, generic, 2)].slice(0, chance(random, 0.2) ? 2 : 1);
      const candidates = ctx.ownerCandidates(d);
      const decidedOn = toOsloDate(new Date(t));
      for (const title of titles) {
        const ownerId = candidates.length > 0 && chance(random, 0.4) ? pick(random, candidates) : handlerId;
        const input = {
          id: ctx.nextMeasureId(),
          title,
          description: `Besluttet i sak ${d.caseNumber}.`,
          source: { type: 'deviation' as const, deviationId: d.id },
          ownerId,
          unitId: d.unitId,
          deadline: addDays(decidedOn, int(random, 14, 90)),
        };
        measures.push(progressMeasure(random, input, new Date(t), ctx.now));
      }
      act({ type: 'decideMeasures', measureIds: measures.map((m) => m.id) });
    } else if (d.measureIds.length > 0) {
      act({ type: 'decideMeasures' });
    } else {
      const reasons = texts.noMeasureReasons ?? (d.kind === 'improvementProposal' ? PROPOSAL_NO_MEASURE_REASONS : NO_MEASURE_REASONS);
      act({ type: 'decideMeasures', noMeasureReason: pick(random, reasons) });
    }
  };
  const close = () => act({ type: 'close', closingNote: pick(random, texts.closingNotes ?? CLOSING_NOTES) });

  if (!wait(20)) return done();
  act({ type: 'receive', handlerId });
  if (chance(random, 0.03)) return done();
  if (d.kind === 'positiveFeedback') {
    if (wait(48)) act({ type: 'close', closingNote: pick(random, PRAISE_CLOSING_NOTES) });
    return done();
  }
  if (!wait(60)) return done();
  act({ type: 'startAnalysis' });
  if (texts.cause !== null && kindRequiresRootCause(d.kind)) {
    const cause = CAUSE_TEXTS[texts.cause];
    const whys = cause.whys.slice(0, int(random, Math.min(2, cause.whys.length), cause.whys.length));
    d = must(recordAnalysis(d, { whys, rootCause: cause.rootCause, causeCategory: texts.cause }), 'analysis');
  }
  if (!wait(200)) return done();
  decide();
  if (!wait(300)) return done();
  close();
  if (!chance(random, 0.015)) return done();
  if (!wait(24 * 30)) return done();
  act({ type: 'reopen', to: 'underAnalysis', reason: pick(random, REOPEN_REASONS) });
  if (!wait(120)) return done();
  decide();
  if (wait(200)) close();
  return done();
}

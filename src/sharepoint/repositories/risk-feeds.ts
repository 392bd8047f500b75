// Graph delta on 'Risikoelementer' and 'Risikovurderinger': what the per-instance risk index (heat map, round states)
// is kept in step with. Same engine as the case and measure feeds (ListChangeFeed): 5,000 items a page, only the
// columns the index keeps, a round with nothing new is one request.
import { z } from 'zod';
import type { RiskAssessmentFeed, RiskItemFact, RiskItemFeed } from '../../app/ports/index.js';
import { isRiskLevel, type RiskAssessment, type RiskLevel } from '../../domain/index.js';
import type { GraphClient } from '../graph/index.js';
import { flag, optionalText } from '../mapping/fields.js';
import { RISK_ASSESSMENT_COLUMNS, riskAssessmentFromFields } from '../mapping/risk.js';
import { type ChangeFeedOptions, ListChangeFeed } from './change-feeds.js';
import type { ListDirectory } from './list-directory.js';

const level = z.number().refine((n): n is RiskLevel => isRiskLevel(n));
const optionalLevel = level.nullish().transform((v) => (v ?? null) as RiskLevel | null);
const optionalFlag = z
  .boolean()
  .nullish()
  .transform((v) => v ?? null);

const itemRow = z.object({
  RecordId: z.string().min(1),
  AssessmentId: z.string().min(1),
  UnitId: z.string().min(1),
  Title: optionalText,
  Likelihood: level,
  Consequence: level,
  ResidualLikelihood: optionalLevel,
  ResidualConsequence: optionalLevel,
  ResidualAcceptable: optionalFlag,
  ReportToKlg: optionalFlag,
  BreachOfLaw: flag,
  // Only whether it is there: the index needs "escalated", not where to.
  Escalation: optionalText,
  Position: z
    .number()
    .nullish()
    .transform((v) => v ?? 0),
});

export const RISK_ITEM_FEED_COLUMNS: readonly string[] = Object.keys(itemRow.shape);

/** A row that does not map (edited by hand) is not indexed (null). */
export function riskItemFactOf(fields: unknown): RiskItemFact | null {
  const parsed = itemRow.safeParse(fields);
  if (!parsed.success) return null;
  const r = parsed.data;
  // Half a residual position (one level without the other) counts as none, as the mapping reads it.
  const both = r.ResidualLikelihood !== null && r.ResidualConsequence !== null;
  return {
    id: r.RecordId,
    assessmentId: r.AssessmentId,
    unitId: r.UnitId,
    title: r.Title ?? '',
    likelihood: r.Likelihood as RiskLevel,
    consequence: r.Consequence as RiskLevel,
    residualLikelihood: both ? r.ResidualLikelihood : null,
    residualConsequence: both ? r.ResidualConsequence : null,
    residualAcceptable: r.ResidualAcceptable,
    reportToKlg: r.ReportToKlg,
    breachOfLaw: r.BreachOfLaw,
    escalated: r.Escalation !== null && r.Escalation !== '',
    position: r.Position,
  };
}

export function riskAssessmentOf(fields: unknown): RiskAssessment | null {
  try {
    return riskAssessmentFromFields(fields, { list: 'Risikovurderinger', itemId: '' });
  } catch {
    return null;
  }
}

export class SharePointRiskItemFeed extends ListChangeFeed<RiskItemFact> implements RiskItemFeed {
  constructor(client: GraphClient, directory: ListDirectory, options: ChangeFeedOptions = {}) {
    super(client, directory, 'riskItems', RISK_ITEM_FEED_COLUMNS, riskItemFactOf, options);
  }
}

export class SharePointRiskAssessmentFeed extends ListChangeFeed<RiskAssessment> implements RiskAssessmentFeed {
  constructor(client: GraphClient, directory: ListDirectory, options: ChangeFeedOptions = {}) {
    super(client, directory, 'riskAssessments', RISK_ASSESSMENT_COLUMNS, riskAssessmentOf, options);
  }
}

// Graph delta on 'Risikoelementer' and 'Risikovurderinger': what the per-instance risk index (heat map, round states)
// is kept in step with. Same engine as the case and measure feeds (ListChangeFeed): 5,000 items a page, only the
// columns the index keeps, a round with nothing new is one request.
import type { RiskAssessmentFeed, RiskItemFact, RiskItemFeed } from '../../app/ports/index.js';
import type { RiskAssessment } from '../../domain/index.js';
import type { GraphClient } from '../graph/index.js';
import { optionalText } from '../mapping/fields.js';
import { RISK_ASSESSMENT_COLUMNS, riskAssessmentFromFields, riskItemRow } from '../mapping/risk.js';
import { type ChangeFeedOptions, ListChangeFeed } from './change-feeds.js';
import type { ListDirectory } from './list-directory.js';

// Only the columns the index keeps, read as the mapping reads them, except where the index needs less.
const itemRow = riskItemRow
  .pick({ RecordId: true, AssessmentId: true, UnitId: true, Likelihood: true, Consequence: true, ResidualLikelihood: true, ResidualConsequence: true, ResidualAcceptable: true, ReportToKlg: true, BreachOfLaw: true, Position: true })
  .extend({
    Title: optionalText,
    // Only whether it is there: the index needs "escalated", not where to.
    Escalation: optionalText,
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
    likelihood: r.Likelihood,
    consequence: r.Consequence,
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

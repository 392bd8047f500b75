// The draft agenda of a committee's next meeting, proposed from the data: standing items, escalations, risk, serious deviations, restanser, follow-up, audits, procedures.
//
// The quality adviser sets the agenda with the chief executive (seed 000); the standing items per level come from the
// strategy (seed 001 app. 1). This function only proposes: the adviser orders, edits, withdraws and adds; the leader
// approves. Everything here is references and counts — free text of cases never goes into a generated item (channel
// cards are built from these items, and case text may hold health information).

import { standingItems, type QualityCommittee, type StandingItem } from './committee.js';
import type { DeviationKind, Severity } from './deviation.js';
import type { AgendaItem, AgendaItemSource } from './meeting.js';
import { descendants, type OrgUnits } from './organisation.js';
import type { Instant } from './oslo-time.js';

/** What raised an agenda entry (the API's AgendaItemKind). */
export type AgendaEntryKind = 'standing' | 'escalation' | 'riskItem' | 'seriousDeviations' | 'overdueMeasures' | 'decisionFollowUp' | 'audit' | 'procedures' | 'proposal' | 'other';

/** What an entry points at: ids and coded fields only. */
export type AgendaLinkRef =
  | { readonly type: 'case'; readonly caseId: string; readonly caseNumber: string; readonly kind: DeviationKind | null; readonly unitId: string | null; readonly severity: Severity | null }
  | { readonly type: 'measure'; readonly measureId: string }
  | { readonly type: 'riskItem'; readonly riskItemId: string; readonly assessmentId: string | null }
  | { readonly type: 'document'; readonly documentId: string };

export interface ProposedAgendaEntry {
  /** Stable per meeting: a second proposal run adds only keys the meeting does not hold. */
  readonly key: string;
  readonly kind: AgendaEntryKind;
  readonly title: string;
  readonly description: string;
  readonly standingItem: StandingItem | null;
  readonly source: AgendaItemSource;
  readonly links: readonly AgendaLinkRef[];
  /** Links left out beyond MAX_AGENDA_LINKS. */
  readonly moreLinks: number;
  readonly durationMinutes: number;
  /** For 'escalation'/'proposal'/'riskItem' entries that place an existing proposal: its id. */
  readonly proposalId: string | null;
}

export interface CaseFact {
  readonly id: string;
  readonly caseNumber: string;
  readonly kind: DeviationKind;
  readonly severity: Severity | null;
  readonly unitId: string;
  readonly reportedAt: Instant;
}

export interface RiskFact {
  readonly id: string;
  readonly assessmentId: string;
  readonly unitId: string;
  /** Unacceptable residual risk (or reported on by the sector head): must be handled above. */
  readonly mustReport: boolean;
  /** Residual (else current) score, for the order: the worst first. */
  readonly score: number;
}

export interface DocumentFact {
  readonly id: string;
  readonly title: string;
  readonly ownerUnitId: string | null;
  readonly approvedAt: Instant | null;
}

export interface AgendaProposalInput {
  readonly committee: QualityCommittee;
  readonly units: OrgUnits;
  /** 'Since the last meeting': the previous meeting's start (or a default window) … */
  readonly since: Instant;
  /** … up to now. */
  readonly now: Date;
  /** The committee's proposals not placed on a meeting yet (escalations from below, risk, input from anyone). */
  readonly pendingProposals: readonly AgendaItem[];
  readonly cases: Iterable<CaseFact>;
  readonly risks: Iterable<RiskFact>;
  /** Open measures past their deadline in the committee's scope: the total and a sample (earliest deadline first). */
  readonly overdueMeasures: { readonly total: number; readonly sampleIds: readonly string[] };
  /** Open measures decided by this committee earlier: they come back until done. */
  readonly followUpMeasureIds: readonly string[];
  readonly documents: Iterable<DocumentFact>;
  /** Keys of the entries the meeting already holds (withdrawn ones too: a withdrawal is the adviser's decision). */
  readonly existingKeys: ReadonlySet<string>;
}

/** Links kept per entry: a channel card and a meeting cannot go through hundreds; the rest are counted. */
export const MAX_AGENDA_LINKS = 25;

const SERIOUS: ReadonlySet<Severity | null> = new Set<Severity | null>(['high', 'critical']);
const EVENT_KINDS: ReadonlySet<DeviationKind> = new Set<DeviationKind>(['adverseEvent', 'nearMiss']);
const AUDIT_KINDS: ReadonlySet<DeviationKind> = new Set<DeviationKind>(['inspectionFinding', 'auditFinding']);

const STANDING_TITLES: Readonly<Record<StandingItem, string>> = {
  qualityIndicators: 'Kvalitetsindikatorer og resultater (dashbord)',
  criticalRisk: 'Kritisk risiko fra avvik, tilsyn og nye styringssignaler – beslutte tiltak',
  internalAuditPlan: 'Internrevisjonsplan',
  auditReports: 'Interne og eksterne revisjonsrapporter og tilsyn',
  annualReportInternalControl: 'Årsberetningens redegjørelse om internkontroll',
  improvementAndLearning: 'Forbedringsarbeid og læring på tvers',
  informUpwards: 'Informere oppover om risiko og forbedringsarbeid',
  deviations: 'Gjennomgang av avvik',
  patientSafetyReports: 'Rapporter fra utvalg for pasient- og brukersikkerhet',
  seriousIncidents: 'Alvorlige hendelser – skal de meldes Statens helsetilsyn?',
  actionList: 'Aksjonsliste og restanser',
};

export function standingItemTitle(item: StandingItem): string {
  return STANDING_TITLES[item];
}

/** The units a committee's agenda looks at: its own unit and everything below it. */
export function committeeScope(committee: Pick<QualityCommittee, 'unitId'>, units: OrgUnits): ReadonlySet<string> {
  return new Set([committee.unitId, ...descendants(committee.unitId, units).map((u) => u.id)]);
}

/** Which kind an agenda item is, from its source, where it was not stored with one (proposals made by case work and risk). */
export function entryKindOfSource(source: AgendaItemSource): AgendaEntryKind {
  switch (source.type) {
    case 'standing':
      return 'standing';
    case 'deviation':
    case 'escalation':
      return 'escalation';
    case 'riskItem':
      return 'riskItem';
    case 'audit':
      return 'audit';
    case 'proposal':
      return 'proposal';
    case 'qualityIndicator':
      return 'other';
  }
}

/** Where generated entries go: after the standing item they belong to (or at the end when the committee has none). */
const AFTER: Readonly<Record<Exclude<AgendaEntryKind, 'standing' | 'other' | 'proposal'>, StandingItem>> = {
  escalation: 'criticalRisk',
  riskItem: 'criticalRisk',
  seriousDeviations: 'criticalRisk',
  audit: 'auditReports',
  overdueMeasures: 'actionList',
  decisionFollowUp: 'actionList',
  procedures: 'improvementAndLearning',
};

const minutes = (kind: AgendaEntryKind): number => (kind === 'standing' || kind === 'procedures' ? 10 : 15);

function cut<T>(all: readonly T[]): { kept: T[]; more: number } {
  return { kept: all.slice(0, MAX_AGENDA_LINKS), more: Math.max(0, all.length - MAX_AGENDA_LINKS) };
}

const caseLink = (c: CaseFact): AgendaLinkRef => ({ type: 'case', caseId: c.id, caseNumber: c.caseNumber, kind: c.kind, unitId: c.unitId, severity: c.severity });
const bySeverityThenNewest = (a: CaseFact, b: CaseFact) => Number(b.severity === 'critical') - Number(a.severity === 'critical') || b.reportedAt.localeCompare(a.reportedAt);

/** 'up' or 'down' when the change is more than 10 % and more than two cases (as the dashboard's trend), else 'flat'. */
export function seriousTrend(now: number, before: number): 'up' | 'down' | 'flat' {
  const change = now - before;
  if (Math.abs(change) <= 2 || Math.abs(change) <= before * 0.1) return 'flat';
  return change > 0 ? 'up' : 'down';
}

const TREND_WORDS = { up: 'økende', down: 'synkende', flat: 'omtrent uendret' } as const;

/**
 * The draft agenda, in the order the adviser starts from: each standing item of the committee's level, with what
 * the data raises placed after the standing item it belongs to. Entries whose key the meeting already holds are left
 * out, so running it again adds only what is new.
 */
export function proposeAgenda(input: AgendaProposalInput): ProposedAgendaEntry[] {
  const { committee, units, existingKeys } = input;
  const scope = committeeScope(committee, units);
  const since = Date.parse(input.since);
  const nowMs = input.now.getTime();
  const window = Math.max(0, nowMs - since);
  const standing = standingItems(committee.kind);
  const generated: ProposedAgendaEntry[] = [];
  const entry = (e: Omit<ProposedAgendaEntry, 'durationMinutes' | 'proposalId'> & { proposalId?: string | null }): ProposedAgendaEntry => ({ durationMinutes: minutes(e.kind), proposalId: null, ...e });
  const group = (key: string, kind: AgendaEntryKind, item: StandingItem, title: string, description: string, links: AgendaLinkRef[], moreLinks: number) =>
    entry({ key, kind, title, description, standingItem: item, source: { type: 'standing', item }, links, moreLinks });

  // Proposals waiting for this committee: escalations from committees below, risk rows, input from anyone.
  const proposedRisk = new Set<string>();
  for (const p of [...input.pendingProposals].filter((x) => x.status === 'proposed' && x.committeeId === committee.id).sort((a, b) => a.id.localeCompare(b.id))) {
    const kind = entryKindOfSource(p.source);
    if (p.source.type === 'riskItem') proposedRisk.add(p.source.riskItemId);
    generated.push(entry({ key: `proposal:${p.id}`, kind, title: p.title, description: p.description, standingItem: null, source: p.source, links: [], moreLinks: 0, proposalId: p.id }));
  }

  // Unacceptable residual risk in the scope, the worst first (rows already proposed are there as their own entries).
  const risks = [...input.risks].filter((r) => r.mustReport && scope.has(r.unitId) && !proposedRisk.has(r.id)).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  if (risks.length > 0) {
    const { kept, more } = cut(risks);
    generated.push(group('riskItems', 'riskItem', 'criticalRisk', `Uakseptabel restrisiko: ${risks.length} risikoelement${risks.length === 1 ? '' : 'er'}`, 'Risikoelementer i utvalgets område der restrisikoen etter tiltak ikke er akseptabel. Utvalget vurderer og beslutter tiltak.', kept.map((r) => ({ type: 'riskItem', riskItemId: r.id, assessmentId: r.assessmentId })), more));
  }

  // Serious deviations and near misses since the last meeting, and the trend against the same length of time before.
  let seriousNow: CaseFact[] = [];
  let seriousBefore = 0;
  const audits: CaseFact[] = [];
  for (const c of input.cases) {
    if (!scope.has(c.unitId)) continue;
    const at = Date.parse(c.reportedAt);
    if (at >= nowMs) continue;
    if (EVENT_KINDS.has(c.kind) && SERIOUS.has(c.severity)) {
      if (at >= since) seriousNow.push(c);
      else if (at >= since - window) seriousBefore++;
    }
    if (AUDIT_KINDS.has(c.kind) && at >= since) audits.push(c);
  }
  if (seriousNow.length > 0) {
    seriousNow = seriousNow.sort(bySeverityThenNewest);
    const critical = seriousNow.filter((c) => c.severity === 'critical').length;
    const trend = seriousTrend(seriousNow.length, seriousBefore);
    const { kept, more } = cut(seriousNow);
    generated.push(group('seriousDeviations', 'seriousDeviations', 'criticalRisk', `Alvorlige avvik siden forrige møte: ${seriousNow.length} (${critical} kritiske)`, `Avvik og nestenuhell med høy eller kritisk alvorlighetsgrad meldt siden forrige møte: ${seriousNow.length}, mot ${seriousBefore} i like lang tid før (${TREND_WORDS[trend]}).`, kept.map(caseLink), more));
  }
  if (audits.length > 0) {
    const { kept, more } = cut(audits.sort(bySeverityThenNewest));
    generated.push(group('audits', 'audit', 'auditReports', `Funn fra tilsyn og revisjon siden forrige møte: ${audits.length}`, 'Funn fra interne og eksterne revisjoner og tilsyn, og hvordan de lukkes.', kept.map(caseLink), more));
  }

  if (input.overdueMeasures.total > 0) {
    const sample = input.overdueMeasures.sampleIds.slice(0, MAX_AGENDA_LINKS);
    generated.push(group('overdueMeasures', 'overdueMeasures', 'actionList', `Restanseliste: ${input.overdueMeasures.total} tiltak over fristen`, 'Åpne tiltak i utvalgets område der fristen er passert. Ansvarlige redegjør, eller utvalget setter ny frist.', sample.map((measureId) => ({ type: 'measure', measureId })), Math.max(0, input.overdueMeasures.total - sample.length)));
  }

  if (input.followUpMeasureIds.length > 0) {
    const { kept, more } = cut(input.followUpMeasureIds);
    generated.push(group('decisionFollowUp', 'decisionFollowUp', 'actionList', `Oppfølging av tidligere vedtak: ${input.followUpMeasureIds.length} tiltak ikke utført`, 'Tiltak utvalget har vedtatt i tidligere møter som ennå ikke er utført. De kommer tilbake på sakslisten til de er utført.', kept.map((measureId) => ({ type: 'measure', measureId })), more));
  }

  const documents = [...input.documents]
    .filter((d) => d.approvedAt !== null && Date.parse(d.approvedAt) >= since && Date.parse(d.approvedAt) < nowMs && (d.ownerUnitId === null || scope.has(d.ownerUnitId)))
    .sort((a, b) => (b.approvedAt ?? '').localeCompare(a.approvedAt ?? ''));
  if (documents.length > 0) {
    const { kept, more } = cut(documents);
    generated.push(group('procedures', 'procedures', 'improvementAndLearning', `Nye og endrede prosedyrer siden forrige møte: ${documents.length}`, 'Prosedyrer og styringsdokumenter godkjent siden forrige møte. Ledere sørger for at de er kjent der de gjelder.', kept.map((d) => ({ type: 'document', documentId: d.id })), more));
  }

  // Standing items in the strategy's order, each followed by what belongs to it; the rest before 'informUpwards'.
  const out: ProposedAgendaEntry[] = [];
  const placed = new Set<ProposedAgendaEntry>();
  const belongsTo = (e: ProposedAgendaEntry) => (e.kind === 'standing' || e.kind === 'other' || e.kind === 'proposal' ? null : AFTER[e.kind]);
  const place = (entries: readonly ProposedAgendaEntry[]) => {
    for (const e of entries) {
      out.push(e);
      placed.add(e);
    }
  };
  const rest = () => generated.filter((e) => !placed.has(e));
  for (const item of standing) {
    if (item === 'informUpwards') place(rest().filter((x) => { const b = belongsTo(x); return b === null || !standing.includes(b); }));
    out.push(entry({ key: `standing:${item}`, kind: 'standing', title: STANDING_TITLES[item], description: '', standingItem: item, source: { type: 'standing', item }, links: [], moreLinks: 0 }));
    place(rest().filter((x) => belongsTo(x) === item));
  }
  for (const e of rest()) out.push(e);
  return out.filter((e) => !existingKeys.has(e.key));
}

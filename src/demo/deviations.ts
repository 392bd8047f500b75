// Two years of reports for the demo municipality: kinds, texts and severities from templates, case numbers through the domain.
import type { Area } from './catalogue.js';
import { orgUnitsById, reportDeviation, SEVERITIES, type Deviation, type DeviationKind, type Measure, type OrgUnit, type Severity } from '../domain/index.js';
import { defaultMeasureChance, progressCase, type CaseTexts } from './deviation-lifecycle.js';
import { planReports } from './deviation-timeline.js';
import { must } from './measures.js';
import type { Organisation } from './organisation.js';
import { chance, logNormal, pick, weighted, type Random } from './random.js';
import { fill } from './text.js';
import { AUDIT_FINDINGS, COMMON, INSPECTION_FINDINGS, TEMPLATES } from './templates/common.js';
import { fitsKind, type AreaTemplates, type EventTemplate, type FindingTemplate, type NoteTemplate, type SeverityWeights } from './templates/types.js';

export interface DeviationOptions {
  readonly now: Date;
  readonly years: number;
  /** Reports per employee and year; 0.75 by default. */
  readonly perEmployeeYear: number;
}

export interface GeneratedDeviations {
  readonly deviations: readonly Deviation[];
  readonly measures: readonly Measure[];
}

// Mostly events and near misses, some proposals, a few positive reports and findings (seeds 001, 004).
const KIND_WEIGHTS: readonly (readonly [DeviationKind, number])[] = [
  ['adverseEvent', 62],
  ['nearMiss', 19],
  ['improvementProposal', 12],
  ['positiveFeedback', 4.5],
  ['inspectionFinding', 1.2],
  ['auditFinding', 1.3],
];

const DEFAULT_SEVERITY: SeverityWeights = [55, 30, 12, 3];
// Templates give the spread for their own kind of event; most reports overall are of minor harm.
const SEVERITY_SKEW: SeverityWeights = [1.4, 1, 0.75, 0.6];
const HOUR = 3_600_000;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The leader who handles a case: the unit's leader (sometimes the deputy), or the one above when the reporter leads the unit. */
export function handlerFor(random: Random, unit: OrgUnit, reporterId: string, units: ReadonlyMap<string, OrgUnit>): string {
  const leadsIt = unit.leaderId === reporterId || unit.deputyLeaderId === reporterId;
  const parent = unit.parentId === null ? undefined : units.get(unit.parentId);
  if (leadsIt && parent) return parent.leaderId;
  if (unit.deputyLeaderId && unit.deputyLeaderId !== reporterId && chance(random, 0.15)) return unit.deputyLeaderId;
  return unit.leaderId;
}

function findingsFor(templates: readonly FindingTemplate[], area: Area): FindingTemplate[] {
  return templates.filter((f) => f.areas === 'all' || f.areas.includes(area));
}

export function generateDeviations(random: Random, org: Organisation, options: DeviationOptions): GeneratedDeviations {
  const units = orgUnitsById(org.units);
  const { directory } = org;
  const sequences = new Map<number, number>();
  const deviations: Deviation[] = [];
  const measures: Measure[] = [];
  let measureCount = 0;
  const ctx = {
    now: options.now,
    persons: directory.persons,
    nextMeasureId: () => `measure-${pad(++measureCount, 6)}`,
    measureChance: defaultMeasureChance,
    ownerCandidates: (d: Deviation) => directory.members.get(d.unitId) ?? [],
  };
  const inspections = new Map<Area, FindingTemplate[]>();
  const audits = new Map<Area, FindingTemplate[]>();
  const fitting = new Map<string, readonly (EventTemplate | NoteTemplate)[]>();

  for (const planned of planReports(random, org, options.now, options.years, options.perEmployeeYear)) {
    const node = directory.nodes.get(planned.nodeId);
    if (!node) continue;
    const kind = weighted(random, KIND_WEIGHTS);
    let reporterId = planned.reporterId;
    let unitId = planned.nodeId;
    let template: EventTemplate | NoteTemplate;

    if (kind === 'inspectionFinding' || kind === 'auditFinding') {
      const cache = kind === 'inspectionFinding' ? inspections : audits;
      const list = cache.get(planned.area) ?? findingsFor(kind === 'inspectionFinding' ? INSPECTION_FINDINGS : AUDIT_FINDINGS, planned.area);
      cache.set(planned.area, list);
      template = pick(random, list);
      // Findings belong to the unit (virksomhet); the leader reports an inspection, a quality adviser an internal audit.
      unitId = node.level === 'service' && node.parentId ? node.parentId : node.id;
      reporterId = kind === 'inspectionFinding' ? (units.get(unitId)?.leaderId ?? reporterId) : pick(random, directory.qualityAdviserIds);
    } else {
      const common = chance(random, 0.2);
      const key = `${node.kind}|${kind}|${common}`;
      let list = fitting.get(key);
      if (!list) {
        const set = common ? COMMON : TEMPLATES[planned.area];
        const forKind = (s: AreaTemplates) =>
          (kind === 'adverseEvent' ? s.events : kind === 'nearMiss' ? s.nearMisses : kind === 'improvementProposal' ? s.proposals : s.praise).filter((t) =>
            fitsKind(t, node.kind),
          );
        list = forKind(set);
        if (list.length === 0) list = forKind(COMMON); // a unit kind without its own template of this kind
        fitting.set(key, list);
      }
      template = pick(random, list);
    }

    const event = 'cause' in template ? template : null;
    const severity: Severity | null =
      event && (kind === 'adverseEvent' || kind === 'nearMiss')
        ? weighted(random, SEVERITIES.map((s, i) => [s, ((event.severity ?? DEFAULT_SEVERITY)[i] ?? 0) * (SEVERITY_SKEW[i] ?? 1)] as const))
        : null;
    const reportedMs = planned.reportedAt.getTime();
    const occurredAt =
      kind === 'improvementProposal' ? null
      : kind === 'inspectionFinding' || kind === 'auditFinding' ? new Date(reportedMs - logNormal(random, 72, 0.8) * HOUR).toISOString()
      : new Date(reportedMs - Math.min(logNormal(random, 2, 1.2), 24 * 7) * HOUR).toISOString();

    const sequence = (sequences.get(planned.year) ?? 0) + 1;
    sequences.set(planned.year, sequence);
    const id = `deviation-${pad(deviations.length + 1, 6)}`;
    const report = must(
      reportDeviation(
        {
          id,
          sequence,
          kind,
          title: fill(random, template.title),
          description: fill(random, template.description),
          location: unitId === node.id ? node.name : (units.get(unitId)?.name ?? node.name),
          occurredAt,
          reporterId,
          unitId,
          severity,
          consequenceFor: event?.consequenceFor ?? [],
          immediateAction: event?.immediateAction ?? null,
          healthRelated: event?.health ?? false,
        },
        planned.reportedAt,
      ),
      'report',
    );
    const unit = units.get(unitId);
    if (!unit) throw new Error(`Unknown unit ${unitId}`);
    const texts: CaseTexts = { cause: event?.cause ?? null, ...(template.measure ? { measure: template.measure } : {}) };
    const finding = kind === 'inspectionFinding' || kind === 'auditFinding';
    const handlerId = finding ? unit.leaderId : handlerFor(random, unit, reporterId, units);
    const progressed = progressCase(random, report, handlerId, texts, ctx);
    deviations.push(progressed.deviation);
    measures.push(...progressed.measures);
  }
  return { deviations, measures };
}

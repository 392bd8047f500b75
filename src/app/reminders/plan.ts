// Who gets what in the daily digest: every leader channel, the overdue measures, reviews due and risk deadlines in its
// scope, as the lines its card shows. Pure: the data comes in, nothing is read or sent here.
//
// A leader channel's scope is its unit and everything below it (the leader-channel directory links a unit to its
// channel; the committees' own look-up replaces this when src/app/committees brings one). A measure in a service
// therefore appears in its unit's channel, its sector's and the municipality's, if each has one: each leader group
// sees what is overdue under it.
import { type CalendarDate, type Measure, type OrgUnits, daysBetween, toOsloDate, unitChain } from '../../domain/index.js';
import type { DigestLine, DigestTotals } from '../../cards/reminder-digest-card.js';

/** What the index or SharePoint knows of a measure's case: enough to decide whether its text may go to a channel. */
export interface CaseFactsForChannel {
  readonly caseNumber: string;
  readonly healthRelated: boolean;
}

export interface ReviewDue {
  readonly documentId: string;
  readonly title: string;
  readonly ownerUnitId: string;
  readonly dueDate: CalendarDate;
}

export interface RiskDeadline {
  /** Stable per deadline (round, kind, unit or task). */
  readonly key: string;
  readonly title: string;
  /** The unit it concerns; null for the round's work-plan tasks, which go to the top unit's channel. */
  readonly unitId: string | null;
  readonly deadline: CalendarDate;
}

export interface PlanInput {
  readonly now: Date;
  readonly units: OrgUnits;
  /** Unit id → the channels whose scope starts there (its leader channel, its committees' channels). */
  readonly channels: ReadonlyMap<string, readonly string[]>;
  /** Open and in-progress measures whose deadline has passed. */
  readonly overdue: readonly Measure[];
  /** A deviation measure's case (null: not found among ordinary cases, so treated as one whose details stay out). */
  readonly caseOf: (deviationId: string) => CaseFactsForChannel | null;
  readonly ownerNames: ReadonlyMap<string, string>;
  readonly reviews: readonly ReviewDue[];
  readonly risk: readonly RiskDeadline[];
  readonly caseUrl: (caseId: string) => string;
}

export interface ChannelDigest {
  readonly channelId: string;
  readonly unitId: string;
  readonly unitName: string;
  readonly lines: readonly DigestLine[];
  readonly totals: DigestTotals;
}

/** The channels above and at a unit, nearest first (the unit's own, its sector's, the municipality's). */
function channelsOver(unitId: string | null, input: PlanInput, top: string | null): string[] {
  if (unitId === null) return top ? [...(input.channels.get(top) ?? [])] : [];
  return [...new Set(unitChain(unitId, input.units).flatMap((u) => input.channels.get(u.id) ?? []))];
}

/** One digest per leader channel with anything in it; channels with nothing due get none. */
export function planDigests(input: PlanInput): Map<string, ChannelDigest> {
  const today = toOsloDate(input.now);
  const lines = new Map<string, DigestLine[]>();
  const add = (channelIds: readonly string[], line: DigestLine) => {
    for (const id of channelIds) {
      const list = lines.get(id);
      if (list) list.push(line);
      else lines.set(id, [line]);
    }
  };
  const top = [...input.units.values()].find((u) => u.parentId === null)?.id ?? null;
  const unitName = (id: string | null) => (id === null ? '' : (input.units.get(id)?.name ?? ''));

  const measures = [...input.overdue].sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.id < b.id ? -1 : 1));
  for (const m of measures) {
    let title: string | null = m.title;
    let caseNumber: string | null = null;
    let caseUrl: string | null = null;
    if (m.source.type === 'deviation') {
      const c = input.caseOf(m.source.deviationId);
      // Health information (or a case that cannot be checked) keeps the measure's text out of the channel: case
      // number, unit and deadline only.
      if (!c || c.healthRelated) title = null;
      caseNumber = c?.caseNumber ?? null;
      caseUrl = c ? input.caseUrl(m.source.deviationId) : null;
    }
    add(channelsOver(m.unitId, input, top), {
      kind: 'measure',
      measureId: m.id,
      title,
      caseNumber,
      caseUrl,
      unitName: unitName(m.unitId),
      ownerName: title === null ? null : (input.ownerNames.get(m.ownerId) ?? null),
      deadline: m.deadline,
      daysOverdue: daysBetween(m.deadline, today),
      state: { type: 'open' },
    });
  }
  const reviews = [...input.reviews].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.title.localeCompare(b.title, 'nb')));
  for (const r of reviews) {
    add(channelsOver(r.ownerUnitId, input, top), { kind: 'review', documentId: r.documentId, title: r.title, unitName: unitName(r.ownerUnitId), dueDate: r.dueDate, daysOverdue: Math.max(0, daysBetween(r.dueDate, today)) });
  }
  const risk = [...input.risk].sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
  for (const r of risk) {
    add(channelsOver(r.unitId, input, top), { kind: 'risk', key: r.key, title: r.title, unitName: r.unitId === null ? null : unitName(r.unitId), deadline: r.deadline, daysLeft: daysBetween(today, r.deadline) });
  }

  const out = new Map<string, ChannelDigest>();
  for (const [unitId, channelIds] of input.channels) for (const channelId of channelIds) {
    const list = lines.get(channelId);
    if (!list || list.length === 0 || out.has(channelId)) continue;
    const count = (kind: DigestLine['kind']) => list.filter((l) => l.kind === kind).length;
    out.set(channelId, { channelId, unitId, unitName: unitName(unitId), lines: list, totals: { measures: count('measure'), reviews: count('review'), risk: count('risk') } });
  }
  return out;
}

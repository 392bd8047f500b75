// Tests for two years of reports: rate, season, where they happen, case numbers, and a lifecycle the domain allows.
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  canHandle,
  hasRootCause,
  kindRequiresRootCause,
  kindRequiresSeverity,
  orgUnitsById,
  parseCaseNumber,
  caseYear,
  CASE_PREFIX,
  sectorOf,
  type CaseActionType,
} from '../domain/index.js';
import { demo, NOW } from './test-fixture.js';

const m = demo();
const units = orgUnitsById(m.units);
const people = new Map(m.people.map((p) => [p.id, p]));
const ctx = { units, whistleblowingRecipientIds: new Set<string>() };
const share = (pred: (d: (typeof m.deviations)[number]) => boolean) => m.deviations.filter(pred).length / m.deviations.length;

describe('generated deviations', () => {
  it('come at about 0.75 per employee and year (± 10 %)', () => {
    const expected = 0.75 * m.people.length * m.years;
    expect(Math.abs(m.deviations.length - expected) / expected).toBeLessThan(0.1);
  });

  it('are seasonal: more in January than in July, every year', () => {
    const inMonth = (ym: string) => m.deviations.filter((d) => d.reportedAt.startsWith(ym)).length;
    expect(inMonth('2025-01')).toBeGreaterThan(inMonth('2025-07') * 1.3);
    expect(inMonth('2026-01')).toBeGreaterThan(inMonth('2025-07') * 1.3);
  });

  it('happen mostly in health and schools', () => {
    expect(share((d) => ['mh', 'ol'].includes(sectorOf(d.unitId, units)?.id ?? ''))).toBeGreaterThan(0.5);
    expect(share((d) => sectorOf(d.unitId, units)?.id === 'mh')).toBeGreaterThan(share((d) => sectorOf(d.unitId, units)?.id === 'ov'));
  });

  it('are mostly adverse events and near misses, with some proposals and a few praise and findings', () => {
    const kind = (k: string) => share((d) => d.kind === k);
    expect(kind('adverseEvent') + kind('nearMiss')).toBeGreaterThan(0.7);
    expect(kind('improvementProposal')).toBeGreaterThan(0.05);
    for (const k of ['positiveFeedback', 'inspectionFinding', 'auditFinding']) {
      expect(kind(k)).toBeGreaterThan(0);
      expect(kind(k)).toBeLessThan(0.08);
    }
    expect(m.deviations.some((d) => d.kind === 'whistleblowingReport')).toBe(false);
  });

  it('have severities skewed low, and only where the kind needs one', () => {
    for (const d of m.deviations) expect(d.severity !== null).toBe(kindRequiresSeverity(d.kind));
    const rated = m.deviations.filter((d) => d.severity !== null);
    const count = (s: string) => rated.filter((d) => d.severity === s).length;
    expect(count('low')).toBeGreaterThan(count('high'));
    expect(count('high')).toBeGreaterThan(count('critical'));
    expect(count('critical') / rated.length).toBeLessThan(0.05);
  });

  it('include health-related cases, in health and care above all', () => {
    const health = m.deviations.filter((d) => d.healthRelated);
    expect(health.length).toBeGreaterThan(m.deviations.length * 0.1);
    expect(health.filter((d) => sectorOf(d.unitId, units)?.id === 'mh').length).toBeGreaterThan(health.length / 2);
  });

  it('have unique case numbers that parse, with the kind prefix and the Oslo year of reporting', () => {
    expect(new Set(m.deviations.map((d) => d.caseNumber)).size).toBe(m.deviations.length);
    for (const d of m.deviations) {
      const parsed = parseCaseNumber(d.caseNumber);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.prefix).toBe(CASE_PREFIX[d.kind]);
      expect(parsed.value.year).toBe(caseYear(new Date(d.reportedAt)));
    }
  });

  it('number each year from 1 without gaps in the ordinary series', () => {
    const byYear = new Map<number, number[]>();
    for (const d of m.deviations) {
      const p = parseCaseNumber(d.caseNumber);
      if (p.ok) byYear.set(p.value.year, [...(byYear.get(p.value.year) ?? []), p.value.sequence]);
    }
    for (const seqs of byYear.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('refer to people and units that exist, with no names or numbers of real people in the text', () => {
    for (const d of m.deviations) {
      expect(units.has(d.unitId)).toBe(true);
      expect(people.has(d.reporterId)).toBe(true);
      if (d.handlerId) expect(people.has(d.handlerId)).toBe(true);
      for (const e of d.history) expect(people.has(e.actorId)).toBe(true);
      expect(`${d.title} ${d.description}`).not.toMatch(/\{|\}|\d{11}|@/); // no unfilled slots, fødselsnummer or addresses
    }
  });

  it('follow the domain lifecycle step by step, up to now', () => {
    for (const d of m.deviations) {
      const [first, ...rest] = d.history;
      expect(first).toMatchObject({ type: 'report', from: null, to: 'new', actorId: d.reporterId, at: d.reportedAt });
      let status = first?.to;
      let at = d.reportedAt;
      for (const e of rest) {
        expect(e.from).toBe(status);
        expect(allowedActions({ ...d, status: e.from ?? 'new' })).toContain(e.type as CaseActionType);
        expect(e.at >= at).toBe(true);
        status = e.to;
        at = e.at;
      }
      expect(d.status).toBe(status);
      expect(Date.parse(at)).toBeLessThanOrEqual(NOW.getTime());
      if (d.occurredAt) expect(d.occurredAt <= d.reportedAt).toBe(true);
    }
  });

  it('keep each status consistent: closed ones have closedAt and a note, decided ones a measure or a reason, analysed ones a root cause', () => {
    for (const d of m.deviations) {
      expect(d.closedAt !== null).toBe(d.status === 'closed');
      expect(d.closingNote !== null).toBe(d.status === 'closed');
      const decided = d.history.some((e) => e.type === 'decideMeasures');
      if (decided) expect(d.measureIds.length > 0 || d.noMeasureReason !== null).toBe(true);
      if (decided && kindRequiresRootCause(d.kind)) expect(hasRootCause(d.analysis)).toBe(true);
      if (d.status !== 'new') expect(d.handlerId).not.toBeNull();
    }
  });

  it('are handled by someone the domain lets handle them', () => {
    for (const d of m.deviations) {
      if (!d.handlerId) continue;
      const handler = people.get(d.handlerId);
      expect(handler && canHandle(handler, d, ctx)).toBe(true);
    }
  });

  it('progress with age: old ones mostly closed, the last days mostly new or received', () => {
    const age = (d: (typeof m.deviations)[number]) => (NOW.getTime() - Date.parse(d.reportedAt)) / 86_400_000;
    const old = m.deviations.filter((d) => age(d) > 180);
    expect(old.filter((d) => d.status === 'closed').length / old.length).toBeGreaterThan(0.9);
    const recent = m.deviations.filter((d) => age(d) < 3);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.filter((d) => d.status === 'new' || d.status === 'received').length / recent.length).toBeGreaterThan(0.6);
    expect(m.deviations.some((d) => d.history.some((e) => e.type === 'reopen'))).toBe(true);
  });

  it('fit the unit they come from: home visits in home care, waiting times at the legevakt', () => {
    const unitName = (id: string) => {
      const u = units.get(id);
      return u?.level === 'service' ? (units.get(u.parentId ?? '')?.name ?? '') : (u?.name ?? '');
    };
    const where = (title: string) => m.deviations.filter((d) => d.title === title).map((d) => unitName(d.unitId));
    expect(where('Planlagt besøk ble ikke gjennomført').length).toBeGreaterThan(0);
    for (const name of where('Planlagt besøk ble ikke gjennomført')) expect(name).toMatch(/^Hjemmetjenesten /);
    for (const name of where('Lang ventetid på legevakten')) expect(name).toBe('Legevakt og KAD');
    for (const name of where('Allergisk reaksjon på SFO')) expect(name).toMatch(/ skole$/);
  });

  it('link measures both ways', () => {
    const measures = new Map(m.measures.map((x) => [x.id, x]));
    for (const d of m.deviations) {
      for (const id of d.measureIds) expect(measures.get(id)?.source).toEqual({ type: 'deviation', deviationId: d.id });
    }
    const linked = new Set(m.deviations.flatMap((d) => d.measureIds));
    for (const x of m.measures) if (x.source.type === 'deviation') expect(linked.has(x.id)).toBe(true);
  });
});

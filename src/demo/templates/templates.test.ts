// Tests for the text templates: every area has texts, titles fit the domain, and kind restrictions name real unit kinds.
import { describe, expect, it } from 'vitest';
import { AREAS, UNIT_SPECS } from '../catalogue.js';
import { TITLE_MAX_LENGTH } from '../../domain/index.js';
import { AUDIT_FINDINGS, CAUSE_TEXTS, COMMON, INSPECTION_FINDINGS, TEMPLATES } from './common.js';
import { RISK_TEMPLATES } from './risk.js';

const all = (t: (typeof TEMPLATES)[keyof typeof TEMPLATES]) => [...t.events, ...t.nearMisses, ...t.proposals, ...t.praise];

describe('templates', () => {
  it.each(AREAS)('%s has events, near misses, proposals, praise and risk rows', (area) => {
    const t = TEMPLATES[area];
    for (const list of [t.events, t.nearMisses, t.proposals, t.praise]) expect(list.length).toBeGreaterThan(0);
    expect(RISK_TEMPLATES[area].length).toBeGreaterThanOrEqual(2);
  });

  it('have short titles and descriptions without personal data', () => {
    for (const t of [...AREAS.flatMap((a) => all(TEMPLATES[a])), ...all(COMMON), ...INSPECTION_FINDINGS, ...AUDIT_FINDINGS]) {
      expect(t.title.length).toBeGreaterThan(0);
      expect(t.title.length).toBeLessThan(TITLE_MAX_LENGTH - 20);
      expect(t.description.length).toBeGreaterThan(t.title.length / 2);
      expect(`${t.title} ${t.description}`).not.toMatch(/@|\d{6}/);
    }
  });

  it('restrict only to unit kinds of the same area', () => {
    for (const area of AREAS) {
      const kinds = new Set(UNIT_SPECS.filter((s) => s.area === area).map((s) => s.kind));
      for (const t of all(TEMPLATES[area])) for (const k of t.kinds ?? []) expect(kinds, `${t.title}: ${k}`).toContain(k);
    }
    expect(all(COMMON).every((t) => t.kinds === undefined)).toBe(true);
  });

  it('give every unit kind at least one adverse event of its own or from the common list', () => {
    for (const spec of UNIT_SPECS) {
      const own = TEMPLATES[spec.area].events.filter((t) => !t.kinds || t.kinds.includes(spec.kind));
      expect(own.length + COMMON.events.length, spec.kind).toBeGreaterThan(COMMON.events.length);
    }
  });

  it('have whys, a root cause and measures for every cause category', () => {
    for (const texts of Object.values(CAUSE_TEXTS)) {
      expect(texts.whys.length).toBeGreaterThan(0);
      expect(texts.rootCause).not.toBe('');
      expect(texts.measures.length).toBeGreaterThan(0);
    }
  });
});

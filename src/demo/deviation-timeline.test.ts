// Tests for when and where reports happen: chronological, inside the window, on the target rate.
import { describe, expect, it } from 'vitest';
import { planReports } from './deviation-timeline.js';
import { generateOrganisation } from './organisation.js';
import { createRandom } from './random.js';
import { NOW } from './test-fixture.js';

const org = generateOrganisation(createRandom(5, 'organisation'), { employees: 2000, municipalityName: 'Test kommune', emailDomain: 'example.test' });
const reports = planReports(createRandom(5, 'timeline'), org, NOW, 2, 0.75);

describe('planReports', () => {
  it('hits the target rate', () => {
    expect(Math.abs(reports.length - 3000) / 3000).toBeLessThan(0.1);
  });

  it('is chronological, inside the two years up to now, with the Oslo year', () => {
    const start = Date.parse('2024-03-15T00:00:00Z');
    for (let i = 0; i < reports.length; i++) {
      const r = reports[i] as (typeof reports)[number];
      expect(r.reportedAt.getTime()).toBeGreaterThanOrEqual(start);
      expect(r.reportedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      if (i > 0) expect(r.reportedAt.getTime()).toBeGreaterThanOrEqual((reports[i - 1] as (typeof reports)[number]).reportedAt.getTime());
      const osloYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric' }).format(r.reportedAt));
      expect(r.year).toBe(osloYear);
    }
  });

  it('comes from people who work in the node given, never from the central staff', () => {
    const members = org.directory.members;
    for (const r of reports) {
      expect(members.get(r.nodeId)).toContain(r.reporterId);
      expect(['unit', 'service']).toContain(org.directory.nodes.get(r.nodeId)?.level);
    }
  });

  it('leaves schools nearly silent on weekends and in July', () => {
    const school = reports.filter((r) => r.area === 'school');
    const weekend = school.filter((r) => [0, 6].includes(new Date(r.reportedAt.getTime() + 2 * 3_600_000).getUTCDay()));
    expect(weekend.length / school.length).toBeLessThan(0.03);
    expect(school.filter((r) => r.reportedAt.toISOString().slice(5, 7) === '07').length / school.length).toBeLessThan(0.01);
  });
});

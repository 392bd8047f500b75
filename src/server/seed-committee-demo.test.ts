import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '../domain/index.js';
import { connectorTeams, demoChannelId, demoChannelPlan, nextMeetingStart } from './seed-committee-demo.js';

describe('the demo committees’ next meetings', () => {
  // Tuesday 24 November 2026, 10:00 in Oslo.
  const now = new Date('2026-11-24T09:00:00.000Z');
  const at = (f: Parameters<typeof nextMeetingStart>[0], when = now) => nextMeetingStart(f, when).toISOString();

  it('fall on the rhythm’s day after today, at Oslo wall-clock time', () => {
    expect(at('weekly')).toBe('2026-11-30T08:00:00.000Z'); // Monday 09:00
    expect(at('monthly')).toBe('2026-12-01T08:00:00.000Z'); // first Tuesday of December
    expect(at('inOperationsMeeting')).toBe('2026-11-26T13:00:00.000Z'); // Thursday 14:00
    expect(at('threePerYear')).toBe('2027-01-20T11:00:00.000Z'); // before the annual report
    expect(at('quarterly')).toBe('2027-02-15T08:00:00.000Z');
  });

  it('keep 09:00 across the change to summer time, and skip weekends', () => {
    expect(at('monthly', new Date('2026-03-10T09:00:00.000Z'))).toBe('2026-04-07T07:00:00.000Z');
    // 20 September 2026 is a Sunday: the Monday after.
    expect(at('threePerYear', new Date('2026-09-01T09:00:00.000Z'))).toBe('2026-09-21T10:00:00.000Z');
  });
});

describe('the demo’s leader teams', () => {
  const units: OrgUnit[] = [
    { id: 'kommune', name: 'Tønsberg kommune', level: 'municipality', parentId: null, leaderId: 'k' },
    { id: 'mh', name: 'Mestring og helse', level: 'sector', parentId: 'kommune', leaderId: 's' },
    { id: 'mh-bo-og-avlastningstjenester-avlastning-for-barn-og-unge-og-familier', name: 'Avlastning', level: 'unit', parentId: 'mh', leaderId: 'u' },
  ];
  const committees = [
    { id: 'committee-kul', kind: 'extendedLeadershipMeeting', unitId: 'kommune' },
    { id: 'committee-klg', kind: 'executiveLeadershipGroup', unitId: 'kommune' },
    { id: 'committee-mh', kind: 'sectorQualityCommittee', unitId: 'mh' },
  ];
  const plan = demoChannelPlan(units, committees, ['mh-bo-og-avlastningstjenester-avlastning-for-barn-og-unge-og-familier']);

  it('give the top a team with KUL and KLG channels, each sector and each named unit a team of its own', () => {
    expect(plan.teams.map((t) => t.teamName)).toEqual(['Kommunedirektørens ledergruppe – Tønsberg kommune', 'Ledere – Mestring og helse', 'Ledere – Avlastning']);
    expect(plan.committeeChannels).toEqual(new Map([['committee-kul', demoChannelId('kul')], ['committee-klg', demoChannelId('klg')], ['committee-mh', demoChannelId('ledere-mh')]]));
    expect([...plan.leaderChannels.keys()]).toEqual(['kommune', 'mh', 'mh-bo-og-avlastningstjenester-avlastning-for-barn-og-unge-og-familier']);
    expect(connectorTeams(plan)[demoChannelId('ledere-kommune')]).toEqual([{ id: demoChannelId('ledere-kommune') }, { id: demoChannelId('kul'), name: 'KUL' }, { id: demoChannelId('klg'), name: 'KLG' }]);
  });

  it('use channel ids Teams’ form and the committee API take (at most 64 characters)', () => {
    for (const t of plan.teams) for (const c of t.channels) expect(c.id).toMatch(/^19:[A-Za-z0-9_.=@:-]{1,61}$/);
    expect(demoChannelId('ledere-mh')).toBe('19:varde-ledere-mh@thread.tacv2');
  });
});

// Tests for quality committees: levels, leaders, standing items, meeting minimums and the reporting line.
import { describe, expect, it } from 'vitest';
import {
  committeeLevels,
  minimumMeetingsPerYear,
  committeeAbove,
  parentCommittee,
  standingItems,
  validateCommittee,
  type CommitteeKind,
  type QualityCommittee,
} from './committee.js';
import { units } from './test-fixtures.js';

function committee(id: string, kind: CommitteeKind, unitId: string, leaderId: string): QualityCommittee {
  return { id, kind, name: id, unitId, leaderId, facilitatorId: null, members: [], heldInOperationsMeeting: kind === 'serviceQualityCommittee' };
}

const KUL = committee('kul', 'extendedLeadershipMeeting', 'k', 'kd');
const KDKU = committee('kdku', 'chiefExecutiveQualityCommittee', 'k', 'kd');
const KLG = committee('klg', 'executiveLeadershipGroup', 'k', 'kd');
const SECTOR = committee('ku-mh', 'sectorQualityCommittee', 'mh', 'ks-mh');
const UNIT = committee('ku-sh', 'unitQualityCommittee', 'sh', 'vl-sh');
const SERVICE = committee('ku-sh-a', 'serviceQualityCommittee', 'sh-a', 'tl-a');
const NIGHT = committee('ku-natt', 'serviceQualityCommittee', 'sh-a-natt', 'al-natt');
const SCHOOL = committee('ku-sk', 'unitQualityCommittee', 'sk', 'vl-sk');
const PATIENT = committee('pbu', 'patientSafetyCommittee', 'mh', 'ko');

describe('validateCommittee', () => {
  it.each([KUL, KDKU, KLG, SECTOR, UNIT, SERVICE, NIGHT, SCHOOL, PATIENT])('accepts $id', (c) => {
    expect(validateCommittee(c, units)).toEqual([]);
  });

  it('accepts the deputy as leader', () => {
    expect(validateCommittee({ ...UNIT, leaderId: 'vl-sh-dep' }, units)).toEqual([]);
  });

  it('rejects a committee on the wrong level', () => {
    const errors = validateCommittee({ ...SECTOR, unitId: 'sh', leaderId: 'vl-sh' }, units);
    expect(errors.map((e) => e.code)).toEqual(['committee.levelMismatch']);
  });

  it('rejects a line committee not led by the unit leader', () => {
    const errors = validateCommittee({ ...SECTOR, leaderId: 'kr' }, units);
    expect(errors.map((e) => e.code)).toEqual(['committee.leaderMismatch']);
    expect(errors[0]?.message).toContain('skal ledes av lederen');
  });

  it('lets the chief physician lead the patient-safety committee', () => {
    expect(validateCommittee({ ...PATIENT, unitId: 'k' }, units)).toEqual([]);
    expect(committeeLevels('patientSafetyCommittee')).toEqual(['municipality', 'sector']);
  });

  it('rejects an unknown unit', () => {
    expect(validateCommittee({ ...UNIT, unitId: 'gone' }, units).map((e) => e.code)).toEqual(['org.unknownUnit']);
  });
});

describe('standing items', () => {
  it('gives the top committee the audit plan and the annual report, and KUL the same', () => {
    expect(standingItems('chiefExecutiveQualityCommittee')).toContain('internalAuditPlan');
    expect(standingItems('chiefExecutiveQualityCommittee')).toContain('annualReportInternalControl');
    expect(standingItems('extendedLeadershipMeeting')).toEqual(standingItems('chiefExecutiveQualityCommittee'));
  });

  it('has every lower line committee inform upwards, and the top one not', () => {
    for (const kind of ['sectorQualityCommittee', 'unitQualityCommittee', 'serviceQualityCommittee'] as const) {
      expect(standingItems(kind)).toContain('informUpwards');
    }
    expect(standingItems('chiefExecutiveQualityCommittee')).not.toContain('informUpwards');
  });

  it('reviews deviations in the service committee and serious incidents in the patient-safety committee', () => {
    expect(standingItems('serviceQualityCommittee')[0]).toBe('deviations');
    expect(standingItems('patientSafetyCommittee')).toContain('seriousIncidents');
    expect(standingItems('executiveLeadershipGroup')).toEqual(['criticalRisk', 'actionList']);
  });
});

describe('minimumMeetingsPerYear', () => {
  it.each([
    ['chiefExecutiveQualityCommittee', 3],
    ['sectorQualityCommittee', 3],
    ['unitQualityCommittee', 3],
    ['extendedLeadershipMeeting', 12],
    ['serviceQualityCommittee', null],
    ['patientSafetyCommittee', null],
    ['executiveLeadershipGroup', null],
  ] as const)('%s: %s', (kind, expected) => {
    expect(minimumMeetingsPerYear(kind)).toBe(expected);
  });
});

describe('parentCommittee', () => {
  const all = [KDKU, KUL, KLG, SECTOR, UNIT, SERVICE, NIGHT, SCHOOL, PATIENT];

  it.each([
    [NIGHT, 'ku-sh-a'],
    [SERVICE, 'ku-sh'],
    [UNIT, 'ku-mh'],
    [SECTOR, 'kul'], // KUL before KDKU, never KLG
    [SCHOOL, 'kul'], // no committee in Oppvekst og læring: skips to the top
    [KUL, undefined],
  ])('$id reports to %s', (c, expected) => {
    expect(parentCommittee(c, all, units)?.id).toBe(expected);
  });

  it('falls back to KDKU where there is no KUL, and skips a missing level', () => {
    const withoutKul = all.filter((c) => c.id !== 'kul' && c.id !== 'ku-sh');
    expect(parentCommittee(SECTOR, withoutKul, units)?.id).toBe('kdku');
    expect(parentCommittee(SERVICE, withoutKul, units)?.id).toBe('ku-mh');
  });

  it('never reports to the patient-safety committee', () => {
    expect(parentCommittee(UNIT, [PATIENT, KUL], units)?.id).toBe('kul');
  });
});

describe('committeeAbove: where a case of a unit is escalated', () => {
  const all = [KDKU, KUL, KLG, SECTOR, UNIT, SERVICE, NIGHT, SCHOOL, PATIENT];

  it.each([
    ['sh-a-natt', 'ku-sh-a'], // the night service's case goes to its department's committee, not its own
    ['sh-a', 'ku-sh'],
    ['sh', 'ku-mh'],
    ['ht', 'ku-mh'], // a unit without a committee of its own still escalates to the sector's
    ['mh', 'kul'], // KUL before KDKU; never KLG or the patient-safety committee
    ['sk', 'kul'],
    ['k', undefined],
    ['nope', undefined],
  ])('a case in %s goes to %s', (unitId, expected) => {
    expect(committeeAbove(unitId, all, units)?.id).toBe(expected);
  });

  it('skips levels without a line committee', () => {
    expect(committeeAbove('sh-a-natt', all.filter((c) => c.id !== 'ku-sh-a' && c.id !== 'ku-sh'), units)?.id).toBe('ku-mh');
  });
});

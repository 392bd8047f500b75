// QualityCommittee ↔ fields: round trip with members as JSON; unknown kinds refused.
import { describe, expect, it } from 'vitest';
import type { QualityCommittee } from '../../domain/index.js';
import { COMMITTEE_COLUMNS, committeeFromFields, committeeToFields } from './committee.js';
import { SOURCE, readBack } from './test-support.js';

const committee: QualityCommittee = {
  id: 'c1',
  kind: 'unitQualityCommittee',
  name: 'Kvalitetsutvalget, Eikeberg sykehjem',
  unitId: 'sh',
  leaderId: 'vl-sh',
  facilitatorId: null,
  members: [
    { personId: 'vl-sh', role: 'leader' },
    { personId: 'hvo', role: 'safetyRepresentative' },
  ],
  heldInOperationsMeeting: true,
};

describe('committee mapping', () => {
  it('round-trips a committee', () => {
    expect(committeeFromFields(readBack(committeeToFields(committee)), SOURCE)).toEqual(committee);
    expect(new Set(Object.keys(committeeToFields(committee)))).toEqual(new Set(COMMITTEE_COLUMNS));
  });

  it('an unknown kind or member role is a corrupt row', () => {
    expect(() => committeeFromFields(readBack(committeeToFields(committee), { Kind: 'club' }), SOURCE)).toThrow(/Kind/);
    expect(() => committeeFromFields(readBack(committeeToFields(committee), { Members: '[{"personId":"x","role":"boss"}]' }), SOURCE)).toThrow(/Members/);
  });
});

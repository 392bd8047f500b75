// AgendaItem ↔ fields: a proposal without meeting or number round-trips; the source is kept whole and as kind + id for filters.
import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '../../domain/index.js';
import { AGENDA_ITEM_COLUMNS, agendaItemFromFields, agendaItemToFields } from './agenda-item.js';
import { SOURCE, readBack } from './test-support.js';

const proposal: AgendaItem = {
  id: 'a1',
  committeeId: 'ku-sh',
  meetingId: null,
  sequence: null,
  year: 2026,
  title: 'AV-2026-00012: Fall på badet',
  description: 'Se på bemanningen om natten.',
  source: { type: 'deviation', deviationId: 'd1' },
  preparedById: 'tl-a',
  presenterId: null,
  durationMinutes: 0,
  status: 'proposed',
};

describe('agenda item mapping', () => {
  it('round-trips a proposal; Source and SourceId are there to filter on', () => {
    const fields = agendaItemToFields(proposal);
    expect(fields).toMatchObject({ Source: 'deviation', SourceId: 'd1', Status: 'proposed', CommitteeId: 'ku-sh', MeetingId: null, Number: null, OwnerId: 'tl-a' });
    expect(agendaItemFromFields(readBack(fields), SOURCE)).toEqual(proposal);
  });

  it('an item on a meeting carries its number; every source kind round-trips', () => {
    const placed: AgendaItem = { ...proposal, meetingId: 'm1', sequence: 12, status: 'accepted', source: { type: 'escalation', fromCommitteeId: 'ku-sh-a', decisionId: 'v9' } };
    const fields = agendaItemToFields(placed);
    expect(fields).toMatchObject({ Number: '12/26', Source: 'escalated', SourceId: 'ku-sh-a' });
    expect(agendaItemFromFields(readBack(fields), SOURCE)).toEqual(placed);
    const standing: AgendaItem = { ...proposal, source: { type: 'standing', item: 'qualityIndicators' } };
    expect(agendaItemFromFields(readBack(agendaItemToFields(standing)), SOURCE)).toEqual(standing);
  });

  it('selects every column it writes, and a source of the wrong shape is a corrupt row', () => {
    expect(new Set(Object.keys(agendaItemToFields(proposal)))).toEqual(new Set(AGENDA_ITEM_COLUMNS));
    expect(() => agendaItemFromFields(readBack(agendaItemToFields(proposal), { SourceDetails: '{"type":"deviation"}' }), SOURCE)).toThrow(/SourceDetails/);
  });
});

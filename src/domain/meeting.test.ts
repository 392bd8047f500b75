// Tests for the small meeting rules: item numbers, the agenda, time budget and readiness of the minutes.
import { describe, expect, it } from 'vitest';
import { agendaFits, agendaItemNumber, agendaOf, mayPublishMinutes, meetingMinutes, proposeAgendaItem, unresolvedAgendaItems, type AgendaItem, type Decision, type Meeting } from './meeting.js';

// KUL: three hours, across the spring DST change to show durations come from instants.
const kul: Meeting = {
  id: 'kul-2026-03',
  committeeId: 'kul',
  title: 'KUL mars',
  startsAt: '2026-03-29T00:30:00.000Z',
  endsAt: '2026-03-29T03:30:00.000Z',
  location: null,
  onlineMeetingJoinUrl: null,
  status: 'held',
};

function item(id: string, sequence: number, status: AgendaItem['status'], durationMinutes = 30): AgendaItem {
  return {
    id,
    committeeId: kul.committeeId,
    meetingId: kul.id,
    sequence,
    year: 2026,
    title: id,
    description: '',
    source: { type: 'standing', item: 'qualityIndicators' },
    preparedById: 'kr',
    presenterId: null,
    durationMinutes,
    status,
  };
}

const decision = (agendaItemId: string): Decision => ({
  id: `v-${agendaItemId}`,
  meetingId: kul.id,
  agendaItemId,
  text: 'Tatt til orientering.',
  decidedAt: '2026-03-29T01:00:00.000Z',
  measureIds: [],
  escalateToCommitteeId: null,
});

describe('agendaItemNumber', () => {
  it.each([
    [12, 2026, '12/26'],
    [1, 2030, '1/30'],
    [3, 2105, '3/05'],
  ])('sak %i in %i is %s', (sequence, year, expected) => {
    expect(agendaItemNumber({ sequence, year })).toBe(expected);
  });
});

describe('agenda', () => {
  const items = [item('c', 3, 'accepted'), item('a', 1, 'handled'), item('p', 2, 'proposed'), item('w', 4, 'withdrawn'), item('u', 5, 'postponed')];

  it('holds accepted, handled and postponed items in order', () => {
    expect(agendaOf(items).map((i) => i.id)).toEqual(['a', 'c', 'u']);
  });

  it('measures the meeting from its instants', () => {
    expect(meetingMinutes(kul)).toBe(180);
  });

  it('fits three hours exactly, not a minute more, and ignores proposed items', () => {
    const full = [item('1', 1, 'accepted', 90), item('2', 2, 'accepted', 90), item('x', 3, 'proposed', 60)];
    expect(agendaFits(kul, full)).toBe(true);
    expect(agendaFits(kul, [...full, item('3', 4, 'accepted', 1)])).toBe(false);
  });
});

describe('minutes', () => {
  it('waits for items not yet handled and for handled items without a decision', () => {
    const items = [item('a', 1, 'handled'), item('b', 2, 'handled'), item('c', 3, 'accepted'), item('d', 4, 'postponed')];
    expect(unresolvedAgendaItems(items, [decision('a')]).map((i) => i.id)).toEqual(['b', 'c']);
    expect(mayPublishMinutes(kul, items, [decision('a')])).toBe(false);
  });

  it('may be published once every item is decided or postponed and the meeting is held', () => {
    const items = [item('a', 1, 'handled'), item('d', 2, 'postponed'), item('p', 3, 'proposed')];
    expect(mayPublishMinutes(kul, items, [decision('a')])).toBe(true);
    expect(mayPublishMinutes({ ...kul, status: 'agendaPublished' }, items, [decision('a')])).toBe(false);
  });
});

describe('proposeAgendaItem', () => {
  const input = { id: 'p1', committeeId: 'ku-sh', title: '  AV-2026-00012: Fall på badet ', description: ' Se på bemanningen om natten. ', source: { type: 'deviation', deviationId: 'd1' } as const, proposedById: 'tl-a' };

  it('is a proposal waiting for the agenda setter: no meeting, no number, the Oslo year it was raised in', () => {
    // 23:30 UTC on New Year's Eve is already 2027 in Oslo.
    const r = proposeAgendaItem(input, new Date('2026-12-31T23:30:00Z'));
    expect(r).toEqual({
      ok: true,
      value: {
        id: 'p1',
        committeeId: 'ku-sh',
        meetingId: null,
        sequence: null,
        year: 2027,
        title: 'AV-2026-00012: Fall på badet',
        description: 'Se på bemanningen om natten.',
        source: { type: 'deviation', deviationId: 'd1' },
        preparedById: 'tl-a',
        presenterId: null,
        durationMinutes: 0,
        status: 'proposed',
      },
    });
    expect(r.ok && agendaOf([r.value])).toEqual([]);
  });

  it('needs a title, and cuts a long one', () => {
    expect(proposeAgendaItem({ ...input, title: ' ' }, new Date())).toMatchObject({ ok: false, error: { code: 'agenda.titleMissing' } });
    const long = proposeAgendaItem({ ...input, title: 'x'.repeat(400) }, new Date());
    expect(long.ok && long.value.title.length).toBe(255);
  });
});

// The leader's notification: the case in brief, "Ta saken" until taken, then who took it and when.
import { describe, expect, it } from 'vitest';
import { leaderNotificationCard, NOTIFICATION_TITLE_MAX, type LeaderNotificationInput } from './leader-notification-card.js';
import { CASE_URL, HUGE_TEXT } from './test-fixtures.js';

const input: LeaderNotificationInput = {
  locale: 'nb-NO',
  caseId: 'd1',
  caseNumber: 'AV-2026-00123',
  kind: 'adverseEvent',
  unitName: 'Eikeberg sykehjem, avdeling A',
  severity: 'high',
  reportedAt: '2026-11-23T13:05:00.000Z',
  title: 'Fall på badet',
  caseUrl: CASE_URL,
};
const taken = { ...input, takenBy: { name: 'Kari Nordmann', at: '2026-11-23T13:20:00.000Z' } };

describe('leaderNotificationCard', () => {
  it('matches the snapshot before and after the case is taken', () => {
    expect(leaderNotificationCard(input)).toMatchSnapshot();
    expect(leaderNotificationCard(taken)).toMatchSnapshot();
  });

  it('shows case number, kind, unit, severity, when reported (Oslo time) and the title', () => {
    const json = JSON.stringify(leaderNotificationCard(input));
    for (const part of ['AV-2026-00123', 'Avvik', 'Eikeberg sykehjem, avdeling A', 'Høy', '23. nov. 2026 kl. 14:05', 'Fall på badet']) {
      expect(json).toContain(part);
    }
  });

  it('offers "Ta saken" with the case id, and "Åpne"', () => {
    expect(leaderNotificationCard(input).actions).toEqual([
      { type: 'Action.Execute', title: 'Ta saken', verb: 'takeCase', data: { caseId: 'd1' }, style: 'positive' },
      { type: 'Action.OpenUrl', title: 'Åpne', url: CASE_URL },
    ]);
  });

  it('says who took the case and when, and no longer offers to take it', () => {
    const card = leaderNotificationCard(taken);
    expect(JSON.stringify(card)).toContain('Tatt av Kari Nordmann 23. nov. 2026 kl. 14:20');
    expect(card.actions?.map((a) => a.title)).toEqual(['Åpne']);
  });

  it('says it in nynorsk and English too', () => {
    expect(JSON.stringify(leaderNotificationCard({ ...taken, locale: 'nn-NO' }))).toContain('Teken av Kari Nordmann 23. nov. 2026 kl. 14:20');
    expect(JSON.stringify(leaderNotificationCard({ ...taken, locale: 'en' }))).toContain('Taken by Kari Nordmann 23 Nov 2026, 14:20');
  });

  it('shortens a long title to one line', () => {
    const card = leaderNotificationCard({ ...input, title: `Linje én\nlinje to ${HUGE_TEXT}` });
    const title = card.body[1];
    expect(title?.type).toBe('RichTextBlock');
    const text = title?.type === 'RichTextBlock' ? (title.inlines[0]?.text ?? '') : '';
    expect(Array.from(text)).toHaveLength(NOTIFICATION_TITLE_MAX);
    expect(text.startsWith('Linje én linje to')).toBe(true);
  });

  it('leaves the title out when it is blank (health details withheld)', () => {
    expect(leaderNotificationCard({ ...input, title: '' }).body).toHaveLength(leaderNotificationCard(input).body.length - 1);
  });

  it('leaves severity out when the kind has none', () => {
    expect(JSON.stringify(leaderNotificationCard({ ...input, kind: 'improvementProposal', severity: null }))).not.toContain('Alvorlighetsgrad');
  });
});

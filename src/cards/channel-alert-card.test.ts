// The leader-channel alert: only coded fields of the case reach a channel; never its free text.
import { describe, expect, it } from 'vitest';
import { channelAlertCard } from './channel-alert-card.js';
import { CASE_URL, caseWithSecrets } from './test-fixtures.js';

describe('channelAlertCard', () => {
  const deviation = caseWithSecrets();
  const card = channelAlertCard({ locale: 'nb-NO', deviation, unitName: 'Eikeberg sykehjem, avdeling A', caseUrl: CASE_URL });

  it('matches the snapshot', () => {
    expect(card).toMatchSnapshot();
  });

  it('shows case number, kind, unit, severity and a link', () => {
    const json = JSON.stringify(card);
    for (const part of ['AV-2026-00123', 'Avvik', 'Eikeberg sykehjem, avdeling A', 'Høy']) expect(json).toContain(part);
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Åpne saken', url: CASE_URL }]);
  });

  it('never shows free text or people from the case (GDPR art. 9, Normen)', () => {
    const json = JSON.stringify(card);
    expect(json).not.toContain('SECRET');
    for (const text of [deviation.title, deviation.description, deviation.location, deviation.immediateAction, deviation.reporterId]) {
      expect(json).not.toContain(String(text));
    }
    // Not even part of a sentence: no word of the description appears.
    for (const word of ['Beboer', 'insulin', 'dose', 'Rom 12', 'Lege']) expect(json).not.toContain(word);
  });

  it.each(['nn-NO', 'en-US'])('keeps the case private in %s too', (locale) => {
    expect(JSON.stringify(channelAlertCard({ locale, deviation, unitName: 'X', caseUrl: CASE_URL }))).not.toContain('SECRET');
  });

  it('refuses a whistleblowing report: it never goes to a channel', () => {
    const report = caseWithSecrets({ kind: 'whistleblowingReport', caseNumber: 'VA-2026-00001' });
    expect(() => channelAlertCard({ locale: 'nb', deviation: report, unitName: 'X', caseUrl: CASE_URL })).toThrow(RangeError);
  });
});

// Review dates are due or overdue by Oslo's calendar, in words; coverage and sizes are written the Norwegian way.
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/catalogue';
import { osloToday } from '../../i18n/format';
import { coverageFraction, coverageText, daysBetween, formatFileSize, formatPercent, osloYear, reviewLabel, reviewState } from './procedure-format';

const nb = translator('nb');
const en = translator('en');

describe('review due and overdue', () => {
  it('counts calendar days, across a month, a leap day and the change to summer time', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-02', '2026-03-01')).toBe(-1);
    expect(daysBetween('2026-3-2', '2026-03-01')).toBeNull();
  });

  it('is due on the date itself and overdue from the day after (as the domain says)', () => {
    expect(reviewState('2026-03-02', '2026-03-02')).toEqual({ state: 'dueToday', days: 0 });
    expect(reviewState('2026-03-01', '2026-03-02')).toEqual({ state: 'overdue', days: -1 });
    expect(reviewState('2026-03-03', '2026-03-02')).toEqual({ state: 'dueSoon', days: 1 });
    expect(reviewState('2026-04-01', '2026-03-02')).toEqual({ state: 'dueSoon', days: 30 });
    expect(reviewState('2026-04-02', '2026-03-02')).toEqual({ state: 'later', days: 31 });
    expect(reviewState(null, '2026-03-02')).toEqual({ state: 'none', days: 0 });
  });

  it('uses Oslo’s date around midnight: 23:30 UTC on 31 May is already 1 June in Oslo', () => {
    const today = osloToday(new Date('2026-05-31T22:30:00Z'));
    expect(today).toBe('2026-06-01');
    expect(reviewState('2026-05-31', today).state).toBe('overdue');
    // In winter Oslo is UTC+1: 23:30 UTC on 31 January is 00:30 on 1 February.
    expect(reviewState('2026-01-31', osloToday(new Date('2026-01-31T23:30:00Z'))).state).toBe('overdue');
    expect(reviewState('2026-01-31', osloToday(new Date('2026-01-31T22:30:00Z'))).state).toBe('dueToday');
  });

  it('says the state in words with the date (never by colour alone)', () => {
    expect(reviewLabel(nb, '2026-02-20', '2026-03-02')).toBe('Revisjon forfalt for 10 dager siden (20.02.2026)');
    expect(reviewLabel(nb, '2026-03-01', '2026-03-02')).toBe('Revisjon forfalt i går (01.03.2026)');
    expect(reviewLabel(nb, '2026-03-02', '2026-03-02')).toBe('Revisjon forfaller i dag (02.03.2026)');
    expect(reviewLabel(nb, '2026-03-03', '2026-03-02')).toBe('Revisjon forfaller i morgen (03.03.2026)');
    expect(reviewLabel(nb, '2026-03-14', '2026-03-02')).toBe('Revisjon forfaller om 12 dager (14.03.2026)');
    expect(reviewLabel(nb, '2027-03-02', '2026-03-02')).toBe('Neste revisjon 02.03.2027');
    expect(reviewLabel(nb, null, '2026-03-02')).toBe('Ingen revisjon planlagt');
    expect(reviewLabel(en, '2024-03-02', '2026-03-02')).toBe('Review overdue by 730 days (02.03.2024)');
  });
});

describe('coverage', () => {
  it('writes percent with a decimal comma and a non-breaking space, one decimal at most', () => {
    expect(formatPercent(75)).toBe('75\u00a0%');
    expect(formatPercent(87.5)).toBe('87,5\u00a0%');
    expect(formatPercent(66.666)).toBe('66,7\u00a0%');
    expect(formatPercent(0)).toBe('0\u00a0%');
    expect(formatPercent(100)).toBe('100\u00a0%');
    expect(formatPercent(120)).toBe('100\u00a0%');
    expect(formatPercent(null)).toBe('–');
  });

  it('says how many of how many, or that nobody has to read it', () => {
    expect(coverageText(nb, { confirmed: 12, required: 16, percent: 75 })).toBe('12 av 16 har bekreftet (75\u00a0%).');
    expect(coverageText(nb, { confirmed: 1234, required: 4000, percent: 30.85 })).toBe('1\u00a0234 av 4\u00a0000 har bekreftet (30,9\u00a0%).');
    expect(coverageText(nb, { confirmed: 0, required: 0, percent: null })).toBe('Ingen skal lese dokumentet her.');
    expect(coverageText(en, { confirmed: 3, required: 4, percent: 75 })).toBe('3 of 4 have confirmed (75\u00a0%).');
  });

  it('gives the bar a fraction between 0 and 1', () => {
    expect(coverageFraction(75)).toBe(0.75);
    expect(coverageFraction(null)).toBe(0);
    expect(coverageFraction(-5)).toBe(0);
    expect(coverageFraction(101)).toBe(1);
  });
});

describe('sizes and years', () => {
  it('writes file sizes in units of 1 024 with a comma (the server’s limit is «25 MB»)', () => {
    expect(formatFileSize(512)).toBe('512\u00a0B');
    expect(formatFileSize(820 * 1024)).toBe('820\u00a0kB');
    expect(formatFileSize(2.4 * 1024 * 1024)).toBe('2,4\u00a0MB');
    expect(formatFileSize(25 * 1024 * 1024)).toBe('25\u00a0MB');
    expect(formatFileSize(-1)).toBe('');
  });

  it('knows the year in Oslo on New Year’s night', () => {
    expect(osloYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
    expect(osloYear(new Date('2026-12-31T22:30:00Z'))).toBe(2026);
  });
});

// Dates on the Oslo wall clock in Norwegian form, across DST and the turn of the year; the instant always comes in.
import { describe, expect, it } from 'vitest';
import { formatOsloDate, formatOsloDateTime, osloDateAndTime } from './format-date.js';

describe('formatOsloDateTime', () => {
  it.each([
    ['2026-11-23T13:05:00.000Z', 'nb-NO', '23. nov. 2026 kl. 14:05'], // CET, UTC+1
    ['2026-07-01T12:00:00.000Z', 'nb-NO', '1. jul. 2026 kl. 14:00'], // CEST, UTC+2
    ['2026-12-31T23:30:00.000Z', 'nb-NO', '1. jan. 2027 kl. 00:30'], // already next year in Oslo
    ['2026-03-29T00:59:00.000Z', 'nb-NO', '29. mar. 2026 kl. 01:59'], // last minute before the spring shift
    ['2026-03-29T01:00:00.000Z', 'nb-NO', '29. mar. 2026 kl. 03:00'], // 02:00 does not exist
    ['2026-10-25T00:30:00.000Z', 'nb-NO', '25. okt. 2026 kl. 02:30'], // first 02:30 (CEST)
    ['2026-10-25T01:30:00.000Z', 'nb-NO', '25. okt. 2026 kl. 02:30'], // second 02:30 (CET)
    ['2026-05-17T10:00:00.000Z', 'nn-NO', '17. mai 2026 kl. 12:00'],
    ['2026-11-23T13:05:00.000Z', 'en-GB', '23 Nov 2026, 14:05'],
    ['2026-11-23T13:05:00.000Z', 'de-DE', '23. nov. 2026 kl. 14:05'], // unknown locale: bokmål
  ])('%s in %s is %s', (instant, locale, text) => {
    expect(formatOsloDateTime(instant, locale)).toBe(text);
  });

  it('accepts a Date', () => {
    expect(formatOsloDateTime(new Date('2026-11-23T13:05:00.000Z'), 'nb')).toBe('23. nov. 2026 kl. 14:05');
  });

  it('gives an empty text for an unreadable instant', () => {
    expect(formatOsloDateTime('not a date', 'nb')).toBe('');
  });
});

describe('formatOsloDate', () => {
  it('gives the Oslo calendar date', () => {
    expect(formatOsloDate('2026-11-22T23:30:00.000Z', 'nb-NO')).toBe('23. nov. 2026');
    expect(formatOsloDate('2026-02-03T10:00:00.000Z', 'en')).toBe('3 Feb 2026');
  });
});

describe('osloDateAndTime', () => {
  it("gives the form's default date and time in Oslo", () => {
    expect(osloDateAndTime(new Date('2026-11-23T13:05:59.000Z'))).toEqual({ date: '2026-11-23', time: '14:05' });
    expect(osloDateAndTime(new Date('2026-06-30T22:10:00.000Z'))).toEqual({ date: '2026-07-01', time: '00:10' });
  });
});

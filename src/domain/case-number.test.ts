// Tests for case numbers: format, lenient parsing of typed input, series and the Oslo year.
import { describe, expect, it } from 'vitest';
import {
  CASE_PREFIX,
  caseNumberFor,
  caseSeriesOf,
  formatCaseNumber,
  isCaseNumber,
  kindOfPrefix,
  normaliseCaseNumber,
  parseCaseNumber,
} from './case-number.js';
import { DEVIATION_KINDS } from './deviation.js';

describe('formatCaseNumber', () => {
  it('pads the sequence to five digits', () => {
    expect(formatCaseNumber({ prefix: 'AV', year: 2026, sequence: 123 })).toEqual({ ok: true, value: 'AV-2026-00123' });
  });

  it('lets the sequence grow past five digits', () => {
    expect(formatCaseNumber({ prefix: 'NU', year: 2026, sequence: 123456 })).toEqual({ ok: true, value: 'NU-2026-123456' });
  });

  it.each([0, -1, 1.5, 10_000_000])('refuses sequence %s', (sequence) => {
    const r = formatCaseNumber({ prefix: 'AV', year: 2026, sequence });
    expect(r.ok ? null : r.error.code).toBe('caseNumber.sequenceOutOfRange');
  });

  it('refuses an unknown prefix or a year that is not four digits', () => {
    expect(formatCaseNumber({ prefix: 'XX' as 'AV', year: 2026, sequence: 1 }).ok).toBe(false);
    expect(formatCaseNumber({ prefix: 'AV', year: 26, sequence: 1 }).ok).toBe(false);
  });
});

describe('parseCaseNumber and normaliseCaseNumber', () => {
  it.each([
    ['AV-2026-00123', 'AV-2026-00123'],
    ['av-2026-123', 'AV-2026-00123'],
    ['AV 2026 123', 'AV-2026-00123'],
    ['  va–2026–7 ', 'VA-2026-00007'],
    ['NU2026-00042', 'NU-2026-00042'],
    ['ff 2026 1234567', 'FF-2026-1234567'],
  ])('reads %j as %s', (input, canonical) => {
    expect(normaliseCaseNumber(input)).toEqual({ ok: true, value: canonical });
  });

  it.each(['', 'AV-2026', 'AV-26-00123', 'XX-2026-00123', 'AV-2026-00000', 'AV-2026-12345678', 'AVV-2026-1', 'sak 123'])(
    'rejects %j with a bokmål message',
    (input) => {
      const r = parseCaseNumber(input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('caseNumber.invalid');
        expect(r.error.message).toContain('ikke et gyldig saksnummer');
      }
    },
  );

  it('gives the parts', () => {
    expect(parseCaseNumber('TS-2025-00009')).toEqual({ ok: true, value: { prefix: 'TS', year: 2025, sequence: 9 } });
  });
});

describe('isCaseNumber', () => {
  it.each([
    ['AV-2026-00123', true],
    ['AV-2026-123', false], // not padded
    ['av-2026-00123', false], // not upper case
    ['AV-2026-000123', false], // over-padded
    ['AV-2026-123456', true],
  ])('%s: %s', (input, expected) => {
    expect(isCaseNumber(input)).toBe(expected);
  });
});

describe('prefixes and series', () => {
  it('gives each kind its own prefix, and the prefix leads back to the kind', () => {
    const prefixes = DEVIATION_KINDS.map((k) => CASE_PREFIX[k]);
    expect(new Set(prefixes).size).toBe(DEVIATION_KINDS.length);
    for (const kind of DEVIATION_KINDS) expect(kindOfPrefix(CASE_PREFIX[kind])).toBe(kind);
    expect(CASE_PREFIX.adverseEvent).toBe('AV');
    expect(CASE_PREFIX.whistleblowingReport).toBe('VA');
  });

  it('numbers whistleblowing in its own series and everything else in one', () => {
    expect(caseSeriesOf('whistleblowingReport')).toBe('whistleblowing');
    for (const kind of DEVIATION_KINDS.filter((k) => k !== 'whistleblowingReport')) {
      expect(caseSeriesOf(kind)).toBe('ordinary');
    }
  });

  it('uses the Oslo year: New Year just after midnight in Oslo is the new year', () => {
    expect(caseNumberFor('nearMiss', new Date('2025-12-31T23:30:00Z'), 1)).toEqual({ ok: true, value: 'NU-2026-00001' });
    expect(caseNumberFor('nearMiss', new Date('2025-12-31T22:30:00Z'), 1)).toEqual({ ok: true, value: 'NU-2025-00001' });
  });
});

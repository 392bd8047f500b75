// Import validation: every bad row is named with its column and a Norwegian message; a clean file yields one import per row.
import { describe, expect, it } from 'vitest';
import { type ImportRow, IMPORT_COLUMNS, parseOsloDateTime, validateDeviationRows } from './deviation-rows.js';

const ctx = {
  unitsByKey: new Map([
    ['husøy sykehjem', 'u-husoy'],
    ['u-husoy', 'u-husoy'],
  ]),
  peopleByEmail: new Map([['kari.nordmann@tonsberg.kommune.no', 'p-kari']]),
  now: new Date('2026-11-23T12:00:00Z'),
};
const headers = [...IMPORT_COLUMNS];
const good: Record<string, string> = {
  'Kilde-id': '123',
  Type: 'Avvik',
  Tittel: 'Fall på badet',
  Beskrivelse: 'Beboer falt',
  Sted: 'Bad 2',
  Tidspunkt: '20.11.2026 23:15',
  Meldt: '21.11.2026 07:00',
  Enhet: 'Husøy sykehjem',
  'Meldt av': 'Kari.Nordmann@tonsberg.kommune.no',
  Alvorlighetsgrad: 'Høy',
  Status: 'Lukket',
  Lukket: '22.11.2026',
  'Konsekvens for': 'Tjenestemottaker, Ansatt',
  Strakstiltak: 'Tilsyn av lege',
  Helseopplysninger: 'Ja',
};
const row = (rowNumber: number, patch: Record<string, string> = {}): ImportRow => ({ rowNumber, cells: { ...good, ...patch } });

describe('deviation import rows', () => {
  it('a clean row becomes an import with resolved ids, Oslo times in UTC and a key from the source id', () => {
    const result = validateDeviationRows(headers, [row(2)], ctx);
    expect('ok' in result).toBe(true);
    if (!('ok' in result)) return;
    expect(result.ok[0]).toMatchObject({
      importKey: 'import:id:123',
      kind: 'adverseEvent',
      unitId: 'u-husoy',
      reporterId: 'p-kari',
      severity: 'high',
      status: 'closed',
      occurredAt: '2026-11-20T22:15:00.000Z',
      consequenceFor: ['serviceUser', 'employee'],
      healthRelated: true,
    });
  });

  it('every problem in every row is reported with row, column and message; nothing is returned to import', () => {
    const result = validateDeviationRows(
      headers,
      [row(2, { Type: 'Tull' }), row(3, { Enhet: 'Ukjent skole', 'Kilde-id': '4' }), row(4, { Meldt: '31.02.2026', 'Kilde-id': '5' }), row(5, { Alvorlighetsgrad: '', 'Kilde-id': '6' }), row(6, { Tidspunkt: '01.01.2030', 'Kilde-id': '7' })],
      ctx,
    );
    expect('errors' in result).toBe(true);
    if (!('errors' in result)) return;
    expect(result.errors.map((e) => [e.rowNumber, e.column])).toEqual([
      [2, 'Type'],
      [3, 'Enhet'],
      [4, 'Meldt'],
      [5, 'Alvorlighetsgrad'],
      // In the future, and so also after it was reported.
      [6, 'Tidspunkt'],
      [6, 'Tidspunkt'],
    ]);
    expect(result.errors[1]?.message).toBe('Ukjent enhet «Ukjent skole». Bruk enhetens navn eller id slik den står i Varde.');
  });

  it('a missing required header is reported before any row', () => {
    const result = validateDeviationRows(['Type', 'Tittel'], [row(2)], ctx);
    expect('errors' in result && result.errors.map((e) => e.column)).toEqual(['Meldt', 'Enhet', 'Meldt av']);
  });

  it('whistleblowing is refused with a pointer to its own routine, and a duplicate row is named', () => {
    const result = validateDeviationRows(headers, [row(2, { Type: 'Varsling' }), row(3, { 'Kilde-id': '9' }), row(4, { 'Kilde-id': '9' })], ctx);
    expect('errors' in result && result.errors.map((e) => e.message)).toEqual([
      'Varsling om kritikkverdige forhold importeres ikke her: den følger egen, fortrolig rutine.',
      'Raden er lik rad 3 (samme Kilde-id).',
    ]);
  });

  it('rows without a source id get a content key: the same content, the same key', () => {
    const a = validateDeviationRows(headers, [row(2, { 'Kilde-id': '' })], ctx);
    const b = validateDeviationRows(headers, [row(9, { 'Kilde-id': '' })], ctx);
    expect('ok' in a && 'ok' in b && a.ok[0]?.importKey === b.ok[0]?.importKey).toBe(true);
  });

  it('reads Norwegian and ISO dates in Oslo time across daylight saving', () => {
    expect(parseOsloDateTime('01.07.2026 12:00')?.toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(parseOsloDateTime('01.01.2026')?.toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(parseOsloDateTime('2026-03-29T03:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(parseOsloDateTime('2026-07-01T12:00:00Z')?.toISOString()).toBe('2026-07-01T12:00:00.000Z');
    expect(parseOsloDateTime('32.01.2026')).toBeUndefined();
    expect(parseOsloDateTime('30000-01-01')).toBeUndefined();
  });
});

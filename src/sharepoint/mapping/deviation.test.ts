// Deviation ↔ fields: every field survives a round trip through SharePoint's shapes; a corrupt row names list and item.
import { describe, expect, it } from 'vitest';
import { deviation } from '../../domain/test-fixtures.js';
import { CASE_ROW_COLUMNS, DEVIATION_COLUMNS, caseRowFromFields, deviationFromFields, deviationToFields, readCaseRowFast, readCaseRowWithSchema, readDeviationFast, readDeviationWithSchema } from './deviation.js';
import { CorruptRowError } from './fields.js';
import { SOURCE, readBack } from './test-support.js';

const full = deviation({
  id: 'dev-1',
  status: 'closed',
  handlerId: 'vl-sh',
  consequenceFor: ['serviceUser', 'organisation'],
  healthRelated: true,
  analysis: { whys: ['Hvorfor 1', 'Hvorfor «2»'], rootCause: 'Uklar rutine', causeCategory: 'routine' },
  noMeasureReason: null,
  closingNote: 'Lukket etter tiltak.',
  closedAt: '2026-03-20T10:15:00.000Z',
  measureIds: ['m1', 'm2'],
  riskItemIds: ['r1'],
  history: [
    { type: 'report', actorId: 'nurse', at: '2026-03-02T09:00:00.123Z', from: null, to: 'new' },
    { type: 'receive', actorId: 'vl-sh', at: '2026-03-03T09:00:00.000Z', from: 'new', to: 'received', note: 'Tatt imot' },
  ],
});

describe('deviation mapping', () => {
  it('round-trips a handled case: title in Title, JSON notes, choice columns', () => {
    const fields = deviationToFields(full);
    expect(fields.Title).toBe('Feil dose');
    expect(fields.CauseCategory).toBe('routine');
    expect(JSON.parse(fields.ConsequenceFor as string)).toEqual(['serviceUser', 'organisation']);
    expect(deviationFromFields(readBack(fields), SOURCE)).toEqual(full);
  });

  it('round-trips a new report whose optional values are empty (SharePoint leaves them out)', () => {
    const bare = deviation({ kind: 'improvementProposal', severity: null, occurredAt: null, location: null, immediateAction: null, consequenceFor: [] });
    expect(deviationFromFields(readBack(deviationToFields(bare)), SOURCE)).toEqual(bare);
  });

  it('keeps whole seconds of instants, as SharePoint does (history JSON keeps everything)', () => {
    const d = deviation({ reportedAt: '2026-03-02T09:00:00.859Z' });
    expect(deviationFromFields(readBack(deviationToFields(d)), SOURCE).reportedAt).toBe('2026-03-02T09:00:00.000Z');
    expect(deviationFromFields(readBack(deviationToFields(full)), SOURCE).history[0]?.at).toBe('2026-03-02T09:00:00.123Z');
  });

  it('reads only declared columns, and selects every column it reads', () => {
    expect(DEVIATION_COLUMNS).toContain('RecordId');
    expect(new Set(Object.keys(deviationToFields(full)))).toEqual(new Set(DEVIATION_COLUMNS));
  });

  it('writes the sector of the case unit beside it (null when none is given), and reads the case the same either way', () => {
    expect(deviationToFields(full, { sectorId: 'mh' }).SectorId).toBe('mh');
    expect(deviationToFields(full)).toMatchObject({ StatusRank: 5, SeverityRank: 2 });
    expect(deviationToFields(deviation({ status: 'new', severity: null }))).toMatchObject({ StatusRank: 1, SeverityRank: null });
    expect(deviationToFields(full).SectorId).toBeNull();
    expect(deviationFromFields(readBack(deviationToFields(full, { sectorId: 'mh' })), SOURCE)).toEqual(full);
  });

  it('round-trips the history of changes that keep the status (analysis, measure, feedback, escalation)', () => {
    const changes = ['analysis', 'measureAdded', 'feedback', 'escalated'] as const;
    const d = deviation({
      status: 'underAnalysis',
      history: changes.map((type, i) => ({ type, actorId: 'tl-a', at: `2026-03-0${i + 3}T09:00:00.000Z`, from: 'underAnalysis', to: 'underAnalysis', note: `${type} note` })),
    });
    expect(deviationFromFields(readBack(deviationToFields(d)), SOURCE).history.map((e) => e.type)).toEqual(changes);
  });

  it('a corrupt row is a clear error naming the list, the item and the columns, not the values', () => {
    const fields = readBack(deviationToFields(full), { Status: 'lukket', History: '{not json', ReportedAt: 'i går' });
    let error: unknown;
    try {
      deviationFromFields(fields, { list: 'Avvik', itemId: '42' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CorruptRowError);
    const message = (error as Error).message;
    expect(message).toMatch(/^List 'Avvik' item 42 /);
    expect(message).toMatch(/Status/);
    expect(message).toMatch(/History: not valid JSON/);
    expect(message).toMatch(/ReportedAt: not a date and time/);
    expect(message).not.toMatch(/i går|lukket/);
  });

  it('JSON of the wrong shape is refused too', () => {
    const fields = readBack(deviationToFields(full), { ConsequenceFor: '["pasient"]' });
    expect(() => deviationFromFields(fields, SOURCE)).toThrow(/ConsequenceFor/);
  });

  /** Rows as SharePoint gives them back: plain ones, ones the schema normalises, and ones it refuses. */
  function rowVariants(): Record<string, unknown>[] {
    const base = deviationToFields(full, { sectorId: 'mh' });
    const bare = deviationToFields(deviation({ id: 'dev-2', severity: null, handlerId: null, location: null, occurredAt: null, immediateAction: null }));
    return [
      readBack(base),
      readBack(bare),
      readBack(base, { Severity: null, HealthRelated: null, Analysis: null, History: null, MeasureIds: null, ConsequenceFor: null, SeverityRank: null }),
      readBack(base, { History: JSON.stringify([{ type: 'report', actorId: 'a', at: 'x', from: null, to: 'new', extra: 1 }]), Unknown: 'column' }),
      readBack(base, { Analysis: JSON.stringify({ whys: [], rootCause: null, extra: true }) }),
      // Instants in SharePoint's form, and in others the schema normalises (fractions, offsets, the end of a month).
      readBack(base, { ReportedAt: '2026-02-28T23:59:59Z', OccurredAt: '2024-02-29T12:00:00Z', ClosedAt: '2026-03-31T00:00:00Z' }),
      readBack(base, { ReportedAt: '2026-03-02T09:00:00.5Z', OccurredAt: '2026-03-02T10:00:00+01:00' }),
      // Each of these the schema refuses.
      readBack(base, { Kind: 'other' }),
      readBack(base, { RecordId: '' }),
      readBack(base, { Title: 3 }),
      readBack(base, { SeverityRank: '3' }),
      readBack(base, { HealthRelated: 'yes' }),
      readBack(base, { ReportedAt: 'i går' }),
      readBack(base, { ReportedAt: undefined }),
      readBack(base, { OccurredAt: 12 }),
      readBack(base, { History: '{not json' }),
      readBack(base, { History: '{}' }),
      readBack(base, { History: JSON.stringify([{ type: 'report', actorId: 'a', at: 'x', to: 'new' }]) }),
      readBack(base, { History: JSON.stringify([{ type: 'report', actorId: 'a', at: 'x', from: null, to: 'new', note: 5 }]) }),
      readBack(base, { Analysis: JSON.stringify({ whys: ['a', 2], rootCause: null }) }),
      readBack(base, { Analysis: JSON.stringify({ whys: [] }) }),
      readBack(base, { ConsequenceFor: '' }),
      readBack(base, { MeasureIds: JSON.stringify([1]) }),
      readBack(base, { CauseCategory: 'fate' }),
    ];
  }

  /** Each row read by hand and by the schema: the same value, or null where the schema refuses it. How many it refused. */
  function agreeing(rows: readonly Record<string, unknown>[], fast: (fields: unknown) => unknown, schema: (fields: unknown, source: typeof SOURCE) => unknown): number {
    let refused = 0;
    for (const fields of rows) {
      let expected: unknown;
      try {
        expected = schema(fields, SOURCE);
      } catch (err) {
        expect(err).toBeInstanceOf(CorruptRowError);
        expected = null;
        refused++;
      }
      expect(fast(fields), JSON.stringify(fields).slice(0, 200)).toEqual(expected);
    }
    return refused;
  }

  it('the fast reader agrees with the schema on every row it takes, and leaves every row the schema refuses to it', () => {
    expect(agreeing(rowVariants(), readDeviationFast, readDeviationWithSchema)).toBe(17);
  });

  it('the fast row reader agrees with the schema on a whole row and on the row columns alone', () => {
    const rows = rowVariants().flatMap((whole) => [whole, Object.fromEntries(Object.entries(whole).filter(([k]) => CASE_ROW_COLUMNS.includes(k)))]);
    // Kind, RecordId, Title, HealthRelated and ReportedAt twice, each in the whole row and in the row columns.
    expect(agreeing(rows, readCaseRowFast, readCaseRowWithSchema)).toBe(12);
  });

  it('a row holds the very values the whole case has', () => {
    const d = deviationFromFields(readBack(deviationToFields(full, { sectorId: 'mh' })), SOURCE);
    const row = caseRowFromFields(readBack(deviationToFields(full, { sectorId: 'mh' })), SOURCE);
    expect(row).toEqual(Object.fromEntries(Object.keys(row).map((k) => [k, d[k as keyof typeof d]])));
    expect(Object.keys(row).sort()).toEqual(['caseNumber', 'handlerId', 'healthRelated', 'id', 'kind', 'reportedAt', 'reporterId', 'severity', 'status', 'title', 'unitId']);
  });
});

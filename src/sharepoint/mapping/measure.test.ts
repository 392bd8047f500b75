// Measure ↔ fields: the source union through Source + SourceId, the deadline as an Oslo calendar date.
import { describe, expect, it } from 'vitest';
import { MEASURE_SOURCES, type Measure, type MeasureSource } from '../../domain/index.js';
import { CorruptRowError } from './fields.js';
import { MEASURE_COLUMNS, measureFromFields, measureToFields, sourceOf } from './measure.js';
import { SOURCE, readBack } from './test-support.js';

const measure = (patch: Partial<Measure> = {}): Measure => ({
  id: 'm1',
  title: 'Oppdater rutine for legemiddelhåndtering',
  description: 'Gjennomgå og oppdater.',
  source: { type: 'deviation', deviationId: 'd1' },
  ownerId: 'vl-sh',
  unitId: 'sh',
  deadline: '2026-04-30',
  status: 'open',
  createdAt: '2026-03-05T10:00:00.000Z',
  completedAt: null,
  evaluation: null,
  cancelReason: null,
  ...patch,
});

describe('measure mapping', () => {
  it('round-trips every kind of source', () => {
    for (const type of MEASURE_SOURCES) {
      const m = measure({ source: sourceOf(type, `${type}-7`) });
      const fields = measureToFields(m);
      expect([fields.Source, fields.SourceId]).toEqual([type, `${type}-7`]);
      expect(measureFromFields(readBack(fields), SOURCE)).toEqual(m);
    }
  });

  it('round-trips a done measure with its evaluation and an empty description', () => {
    const m = measure({ status: 'done', completedAt: '2026-04-02T12:00:00.000Z', evaluation: 'Virket.', description: '' });
    expect(measureFromFields(readBack(measureToFields(m)), SOURCE)).toEqual(m);
  });

  it('reads the deadline as the Oslo date whether the site stores midnight in Oslo or in UTC', () => {
    const fields = readBack(measureToFields(measure({ deadline: '2026-10-25' })));
    expect(fields.Deadline).toBe('2026-10-24T22:00:00Z');
    expect(measureFromFields(fields, SOURCE).deadline).toBe('2026-10-25');
    expect(measureFromFields({ ...fields, Deadline: '2026-10-25T00:00:00Z' }, SOURCE).deadline).toBe('2026-10-25');
  });

  it('selects exactly the columns it writes', () => {
    expect(new Set(Object.keys(measureToFields(measure())))).toEqual(new Set(MEASURE_COLUMNS));
  });

  it('an unknown source type is a corrupt row', () => {
    const fields = readBack(measureToFields(measure()), { Source: 'email' });
    expect(() => measureFromFields(fields, { list: 'Tiltak', itemId: '3' })).toThrow(CorruptRowError);
    expect(() => measureFromFields(fields, { list: 'Tiltak', itemId: '3' })).toThrow(/List 'Tiltak' item 3 .*Source/);
  });

  it('keeps the union exhaustive', () => {
    const ids = MEASURE_SOURCES.map((t) => Object.values(sourceOf(t, 'x') as MeasureSource).filter((v) => v === 'x').length);
    expect(ids.every((n) => n === 1)).toBe(true);
  });
});

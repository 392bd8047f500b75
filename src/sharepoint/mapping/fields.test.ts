// The shared mapping pieces: envelope checks, and recognising our own write after a lost answer.
import { describe, expect, it } from 'vitest';
import { CorruptRowError, holdsFields, readEnvelope } from './fields.js';

describe('readEnvelope', () => {
  it('takes id, ETag and fields from a listItem', () => {
    expect(readEnvelope({ id: '3', '@odata.etag': '"a,1"', fields: { Title: 'x' } }, 'Avvik')).toEqual({ itemId: '3', etag: '"a,1"', fields: { Title: 'x' } });
  });

  it('an item without fields or ETag is a corrupt row naming the list and item', () => {
    expect(() => readEnvelope({ id: '3' }, 'Avvik')).toThrow(CorruptRowError);
    expect(() => readEnvelope({ id: 3, fields: {} }, 'Avvik')).toThrow(/List 'Avvik' item 3 .*id/);
  });
});

describe('holdsFields', () => {
  it('compares what was sent with what SharePoint keeps: nulls absent, whole seconds, date-only at site midnight', () => {
    const sent = { Title: 'a', HandlerId: null, ReportedAt: '2026-03-02T09:00:00.859Z', Deadline: '2026-10-25', Score: 4, Flag: false };
    const stored = { Title: 'a', ReportedAt: '2026-03-02T09:00:00Z', Deadline: '2026-10-24T22:00:00Z', Score: 4, Flag: false, Other: 'ignored' };
    expect(holdsFields(stored, sent)).toBe(true);
    expect(holdsFields({ ...stored, Title: 'b' }, sent)).toBe(false);
    expect(holdsFields({ ...stored, HandlerId: 'x' }, sent)).toBe(false);
    expect(holdsFields({ ...stored, ReportedAt: '2026-03-02T09:00:01Z' }, sent)).toBe(false);
    expect(holdsFields({ ...stored, Deadline: '2026-10-25T23:00:00Z' }, sent)).toBe(false);
  });
});

// Item queries: only the needed fields, escaped filters in $batch URLs, continuation tokens that carry nothing but the skip token.
import { describe, expect, it } from 'vitest';
import { where } from '../graph/index.js';
import { InvalidContinuationError, decodeContinuation, encodeContinuation, itemRequest, itemUrl } from './list-query.js';

const q = { list: '/sites/s/lists/l', columns: ['RecordId', 'Status'], filter: where.eq('UnitId', "O'Brien & co"), orderBy: [['ReportedAt', 'desc']] as const, top: 50 };

describe('list queries', () => {
  it('asks for the selected fields only, with the filter built by `where`', () => {
    const spec = itemRequest(q);
    expect(spec.query).toMatchObject({ $expand: 'fields($select=RecordId,Status)', $orderby: 'fields/ReportedAt desc', $top: 50 });
    expect(spec.filter?.text).toBe("fields/UnitId eq 'O''Brien & co'");
  });

  it('a $batch URL percent-encodes the escaped filter, so & and quotes stay inside the value', () => {
    const url = itemUrl(q);
    expect(url).toContain(`$filter=${encodeURIComponent("fields/UnitId eq 'O''Brien & co'")}`);
    expect(new URL(url, 'https://x').searchParams.get('$filter')).toBe("fields/UnitId eq 'O''Brien & co'");
  });

  it('a continuation is the skip token alone; the query is rebuilt from the caller’s own parameters', () => {
    const token = encodeContinuation('https://graph.microsoft.com/v1.0/sites/s/lists/l/items?$expand=fields&$skiptoken=UGFnZWQ9VFJVRSZwX0lEPTI5');
    expect(decodeContinuation(token)).toBe('UGFnZWQ9VFJVRSZwX0lEPTI5');
    expect(itemRequest(q, token).query?.$skiptoken).toBe('UGFnZWQ9VFJVRSZwX0lEPTI5');
    expect(itemRequest(q, token).path).toBe('/sites/s/lists/l/items');
    expect(() => decodeContinuation('../other?list')).toThrow(InvalidContinuationError);
  });
});

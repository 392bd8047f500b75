// The inbox's $filter and $orderby: indexed columns only, the narrowest clause first, values escaped, ranks for sorting.
import { describe, expect, it } from 'vitest';
import { MAX_SCOPE_CLAUSES } from '../../app/ports/index.js';
import { listSpec } from '../schema/lists.js';
import { inboxQuery } from './deviation-repository.js';

const indexed = new Set(listSpec('deviations').columns.filter((c) => c.indexed || c.unique).map((c) => c.name));
const columnsIn = (text: string) => [...text.matchAll(/fields\/(\w+)/g)].map((m) => m[1] as string);

describe('inboxQuery', () => {
  it('everything for the kommunedirektør: no filter, newest first', () => {
    expect(inboxQuery({ scope: { type: 'all' } }, 50)).toEqual({ orderBy: [['ReportedAt', 'desc']], top: 50 });
  });

  it('a person first, then the scope, then the choices and the period; every column indexed, every value escaped', () => {
    const q = inboxQuery(
      {
        scope: { type: 'within', sectorIds: ['mh'], unitIds: ["o'hara", 'sk'] },
        reporterId: 'nurse',
        kinds: ['adverseEvent', 'nearMiss'],
        statuses: ['new'],
        severities: ['high', 'critical'],
        reportedFrom: '2026-01-01T00:00:00.000Z',
        reportedBefore: '2026-02-01T00:00:00.000Z',
        sort: { by: 'severity', direction: 'desc' },
      },
      25,
    );
    expect(q.filter?.text).toBe(
      "(fields/ReporterId eq 'nurse') and ((fields/SectorId eq 'mh') or (fields/UnitId eq 'o''hara') or (fields/UnitId eq 'sk')) and " +
        "((fields/Kind eq 'adverseEvent') or (fields/Kind eq 'nearMiss')) and (fields/Status eq 'new') and " +
        "((fields/Severity eq 'high') or (fields/Severity eq 'critical')) and (fields/ReportedAt ge '2026-01-01T00:00:00Z') and (fields/ReportedAt lt '2026-02-01T00:00:00Z')",
    );
    expect(q.orderBy).toEqual([
      ['SeverityRank', 'desc'],
      ['ReportedAt', 'desc'],
    ]);
    for (const column of [...columnsIn(q.filter?.text ?? ''), ...(q.orderBy ?? []).map(([c]) => c)]) expect(indexed.has(column), column).toBe(true);
  });

  it('sorts by status in lifecycle order through StatusRank', () => {
    expect(inboxQuery({ scope: { type: 'all' }, handlerId: 'tl-a', sort: { by: 'status', direction: 'asc' } }).orderBy).toEqual([
      ['StatusRank', 'asc'],
      ['ReportedAt', 'desc'],
    ]);
  });

  it('refuses an empty scope and one with too many clauses', () => {
    expect(() => inboxQuery({ scope: { type: 'within', sectorIds: [], unitIds: [] } })).toThrow(RangeError);
    const many = Array.from({ length: MAX_SCOPE_CLAUSES + 1 }, (_, i) => `u${i}`);
    expect(() => inboxQuery({ scope: { type: 'within', sectorIds: [], unitIds: many } })).toThrow(RangeError);
  });

  it('the deviation lists keep within SharePoint’s 20 indexes with the rank columns added', () => {
    expect(indexed.size).toBeLessThanOrEqual(20);
    for (const c of ['SectorId', 'SeverityRank', 'StatusRank', 'UnitId', 'ReporterId', 'HandlerId', 'Kind', 'Status', 'Severity', 'ReportedAt']) expect(indexed.has(c), c).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { CASE_FEED_COLUMNS, MEASURE_FEED_COLUMNS, caseSourceOf, measureFactOf } from './change-feeds.js';

const row = {
  RecordId: 'd1',
  Title: 'Fall på badet',
  CaseNumber: 'AV-2026-00001',
  Kind: 'adverseEvent',
  Status: 'received',
  Severity: 'high',
  UnitId: 'sh-a',
  ReporterId: 'p1',
  HandlerId: 'p2',
  ReportedAt: '2026-03-02T09:00:00Z',
  HealthRelated: true,
  Description: 'Beboer falt.',
};

describe('caseSourceOf', () => {
  it('reads what the index keeps, with SharePoint leaving empty values out', () => {
    expect(caseSourceOf(row)).toEqual({
      id: 'd1',
      caseNumber: 'AV-2026-00001',
      kind: 'adverseEvent',
      status: 'received',
      severity: 'high',
      unitId: 'sh-a',
      reporterId: 'p1',
      handlerId: 'p2',
      reportedAt: '2026-03-02T09:00:00.000Z',
      closedAt: null,
      healthRelated: true,
      title: 'Fall på badet',
      description: 'Beboer falt.',
      location: null,
      immediateAction: null,
    });
  });

  it('never indexes a whistleblowing report, even one written into the ordinary list by hand', () => {
    expect(caseSourceOf({ ...row, Kind: 'whistleblowingReport', CaseNumber: 'VA-2026-00001' })).toBeNull();
  });

  it('skips a row that does not map instead of failing the round', () => {
    expect(caseSourceOf({ ...row, Status: 'Lukket' })).toBeNull();
    expect(caseSourceOf({ ...row, ReportedAt: 'i går' })).toBeNull();
    expect(caseSourceOf(undefined)).toBeNull();
  });

  it('selects only the columns it reads', () => {
    expect(CASE_FEED_COLUMNS).not.toContain('History');
    expect(CASE_FEED_COLUMNS).not.toContain('Analysis');
    expect(CASE_FEED_COLUMNS).toContain('ReportedAt');
    expect(MEASURE_FEED_COLUMNS).toEqual(['RecordId', 'UnitId', 'OwnerId', 'Source', 'Status', 'Deadline']);
  });
});

describe('measureFactOf', () => {
  it('reads the deadline as the Oslo calendar date of the stored midnight', () => {
    const fields = { RecordId: 'm1', UnitId: 'sh-a', Source: 'riskItem', Status: 'open', Deadline: '2026-04-30T22:00:00Z' };
    expect(measureFactOf(fields)).toEqual({ id: 'm1', unitId: 'sh-a', source: 'riskItem', status: 'open', deadline: '2026-05-01' });
    expect(measureFactOf({ ...fields, Deadline: '2026-05-01T00:00:00Z' })?.deadline).toBe('2026-05-01');
    expect(measureFactOf({ ...fields, Status: 'x' })).toBeNull();
    expect(measureFactOf({ ...fields, OwnerId: 'p1' })?.ownerId).toBe('p1');
  });
});

// Tests for new reports, kind rules, the patient-safety trigger and blanking of health details.
import { describe, expect, it } from 'vitest';
import {
  DEVIATION_KINDS,
  kindRequiresRootCause,
  kindRequiresSeverity,
  needsPatientSafetyReview,
  reportDeviation,
  routeOf,
  severityRank,
  withoutHealthDetails,
  type NewDeviation,
} from './deviation.js';
import { deviation } from './test-fixtures.js';

const now = new Date('2026-03-02T09:00:00Z');
const input: NewDeviation = {
  id: 'd1',
  sequence: 123,
  kind: 'adverseEvent',
  title: '  Feil dose  ',
  description: 'Beboer fikk dobbel dose.',
  occurredAt: '2026-03-02T08:00:00+01:00',
  reporterId: 'nurse',
  unitId: 'sh-a',
  severity: 'high',
  consequenceFor: ['serviceUser', 'serviceUser'],
  immediateAction: '  ',
  healthRelated: true,
};

const errorCode = (r: ReturnType<typeof reportDeviation>) => (r.ok ? null : r.error.code);

describe('reportDeviation', () => {
  it('creates a new case with a case number, trimmed text and a first history event', () => {
    const r = reportDeviation(input, now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.value;
    expect(d.caseNumber).toBe('AV-2026-00123');
    expect(d.status).toBe('new');
    expect(d.title).toBe('Feil dose');
    expect(d.immediateAction).toBeNull();
    expect(d.location).toBeNull();
    expect(d.consequenceFor).toEqual(['serviceUser']);
    expect(d.occurredAt).toBe('2026-03-02T07:00:00.000Z');
    expect(d.reportedAt).toBe('2026-03-02T09:00:00.000Z');
    expect(d.handlerId).toBeNull();
    expect(d.history).toEqual([{ type: 'report', actorId: 'nurse', at: '2026-03-02T09:00:00.000Z', from: null, to: 'new' }]);
  });

  it('numbers whistleblowing with its own prefix', () => {
    const r = reportDeviation({ ...input, kind: 'whistleblowingReport', severity: null, sequence: 4 }, now);
    expect(r.ok && r.value.caseNumber).toBe('VA-2026-00004');
  });

  it.each([
    [{ title: '   ' }, 'case.titleMissing'],
    [{ title: 'x'.repeat(256) }, 'case.titleTooLong'],
    [{ severity: null }, 'case.severityMissing'],
    [{ kind: 'nearMiss' as const, severity: undefined }, 'case.severityMissing'],
    [{ occurredAt: '2026-03-02T09:00:01Z' }, 'case.occurredInFuture'],
    [{ occurredAt: 'i går' }, 'date.invalid'],
    [{ sequence: 0 }, 'caseNumber.sequenceOutOfRange'],
  ])('refuses %j with %s', (patch, code) => {
    expect(errorCode(reportDeviation({ ...input, ...patch }, now))).toBe(code);
  });

  it('accepts a title of exactly 255 characters and an event at this very instant', () => {
    expect(reportDeviation({ ...input, title: 'x'.repeat(255), occurredAt: now.toISOString() }, now).ok).toBe(true);
  });

  it('lets an improvement proposal or positive feedback go without severity or time', () => {
    for (const kind of ['improvementProposal', 'positiveFeedback'] as const) {
      const r = reportDeviation({ ...input, kind, severity: null, occurredAt: null }, now);
      expect(r.ok).toBe(true);
    }
  });
});

describe('kind rules', () => {
  it('routes only whistleblowing to the confidential store', () => {
    expect(DEVIATION_KINDS.filter((k) => routeOf(k) === 'confidential')).toEqual(['whistleblowingReport']);
  });

  it('needs severity only for events that happened or nearly happened', () => {
    expect(DEVIATION_KINDS.filter(kindRequiresSeverity)).toEqual(['adverseEvent', 'nearMiss']);
  });

  it('needs a root cause for events and findings, not for proposals, praise or whistleblowing', () => {
    expect(DEVIATION_KINDS.filter(kindRequiresRootCause)).toEqual(['adverseEvent', 'nearMiss', 'inspectionFinding', 'auditFinding']);
  });

  it('orders severities', () => {
    expect(severityRank('low')).toBeLessThan(severityRank('medium'));
    expect(severityRank('high')).toBeLessThan(severityRank('critical'));
  });
});

describe('needsPatientSafetyReview', () => {
  const serious = deviation({ severity: 'high', healthRelated: true, consequenceFor: ['serviceUser'] });

  it('flags serious harm, actual or possible, to a service user', () => {
    expect(needsPatientSafetyReview(serious)).toBe(true);
    expect(needsPatientSafetyReview({ ...serious, severity: 'critical', kind: 'nearMiss' })).toBe(true);
  });

  it.each([
    ['medium severity', { severity: 'medium' as const }],
    ['not health-related', { healthRelated: false }],
    ['harm to an employee only', { consequenceFor: ['employee' as const] }],
    ['an improvement proposal', { kind: 'improvementProposal' as const }],
    ['no severity', { severity: null }],
  ])('does not flag %s', (_label, patch) => {
    expect(needsPatientSafetyReview({ ...serious, ...patch })).toBe(false);
  });
});

describe('withoutHealthDetails', () => {
  it('blanks every free-text field of a health-related case and keeps what follow-up needs', () => {
    const d = deviation({
      healthRelated: true,
      analysis: { whys: ['Stress'], rootCause: 'Dobbeltkontroll mangler', causeCategory: 'routine' },
      closingNote: 'Ny rutine.',
      noMeasureReason: 'x',
      history: [{ type: 'close', actorId: 'tl-a', at: '2026-03-03T09:00:00.000Z', from: 'measuresDecided', to: 'closed', note: 'Pasient X' }],
    });
    const r = withoutHealthDetails(d);
    expect([r.title, r.description, r.location, r.immediateAction, r.closingNote, r.noMeasureReason]).toEqual(['', '', null, null, null, null]);
    expect(r.analysis).toEqual({ whys: [], rootCause: null, causeCategory: 'routine' });
    expect(r.history[0]).not.toHaveProperty('note');
    expect([r.caseNumber, r.kind, r.severity, r.status, r.unitId]).toEqual([d.caseNumber, d.kind, d.severity, d.status, d.unitId]);
  });

  it('returns a case without health information unchanged', () => {
    const d = deviation({ healthRelated: false });
    expect(withoutHealthDetails(d)).toBe(d);
  });
});

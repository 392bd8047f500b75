// Tests for the case state machine: every status against every action, guards, history and permission.
import { describe, expect, it } from 'vitest';
import type { AccessContext } from './access.js';
import { actOnCase, addMeasureToCase, allowedActions, analyseCase, linkMeasures, noteOnCase, recordAnalysis, transition, type CaseAction, type CaseActionType } from './case-lifecycle.js';
import { CASE_EVENT_TYPES, isCaseStep, withoutHealthDetails, type CaseStatus, type Deviation } from './deviation.js';
import type { Result } from './domain-error.js';
import { PEOPLE, deviation, units } from './test-fixtures.js';

const now = new Date('2026-03-05T10:00:00Z');
const leader = PEOPLE.serviceLeaderA;
const ctx: AccessContext = { units, whistleblowingRecipientIds: new Set(['varsel-mottaker']) };

const analysed = { whys: ['Travelt', 'Ingen dobbeltkontroll'], rootCause: 'Rutinen krever ikke dobbeltkontroll', causeCategory: 'routine' as const };

// Valid payloads for each action, so the table below tests the state machine and not the guards.
const ACTIONS: Record<CaseActionType, CaseAction> = {
  receive: { type: 'receive' },
  startAnalysis: { type: 'startAnalysis' },
  decideMeasures: { type: 'decideMeasures', measureIds: ['m1'] },
  close: { type: 'close', closingNote: 'Rutinen er endret.' },
  reopen: { type: 'reopen', to: 'underAnalysis', reason: 'Skjedde igjen.' },
};

const EXPECTED: Record<CaseStatus, Partial<Record<CaseActionType, CaseStatus>>> = {
  new: { receive: 'received' },
  received: { startAnalysis: 'underAnalysis' },
  underAnalysis: { decideMeasures: 'measuresDecided' },
  measuresDecided: { close: 'closed' },
  closed: { reopen: 'underAnalysis' },
};

const value = (r: Result<Deviation>): Deviation => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
};
const code = (r: Result<Deviation>) => (r.ok ? null : r.error.code);

describe('transition table', () => {
  const rows = (Object.keys(EXPECTED) as CaseStatus[]).flatMap((status) =>
    (Object.keys(ACTIONS) as CaseActionType[]).map((action) => [status, action, EXPECTED[status][action] ?? null] as const),
  );

  it.each(rows)('%s + %s → %s', (status, action, to) => {
    const d = deviation({ status, analysis: analysed });
    const r = transition(d, ACTIONS[action], leader, now);
    if (to === null) {
      expect(code(r)).toBe('case.invalidTransition');
      if (!r.ok) expect(r.error.message).toMatch(/^Saken har status «.+» og kan ikke .+ nå\.$/);
    } else {
      expect(value(r).status).toBe(to);
    }
  });

  it('offers exactly the allowed actions', () => {
    for (const status of Object.keys(EXPECTED) as CaseStatus[]) {
      expect(allowedActions(deviation({ status }))).toEqual(Object.keys(EXPECTED[status]));
    }
  });
});

describe('walking a case through its life', () => {
  it('records who did what and when, and closes with a note', () => {
    let d = deviation({ status: 'new', history: [] });
    d = value(transition(d, { type: 'receive' }, leader, now));
    expect(d.handlerId).toBe('tl-a');
    d = value(transition(d, { type: 'startAnalysis' }, leader, now));
    d = value(recordAnalysis(d, { whys: [' Travelt ', ''], rootCause: ' Mangler rutine ', causeCategory: 'routine' }));
    expect(d.analysis).toEqual({ whys: ['Travelt'], rootCause: 'Mangler rutine', causeCategory: 'routine' });
    d = value(transition(d, { type: 'decideMeasures', measureIds: ['m1', 'm1', 'm2'] }, leader, now));
    expect(d.measureIds).toEqual(['m1', 'm2']);
    const closedAt = new Date('2026-03-20T12:00:00Z');
    d = value(transition(d, { type: 'close', closingNote: '  Ny rutine innført. ' }, leader, closedAt));
    expect(d.closingNote).toBe('Ny rutine innført.');
    expect(d.closedAt).toBe('2026-03-20T12:00:00.000Z');
    expect(d.history.map((e) => [e.type, e.from, e.to])).toEqual([
      ['receive', 'new', 'received'],
      ['startAnalysis', 'received', 'underAnalysis'],
      ['decideMeasures', 'underAnalysis', 'measuresDecided'],
      ['close', 'measuresDecided', 'closed'],
    ]);
    expect(d.history.at(-1)).toMatchObject({ actorId: 'tl-a', at: '2026-03-20T12:00:00.000Z', note: 'Ny rutine innført.' });
  });

  it('does not change the case it was given', () => {
    const d = deviation({ status: 'new' });
    transition(d, { type: 'receive' }, leader, now);
    expect(d.status).toBe('new');
    expect(d.history).toEqual([]);
  });

  it('keeps an existing handler on receive unless another is named', () => {
    expect(value(transition(deviation({ handlerId: 'vl-sh' }), { type: 'receive' }, leader, now)).handlerId).toBe('vl-sh');
    expect(value(transition(deviation(), { type: 'receive', handlerId: 'nurse-2' }, leader, now)).handlerId).toBe('nurse-2');
  });
});

describe('guards', () => {
  const underAnalysis = deviation({ status: 'underAnalysis', analysis: analysed });

  it('needs a root cause and a cause category before deciding measures on an event', () => {
    const noCause = { ...underAnalysis, analysis: { whys: ['Travelt'], rootCause: null, causeCategory: null } };
    expect(code(transition(noCause, ACTIONS.decideMeasures, leader, now))).toBe('case.analysisMissing');
    const noCategory = { ...underAnalysis, analysis: { ...analysed, causeCategory: null } };
    expect(code(transition(noCategory, ACTIONS.decideMeasures, leader, now))).toBe('case.analysisMissing');
  });

  it('does not ask for a root cause on an improvement proposal', () => {
    const proposal = deviation({ status: 'underAnalysis', kind: 'improvementProposal' });
    expect(code(transition(proposal, ACTIONS.decideMeasures, leader, now))).toBeNull();
  });

  it('needs a measure or a reason why none is needed', () => {
    expect(code(transition(underAnalysis, { type: 'decideMeasures', noMeasureReason: '  ' }, leader, now))).toBe('case.measureDecisionMissing');
    const d = value(transition(underAnalysis, { type: 'decideMeasures', noMeasureReason: 'Engangshendelse' }, leader, now));
    expect(d.noMeasureReason).toBe('Engangshendelse');
    expect(d.history.at(-1)?.note).toBe('Engangshendelse');
    const linked = { ...underAnalysis, measureIds: ['m9'] };
    expect(code(transition(linked, { type: 'decideMeasures' }, leader, now))).toBeNull();
  });

  it('needs a closing note', () => {
    const d = deviation({ status: 'measuresDecided' });
    expect(code(transition(d, { type: 'close', closingNote: ' ' }, leader, now))).toBe('case.closingNoteMissing');
  });

  it('lets positive feedback close straight from received, but nothing else', () => {
    const praise = deviation({ status: 'received', kind: 'positiveFeedback' });
    expect(value(transition(praise, ACTIONS.close, leader, now)).status).toBe('closed');
    expect(allowedActions(praise)).toEqual(['startAnalysis', 'close']);
    expect(code(transition({ ...praise, kind: 'adverseEvent' }, ACTIONS.close, leader, now))).toBe('case.invalidTransition');
  });

  it('reopens to received or under analysis with a reason, clearing the close', () => {
    const closed = deviation({ status: 'closed', closingNote: 'Ferdig', closedAt: '2026-03-04T10:00:00.000Z' });
    expect(code(transition(closed, { type: 'reopen', to: 'received', reason: '' }, leader, now))).toBe('case.reopenReasonMissing');
    const d = value(transition(closed, { type: 'reopen', to: 'received', reason: 'Ny informasjon' }, leader, now));
    expect([d.status, d.closingNote, d.closedAt]).toEqual(['received', null, null]);
    expect(d.history.at(-1)).toMatchObject({ type: 'reopen', from: 'closed', to: 'received', note: 'Ny informasjon' });
  });
});

describe('edits outside the state machine', () => {
  it('records analysis only while under analysis', () => {
    const r = recordAnalysis(deviation({ status: 'received' }), analysed);
    expect(code(r)).toBe('case.analysisNotOpen');
    if (!r.ok) expect(r.error.message).toContain('«mottatt»');
  });

  it('links measures until the case is closed', () => {
    expect(value(linkMeasures(deviation({ status: 'measuresDecided', measureIds: ['m1'] }), ['m1', 'm2'])).measureIds).toEqual(['m1', 'm2']);
    expect(code(linkMeasures(deviation({ status: 'closed' }), ['m3']))).toBe('case.closed');
  });
});

describe('actOnCase', () => {
  const d = deviation({ status: 'new', unitId: 'sh-a' });

  it('lets a leader in the line act', () => {
    expect(value(actOnCase(d, ACTIONS.receive, PEOPLE.unitLeaderSh, ctx, now)).handlerId).toBe('vl-sh');
  });

  it.each(['nurse', 'qualityAdviser', 'nightLeader', 'recipient'] as const)('refuses %s', (who) => {
    const r = actOnCase(d, ACTIONS.receive, PEOPLE[who], ctx, now);
    expect(code(r)).toBe('case.forbidden');
    if (!r.ok) expect(r.error.message).toBe('Du har ikke tilgang til å behandle denne saken.');
  });

  it('checks permission before the state', () => {
    expect(code(actOnCase(deviation({ status: 'closed' }), ACTIONS.receive, PEOPLE.nurse, ctx, now))).toBe('case.forbidden');
  });
});

describe('changes that keep the status are logged too (who, when, what)', () => {
  const now = new Date('2026-03-10T10:00:00Z');
  const underAnalysis = deviation({ status: 'underAnalysis', handlerId: 'tl-a', history: [{ type: 'report', actorId: 'nurse', at: '2026-03-02T09:00:00.000Z', from: null, to: 'new' }] });

  it('analyseCase records the analysis and an event in the status it happened in', () => {
    const r = analyseCase(underAnalysis, { whys: [' Hvorfor 1 ', ''], rootCause: 'Uklar rutine', causeCategory: 'routine' }, PEOPLE.serviceLeaderA, ctx, now);
    expect(r.ok && r.value.analysis).toEqual({ whys: ['Hvorfor 1'], rootCause: 'Uklar rutine', causeCategory: 'routine' });
    expect(r.ok && r.value.history.at(-1)).toEqual({ type: 'analysis', actorId: 'tl-a', at: now.toISOString(), from: 'underAnalysis', to: 'underAnalysis' });
    expect(r.ok && r.value.status).toBe('underAnalysis');
  });

  it('analyseCase refuses more than five whys, someone who may not handle the case, and a case not under analysis', () => {
    const six = ['1', '2', '3', '4', '5', '6'];
    expect(analyseCase(underAnalysis, { whys: six, rootCause: null, causeCategory: null }, PEOPLE.serviceLeaderA, ctx, now)).toMatchObject({ ok: false, error: { code: 'case.tooManyWhys' } });
    expect(analyseCase(underAnalysis, { whys: ['1'], rootCause: null, causeCategory: null }, PEOPLE.qualityAdviser, ctx, now)).toMatchObject({ ok: false, error: { code: 'case.forbidden' } });
    expect(analyseCase({ ...underAnalysis, status: 'received' }, { whys: ['1'], rootCause: null, causeCategory: null }, PEOPLE.serviceLeaderA, ctx, now)).toMatchObject({
      ok: false,
      error: { code: 'case.analysisNotOpen' },
    });
  });

  it('addMeasureToCase links the measure once and logs its title; a closed case takes none', () => {
    const r = addMeasureToCase(underAnalysis, { id: 'm1', title: ' Ny rutine for dobbeltkontroll ' }, PEOPLE.serviceLeaderA, ctx, now);
    expect(r.ok && r.value.measureIds).toEqual(['m1']);
    expect(r.ok && r.value.history.at(-1)).toMatchObject({ type: 'measureAdded', note: 'Ny rutine for dobbeltkontroll', from: 'underAnalysis', to: 'underAnalysis' });
    const again = r.ok ? addMeasureToCase(r.value, { id: 'm1', title: 'x' }, PEOPLE.serviceLeaderA, ctx, now) : r;
    expect(again.ok && again.value.measureIds).toEqual(['m1']);
    expect(addMeasureToCase({ ...underAnalysis, status: 'closed' }, { id: 'm2', title: 'x' }, PEOPLE.serviceLeaderA, ctx, now)).toMatchObject({ ok: false, error: { code: 'case.closed' } });
    expect(addMeasureToCase(underAnalysis, { id: 'm2', title: 'x' }, PEOPLE.nurse, ctx, now)).toMatchObject({ ok: false, error: { code: 'case.forbidden' } });
  });

  it('noteOnCase logs feedback and escalation with their text in any status, and refuses an empty text', () => {
    for (const status of ['new', 'closed'] as const) {
      const r = noteOnCase({ ...underAnalysis, status }, { type: 'feedback', note: ' Takk for meldingen. ' }, PEOPLE.serviceLeaderA, ctx, now);
      expect(r.ok && r.value.history.at(-1)).toEqual({ type: 'feedback', actorId: 'tl-a', at: now.toISOString(), from: status, to: status, note: 'Takk for meldingen.' });
    }
    expect(noteOnCase(underAnalysis, { type: 'escalated', note: 'KU: se på bemanningen' }, PEOPLE.unitLeaderSh, ctx, now)).toMatchObject({ ok: true });
    expect(noteOnCase(underAnalysis, { type: 'feedback', note: '  ' }, PEOPLE.serviceLeaderA, ctx, now)).toMatchObject({ ok: false, error: { code: 'case.feedbackMissing' } });
    expect(noteOnCase(underAnalysis, { type: 'escalated', note: '' }, PEOPLE.serviceLeaderA, ctx, now)).toMatchObject({ ok: false, error: { code: 'case.escalationNoteMissing' } });
    expect(noteOnCase(underAnalysis, { type: 'feedback', note: 'x' }, PEOPLE.qualityAdviser, ctx, now)).toMatchObject({ ok: false, error: { code: 'case.forbidden' } });
  });

  it('the change events are not lifecycle steps, and withoutHealthDetails strips their notes like any other', () => {
    expect(CASE_EVENT_TYPES.filter(isCaseStep)).toEqual(['report', 'receive', 'startAnalysis', 'decideMeasures', 'close', 'reopen']);
    const r = noteOnCase({ ...underAnalysis, healthRelated: true }, { type: 'feedback', note: 'Beboeren har det bra nå.' }, PEOPLE.serviceLeaderA, ctx, now);
    expect(r.ok && withoutHealthDetails(r.value).history.at(-1)?.note).toBeUndefined();
  });
});

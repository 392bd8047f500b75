import { describe, expect, it } from 'vitest';
import { reportDeviation } from '../../domain/index.js';
import { type CheckedSubmit, LIMITS, type SubmitContext, checkSubmit, osloLocalToInstant, titleFrom } from './report-form.js';

const now = new Date('2026-11-23T13:05:00Z'); // 14:05 in Oslo
const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
let counter = 0;
const ctx: SubmitContext = {
  unitIds: new Set(['husoy', 'nattevakt']),
  now,
  newSubmissionId: () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
};

const valid = (patch: Record<string, unknown> = {}) => ({
  submissionId: ID,
  kind: 'adverseEvent',
  description: 'Pasienten falt på badet i natt.',
  location: 'Bad, rom 12',
  occurredDate: '2026-11-23',
  occurredTime: '03:10',
  unitId: 'husoy',
  severity: 'medium',
  consequenceFor: 'serviceUser,employee',
  immediateAction: 'Tilkalte sykepleier.',
  ...patch,
});

const errorsOf = (r: CheckedSubmit) => (r.ok ? {} : r.errors);

describe('checkSubmit: a good submit', () => {
  it('gives a draft the domain accepts, with Oslo time turned into UTC', () => {
    const r = checkSubmit(valid(), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft).toMatchObject({
      submissionId: ID,
      kind: 'adverseEvent',
      title: 'Pasienten falt på badet i natt.',
      location: 'Bad, rom 12',
      occurredAt: '2026-11-23T02:10:00.000Z',
      unitId: 'husoy',
      severity: 'medium',
      consequenceFor: ['serviceUser', 'employee'],
      // A service user was affected: health information is assumed (privacy first).
      healthRelated: true,
    });
    const built = reportDeviation({ ...r.draft, id: r.draft.submissionId, sequence: 1, reporterId: 'p1' }, now);
    expect(built.ok).toBe(true);
  });

  it('defaults "when" to now and leaves it out for a proposal; severity is only asked of events', () => {
    const event = checkSubmit(valid({ occurredDate: '', occurredTime: '' }), ctx);
    expect(event.ok && event.draft.occurredAt).toBe('2026-11-23T13:05:00.000Z');
    const proposal = checkSubmit(valid({ kind: 'improvementProposal', occurredDate: '', occurredTime: '', severity: '' }), ctx);
    expect(proposal.ok && proposal.draft).toMatchObject({ occurredAt: null, severity: null });
  });

  it('accepts dd.mm.åååå and a date without time (midday, or now for today)', () => {
    const older = checkSubmit(valid({ occurredDate: '1.7.2026', occurredTime: '' }), ctx);
    expect(older.ok && older.draft.occurredAt).toBe('2026-07-01T10:00:00.000Z');
    const today = checkSubmit(valid({ occurredTime: '' }), ctx);
    expect(today.ok && today.draft.occurredAt).toBe('2026-11-23T13:05:00.000Z');
  });

  it('records the names of files sent in the chat on the case', () => {
    const r = checkSubmit(valid({ attachments: JSON.stringify(['bilde.jpg', 'skjema.pdf']) }), ctx);
    expect(r.ok && r.draft.description).toBe('Pasienten falt på badet i natt.\n\nVedlegg sendt i chat: bilde.jpg, skjema.pdf');
  });

  it('makes a short title from the first sentence', () => {
    expect(titleFrom('Fall. Mer tekst')).toBe('Fall.');
    const long = titleFrom('ord '.repeat(100));
    expect(long.length).toBeLessThanOrEqual(LIMITS.title);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('checkSubmit: bad submits get Norwegian messages and the input back', () => {
  it('missing fields name what to fill in', () => {
    const r = checkSubmit(valid({ description: '   ', unitId: '', severity: '' }), ctx);
    expect(errorsOf(r)).toEqual({
      description: 'Beskriv hva som skjedde.',
      unitId: 'Velg enheten meldingen gjelder.',
      severity: 'Velg alvorlighetsgrad.',
    });
    expect(r.values.location).toBe('Bad, rom 12');
    expect(r.values.submissionId).toBe(ID);
  });

  it('100,000 characters: a clear message, the text cut to the limit and kept', () => {
    const r = checkSubmit(valid({ description: 'æ'.repeat(100_000) }), ctx);
    expect(errorsOf(r).description).toBe(`Beskrivelsen kan ha høyst ${LIMITS.description.toLocaleString('nb-NO').replace(/\u00A0/g, ' ')} tegn (du skrev 100 000). Teksten er kortet ned; se over før du sender.`);
    expect(r.values.description).toHaveLength(LIMITS.description);
  });

  it('an unknown unit, a date in year 30000, a time of 25:99, an unknown severity', () => {
    const r = checkSubmit(valid({ unitId: 'finnes-ikke', occurredDate: '30000-01-01', severity: 'apocalyptic' }), ctx);
    expect(errorsOf(r)).toMatchObject({
      unitId: 'Finner ikke enheten. Velg en enhet fra listen.',
      occurredDate: 'Skriv en gyldig dato, for eksempel 23.11.2026.',
      severity: 'Velg alvorlighetsgrad fra listen.',
    });
    expect(errorsOf(checkSubmit(valid({ occurredTime: '25:99' }), ctx)).occurredTime).toBe('Skriv klokkeslett som tt:mm, for eksempel 14:30.');
    expect(errorsOf(checkSubmit(valid({ occurredDate: '2026-11-24' }), ctx)).occurredDate).toBe('Datoen kan ikke være fram i tid.');
    expect(errorsOf(checkSubmit(valid({ occurredTime: '23:00' }), ctx)).occurredTime).toBe('Tidspunktet kan ikke være fram i tid.');
    expect(errorsOf(checkSubmit(valid({ occurredDate: '1850-01-01' }), ctx)).occurredDate).toMatch(/gyldig dato/);
  });

  it('wrong types are reported per field, never thrown', () => {
    const r = checkSubmit(valid({ description: { $gt: '' }, location: ['a'], unitId: 42, kind: null, severity: true }), ctx);
    expect(r.ok).toBe(false);
    expect(errorsOf(r).description).toBe('Verdien har feil format. Fyll inn feltet på nytt.');
    expect(errorsOf(r).location).toBe('Verdien har feil format. Fyll inn feltet på nytt.');
    expect(errorsOf(r).unitId).toBe('Finner ikke enheten. Velg en enhet fra listen.');
    expect(errorsOf(r).kind).toBe('Velg hva slags melding dette er.');
  });

  it('a missing or forged submission id gets a fresh one and a message', () => {
    for (const id of [undefined, '', '../../etc', 'x'.repeat(500), 12]) {
      const r = checkSubmit(valid({ submissionId: id }), ctx);
      expect(errorsOf(r).form).toBe('Skjemaet manglet en intern nøkkel. Se over og send på nytt.');
      expect(r.values.submissionId).toMatch(/^00000000-0000-4000-8000-\d{12}$/);
    }
  });

  it('the ordinary form cannot smuggle a whistleblowing kind, and the whistleblowing form stays one', () => {
    expect(errorsOf(checkSubmit(valid({ kind: 'whistleblowingReport' }), ctx)).kind).toBeDefined();
    const wb = checkSubmit(valid({ kind: 'adverseEvent', severity: '' }), ctx, 'whistleblowing');
    expect(wb.ok && wb.draft.kind).toBe('whistleblowingReport');
    // Its form asks no unit: it belongs to the municipality.
    const noUnit = checkSubmit(valid({ unitId: '' }), { ...ctx, unitIds: new Set(['kommune']), defaultWhistleblowingUnitId: 'kommune' }, 'whistleblowing');
    expect(noUnit.ok && noUnit.draft.unitId).toBe('kommune');
  });

  it('malicious text is kept as text: control characters, bidi overrides and lone surrogates go', () => {
    const r = checkSubmit(valid({ description: 'Hei\u0000\u202e<script>alert(1)</script>\r\n[lenke](javascript:alert(1))\uD800' }), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.description).toBe('Hei<script>alert(1)</script>\n[lenke](javascript:alert(1))\uFFFD');
  });

  it('not an object at all', () => {
    for (const data of [null, undefined, 'tekst', 42, [valid()], true]) {
      const r = checkSubmit(data, ctx);
      expect(r.ok).toBe(false);
      expect(errorsOf(r).form).toBe('Skjemaet kom ikke fram. Fyll det ut på nytt.');
    }
  });
});

describe('checkSubmit: fuzz', () => {
  // A small seeded PRNG keeps the run repeatable.
  let seed = 2026;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const junk = (): unknown =>
    pick([
      () => '',
      () => 'x'.repeat(Math.floor(random() * 200_000)),
      () => String.fromCharCode(...Array.from({ length: 50 }, () => Math.floor(random() * 0xffff))),
      () => Math.floor(random() * 1e12) - 5e11,
      () => NaN,
      () => Infinity,
      () => null,
      () => undefined,
      () => true,
      () => [],
      () => ({ toString: 'x', __proto__: { polluted: 1 } }),
      () => '30000-12-31',
      () => '0000-00-00',
      () => '../../../etc/passwd',
      () => "'; DROP TABLE avvik; --",
      () => '${jndi:ldap://x}',
      () => 'serviceUser,serviceUser,unknown',
      () => pick(['adverseEvent', 'nearMiss', 'improvementProposal', 'positiveFeedback', 'whistleblowingReport']),
      () => pick(['low', 'medium', 'high', 'critical']),
      () => pick(['husoy', 'nattevakt']),
    ])();
  const keys = ['submissionId', 'kind', 'description', 'location', 'occurredDate', 'occurredTime', 'unitId', 'severity', 'consequenceFor', 'immediateAction', 'healthRelated', 'attachments', '__proto__', 'constructor'];

  it('2,000 random submits: never a throw, always a Norwegian message or a draft the domain accepts', () => {
    for (let i = 0; i < 2000; i++) {
      const data: Record<string, unknown> = {};
      for (const key of keys) if (random() < 0.7) data[key] = junk();
      if (random() < 0.5) data.submissionId = ID;
      const r = checkSubmit(data, ctx, random() < 0.2 ? 'whistleblowing' : 'ordinary');
      if (r.ok) {
        const built = reportDeviation({ ...r.draft, id: r.draft.submissionId, sequence: 1, reporterId: 'p1' }, now);
        expect(built.ok).toBe(true);
        expect(r.draft.description.length).toBeLessThanOrEqual(LIMITS.description + 40 + LIMITS.attachments * (LIMITS.attachmentName + 2));
      } else {
        const messages = Object.values(r.errors);
        expect(messages.length).toBeGreaterThan(0);
        for (const m of messages) expect(m).toMatch(/[a-zæøå]/i);
        // The values kept for the form are bounded, whatever came in.
        expect(r.values.description.length).toBeLessThanOrEqual(LIMITS.description);
        expect(r.values.location.length).toBeLessThanOrEqual(LIMITS.location);
      }
    }
  });
});

describe('osloLocalToInstant', () => {
  it('follows summer and winter time', () => {
    expect(osloLocalToInstant('2026-07-01', 12, 0).toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(osloLocalToInstant('2026-01-15', 12, 0).toISOString()).toBe('2026-01-15T11:00:00.000Z');
    // The night the clocks go back: 02:30 happens twice; the first is taken.
    expect(osloLocalToInstant('2026-10-25', 2, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('osloLocalToInstant in spring', () => {
  it('a time in the skipped hour is read with winter time (an hour later on the clock)', () => {
    expect(osloLocalToInstant('2026-03-29', 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(osloLocalToInstant('2026-03-29', 3, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

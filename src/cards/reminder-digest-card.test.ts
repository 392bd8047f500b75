import { describe, expect, it } from 'vitest';
import { type DigestFrame, type DigestLine, packDigest, reminderDigestCard } from './reminder-digest-card.js';
import { TEAMS_CARD_MAX_BYTES, cardSizeBytes, validateCard } from './validate-card.js';

const frame = (totals = { measures: 2, reviews: 1, risk: 1 }): DigestFrame => ({
  locale: 'nb-NO',
  channelId: '19:husoy-ledere@thread.tacv2',
  unitName: 'Husøy sykehjem',
  date: '2026-11-24',
  totals,
  links: { actionList: 'https://varde.example.no/actions', reviews: 'https://varde.example.no/procedures/reviews', risk: 'https://varde.example.no/risk/rounds' },
});

const measure = (n: number, patch: Partial<Extract<DigestLine, { kind: 'measure' }>> = {}): DigestLine => ({
  kind: 'measure',
  measureId: `m-${n}`,
  title: `Oppdatere branninstruksen på avdeling ${n}`,
  caseNumber: null,
  caseUrl: null,
  unitName: 'Husøy sykehjem',
  ownerName: 'Nils Sykepleier',
  deadline: '2026-11-19',
  daysOverdue: 5,
  state: { type: 'open' },
  ...patch,
});
const LINES: DigestLine[] = [
  measure(1),
  measure(2, { title: null, caseNumber: 'AV-2026-00042', caseUrl: 'https://varde.example.no/cases/c1', ownerName: null }),
  { kind: 'review', documentId: 'doc-1', title: 'Prosedyre for legemiddelhåndtering', unitName: 'Husøy sykehjem', dueDate: '2026-11-20', daysOverdue: 4 },
  { kind: 'risk', key: 'r|unitSubmission|husoy', title: 'Send risikovurderingen til kommunalsjef', unitName: 'Husøy sykehjem', deadline: '2026-11-30', daysLeft: 6 },
];

describe('the reminder digest card', () => {
  it('is a valid Adaptive Card 1.5 within the Teams limit, and looks as it did', () => {
    const card = reminderDigestCard({ ...frame(), part: 0, parts: 1, lines: LINES, overflow: { measures: 0, reviews: 0, risk: 0 } });
    expect(validateCard(card)).toEqual([]);
    expect(card).toMatchSnapshot();
  });

  it('open measures get "Utført" (asking for the evaluation) and "Ny frist", each carrying where it was posted', () => {
    const card = JSON.stringify(reminderDigestCard({ ...frame(), part: 0, parts: 1, lines: [measure(7)], overflow: { measures: 0, reviews: 0, risk: 0 } }));
    expect(card).toContain('"verb":"reminderDone","data":{"c":"19:husoy-ledere@thread.tacv2","d":"2026-11-24","p":"0","m":"m-7","f":"e0"}');
    expect(card).toContain('"verb":"reminderNewDeadline"');
    expect(card).toContain('Hva ble gjort, og virket det? (evaluering)');
  });

  it('a measure of a health-related case shows the case number, unit and deadline only', () => {
    const card = JSON.stringify(reminderDigestCard({ ...frame(), part: 0, parts: 1, lines: [LINES[1] as DigestLine], overflow: { measures: 0, reviews: 0, risk: 0 } }));
    expect(card).toContain('Tiltak i sak AV-2026-00042');
    expect(card).not.toContain('Nils');
  });

  it('a done line says who and has no buttons left', () => {
    const card = JSON.stringify(reminderDigestCard({ ...frame(), part: 0, parts: 1, lines: [measure(1, { state: { type: 'done', byName: 'Liv Leder', at: '2026-11-24T09:15:00Z' } })], overflow: { measures: 0, reviews: 0, risk: 0 } }));
    expect(card).toContain('Utført – satt av Liv Leder 24. nov. 2026 kl. 10:15.');
    expect(card).not.toContain('reminderDone');
  });

  it('nynorsk and English for the person who acts', () => {
    const nn = JSON.stringify(reminderDigestCard({ ...frame(), locale: 'nn-NO', part: 0, parts: 1, lines: [measure(1)], overflow: { measures: 0, reviews: 0, risk: 0 } }));
    const en = JSON.stringify(reminderDigestCard({ ...frame(), locale: 'en-GB', part: 0, parts: 1, lines: [measure(1)], overflow: { measures: 0, reviews: 0, risk: 0 } }));
    expect(nn).toContain('Påminning: forfalne tiltak og fristar');
    expect(en).toContain('Reminder: overdue measures and deadlines');
  });
});

describe('a digest larger than a card', () => {
  const many: DigestLine[] = Array.from({ length: 300 }, (_, i) => measure(i, { title: `${'Et langt tiltak som beskriver mye '.repeat(5)}${i}` }));
  const big = frame({ measures: 300, reviews: 0, risk: 0 });

  it('is split into parts that each fit in a Teams message, with what did not fit counted in the last: nothing lost', () => {
    const { parts, overflow } = packDigest(big, many, { maxParts: 3 });
    expect(parts).toHaveLength(3);
    const shown = parts.reduce((n, p) => n + p.length, 0);
    expect(shown).toBeGreaterThan(20);
    expect(shown + overflow.measures).toBe(300);
    parts.forEach((lines, part) => {
      const card = reminderDigestCard({ ...big, part, parts: parts.length, lines, overflow });
      expect(validateCard(card)).toEqual([]);
      expect(cardSizeBytes(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
      // Still room for a line to say "Utført – satt av …" on every line of it.
      const allDone = lines.map((l) => (l.kind === 'measure' ? { ...l, state: { type: 'done' as const, byName: 'Navn Navnesen Langnavn', at: '2026-11-24T09:15:00Z' } } : l));
      expect(cardSizeBytes(reminderDigestCard({ ...big, part, parts: parts.length, lines: allDone, overflow, notice: { text: 'Tiltaket er satt som utført. Takk!', tone: 'good' } }))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    });
    const last = JSON.stringify(reminderDigestCard({ ...big, part: 2, parts: 3, lines: parts[2] as DigestLine[], overflow }));
    expect(last).toContain(`Og ${overflow.measures} til – se aksjonslisten i Varde (tiltak: ${overflow.measures}, prosedyrer: 0, risikofrister: 0).`);
  });

  it('a small digest is one part with nothing left over', () => {
    const { parts, overflow } = packDigest(frame(), LINES);
    expect(parts).toEqual([LINES]);
    expect(overflow).toEqual({ measures: 0, reviews: 0, risk: 0 });
  });
});

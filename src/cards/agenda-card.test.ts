// The committee cards: valid Adaptive Card 1.5 in every language, no case text, and a long agenda degraded to fit in a Teams message.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AgendaCardInput, type AgendaCardItem, agendaCard } from './agenda-card.js';
import { AGENDA_CATALOGUES } from './agenda-strings.js';
import { type MinutesCardInput, minutesCard } from './minutes-card.js';
import { TEAMS_CARD_MAX_BYTES, cardSizeBytes, validateCard } from './validate-card.js';

const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, 'schema/adaptive-card-1.5.json'), 'utf8')) as {
  definitions: Record<string, { properties?: Record<string, unknown>; anyOf?: { properties?: Record<string, unknown> }[] }>;
};

/** Types and properties the published 1.5 schema does not list (the package ignores unknown properties). */
function schemaProblems(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(schemaProblems);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const out: string[] = [];
  if (typeof record.type === 'string') {
    const d = schema.definitions[record.type];
    const known = d?.properties ?? d?.anyOf?.find((x) => x.properties)?.properties;
    if (!known) out.push(`unknown type ${record.type}`);
    else for (const key of Object.keys(record)) if (!(key in known)) out.push(`${record.type}.${key}`);
  }
  for (const value of Object.values(record)) out.push(...schemaProblems(value));
  return out;
}

const CASE_TITLE = 'Beboer Ola Hansen falt i dusjen';

function item(n: number, patch: Partial<AgendaCardItem> = {}): AgendaCardItem {
  return {
    number: `${n}/26`,
    title: `Sak om rutiner nr. ${n}`,
    escalatedCaseNumber: null,
    ownerName: 'Kari Kvalitet',
    durationMinutes: 15,
    status: 'accepted',
    links: [{ type: 'case', caseNumber: `AV-2026-${String(n).padStart(5, '0')}`, kind: 'adverseEvent', unitName: 'Eikeberg sykehjem', severity: 'high', deleted: false, url: `https://varde.example/cases/c${n}` }],
    moreLinks: 0,
    ...patch,
  };
}

function agenda(locale: string, items: AgendaCardItem[]): AgendaCardInput {
  return {
    locale,
    committeeName: 'Kommunedirektørens utvidede ledermøte (KUL)',
    meetingTitle: 'KUL mars 2026',
    startsAt: '2026-03-10T08:00:00.000Z',
    endsAt: '2026-03-10T11:00:00.000Z',
    location: 'Rådhuset, møterom 1',
    approvedByName: 'Kommunedirektør Anne',
    approvedAt: '2026-03-05T12:00:00.000Z',
    updatedAt: null,
    items,
    meetingUrl: 'https://varde.example/committees/meetings/m1',
  };
}

const minutes = (locale: string): MinutesCardInput => ({
  locale,
  committeeName: 'KUL',
  meetingTitle: 'KUL mars 2026',
  startsAt: '2026-03-10T08:00:00.000Z',
  publishedByName: 'Kari Kvalitet',
  publishedAt: '2026-03-11T08:00:00.000Z',
  items: [
    { number: '1/26', title: 'Kvalitetsindikatorer', escalatedCaseNumber: null, outcome: 'decided', newMeasures: 2, escalatedToName: null },
    { number: '2/26', title: CASE_TITLE, escalatedCaseNumber: 'AV-2026-00012', outcome: 'postponed', newMeasures: 0, escalatedToName: 'KLG' },
  ],
  pdfUrl: 'https://varde.example/api/meetings/m1/minutes.pdf',
  docxUrl: 'https://varde.example/api/meetings/m1/minutes.docx',
  meetingUrl: 'https://varde.example/committees/meetings/m1',
});

describe.each(['nb-NO', 'nn-NO', 'en-US'])('committee cards in %s', (locale) => {
  it('the agenda card is valid 1.5 and uses only the schema’s properties', () => {
    const card = agendaCard(agenda(locale, [item(1), item(2, { status: 'withdrawn' }), item(3, { links: [{ type: 'case', caseNumber: 'AV-2026-00099', kind: null, unitName: null, severity: null, deleted: true, url: 'https://varde.example/cases/x' }] })]));
    expect(validateCard(card)).toEqual([]);
    expect(schemaProblems(card)).toEqual([]);
  });

  it('the minutes card is valid 1.5 and uses only the schema’s properties', () => {
    const card = minutesCard(minutes(locale));
    expect(validateCard(card)).toEqual([]);
    expect(schemaProblems(card)).toEqual([]);
  });
});

describe('agenda card', () => {
  it('shows an item raised from a case by its number, never the case title', () => {
    const json = JSON.stringify(agendaCard(agenda('nb', [item(1, { title: CASE_TITLE, escalatedCaseNumber: 'AV-2026-00012' })])));
    expect(json).not.toContain('Ola Hansen');
    expect(json).toContain('Eskalert sak AV-2026-00012');
  });

  it('shows a case as number, kind, unit and severity with a link, and a deleted case as "sak slettet"', () => {
    const json = JSON.stringify(
      agendaCard(agenda('nb', [item(1, { links: [...item(1).links, { type: 'case', caseNumber: 'AV-2026-00077', kind: null, unitName: null, severity: null, deleted: true, url: 'https://varde.example/cases/gone' }] })])),
    );
    expect(json).toContain('AV-2026-00001 · Avvik · Eikeberg sykehjem · Høy');
    expect(json).toContain('https://varde.example/cases/c1');
    expect(json).toContain('AV-2026-00077: sak slettet');
    expect(json).not.toContain('https://varde.example/cases/gone');
  });

  it('counts measures, risk rows and documents instead of naming them', () => {
    const json = JSON.stringify(agendaCard(agenda('nb', [item(1, { links: [{ type: 'measure' }, { type: 'measure' }], moreLinks: 40 })])));
    expect(json).toContain('Lenker i Varde: 42 tiltak');
  });

  it('keeps a long agenda under 28 KB: links cut first, then items counted, and says what is left to the tab', () => {
    const many = (count: number, links: number) =>
      Array.from({ length: count }, (_, i) =>
        item(i + 1, {
          title: `${'Lang tittel om rutiner og oppfølging '.repeat(6)}${i}`,
          links: Array.from({ length: links }, (_, j) => ({ type: 'case' as const, caseNumber: `AV-2026-${String(j).padStart(5, '0')}`, kind: 'adverseEvent' as const, unitName: 'Eikeberg sykehjem', severity: 'critical' as const, deleted: false, url: `https://varde.example/cases/${i}-${j}` })),
        }),
      );
    const medium = agendaCard(agenda('nb', many(12, 25)));
    expect(cardSizeBytes(medium)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    expect(validateCard(medium)).toEqual([]);
    expect(JSON.stringify(medium)).toContain('Sak 12/26');

    const huge = agendaCard(agenda('nb', many(400, 25)));
    expect(cardSizeBytes(huge)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    expect(validateCard(huge)).toEqual([]);
    const text = JSON.stringify(huge);
    expect(text).toMatch(/Sakslisten er for lang for et kort: \d+ saker til vises i Varde\./);
    expect(text).toContain('Sak 1/26');
  });
});

describe('minutes card', () => {
  it('says what happened to each item without the decision text or case titles', () => {
    const json = JSON.stringify(minutesCard(minutes('nb')));
    expect(json).not.toContain('Ola Hansen');
    expect(json).toContain('Vedtak fattet · 2 nye tiltak på aksjonslisten');
    expect(json).toContain('Utsatt · Meldt videre til KLG');
  });

  it('stays under 28 KB for a very long meeting', () => {
    const input = minutes('nb');
    const items = Array.from({ length: 500 }, (_, i) => ({ ...input.items[0]!, number: `${i + 1}/26`, title: `Tittel ${'x'.repeat(150)}` }));
    const card = minutesCard({ ...input, items });
    expect(cardSizeBytes(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    expect(validateCard(card)).toEqual([]);
  });
});

it('every language has every text', () => {
  const keys = Object.keys(AGENDA_CATALOGUES.nb).sort();
  expect(Object.keys(AGENDA_CATALOGUES.nn).sort()).toEqual(keys);
  expect(Object.keys(AGENDA_CATALOGUES.en).sort()).toEqual(keys);
});

// The procedure cards (issue 8): what each shows and offers, the outcome for everyone once decided, the digest's
// per-document confirmation, the search answer; snapshots, and each card valid and under Teams' limit (all-cards.test.ts
// runs every variant through the package, the 1.5 schema and hostile text as well).
import { describe, expect, it } from 'vitest';
import { PROCEDURE_VERBS, procedureApprovalCard, procedureSearchCard, readingDigestCard } from './procedure-cards.js';
import { PROCEDURE_CATALOGUES } from './procedure-strings.js';
import { DOCUMENT_URL, HUGE_TEXT, MORE_URL, procedureCards } from './test-fixtures.js';
import { cardSizeBytes, TEAMS_CARD_MAX_BYTES, validateCard } from './validate-card.js';

const cards = procedureCards('nb-NO');
/** One card of the fixtures by name (a missing one fails the test). */
function get(name: string) {
  const card = cards[name];
  if (!card) throw new Error(`no card ${name}`);
  return card;
}
const json = (x: unknown) => JSON.stringify(x);

describe('procedure cards', () => {
  it('match their snapshots', () => {
    expect(cards).toMatchSnapshot();
  });

  it('are valid Adaptive Cards 1.5 under the Teams limit, even with 100,000 characters of text everywhere', () => {
    for (const card of [...Object.values(cards), ...Object.values(procedureCards('nb-NO', HUGE_TEXT))]) {
      expect(validateCard(card)).toEqual([]);
      expect(cardSizeBytes(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    }
  });

  it('has every text in nynorsk and English too', () => {
    expect(Object.keys(PROCEDURE_CATALOGUES.nn).sort()).toEqual(Object.keys(PROCEDURE_CATALOGUES.nb).sort());
    expect(Object.keys(PROCEDURE_CATALOGUES.en).sort()).toEqual(Object.keys(PROCEDURE_CATALOGUES.nb).sort());
    expect(json(procedureCards('nn-NO').procedureApproval)).toContain('Opne dokumentet');
    expect(json(procedureCards('en-GB').readingDigest)).toContain('I have read and understood');
  });
});

describe('the approval card', () => {
  it('offers Godkjenn and Avvis for exactly the version sent, a comment box, and the document', () => {
    const card = get('procedureApproval');
    expect(card.actions).toEqual([
      { type: 'Action.Execute', title: 'Godkjenn', verb: PROCEDURE_VERBS.approveProcedure, data: { documentId: 'doc-1', version: '0.2' }, style: 'positive' },
      { type: 'Action.Execute', title: 'Avvis', verb: PROCEDURE_VERBS.rejectProcedure, data: { documentId: 'doc-1', version: '0.2' }, style: 'destructive' },
      { type: 'Action.OpenUrl', title: 'Åpne dokumentet', url: DOCUMENT_URL },
    ]);
    expect(json(card)).toContain('"type":"Input.Text","id":"comment"');
    for (const part of ['Legemiddelhåndtering i sykehjem', 'Prosedyre', 'Mestring og helse', '0.2', 'Kari Nordmann', '23. nov. 2026 kl. 14:05', 'Ja – kommer på leselisten', 'dobbeltkontroll']) {
      expect(json(card)).toContain(part);
    }
  });

  it('once decided shows who approved which version when, to everyone, without buttons', () => {
    const approved = get('procedureApproved');
    expect(json(approved)).toContain('Godkjent av Liv Leder 24. nov. 2026 kl. 09:00 som versjon 1.0.');
    expect(approved.actions?.map((a) => a.type)).toEqual(['Action.OpenUrl']);
    expect(json(approved)).not.toContain('Input.Text');
    const rejected = get('procedureRejected');
    expect(json(rejected)).toContain('Avvist av Liv Leder 24. nov. 2026 kl. 09:00.');
    expect(json(rejected)).toContain('Mangler ansvar.');
  });

  it('comes back with the error and the comment typed so far', () => {
    const card = procedureApprovalCard({ ...approvalInput(), error: 'Skriv en kommentar som forklarer hvorfor dokumentet avvises.', comment: 'halvveis' });
    expect(json(card)).toContain('Skriv en kommentar som forklarer');
    expect(json(card)).toContain('"value":"halvveis"');
  });
});

describe('the reading digest', () => {
  it('has one "Jeg har lest og forstått" per open document, with that document and version', () => {
    const card = get('readingDigest');
    const executes = json(card).match(/"verb":"confirmReading","data":\{[^}]+\}/g) ?? [];
    expect(executes).toEqual(['"verb":"confirmReading","data":{"documentId":"doc-1","version":"1.0"}']);
    expect(json(card)).toContain('Bekreftet 24. nov. 2026 kl. 10:00');
    expect(json(card)).toContain('Ny: Prosedyre nummer 1');
  });

  it('shows at most eight and says how many more there are', () => {
    const card = get('readingDigestFull');
    expect((json(card).match(/confirmReading/g) ?? []).length).toBe(8);
    expect(json(card)).toContain('Og 4 til på leselisten.');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Se hele leselisten', url: MORE_URL }]);
  });

  it('says so when everything is read', () => {
    expect(json(readingDigestCard({ locale: 'nb-NO', variant: 'digest', items: [], openCount: 0, listUrl: MORE_URL }))).toContain('Du har lest og bekreftet alt');
  });
});

describe('the search answer', () => {
  it('lists at most five matches with a link each, and a way to search in Varde', () => {
    const card = get('procedureSearch');
    expect((json(card).match(/"title":"Åpne"/g) ?? []).length).toBe(5);
    expect(json(card)).toContain('Søk: legemiddel');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Søk i Varde', url: MORE_URL }]);
  });

  it('says when nothing matched, and how to ask when nothing was asked', () => {
    expect(json(get('procedureSearchEmpty'))).toContain('Fant ingen dokumenter');
    expect(json(procedureSearchCard({ locale: 'nb-NO', query: '', results: [], searchUrl: MORE_URL }))).toContain('finn prosedyre legemiddel');
  });
});

function approvalInput() {
  return {
    locale: 'nb-NO',
    documentId: 'doc-1',
    version: '0.2',
    title: 'Legemiddelhåndtering',
    documentType: 'procedure' as const,
    unitName: 'Mestring og helse',
    submittedBy: 'Kari',
    submittedAt: '2026-11-23T13:05:00.000Z',
    substantive: false,
    changeNote: null,
    documentUrl: DOCUMENT_URL,
  };
}

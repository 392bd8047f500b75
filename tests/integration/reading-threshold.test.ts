// Reading lists past SharePoint's list view threshold, over real HTTP against the app as `npm start` composes it: a
// procedure for more than 5,000 people has more than 5,000 reading-list entries and confirmations, so `DocumentId eq`
// would select more than 5,000 items as the first condition, which the emulator refuses as SharePoint does. Coverage
// (per unit, who has not confirmed) and the digest's repair of an incomplete reading list still read every row of the
// document, each once, in windows of the person id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentCoverage, DocumentDetail } from '../../src/server/api/contract-procedures.js';
import type { Person } from '../../src/domain/index.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';
import { HUSOY_PEOPLE, P, PEOPLE, UNITS, docx, listItems, qualitySite, upload } from '../support/procedure-town.js';

/** Employees added in Avdeling A: with Husøy's own, more than 5,000 people the procedure applies to. */
const EXTRA = 5150;
/** Of them, this many have confirmed: more than 5,000 confirmations of the document too. */
const CONFIRMED = 5050;
const personId = (i: number) => `5d1e0c3b-0000-4a7f-9b2c-${String(i).padStart(12, '0')}`;
const extra: Person[] = Array.from({ length: EXTRA }, (_, i) => ({
  id: personId(i),
  name: `Ansatt ${i}`,
  email: `ansatt.${i}@varde-demo.onmicrosoft.com`,
  upn: `ansatt.${i}@varde-demo.onmicrosoft.com`,
  unitId: 'husoy-a',
  roles: ['employee'],
}));
const AUDIENCE = HUSOY_PEOPLE.length + EXTRA;

let stack: AppStack;
let site: string;
let documentId = '';
let liv = '';

const body = async <T>(res: Response, status: number): Promise<T> => {
  const text = await res.text();
  expect(res.status, text.slice(0, 500)).toBe(status);
  return JSON.parse(text) as T;
};

beforeAll(async () => {
  stack = await startAppStack({ municipality: { units: UNITS, people: [...PEOPLE, ...extra] } });
  site = await qualitySite(stack);
  liv = await stack.signIn(P.liv.aadObjectId);
  const meta = { kind: 'procedure', title: 'Håndhygiene på Husøy', description: 'Før og etter stell.', ownerUnitId: 'husoy', reviewerId: P.siv.aadObjectId, keywords: ['hygiene'] };
  const created = await body<DocumentDetail>(await upload(stack, liv, { name: 'Handhygiene.docx', bytes: docx('Håndhygiene', 'Vask hendene.') }, meta), 201);
  const sent = await body<DocumentDetail>(await stack.api(liv, `/api/procedures/${created.id}/submit`, { method: 'POST', json: { etag: created.etag, substantive: true, changeNote: 'Første versjon.' } }), 200);
  const approved = await body<DocumentDetail>(await stack.api(liv, `/api/procedures/${sent.id}/approve`, { method: 'POST', json: {} }), 200);
  expect(approved.approvedVersion).toBe('1.0');
  documentId = approved.id;
  await stack.composition.procedures.idle();
  const confirmedAt = new Date().toISOString();
  const imported = await stack.repos.procedures.reading.importConfirmations(
    extra.slice(0, CONFIRMED).map((p) => ({ documentId, version: '1.0', personId: p.id, unitId: p.unitId, confirmedAt })),
  );
  expect(imported.failed).toEqual([]);
}, 600_000);

afterAll(async () => {
  await stack?.stop();
});

describe('reading lists past the list view threshold', () => {
  it('the document has more than 5,000 entries and confirmations, so `DocumentId eq` is refused', async () => {
    await expect(listItems(stack, site, 'Leseliste', `fields/DocumentId eq '${documentId}'`)).rejects.toThrow(/429/);
    await expect(listItems(stack, site, 'Lesebekreftelser', `fields/DocumentId eq '${documentId}'`)).rejects.toThrow(/429/);
  });

  it('coverage counts every person and confirmation once, per unit, and names who has not confirmed', async () => {
    const c = await body<DocumentCoverage>(await stack.api(liv, `/api/procedures/${documentId}/reading-coverage`), 200);
    expect(c).toMatchObject({ readingVersion: '1.0', unit: { id: 'husoy' }, required: AUDIENCE, confirmed: CONFIRMED });
    expect(c.notConfirmedTotal).toBe(AUDIENCE - CONFIRMED);
    expect(c.byUnit.find((u) => u.unitId === 'husoy-a')).toMatchObject({ required: 3 + EXTRA, confirmed: CONFIRMED });
    expect(c.byUnit.find((u) => u.unitId === 'husoy-b')).toMatchObject({ required: 2, confirmed: 0 });
  });

  it("the digest puts back entries missing from a large document's reading list, and only those", async () => {
    const lost = [personId(1), personId(2600), personId(EXTRA - 1)];
    for (const id of lost) {
      const res = await stack.emulator.graph(`/sites/${site}/lists/Leseliste/items?${new URLSearchParams({ $filter: `fields/PersonId eq '${id}'` })}`);
      const items = ((await res.json()) as { value: { id: string }[] }).value;
      expect(items).toHaveLength(1);
      expect((await stack.emulator.graph(`/sites/${site}/lists/Leseliste/items/${(items[0] as { id: string }).id}`, { method: 'DELETE' })).status).toBe(204);
    }
    const before = await listItems(stack, site, 'Leseliste');
    expect(before).toHaveLength(AUDIENCE - lost.length);
    const outcome = await stack.composition.procedures.sendReadingDigests(new Date());
    expect(outcome.status).toBe('sent');
    expect(stack.events).toContain('procedures.readingReconciled');
    const after = await listItems(stack, site, 'Leseliste');
    expect(after).toHaveLength(AUDIENCE);
    expect(new Set(after.map((e) => e.PersonId)).size).toBe(AUDIENCE);
    for (const id of lost) expect(after.some((e) => e.PersonId === id && e.DocumentId === documentId && e.Version === '1.0')).toBe(true);
  });
});

// Procedures over the tab's API (issue 8), against the app as `npm start` composes it and the Graph emulator's drives
// and lists: upload (type by content, size, duplicate names), metadata, approval and major versions, history, reading
// lists and confirmations (superseded versions refused), coverage, yearly review, search, self-assessment, the daily
// digest. What was stored is read back through Graph, not through the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentCoverage, DocumentDetail, DocumentPage, ReadingListView, ReviewDuePage, SelfAssessmentView } from '../../src/server/api/contract-procedures.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';
import { withReadingListOnboarding } from '../../src/app/procedures/index.js';
import type { Person } from '../../src/domain/index.js';
import { HUSOY_PEOPLE, type Json, P, PEOPLE, TOWN, docx, fileVersions, listItems, pdf, qualitySite, upload, uploadVersion } from '../support/procedure-town.js';

let stack: AppStack;
let site: string;
const tokens: Record<string, string> = {};
const as = (who: keyof typeof P) => tokens[who] as string;

beforeAll(async () => {
  // 1 MB files at most, so "too large" needs no large upload.
  stack = await startAppStack({ municipality: TOWN, env: { VARDE_FILE_MAX_MB: '1' } });
  site = await qualitySite(stack);
  for (const key of Object.keys(P) as (keyof typeof P)[]) tokens[key] = await stack.signIn(P[key].aadObjectId);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const post = (token: string, path: string, json: unknown) => stack.api(token, path, { method: 'POST', json });
const get = (token: string, path: string) => stack.api(token, path);
const body = async <T>(res: Response, status: number): Promise<T> => {
  const text = await res.text();
  expect(res.status, text.slice(0, 500)).toBe(status);
  return JSON.parse(text) as T;
};
const libraryRow = async (library: string, id: string) => (await listItems(stack, site, library, `fields/RecordId eq '${id}'`))[0] as Json;
const idle = () => stack.composition.procedures.idle();

const FALL = { kind: 'procedure', title: 'Fallforebygging på Husøy', description: 'Hvordan vi forebygger fall hos beboere.', ownerUnitId: 'husoy', reviewerId: P.siv.aadObjectId, keywords: ['fall', 'sikkerhet'] };

describe('upload', () => {
  const state = { id: '', etag: '' };

  it('a unit leader uploads a .docx as a draft, version 0.1; the file and its metadata are in the library', async () => {
    const doc = await body<DocumentDetail>(await upload(stack, as('liv'), { name: 'Fallforebygging.docx', bytes: docx('Fallforebygging', 'Sengehest skal alltid stå nede.') }, FALL), 201);
    expect(doc).toMatchObject({ kind: 'procedure', documentType: 'procedure', status: 'draft', latestVersion: '0.1', approvedVersion: null, fileName: 'Fallforebygging.docx', level: 'unit', ownerUnitName: 'Husøy sykehjem' });
    expect(doc.approvers.map((a) => a.name)).toEqual(['Liv Leder', 'Dag Nestleder']);
    expect(doc.appliesToUnits).toEqual([{ id: 'husoy', name: 'Husøy sykehjem' }]);
    expect(doc.allowedActions).toEqual(expect.arrayContaining(['edit', 'submit', 'uploadVersion']));
    const row = await libraryRow('Prosedyrer', doc.id);
    expect(row).toMatchObject({ Title: 'Fallforebygging på Husøy', FileLeafRef: 'Fallforebygging.docx', Status: 'draft', OwnerUnitId: 'husoy', Level: 'unit', ReviewerId: P.siv.aadObjectId, LatestVersion: '0.1' });
    expect(await fileVersions(stack, site, 'Prosedyrer', row.DriveItemId as string)).toEqual(['0.1']);
    state.id = doc.id;
    state.etag = doc.etag;
  });

  it('nobody but editors and approvers sees a draft', async () => {
    expect((await get(as('anne'), `/api/procedures/${state.id}`)).status).toBe(404);
    expect((await get(as('per'), `/api/procedures/${state.id}/content`)).status).toBe(404);
    expect((await get(as('dag'), `/api/procedures/${state.id}`)).status).toBe(200);
  });

  it('a new version is a minor one above it: 0.2', async () => {
    const doc = await body<DocumentDetail>(await uploadVersion(stack, as('liv'), state.id, state.etag, { name: 'whatever.docx', bytes: docx('Fallforebygging', 'Sengehest skal stå nede. Sklisikre sokker.') }), 200);
    expect(doc.latestVersion).toBe('0.2');
    expect(doc.versions.map((v) => v.label)).toEqual(['0.2', '0.1']);
    expect(doc.fileName).toBe('Fallforebygging.docx');
    const old = await stack.api(as('liv'), `/api/procedures/${state.id}/content?version=0.1`);
    expect(old.status).toBe(200);
    expect(old.headers.get('content-type')).toContain('wordprocessingml');
    expect(old.headers.get('content-disposition')).toContain("filename*=UTF-8''Fallforebygging.docx");
    // A stale etag is refused with the document as it is now.
    const stale = await body<{ error: { code: string; current: DocumentDetail } }>(await uploadVersion(stack, as('liv'), state.id, state.etag, { name: 'x.docx', bytes: docx('X') }), 409);
    expect(stale.error.code).toBe('conflict');
    expect(stale.error.current.latestVersion).toBe('0.2');
  });

  describe('bad input: a clear message, nothing written', () => {
    const count = async () => (await listItems(stack, site, 'Prosedyrer')).length;

    it('a text file, even named .docx, is refused by its content (415)', async () => {
      const before = await count();
      const res = await body<{ error: { code: string; message: string } }>(await upload(stack, as('liv'), { name: 'rutine.docx', bytes: new TextEncoder().encode('bare tekst') }, { ...FALL, title: 'Tekst' }), 415);
      expect(res.error).toMatchObject({ code: 'unsupportedFileType' });
      expect(res.error.message).toContain('Bare Word-dokumenter (.docx) og PDF-filer');
      // A macro-enabled document (a Word file with a vbaProject part) is no .docx either.
      expect(await count()).toBe(before);
    });

    it('a PDF named .docx is refused as a mismatch (400 on the file)', async () => {
      const res = await body<{ error: { code: string; details: { field: string; message: string }[] } }>(await upload(stack, as('liv'), { name: 'rutine.docx', bytes: pdf('Rutine') }, { ...FALL, title: 'Feil navn' }), 400);
      expect(res.error.details[0]).toMatchObject({ field: 'file' });
      expect(res.error.details[0]?.message).toContain('innholdet er en PDF-fil');
    });

    it('a file over the limit is refused (413) with the limit', async () => {
      const big = docx('Stor', 'x'.repeat(10), ...Array.from({ length: 1 }, () => 'ø'.repeat(10)));
      const huge = new Uint8Array(1024 * 1024 + 10);
      huge.set(big);
      const res = await body<{ error: { code: string; maxBytes: number; message: string } }>(await upload(stack, as('liv'), { name: 'stor.docx', bytes: huge }, { ...FALL, title: 'Stor' }), 413);
      expect(res.error).toMatchObject({ code: 'fileTooLarge', maxBytes: 1024 * 1024 });
      expect(res.error.message).toContain('1 MB');
    });

    it('a file name already in the library is refused (409 duplicateName) and points to the document', async () => {
      const before = await count();
      const res = await body<{ error: { code: string; message: string; existingId?: string } }>(await upload(stack, as('liv'), { name: 'fallforebygging.DOCX', bytes: docx('Annen') }, { ...FALL, title: 'Annen' }), 409);
      expect(res.error.code).toBe('duplicateName');
      expect(res.error.message).toContain('Det finnes allerede et dokument med filnavnet');
      expect(res.error.existingId).toBe(state.id);
      expect(await count()).toBe(before);
    });

    it('someone who leads no unit above it may not write for it (403), nor a leader elsewhere', async () => {
      expect((await upload(stack, as('anne'), { name: 'a.docx', bytes: docx('A') }, { ...FALL, title: 'A' })).status).toBe(403);
      expect((await upload(stack, as('ola'), { name: 'b.docx', bytes: docx('B') }, { ...FALL, title: 'B' })).status).toBe(403);
    });

    it('metadata that does not hold is refused field by field', async () => {
      const noMeta = await body<{ error: { details: { field: string }[] } }>(await upload(stack, as('liv'), { name: 'c.docx', bytes: docx('C') }, 'ikke json'), 400);
      expect(noMeta.error.details[0]?.field).toBe('metadata');
      const governingWithoutType = await body<{ error: { details: { field: string }[] } }>(await upload(stack, as('kare'), { name: 'd.pdf', bytes: pdf('D') }, { ...FALL, kind: 'governingDocument', ownerUnitId: 'mh', title: 'D' }), 400);
      expect(governingWithoutType.error.details[0]?.field).toBe('documentType');
      const unknownReviewer = await body<{ error: { details: { field: string }[] } }>(await upload(stack, as('liv'), { name: 'e.docx', bytes: docx('E') }, { ...FALL, title: 'E', reviewerId: 'ukjent-person' }), 400);
      expect(unknownReviewer.error.details[0]?.field).toBe('reviewerId');
      const unknownField = await body<{ error: { details: { message: string }[] } }>(await upload(stack, as('liv'), { name: 'f.docx', bytes: docx('F') }, { ...FALL, title: 'F', approverId: P.kare.aadObjectId }), 400);
      expect(unknownField.error.details[0]?.message).toContain('Ukjent felt: approverId');
    });
  });

  describe('approval', () => {
    it('is sent by an editor; the leader and the deputy get a card each', async () => {
      for (const user of [P.liv, P.dag]) expect((await stack.bot.install(user)).status).toBe(200);
      const since = stack.connector.activities.length;
      const doc = await body<DocumentDetail>(await post(as('liv'), `/api/procedures/${state.id}/submit`, { etag: (await current(state.id)).etag, substantive: false, changeNote: 'Første versjon.' }), 200);
      expect(doc.status).toBe('awaitingApproval');
      // A first version goes on reading lists whatever the sender says: nobody has read it.
      expect(doc.pending).toMatchObject({ version: '0.2', substantive: true, changeNote: 'Første versjon.', submittedBy: { name: 'Liv Leder' } });
      const cards = stack.connector.activities.slice(since).filter((a) => JSON.stringify(a.activity).includes('approveProcedure'));
      expect(cards.map((a) => a.conversationId).sort()).toEqual([stack.bot.personalConversationId(P.liv), stack.bot.personalConversationId(P.dag)].sort());
      expect(JSON.stringify(cards[0]?.activity)).toContain('Fallforebygging på Husøy');
    });

    it('an approver at the wrong level is refused: the sector head above, a service leader below, an employee', async () => {
      for (const who of ['kare', 'siv', 'anne', 'vera'] as const) {
        const res = await body<{ error: { code: string; message: string } }>(await post(as(who), `/api/procedures/${state.id}/approve`, {}), 403);
        expect(res.error.code, who).toBe('wrongApprover');
        expect(res.error.message).toContain('lederen på nivået det gjelder for');
      }
      expect((await current(state.id)).status).toBe('awaitingApproval');
    });

    it('the unit leader approves: the draft is published as major version 1.0, with who, which version and when', async () => {
      const doc = await body<DocumentDetail>(await post(as('liv'), `/api/procedures/${state.id}/approve`, { comment: 'Bra.' }), 200);
      expect(doc).toMatchObject({ status: 'approved', approvedVersion: '1.0', latestVersion: '1.0', pending: null });
      expect(doc.approvals[0]).toMatchObject({ submittedVersion: '0.2', publishedVersion: '1.0', outcome: 'approved', by: { name: 'Liv Leder' }, comment: 'Bra.', substantive: true });
      expect(doc.nextReviewDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const row = await libraryRow('Prosedyrer', state.id);
      expect(row).toMatchObject({ Status: 'approved', ApprovedVersion: '1.0', ReadingVersion: '1.0', ApproverId: P.liv.aadObjectId });
      expect(await fileVersions(stack, site, 'Prosedyrer', row.DriveItemId as string)).toEqual(['1.0', '0.1']);
      // Now everyone sees it, and gets the approved version.
      const seen = await body<DocumentDetail>(await get(as('per'), `/api/procedures/${state.id}`), 200);
      expect(seen.versions).toEqual([]);
      expect(seen.latestContentUrl).toBeNull();
      expect((await get(as('per'), `/api/procedures/${state.id}/content`)).status).toBe(200);
      expect((await get(as('per'), `/api/procedures/${state.id}/content?version=0.1`)).status).toBe(404);
    });

    it('approving again is refused: nothing is waiting', async () => {
      expect((await body<{ error: { code: string } }>(await post(as('dag'), `/api/procedures/${state.id}/approve`, {}), 409)).error.code).toBe('invalidState');
    });
  });

  describe('reading lists', () => {
    it('everyone at Husøy (and below) has it on their reading list, created in $batch, once each', async () => {
      await idle();
      const entries = await listItems(stack, site, 'Leseliste', `fields/DocumentId eq '${state.id}'`);
      expect(entries.map((e) => e.PersonId).sort()).toEqual(HUSOY_PEOPLE.map((p) => p.id).sort());
      expect(new Set(entries.map((e) => e.Version))).toEqual(new Set(['1.0']));
      const list = await body<ReadingListView>(await get(as('anne'), '/api/reading-list'), 200);
      expect(list.open.map((i) => [i.documentId, i.version])).toEqual([[state.id, '1.0']]);
      expect((await body<ReadingListView>(await get(as('per'), '/api/reading-list'), 200)).open).toEqual([]);
    });

    it('"Jeg har lest og forstått" confirms the version read, once', async () => {
      const first = await body<Json>(await post(as('anne'), `/api/procedures/${state.id}/confirm-reading`, { version: '1.0' }), 200);
      expect(first).toMatchObject({ documentId: state.id, version: '1.0', created: true });
      const again = await body<Json>(await post(as('anne'), `/api/procedures/${state.id}/confirm-reading`, { version: '1.0' }), 200);
      expect(again).toMatchObject({ created: false, confirmedAt: first.confirmedAt });
      const stored = await listItems(stack, site, 'Lesebekreftelser', `fields/PersonId eq '${P.anne.aadObjectId}'`);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ DocumentId: state.id, Version: '1.0', UnitId: 'husoy-a' });
      expect((await body<ReadingListView>(await get(as('anne'), '/api/reading-list'), 200)).open).toEqual([]);
    });

    it('leaders see coverage per unit and who has not confirmed; others may not', async () => {
      const c = await body<DocumentCoverage>(await get(as('liv'), `/api/procedures/${state.id}/reading-coverage`), 200);
      expect(c).toMatchObject({ readingVersion: '1.0', unit: { id: 'husoy' }, required: HUSOY_PEOPLE.length, confirmed: 1 });
      expect(c.percent).toBeCloseTo((1 / HUSOY_PEOPLE.length) * 100, 0);
      expect(c.byUnit.find((u) => u.unitId === 'husoy-a')).toMatchObject({ required: 3, confirmed: 1, percent: 33.3 });
      expect(c.notConfirmed.map((p) => p.name)).not.toContain('Anne Ansatt');
      expect(c.notConfirmedTotal).toBe(HUSOY_PEOPLE.length - 1);
      const siv = await body<DocumentCoverage>(await get(as('siv'), `/api/procedures/${state.id}/reading-coverage?unitId=husoy-a`), 200);
      expect(siv.required).toBe(3);
      expect((await get(as('siv'), `/api/procedures/${state.id}/reading-coverage?unitId=husoy-b`)).status).toBe(403);
      expect((await get(as('anne'), `/api/procedures/${state.id}/reading-coverage`)).status).toBe(403);
    });

    it('a leader can remind those who have not confirmed (once a day per document and unit)', async () => {
      const res = await body<{ reminded: number; unreachable: { name: string }[] }>(await post(as('siv'), `/api/procedures/${state.id}/reading-reminders`, { unitId: 'husoy-a' }), 200);
      // Arne and Siv have not confirmed; neither has a chat with the bot here.
      expect(res.reminded + res.unreachable.length).toBe(2);
      expect((await post(as('siv'), `/api/procedures/${state.id}/reading-reminders`, { unitId: 'husoy-a' })).status).toBe(409);
    });

    it('a substantive new version goes back on the list; confirming the superseded one is refused with the new version', async () => {
      let doc = await current(state.id);
      doc = await body<DocumentDetail>(await uploadVersion(stack, as('siv'), state.id, doc.etag, { name: 'Fallforebygging.docx', bytes: docx('Fallforebygging', 'Ny rutine for nattevakt.') }), 200);
      expect(doc).toMatchObject({ status: 'draft', approvedVersion: '1.0', latestVersion: '1.1' });
      // Readers still get 1.0 while 1.1 is a draft.
      expect((await get(as('anne'), `/api/procedures/${state.id}`)).status).toBe(200);
      doc = await body<DocumentDetail>(await post(as('siv'), `/api/procedures/${state.id}/submit`, { etag: doc.etag, substantive: true, changeNote: 'Nattevakt.' }), 200);
      doc = await body<DocumentDetail>(await post(as('dag'), `/api/procedures/${state.id}/approve`, { etag: doc.etag }), 200);
      expect(doc.approvedVersion).toBe('2.0');
      expect(doc.approvals.map((a) => [a.publishedVersion, a.by.name])).toEqual([
        ['2.0', 'Dag Nestleder'],
        ['1.0', 'Liv Leder'],
      ]);
      await idle();
      const refused = await body<{ error: { code: string; message: string; currentVersion: string } }>(await post(as('arne'), `/api/procedures/${state.id}/confirm-reading`, { version: '1.0' }), 409);
      expect(refused.error).toMatchObject({ code: 'supersededVersion', currentVersion: '2.0' });
      expect(refused.error.message).toContain('Versjon 1.0 er erstattet av versjon 2.0');
      expect(await listItems(stack, site, 'Lesebekreftelser', `fields/PersonId eq '${P.arne.aadObjectId}'`)).toEqual([]);
      // Anne read 1.0: 2.0 is on her list again.
      expect((await body<ReadingListView>(await get(as('anne'), '/api/reading-list'), 200)).open.map((i) => i.version)).toEqual(['2.0']);
      const coverage = await body<DocumentCoverage>(await get(as('liv'), `/api/procedures/${state.id}/reading-coverage`), 200);
      expect(coverage).toMatchObject({ readingVersion: '2.0', confirmed: 0 });
    });

    it('the daily digest: one message per person with something new, and only one a day', async () => {
      const outcome = await stack.composition.procedures.sendReadingDigests(new Date());
      expect(outcome).toMatchObject({ status: 'sent', people: HUSOY_PEOPLE.length });
      // Nobody here has a chat with the bot: all unreachable, none failed.
      expect(outcome.sent + outcome.unreachable).toBe(HUSOY_PEOPLE.length);
      expect(outcome.failed).toBe(0);
      expect(await stack.composition.procedures.sendReadingDigests(new Date())).toMatchObject({ status: 'done', sent: 0 });
      const runs = await listItems(stack, site, 'Lesevarsler');
      expect(runs).toHaveLength(1);
      expect(runs[0]?.CompletedAt).toBeTruthy();
    });
  });

  describe('new employees', () => {
    it('a person upserted into a unit (new, or moved there) gets what applies there, through the onboarding trigger', async () => {
      const org = withReadingListOnboarding(stack.repos.organisation, stack.composition.procedures.reading);
      const newcomer = { id: '7a1e0c7a-0000-4b1b-8c2d-000000000099', name: 'Nina Ny', email: 'nina.ny@varde-demo.onmicrosoft.com', upn: 'nina.ny@varde-demo.onmicrosoft.com', unitId: 'husoy-b', roles: ['employee' as const] };
      await org.upsertPeople([newcomer]);
      const nina = await listItems(stack, site, 'Leseliste', `fields/PersonId eq '${newcomer.id}'`);
      expect(nina.map((e) => [e.DocumentId, e.Version, e.Reason])).toEqual([[state.id, '2.0', 'newEmployee']]);
      // Per moves from the school to Husøy: the same; upserting him again unchanged adds nothing.
      const per = PEOPLE.find((p) => p.id === P.per.aadObjectId) as Person;
      await org.upsertPeople([{ ...per, unitId: 'husoy-a' }]);
      await org.upsertPeople([{ ...per, unitId: 'husoy-a' }]);
      expect((await listItems(stack, site, 'Leseliste', `fields/PersonId eq '${per.id}'`)).map((e) => e.Version)).toEqual(['2.0']);
      await stack.repos.organisation.upsertPeople([per]);
    });
  });

  describe('yearly review', () => {
    it('reviewers see their documents due; the reviewer confirms unchanged and the next review is a year on', async () => {
      const due = await body<ReviewDuePage>(await get(as('siv'), '/api/procedures/reviews/due?withinDays=400'), 200);
      expect(due.items.map((i) => i.document.id)).toContain(state.id);
      const doc = await current(state.id);
      const reviewed = await body<DocumentDetail>(await post(as('siv'), `/api/procedures/${state.id}/review`, { etag: doc.etag, outcome: 'unchanged', comment: 'Fortsatt riktig.' }), 200);
      expect(reviewed.reviews[0]).toMatchObject({ outcome: 'unchanged', by: { name: 'Siv Avdeling' }, comment: 'Fortsatt riktig.' });
      expect(reviewed.nextReviewDate).toBe(reviewed.reviews[0]?.nextReviewDate);
    });

    it('archiving needs a comment; someone else may not review', async () => {
      const doc = await current(state.id);
      expect((await post(as('anne'), `/api/procedures/${state.id}/review`, { etag: doc.etag, outcome: 'unchanged' })).status).toBe(403);
      expect((await body<{ error: { details: { field: string }[] } }>(await post(as('siv'), `/api/procedures/${state.id}/review`, { etag: doc.etag, outcome: 'archive' }), 400)).error.details[0]?.field).toBe('comment');
    });

    it('overdue reviews are counted for the unit', async () => {
      const overview = await body<Json>(await get(as('liv'), '/api/procedures/overview'), 200);
      expect(overview).toMatchObject({ unitId: 'husoy', overdueReviews: 0, awaitingApproval: 0 });
      expect((await get(as('anne'), '/api/procedures/overview')).status).toBe(403);
      // The unit's dashboard says the same, beside its case counts.
      const dashboard = await get(as('liv'), '/api/dashboard');
      if (dashboard.status === 200) expect(await dashboard.json()).toMatchObject({ overdueReviews: 0 });
      else expect(dashboard.status).toBe(503);
    });
  });

  describe('finding procedures', () => {
    it('by title, by words in the .docx text, and by metadata; drafts only for editors', async () => {
      const byTitle = await body<DocumentPage>(await get(as('per'), '/api/procedures?q=fallforebygging'), 200);
      expect(byTitle.items.map((i) => i.id)).toEqual([state.id]);
      await stack.composition.procedures.idle();
      const byText = await body<DocumentPage>(await get(as('per'), `/api/procedures?q=${encodeURIComponent('nattevakt')}`), 200);
      expect(byText.items.map((i) => i.id)).toEqual([state.id]);
      expect(byText.items[0]?.matchedIn).toContain('text');
      const byUnit = await body<DocumentPage>(await get(as('per'), `/api/procedures?q=${encodeURIComponent('husøy sykehjem')}`), 200);
      expect(byUnit.items.map((i) => i.id)).toContain(state.id);
      expect((await body<DocumentPage>(await get(as('per'), '/api/procedures?q=finnesikke'), 200)).items).toEqual([]);
      expect((await get(as('per'), '/api/procedures?status=bogus')).status).toBe(400);
    });
  });
});

describe('governing documents and their self-assessment', () => {
  const state = { id: '' };

  it('a sector head uploads a PDF regulation for the sector, approves it, and assesses it with a follow-up measure', async () => {
    const created = await body<DocumentDetail>(
      await upload(stack, as('kare'), { name: 'Etiske retningslinjer.pdf', bytes: pdf('Etiske retningslinjer', 'Vi opptrer redelig.') }, {
        kind: 'governingDocument',
        documentType: 'guideline',
        title: 'Etiske retningslinjer',
        ownerUnitId: 'mh',
        ownerArea: 'OU',
        reviewerId: P.kare.aadObjectId,
        appliesToRoles: ['safetyRepresentative'],
      }),
      201,
    );
    expect(created).toMatchObject({ kind: 'governingDocument', documentType: 'guideline', level: 'sector', contentType: 'application/pdf' });
    state.id = created.id;
    const sent = await body<DocumentDetail>(await post(as('kare'), `/api/procedures/${state.id}/submit`, { etag: created.etag, substantive: true }), 200);
    // The unit leader below may not approve a sector's document.
    expect((await post(as('liv'), `/api/procedures/${state.id}/approve`, {})).status).toBe(403);
    const approved = await body<DocumentDetail>(await post(as('kare'), `/api/procedures/${state.id}/approve`, { etag: sent.etag }), 200);
    expect(approved.approvedVersion).toBe('1.0');
    await idle();
    // Applies to the safety representatives of the sector only.
    const entries = await listItems(stack, site, 'Leseliste', `fields/DocumentId eq '${state.id}'`);
    expect(entries.map((e) => e.PersonId)).toEqual([P.arne.aadObjectId]);

    const assessment = await body<SelfAssessmentView>(
      await post(as('kare'), `/api/procedures/${state.id}/self-assessments`, {
        answers: { known: 'partly', followed: 'yes', lawful: 'yes' },
        outcome: 'adequate',
        comment: 'Må gjøres bedre kjent.',
        measures: [{ title: 'Gjennomgå retningslinjene i personalmøter', ownerId: P.liv.aadObjectId, deadline: '2030-06-30' }],
      }),
      201,
    );
    expect(assessment).toMatchObject({ outcome: 'adequate', ownerArea: 'OU', assessedBy: { name: 'Kåre Sektor' } });
    expect(assessment.measures).toHaveLength(1);
    const measures = await listItems(stack, site, 'Tiltak', `fields/Source eq 'procedureSelfAssessment'`);
    expect(measures.map((m) => [m.Title, m.SourceId, m.UnitId, m.OwnerId])).toEqual([['Gjennomgå retningslinjene i personalmøter', assessment.id, 'mh', P.liv.aadObjectId]]);
    expect(await listItems(stack, site, 'Egenvurderinger', `fields/DocumentId eq '${state.id}'`)).toHaveLength(1);
  });

  it('one a year: a second is refused, and others may not assess', async () => {
    const year = new Date().getUTCFullYear();
    expect((await post(as('vera'), `/api/procedures/${state.id}/self-assessments`, { year, answers: {}, outcome: 'adequate' })).status).toBe(409);
    expect((await post(as('anne'), `/api/procedures/${state.id}/self-assessments`, { answers: {}, outcome: 'adequate' })).status).toBe(403);
    const overview = await body<{ items: { document: { id: string }; assessment: unknown; canAssess: boolean }[]; checklist: unknown[] }>(await get(as('vera'), '/api/self-assessments'), 200);
    expect(overview.checklist).toHaveLength(6);
    expect(overview.items.find((i) => i.document.id === state.id)).toMatchObject({ canAssess: true });
    expect((await get(as('anne'), '/api/self-assessments')).status).toBe(403);
  });
});

async function current(id: string): Promise<DocumentDetail> {
  return body<DocumentDetail>(await get(as('liv'), `/api/procedures/${id}`), 200);
}

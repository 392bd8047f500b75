// The procedure pages (issue 8) in headless Chromium against the app as `npm start` composes it: the virksomhetsleder of
// a nursing home uploads a procedure for it (as its owner) and sends it for approval; her deputy (an approver at the
// document's level) approves it in the tab; an employee below finds it on «Min leseliste» and confirms reading, once
// after meeting a version replaced while she read; the leader sees the coverage go up. Every procedure page is checked
// with axe-core (no serious or critical violation) in the default and the high-contrast theme, and saved as a screenshot
// (tests/browser/screenshots/procedures-<page>-<theme>.png).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DemoPersona } from '../../src/demo/index.js';
import type { OrgUnit } from '../../src/domain/index.js';
import type { DocumentDetail, ReadingListView, UnitReadingOverview } from '../../src/server/api/contract-procedures.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';
import { type Theme, launchBrowser, saveScreenshot, signInAs, signInAsPerson, themed } from '../support/browser.js';
import {
  type Actor,
  clickFor,
  expectAccessible,
  openActor as openActorIn,
  pdf,
  personaOf,
  poll,
  reportActorsOnFailure,
  settled,
} from '../support/browser-suite.js';

vi.setConfig({ testTimeout: 90_000 });

let stack: AppStack;
let browser: Browser;
let employee: DemoPersona;
let owner: DemoPersona;
let reviewer: DemoPersona;
/** The nursing home: the document's owner unit (its leader owns it; she or her deputy approves it). */
let home: OrgUnit;
let approver: { id: string; name: string };

const actors: Actor[] = [];
let ownerTab: Actor;
let approverTab: Actor;
let employeeTab: Actor;
const openActor = () => openActorIn(browser, actors);

const title = `Rutine for legemiddelgjennomgang ${Date.now().toString(36)}`;
let documentId = '';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startAppStack(), launchBrowser()]);
  const persona = (key: string) => personaOf(stack, key);
  employee = persona('employee');
  owner = persona('unitLeader');
  reviewer = persona('serviceLeader');
  const demo = stack.demo;
  if (!demo) throw new Error('the demo is not seeded');
  const unit = demo.units.find((u) => u.id === owner.unitId);
  if (!unit) throw new Error('the unit leader’s unit is missing');
  home = unit;
  // The approver: the leader's deputy when the unit has one (a second person at the document's level), else the leader.
  const approverId = unit.deputyLeaderId ?? unit.leaderId;
  approver = { id: approverId, name: demo.people.find((p) => p.id === approverId)?.name ?? '' };
  [ownerTab, approverTab, employeeTab] = [await openActor(), await openActor(), await openActor()];
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

reportActorsOnFailure(actors, 'procedures');

describe('a procedure from upload to confirmed reading', () => {
  it('the owner opens «Last opp nytt dokument»; a file of the wrong type is refused in the form, before anything is sent', async () => {
    const { page } = ownerTab;
    await signInAs(page, stack.url, 'unitLeader');
    await page.getByTestId('nav-procedures').click();
    await page.locator('[data-testid="proc-table"], [data-testid="proc-empty"]').first().waitFor();
    await page.getByTestId('proc-new-link').click();
    await page.waitForURL('**/procedures/new');
    // Focus starts at the new page's heading.
    await poll(() => page.evaluate('document.activeElement === document.querySelector("main h1")')).toBe(true);

    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/procedures') posts++;
    });
    await page.getByTestId('new-file').setInputFiles({ name: 'notat.txt', mimeType: 'text/plain', buffer: Buffer.from('ikke et dokument') });
    await page.getByText('Filen må være .docx, .pdf.').waitFor();
    await page.getByTestId('new-submit').click();
    await page.waitForTimeout(300);
    expect(posts).toBe(0);
  });

  it('a file named .pdf that is not a PDF passes the form’s hint, and the server refuses it with its own message', async () => {
    const { page } = ownerTab;
    await page.getByTestId('new-file').setInputFiles({ name: 'liksom.pdf', mimeType: 'application/pdf', buffer: Buffer.from('dette er ren tekst') });
    await page.getByTestId('meta-title').fill(`${title} (feil fil)`);
    await page.getByTestId('meta-reviewer').fill(reviewer.name.slice(0, 5));
    await page.getByTestId('meta-reviewer-option').filter({ hasText: reviewer.name }).first().click();
    const answer = await clickFor(page, page.getByTestId('new-submit'), 'POST', '/api/procedures');
    expect(answer.status()).toBe(415);
    const error = page.getByTestId('upload-error');
    await error.waitFor();
    expect(await error.getAttribute('data-error-code')).toBe('unsupportedFileType');
    expect(page.url()).toContain('/procedures/new');
  });

  it('the owner uploads the procedure with its metadata: a draft 0.1', async () => {
    const { page } = ownerTab;
    await page.getByTestId('new-file').setInputFiles({ name: `${title}.pdf`, mimeType: 'application/pdf', buffer: pdf(title) });
    await page.getByTestId('meta-kind-procedure').click();
    await page.getByTestId('meta-title').fill(title);
    await page.getByTestId('meta-description').fill('Slik går vi gjennom legemiddellistene ved hvert vaktskifte.');
    await page.getByTestId('meta-owner-unit').selectOption(home.id);
    await page.getByTestId('meta-keywords').fill('legemidler, vaktskifte');
    const answer = await clickFor(page, page.getByTestId('new-submit'), 'POST', '/api/procedures');
    expect(answer.status()).toBe(201);
    const detail = (await answer.json()) as DocumentDetail;
    documentId = detail.id;
    expect(detail).toMatchObject({ title, status: 'draft', latestVersion: '0.1', ownerUnitId: home.id, reviewer: { id: reviewer.personId } });
    await page.waitForURL(`**/procedures/documents/${encodeURIComponent(documentId)}?uploaded=1`);
    await page.getByTestId('doc-uploaded').waitFor();
    expect(await page.getByTestId('doc-status').getAttribute('data-status')).toBe('draft');
    expect(await page.getByTestId('doc-reviewer').innerText()).toBe(reviewer.name);
    expect(await page.locator('h1').innerText()).toBe(title);
    await expectAccessible(page, 'the new draft');
  });

  it('sends it for approval; the page says who approves', async () => {
    const { page } = ownerTab;
    await page.getByTestId('submit-change-note').fill('Ny rutine: gjennomgang ved hvert vaktskifte.');
    expect(await page.getByTestId('submit-substantive').isChecked()).toBe(true);
    const sent = await clickFor(page, page.getByTestId('submit-send'), 'POST', `/api/procedures/${encodeURIComponent(documentId)}/submit`);
    expect(sent.status()).toBe(200);
    await page.getByTestId('doc-notice').waitFor();
    await page.locator('[data-testid="doc-status"][data-status="awaitingApproval"]').waitFor();
    expect(await page.getByTestId('doc-pending').innerText()).toContain('0.1');
    await saveScreenshot(page, 'procedures-awaiting-approval', 'default');
  });

  it('the approver finds it under «Til godkjenning» and approves it in the tab: published as 1.0', async () => {
    const { page } = approverTab;
    await signInAsPerson(page, stack.url, approver.id, 'Godkjenner');
    await page.getByTestId('nav-procedures').click();
    await page.getByTestId('proc-nav-approvals').click();
    const item = page.locator(`[data-testid="approval-item"][data-document-id="${documentId}"]`);
    await item.getByTestId('approval-approve').waitFor();
    expect(await item.innerText()).toContain('Ny rutine: gjennomgang ved hvert vaktskifte.');
    await expectAccessible(page, 'the approvals');
    await item.getByTestId('approval-comment').fill('Godkjent. Gjennomgås på personalmøtet.');
    const approved = await clickFor(page, item.getByTestId('approval-approve'), 'POST', `/api/procedures/${encodeURIComponent(documentId)}/approve`);
    expect(approved.status()).toBe(200);
    const notice = item.getByTestId('approval-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('versjon 1.0');
    expect(await item.getByTestId('approval-approve').count()).toBe(0);

    // The document's page: approved, 1.0 in force, and the history says who approved which version when.
    await item.getByRole('link', { name: title }).click();
    await page.locator('[data-testid="doc-status"][data-status="approved"]').waitFor();
    const entry = page.locator('[data-testid="doc-approval-entry"][data-outcome="approved"]');
    await entry.waitFor();
    expect(await entry.getAttribute('data-version')).toBe('1.0');
    expect(await entry.innerText()).toContain(approver.name);
    expect(await page.getByTestId('doc-approved-version').innerText()).toContain('1.0');
    await saveScreenshot(page, 'procedures-approved', 'default');
  });

  let coverageBefore = 0;

  it('the owner sees the reading coverage in the unit, with the employee among those who have not confirmed', async () => {
    const { page } = ownerTab;
    await page.getByTestId('nav-reading-list').click();
    await page.getByTestId('reading-coverage-link').click();
    const row = page.locator(`[data-testid="coverage-row"][data-document-id="${documentId}"]`);
    await row.waitFor();
    coverageBefore = Number(await row.getAttribute('data-percent'));
    expect(coverageBefore).toBeLessThan(100);
    await row.getByTestId('coverage-row-open').click();
    const panel = page.getByTestId('coverage-panel');
    await panel.locator(`[data-testid="coverage-person"][data-person-id="${employee.personId}"]`).waitFor();
    expect(await panel.getByTestId('coverage-summary').innerText()).toMatch(/har bekreftet/);
  });

  it('the employee finds it on «Min leseliste» with version 1.0', async () => {
    const { page } = employeeTab;
    await signInAs(page, stack.url, 'employee');
    await page.getByTestId('nav-reading-list').click();
    const item = page.locator(`[data-testid="reading-item"][data-document-id="${documentId}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-version')).toBe('1.0');
    expect(await item.innerText()).toContain('Ny rutine: gjennomgang ved hvert vaktskifte.');
    await expectAccessible(page, 'the reading list');
  });

  it('a version approved while she reads: confirming 1.0 says plainly it was replaced by 2.0, and offers 2.0', async () => {
    // The owner revises through the API meanwhile: a new version, sent as substantive, approved by the approver.
    const ownerToken = await stack.signIn(owner.key);
    const approverToken = await stack.signIn(approver.id);
    let detail = (await (await stack.api(ownerToken, `/api/procedures/${encodeURIComponent(documentId)}`)).json()) as DocumentDetail;
    const form = new FormData();
    form.set('file', new Blob([pdf(`${title} v2`)], { type: 'application/pdf' }), `${title}.pdf`);
    form.set('etag', detail.etag);
    let res = await stack.api(ownerToken, `/api/procedures/${encodeURIComponent(documentId)}/versions`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    detail = (await res.json()) as DocumentDetail;
    res = await stack.api(ownerToken, `/api/procedures/${encodeURIComponent(documentId)}/submit`, { method: 'POST', json: { etag: detail.etag, substantive: true, changeNote: 'Gjelder også nattevakt.' } });
    expect(res.status).toBe(200);
    detail = (await res.json()) as DocumentDetail;
    res = await stack.api(approverToken, `/api/procedures/${encodeURIComponent(documentId)}/approve`, { method: 'POST', json: { etag: detail.etag } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as DocumentDetail).approvedVersion).toBe('2.0');

    const { page } = employeeTab;
    const item = page.locator(`[data-testid="reading-item"][data-document-id="${documentId}"]`);
    expect(await item.getAttribute('data-version')).toBe('1.0');
    const refused = await clickFor(page, item.getByTestId('reading-confirm'), 'POST', `/api/procedures/${encodeURIComponent(documentId)}/confirm-reading`);
    expect(refused.status()).toBe(409);
    const warning = page.getByTestId('reading-superseded');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('Versjon 1.0');
    expect(await warning.innerText()).toContain('versjon 2.0');
    await page.locator(`[data-testid="reading-item"][data-document-id="${documentId}"][data-version="2.0"]`).waitFor();
    await saveScreenshot(page, 'procedures-reading-superseded', 'default');
  });

  it('she confirms 2.0: «Jeg har lest og forstått» is recorded for that version', async () => {
    const { page } = employeeTab;
    const item = page.locator(`[data-testid="reading-item"][data-document-id="${documentId}"][data-version="2.0"]`);
    const answer = await clickFor(page, item.getByTestId('reading-confirm'), 'POST', `/api/procedures/${encodeURIComponent(documentId)}/confirm-reading`);
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ version: '2.0' });
    await page.getByTestId('reading-notice').waitFor();
    await page.locator(`[data-testid="reading-confirmed-item"][data-document-id="${documentId}"][data-version="2.0"]`).waitFor();
    await poll(() => item.count()).toBe(0);
    const list = (await (await stack.api(await stack.signIn('employee'), '/api/reading-list')).json()) as ReadingListView;
    expect(list.open.map((i) => i.documentId)).not.toContain(documentId);
    expect(list.confirmed.find((i) => i.documentId === documentId)).toMatchObject({ version: '2.0' });
    await saveScreenshot(page, 'procedures-reading-list', 'default');
  });

  it('the owner sees the coverage go up, and the employee no longer among those missing', async () => {
    const { page } = ownerTab;
    const row = page.locator(`[data-testid="coverage-row"][data-document-id="${documentId}"]`);
    // Read afresh until the confirmation shows (each reload asks the server again).
    await poll(async () => {
      await page.reload();
      await row.waitFor();
      return Number(await row.getAttribute('data-percent'));
    }).toBeGreaterThan(coverageBefore);
    const panel = page.getByTestId('coverage-panel');
    await panel.getByTestId('coverage-summary').waitFor();
    await settled(page);
    expect(await panel.locator(`[data-testid="coverage-person"][data-person-id="${employee.personId}"]`).count()).toBe(0);
    const overview = (await (await stack.api(await stack.signIn(owner.key), `/api/reading-coverage?unitId=${encodeURIComponent(home.id)}`)).json()) as UnitReadingOverview;
    const mine = overview.documents.find((d) => d.documentId === documentId);
    expect(mine?.confirmed).toBeGreaterThanOrEqual(1);
    await saveScreenshot(page, 'procedures-coverage-after', 'default');
  });

  it('threw no error in any browser', () => {
    for (const a of actors) expect(a.errors).toEqual([]);
  });
});

describe('the yearly self-assessment of a governing document', () => {
  const measureTitle = `Oppdater reglementet etter ny lov ${Date.now().toString(36)}`;

  it('the quality adviser answers the checklist, assesses it and adds a follow-up measure, which lands on the action list', async () => {
    const adviser = await openActor();
    const { page } = adviser;
    await signInAs(page, stack.url, 'qualityAdviser');
    const me = stack.personas.find((p) => p.key === 'qualityAdviser');
    if (!me) throw new Error('no quality adviser persona');
    await page.getByTestId('nav-procedures').click();
    await page.getByTestId('proc-nav-selfAssessment').click();
    await page.getByTestId('sa-table').waitFor();
    const row = page.locator('[data-testid="sa-item"][data-done="false"]').filter({ has: page.getByTestId('sa-open') }).first();
    const id = await row.getAttribute('data-document-id');
    if (!id) throw new Error('nothing left to assess');
    await row.getByTestId('sa-open').click();
    const form = page.locator(`[data-testid="sa-form"][data-document-id="${id}"]`);
    await form.waitFor();

    // Saving with nothing answered says what is missing, and sends nothing.
    await form.getByTestId('sa-submit').click();
    await page.getByText('Svar på spørsmålet (eller velg «Ikke aktuelt»).').first().waitFor();

    const yes = form.locator('[data-testid^="sa-answer-"][data-testid$="-yes"]');
    const questions = await yes.count();
    expect(questions).toBeGreaterThan(2);
    for (let i = 0; i < questions; i++) await yes.nth(i).click();
    await form.locator('[data-testid^="sa-answer-"][data-testid$="-partly"]').first().click();
    await form.getByTestId('sa-outcome-adequate').click();
    await form.getByTestId('sa-comment').fill('Kjent og fulgt; ett punkt må oppdateres.');
    await form.getByTestId('sa-measure-title').fill(measureTitle);
    await form.getByTestId('sa-measure-owner').fill(me.name.slice(0, 5));
    await page.getByTestId('sa-measure-owner-option').filter({ hasText: me.name }).first().click();
    const deadline = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date(Date.now() + 30 * 86_400_000));
    await form.getByTestId('sa-measure-deadline').fill(deadline);
    await form.getByTestId('sa-measure-add').click();
    await form.getByTestId('sa-measure').filter({ hasText: measureTitle }).waitFor();
    await expectAccessible(page, 'the self-assessment form');

    const saved = await clickFor(page, form.getByTestId('sa-submit'), 'POST', `/api/procedures/${encodeURIComponent(id)}/self-assessments`);
    expect(saved.status()).toBe(201);
    expect(await page.getByTestId('sa-notice').innerText()).toContain('1 tiltak');
    await page.locator(`[data-testid="sa-item"][data-document-id="${id}"][data-done="true"]`).waitFor();
    await page.getByTestId('sa-summary').waitFor();
    await saveScreenshot(page, 'procedures-self-assessment-saved', 'default');

    // On the action list, with its source.
    const token = await stack.signIn('qualityAdviser');
    const measures = (await (await stack.api(token, '/api/measures?source=procedureSelfAssessment&mine=true&pageSize=100')).json()) as { items: { title: string; source: string }[] };
    expect(measures.items.find((m) => m.title === measureTitle)).toMatchObject({ source: 'procedureSelfAssessment' });
    // The action list, filtered to this source and the adviser's own measures (the whole list is long).
    await page.goto(`${stack.url}/actions?source=procedureSelfAssessment&mine=true`);
    await page.getByTestId('measure-row').filter({ hasText: measureTitle }).first().waitFor();
    expect(adviser.errors).toEqual([]);
  });
});

describe('every procedure page is accessible (axe-core: no serious or critical violation), default and high contrast', () => {
  let leader: Actor;
  let reader: Actor;
  let adviser: Actor;

  beforeAll(async () => {
    [leader, reader, adviser] = [await openActor(), await openActor(), await openActor()];
    await signInAs(leader.page, stack.url, 'unitLeader');
    await signInAs(reader.page, stack.url, 'employee');
    await signInAs(adviser.page, stack.url, 'qualityAdviser');
  });

  const pages: { name: string; who: () => Actor; path: () => string; ready: (p: Page) => Promise<void> }[] = [
    { name: 'search', who: () => leader, path: () => '/procedures?q=legemiddel', ready: (p) => p.locator('[data-testid="proc-table"], [data-testid="proc-empty"]').first().waitFor() },
    { name: 'document', who: () => leader, path: () => `/procedures/documents/${encodeURIComponent(documentId)}`, ready: (p) => p.getByTestId('doc-metadata').waitFor() },
    {
      name: 'new',
      who: () => leader,
      path: () => '/procedures/new',
      ready: async (p) => {
        // The form with its problems showing, so the error states are checked too.
        await p.getByTestId('meta-kind-governingDocument').click();
        await p.getByTestId('new-submit').click();
        await p.getByText('Velg en fil.').waitFor();
      },
    },
    { name: 'approvals', who: () => leader, path: () => '/procedures/approvals', ready: (p) => p.getByTestId('approvals-count').waitFor() },
    {
      name: 'reviews',
      who: () => leader,
      path: () => '/procedures/reviews?scope=units&withinDays=365',
      ready: async (p) => {
        await p.locator('[data-testid="reviews-table"], [data-testid="reviews-empty"]').first().waitFor();
        const open = p.getByTestId('review-open').first();
        if ((await open.count()) > 0) {
          await open.click();
          await p.getByTestId('review-form').waitFor();
        }
      },
    },
    {
      name: 'self-assessment',
      who: () => adviser,
      path: () => '/procedures/self-assessment',
      ready: async (p) => {
        await p.getByTestId('sa-table').waitFor();
        // The checklist open on a document not yet assessed, so the form is checked too.
        await p.locator('[data-testid="sa-item"][data-done="false"]').getByTestId('sa-open').first().click();
        await p.getByTestId('sa-form').waitFor();
      },
    },
    {
      name: 'coverage',
      who: () => leader,
      path: () => `/reading-list/coverage?documentId=${encodeURIComponent(documentId)}`,
      ready: (p) => p.getByTestId('coverage-summary').waitFor(),
    },
    { name: 'reading-list', who: () => reader, path: () => '/reading-list', ready: (p) => p.locator('[data-testid="reading-open-list"], [data-testid="reading-empty"]').first().waitFor() },
  ];

  for (const theme of ['default', 'contrast'] as const satisfies readonly Theme[]) {
    for (const target of pages) {
      it(`${target.name} (${theme})`, async () => {
        const { page } = target.who();
        await page.goto(`${stack.url}${themed(target.path(), theme)}`);
        expect(await page.locator(`[data-theme="${theme}"]`).count()).toBeGreaterThan(0);
        await target.ready(page);
        await expectAccessible(page, `procedures ${target.name} (${theme})`);
        await saveScreenshot(page, `procedures-${target.name}`, theme);
      });
    }
  }

  it('threw no error on any page', () => {
    for (const a of [leader, reader, adviser]) expect(a.errors).toEqual([]);
  });
});

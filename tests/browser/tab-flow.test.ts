// The tab in headless Chromium against the app as `npm start` composes it (the generated demo municipality, the Bot
// Connector stand-in): a case reported in the chat is found, analysed, given a measure, closed and answered by its
// tjenesteleder in the tab, and the reporter gets the feedback in the chat; the measure is done on the action list.
// A leader of another unit is refused; two leaders on one case get a conflict, not an overwrite; a report's text is
// shown as text; the employee sees only their own reports.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import type { DemoPersona } from '../../src/demo/index.js';
import type { Deviation, OrgUnit } from '../../src/domain/index.js';
import type { CaseDetail, CasePage, MeasurePage } from '../../src/server/api/contract.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';
import type { TestUser } from '../support/bot-client.js';
import {
  collectPageErrors,
  describeOpenPages,
  describeViolations,
  launchBrowser,
  newTabContext,
  saveScreenshot,
  seriousA11yViolations,
  signInAs,
  signInAsPerson,
  snapshotTab,
} from '../support/browser.js';
import { osloDate, personaOf, poll } from '../support/browser-suite.js';
import { reportThroughChat, textOf } from './chat-report.js';

// A browser step waits up to 30 s (UI_TIMEOUT_MS); a whole test gets room for a few of them on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

let stack: AppStack;
/** The built tab as it was when this file started (see snapshotTab). */
let tab: { dir: string; remove(): Promise<void> } | undefined;
let browser: Browser;
/** The tjenesteleder's browser, used through the whole flow. */
let leaderContext: BrowserContext;
let leaderPage: Page;
let leaderErrors: string[];

let employee: DemoPersona;
let serviceLeader: DemoPersona;
let reporter: TestUser;

const persona = (key: string): DemoPersona => personaOf(stack, key);

/** The next answer to a request for `path` (under /api) with `method` and, when given, these query parameters. */
function apiResponse(page: Page, method: string, path: string, query: Record<string, string> = {}): Promise<Response> {
  return page.waitForResponse((r) => {
    const url = new URL(r.url());
    return r.request().method() === method && url.pathname === path && Object.entries(query).every(([k, v]) => url.searchParams.get(k) === v);
  });
}

/** The inbox has answered its first page (rows, or the words for none). */
const inboxSettled = (page: Page) => page.locator('[data-testid="inbox-table"], [data-testid="inbox-empty"]').first().waitFor();

const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;
const status = (page: Page) => page.getByTestId('case-status');

async function stored(id: string): Promise<Deviation> {
  const s = await stack.repos.deviations.get(id);
  if (!s) throw new Error(`case ${id} is not in SharePoint`);
  return s.value;
}

/** States of a page that the page-by-page sweep (tab-a11y.test.ts) does not reach are checked with axe-core too. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  await page.mouse.move(0, 0);
  expect(describeViolations(where, await seriousA11yViolations(page))).toBe(`${where}: no violations`);
}

/** The case index is delta-synced every 30 s; a test asks for the round now instead of waiting for it. */
const indexCaughtUp = () => stack.composition.api.caseIndex.refresh(0);

beforeAll(async () => {
  tab = await snapshotTab();
  [stack, browser] = await Promise.all([startAppStack({ tabDir: tab.dir }), launchBrowser()]);
  employee = persona('employee');
  serviceLeader = persona('serviceLeader');
  reporter = { aadObjectId: employee.personId, name: employee.name, locale: 'nb-NO' };
  leaderContext = await newTabContext(browser);
  leaderPage = await leaderContext.newPage();
  leaderErrors = collectPageErrors(leaderPage);
  await stack.composition.api.caseIndex.ready;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await tab?.remove();
});

// A failing test says what every open page showed (pages of a test's own context are still open then).
beforeEach(({ onTestFailed, task }) => {
  onTestFailed(async () => console.error(`«${task.name}» failed:\n${await describeOpenPages(browser, 'flow')}`));
});

describe('a case from the chat, handled by its tjenesteleder in the tab to the end', () => {
  const description = 'Pasienten på rom 114 fikk feil dose insulin fordi to lister ble brukt samtidig. Oppdaget ved kveldsrunden.';
  const feedback = 'Takk for meldingen! Vi samler legemiddellistene i én, og går gjennom rutinen på personalmøtet.';
  const measureTitle = 'Samle legemiddellistene i én liste';
  const doneComment = 'Én liste i bruk fra mandag; ingen nye feil på to uker.';
  const deadline = osloDate(30);
  let reported: Deviation;

  it('the employee reports in the chat; the case is in SharePoint with a case number', async () => {
    reported = await reportThroughChat(stack, reporter, { description, location: 'Rom 114', unitId: employee.unitId, severity: 'high' });
    expect(reported).toMatchObject({ status: 'new', unitId: employee.unitId, reporterId: employee.personId });
    expect(reported.caseNumber).toMatch(/^AV-\d{4}-\d{5}$/);
    // The reporter's conversation is known, and it is at the Bot Connector stand-in.
    const messages = await stack.repos.caseMessages.get(reported.id);
    expect(messages?.receipt?.conversationId).toBe(stack.bot.personalConversationId(reporter));
    const reference = (await stack.repos.conversationReferences.get({ kind: 'person', id: employee.personId })) as { serviceUrl?: string } | null;
    expect(reference?.serviceUrl).toBe(stack.connector.url);
  });

  it('the tjenesteleder signs in, finds it in the inbox by its case number and opens it', async () => {
    await indexCaughtUp();
    await signInAs(leaderPage, stack.url, 'serviceLeader');
    await poll(() => leaderPage.getByTestId('local-banner').innerText()).toContain(serviceLeader.name);
    await leaderPage.getByTestId('inbox-table').waitFor();

    const search = apiResponse(leaderPage, 'GET', '/api/cases', { q: reported.caseNumber });
    await leaderPage.getByTestId('filter-search').fill(reported.caseNumber);
    await leaderPage.getByTestId('filter-search-submit').click();
    const answer = await search;
    expect(answer.status()).toBe(200);
    const row = leaderPage.locator(`[data-testid="inbox-row"][data-case-number="${reported.caseNumber}"]`);
    await row.waitFor();
    await poll(() => leaderPage.getByTestId('inbox-row').count()).toBe(1);
    expect(await row.getAttribute('data-case-id')).toBe(reported.id);
    expect(await leaderPage.getByTestId('inbox-total').innerText()).toMatch(/^1\b/);

    await row.getByTestId('inbox-row-link').click();
    await leaderPage.waitForURL(`**/cases/${encodeURIComponent(reported.id)}`);
    await leaderPage.getByTestId('case-report').waitFor();
    expect(await status(leaderPage).getAttribute('data-status')).toBe('new');
    expect(await leaderPage.getByTestId('case-report').innerText()).toContain(description);
    expect(await leaderPage.locator('h1').innerText()).toContain(reported.caseNumber);
  });

  it('receives it and starts the analysis', async () => {
    await leaderPage.getByTestId('case-action-receive').click();
    await leaderPage.locator('[data-testid="case-status"][data-status="received"]').waitFor();
    await leaderPage.getByTestId('case-notice').waitFor();
    await leaderPage.getByTestId('case-action-startAnalysis').click();
    await leaderPage.locator('[data-testid="case-status"][data-status="underAnalysis"]').waitFor();
    const s = await stored(reported.id);
    expect(s).toMatchObject({ status: 'underAnalysis', handlerId: serviceLeader.personId });
  });

  const whys = ['Feil dose ble gitt', 'To lister var i bruk', 'Den nye listen ble ikke lagt inn i den gamle', 'Ingen hadde ansvar for listene', 'Rutinen sier ikke hvem som eier listen'];
  const rootCause = 'Legemiddellisten har ingen eier, så to versjoner lever side om side.';

  it('records five whys, a root cause and a cause category', async () => {
    for (const [i, why] of whys.entries()) await leaderPage.getByTestId(`analysis-why-${i + 1}`).fill(why);
    await leaderPage.getByTestId('analysis-root-cause').fill(rootCause);
    await leaderPage.getByTestId('analysis-cause-category').selectOption('routine');
    const saved = apiResponse(leaderPage, 'PUT', `${casePath(reported.id)}/analysis`);
    await leaderPage.getByTestId('analysis-save').click();
    expect((await saved).status()).toBe(200);
    await leaderPage.getByText('Analysen er lagret').waitFor();
    expect((await stored(reported.id)).analysis).toEqual({ whys, rootCause, causeCategory: 'routine' });
  });

  it('adds a measure with an owner and a deadline', async () => {
    await leaderPage.getByTestId('measure-title').fill(measureTitle);
    await leaderPage.getByTestId('measure-description').fill('Avdelingens legemiddelansvarlige eier listen.');
    // The owner: the tjenesteleder herself, picked by name from the server's search.
    await leaderPage.getByTestId('measure-owner').fill(serviceLeader.name.slice(0, 5));
    await leaderPage.getByTestId('measure-owner-option').filter({ hasText: serviceLeader.name }).first().click();
    await leaderPage.getByTestId('measure-deadline').fill(deadline);
    const added = apiResponse(leaderPage, 'POST', `${casePath(reported.id)}/measures`);
    await leaderPage.getByTestId('measure-add').click();
    expect((await added).status()).toBe(201);
    const shown = leaderPage.getByTestId('case-measure');
    await shown.waitFor();
    expect(await shown.innerText()).toContain(measureTitle);
    expect(await shown.innerText()).toContain(serviceLeader.name);
    const s = await stored(reported.id);
    expect(s.measureIds).toHaveLength(1);
    const measure = await stack.repos.measures.get(s.measureIds[0] ?? '');
    expect(measure?.value).toMatchObject({ title: measureTitle, ownerId: serviceLeader.personId, deadline, status: 'open', source: { type: 'deviation' } });
  });

  it('decides measures and closes the case with a closing note', async () => {
    await leaderPage.getByTestId('case-action-decideMeasures').click();
    await leaderPage.locator('[data-testid="case-status"][data-status="measuresDecided"]').waitFor();
    await leaderPage.getByTestId('case-closing-note').fill('Tiltaket er besluttet og følges opp på aksjonslisten.');
    await leaderPage.getByTestId('case-action-close').click();
    await leaderPage.locator('[data-testid="case-status"][data-status="closed"]').waitFor();
    expect(await leaderPage.getByTestId('case-report').innerText()).toContain('Tiltaket er besluttet og følges opp på aksjonslisten.');
  });

  it('sends feedback: it reaches the reporter’s chat through the Bot Connector, and the case is closed in SharePoint', async () => {
    const since = stack.connector.activities.length;
    await leaderPage.getByTestId('feedback-text').fill(feedback);
    const sent = apiResponse(leaderPage, 'POST', `${casePath(reported.id)}/feedback`);
    await leaderPage.getByTestId('feedback-send').click();
    expect((await sent).status()).toBe(200);
    expect(await leaderPage.getByTestId('feedback-sent').innerText()).toContain('Tilbakemeldingen er sendt');

    const chat = stack.bot.personalConversationId(reporter);
    const message = await stack.connector.waitFor((a) => stack.connector.activities.indexOf(a) >= since && a.conversationId === chat && textOf(a).includes('legemiddellistene i én'));
    expect(message.operation).not.toBe('update');
    expect(textOf(message)).toContain(reported.caseNumber);
    // Only to the reporter: no other conversation heard it.
    expect(stack.connector.activities.slice(since).filter((a) => a.conversationId !== chat && textOf(a).includes('legemiddellistene'))).toEqual([]);

    const s = await stored(reported.id);
    expect(s).toMatchObject({ status: 'closed', closingNote: 'Tiltaket er besluttet og følges opp på aksjonslisten.' });
    expect(s.closedAt).not.toBeNull();
    const types = s.history.map((h) => h.type);
    expect(types).toEqual(expect.arrayContaining(['report', 'receive', 'startAnalysis', 'decideMeasures', 'close']));
    // The history on the page says the same, feedback included.
    await leaderPage.locator('[data-testid="case-history-entry"][data-history-type="feedback"]').waitFor();
    expect(await leaderPage.getByTestId('case-history').innerText()).toContain(feedback);
    await expectAccessible(leaderPage, 'the closed case');
    await saveScreenshot(leaderPage, 'case-closed', 'default');
  });

  it('the measure is on the action list; the tjenesteleder marks it done with a comment', async () => {
    await leaderPage.getByTestId('nav-actions').click();
    await leaderPage.getByTestId('actions-table').waitFor();
    const row = leaderPage.getByTestId('measure-row').filter({ hasText: measureTitle });
    await row.waitFor();
    expect(await row.innerText()).toContain(reported.caseNumber);
    expect(await row.getAttribute('data-overdue')).toBe('false');
    const measureId = (await stored(reported.id)).measureIds[0] ?? '';
    expect(await row.getAttribute('data-measure-id')).toBe(measureId);

    await row.getByTestId('measure-mark-done').click();
    await leaderPage.getByTestId('measure-done-form').waitFor();
    await leaderPage.getByTestId('measure-done-comment').fill(doneComment);
    const done = apiResponse(leaderPage, 'POST', `/api/measures/${encodeURIComponent(measureId)}/complete`);
    await leaderPage.getByTestId('measure-done-confirm').click();
    expect((await done).status()).toBe(200);
    await leaderPage.getByTestId('actions-notice').waitFor();
    await poll(() => row.getByTestId('measure-mark-done').count()).toBe(0);
    const measure = await stack.repos.measures.get(measureId);
    expect(measure?.value).toMatchObject({ status: 'done', evaluation: doneComment });
    expect(measure?.value.completedAt).toBeTruthy();
    expect(leaderErrors).toEqual([]);
  });
});

describe('a leader of another unit', () => {
  let other: { person: string; name: string; unit: OrgUnit };
  let secret: Deviation;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // The leader of the next department in the same nursing home: nearest to the case, still not theirs.
    const demo = stack.demo;
    if (!demo) throw new Error('the demo is not seeded');
    const home = demo.units.find((u) => u.id === employee.unitId);
    const sibling = demo.units.find((u) => u.level === 'service' && u.parentId === home?.parentId && u.id !== home?.id && u.leaderId && u.leaderId !== serviceLeader.personId);
    if (!sibling?.leaderId) throw new Error('no other department with a leader');
    const leader = demo.people.find((p) => p.id === sibling.leaderId);
    other = { person: sibling.leaderId, name: leader?.name ?? '', unit: sibling };
    secret = await reportThroughChat(stack, reporter, {
      description: 'Hemmelighold: beboer på rom 9 ble liggende på gulvet i en time før noen kom. Alarmen virket ikke.',
      location: 'Rom 9',
      unitId: employee.unitId,
    });
    await indexCaughtUp();
    context = await newTabContext(browser);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('does not find the case in the inbox, by number or by its words', async () => {
    await signInAsPerson(page, stack.url, other.person, 'Tjenesteleder');
    await poll(() => page.getByTestId('local-banner').innerText()).toContain(other.name);
    await inboxSettled(page);
    for (const q of [secret.caseNumber, 'alarmen virket ikke']) {
      const search = apiResponse(page, 'GET', '/api/cases', { q });
      await page.getByTestId('filter-search').fill(q);
      await page.getByTestId('filter-search-submit').click();
      const answer = await search;
      expect(answer.status()).toBe(200);
      expect(((await answer.json()) as CasePage).items).toEqual([]);
      await page.getByTestId('inbox-empty').waitFor();
      expect(await page.getByTestId('inbox-row').count()).toBe(0);
    }
    // A control: the same search finds it for its own leader, so the empty answer above is a refusal, not a miss.
    const own = await stack.api(await stack.signIn('serviceLeader'), `/api/cases?q=${encodeURIComponent(secret.caseNumber)}`);
    expect(((await own.json()) as CasePage).items.map((i) => i.id)).toEqual([secret.id]);
  });

  it('opening its address directly shows the refusal, and nothing of the case', async () => {
    const read = apiResponse(page, 'GET', casePath(secret.id));
    await page.goto(`${stack.url}/cases/${encodeURIComponent(secret.id)}`);
    const answer = await read;
    expect([403, 404]).toContain(answer.status());
    const error = page.getByTestId('case-error');
    await error.waitFor();
    expect(['notFound', 'forbidden']).toContain(await error.getAttribute('data-error-code'));
    expect(await error.innerText()).toMatch(/Fant ikke|ikke tilgang/i);
    // The heading says it did not work, not that the case is still loading.
    expect(await page.locator('h1').innerText()).toBe('Det gikk ikke');
    const text = await page.locator('body').innerText();
    for (const piece of [secret.caseNumber, secret.title, 'rom 9', 'Alarmen', 'Hemmelighold', employee.name]) expect(text).not.toContain(piece);
    expect(await page.getByTestId('case-report').count()).toBe(0);
    expect(await page.getByTestId('case-actions').count()).toBe(0);
    // The API told the browser nothing either.
    expect(await answer.text()).not.toContain('Alarmen');
    await expectAccessible(page, 'the refused case');
    await saveScreenshot(page, 'case-refused', 'default');
  });
});

describe('two leaders on the same case', () => {
  it('the second gets the conflict with the first one’s change; nothing of either is overwritten', async () => {
    const target = await reportThroughChat(stack, reporter, { description: 'Sengehesten på rom 3 var ødelagt, og beboeren var nær ved å falle ut av sengen.', unitId: employee.unitId, kind: 'nearMiss' });
    // Up to the analysis through the API, as the tjenesteleder.
    const token = await stack.signIn('serviceLeader');
    let detail = (await (await stack.api(token, casePath(target.id))).json()) as CaseDetail;
    for (const step of [{ type: 'receive' }, { type: 'startAnalysis' }]) {
      const res = await stack.api(token, `${casePath(target.id)}/actions`, { method: 'POST', json: { ...step, etag: detail.etag } });
      expect(res.status).toBe(200);
      detail = (await res.json()) as CaseDetail;
    }

    // Two browsers: the tjenesteleder and the virksomhetsleder above her, both with the case open.
    const [first, second] = await Promise.all([newTabContext(browser), newTabContext(browser)]);
    try {
      const a = await first.newPage();
      const b = await second.newPage();
      await signInAs(a, stack.url, 'serviceLeader');
      await signInAs(b, stack.url, 'unitLeader');
      for (const page of [a, b]) {
        await page.goto(`${stack.url}/cases/${encodeURIComponent(target.id)}`);
        await page.locator('[data-testid="case-status"][data-status="underAnalysis"]').waitFor();
        await page.getByTestId('analysis-why-1').waitFor();
      }

      // The first saves her analysis.
      await a.getByTestId('analysis-why-1').fill('Sengehesten var ikke kontrollert');
      await a.getByTestId('analysis-root-cause').fill('Ingen rutine for å kontrollere senger');
      await a.getByTestId('analysis-cause-category').selectOption('equipment');
      const savedA = apiResponse(a, 'PUT', `${casePath(target.id)}/analysis`);
      await a.getByTestId('analysis-save').click();
      expect((await savedA).status()).toBe(200);

      // The second, still with the case as it was, saves another.
      await b.getByTestId('analysis-why-1').fill('Beboeren var urolig');
      await b.getByTestId('analysis-root-cause').fill('For lite bemanning om natten');
      await b.getByTestId('analysis-cause-category').selectOption('staffing');
      const savedB = apiResponse(b, 'PUT', `${casePath(target.id)}/analysis`);
      await b.getByTestId('analysis-save').click();
      const refused = await savedB;
      expect(refused.status()).toBe(409);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('conflict');

      const conflict = b.getByTestId('case-conflict');
      await conflict.waitFor();
      const theirs = await b.getByTestId('case-conflict-current').innerText();
      expect(theirs).toContain('Ingen rutine for å kontrollere senger');
      expect(theirs).toContain('Sengehesten var ikke kontrollert');
      expect(theirs).toContain(serviceLeader.name);
      // What the second wrote is still in the form, and the form waits for a reload.
      expect(await b.getByTestId('analysis-root-cause').inputValue()).toBe('For lite bemanning om natten');
      expect(await b.getByTestId('analysis-save').isDisabled()).toBe(true);
      await expectAccessible(b, 'the conflict notice');
      await saveScreenshot(b, 'case-conflict', 'default');

      // SharePoint holds the first one's analysis, untouched.
      expect((await stored(target.id)).analysis).toEqual({ whys: ['Sengehesten var ikke kontrollert'], rootCause: 'Ingen rutine for å kontrollere senger', causeCategory: 'equipment' });

      // Reloading takes the case as it is now (the first one's analysis in its history); the conflict is gone, and the
      // second person's own text stays in the form, as the notice promised, for them to reconcile before saving again.
      await b.getByTestId('case-conflict-reload').click();
      await poll(() => b.getByTestId('case-conflict').count()).toBe(0);
      const analysisEntry = b.locator('[data-testid="case-history-entry"][data-history-type="analysis"]');
      await analysisEntry.waitFor();
      expect(await analysisEntry.innerText()).toContain(serviceLeader.name);
      expect(await b.getByTestId('analysis-root-cause').inputValue()).toBe('For lite bemanning om natten');
      expect(await b.getByTestId('analysis-save').isDisabled()).toBe(false);
      expect((await stored(target.id)).analysis.rootCause).toBe('Ingen rutine for å kontrollere senger');
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});

describe('a report’s text is shown as text, never as markup', () => {
  it('an <img onerror> and a <script> in the title and description show literally and run nothing', async () => {
    const img = '<img src=x onerror=window.__xss=1>';
    const script = '<script>window.__xss=2</script>';
    const description = `${img} ${script} Teksten over kom fra en skadet e-post.\nAndre linje: <b>fet</b> & "sitat".`;
    const hostile = await reportThroughChat(stack, reporter, { description, unitId: employee.unitId, location: '<iframe src="javascript:window.__xss=3">' });
    expect(hostile.title).toContain(img);
    await indexCaughtUp();
    // A measure with markup in its title, for the action list.
    const token = await stack.signIn('serviceLeader');
    let detail = (await (await stack.api(token, casePath(hostile.id))).json()) as CaseDetail;
    for (const step of [{ type: 'receive' }, { type: 'startAnalysis' }]) {
      detail = (await (await stack.api(token, `${casePath(hostile.id)}/actions`, { method: 'POST', json: { ...step, etag: detail.etag } })).json()) as CaseDetail;
    }
    const measureTitle = `Tiltak ${img}`;
    const added = await stack.api(token, `${casePath(hostile.id)}/measures`, { method: 'POST', json: { etag: detail.etag, title: measureTitle, ownerId: serviceLeader.personId, deadline: osloDate(14) } });
    expect(added.status).toBe(201);

    const context = await newTabContext(browser);
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signInAs(page, stack.url, 'serviceLeader');
      const xss = () => page.evaluate('typeof window.__xss');

      // The inbox row.
      await page.getByTestId('filter-search').fill(hostile.caseNumber);
      await page.getByTestId('filter-search-submit').click();
      const row = page.locator(`[data-testid="inbox-row"][data-case-number="${hostile.caseNumber}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain(img);

      // The case view: heading, report, location.
      await row.getByTestId('inbox-row-link').click();
      await page.getByTestId('case-report').waitFor();
      expect(await page.locator('h1').innerText()).toContain(img);
      const report = await page.getByTestId('case-report').innerText();
      expect(report).toContain(img);
      expect(report).toContain(script);
      expect(report).toContain('<b>fet</b> & "sitat"');
      expect(report).toContain('<iframe src="javascript:window.__xss=3">');
      expect(await page.getByTestId('case-measure').innerText()).toContain(measureTitle);

      // The action list.
      await page.getByTestId('nav-actions').click();
      const measureRow = page.getByTestId('measure-row').filter({ hasText: measureTitle });
      await measureRow.waitFor();

      // Nothing became an element, nothing ran.
      for (const selector of ['main img[src="x"]', 'main script', 'main iframe', 'main b']) expect(await page.locator(selector).count(), selector).toBe(0);
      expect(await xss()).toBe('undefined');
      // Back to the case (client navigation keeps the document), checked once more after a full load.
      await page.goto(`${stack.url}/cases/${encodeURIComponent(hostile.id)}`);
      await page.getByTestId('case-report').waitFor();
      for (const selector of ['main img[src="x"]', 'main script', 'main iframe', 'main b']) expect(await page.locator(selector).count(), selector).toBe(0);
      expect(await xss()).toBe('undefined');
      expect(errors).toEqual([]);
      await saveScreenshot(page, 'case-markup-as-text', 'default');
    } finally {
      await context.close();
    }
  });

  it('the check itself sees markup that became elements (guards against a test that cannot fail)', async () => {
    const context = await newTabContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${stack.url}/inbox`);
      await page.getByTestId('local-banner').waitFor();
      // What a page that put a report's text in as HTML would do; the DevTools protocol is not bound by the CSP.
      await page.evaluate(`document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x onerror="window.__xss=1">'); new Promise((r) => setTimeout(r, 500))`);
      expect(await page.locator('main img[src="x"]').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe('the employee', () => {
  it('sees only her own reports (Mine meldinger), has no dashboard, and the dashboard refuses her', async () => {
    const context = await newTabContext(browser);
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      const list = apiResponse(page, 'GET', '/api/cases');
      await signInAs(page, stack.url, 'employee');
      const answer = await list;
      expect(new URL(answer.url()).searchParams.get('scope')).toBe('mine');
      await page.getByTestId('inbox-table').waitFor();
      expect(await page.getByTestId('nav-dashboard').count()).toBe(0);
      expect(await page.getByTestId('nav-inbox').count()).toBe(1);
      for (const scope of ['units', 'handling']) expect(await page.getByTestId(`scope-${scope}`).count()).toBe(0);
      expect(await page.getByTestId('scope-only').innerText()).toContain('Mine meldinger');

      // Every row is hers, and her reports from the chat are there.
      const ids = await page.getByTestId('inbox-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id') ?? ''));
      expect(ids.length).toBeGreaterThan(0);
      const cases = await stack.repos.deviations.getMany(ids);
      expect(cases).toHaveLength(ids.length);
      expect(cases.filter((c) => c.value.reporterId !== employee.personId).map((c) => c.value.caseNumber)).toEqual([]);
      // …and all of her reports are: the count is every ordinary case she reported, as SharePoint has them.
      let reportedByHer = 0;
      let continuation: string | null = null;
      do {
        const chunk: Awaited<ReturnType<typeof stack.repos.deviations.listByReporter>> = await stack.repos.deviations.listByReporter(employee.personId, { continuation });
        reportedByHer += chunk.items.length;
        continuation = chunk.continuation;
      } while (continuation);
      expect(await page.getByTestId('inbox-total').innerText()).toMatch(new RegExp(`^${reportedByHer}\\b`));
      if (reportedByHer <= 50) expect(ids).toHaveLength(reportedByHer);

      // The dashboard is not hers: the address answers with the server's refusal.
      const dash = apiResponse(page, 'GET', '/api/dashboard');
      await page.goto(`${stack.url}/dashboard`);
      expect((await dash).status()).toBe(403);
      await page.getByTestId('dashboard-error').waitFor();
      expect(await page.getByTestId('dashboard').count()).toBe(0);

      // Her action list holds only measures she owns.
      const measures = apiResponse(page, 'GET', '/api/measures');
      await page.goto(`${stack.url}/actions`);
      const mine = (await (await measures).json()) as MeasurePage;
      expect(mine.items.every((m) => m.owner.id === employee.personId)).toBe(true);
      expect(errors).toEqual([]);
      await page.goto(`${stack.url}/inbox`);
      await page.getByTestId('inbox-table').waitFor();
      await expectAccessible(page, 'the employee’s inbox');
      await saveScreenshot(page, 'employee-inbox', 'default');
    } finally {
      await context.close();
    }
  });
});

// The risk pages (ROS, issue 7) in headless Chromium against the app as `npm start` composes it (the generated demo):
// a virksomhetsleder creates an assessment and fills in a row by keyboard, as in a spreadsheet, with residual risk that
// is not acceptable; the row is marked for KLG, gets a measure, meets someone else's change as a conflict (never an
// overwrite), and is sent to the kommunalsjef, who compiles and forwards it: the row becomes an agenda proposal to KLG,
// and sits on the heat map now (X) and after measures (Y), where a cell drills down to it. Then axe-core on every risk
// page in the default and high-contrast themes (no serious or critical violation), with screenshots for review.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed, vi } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DemoPersona } from '../../src/demo/index.js';
import type { RiskAssessmentDetail, RiskHeatMap, RiskItemView, RiskRoundDetail, RiskRoundSummary } from '../../src/server/api/contract-risk.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';
import {
  type Theme,
  axeViolations,
  collectPageErrors,
  describeViolations,
  isSerious,
  launchBrowser,
  newTabContext,
  saveScreenshot,
  signInAs,
  themed,
} from '../support/browser.js';
import { apiResponse, osloDate, personaOf, settled } from '../support/browser-suite.js';

// A browser step waits up to 15 s (UI_TIMEOUT_MS); a whole test gets room for several of them on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

let stack: AppStack;
let browser: Browser;
let leaderContext: BrowserContext;
let leader: Page;
let leaderErrors: string[];
let unitLeader: DemoPersona;
let sectorHead: DemoPersona;
let leaderToken = '';

const persona = (key: string): DemoPersona => personaOf(stack, key);

async function apiJson<T>(token: string, path: string, init?: RequestInit & { json?: unknown }): Promise<{ status: number; body: T }> {
  const res = await stack.api(token, path, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** The risk index is delta-synced like the case index; the first load answers 503 until it is in. */
async function riskIndexReady(token: string): Promise<void> {
  const until = Date.now() + 30_000;
  let status = 0;
  while (Date.now() < until) {
    status = (await stack.api(token, '/api/risk/heatmap')).status;
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the risk index did not load in 30 s (last answer ${status})`);
}

/** The element that has focus, as «testid / data-column / tag». */
function focused(page: Page): Promise<string> {
  // A string, evaluated in the page (this project's TypeScript has no DOM types outside tab/).
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el) return '';
    return (el.dataset.testid || '') + '|' + (el.dataset.column || '') + '|' + el.tagName.toLowerCase();
  })()`) as Promise<string>;
}

/** The tag of the focused element ('H1' …) or its id, as strings evaluated in the page. */
const focusedTag = (page: Page) => page.evaluate('document.activeElement ? document.activeElement.tagName : ""') as Promise<string>;
const focusedId = (page: Page) => page.evaluate('document.activeElement ? document.activeElement.id : ""') as Promise<string>;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startAppStack(), launchBrowser()]);
  unitLeader = persona('unitLeader');
  sectorHead = persona('sectorHead');
  leaderToken = await stack.signIn('unitLeader');
  await riskIndexReady(leaderToken);
  leaderContext = await newTabContext(browser);
  leader = await leaderContext.newPage();
  leaderErrors = collectPageErrors(leader);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('a virksomhetsleder fills in a row with unacceptable residual risk; it goes to KLG and onto the heat map', () => {
  const process = 'Journalføring i fagsystemet';
  const whatCanGoWrong = 'Opplysninger føres i feil pasients journal når to journaler er åpne samtidig.';
  const existing = 'Opplæring ved oppstart';
  const measureTitle = 'Innfør kontroll av pasientidentitet før journalføring';
  let assessmentId = '';
  let itemId = '';

  it('opens Risiko from the main menu, with focus on the page heading', async () => {
    await signInAs(leader, stack.url, 'unitLeader');
    await leader.getByTestId('nav-risk').click();
    await leader.waitForURL('**/risk');
    await leader.locator('[data-testid="risk-assessments-table"], [data-testid="risk-assessments-empty"]').first().waitFor();
    await expect.poll(() => focusedTag(leader)).toBe('H1');
    expect(await leader.locator('h1').innerText()).toBe('Risikovurderinger');
    // The unit's assessments of the demo year are listed, as the leader's own.
    await expect.poll(() => leader.locator(`[data-testid="risk-assessment-row"][data-unit-id="${unitLeader.unitId}"]`).count()).toBeGreaterThan(0);
  });

  it('creates a new assessment for information security in its unit', async () => {
    await leader.getByTestId('risk-new-open').click();
    await leader.getByTestId('risk-new-form').waitFor();
    await leader.getByTestId('risk-new-unit').selectOption(unitLeader.unitId);
    await leader.getByTestId('risk-new-area').selectOption('informationSecurity');
    await leader.getByTestId('risk-new-year').fill('2026');
    await leader.getByTestId('risk-new-name').fill('ROS informasjonssikkerhet 2026');
    const created = apiResponse(leader, 'POST', '/api/risk/assessments');
    await leader.getByTestId('risk-new-create').click();
    const res = await created;
    expect(res.status()).toBe(201);
    assessmentId = ((await res.json()) as RiskAssessmentDetail).id;
    await leader.waitForURL(`**/risk/assessments/${encodeURIComponent(assessmentId)}`);
    await leader.getByTestId('risk-grid').waitFor();
    expect(await leader.getByTestId('risk-assessment-status').getAttribute('data-status')).toBe('draft');
    await expect.poll(() => focusedTag(leader)).toBe('H1');
    expect(await leader.locator('h1').innerText()).toBe('ROS informasjonssikkerhet 2026');
  });

  it('fills in a row from the keyboard as in a spreadsheet; the row is saved as soon as it can be', async () => {
    const k = leader.keyboard;
    await leader.getByTestId('risk-grid-after').click();
    // The new row's first cell opens for typing at once.
    await leader.getByTestId('risk-editor-process').waitFor();
    await k.type(process);
    await k.press('Tab');
    await expect.poll(() => focused(leader)).toBe('risk-cell-whatCanGoWrong|whatCanGoWrong|td');
    await k.press('Enter');
    await leader.getByTestId('risk-editor-whatCanGoWrong').waitFor();
    await k.type(whatCanGoWrong);
    await k.press('Enter');
    await expect.poll(() => focused(leader)).toBe('risk-cell-whatCanGoWrong|whatCanGoWrong|td');
    expect(await leader.getByTestId('risk-grid-not-saved').innerText()).toContain('Sannsynlighet');

    // Hvor galt kan det gå: the check boxes, arrow keys between them, Space ticks, Enter saves.
    await k.press('ArrowRight');
    await k.press('Enter');
    await leader.getByTestId('risk-editor-consequenceTypes').waitFor();
    for (let i = 0; i < 5; i++) await k.press('ArrowDown');
    await k.press(' ');
    expect(await leader.getByTestId('risk-editor-consequenceTypes-privacy').isChecked()).toBe(true);
    await k.press('Enter');
    await expect.poll(() => focused(leader)).toBe('risk-cell-consequenceTypes|consequenceTypes|td');

    // The digits set the levels; with both, the row has what the API needs and is created.
    await k.press('ArrowRight');
    await k.press('5');
    const created = apiResponse(leader, 'POST', `/api/risk/assessments/${encodeURIComponent(assessmentId)}/items`);
    await k.press('ArrowRight');
    await k.press('4');
    const res = await created;
    expect(res.status()).toBe(201);
    itemId = ((await res.json()) as RiskItemView).id;
    const row = leader.locator(`[data-testid="risk-grid-row"][data-item-id="${itemId}"]`);
    await row.waitFor();
    // Red, in words and a pattern, not colour alone.
    await expect.poll(() => row.getByTestId('risk-grid-colour-now').innerText()).toBe('Rød (20)');
    expect(await row.getByTestId('risk-grid-colour-now').getAttribute('data-colour')).toBe('red');
    // Focus stayed in the grid while the row was saved.
    expect(await focused(leader)).toBe('risk-cell-consequence|consequence|td');

    // Hva er gjort: typing starts the editor with the first letter.
    await k.press('ArrowRight'); // risk (computed)
    await k.press('ArrowRight'); // breach of law
    await k.press('ArrowRight'); // existing measures
    await k.type(existing);
    const patched = apiResponse(leader, 'PATCH', `/api/risk/items/${encodeURIComponent(itemId)}`);
    await k.press('Enter');
    expect((await patched).status()).toBe(200);
    await k.press('ArrowRight'); // har vi gjort nok?
    await k.press('n');
    // The residual risk: likelihood waits for the consequence, then both go in one request.
    await k.press('ArrowRight');
    await k.press('4');
    await row.getByText('Sett også Konsekvens etter tiltak').waitFor();
    const residual = apiResponse(leader, 'PATCH', `/api/risk/items/${encodeURIComponent(itemId)}`);
    await k.press('ArrowRight');
    await k.press('4');
    const residualBody = (await (await residual).json()) as RiskItemView;
    expect(residualBody.residual).toMatchObject({ likelihood: 4, consequence: 4, colour: 'red' });
    await k.press('ArrowRight'); // restrisiko (computed)
    await k.press('ArrowRight'); // akseptabel?
    const acceptable = apiResponse(leader, 'PATCH', `/api/risk/items/${encodeURIComponent(itemId)}`);
    await k.press('n');
    expect((await acceptable).status()).toBe(200);

    // Unacceptable residual risk: the row is marked for KLG, in words.
    await expect.poll(() => row.getAttribute('data-must-report')).toBe('true');
    expect(await row.getByTestId('risk-grid-escalation').innerText()).toContain('Skal meldes KLG');
    expect(await row.getByTestId('risk-grid-colour-after').innerText()).toBe('Rød (16)');

    const stored = await apiJson<RiskItemView>(leaderToken, `/api/risk/items/${encodeURIComponent(itemId)}`);
    expect(stored.body).toMatchObject({
      process,
      whatCanGoWrong,
      consequenceTypes: ['privacy'],
      current: { likelihood: 5, consequence: 4 },
      existingMeasures: existing,
      doneEnough: false,
      residual: { likelihood: 4, consequence: 4 },
      residualAcceptable: false,
      mustReportToKlg: true,
      requiresMeasure: true,
    });
  });

  it('opens the row’s measures with Enter and adds one with an owner and a deadline; Close returns to the grid', async () => {
    const k = leader.keyboard;
    await k.press('ArrowRight');
    expect(await focused(leader)).toBe('risk-cell-measures|measures|td');
    await k.press('Enter');
    const panel = leader.getByTestId('risk-item-panel');
    await panel.waitFor();
    await expect.poll(() => focusedId(leader)).toBe('risk-panel-title');
    await panel.getByTestId('risk-measure-title').fill(measureTitle);
    await panel.getByTestId('risk-measure-owner').fill(unitLeader.name.slice(0, 5));
    await leader.getByTestId('risk-measure-owner-option').filter({ hasText: unitLeader.name }).first().click();
    await panel.getByTestId('risk-measure-deadline').fill(osloDate(30));
    const added = apiResponse(leader, 'POST', `/api/risk/items/${encodeURIComponent(itemId)}/measures`);
    await panel.getByTestId('risk-measure-add').click();
    expect((await added).status()).toBe(201);
    await panel.getByTestId('risk-item-panel-notice').waitFor();
    expect(await panel.getByTestId('risk-item-measure').first().innerText()).toContain(measureTitle);
    await panel.getByTestId('risk-item-panel-close').click();
    await expect.poll(() => focused(leader)).toBe('risk-cell-measures|measures|td');
    // The measure is on the common action list too.
    const measures = await apiJson<{ items: { title: string; sourceId: string }[] }>(leaderToken, '/api/measures?source=riskItem&mine=true');
    expect(measures.body.items.some((m) => m.title === measureTitle && m.sourceId === itemId)).toBe(true);
  });

  it('shows someone else’s change to the row as a conflict with their version, and never overwrites it', async () => {
    const current = await apiJson<RiskItemView>(leaderToken, `/api/risk/items/${encodeURIComponent(itemId)}`);
    const theirs = await apiJson<RiskItemView>(leaderToken, `/api/risk/items/${encodeURIComponent(itemId)}`, {
      method: 'PATCH',
      json: { etag: current.body.etag, existingMeasures: 'Opplæring ved oppstart og årlig repetisjon' },
    });
    expect(theirs.status).toBe(200);
    // The tab still holds the old ETag: this edit must be refused, not written over theirs.
    const k = leader.keyboard;
    const cell = leader.locator(`[data-testid="risk-grid-row"][data-item-id="${itemId}"] [data-testid="risk-cell-process"]`);
    await cell.click();
    expect(await focused(leader)).toBe('risk-cell-process|process|td');
    const refused = apiResponse(leader, 'PATCH', `/api/risk/items/${encodeURIComponent(itemId)}`);
    await k.press('F2');
    await k.type(' (alle avdelinger)');
    await k.press('Enter');
    expect((await refused).status()).toBe(409);
    const notice = leader.getByTestId('risk-item-conflict');
    await notice.waitFor();
    expect(await notice.getByTestId('risk-item-conflict-current').innerText()).toContain('årlig repetisjon');
    expect(await notice.getByTestId('risk-item-conflict-yours').innerText()).toContain('(alle avdelinger)');
    await saveScreenshot(leader, 'risk-conflict', 'default');
    const after = await apiJson<RiskItemView>(leaderToken, `/api/risk/items/${encodeURIComponent(itemId)}`);
    expect(after.body.process).toBe(process);
    expect(after.body.existingMeasures).toBe('Opplæring ved oppstart og årlig repetisjon');
    await notice.getByTestId('risk-item-conflict-reload').click();
    await expect.poll(() => leader.getByTestId('risk-item-conflict').count()).toBe(0);
    await leader.getByText('Opplæring ved oppstart og årlig repetisjon').first().waitFor();
  });

  it('exports the form to Excel, checks and imports it back, and shows a broken file’s problems per row in Norwegian', async () => {
    // Export: a download carrying the bearer token, in the form's layout.
    const download = leader.waitForEvent('download');
    await leader.getByTestId('risk-export-excel').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^risikovurdering-.+-2026\.xlsx$/);
    const path = join(mkdtempSync(join(tmpdir(), 'varde-risk-')), file.suggestedFilename());
    await file.saveAs(path);

    // The same file back: checked first (nothing stored), then imported; the row is updated, not duplicated.
    const checked = apiResponse(leader, 'POST', `/api/risk/assessments/${encodeURIComponent(assessmentId)}/import`);
    await leader.getByTestId('risk-import-file').setInputFiles(path);
    expect((await checked).status()).toBe(200);
    await leader.getByTestId('risk-import-checked').waitFor();
    const imported = apiResponse(leader, 'POST', `/api/risk/assessments/${encodeURIComponent(assessmentId)}/import`);
    await leader.getByTestId('risk-import-confirm').click();
    expect((await imported).status()).toBe(200);
    await leader.getByTestId('risk-import-done').waitFor();
    await expect.poll(() => leader.getByTestId('risk-grid-row').count()).toBe(1);

    // A likelihood of 7 in the sheet: refused with the row and the column named, nothing imported.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.worksheets[0]!;
    let headingRow = 0;
    let likelihoodCol = 0;
    sheet.eachRow((row, n) => {
      row.eachCell((cell, c) => {
        if (!headingRow && String(cell.value).trim() === 'Sannsynlighet') {
          headingRow = n;
          likelihoodCol = c;
        }
      });
    });
    expect(headingRow).toBeGreaterThan(0);
    const dataRow = sheet.getRow(headingRow + 1);
    dataRow.getCell(likelihoodCol).value = 7;
    dataRow.commit();
    const broken = path.replace(/\.xlsx$/, '-feil.xlsx');
    await book.xlsx.writeFile(broken);
    const refused = apiResponse(leader, 'POST', `/api/risk/assessments/${encodeURIComponent(assessmentId)}/import`);
    await leader.getByTestId('risk-import-file').setInputFiles(broken);
    expect((await refused).status()).toBe(400);
    const errors = leader.getByTestId('risk-import-errors');
    await errors.waitFor();
    const first = errors.getByTestId('risk-import-error-row').first();
    expect(await first.getAttribute('data-row')).toBe(String(headingRow + 1));
    expect(await first.innerText()).toContain('Sannsynlighet');
    expect(await first.innerText()).toContain('7');
    await saveScreenshot(leader, 'risk-import-errors', 'default');
    const after = await apiJson<RiskItemView>(leaderToken, `/api/risk/items/${encodeURIComponent(itemId)}`);
    expect(after.body.current.likelihood).toBe(5);
  });

  it('sends the assessment to the kommunalsjef', async () => {
    const sent = apiResponse(leader, 'POST', `/api/risk/assessments/${encodeURIComponent(assessmentId)}/actions`);
    await leader.getByTestId('risk-action-submit').click();
    expect((await sent).status()).toBe(200);
    await leader.locator('[data-testid="risk-assessment-status"][data-status="submitted"]').waitFor();
    await leader.getByTestId('risk-action-notice').waitFor();
  });

  it('the kommunalsjef compiles it and forwards it: the row becomes an agenda proposal to KLG', async () => {
    const headContext = await newTabContext(browser);
    try {
      const head = await headContext.newPage();
      const headErrors = collectPageErrors(head);
      await signInAs(head, stack.url, 'sectorHead');
      await head.goto(`${stack.url}/risk/assessments/${encodeURIComponent(assessmentId)}`);
      await head.locator('[data-testid="risk-assessment-status"][data-status="submitted"]').waitFor();
      await head.getByTestId('risk-action-compile').click();
      await head.locator('[data-testid="risk-assessment-status"][data-status="compiled"]').waitFor();
      const forwarded = apiResponse(head, 'POST', `/api/risk/assessments/${encodeURIComponent(assessmentId)}/actions`);
      await head.getByTestId('risk-action-forward').click();
      const result = (await (await forwarded).json()) as { escalated: { itemId: string; agendaItemId: string; committeeName: string }[] };
      expect(result.escalated.map((e) => e.itemId)).toContain(itemId);
      await head.locator('[data-testid="risk-assessment-status"][data-status="forwarded"]').waitFor();
      expect(await head.getByTestId('risk-action-notice').innerText()).toMatch(/Rader meldt til KLG som saker til sakslisten: [1-9]\d*\./);
      expect(headErrors).toEqual([]);
    } finally {
      await headContext.close();
    }
    const stored = await apiJson<RiskItemView>(leaderToken, `/api/risk/items/${encodeURIComponent(itemId)}`);
    expect(stored.body.escalation).toMatchObject({ itemId });
    expect(stored.body.escalation?.agendaItemId).toBeTruthy();
    expect(sectorHead.personId).not.toBe(unitLeader.personId);
  });

  it('the virksomhetsleder sees the row escalated, read-only now', async () => {
    await leader.reload();
    const row = leader.locator(`[data-testid="risk-grid-row"][data-item-id="${itemId}"]`);
    await row.waitFor();
    const marker = row.getByTestId('risk-grid-escalation');
    expect(await marker.getAttribute('data-escalated')).toBe('true');
    expect(await marker.innerText()).toMatch(/^Meldt KLG \d{2}\.\d{2}\.\d{4}$/);
    expect(await leader.getByTestId('risk-grid').getAttribute('aria-readonly')).toBe('true');
    await saveScreenshot(leader, 'risk-escalated', 'default');
  });

  it('finds the row on the heat map where it is now (X) and where it will be after measures (Y), and drills down to it', async () => {
    await leader.goto(`${stack.url}/risk/heatmap?${new URLSearchParams({ unitId: unitLeader.unitId, year: '2026', area: 'informationSecurity' }).toString()}`);
    const map = leader.getByTestId('risk-heatmap');
    await map.waitFor();
    const answer = await apiJson<RiskHeatMap>(leaderToken, `/api/risk/heatmap?${new URLSearchParams({ unitId: unitLeader.unitId, year: '2026', area: 'informationSecurity' }).toString()}`);
    expect(answer.body.now[4]![3]).toBeGreaterThanOrEqual(1);
    const now = leader.locator('[data-testid="risk-heatmap-now"] td[data-cell="l5c4"]');
    const after = leader.locator('[data-testid="risk-heatmap-after"] td[data-cell="l4c4"]');
    expect(Number(await now.getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    expect(Number(await after.getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    expect(await now.getAttribute('data-colour')).toBe('red');
    // The cell is a button with its whole meaning in its name.
    const button = now.getByRole('button');
    expect(await button.textContent()).toMatch(/^Sannsynlighet 5 svært høy, konsekvens 4 høy: \d+ Rød\. Nå \(X\)\.$/);
    await button.focus();
    await leader.keyboard.press('Enter');
    await leader.waitForURL(/cell=l5c4/);
    const drill = leader.getByTestId('risk-heatmap-drill');
    await drill.locator(`[data-testid="risk-heatmap-drill-row"][data-item-id="${itemId}"]`).waitFor();
    expect(await drill.locator(`[data-testid="risk-heatmap-drill-row"][data-item-id="${itemId}"] [data-testid="risk-heatmap-drill-escalation"]`).getAttribute('data-escalated')).toBe('true');
    await expect.poll(() => focusedId(leader)).toBe('risk-hm-drill-title');
  });

  it('threw no error in the page', () => {
    expect(leaderErrors).toEqual([]);
  });
});

describe('the quality adviser starts next year’s round and follows its work plan across ISO weeks', () => {
  it('starts a round with deadlines for every unit; the plan shows Tønsberg’s tasks week by week', async () => {
    const context = await newTabContext(browser);
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signInAs(page, stack.url, 'qualityAdviser');
      await page.goto(`${stack.url}/risk/rounds`);
      const form = page.getByTestId('risk-start-form');
      await form.waitFor();
      await page.getByTestId('risk-start-year').fill('2027');
      await page.getByTestId('risk-start-unit-deadline').fill(osloDate(56));
      await page.getByTestId('risk-start-sector-deadline').fill(osloDate(70));
      // Every virksomhet takes part unless unticked.
      expect(await page.getByTestId('risk-start-all-units').isChecked()).toBe(true);
      const started = apiResponse(page, 'POST', '/api/risk/rounds');
      await page.getByTestId('risk-start-submit').click();
      const res = await started;
      expect(res.status()).toBe(201);
      const round = (await res.json()) as RiskRoundDetail;
      await page.waitForURL(`**/risk/rounds/${encodeURIComponent(round.id)}`);
      const plan = page.getByTestId('risk-work-plan');
      await plan.waitFor();
      expect(await page.getByTestId('risk-task-row').count()).toBe(round.tasks.length);
      expect(round.tasks.length).toBeGreaterThan(0);
      // One column per ISO week of the plan, this week marked in words for screen readers.
      expect(await plan.locator('th[data-week]').count()).toBe(round.weeks.length);
      expect(await plan.locator('th[data-this-week="true"]').innerText()).toMatch(/^\d{1,2}/);
      expect(await plan.locator('[data-mark="deadline"]').count()).toBe(round.tasks.filter((t) => round.weeks.some((w) => w.week === t.weeks.at(-1)?.week && w.year === t.weeks.at(-1)?.year)).length);
      expect(await page.getByTestId('risk-round-unit').count()).toBe(round.units.length);
      // The manager sets a task's % done.
      const first = page.getByTestId('risk-task-row').first();
      await first.getByTestId('risk-task-percent').fill('50');
      const saved = apiResponse(page, 'PATCH', new RegExp(`/api/risk/rounds/${round.id}/tasks/`));
      await first.getByTestId('risk-task-percent-save').click();
      expect((await saved).status()).toBe(200);
      await page.getByTestId('risk-round-notice').waitFor();
      await saveScreenshot(page, 'risk-round-started', 'default');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('accessibility of the risk pages', () => {
  const report: Record<string, string> = {};
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let assessmentId = '';
  let roundId = '';

  beforeAll(async () => {
    // A draft with a row of its own: the editable grid, a row's panel with its forms, both matrices.
    const created = await apiJson<RiskAssessmentDetail>(leaderToken, '/api/risk/assessments', {
      method: 'POST',
      json: { unitId: unitLeader.unitId, area: 'hse', year: 2026, title: 'HMS 2026 – brann og evakuering' },
    });
    expect(created.status).toBe(201);
    assessmentId = created.body.id;
    const row = await apiJson<RiskItemView>(leaderToken, `/api/risk/assessments/${encodeURIComponent(assessmentId)}/items`, {
      method: 'POST',
      json: { process: 'Brannøvelser', whatCanGoWrong: 'Beboerne kommer seg ikke ut i tide om natten.', consequenceTypes: ['humanInjury'], likelihood: 3, consequence: 5, residualLikelihood: 2, residualConsequence: 5 },
    });
    expect(row.status).toBe(201);
    const rounds = await apiJson<RiskRoundSummary[]>(leaderToken, '/api/risk/rounds');
    roundId = rounds.body[0]?.id ?? '';
    context = await newTabContext(browser);
    page = await context.newPage();
    errors = collectPageErrors(page);
    await signInAs(page, stack.url, 'unitLeader');
  });

  afterAll(async () => {
    await context?.close();
  });

  async function check(name: string, theme: Theme): Promise<void> {
    expect(await page.locator(`[data-theme="${theme}"]`).count()).toBeGreaterThan(0);
    await settled(page);
    await page.mouse.move(0, 0);
    const violations = await axeViolations(page);
    await saveScreenshot(page, name, theme);
    const where = `${name} (${theme} theme)`;
    report[where] = describeViolations(where, violations);
    expect(describeViolations(where, violations.filter(isSerious))).toBe(`${where}: no violations`);
  }

  const pages: { name: string; path: () => string; ready(p: Page): Promise<void> }[] = [
    {
      name: 'risk-assessments',
      path: () => '/risk',
      ready: async (p) => {
        await p.getByTestId('risk-assessments-table').waitFor();
        await p.getByTestId('risk-new-open').click();
        await p.getByTestId('risk-new-form').waitFor();
      },
    },
    {
      name: 'risk-assessment',
      path: () => `/risk/assessments/${encodeURIComponent(assessmentId)}`,
      ready: async (p) => {
        await p.getByTestId('risk-grid').waitFor();
        // A row's panel open, so its forms are checked too.
        const cell = p.getByTestId('risk-cell-measures').first();
        if ((await cell.count()) > 0) {
          await cell.click();
          await p.keyboard.press('Enter');
          await p.getByTestId('risk-item-panel').waitFor();
        }
        await p.locator('details summary').last().click();
      },
    },
    {
      name: 'risk-heatmap',
      path: () => `/risk/heatmap?unitId=${encodeURIComponent(unitLeader.unitId)}`,
      ready: async (p) => {
        await p.getByTestId('risk-heatmap').waitFor();
        const cell = p.getByTestId('risk-heatmap-now-cell').first();
        if ((await cell.count()) > 0) {
          await cell.click();
          await p.getByTestId('risk-heatmap-drill-table').waitFor();
        }
      },
    },
    {
      name: 'risk-rounds',
      path: () => '/risk/rounds',
      ready: async (p) => {
        await p.locator('[data-testid="risk-rounds-table"], [data-testid="risk-rounds-empty"]').first().waitFor();
      },
    },
    {
      name: 'risk-round',
      path: () => (roundId ? `/risk/rounds/${encodeURIComponent(roundId)}` : '/risk/rounds'),
      ready: async (p) => {
        if (roundId) await p.getByTestId('risk-work-plan').waitFor();
      },
    },
  ];

  for (const theme of ['default', 'contrast'] as const) {
    describe(`${theme} theme`, () => {
      for (const target of pages) {
        it(`${target.name}: no serious or critical violations`, async () => {
          onTestFailed(() => console.error(report[`${target.name} (${theme} theme)`] ?? `${target.name} (${theme} theme) failed before axe ran`));
          await page.goto(`${stack.url}${themed(target.path(), theme)}`);
          await target.ready(page);
          await check(target.name, theme);
        });
      }
    });
  }

  it('threw no error in any page', () => {
    expect(errors).toEqual([]);
  });
});

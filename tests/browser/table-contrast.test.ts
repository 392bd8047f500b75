// Hovered table rows stay readable (issue 6: "readable in dark and high-contrast themes"). axe checks a page as it is
// at rest; a row under the mouse gets other colours (Fluent's hover background, and in high contrast Highlight /
// HighlightText), so this hovers the first rows of each list page in every theme and runs axe's colour-contrast rule on
// the hovered row alone. A row whose links or badges fall under 4.5:1 on its hover background fails here.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type AppStack, startAppStack } from '../support/app-stack.js';
import { THEMES, axeViolations, launchBrowser, newTabContext, saveScreenshot, signInAs, snapshotTab, themed } from '../support/browser.js';

vi.setConfig({ testTimeout: 180_000 });

let stack: AppStack;
let tab: { dir: string; remove(): Promise<void> } | undefined;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  tab = await snapshotTab();
  [stack, browser] = await Promise.all([startAppStack({ tabDir: tab.dir }), launchBrowser()]);
  page = await (await newTabContext(browser)).newPage();
  await signInAs(page, stack.url, 'unitLeader');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await tab?.remove();
});

const LISTS = [
  { name: 'inbox', path: '/inbox', table: 'inbox-table' },
  { name: 'actions', path: '/actions?status=open,inProgress,done,cancelled', table: 'actions-table' },
  { name: 'procedures', path: '/procedures', table: 'proc-table' },
  { name: 'risk', path: '/risk', table: 'risk-assessments-table' },
] as const;

/** axe's colour-contrast rule on one element only, as lines naming what fails. */
async function contrastOf(page: Page, selector: string): Promise<string[]> {
  await axeViolations(page); // loads axe into this document (the tab's CSP refuses an injected script)
  const json = (await page.evaluate(
    `axe.run({ include: [[${JSON.stringify(selector)}]] }, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] })
       .then((r) => JSON.stringify(r.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ') + ' — ' + String(n.failureSummary ?? '').replace(/\\s+/g, ' ')))))`,
  )) as string;
  return JSON.parse(json) as string[];
}

describe('hovered table rows', () => {
  for (const theme of THEMES) {
    it(`keep their contrast in the ${theme} theme`, async () => {
      const found: string[] = [];
      for (const list of LISTS) {
        await page.goto(`${stack.url}${themed(list.path, theme)}`);
        const rows = page.getByTestId(list.table).locator('tbody tr');
        await rows.first().waitFor({ timeout: 30_000 });
        const n = Math.min(await rows.count(), 3);
        for (let i = 0; i < n; i++) {
          await rows.nth(i).hover();
          await page.waitForTimeout(150); // let a hover transition settle before colours are read
          for (const line of await contrastOf(page, `[data-testid="${list.table}"] tbody tr:nth-child(${i + 1})`)) found.push(`${list.name} row ${i + 1}: ${line}`);
        }
        await rows.first().hover();
        await saveScreenshot(page, `hover-${list.name}`, theme);
      }
      expect(found).toEqual([]);
    });
  }
});

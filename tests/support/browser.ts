// Headless Chromium for the browser tests: launch it, open a Norwegian context on the app, sign in as a persona through
// the local sign-in page, run axe-core on a page, and save full-page screenshots for review.
//
//   const browser = await launchBrowser();
//   const context = await newTabContext(browser);
//   const page = await context.newPage();
//   await signInAs(page, stack.url, 'serviceLeader');        // the sign-in page, as a person would
//   const violations = await seriousA11yViolations(page);    // axe-core, WCAG 2.0/2.1 A and AA, serious and critical
//   await saveScreenshot(page, 'inbox', 'default');           // tests/browser/screenshots/inbox-default.png
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { type Browser, type BrowserContext, type Page, type Request, chromium } from 'playwright-core';
import { TAB_DIST } from '../../scripts/tab-build.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../browser/screenshots');

export type Theme = 'default' | 'dark' | 'contrast';
export const THEMES: readonly Theme[] = ['default', 'dark', 'contrast'];

/** How long a test waits for something the app should show (the API and the emulator are local; CI has two cores). */
export const UI_TIMEOUT_MS = 30_000;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: apt-get install -y chromium (.ci/run does it).`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * A private copy of the built tab (tab/dist, built by the test run's global setup) for one suite's app to serve:
 * `startAppStack({ tabDir })`. Runs that share a working tree rebuild tab/dist when the tab's sources change, and Vite
 * empties it first, which would pull the assets from under a page that is loading. The copy is kept only when tab/dist
 * was whole and unchanged from before the copy to after it (else it is taken again once the rebuild is done).
 */
export async function snapshotTab(): Promise<{ dir: string; remove(): Promise<void> }> {
  const index = join(TAB_DIST, 'index.html');
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const before = await stat(index).catch(() => null);
    if (before) {
      const dir = await mkdtemp(join(tmpdir(), 'varde-tab-'));
      const copied = await cp(TAB_DIST, dir, { recursive: true }).then(
        () => true,
        () => false,
      );
      const after = await stat(index).catch(() => null);
      if (copied && after?.mtimeMs === before.mtimeMs && (await referencesPresent(dir))) return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
      await rm(dir, { recursive: true, force: true });
    }
    // Someone is rebuilding the tab: there is no event to wait on in another process, so look again shortly.
    await delay(250);
  }
  throw new Error(`tab/dist did not stay whole long enough to copy it (${TAB_DIST})`);
}

/** Every file the copy's index.html loads is in the copy. */
async function referencesPresent(dir: string): Promise<boolean> {
  const html = await readFile(join(dir, 'index.html'), 'utf8').catch(() => '');
  const refs = [...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1] ?? '');
  if (!html || refs.length === 0) return false;
  const found = await Promise.all(refs.map((ref) => stat(join(dir, ref)).then(() => true, () => false)));
  return found.every(Boolean);
}

/** A context as a Norwegian user's browser: bokmål, Oslo time, a desktop window; the app's CSP stays on. */
export async function newTabContext(browser: Browser, options: { viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: 'light',
    // Downloads (the Excel export) are allowed; nothing else differs from a plain browser.
    acceptDownloads: true,
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(UI_TIMEOUT_MS);
  context.on('page', watchApi);
  return context;
}

/** Errors the page threw (uncaught exceptions), so a test can assert there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`${err.name}: ${err.message}`));
  return errors;
}

/** `/path?theme=…` (the tab keeps the theme for the browser tab's session; every page names it, so none inherits one). */
export function themed(path: string, theme: Theme): string {
  const url = new URL(path, 'http://app.invalid');
  url.searchParams.set('theme', theme);
  return `${url.pathname}${url.search}`;
}

/**
 * Signs in through the local sign-in page as a person would: open the app, press «Logg inn som …» for the persona, and
 * wait until the shell (the local banner with its sign-out button, the main menu) is there. The token lives in the
 * page's sessionStorage: every new page or context signs in again.
 */
export async function signInAs(page: Page, baseUrl: string, personaKey: string, theme: Theme = 'default'): Promise<void> {
  await page.goto(`${baseUrl}${themed('/inbox', theme)}`);
  const button = page.getByTestId(`sign-in-${personaKey}`);
  await button.click();
  await page.getByTestId('sign-out').waitFor();
  await page.getByTestId('nav-inbox').waitFor();
}

/**
 * Signs in as any person of the organisation (for someone who is not a demo persona, e.g. the leader of another unit):
 * the same POST /api/local/sign-in with `{ personId }` the tests' stack uses, made from the page, and the token kept
 * where the sign-in page keeps it (sessionStorage `varde.localSession`).
 */
export async function signInAsPerson(page: Page, baseUrl: string, personId: string, label: string, theme: Theme = 'default'): Promise<void> {
  await page.goto(`${baseUrl}${themed('/inbox', theme)}`);
  await page.getByTestId('local-banner').waitFor();
  const ok = await page.evaluate(
    async ({ personId, label }) => {
      const res = await fetch('/api/local/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId }) });
      if (res.status !== 200) return `${res.status} ${await res.text()}`;
      const body = (await res.json()) as { token: string; expiresAt: string };
      (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem(
        'varde.localSession',
        JSON.stringify({ token: body.token, expiresAt: body.expiresAt, persona: personId, label }),
      );
      return 'ok';
    },
    { personId, label },
  );
  if (ok !== 'ok') throw new Error(`local sign-in as ${personId} failed: ${ok}`);
  await page.reload();
  await page.getByTestId('sign-out').waitFor();
  await page.getByTestId('nav-inbox').waitFor();
}

// ---- when a test fails ----------------------------------------------------------------------------

interface ApiTraffic {
  /** The last 30 answers (or failures) to /api/ requests, with status and time taken. */
  lines: string[];
  /** /api/ requests sent and not answered yet, with when they were sent. */
  waiting: Map<Request, number>;
}

const watched = new WeakMap<Page, ApiTraffic>();

/**
 * Keeps the page's API traffic for a failing test's report (pages of `newTabContext` are watched from the start) and
 * returns its lines (the same array, kept up to date).
 */
export function watchApi(page: Page): string[] {
  const known = watched.get(page);
  if (known) return known.lines;
  const traffic: ApiTraffic = { lines: [], waiting: new Map() };
  watched.set(page, traffic);
  const isApi = (raw: string) => new URL(raw).pathname.startsWith('/api/');
  const label = (r: Request) => {
    const url = new URL(r.url());
    return `${r.method()} ${url.pathname}${url.search}`;
  };
  const keep = (r: Request, outcome: string) => {
    const sent = traffic.waiting.get(r);
    traffic.waiting.delete(r);
    traffic.lines.push(`${label(r)} ${outcome}${sent === undefined ? '' : ` in ${Date.now() - sent} ms`}`);
    if (traffic.lines.length > 30) traffic.lines.shift();
  };
  page.on('request', (r) => {
    if (isApi(r.url())) traffic.waiting.set(r, Date.now());
  });
  page.on('response', (r) => {
    if (isApi(r.url())) keep(r.request(), `→ ${r.status()}`);
  });
  page.on('requestfailed', (r) => {
    if (isApi(r.url())) keep(r, `failed: ${r.failure()?.errorText ?? 'unknown'}`);
  });
  return traffic.lines;
}

/**
 * What the page showed when a test failed: a screenshot (FAILED-<name>-<theme>.png), the address, its API traffic, and
 * its text. `apiLines`: what `watchApi` returned, for a page not opened through `newTabContext` (default: the page's own).
 */
export async function describeFailure(page: Page, name: string, theme: Theme = 'default', apiLines?: readonly string[]): Promise<string> {
  if (page.isClosed()) return `page ${page.url()} (closed)`;
  const shot = await saveScreenshot(page, `FAILED-${name.replace(/[^\w-]+/g, '-')}`, theme).catch((err: unknown) => `no screenshot (${String(err)})`);
  const text = await page
    .locator('body')
    .innerText({ timeout: 2000 })
    .catch(() => '(no text)');
  const traffic = watched.get(page);
  const lines = apiLines ?? traffic?.lines ?? [];
  const waiting = [...(traffic?.waiting ?? new Map<Request, number>()).entries()].map(([r, sent]) => `${r.method()} ${new URL(r.url()).pathname} for ${Date.now() - sent} ms`);
  return [
    `page ${page.url()}`,
    `screenshot ${shot}`,
    `API answers (last ${lines.length}): ${lines.join('; ') || 'none'}`,
    `API requests still waiting: ${waiting.join('; ') || 'none'}`,
    `text: ${text.replace(/\s+/g, ' ').slice(0, 1200)}`,
  ].join('\n');
}

/** describeFailure for every page still open in the browser (a test's pages, whichever it was using). */
export async function describeOpenPages(browser: Browser, name: string): Promise<string> {
  const pages = browser.contexts().flatMap((c) => c.pages());
  const parts = await Promise.all(pages.map((p, i) => describeFailure(p, `${name}-${i + 1}`)));
  return parts.map((part, i) => `--- open page ${i + 1} of ${pages.length}\n${part}`).join('\n') || 'no open pages';
}

// ---- axe-core ------------------------------------------------------------------------------------

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

let axeSource: Promise<string> | undefined;
function readAxe(): Promise<string> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * Runs axe-core on the page as it is now (WCAG 2.0 and 2.1, A and AA) and returns every violation. The tab's CSP
 * refuses injected <script> tags, so axe's source is evaluated through the DevTools protocol instead (which the CSP does
 * not govern); it is loaded once per document.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(await readAxe());
  const json = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] })
       .then((r) => JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
         nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })) }))))`,
  )) as string;
  return JSON.parse(json) as AxeViolation[];
}

export const isSerious = (v: AxeViolation) => v.impact === 'serious' || v.impact === 'critical';

/** The serious and critical violations only (what the issue forbids). */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  return (await axeViolations(page)).filter(isSerious);
}

/** Violations as lines a person can act on: id, impact, what it is, and the elements (CSS selectors). */
export function describeViolations(where: string, violations: readonly AxeViolation[]): string {
  if (violations.length === 0) return `${where}: no violations`;
  return [
    `${where}: ${violations.length} violation(s)`,
    ...violations.flatMap((v) => [`  ${v.id} (${v.impact}): ${v.help}`, ...v.nodes.slice(0, 10).map((n) => `    ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`)]),
  ].join('\n');
}

// ---- screenshots ---------------------------------------------------------------------------------

/** Saves a full-page screenshot as tests/browser/screenshots/<page>-<theme>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string, theme: Theme): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}-${theme}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  return path;
}

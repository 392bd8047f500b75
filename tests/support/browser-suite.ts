// What the browser test files share on top of browser.ts and app-stack.ts: waiting with the browser's patience, the
// demo's personas by key, dates as a date input takes them, the API answer a click causes, and one browser per person.
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { beforeEach, expect } from 'vitest';
import type { DemoPersona } from '../../src/demo/index.js';
import type { AppStack } from './app-stack.js';
import { type AxeViolation, UI_TIMEOUT_MS, collectPageErrors, describeFailure, describeViolations, newTabContext, seriousA11yViolations, watchApi } from './browser.js';

/** expect.poll with the browser's patience (its own default is one second). */
export const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: UI_TIMEOUT_MS });

/** The stack's demo persona with this key ('employee', 'unitLeader' …); a missing one fails the setup by name. */
export function personaOf(stack: AppStack, key: string): DemoPersona {
  const p = stack.personas.find((x) => x.key === key);
  if (!p) throw new Error(`no ${key} persona`);
  return p;
}

/** Today in Oslo plus `days`, as YYYY-MM-DD (what a date input takes). */
export function osloDate(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date(Date.now() + days * 86_400_000));
}

/** Waits until no Fluent spinner (role=progressbar) is left on the page. */
export async function settled(page: Page): Promise<void> {
  await poll(() => page.locator('[role="progressbar"]').count()).toBe(0);
}

/** The next answer to `method path` (under /api; a RegExp for paths with ids). */
export function apiResponse(page: Page, method: string, path: string | RegExp): Promise<Response> {
  return page.waitForResponse((r) => {
    const p = new URL(r.url()).pathname;
    return r.request().method() === method && (typeof path === 'string' ? p === path : path.test(p));
  });
}

/** Clicks and returns the answer to `method path` that the click caused (both awaited together: no stray waits). */
export async function clickFor(page: Page, target: Locator, method: string, path: string | RegExp): Promise<Response> {
  const [answer] = await Promise.all([apiResponse(page, method, path), target.click()]);
  return answer;
}

/** A small but real PDF (the server reads the type from the content, not the name), padded to at least `padTo` bytes. */
export function pdf(text: string, padTo = 0): Buffer {
  const body = `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n% ${text}\n${'%'.repeat(Math.max(0, padTo))}\ntrailer <</Root 1 0 R>>\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** One person's browser in a multi-person flow: its own context (own session), page errors and API trouble collected. */
export interface Actor {
  context: BrowserContext;
  page: Page;
  errors: string[];
  apiProblems: string[];
}

/** Opens an actor and adds it to `actors` (see reportActorsOnFailure). */
export async function openActor(browser: Browser, actors: Actor[], viewport?: { width: number; height: number }): Promise<Actor> {
  const context = await newTabContext(browser, viewport ? { viewport } : {});
  const page = await context.newPage();
  const actor = { context, page, errors: collectPageErrors(page), apiProblems: watchApi(page) };
  actors.push(actor);
  return actor;
}

/** Registers (call it at the file's top level) that a failing test says what each actor's page showed, as `<name>-<i>`. */
export function reportActorsOnFailure(actors: readonly Actor[], name: string): void {
  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      for (const [i, a] of actors.entries()) console.error(`${task.name} failed (browser ${i}):\n${await describeFailure(a.page, `${name}-${i}`, 'default', a.apiProblems)}`);
    });
  });
}

/** axe-core's serious and critical findings on the page at rest: spinners gone, nothing left hovered by the last click. */
export async function seriousViolationsAtRest(page: Page): Promise<AxeViolation[]> {
  await settled(page);
  await page.mouse.move(0, 0);
  return seriousA11yViolations(page);
}

/** Fails with axe-core's serious and critical findings on the page at rest, named by `where`. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(describeViolations(where, await seriousViolationsAtRest(page))).toBe(`${where}: no violations`);
}

// Quality committees (issue 9) in headless Chromium against the app as `npm start` composes it (the generated demo):
// the quality adviser opens KUL, links its leader channel with the channel picker (the bot learnt the team's channels
// from a signed conversationUpdate), plans a meeting, has the agenda proposed from the data, reorders it from the
// keyboard, edits and adds an item and attaches a document (a file over the limit refused in Norwegian); a kommunalsjef
// who sits in KUL sees no edit controls, gives input, and the server refuses her write; the kommunedirektør approves and
// the card's state shows; in the narrow side panel the adviser records decisions and a measure with owner and deadline,
// is told which items lack a decision, publishes the minutes and gets the .docx and PDF; the measure is on the action
// list. Every committee page is checked with axe-core in the default, dark and high-contrast themes and saved as a
// screenshot (tests/browser/screenshots/committees-<page>-<theme>.png).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DemoPersona } from '../../src/demo/index.js';
import type { MeetingDetail } from '../../src/server/api/contract.js';
import { LOCAL_APP } from '../../src/server/config.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';
import {
  type Actor,
  apiResponse,
  clickFor,
  openActor as openActorIn,
  osloDate,
  pdf,
  personaOf,
  poll,
  reportActorsOnFailure,
  seriousViolationsAtRest,
} from '../support/browser-suite.js';
import { THEMES, describeViolations, launchBrowser, saveScreenshot, signInAs, snapshotTab, themed } from '../support/browser.js';

vi.setConfig({ testTimeout: 120_000 });

const TEAM = '19:kommunedirektor-team@thread.tacv2';
const KUL_CHANNEL = '19:kul-ledere@thread.tacv2';
const KUL = 'committee-kul';

let stack: AppStack;
let browser: Browser;
/** The built tab as it was when this file started (see snapshotTab: others may rebuild tab/dist meanwhile). */
let tab: Awaited<ReturnType<typeof snapshotTab>>;
let adviser: DemoPersona;
let chief: DemoPersona;

const actors: Actor[] = [];
const openActor = (viewport?: { width: number; height: number }) => openActorIn(browser, actors, viewport);

/** The token the sign-in page keeps, to call the API from the page as that person. */
async function apiFromPage(page: Page, method: string, path: string, body: unknown): Promise<number> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const s = JSON.parse((globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('varde.localSession') ?? '{}') as { token?: string };
      const res = await fetch(path, { method, headers: { authorization: `Bearer ${s.token ?? ''}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return res.status;
    },
    { method, path, body },
  );
}

const items = (p: Page) => p.getByTestId('agenda-items').getByTestId('agenda-item');
const itemTitles = async (p: Page) => (await items(p).locator('h3').allInnerTexts()).map((s) => s.replace(/^[^:]+:\s*/, ''));

let adviserTab: Actor;
let meetingId = '';
let meetingPath = '';
const addedTitle = `Økonomirapport ${Date.now().toString(36)}`;
const measureTitle = `Felles fallforebygging ${Date.now().toString(36)}`;

beforeAll(async () => {
  tab = await snapshotTab();
  [stack, browser] = await Promise.all([
    startAppStack({
      tabDir: tab.dir,
      // 1 MB, so the test can show the Norwegian 413 without sending 25 MB.
      env: { VARDE_FILE_MAX_MB: '1' },
      connector: { teams: { [TEAM]: [{ id: TEAM }, { id: KUL_CHANNEL, name: 'KUL' }] } },
    }),
    launchBrowser(),
  ]);
  adviser = personaOf(stack, 'qualityAdviser');
  chief = personaOf(stack, 'chiefExecutive');
  // The bot is added to the kommunedirektør's team: it learns the team's channels (for the channel picker).
  const added = stack.bot.personalActivity(
    { aadObjectId: chief.personId, name: chief.name },
    {
      type: 'conversationUpdate',
      conversation: { id: TEAM, conversationType: 'channel', isGroup: true, tenantId: LOCAL_APP.tenantId },
      channelData: { tenant: { id: LOCAL_APP.tenantId }, team: { id: TEAM, name: 'Kommunedirektørens ledergruppe' }, channel: { id: TEAM }, eventType: 'teamMemberAdded' },
      membersAdded: [{ id: `28:${LOCAL_APP.clientId}` }],
    },
  );
  expect((await stack.bot.post(added)).status).toBe(200);
  const token = await stack.signIn('qualityAdviser');
  let known = false;
  for (let i = 0; i < 100 && !known; i++) {
    known = ((await (await stack.api(token, '/api/committee-channels')).json()) as { channelId: string }[]).some((c) => c.channelId === KUL_CHANNEL);
    if (!known) await new Promise((r) => setTimeout(r, 100));
  }
  if (!known) throw new Error('the bot did not learn the team’s channels');
  adviserTab = await openActor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await tab?.remove();
});

reportActorsOnFailure(actors, 'committees');

describe('agenda preparation', () => {
  it('the adviser opens «Utvalg»: KUL first; links its leader channel with the picker', async () => {
    const { page } = adviserTab;
    await signInAs(page, stack.url, 'qualityAdviser');
    await page.getByTestId('nav-committees').click();
    await page.getByTestId('committees-table').waitFor();
    expect(await page.getByTestId('committee-row').first().getAttribute('data-committee-id')).toBe(KUL);
    expect(await page.getByTestId('committee-row').first().getByTestId('committee-channel').innerText()).toBe('Ingen kanal');
    await page.getByTestId('committee-link').first().click();
    await page.waitForURL(`**/committees/${KUL}`);
    await page.getByTestId('committee-facts').waitFor();
    expect(await page.getByTestId('committee-members').innerText()).toContain(chief.name);
    await page.getByTestId('channel-select').selectOption(KUL_CHANNEL);
    const saved = await clickFor(page, page.getByTestId('channel-save'), 'PATCH', `/api/committees/${KUL}`);
    expect(saved.status()).toBe(200);
    await poll(() => page.getByTestId('committee-channel-state').getAttribute('data-linked')).toBe('true');
    expect(await page.getByTestId('committee-channel-state').innerText()).toContain('Koblet til Kommunedirektørens ledergruppe › KUL');
    // The rhythm: KUL meets monthly, three hours.
    await page.getByTestId('rhythm-frequency').selectOption('monthly');
    await page.getByTestId('rhythm-duration').fill('180');
    await page.getByTestId('rhythm-note').fill('Første tirsdag i måneden kl. 09–12');
    expect((await clickFor(page, page.getByTestId('rhythm-save'), 'PATCH', `/api/committees/${KUL}`)).status()).toBe(200);
    await poll(() => page.getByTestId('committee-facts').innerText()).toContain('Månedlig, 180 minutter. Første tirsdag i måneden kl. 09–12');
  });

  it('changes the members: a person is added as safety representative and saved; adding without a person is refused', async () => {
    const { page } = adviserTab;
    const safety = personaOf(stack, 'serviceLeader');
    await page.getByTestId('members-form').waitFor();
    await page.getByTestId('members-add').click();
    expect(await page.getByTestId('members-form').innerText()).toContain('Velg en person først.');
    const rows = await page.getByTestId('members-edit-row').count();
    await page.getByTestId('members-add-person').fill(safety.name.slice(0, 6));
    await page.getByTestId('members-add-person-option').filter({ hasText: safety.name }).first().click();
    await page.getByTestId('members-add-role').selectOption('safetyRepresentative');
    await page.getByTestId('members-add').click();
    await poll(() => page.getByTestId('members-edit-row').count()).toBe(rows + 1);
    const saved = await clickFor(page, page.getByTestId('members-save'), 'PATCH', `/api/committees/${KUL}`);
    expect(saved.status()).toBe(200);
    expect(((await saved.json()) as { members: { person: { id: string }; role: string }[] }).members).toContainEqual(expect.objectContaining({ person: expect.objectContaining({ id: safety.personId }), role: 'safetyRepresentative' }));
    await poll(() => page.getByTestId('committee-members').innerText()).toContain(`${safety.name} – Verneombud`);
    expect(await page.getByTestId('members-form').innerText()).toContain('Medlemmene er lagret.');
  });

  it('plans a meeting and has the agenda proposed from the data; again adds nothing', async () => {
    const { page } = adviserTab;
    await page.getByTestId('plan-date').fill(osloDate(7));
    await page.getByTestId('plan-time').fill('09:00');
    await page.getByTestId('plan-location').fill('Rådhuset');
    const created = await clickFor(page, page.getByTestId('plan-create'), 'POST', `/api/committees/${KUL}/meetings`);
    expect(created.status()).toBe(201);
    meetingId = ((await created.json()) as MeetingDetail).id;
    meetingPath = `/committees/meetings/${encodeURIComponent(meetingId)}`;
    await page.waitForURL(`**${meetingPath}`);
    await page.getByTestId('agenda-empty').waitFor();
    // The proposal reads indexes that may still be loading (503): the page says so and a second press works.
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await clickFor(page, page.getByTestId('agenda-propose'), 'POST', /\/agenda\/propose$/)).status();
      if (status !== 200) await page.waitForTimeout(1000);
    }
    expect(status).toBe(200);
    await poll(() => items(page).count()).toBeGreaterThan(2);
    expect(await page.getByTestId('cmt-notice').innerText()).toMatch(/Forslaget la til \d+ saker/);
    const kinds = await items(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toContain('standing');
    const count = kinds.length;
    expect((await clickFor(page, page.getByTestId('agenda-propose'), 'POST', /\/agenda\/propose$/)).status()).toBe(200);
    await page.getByText('Ingen nye saker siden sist', { exact: false }).waitFor();
    expect(await items(page).count()).toBe(count);
  });

  it('places a proposal sent after the draft on the agenda by hand', async () => {
    const { page } = adviserTab;
    const title = `Innspill fra verneombudet ${Date.now().toString(36)}`;
    const sent = await stack.api(await stack.signIn('qualityAdviser'), `/api/committees/${KUL}/proposals`, { method: 'POST', json: { title, description: 'Sykefraværet i hjemmetjenesten.' } });
    expect(sent.status).toBe(201);
    await page.reload();
    const waiting = page.getByTestId('waiting-proposal').filter({ hasText: title });
    await waiting.waitFor();
    const serious = await seriousViolationsAtRest(page);
    expect(serious, describeViolations('waiting proposals', serious)).toEqual([]);
    const count = await items(page).count();
    expect((await clickFor(page, waiting.getByTestId('place-proposal'), 'POST', /\/agenda\/items$/)).status()).toBe(201);
    await poll(() => items(page).count()).toBe(count + 1);
    expect(await itemTitles(page)).toContain(title);
    await poll(() => page.getByTestId('waiting-proposal').filter({ hasText: title }).count()).toBe(0);
  });

  it('reorders from the keyboard (Flytt opp/ned), the focus staying on the moved item', async () => {
    const { page } = adviserTab;
    const before = await itemTitles(page);
    const second = items(page).nth(1);
    const secondId = await second.getAttribute('data-item-id');
    await second.getByTestId('item-up').focus();
    const [moved] = await Promise.all([apiResponse(page, 'PUT', /\/agenda\/order$/), page.keyboard.press('Enter')]);
    expect(moved.status()).toBe(200);
    await poll(() => items(page).first().getAttribute('data-item-id')).toBe(secondId);
    expect(await itemTitles(page)).toEqual([before[1], before[0], ...before.slice(2)]);
    // At the top «Flytt opp» is disabled: the keyboard is on «Flytt ned» of the same item.
    await poll(() => page.evaluate<(string | null)[]>('[document.activeElement?.getAttribute("data-move") ?? null, document.activeElement?.getAttribute("data-item-id") ?? null]')).toEqual(['down', secondId]);
    const [back] = await Promise.all([apiResponse(page, 'PUT', /\/agenda\/order$/), page.keyboard.press('Enter')]);
    expect(back.status()).toBe(200);
    await poll(() => itemTitles(page)).toEqual(before);
  });

  it('edits an item (title, duration), adds one and attaches a document; a file over the limit is refused in Norwegian', async () => {
    const { page } = adviserTab;
    const first = items(page).first();
    await first.getByTestId('item-edit').click();
    const editor = first.getByTestId('item-editor');
    await editor.getByTestId('edit-title').fill('Kvalitetsindikatorer – mars');
    await editor.getByTestId('edit-duration').fill('25');
    expect((await clickFor(page, editor.getByTestId('edit-save'), 'PATCH', /\/agenda\/items\/[^/]+$/)).status()).toBe(200);
    await poll(() => items(page).first().locator('h3').innerText()).toContain('Kvalitetsindikatorer – mars');
    expect(await items(page).first().getByTestId('item-duration').innerText()).toBe('25 min');

    // Someone else saves the same item meanwhile: the adviser's next save is refused (409), the notice shows their
    // version, nothing is overwritten, and «Last inn på nytt» brings it in.
    const token = await stack.signIn('qualityAdviser');
    const current = (await (await stack.api(token, `/api/meetings/${encodeURIComponent(meetingId)}`)).json()) as MeetingDetail;
    const theirs = current.items[0];
    const changed = await stack.api(token, `/api/meetings/${encodeURIComponent(meetingId)}/agenda/items/${encodeURIComponent(theirs?.id ?? '')}`, { method: 'PATCH', json: { etag: theirs?.etag, title: 'Kvalitetsindikatorer – endret av en annen' } });
    expect(changed.status).toBe(200);
    await items(page).first().getByTestId('item-edit').click();
    await items(page).first().getByTestId('edit-duration').fill('30');
    expect((await clickFor(page, items(page).first().getByTestId('edit-save'), 'PATCH', /\/agenda\/items\/[^/]+$/)).status()).toBe(409);
    await page.getByTestId('cmt-conflict').waitFor();
    expect(await page.getByTestId('cmt-conflict-current').innerText()).toContain('Kvalitetsindikatorer – endret av en annen');
    expect(await items(page).first().locator('h3').innerText()).toContain('Kvalitetsindikatorer – mars');
    await saveScreenshot(page, 'committees-conflict', 'default');
    await page.getByTestId('cmt-conflict-reload').click();
    await poll(() => items(page).first().locator('h3').innerText()).toContain('endret av en annen');
    expect(await items(page).first().getByTestId('item-duration').innerText()).toBe('25 min');
    expect(await items(page).first().getByTestId('edit-title').inputValue()).toBe('Kvalitetsindikatorer – endret av en annen');
    await items(page).first().getByTestId('item-edit').click();

    await page.getByTestId('add-title').fill(addedTitle);
    await page.getByTestId('add-duration').fill('15');
    expect((await clickFor(page, page.getByTestId('add-save'), 'POST', /\/agenda\/items$/)).status()).toBe(201);
    await poll(() => itemTitles(page).then((t) => t.at(-1))).toBe(addedTitle);

    const added = items(page).last();
    await added.getByTestId('item-file').setInputFiles({ name: 'For stor.pdf', mimeType: 'application/pdf', buffer: pdf('stor', 1_200_000) });
    expect((await clickFor(page, added.getByTestId('item-upload'), 'POST', /\/documents$/)).status()).toBe(413);
    expect(await page.getByTestId('cmt-error').innerText()).toContain('Filen er for stor. Største tillatte størrelse er 1 MB.');
    await added.getByTestId('item-file').setInputFiles({ name: 'Prognose mars.pdf', mimeType: 'application/pdf', buffer: pdf('prognose') });
    expect((await clickFor(page, added.getByTestId('item-upload'), 'POST', /\/documents$/)).status()).toBe(201);
    await poll(() => items(page).last().getByTestId('item-document').count()).toBe(1);
    expect(await items(page).last().getByTestId('item-document').innerText()).toContain('Prognose mars.pdf');
    // Only the leader approves: the adviser is told why there is no button.
    expect(await page.getByTestId('agenda-cannot-approve').innerText()).toContain('Bare utvalgets leder');
    expect(await page.getByTestId('agenda-approve').count()).toBe(0);
    await saveScreenshot(page, 'committees-agenda-prepared', 'default');
  });

  it('a kommunalsjef in KUL sees no edit controls, may give input, and the server refuses her write', async () => {
    const { page } = await openActor();
    await signInAs(page, stack.url, 'sectorHead');
    await page.goto(`${stack.url}${meetingPath}`);
    await page.getByTestId('agenda-read-only').waitFor();
    await poll(() => items(page).count()).toBeGreaterThan(2);
    for (const control of ['item-up', 'item-down', 'item-edit', 'item-withdraw', 'item-upload', 'agenda-propose', 'add-save']) expect(await page.getByTestId(control).count(), control).toBe(0);
    expect(await page.getByTestId('agenda-cannot-approve').count()).toBe(1);
    const target = items(page).last();
    await target.getByTestId('input-open').click();
    await target.getByTestId('input-text').fill('Ta med prognosen for april.');
    expect((await clickFor(page, target.getByTestId('input-send'), 'POST', /\/inputs$/)).status()).toBe(201);
    await poll(() => items(page).last().getByTestId('item-inputs').innerText()).toContain('Ta med prognosen for april.');
    const meeting = (await (await stack.api(await stack.signIn('sectorHead'), `/api/meetings/${encodeURIComponent(meetingId)}`)).json()) as MeetingDetail;
    const item = meeting.items[0];
    expect(await apiFromPage(page, 'PATCH', `/api/meetings/${encodeURIComponent(meetingId)}/agenda/items/${encodeURIComponent(item?.id ?? '')}`, { etag: item?.etag, title: 'Ikke min' })).toBe(403);
  });

  it('the kommunedirektør approves; the card goes to the leader channel and its state shows', async () => {
    const { page } = await openActor();
    await signInAs(page, stack.url, 'chiefExecutive');
    await page.goto(`${stack.url}${meetingPath}`);
    const since = stack.connector.activities.length;
    expect((await clickFor(page, page.getByTestId('agenda-approve'), 'POST', /\/agenda\/approve$/)).status()).toBe(200);
    await page.getByTestId('agenda-approved').waitFor();
    expect(await page.getByTestId('agenda-approved').innerText()).toContain(chief.name);
    await poll(() => page.getByTestId('card-agenda').getAttribute('data-state')).toBe('posted');
    expect(await page.getByTestId('card-agenda').innerText()).toContain('Sendt');
    expect(stack.connector.activities.slice(since).filter((a) => a.conversationId === KUL_CHANNEL)).toHaveLength(1);
    // Numbered now: «Sak n/yy».
    expect(await items(page).first().locator('h3').innerText()).toMatch(/^Sak \d+\/\d{2}: /);
    await saveScreenshot(page, 'committees-agenda-approved', 'default');
  });
});

describe('in the meeting: the side panel', () => {
  let panel: Actor;

  it('in a Teams meeting the config page links the meeting chat; the side panel then finds the meeting from it', async () => {
    const { page } = adviserTab;
    const chat = '19:meeting_S1VMLXRlc3Q@thread.v2';
    // Outside Teams `?chatId=` stands in for the meeting context the config page reads inside Teams.
    await page.goto(`${stack.url}/config?chatId=${encodeURIComponent(chat)}`);
    await page.getByTestId('config-committee').selectOption(KUL);
    await page.getByTestId('config-meeting-select').selectOption(meetingId);
    expect((await clickFor(page, page.getByTestId('config-link-meeting'), 'PATCH', `/api/meetings/${meetingId}`)).status()).toBe(200);
    await page.getByTestId('config-meeting-ready').waitFor();
    const found = await stack.api(await stack.signIn('chiefExecutive'), `/api/meetings/for-teams?chatId=${encodeURIComponent(chat)}`);
    expect(found.status).toBe(200);
    expect(((await found.json()) as MeetingDetail).id).toBe(meetingId);
    // The content URL the config page saves opens the side panel for the meeting.
    await page.goto(`${stack.url}/committees/in-meeting?meetingId=${encodeURIComponent(meetingId)}`);
    await page.getByTestId('meeting-panel').waitFor();
  });

  it('records a decision and a measure with owner and deadline', async () => {
    panel = await openActor({ width: 320, height: 900 });
    const { page } = panel;
    await signInAs(page, stack.url, 'qualityAdviser');
    await page.goto(`${stack.url}${meetingPath}/panel`);
    await page.getByTestId('meeting-panel').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    const first = page.getByTestId('panel-item').first();
    await first.getByTestId('decision-text').fill('Utvalget ber om felles tiltak mot fall.');
    expect((await clickFor(page, first.getByTestId('decision-save'), 'PUT', /\/decision$/)).status()).toBe(200);
    await poll(() => page.getByTestId('panel-item').first().getAttribute('data-status')).toBe('handled');
    expect(await page.getByTestId('panel-item').first().getByTestId('panel-decision').innerText()).toContain('Utvalget ber om felles tiltak mot fall.');

    const item = page.getByTestId('panel-item').first();
    const form = `measure-${await item.getAttribute('data-item-id')}`;
    await item.getByTestId('measure-open').click();
    await item.getByTestId(`${form}-title`).fill(measureTitle);
    await item.getByTestId(`${form}-owner`).fill(adviser.name.slice(0, 5));
    await page.getByTestId(`${form}-owner-option`).filter({ hasText: adviser.name }).first().click();
    await item.getByTestId(`${form}-deadline`).fill(osloDate(30));
    expect((await clickFor(page, item.getByTestId(`${form}-add`), 'POST', /\/measures$/)).status()).toBe(201);
    await poll(() => page.getByTestId('panel-item').first().getByTestId('panel-measures').innerText()).toContain(measureTitle);
    expect(await page.getByTestId('panel-item').first().getByTestId('panel-measures').innerText()).toContain(adviser.name);
  });

  it('names the items without a decision, and refuses the minutes until each is resolved', async () => {
    const { page } = panel;
    await page.getByTestId('minutes-waiting').waitFor();
    const waiting = await page.getByTestId('minutes-waiting').locator('li').count();
    expect(waiting).toBe((await page.getByTestId('panel-item').count()) - 1);
    expect((await clickFor(page, page.getByTestId('minutes-publish'), 'POST', /\/minutes$/)).status()).toBe(409);
    expect(await page.getByTestId('cmt-error').getAttribute('data-error-code')).toBe('invalidState');
    expect(await page.getByTestId('cmt-error').locator('li').count()).toBe(waiting);
  });

  it('decides, postpones and withdraws the rest, publishes the minutes and links the .docx and PDF', async () => {
    const { page } = panel;
    const total = await page.getByTestId('panel-item').count();
    for (let i = 1; i < total; i++) {
      const item = page.getByTestId('panel-item').nth(i);
      const outcome = i === total - 1 ? 'withdrawn' : i === total - 2 ? 'postponed' : 'decided';
      if (outcome !== 'decided') await item.getByTestId('decision-outcome').locator(`input[value="${outcome}"]`).check();
      if (outcome !== 'withdrawn') await item.getByTestId('decision-text').fill(outcome === 'postponed' ? 'Utsatt til neste møte.' : 'Tatt til orientering.');
      const answer = await clickFor(page, item.getByTestId('decision-save'), outcome === 'withdrawn' ? 'PATCH' : 'PUT', outcome === 'withdrawn' ? /\/agenda\/items\/[^/]+$/ : /\/decision$/);
      expect(answer.status()).toBe(200);
      await page.getByTestId('cmt-notice').waitFor();
    }
    await poll(() => page.getByTestId('minutes-waiting').count()).toBe(0);
    const published = await clickFor(page, page.getByTestId('minutes-publish'), 'POST', /\/minutes$/);
    expect(published.status()).toBe(200);
    await page.getByTestId('minutes-published').waitFor();
    const docx = await page.getByTestId('minutes-docx').getAttribute('data-url');
    const pdfUrl = await page.getByTestId('minutes-pdf').getAttribute('data-url');
    const token = await stack.signIn('qualityAdviser');
    const docxBody = new Uint8Array(await (await stack.api(token, docx ?? '')).arrayBuffer());
    expect([...docxBody.slice(0, 2)]).toEqual([0x50, 0x4b]);
    expect(new TextDecoder().decode(new Uint8Array(await (await stack.api(token, pdfUrl ?? '')).arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    await poll(() => page.getByTestId('card-minutes').getAttribute('data-state')).toBe('posted');
    await saveScreenshot(page, 'committees-panel-published', 'default');
  });

  it('the measure is on the action list', async () => {
    const { page } = adviserTab;
    await page.goto(`${stack.url}/actions?source=meetingDecision`);
    await page.getByText(measureTitle).first().waitFor();
  });
});

describe('accessibility', () => {
  const targets = [
    { name: 'list', path: () => '/committees', ready: (p: Page) => p.getByTestId('committees-table').waitFor(), narrow: false },
    { name: 'committee', path: () => `/committees/${KUL}`, ready: (p: Page) => p.getByTestId('committee-facts').waitFor(), narrow: false },
    { name: 'agenda', path: () => meetingPath, ready: (p: Page) => p.getByTestId('agenda-items').waitFor(), narrow: false },
    { name: 'panel', path: () => `${meetingPath}/panel`, ready: (p: Page) => p.getByTestId('meeting-panel').waitFor(), narrow: true },
    { name: 'stage', path: () => `${meetingPath}/stage`, ready: (p: Page) => p.getByTestId('meeting-stage').waitFor(), narrow: false },
  ];
  for (const theme of THEMES) {
    it(`every committee page in the ${theme} theme: no serious or critical violations`, async () => {
      const wide = adviserTab.page;
      const narrow = actors.find((a) => a.page.viewportSize()?.width === 320)?.page ?? wide;
      const problems: string[] = [];
      for (const target of targets) {
        const page = target.narrow ? narrow : wide;
        await page.goto(`${stack.url}${themed(target.path(), theme)}`);
        await target.ready(page);
        const serious = await seriousViolationsAtRest(page);
        await saveScreenshot(page, `committees-${target.name}`, theme);
        if (serious.length > 0) problems.push(describeViolations(`${target.name} (${theme})`, serious));
      }
      expect(problems).toEqual([]);
    });
  }

  it('threw no error in any page', () => {
    expect(actors.flatMap((a) => a.errors)).toEqual([]);
  });
});

// Conformance: a library with major and minor versions (SharePoint's "Create major and minor (draft) versions"): uploads
// are drafts numbered 0.1, 0.2, 1.1 …; check-out then check-in as published makes the newest draft the next major
// (0.2 → 1.0), keeping the history before it; each version's content stays readable. Graph v1.0 cannot turn the
// setting on (a site owner does); the emulator's control /_emulator/libraries/versioning stands in for that.
// https://learn.microsoft.com/graph/api/driveitem-checkin
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { body, download, errorCode, newLibrary, upload } from './drive-support.js';

let em: TestEmulator;

beforeAll(async () => {
  em = await startTestEmulator();
});

afterAll(async () => {
  await em.close();
});

const control = (json: unknown) => fetch(`${em.url}/_emulator/libraries/versioning`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
const versions = async (item: string) => (await body<{ value: { id: string; size: number }[] }>(await em.graph(`${item}/versions`))).value.map((v) => v.id);
const post = (path: string, json?: unknown) => em.graph(path, { method: 'POST', ...(json === undefined ? {} : { json }) });

async function minorLibrary() {
  const lib = await newLibrary(em);
  expect((await control({ site: lib.siteId, list: lib.listId, minorVersions: true })).status).toBe(200);
  return lib;
}

describe('major and minor versions', () => {
  it('uploads are drafts: 0.1, 0.2; publishing makes 1.0; the next upload is 1.1 and the next publish 2.0', async () => {
    const lib = await minorLibrary();
    const file = await upload(em, lib.drive, 'root:/Rutine.docx:', 'a'.repeat(10));
    const item = `${lib.drive}/items/${file.id}`;
    await upload(em, lib.drive, `items/${file.id}`, 'b'.repeat(20), 200);
    expect(await versions(item)).toEqual(['0.2', '0.1']);

    expect((await post(`${item}/checkout`)).status).toBe(204);
    expect((await post(`${item}/checkin`, { checkInAs: 'published', comment: 'Godkjent' })).status).toBe(204);
    expect(await versions(item)).toEqual(['1.0', '0.1']);

    await upload(em, lib.drive, `items/${file.id}`, 'c'.repeat(30), 200);
    expect(await versions(item)).toEqual(['1.1', '1.0', '0.1']);
    await post(`${item}/checkout`);
    await post(`${item}/checkin`, { checkInAs: 'published' });
    expect(await versions(item)).toEqual(['2.0', '1.0', '0.1']);
    // Every version keeps its content, addressed by its label.
    expect((await download(em, `${item}/versions/1.0/content`)).toString()).toBe('b'.repeat(20));
    expect((await download(em, `${item}/versions/0.1/content`)).toString()).toBe('a'.repeat(10));
    expect(await errorCode(await em.graph(`${item}/versions/0.2`))).toBe('itemNotFound');
  });

  it('check-in needs a check-out; check-in without publishing keeps a draft a draft', async () => {
    const lib = await minorLibrary();
    const file = await upload(em, lib.drive, 'root:/Utkast.docx:', 'x');
    const item = `${lib.drive}/items/${file.id}`;
    const refused = await post(`${item}/checkin`, { checkInAs: 'published' });
    expect(refused.status).toBe(400);
    expect(await errorCode(refused)).toBe('invalidRequest');
    await post(`${item}/checkout`);
    expect((await post(`${item}/checkin`, { checkInAs: 'unspecified' })).status).toBe(204);
    expect(await versions(item)).toEqual(['0.1']);
    await post(`${item}/checkout`);
    expect(await errorCode(await post(`${item}/checkin`, { checkInAs: 'major' }))).toBe('invalidRequest');
  });

  it('a library with major versions only numbers every upload n.0, and publishing changes nothing', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/Plan.pdf:', 'p');
    const item = `${lib.drive}/items/${file.id}`;
    await post(`${item}/checkout`);
    await post(`${item}/checkin`, { checkInAs: 'published' });
    await upload(em, lib.drive, `items/${file.id}`, 'q', 200);
    expect(await versions(item)).toEqual(['2.0', '1.0']);
  });

  it('the control refuses a list that is not a library', async () => {
    const siteId = await em.newSite();
    const list = await body<{ id: string }>(await em.graph(`/sites/${siteId}/lists`, { method: 'POST', json: { displayName: 'Liste', list: { template: 'genericList' } } }));
    expect((await control({ site: siteId, list: list.id, minorVersions: true })).status).toBe(400);
  });
});

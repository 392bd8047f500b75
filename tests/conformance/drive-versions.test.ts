// Conformance: a file's versions — listed newest first with ids 1.0, 2.0, …, one version, its content, and restoreVersion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { examplesPresent, loadExamples } from './examples/catalog.js';
import { compareShape } from './examples/shape.js';
import { type DriveItemJson, body, download, errorCode, newFolder, newLibrary, upload } from './drive-support.js';

let em: TestEmulator;

beforeAll(async () => {
  em = await startTestEmulator();
});

afterAll(async () => {
  await em.close();
});

interface VersionJson {
  id: string;
  size: number;
  lastModifiedDateTime: string;
  lastModifiedBy: { user: { displayName: string }; application: { id: string } };
}

/** A file uploaded three times: 16, 62 and 123 bytes, as in Microsoft's example. */
async function threeVersions() {
  const lib = await newLibrary(em);
  const file = await upload(em, lib.drive, 'root:/Rapport.docx:', 'a'.repeat(16));
  await upload(em, lib.drive, `items/${file.id}`, 'b'.repeat(62), 200);
  await upload(em, lib.drive, `items/${file.id}`, 'c'.repeat(123), 200);
  return { lib, file, item: `${lib.drive}/items/${file.id}` };
}

describe('versions', () => {
  it('each upload makes a version; they are listed newest first with ids 1.0, 2.0, …, size and lastModifiedBy', async () => {
    const { item } = await threeVersions();
    const res = await em.graph(`${item}/versions`);
    expect(res.status).toBe(200);
    const versions = await body<{ value: VersionJson[] }>(res);
    expect(versions.value.map((v) => [v.id, v.size])).toEqual([['3.0', 123], ['2.0', 62], ['1.0', 16]]);
    for (const v of versions.value) {
      expect(v.lastModifiedDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(v.lastModifiedBy.user.displayName).toBeTypeOf('string');
    }
  });

  it.runIf(examplesPresent())('the versions list has the shape of Microsoft example #16', async () => {
    const { item } = await threeVersions();
    const example = loadExamples()[16]?.response?.body;
    expect(compareShape(example, await body(await em.graph(`${item}/versions`)), { exact: false, appOnly: true })).toEqual([]);
  });

  it('GET …/versions/{id} answers one version', async () => {
    const { item } = await threeVersions();
    const v = await body<VersionJson>(await em.graph(`${item}/versions/2.0`));
    expect(v).toMatchObject({ id: '2.0', size: 62 });
  });

  it("GET …/versions/{id}/content answers 302 to that version's bytes", async () => {
    const { item } = await threeVersions();
    expect((await download(em, `${item}/versions/1.0/content`)).toString()).toBe('a'.repeat(16));
  });

  it('POST …/restoreVersion answers 204 and makes the old content the newest version', async () => {
    const { item } = await threeVersions();
    const res = await em.graph(`${item}/versions/1.0/restoreVersion`, { method: 'POST' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    const versions = await body<{ value: VersionJson[] }>(await em.graph(`${item}/versions`));
    expect(versions.value.map((v) => [v.id, v.size])).toEqual([['4.0', 16], ['3.0', 123], ['2.0', 62], ['1.0', 16]]);
    expect((await download(em, `${item}/content`)).toString()).toBe('a'.repeat(16));
    expect((await body<DriveItemJson>(await em.graph(item))).size).toBe(16);
  });

  it('versions are addressed by path too', async () => {
    const { lib } = await threeVersions();
    const res = await em.graph(`${lib.drive}/root:/Rapport.docx:/versions/3.0`);
    expect(res.status).toBe(200);
  });

  it('an unknown version answers 404 itemNotFound', async () => {
    const { item } = await threeVersions();
    for (const id of ['9.0', 'current', '1.5']) {
      const res = await em.graph(`${item}/versions/${id}`);
      expect(res.status, id).toBe(404);
      expect(await errorCode(res)).toBe('itemNotFound');
    }
  });

  it('a folder has no versions: 400', async () => {
    const lib = await newLibrary(em);
    const folder = await body<DriveItemJson>(await newFolder(em, lib.drive, 'root', 'F'));
    expect((await em.graph(`${lib.drive}/items/${folder.id}/versions`)).status).toBe(400);
  });

  it('renaming keeps the version history', async () => {
    const { item } = await threeVersions();
    await em.graph(item, { method: 'PATCH', json: { name: 'Omdøpt.docx' } });
    const versions = await body<{ value: VersionJson[] }>(await em.graph(`${item}/versions`));
    expect(versions.value).toHaveLength(3);
  });
});

// Conformance: listing a folder's children (name order, pages of 200, $top, $skiptoken, $expand) and creating folders (conflicts, forbidden names, "..").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { type DriveItemJson, body, errorCode, newFolder, newLibrary, upload } from './drive-support.js';

let em: TestEmulator;

beforeAll(async () => {
  em = await startTestEmulator();
});

afterAll(async () => {
  await em.close();
});

describe('children', () => {
  it('children come in name order, 200 to a page, with an @odata.nextLink carrying $skiptoken', async () => {
    const lib = await newLibrary(em);
    for (let i = 0; i < 201; i++) expect((await newFolder(em, lib.drive, 'root', `F${String(i).padStart(3, '0')}`)).status).toBe(201);
    const first = await body<{ value: DriveItemJson[]; '@odata.nextLink'?: string }>(await em.graph(`${lib.drive}/root/children`));
    expect(first.value).toHaveLength(200);
    expect(first.value[0]?.name).toBe('F000');
    expect(first['@odata.nextLink']).toContain('$skiptoken=');
    const second = await body<{ value: DriveItemJson[]; '@odata.nextLink'?: string }>(await em.graph(first['@odata.nextLink'] ?? ''));
    expect(second.value.map((c) => c.name)).toEqual(['F200']);
    expect(second['@odata.nextLink']).toBeUndefined();
  });

  it('$top sets the page size and each nextLink continues where the last page ended', async () => {
    const lib = await newLibrary(em);
    for (const name of ['e.txt', 'b.txt', 'D.txt', 'a.txt', 'c.txt']) await upload(em, lib.drive, `root:/Mappe/${name}:`, name);
    const names: string[] = [];
    let pages = 0;
    type Page = { value: DriveItemJson[]; '@odata.nextLink'?: string };
    for (let next: string | undefined = `${lib.drive}/root:/Mappe:/children?$top=2`; next; pages++) {
      const page: Page = await body<Page>(await em.graph(next));
      names.push(...page.value.map((c) => c.name));
      next = page['@odata.nextLink'];
    }
    expect(pages).toBe(3);
    expect(names).toEqual(['a.txt', 'b.txt', 'c.txt', 'D.txt', 'e.txt']);
  });

  it('a $skiptoken that the emulator did not issue answers 400 invalidRequest', async () => {
    const lib = await newLibrary(em);
    const res = await em.graph(`${lib.drive}/root/children?$skiptoken=garbage`);
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('invalidRequest');
  });

  it('$expand=children on an item includes its children', async () => {
    const lib = await newLibrary(em);
    await upload(em, lib.drive, 'root:/F/a.txt:', 'a');
    const folder = await body<DriveItemJson>(await em.graph(`${lib.drive}/root:/F?$expand=children`));
    expect(folder.children?.map((c) => c.name)).toEqual(['a.txt']);
  });
});

describe('folders', () => {
  it('POST …/children with a folder facet answers 201 with the new folder', async () => {
    const lib = await newLibrary(em);
    const res = await newFolder(em, lib.drive, 'root', 'Avvik 2026');
    expect(res.status).toBe(201);
    const folder = await body<DriveItemJson>(res);
    expect(folder.name).toBe('Avvik 2026');
    expect(folder.folder).toEqual({ childCount: 0 });
    expect(folder.webUrl).toMatch(/\/Avvik%202026$/);
  });

  it('a taken name answers 409 nameAlreadyExists (conflictBehavior fail is the default)', async () => {
    const lib = await newLibrary(em);
    await newFolder(em, lib.drive, 'root', 'F');
    const res = await newFolder(em, lib.drive, 'root', 'f');
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe('nameAlreadyExists');
  });

  it('conflictBehavior rename picks a free name; replace replaces the item that had it', async () => {
    const lib = await newLibrary(em);
    const first = await body<DriveItemJson>(await newFolder(em, lib.drive, 'root', 'F'));
    await upload(em, lib.drive, 'root:/F/inside.txt:', 'x');
    const renamed = await body<DriveItemJson>(await newFolder(em, lib.drive, 'root', 'F', { '@microsoft.graph.conflictBehavior': 'rename' }));
    expect(renamed.name).toBe('F 1');
    const replaced = await newFolder(em, lib.drive, 'root', 'F', { '@microsoft.graph.conflictBehavior': 'replace' });
    expect(replaced.status).toBe(201);
    expect((await body<DriveItemJson>(replaced)).id).not.toBe(first.id);
    expect((await em.graph(`${lib.drive}/items/${first.id}`)).status).toBe(404);
    expect((await em.graph(`${lib.drive}/root:/F/inside.txt`)).status).toBe(404);
  });

  it('POST …/children without a folder facet answers 400 invalidRequest', async () => {
    const lib = await newLibrary(em);
    const res = await em.graph(`${lib.drive}/root/children`, { method: 'POST', json: { name: 'a.txt', file: {} } });
    expect(res.status).toBe(400);
  });

  it('names with characters SharePoint forbids (" * : < > ? / \\ |), reserved names and edge spaces answer 400 invalidRequest', async () => {
    const lib = await newLibrary(em);
    for (const name of ['a"b', 'a*b', 'a:b', 'a<b', 'a>b', 'a?b', 'a/b', 'a\\b', 'a|b', 'CON', '~$lock.docx', ' lead', 'trail ', '']) {
      const res = await newFolder(em, lib.drive, 'root', name);
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(await errorCode(res)).toBe('invalidRequest');
    }
    const children = await body<{ value: unknown[] }>(await em.graph(`${lib.drive}/root/children`));
    expect(children.value).toEqual([]);
  });

  it("'..' and '.' are refused as names and as path segments, so a path cannot climb out of its folder", async () => {
    const lib = await newLibrary(em);
    await upload(em, lib.drive, 'root:/A/keep.txt:', 'keep');
    for (const name of ['..', '.']) expect((await newFolder(em, lib.drive, 'root', name)).status).toBe(400);
    // fetch would collapse a literal '/../'; an encoded slash keeps it in one segment that the emulator decodes.
    const climb = await em.graph(`${lib.drive}/root:/A/..%2F..%2Fescaped.txt:/content`, { method: 'PUT', body: 'x' });
    expect(climb.status).toBe(400);
    expect(await errorCode(climb)).toBe('invalidRequest');
    const rename = await em.graph(`${lib.drive}/root:/A/keep.txt`, { method: 'PATCH', json: { name: '..' } });
    expect(rename.status).toBe(400);
    const root = await body<{ value: DriveItemJson[] }>(await em.graph(`${lib.drive}/root/children`));
    expect(root.value.map((c) => c.name)).toEqual(['A']);
  });
});

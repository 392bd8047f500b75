// Conformance: a library's files are list items of its list — FileLeafRef, metadata columns through …/fields, listItem on the driveItem and back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { type DriveItemJson, type Json, body, newFolder, newLibrary, upload } from './drive-support.js';

let em: TestEmulator;

beforeAll(async () => {
  em = await startTestEmulator();
});

afterAll(async () => {
  await em.close();
});

const COLUMNS = [
  { name: 'Dokumenttype', choice: { choices: ['Rutine', 'Prosedyre', 'Skjema'] } },
  { name: 'Revisjon', number: {} },
];

interface ListItemJson {
  id: string;
  eTag: string;
  fields?: Json;
  contentType: { name: string };
}

describe('library metadata', () => {
  it('an uploaded file is a list item of its library, FileLeafRef being its name', async () => {
    const lib = await newLibrary(em, COLUMNS);
    await upload(em, lib.drive, 'root:/Hygienerutine.docx:', 'x');
    const items = await body<{ value: ListItemJson[] }>(await em.graph(`/sites/${lib.siteId}/lists/${lib.listId}/items?expand=fields`));
    expect(items.value.map((i) => i.fields?.FileLeafRef)).toEqual(['Hygienerutine.docx']);
  });

  it('GET …/items/{id}/listItem?expand=fields (or $expand=fields) answers the list item with its fields', async () => {
    const lib = await newLibrary(em, COLUMNS);
    const file = await upload(em, lib.drive, 'root:/a.docx:', 'x');
    for (const query of ['expand=fields', '$expand=fields']) {
      const res = await em.graph(`${lib.drive}/items/${file.id}/listItem?${query}`);
      expect(res.status, query).toBe(200);
      const item = await body<ListItemJson>(res);
      expect(item.contentType.name).toBe('Document');
      expect(item.fields).toMatchObject({ FileLeafRef: 'a.docx', FileSizeDisplay: 1 });
    }
    const plain = await body<ListItemJson>(await em.graph(`${lib.drive}/items/${file.id}/listItem`));
    expect(plain.fields).toBeUndefined();
  });

  it("metadata set with PATCH …/lists/{list}/items/{id}/fields shows on the file's listItem", async () => {
    const lib = await newLibrary(em, COLUMNS);
    const file = await upload(em, lib.drive, 'root:/Rutine.docx:', 'x');
    const listItem = await body<ListItemJson>(await em.graph(`${lib.drive}/items/${file.id}/listItem`));
    const patch = await em.graph(`/sites/${lib.siteId}/lists/${lib.listId}/items/${listItem.id}/fields`, { method: 'PATCH', json: { Dokumenttype: 'Rutine', Revisjon: 3 } });
    expect(patch.status, await patch.clone().text()).toBe(200);
    const after = await body<ListItemJson>(await em.graph(`${lib.drive}/root:/Rutine.docx:/listItem?$expand=fields($select=Dokumenttype,Revisjon)`));
    expect(after.fields).toMatchObject({ Dokumenttype: 'Rutine', Revisjon: 3 });
  });

  it('GET …/items/{id}?$expand=listItem($expand=fields) nests the list item', async () => {
    const lib = await newLibrary(em, COLUMNS);
    const file = await upload(em, lib.drive, 'root:/a.docx:', 'x');
    const item = await body<DriveItemJson>(await em.graph(`${lib.drive}/items/${file.id}?$expand=listItem($expand=fields)`));
    expect(item.name).toBe('a.docx');
    expect(item.listItem?.fields?.FileLeafRef).toBe('a.docx');
  });

  it('GET …/children?$expand=listItem($expand=fields) lists files with their metadata', async () => {
    const lib = await newLibrary(em, COLUMNS);
    const file = await upload(em, lib.drive, 'root:/Mappe/a.docx:', 'x');
    const listItem = await body<ListItemJson>(await em.graph(`${lib.drive}/items/${file.id}/listItem`));
    await em.graph(`/sites/${lib.siteId}/lists/${lib.listId}/items/${listItem.id}/fields`, { method: 'PATCH', json: { Dokumenttype: 'Prosedyre' } });
    const page = await body<{ value: DriveItemJson[] }>(await em.graph(`${lib.drive}/root:/Mappe:/children?$expand=listItem($expand=fields($select=Dokumenttype))`));
    expect(page.value.map((c) => [c.name, c.listItem?.fields?.Dokumenttype])).toEqual([['a.docx', 'Prosedyre']]);
  });

  it('renaming the file renames its FileLeafRef; a new upload keeps the metadata', async () => {
    const lib = await newLibrary(em, COLUMNS);
    const file = await upload(em, lib.drive, 'root:/a.docx:', 'x');
    const listItem = await body<ListItemJson>(await em.graph(`${lib.drive}/items/${file.id}/listItem`));
    await em.graph(`/sites/${lib.siteId}/lists/${lib.listId}/items/${listItem.id}/fields`, { method: 'PATCH', json: { Dokumenttype: 'Skjema' } });
    await em.graph(`${lib.drive}/items/${file.id}`, { method: 'PATCH', json: { name: 'b.docx' } });
    await upload(em, lib.drive, `items/${file.id}`, 'longer', 200);
    const fields = await body<Json>(await em.graph(`/sites/${lib.siteId}/lists/${lib.listId}/items/${listItem.id}/fields`));
    expect(fields).toMatchObject({ FileLeafRef: 'b.docx', Dokumenttype: 'Skjema', FileSizeDisplay: 6 });
  });

  it('deleting the file deletes its list item; deleting a folder deletes those below it too', async () => {
    const lib = await newLibrary(em, COLUMNS);
    const file = await upload(em, lib.drive, 'root:/a.docx:', 'x');
    await upload(em, lib.drive, 'root:/F/G/b.docx:', 'y');
    const listItem = await body<ListItemJson>(await em.graph(`${lib.drive}/items/${file.id}/listItem`));
    expect((await em.graph(`${lib.drive}/items/${file.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await em.graph(`/sites/${lib.siteId}/lists/${lib.listId}/items/${listItem.id}`)).status).toBe(404);
    expect((await em.graph(`${lib.drive}/root:/F`, { method: 'DELETE' })).status).toBe(204);
    const items = await body<{ value: unknown[] }>(await em.graph(`/sites/${lib.siteId}/lists/${lib.listId}/items`));
    expect(items.value).toEqual([]);
  });

  it('folders are list items too, of content type Folder', async () => {
    const lib = await newLibrary(em, COLUMNS);
    const folder = await body<DriveItemJson>(await newFolder(em, lib.drive, 'root', 'Arkiv'));
    const listItem = await body<ListItemJson>(await em.graph(`${lib.drive}/items/${folder.id}/listItem?expand=fields`));
    expect(listItem.fields?.FileLeafRef).toBe('Arkiv');
    expect(listItem.contentType.name).toBe('Folder');
    const implied = await upload(em, lib.drive, 'root:/Laget/underveis.txt:', 'x');
    const made = await body<ListItemJson>(await em.graph(`${lib.drive}/root:/Laget:/listItem`));
    expect(made.contentType.name).toBe('Folder');
    expect((await body<ListItemJson>(await em.graph(`${lib.drive}/items/${implied.id}/listItem`))).contentType.name).toBe('Document');
  });

  it('a library with a required column still takes uploads, as SharePoint does', async () => {
    const lib = await newLibrary(em, [{ name: 'Eier', text: {}, required: true }]);
    const file = await upload(em, lib.drive, 'root:/a.docx:', 'x');
    await upload(em, lib.drive, `items/${file.id}`, 'y', 200);
    const listItem = await body<ListItemJson>(await em.graph(`${lib.drive}/items/${file.id}/listItem?expand=fields`));
    expect(listItem.fields?.Eier).toBeUndefined();
  });

  it('GET …/lists/{list}/items/{id}/driveItem answers the file, and …/driveItem/content its bytes', async () => {
    const lib = await newLibrary(em, COLUMNS);
    const file = await upload(em, lib.drive, 'root:/a.docx:', 'innhold');
    const listItem = await body<ListItemJson>(await em.graph(`${lib.drive}/items/${file.id}/listItem`));
    const driveItem = await body<DriveItemJson>(await em.graph(`/sites/${lib.siteId}/lists/${lib.listId}/items/${listItem.id}/driveItem`));
    expect(driveItem.id).toBe(file.id);
    const content = await em.graph(`/sites/${lib.siteId}/lists/${lib.listId}/items/${listItem.id}/driveItem/content`, { redirect: 'manual' });
    expect(content.status).toBe(302);
    expect(await (await fetch(content.headers.get('location') ?? '')).text()).toBe('innhold');
  });
});

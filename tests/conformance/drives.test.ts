// Conformance: drives of document libraries, how Graph addresses their items (root, paths, ids, three URL prefixes), and resource units.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { examplesPresent, loadExamples } from './examples/catalog.js';
import { compareShape } from './examples/shape.js';
import { type DriveItemJson, type Json, body, errorCode, newLibrary, unitsSpent, upload } from './drive-support.js';

let em: TestEmulator;

beforeAll(async () => {
  em = await startTestEmulator();
});

afterAll(async () => {
  await em.close();
});

interface DriveJson {
  id: string;
  driveType: string;
  name: string;
  webUrl: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  owner: { user: { displayName: string } };
  quota: { total: number; used: number; remaining: number; deleted: number; state: string };
}

describe('drives', () => {
  it('every document library has a drive with a b! id, driveType documentLibrary, owner and quota', async () => {
    const lib = await newLibrary(em, [], 'Rutiner');
    const drive = await body<DriveJson>(await em.graph(`/sites/${lib.siteId}/lists/${lib.listId}/drive`));
    expect(drive.id).toMatch(/^b![A-Za-z0-9_-]{64}$/);
    expect(drive.driveType).toBe('documentLibrary');
    expect(drive.name).toBe('Rutiner');
    expect(drive.webUrl).toMatch(/^https:\/\/varde-demo\.sharepoint\.com\/sites\/.+\/Rutiner$/);
    expect(drive.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(drive.lastModifiedDateTime).toMatch(/Z$/);
    expect(drive.owner.user.displayName).toBeTypeOf('string');
    expect(drive.quota).toEqual({ deleted: 0, remaining: 1024 ** 4, state: 'normal', total: 1024 ** 4, used: 0 });
    const byId = await em.graph(`/drives/${drive.id}`);
    expect(byId.status).toBe(200);
    expect((await body<DriveJson>(byId)).id).toBe(drive.id);
  });

  it.runIf(examplesPresent())('the drive resource has the shape of Microsoft example #43 (get the document library for a site)', async () => {
    const lib = await newLibrary(em);
    const example = loadExamples()[43]?.response?.body;
    const actual = await body(await em.graph(`/sites/${lib.siteId}/drive`));
    expect(compareShape(example, actual, { exact: false, appOnly: true })).toEqual([]);
  });

  it("GET /sites/{site}/drive answers the site's Documents library, made on first use", async () => {
    const siteId = await em.newSite();
    const first = await body<DriveJson>(await em.graph(`/sites/${siteId}/drive`));
    expect(first.name).toBe('Documents');
    expect(first.driveType).toBe('documentLibrary');
    const again = await body<DriveJson>(await em.graph(`/sites/${siteId}/drive`));
    expect(again.id).toBe(first.id);
    const lists = await body<{ value: { displayName: string; list: { template: string } }[] }>(await em.graph(`/sites/${siteId}/lists`));
    expect(lists.value.filter((l) => l.displayName === 'Documents').map((l) => l.list.template)).toEqual(['documentLibrary']);
  });

  it("GET /sites/{site}/drives lists every library's drive", async () => {
    const lib = await newLibrary(em, [], 'Prosedyrer');
    const drives = await body<{ value: DriveJson[] }>(await em.graph(`/sites/${lib.siteId}/drives`));
    expect(drives.value.map((d) => d.name).sort()).toEqual(['Documents', 'Prosedyrer']);
    expect(drives.value.find((d) => d.name === 'Prosedyrer')?.id).toBe(lib.driveId);
  });

  it('a generic list has no drive: 404 itemNotFound', async () => {
    const siteId = await em.newSite();
    const list = await body<{ id: string }>(await em.graph(`/sites/${siteId}/lists`, { method: 'POST', json: { displayName: 'Avvik' } }));
    const res = await em.graph(`/sites/${siteId}/lists/${list.id}/drive`);
    expect(res.status).toBe(404);
    expect(await errorCode(res)).toBe('itemNotFound');
  });

  it('an unknown drive id answers 404 itemNotFound; a malformed one 400 invalidRequest', async () => {
    const unknown = await em.graph(`/drives/b!${'A'.repeat(64)}`);
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('itemNotFound');
    const malformed = await em.graph('/drives/not-a-drive');
    expect(malformed.status).toBe(400);
    expect(await errorCode(malformed)).toBe('invalidRequest');
  });

  it('a library whose drive was never recorded (made before drives were emulated) still answers by its drive id', async () => {
    const lib = await newLibrary(em);
    em.db.prepare('DELETE FROM drive_items WHERE drive_id = ?').run(lib.driveId);
    em.db.prepare('DELETE FROM drives WHERE id = ?').run(lib.driveId);
    const res = await em.graph(`${lib.drive}/root`);
    expect(res.status).toBe(200);
    expect((await body<DriveItemJson>(res)).parentReference.driveId).toBe(lib.driveId);
  });

  it('deleting the library deletes its drive and files', async () => {
    const lib = await newLibrary(em);
    await upload(em, lib.drive, 'root:/a.txt:', 'a');
    expect((await em.graph(`/sites/${lib.siteId}/lists/${lib.listId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await em.graph(lib.drive)).status).toBe(404);
  });

  it('quota.used counts the bytes of every version', async () => {
    const lib = await newLibrary(em);
    await upload(em, lib.drive, 'root:/a.txt:', 'x'.repeat(10));
    await upload(em, lib.drive, 'root:/a.txt:', 'y'.repeat(20), 200);
    const drive = await body<DriveJson>(await em.graph(lib.drive));
    expect(drive.quota.used).toBe(30);
    expect(drive.quota.remaining).toBe(drive.quota.total - 30);
  });
});

describe('addressing items', () => {
  it('root:/path, items/{id} and items/{id}:/path address the same item under /drives, /sites/{site}/lists/{list}/drive and /sites/{site}/drive', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/A/b.txt:', 'hello');
    const folder = await body<DriveItemJson>(await em.graph(`${lib.drive}/root:/A`));
    const listDrive = `/sites/${lib.siteId}/lists/${lib.listId}/drive`;
    for (const path of [
      `${lib.drive}/root:/A/b.txt`,
      `${lib.drive}/root:/A/b.txt:`,
      `${lib.drive}/items/${file.id}`,
      `${lib.drive}/items/${folder.id}:/b.txt:`,
      `${lib.drive}/items/root:/A/b.txt:`,
      `${listDrive}/root:/A/b.txt:`,
      `${listDrive}/items/${file.id}`,
    ]) {
      const res = await em.graph(path);
      expect(res.status, path).toBe(200);
      expect((await body<DriveItemJson>(res)).id, path).toBe(file.id);
    }
    const siteFile = await upload(em, `/sites/${lib.siteId}/drive`, 'root:/x.txt:', 'x');
    const viaId = await body<DriveItemJson>(await em.graph(`/sites/${lib.siteId}/drive/items/${siteFile.id}`));
    expect(viaId.name).toBe('x.txt');
  });

  it('the root has the root facet, a folder facet with childCount, and the size of the files below it', async () => {
    const lib = await newLibrary(em);
    await upload(em, lib.drive, 'root:/a.txt:', '12345');
    await upload(em, lib.drive, 'root:/F/b.txt:', '123');
    const root = await body<DriveItemJson>(await em.graph(`${lib.drive}/root`));
    expect(root.name).toBe('root');
    expect(root.root).toEqual({});
    expect(root.folder).toEqual({ childCount: 2 });
    expect(root.size).toBe(8);
    expect(root.parentReference).toEqual({ driveType: 'documentLibrary', driveId: lib.driveId });
  });

  it('a driveItem carries eTag, cTag, parentReference (driveId, driveType, id, path), file (mimeType, quickXorHash) and a download URL', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/Mappe/Rapport.docx:', 'docx bytes');
    const folder = await body<DriveItemJson>(await em.graph(`${lib.drive}/root:/Mappe`));
    expect(file.eTag).toMatch(/^"\{[0-9A-F-]{36}\},\d+"$/);
    expect(file.cTag).toMatch(/^"c:\{[0-9A-F-]{36}\},\d+"$/);
    expect(file.parentReference).toEqual({ driveType: 'documentLibrary', driveId: lib.driveId, id: folder.id, path: `/drives/${lib.driveId}/root:/Mappe`, siteId: lib.siteId });
    expect(file.file?.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(file.file?.hashes.quickXorHash).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect(file.size).toBe(10);
    expect(file.webUrl).toMatch(/\/Mappe\/Rapport\.docx$/);
    expect(new URL(file['@microsoft.graph.downloadUrl'] ?? '').origin).toBe(em.url);
    expect(folder.folder).toEqual({ childCount: 1 });
    expect(folder['@microsoft.graph.downloadUrl']).toBeUndefined();
  });

  it('paths match without regard to case, æøå included', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/Årsrapport Ø.txt:', 'x');
    const res = await em.graph(`${lib.drive}/root:/ÅRSRAPPORT ø.TXT`);
    expect(res.status).toBe(200);
    expect((await body<DriveItemJson>(res)).id).toBe(file.id);
  });

  it('a missing path or id answers 404 itemNotFound', async () => {
    const lib = await newLibrary(em);
    for (const path of [`${lib.drive}/root:/nope.txt`, `${lib.drive}/items/01NOPE`, `${lib.drive}/root:/nope/deeper.txt:`]) {
      const res = await em.graph(path);
      expect(res.status, path).toBe(404);
      expect(await errorCode(res)).toBe('itemNotFound');
    }
  });

  it("an item of another drive is not found under this drive's prefix", async () => {
    const a = await newLibrary(em);
    const b = await newLibrary(em);
    const file = await upload(em, a.drive, 'root:/a.txt:', 'a');
    expect((await em.graph(`${b.drive}/items/${file.id}`)).status).toBe(404);
  });

  it('$select narrows a driveItem to the properties named', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/a.txt:', 'a');
    const res = await body<Json>(await em.graph(`${lib.drive}/items/${file.id}?$select=id,name`));
    expect(Object.keys(res).filter((k) => !k.startsWith('@odata.')).sort()).toEqual(['id', 'name']);
  });
});

describe('resource units', () => {
  it('single-item reads and downloads cost 1; listings of children and every write cost 2', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/a.txt:', 'a');
    const cost = async (path: string, init?: RequestInit & { json?: unknown }) => {
      const before = await unitsSpent(em);
      const res = await em.graph(path, { redirect: 'manual', ...init });
      expect(res.status, path).toBeLessThan(400);
      return (await unitsSpent(em)) - before;
    };
    expect(await cost(lib.drive)).toBe(1);
    expect(await cost(`${lib.drive}/items/${file.id}`)).toBe(1);
    expect(await cost(`${lib.drive}/items/${file.id}/content`)).toBe(1);
    expect(await cost(`${lib.drive}/items/${file.id}/versions/1.0`)).toBe(1);
    expect(await cost(`${lib.drive}/root/children`)).toBe(2);
    expect(await cost(`${lib.drive}/items/${file.id}/versions`)).toBe(2);
    expect(await cost(`${lib.drive}/root:/b.txt:/content`, { method: 'PUT', body: 'b' })).toBe(2);
    expect(await cost(`${lib.drive}/root/children`, { method: 'POST', json: { name: 'F', folder: {} } })).toBe(2);
    expect(await cost(`${lib.drive}/items/${file.id}`, { method: 'PATCH', json: { name: 'c.txt' } })).toBe(2);
    expect(await cost(`${lib.drive}/root:/big.bin:/createUploadSession`, { method: 'POST', json: {} })).toBe(2);
    expect(await cost(`${lib.drive}/items/${file.id}`, { method: 'DELETE' })).toBe(2);
  });
});

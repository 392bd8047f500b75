// Conformance: renaming and moving items with PATCH (name, parentReference, conflicts, If-Match) and deleting them (204, recursive).
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

describe('rename, move and delete', () => {
  it('PATCH name renames the item and answers 200 with it', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/old.txt:', 'x');
    const res = await em.graph(`${lib.drive}/items/${file.id}`, { method: 'PATCH', json: { name: 'new.txt' } });
    expect(res.status).toBe(200);
    const renamed = await body<DriveItemJson>(res);
    expect(renamed.name).toBe('new.txt');
    expect(renamed.eTag).not.toBe(file.eTag);
    expect(renamed.cTag).toBe(file.cTag);
    expect((await em.graph(`${lib.drive}/root:/old.txt`)).status).toBe(404);
    expect((await em.graph(`${lib.drive}/root:/new.txt`)).status).toBe(200);
  });

  it('PATCH parentReference (by id or by percent-encoded path) moves the item, and its path follows', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/a.txt:', 'x');
    const target = await body<DriveItemJson>(await newFolder(em, lib.drive, 'root', 'Arkiv'));
    const moved = await body<DriveItemJson>(await em.graph(`${lib.drive}/items/${file.id}`, { method: 'PATCH', json: { parentReference: { id: target.id } } }));
    expect(moved.parentReference.path).toBe(`/drives/${lib.driveId}/root:/Arkiv`);
    await newFolder(em, lib.drive, 'root', 'Annet år');
    const res = await em.graph(`${lib.drive}/items/${file.id}`, {
      method: 'PATCH',
      json: { parentReference: { path: `/drives/${lib.driveId}/root:/Annet%20%C3%A5r` }, name: 'b.txt' },
    });
    expect(res.status).toBe(200);
    expect((await body<DriveItemJson>(res)).parentReference.path).toBe(`/drives/${lib.driveId}/root:/Annet%20%C3%A5r`);
    expect((await em.graph(`${lib.drive}/root:/Annet år/b.txt`)).status).toBe(200);
  });

  it('moving a folder into itself or below itself answers 400 invalidRequest', async () => {
    const lib = await newLibrary(em);
    await upload(em, lib.drive, 'root:/A/B/c.txt:', 'x');
    const a = await body<DriveItemJson>(await em.graph(`${lib.drive}/root:/A`));
    const b = await body<DriveItemJson>(await em.graph(`${lib.drive}/root:/A/B`));
    for (const parent of [a.id, b.id]) {
      const res = await em.graph(`${lib.drive}/items/${a.id}`, { method: 'PATCH', json: { parentReference: { id: parent } } });
      expect(res.status).toBe(400);
    }
  });

  it('renaming onto a taken name answers 409 nameAlreadyExists', async () => {
    const lib = await newLibrary(em);
    await upload(em, lib.drive, 'root:/a.txt:', 'a');
    const b = await upload(em, lib.drive, 'root:/b.txt:', 'b');
    const res = await em.graph(`${lib.drive}/items/${b.id}`, { method: 'PATCH', json: { name: 'A.txt' } });
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe('nameAlreadyExists');
  });

  it('If-Match with a stale eTag answers 412 resourceModified; the current eTag passes', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/a.txt:', 'a');
    await upload(em, lib.drive, 'root:/a.txt:', 'b', 200);
    const stale = await em.graph(`${lib.drive}/items/${file.id}`, { method: 'PATCH', json: { name: 'c.txt' }, headers: { 'if-match': file.eTag } });
    expect(stale.status).toBe(412);
    expect(await errorCode(stale)).toBe('resourceModified');
    const current = await body<DriveItemJson>(await em.graph(`${lib.drive}/items/${file.id}`));
    const res = await em.graph(`${lib.drive}/items/${file.id}`, { method: 'DELETE', headers: { 'if-match': current.eTag } });
    expect(res.status).toBe(204);
  });

  it('DELETE answers 204 and removes a folder with everything below it', async () => {
    const lib = await newLibrary(em);
    const deep = await upload(em, lib.drive, 'root:/A/B/c.txt:', 'c');
    await upload(em, lib.drive, 'root:/keep.txt:', 'k');
    const res = await em.graph(`${lib.drive}/root:/A`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect((await em.graph(`${lib.drive}/root:/A`)).status).toBe(404);
    expect((await em.graph(`${lib.drive}/items/${deep.id}`)).status).toBe(404);
    const root = await body<DriveItemJson>(await em.graph(`${lib.drive}/root`));
    expect(root.folder?.childCount).toBe(1);
  });

  it('the root cannot be deleted, renamed or moved: 400 invalidRequest', async () => {
    const lib = await newLibrary(em);
    expect((await em.graph(`${lib.drive}/root`, { method: 'DELETE' })).status).toBe(400);
    expect((await em.graph(`${lib.drive}/root`, { method: 'PATCH', json: { name: 'x' } })).status).toBe(400);
  });

  it('PATCH of a property the emulator does not write answers 400 rather than dropping it', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/a.txt:', 'a');
    const res = await em.graph(`${lib.drive}/items/${file.id}`, { method: 'PATCH', json: { size: 5 } });
    expect(res.status).toBe(400);
  });
});

// Conformance: sites by every address Graph accepts, lists by id and title, columns and SharePoint's limit of 20 indexed columns, reset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

let em: TestEmulator;
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

beforeAll(async () => {
  em = await startTestEmulator({ hostname: 'tonsberg.sharepoint.com' });
});

afterAll(async () => {
  await em.close();
});

describe('sites', () => {
  it('a site is found by composite id, by hostname:/path, and the root site by "root" and by hostname', async () => {
    const id = await em.newSite('/sites/kvalitet');
    expect(id).toMatch(/^tonsberg\.sharepoint\.com,[0-9a-f-]{36},[0-9a-f-]{36}$/);
    const byPath = await json<{ id: string; webUrl: string; name: string }>(await em.graph('/sites/tonsberg.sharepoint.com:/sites/kvalitet'));
    expect(byPath).toMatchObject({ id, webUrl: 'https://tonsberg.sharepoint.com/sites/kvalitet', name: 'kvalitet' });
    const byPathThenLists = await em.graph('/sites/tonsberg.sharepoint.com:/sites/kvalitet:/lists');
    expect(byPathThenLists.status).toBe(200);
    const root = await json<{ id: string; root: object }>(await em.graph('/sites/root'));
    expect(root.root).toEqual({});
    expect((await json<{ id: string }>(await em.graph('/sites/tonsberg.sharepoint.com'))).id).toBe(root.id);
    const selected = await json(await em.graph(`/sites/${id}?$select=id,displayName`));
    expect(Object.keys(selected).filter((k) => !k.startsWith('@')).sort()).toEqual(['displayName', 'id']);
  });

  it('site columns can be created, read, updated and deleted', async () => {
    const site = await em.newSite();
    const created = await em.graph(`/sites/${site}/columns`, { method: 'POST', json: { name: 'Enhet', text: {}, description: 'Virksomhet' } });
    expect(created.status).toBe(201);
    const col = await json<{ id: string; name: string }>(created);
    const patched = await json<{ description: string }>(await em.graph(`/sites/${site}/columns/${col.id}`, { method: 'PATCH', json: { description: 'Enhet i kommunen' } }));
    expect(patched.description).toBe('Enhet i kommunen');
    expect((await em.graph(`/sites/${site}/columns/${col.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await em.graph(`/sites/${site}/columns/${col.id}`)).status).toBe(404);
  });
});

describe('lists and columns', () => {
  it('a list is found by id and by title; a second list with the same title is a 409; a body with name is refused as Graph does', async () => {
    const site = await em.newSite();
    const created = await json<{ id: string; name: string; list: { template: string } }>(
      await em.graph(`/sites/${site}/lists`, { method: 'POST', json: { displayName: 'Risikovurderinger' } }),
    );
    expect(created.list.template).toBe('genericList');
    expect((await json<{ id: string }>(await em.graph(`/sites/${site}/lists/Risikovurderinger`))).id).toBe(created.id);
    expect((await em.graph(`/sites/${site}/lists`, { method: 'POST', json: { displayName: 'Risikovurderinger' } })).status).toBe(409);
    const named = await em.graph(`/sites/${site}/lists`, { method: 'POST', json: { displayName: 'X', name: 'x' } });
    expect(named.status).toBe(400);
    expect((await json<{ error: { message: string } }>(named)).error.message).toMatch(/Cannot define a 'name' for a list/);
    const all = await json<{ value: { id: string }[] }>(await em.graph(`/sites/${site}/lists`));
    expect(all.value.map((l) => l.id)).toContain(created.id);
    expect((await em.graph(`/sites/${site}/lists/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await em.graph(`/sites/${site}/lists/${created.id}`)).status).toBe(404);
  });

  it('a list holds at most 20 indexed columns: the 21st, by create or by patch, is refused and nothing changes', async () => {
    const site = await em.newSite();
    const columns = Array.from({ length: 20 }, (_, i) => ({ name: `Ix${i}`, number: {}, indexed: true }));
    const list = await json<{ id: string }>(await em.graph(`/sites/${site}/lists`, { method: 'POST', json: { displayName: 'Mange', columns } }));
    const base = `/sites/${site}/lists/${list.id}/columns`;
    const extra = await em.graph(base, { method: 'POST', json: { name: 'Ix20', number: {}, indexed: true } });
    expect(extra.status).toBe(400);
    expect((await json<{ error: { code: string } }>(extra)).error.code).toBe('invalidRequest');
    const plain = await json<{ id: string }>(await em.graph(base, { method: 'POST', json: { name: 'Plain', text: {} } }));
    expect((await em.graph(`${base}/${plain.id}`, { method: 'PATCH', json: { indexed: true } })).status).toBe(400);
    expect((await json<{ indexed: boolean }>(await em.graph(`${base}/${plain.id}`))).indexed).toBe(false);
    // Freeing one index makes room.
    const first = await json<{ value: { id: string; name: string }[] }>(await em.graph(base));
    const ix0 = first.value.find((c) => c.name === 'Ix0') as { id: string };
    expect((await em.graph(`${base}/${ix0.id}`, { method: 'PATCH', json: { indexed: false } })).status).toBe(200);
    expect((await em.graph(`${base}/${plain.id}`, { method: 'PATCH', json: { indexed: true } })).status).toBe(200);
  });

  it('indexing a column later makes queries on it allowed; removing the index refuses them again', async () => {
    const site = await em.newSite();
    const list = await json<{ id: string }>(await em.graph(`/sites/${site}/lists`, { method: 'POST', json: { displayName: 'L', columns: [{ name: 'Unit', text: {} }] } }));
    const items = `/sites/${site}/lists/${list.id}/items`;
    const col = await json<{ value: { id: string; name: string }[] }>(await em.graph(`/sites/${site}/lists/${list.id}/columns`));
    const unit = col.value.find((c) => c.name === 'Unit') as { id: string };
    expect((await em.graph(`${items}?$filter=fields/Unit eq 'A'`)).status).toBe(400);
    await em.graph(`/sites/${site}/lists/${list.id}/columns/${unit.id}`, { method: 'PATCH', json: { indexed: true } });
    expect((await em.graph(`${items}?$filter=fields/Unit eq 'A'`)).status).toBe(200);
    await em.graph(`/sites/${site}/lists/${list.id}/columns/${unit.id}`, { method: 'PATCH', json: { indexed: false } });
    expect((await em.graph(`${items}?$filter=fields/Unit eq 'A'`)).status).toBe(400);
  });

  it('a multi-line text column cannot be indexed, and an unknown column type is refused', async () => {
    const site = await em.newSite();
    const list = await json<{ id: string }>(await em.graph(`/sites/${site}/lists`, { method: 'POST', json: { displayName: 'T' } }));
    const base = `/sites/${site}/lists/${list.id}/columns`;
    expect((await em.graph(base, { method: 'POST', json: { name: 'Notes', text: { allowMultipleLines: true }, indexed: true } })).status).toBe(400);
    expect((await em.graph(base, { method: 'POST', json: { name: 'Geo', geolocation: {} } })).status).toBe(400);
  });
});

describe('reset', () => {
  it('POST /_emulator/reset empties every site but the root', async () => {
    const own = await startTestEmulator();
    try {
      const site = await own.newSite('/sites/borte');
      await own.graph(`/sites/${site}/lists`, { method: 'POST', json: { displayName: 'L' } });
      expect((await fetch(`${own.url}/_emulator/reset`, { method: 'POST' })).status).toBe(204);
      expect((await own.graph(`/sites/${site}`)).status).toBe(404);
      expect((await own.graph('/sites/root')).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});

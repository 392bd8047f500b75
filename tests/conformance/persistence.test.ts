// Conformance: data survives a restart and a kill -9 in the middle of writes; every acknowledged write is there, no write is half there.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnEmulator } from '../support/emulator-process.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const headers = { authorization: 'Bearer t', 'content-type': 'application/json' };

describe('persistence', () => {
  it('every write acknowledged before a kill -9 is there after restart, and the store is intact', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'varde-crash-'));
    dirs.push(dataDir);
    let { child, url } = await spawnEmulator(dataDir);
    const site = (await (await fetch(`${url}/_emulator/sites`, { method: 'POST', headers, body: JSON.stringify({ path: '/sites/krasj' }) })).json()) as { id: string };
    const list = (await (
      await fetch(`${url}/v1.0/sites/${site.id}/lists`, { method: 'POST', headers, body: JSON.stringify({ displayName: 'Avvik', columns: [{ name: 'N', number: {}, indexed: true }] }) })
    ).json()) as { id: string };
    const items = `${url}/v1.0/sites/${site.id}/lists/${list.id}/items`;

    // Eight writers create and update items as fast as they can; the process is killed under them.
    const acknowledged = new Map<string, number>();
    let stop = false;
    const writer = async (w: number) => {
      for (let n = 0; !stop; n++) {
        try {
          const res = await fetch(items, { method: 'POST', headers, body: JSON.stringify({ fields: { Title: `w${w}-${n}`, N: n } }) });
          if (res.status !== 201) continue;
          const created = (await res.json()) as { id: string };
          const upd = await fetch(`${items}/${created.id}/fields`, { method: 'PATCH', headers, body: JSON.stringify({ N: n + 1000 }) });
          acknowledged.set(created.id, upd.status === 200 ? n + 1000 : n);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    await new Promise((r) => setTimeout(r, 800));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    stop = true;
    await Promise.all([...writers, exited]);
    expect(acknowledged.size).toBeGreaterThan(20);

    const db = new Database(join(dataDir, 'graph.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    ({ child, url } = await spawnEmulator(dataDir));
    try {
      const seen = new Map<string, number>();
      for (let next: string | undefined = `${url}/v1.0/sites/${site.id}/lists/${list.id}/items?expand=fields(select=N)&$top=5000`; next; ) {
        const page = (await (await fetch(next, { headers })).json()) as { value: { id: string; fields: { N: number } }[]; '@odata.nextLink'?: string };
        for (const i of page.value) seen.set(i.id, i.fields.N);
        next = page['@odata.nextLink'];
      }
      for (const [id, n] of acknowledged) expect(seen.get(id), `item ${id}`).toBeGreaterThanOrEqual(n);
      // Every stored item is whole: its fields and its version history agree.
      const any = [...seen.keys()][0] as string;
      const versions = (await (await fetch(`${url}/v1.0/sites/${site.id}/lists/${list.id}/items/${any}/versions`, { headers })).json()) as { value: unknown[] };
      expect(versions.value.length).toBeGreaterThanOrEqual(1);
      // The list's item count agrees with its rows (no half-written create).
      const db2 = new Database(join(dataDir, 'graph.db'), { readonly: true });
      const row = db2.prepare('SELECT item_table, item_count FROM lists WHERE id = ?').get(list.id) as { item_table: string; item_count: number };
      const rows = (db2.prepare(`SELECT COUNT(*) AS n FROM "${row.item_table}"`).get() as { n: number }).n;
      db2.close();
      expect(rows).toBe(row.item_count);
      expect(rows).toBe(seen.size);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });
});

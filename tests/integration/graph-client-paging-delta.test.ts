// Paging and delta over real HTTP: 450 items at $top=100, the max-pages guard, a delta round trip with a deletion, and the 410 resync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PagingLimitError, collectAll, createGraphClient, pages, readListDelta, runBatch, where } from '../../src/sharepoint/graph/index.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

let em: TestEmulator;
let list: string;
let items: string;

const client = () => createGraphClient({ baseUrl: em.graphUrl, getToken: async () => 't', userAgent: { publisher: 'Test', version: '0' } });

interface Item {
  id: string;
  fields?: { N?: number };
}

beforeAll(async () => {
  em = await startTestEmulator();
  const site = await em.newSite('/sites/paging');
  const created = await client().post<{ id: string }>(`/sites/${site}/lists`, { displayName: 'Many', columns: [{ name: 'N', number: {}, indexed: true }] });
  list = `/sites/${site}/lists/${created.id}`;
  items = `${list}/items`;
  const results = await runBatch(client(), Array.from({ length: 450 }, (_, i) => ({ method: 'POST' as const, url: items, body: { fields: { N: i } } })));
  expect(results.every((r) => r.ok)).toBe(true);
});

afterAll(async () => {
  await em?.close();
});

describe('paging', () => {
  it('reads all 450 items in 5 pages of at most 100 by following @odata.nextLink', async () => {
    const sizes: number[] = [];
    const seen: number[] = [];
    for await (const page of pages<Item>(client(), { path: items, query: { $top: 100, $expand: 'fields($select=N)' } })) {
      sizes.push(page.value.length);
      seen.push(...page.value.map((i) => i.fields?.N as number));
    }
    expect(sizes).toEqual([100, 100, 100, 100, 50]);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 450 }, (_, i) => i));
  });

  it('keeps the filter and order across pages', async () => {
    const found = await collectAll<Item>(client(), {
      path: items,
      query: { $top: 30, $orderby: 'fields/N desc', $expand: 'fields($select=N)' },
      filter: where.and(where.ge('N', 100), where.lt('N', 200)),
    });
    expect(found.map((i) => i.fields?.N)).toEqual(Array.from({ length: 100 }, (_, i) => 199 - i));
  });

  it('stops with PagingLimitError past maxPages', async () => {
    await expect(collectAll(client(), { path: items, query: { $top: 100 } }, { maxPages: 3 })).rejects.toBeInstanceOf(PagingLimitError);
  });
});

describe('delta', () => {
  it('initial round, then only changes: an update, a creation and a deletion', async () => {
    const c = client();
    const first = await readListDelta<Item>(c, { list, fields: ['N'], top: 100 });
    expect(first.kind).toBe('initial');
    expect(first.changed).toHaveLength(450);
    expect(first.deleted).toEqual([]);

    await c.patch(`${items}/5/fields`, { N: 5000 });
    await c.delete(`${items}/6`);
    const added = await c.post<Item>(items, { fields: { N: 9999 } });

    const second = await readListDelta<Item>(c, { list, fields: ['N'], deltaLink: first.deltaLink });
    expect(second.kind).toBe('changes');
    expect(second.changed.map((i) => [i.id, i.fields?.N])).toEqual([
      ['5', 5000],
      [added.id, 9999],
    ]);
    expect(second.deleted).toEqual(['6']);

    const third = await readListDelta<Item>(c, { list, fields: ['N'], deltaLink: second.deltaLink });
    expect(third).toMatchObject({ kind: 'changes', changed: [], deleted: [] });
  });

  it('starts over and says so when Graph answers 410 for a stored link', async () => {
    const c = client();
    const { deltaLink } = await readListDelta<Item>(c, { list, top: 200 });
    const expired = deltaLink.replace(/token=[^&]+/, 'token=expired');
    const round = await readListDelta<Item>(c, { list, fields: ['N'], deltaLink: expired, top: 200 });
    expect(round.kind).toBe('resync');
    expect(round.changed.length).toBe(450);
    expect(round.changed.every((i) => typeof i.fields?.N === 'number')).toBe(true);
    expect(round.deltaLink).toMatch(/token=/);
  });
});

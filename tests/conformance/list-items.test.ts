// Conformance: list items as SharePoint serves them through Graph — CRUD, ETags, the indexed-column rules, paging and versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

let em: TestEmulator;
let siteId: string;
let listId: string;
let base: string;

interface GraphErrorBody {
  error: { code: string; message: string; innerError: { date: string; 'request-id': string; 'client-request-id': string } };
}

async function body<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

beforeAll(async () => {
  em = await startTestEmulator();
  siteId = await em.newSite('/sites/kvalitet');
  const res = await em.graph(`/sites/${siteId}/lists`, {
    method: 'POST',
    json: {
      displayName: 'Avvik',
      columns: [
        { name: 'Status', choice: { choices: ['Ny', 'Mottatt', 'Lukket'] }, indexed: true },
        { name: 'Severity', number: {}, indexed: true },
        { name: 'Unit', text: {} },
        { name: 'OccurredAt', dateTime: {}, indexed: true },
        { name: 'Serious', boolean: {} },
        { name: 'Description', text: { allowMultipleLines: true } },
        { name: 'Owner', personOrGroup: {}, indexed: true },
        { name: 'ImportKey', text: {}, enforceUniqueValues: true },
      ],
    },
  });
  expect(res.status).toBe(201);
  listId = (await body<{ id: string }>(res)).id;
  base = `/sites/${siteId}/lists/${listId}`;
});

afterAll(async () => {
  await em.close();
});

async function create(fields: Record<string, unknown>) {
  const res = await em.graph(`${base}/items`, { method: 'POST', json: { fields } });
  expect(res.status, await res.clone().text()).toBe(201);
  return body<{ id: string; eTag: string; fields: Record<string, unknown> }>(res);
}

describe('errors', () => {
  it('a request without a bearer token gets 401 InvalidAuthenticationToken with Graph error body', async () => {
    const res = await fetch(`${em.graphUrl}/sites/root`, { headers: { 'client-request-id': 'abc-123' } });
    expect(res.status).toBe(401);
    const err = await body<GraphErrorBody>(res);
    expect(err.error.code).toBe('InvalidAuthenticationToken');
    expect(err.error.message).toBe('Access token is empty.');
    expect(err.error.innerError['client-request-id']).toBe('abc-123');
    expect(err.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(res.headers.get('request-id')).toBe(err.error.innerError['request-id']);
  });

  it('an unknown site answers 404 itemNotFound', async () => {
    const res = await em.graph('/sites/varde-demo.sharepoint.com:/sites/finnesikke');
    expect(res.status).toBe(404);
    expect((await body<GraphErrorBody>(res)).error.code).toBe('itemNotFound');
  });

  it('invalid JSON answers 400 BadRequest and stores nothing', async () => {
    const before = await body<{ value: unknown[] }>(await em.graph(`${base}/items?$top=5000`));
    const res = await em.graph(`${base}/items`, { method: 'POST', body: '{"fields": {"Title": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect((await body<GraphErrorBody>(res)).error.code).toBe('BadRequest');
    const after = await body<{ value: unknown[] }>(await em.graph(`${base}/items?$top=5000`));
    expect(after.value.length).toBe(before.value.length);
  });

  it('an unknown field answers 400 invalidRequest "Field \'X\' is not recognized"', async () => {
    const res = await em.graph(`${base}/items`, { method: 'POST', json: { fields: { Title: 'x', Colour: 'red' } } });
    expect(res.status).toBe(400);
    const err = await body<GraphErrorBody>(res);
    expect(err.error.code).toBe('invalidRequest');
    expect(err.error.message).toBe("Field 'Colour' is not recognized");
  });

  it('a value of the wrong type answers 400 and a choice outside the list is refused', async () => {
    expect((await em.graph(`${base}/items`, { method: 'POST', json: { fields: { Severity: 'high' } } })).status).toBe(400);
    expect((await em.graph(`${base}/items`, { method: 'POST', json: { fields: { Status: 'Kanskje' } } })).status).toBe(400);
    expect((await em.graph(`${base}/items`, { method: 'POST', json: { fields: { OccurredAt: '30000-01-01T00:00:00Z' } } })).status).toBe(400);
    expect((await em.graph(`${base}/items`, { method: 'POST', json: { fields: { Title: 'x'.repeat(256) } } })).status).toBe(400);
  });

  it('a body over 4 MB answers 413 without being buffered', async () => {
    const res = await em.graph(`${base}/items`, { method: 'POST', json: { fields: { Description: 'x'.repeat(5 * 1024 * 1024) } } });
    expect(res.status).toBe(413);
  });

  it('a method the resource does not have answers 405', async () => {
    const res = await em.graph(`${base}/items`, { method: 'PUT', json: {} });
    expect(res.status).toBe(405);
  });
});

describe('create, read, update, delete', () => {
  it('creating an item answers 201 with the listItem, its eTag and fields', async () => {
    const item = await create({ Title: 'Fall på badet', Status: 'Ny', Severity: 3, OccurredAt: '2026-11-20T23:15:30.859Z', Serious: true, OwnerLookupId: '12' });
    expect(item.id).toMatch(/^\d+$/);
    expect(item.eTag).toMatch(/^"[0-9a-f-]{36},1"$/);
    expect(item.fields).toMatchObject({ Title: 'Fall på badet', Status: 'Ny', Severity: 3, Serious: true, OwnerLookupId: '12', _UIVersionString: '1.0' });
    // SharePoint keeps whole seconds.
    expect(item.fields.OccurredAt).toBe('2026-11-20T23:15:30Z');
  });

  it('GET with expand=fields(select=…) returns only the selected fields', async () => {
    const created = await create({ Title: 'Utvalg', Status: 'Ny', Severity: 1 });
    const res = await em.graph(`${base}/items/${created.id}?expand=fields(select=Title,Severity)`);
    expect(res.status).toBe(200);
    const item = await body<{ id: string; fields: Record<string, unknown> }>(res);
    expect(Object.keys(item.fields).sort()).toEqual(['@odata.etag', 'Severity', 'Title']);
  });

  it('PATCH …/fields answers 200 with the fields and bumps the version; a stale If-Match answers 412 resourceModified and changes nothing', async () => {
    const created = await create({ Title: 'Versjon', Status: 'Ny' });
    const ok = await em.graph(`${base}/items/${created.id}/fields`, { method: 'PATCH', json: { Status: 'Mottatt' }, headers: { 'if-match': created.eTag } });
    expect(ok.status).toBe(200);
    const fields = await body(ok);
    expect(fields.Status).toBe('Mottatt');
    expect(fields['@odata.etag']).toMatch(/,2"$/);
    const stale = await em.graph(`${base}/items/${created.id}/fields`, { method: 'PATCH', json: { Status: 'Lukket' }, headers: { 'if-match': created.eTag } });
    expect(stale.status).toBe(412);
    expect((await body<GraphErrorBody>(stale)).error.code).toBe('resourceModified');
    const now = await body<{ fields: Record<string, unknown> }>(await em.graph(`${base}/items/${created.id}?expand=fields`));
    expect(now.fields.Status).toBe('Mottatt');
  });

  it('two concurrent writers with the same eTag: exactly one wins, the other gets 412', async () => {
    const created = await create({ Title: 'Kappløp', Status: 'Ny' });
    const results = await Promise.all(
      ['Mottatt', 'Lukket'].map((Status) => em.graph(`${base}/items/${created.id}/fields`, { method: 'PATCH', json: { Status }, headers: { 'if-match': created.eTag } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
  });

  it('PATCH on the item with {fields} answers the listItem', async () => {
    const created = await create({ Title: 'Helt element' });
    const res = await em.graph(`${base}/items/${created.id}`, { method: 'PATCH', json: { fields: { Unit: 'Husøy sykehjem' } } });
    expect(res.status).toBe(200);
    expect((await body<{ fields: Record<string, unknown> }>(res)).fields.Unit).toBe('Husøy sykehjem');
  });

  it('DELETE answers 204 and the item is gone (404 itemNotFound)', async () => {
    const created = await create({ Title: 'Slett meg' });
    expect((await em.graph(`${base}/items/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    const res = await em.graph(`${base}/items/${created.id}`);
    expect(res.status).toBe(404);
    expect((await body<GraphErrorBody>(res)).error.code).toBe('itemNotFound');
  });

  it('a column that enforces unique values refuses a duplicate with 409', async () => {
    await create({ Title: 'Import 1', ImportKey: 'row-1' });
    const res = await em.graph(`${base}/items`, { method: 'POST', json: { fields: { Title: 'Import 1 again', ImportKey: 'row-1' } } });
    expect(res.status).toBe(409);
  });
});

describe('versions', () => {
  it('every save is a version; listing is newest first; restoreVersion answers 204 and writes a new version', async () => {
    const created = await create({ Title: 'v1', Status: 'Ny' });
    await em.graph(`${base}/items/${created.id}/fields`, { method: 'PATCH', json: { Title: 'v2', Status: 'Mottatt' } });
    const list = await body<{ value: { id: string; lastModifiedDateTime: string; lastModifiedBy: object }[] }>(
      await em.graph(`${base}/items/${created.id}/versions`),
    );
    expect(list.value.map((v) => v.id)).toEqual(['2.0', '1.0']);
    const v1 = await body<{ id: string; fields: Record<string, unknown> }>(await em.graph(`${base}/items/${created.id}/versions/1.0?expand=fields`));
    expect(v1.fields.Title).toBe('v1');
    expect((await em.graph(`${base}/items/${created.id}/versions/1.0/restoreVersion`, { method: 'POST' })).status).toBe(204);
    const now = await body<{ fields: Record<string, unknown> }>(await em.graph(`${base}/items/${created.id}?expand=fields`));
    expect(now.fields).toMatchObject({ Title: 'v1', Status: 'Ny', _UIVersionString: '3.0' });
  });
});

describe('query rules', () => {
  it('$filter on a column that is not indexed answers 400 with SharePoint\'s message', async () => {
    const res = await em.graph(`${base}/items?$filter=fields/Unit eq 'A'`);
    expect(res.status).toBe(400);
    const err = await body<GraphErrorBody>(res);
    expect(err.error.code).toBe('invalidRequest');
    expect(err.error.message).toBe(
      "Field 'Unit' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.",
    );
  });

  it('$orderby on a column that is not indexed is refused too, and the Prefer header lets it through on a small list', async () => {
    expect((await em.graph(`${base}/items?$orderby=fields/Unit`)).status).toBe(400);
    const res = await em.graph(`${base}/items?$orderby=fields/Unit&$filter=fields/Unit ne null`, { headers: { prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' } });
    expect(res.status).toBe(200);
  });

  it('indexed $filter with and/or/not, startswith, null and datetime literals selects exactly the matching items', async () => {
    const site = await em.newSite();
    const list = await body<{ id: string }>(
      await em.graph(`/sites/${site}/lists`, {
        method: 'POST',
        json: { displayName: 'Q', columns: [{ name: 'Status', text: {}, indexed: true }, { name: 'N', number: {}, indexed: true }, { name: 'At', dateTime: {}, indexed: true }] },
      }),
    );
    const q = `/sites/${site}/lists/${list.id}/items`;
    const rows = [
      { Title: 'a', Status: 'Ny', N: 1, At: '2026-01-01T00:00:00Z' },
      { Title: 'b', Status: 'Nytt', N: 2, At: '2026-02-01T00:00:00Z' },
      { Title: 'c', Status: 'Lukket', N: 3 },
      { Title: 'd', N: 4, At: '2026-03-01T00:00:00Z' },
    ];
    for (const fields of rows) expect((await em.graph(q, { method: 'POST', json: { fields } })).status).toBe(201);
    const titles = async (filter: string) => {
      const res = await em.graph(`${q}?expand=fields(select=Title)&$filter=${encodeURIComponent(filter)}`);
      expect(res.status, await res.clone().text()).toBe(200);
      return (await body<{ value: { fields: { Title: string } }[] }>(res)).value.map((i) => i.fields.Title).sort();
    };
    expect(await titles("fields/Status eq 'Ny'")).toEqual(['a']);
    expect(await titles("startswith(fields/Status,'Ny')")).toEqual(['a', 'b']);
    expect(await titles('fields/Status eq null')).toEqual(['d']);
    expect(await titles("fields/Status ne 'Ny'")).toEqual(['b', 'c', 'd']);
    expect(await titles('fields/N ge 2 and (fields/N lt 4 or fields/Status eq null)')).toEqual(['b', 'c', 'd']);
    expect(await titles('not (fields/N gt 1)')).toEqual(['a']);
    expect(await titles('fields/At ge 2026-02-01T00:00:00Z')).toEqual(['b', 'd']);
    expect(await titles("fields/At lt '2026-02-01T00:00:00Z'")).toEqual(['a']);
  });

  it('malformed $filter answers 400 invalidRequest, never 500', async () => {
    for (const filter of ["fields/Status eq 'open", 'fields/Status eq', '((fields/Severity eq 1)', "fields/Status eq 'a' xor 1", "substringof('a',fields/Status)", '%%%']) {
      const res = await em.graph(`${base}/items?$filter=${encodeURIComponent(filter)}`);
      expect(res.status, filter).toBe(400);
    }
  });

  it('a value with quotes is compared as data, not as query', async () => {
    const res = await em.graph(`${base}/items?$filter=${encodeURIComponent("fields/Status eq 'x'' or 1 eq 1 --'")}`);
    expect(res.status).toBe(200);
    expect((await body<{ value: unknown[] }>(res)).value).toEqual([]);
  });

  it('server-driven paging: @odata.nextLink carries a $skiptoken, pages neither overlap nor skip, ordered by an indexed column', async () => {
    const site = await em.newSite();
    const list = await body<{ id: string }>(
      await em.graph(`/sites/${site}/lists`, { method: 'POST', json: { displayName: 'P', columns: [{ name: 'N', number: {}, indexed: true }] } }),
    );
    const q = `/sites/${site}/lists/${list.id}/items`;
    const values = [5, 3, 9, 1, 3, 7, 2, 8, 3, 6, 4];
    for (const N of values) await em.graph(q, { method: 'POST', json: { fields: { N } } });
    const seen: number[] = [];
    let url: string | undefined = `${q}?expand=fields(select=N)&$orderby=fields/N desc&$top=4`;
    let pages = 0;
    while (url) {
      const page: { value: { fields: { N: number } }[]; '@odata.nextLink'?: string } = await body(await em.graph(url));
      seen.push(...page.value.map((i) => i.fields.N));
      url = page['@odata.nextLink'];
      if (url) expect(url).toMatch(/\$skiptoken=/);
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...values].sort((a, b) => b - a));
  });
});

describe('list view threshold', () => {
  // One list just over the threshold: K = 0 … 5,019 (indexed), Free (not indexed), Parity 'even'/'odd' (indexed, 2,510
  // each) and Bulk 'most' for K < 5,005 and 'few' above (indexed).
  let q: string;
  beforeAll(async () => {
    const site = await em.newSite();
    const columns = [
      { name: 'K', number: {}, indexed: true },
      { name: 'Free', text: {} },
      { name: 'Parity', text: {}, indexed: true },
      { name: 'Bulk', text: {}, indexed: true },
    ];
    const list = await body<{ id: string }>(await em.graph(`/sites/${site}/lists`, { method: 'POST', json: { displayName: 'Stor', columns } }));
    q = `/sites/${site}/lists/${list.id}/items`;
    for (let b = 0; b < 251; b++) {
      const requests = Array.from({ length: 20 }, (_, i) => {
        const k = b * 20 + i;
        return {
          id: String(i + 1),
          method: 'POST',
          url: `/sites/${site}/lists/${list.id}/items`,
          headers: { 'Content-Type': 'application/json' },
          body: { fields: { K: k, Free: `row ${k}`, Parity: k % 2 === 0 ? 'even' : 'odd', Bulk: k < 5005 ? 'most' : 'few' } },
        };
      });
      const res = await em.graph('/$batch', { method: 'POST', json: { requests } });
      expect(res.status).toBe(200);
    }
  }, 60_000);

  const get = (query: string) => em.graph(`${q}?$expand=fields($select=K)&${query}`);
  const ks = async (res: Response) => (await body<{ value: { fields: { K: number } }[] }>(res)).value.map((i) => i.fields.K);

  it('with the Prefer header a non-indexed query still fails once the list holds more than 5,000 items; indexed queries keep working', async () => {
    const refused = await em.graph(`${q}?$filter=fields/Free eq 'row 1'`, { headers: { prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' } });
    expect(refused.status).toBe(429);
    const indexed = await get('$filter=fields/K ge 5010');
    expect(indexed.status).toBe(200);
    expect(await ks(indexed)).toHaveLength(10);
  });

  it('refuses an indexed query whose first condition selects more than 5,000 items, however small its page or narrow its later terms', async () => {
    for (const query of ["$filter=fields/Bulk eq 'most'&$top=1", "$filter=fields/Bulk eq 'most' and fields/K ge 5000", "$filter=fields/Bulk eq 'most' and fields/Parity eq 'odd'&$orderby=fields/K desc&$top=5"]) {
      const res = await get(query);
      expect(res.status, query).toBe(429);
      const err = await body<GraphErrorBody>(res);
      expect(err.error.code).toBe('activityLimitReached');
      expect(err.error.message).toBe('The attempted operation is prohibited because it exceeds the list view threshold.');
    }
  });

  it('serves the same conditions with a narrow one first: the first term, an or-group as a whole, a range on one column', async () => {
    expect(await ks(await get("$filter=fields/K ge 5000 and fields/Bulk eq 'most'&$orderby=fields/K desc"))).toEqual([5004, 5003, 5002, 5001, 5000]);
    expect(await ks(await get("$filter=fields/K ge 1000 and fields/K lt 2000 and fields/Bulk eq 'most' and fields/Parity eq 'odd'&$orderby=fields/K desc&$top=2"))).toEqual([1999, 1997]);
    expect(await ks(await get("$filter=(fields/Parity eq 'even' or fields/Bulk eq 'few') and fields/K ge 5014&$orderby=fields/K"))).toEqual([5014, 5015, 5016, 5017, 5018, 5019]);
    // Exactly the threshold is allowed; the or-group counts as the union it selects.
    expect((await get('$filter=fields/K lt 5000&$top=1')).status).toBe(200);
    expect((await get('$filter=fields/K lt 5001&$top=1')).status).toBe(429);
    expect((await get("$filter=(fields/Parity eq 'even' or fields/Parity eq 'odd') and fields/K eq 3")).status).toBe(429);
  });

  it('a range on one column counts as one condition only while its terms come first and together', async () => {
    expect((await get("$filter=fields/K ge 10 and fields/Bulk eq 'few' and fields/K lt 20")).status).toBe(429);
    expect((await get("$filter=fields/K ge 10 and fields/K lt 20 and fields/Bulk eq 'few'")).status).toBe(200);
  });

  it('a list read without $filter is not limited by the threshold: sorted by an indexed column, paged', async () => {
    const res = await get('$orderby=fields/K desc&$top=3');
    expect(res.status).toBe(200);
    expect(await ks(res)).toEqual([5019, 5018, 5017]);
  });
});

// Conformance: list-item delta (tokens, deletions, expiry) and JSON $batch (limits, dependsOn, per-request results).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

let em: TestEmulator;
let siteId: string;

interface DeltaPage {
  value: { id: string; deleted?: { state: string }; fields?: Record<string, unknown> }[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

const json = async <T>(res: Response) => (await res.json()) as T;

async function newList(name: string): Promise<string> {
  const res = await em.graph(`/sites/${siteId}/lists`, { method: 'POST', json: { displayName: name, columns: [{ name: 'N', number: {}, indexed: true }] } });
  expect(res.status).toBe(201);
  return (await json<{ id: string }>(res)).id;
}

/** Follows nextLinks to the end of a delta round; returns every item seen and the deltaLink. */
async function drain(url: string): Promise<{ items: DeltaPage['value']; deltaLink: string; pages: number }> {
  const items: DeltaPage['value'] = [];
  let pages = 0;
  for (let next = url; ; ) {
    const res = await em.graph(next);
    expect(res.status, await res.clone().text()).toBe(200);
    const page = await json<DeltaPage>(res);
    pages++;
    items.push(...page.value);
    if (page['@odata.deltaLink']) {
      expect(page['@odata.nextLink']).toBeUndefined();
      return { items, deltaLink: page['@odata.deltaLink'], pages };
    }
    expect(page['@odata.nextLink']).toMatch(/[?&]token=/);
    next = page['@odata.nextLink'] as string;
  }
}

beforeAll(async () => {
  em = await startTestEmulator();
  siteId = await em.newSite('/sites/delta');
});

afterAll(async () => {
  await em.close();
});

describe('list item delta', () => {
  it('the first round enumerates every item across pages and ends with a deltaLink carrying ?token=', async () => {
    const list = await newList('Delta1');
    for (let n = 0; n < 7; n++) await em.graph(`/sites/${siteId}/lists/${list}/items`, { method: 'POST', json: { fields: { N: n } } });
    const round = await drain(`/sites/${siteId}/lists/${list}/items/delta?$top=3`);
    expect(round.pages).toBe(3);
    expect(round.items.map((i) => i.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(round.deltaLink).toMatch(/\/items\/delta\?(.*&)?token=/);
  });

  it('the next round returns only changed items, each once at its latest state, and deletions with the deleted facet', async () => {
    const list = await newList('Delta2');
    const items = `/sites/${siteId}/lists/${list}/items`;
    for (let n = 0; n < 4; n++) await em.graph(items, { method: 'POST', json: { fields: { N: n } } });
    const first = await drain(`${items}/delta?expand=fields(select=N)`);
    await em.graph(`${items}/2/fields`, { method: 'PATCH', json: { N: 20 } });
    await em.graph(`${items}/2/fields`, { method: 'PATCH', json: { N: 21 } });
    await em.graph(`${items}/3`, { method: 'DELETE' });
    await em.graph(items, { method: 'POST', json: { fields: { N: 5 } } });
    const second = await drain(first.deltaLink);
    expect(second.items.map((i) => i.id)).toEqual(['2', '3', '5']);
    expect(second.items[0]?.fields?.N).toBe(21);
    expect(second.items[1]?.deleted).toEqual({ state: 'deleted' });
    const third = await drain(second.deltaLink);
    expect(third.items).toEqual([]);
  });

  it('token=latest answers an empty page and a deltaLink from now on', async () => {
    const list = await newList('Delta3');
    const items = `/sites/${siteId}/lists/${list}/items`;
    await em.graph(items, { method: 'POST', json: { fields: { N: 1 } } });
    const res = await json<DeltaPage>(await em.graph(`${items}/delta?token=latest`));
    expect(res.value).toEqual([]);
    await em.graph(items, { method: 'POST', json: { fields: { N: 2 } } });
    const after = await drain(res['@odata.deltaLink'] as string);
    expect(after.items.map((i) => i.id)).toEqual(['2']);
  });

  it('a token that is too old, garbled or from before a reset answers 410 Gone with a fresh link in Location', async () => {
    const list = await newList('Delta4');
    const items = `/sites/${siteId}/lists/${list}/items`;
    const { deltaLink } = await drain(`${items}/delta`);
    const garbled = await em.graph(`${items}/delta?token=not-a-token`);
    expect(garbled.status).toBe(410);
    expect(garbled.headers.get('location')).toMatch(/\/items\/delta$/);
    await fetch(`${em.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ deltaTokenMaxAgeSeconds: 1 }) });
    await new Promise((r) => setTimeout(r, 1100));
    const old = await em.graph(deltaLink);
    await fetch(`${em.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ reset: true }) });
    expect(old.status).toBe(410);
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe('resyncChangesApplyDifferences');
  });
});

describe('$batch', () => {
  const create = (id: string, list: string, n: number, dependsOn?: string[]) => ({
    id,
    method: 'POST',
    url: `/sites/${siteId}/lists/${list}/items`,
    headers: { 'Content-Type': 'application/json' },
    body: { fields: { N: n } },
    ...(dependsOn ? { dependsOn } : {}),
  });

  it('runs up to 20 requests and answers each with its own id, status and body', async () => {
    const list = await newList('Batch1');
    const requests = Array.from({ length: 20 }, (_, i) => create(String(i + 1), list, i));
    const res = await em.graph('/$batch', { method: 'POST', json: { requests } });
    expect(res.status).toBe(200);
    const out = await json<{ responses: { id: string; status: number; body: { id: string } }[] }>(res);
    expect(out.responses).toHaveLength(20);
    expect(out.responses.every((r) => r.status === 201)).toBe(true);
    expect(new Set(out.responses.map((r) => r.body.id)).size).toBe(20);
  });

  it('21 requests answer 400 and nothing is run', async () => {
    const list = await newList('Batch2');
    const requests = Array.from({ length: 21 }, (_, i) => create(String(i + 1), list, i));
    const res = await em.graph('/$batch', { method: 'POST', json: { requests } });
    expect(res.status).toBe(400);
    const items = await json<{ value: unknown[] }>(await em.graph(`/sites/${siteId}/lists/${list}/items`));
    expect(items.value).toHaveLength(0);
  });

  it('duplicate ids (case-insensitive), an unknown dependsOn and an empty batch answer 400', async () => {
    const list = await newList('Batch3');
    for (const requests of [[create('a', list, 1), create('A', list, 2)], [create('1', list, 1, ['9'])], []]) {
      const res = await em.graph('/$batch', { method: 'POST', json: { requests } });
      expect(res.status).toBe(400);
    }
  });

  it('a request whose dependency failed answers 424; one that depends on a success runs after it', async () => {
    const list = await newList('Batch4');
    const requests = [
      { id: '1', method: 'GET', url: `/sites/${siteId}/lists/${list}/items/404` },
      create('2', list, 2, ['1']),
      create('3', list, 3),
      create('4', list, 4, ['3']),
    ];
    const out = await json<{ responses: { id: string; status: number }[] }>(await em.graph('/$batch', { method: 'POST', json: { requests } }));
    const status = Object.fromEntries(out.responses.map((r) => [r.id, r.status]));
    expect(status).toEqual({ '1': 404, '2': 424, '3': 201, '4': 201 });
  });

  it('throttling applies to each request inside a batch on its own', async () => {
    const list = await newList('Batch5');
    await fetch(`${em.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ rate429: 0.5, seed: 7 }) });
    let out: { responses: { status: number; headers: Record<string, string> }[] };
    try {
      // The outer request may itself be throttled; try until it is not.
      let res: Response;
      do res = await em.graph('/$batch', { method: 'POST', json: { requests: Array.from({ length: 20 }, (_, i) => create(String(i + 1), list, i)) } });
      while (res.status === 429);
      out = await json(res);
    } finally {
      await fetch(`${em.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ reset: true }) });
    }
    const throttled = out.responses.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.length).toBeLessThan(20);
    expect(throttled.every((r) => r.headers['Retry-After'] === '1')).toBe(true);
    const stored = await json<{ value: unknown[] }>(await em.graph(`/sites/${siteId}/lists/${list}/items`));
    expect(stored.value).toHaveLength(20 - throttled.length);
  });
});

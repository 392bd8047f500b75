// Names for a page of cases: the ones not kept are asked for in one call, then kept for a while (misses too).
import { describe, expect, it } from 'vitest';
import { person } from '../../domain/test-fixtures.js';
import { PersonNames } from './person-names.js';

describe('PersonNames', () => {
  it('asks once for every unknown id of a page, keeps names and misses until they are older than the ttl', async () => {
    const calls: string[][] = [];
    let now = 0;
    const names = new PersonNames(
      async (ids) => {
        calls.push([...ids]);
        return ids.filter((id) => id !== 'ghost').map((id) => ({ ...person(id, 'sh'), name: `Navn ${id}` }));
      },
      { ttlMs: 1000, now: () => now },
    );
    expect([...(await names.names(['a', 'b', null, 'a', 'ghost', '']))]).toEqual([
      ['a', 'Navn a'],
      ['b', 'Navn b'],
    ]);
    expect(calls).toEqual([['a', 'b', 'ghost']]);
    await names.names(['b', 'ghost', 'c']);
    expect(calls).toEqual([['a', 'b', 'ghost'], ['c']]);
    now = 1001;
    await names.names(['a']);
    expect(calls.at(-1)).toEqual(['a']);
  });

  it('keeps at most `max` names, dropping the oldest', async () => {
    const asked: string[] = [];
    const names = new PersonNames(
      async (ids) => {
        asked.push(...ids);
        return ids.map((id) => person(id, 'sh'));
      },
      { max: 2 },
    );
    await names.names(['a', 'b', 'c']);
    asked.length = 0;
    await names.names(['a', 'c']);
    expect(asked).toEqual(['a']);
  });
});

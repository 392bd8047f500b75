// Tests for keyset paging: SQL shape, skip tokens, and paging through real SQLite data against the full ordered result.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ODataError } from './errors.js';
import { decodeSkipToken, encodeSkipToken, keysetAfter, MAX_SKIPTOKEN_LENGTH, orderSql, type KeysetTerm, type KeyValue } from './keyset.js';
import { prng } from '../prng.js';

const f = (name: string) => `json_extract(fields,'$."${name}"')`;
const ID: KeysetTerm = { sql: 'id', desc: false };

describe('orderSql', () => {
  it('writes every term with an explicit direction', () => {
    expect(orderSql([{ sql: f('Due'), desc: true }, ID])).toBe(`ORDER BY ${f('Due')} DESC, id ASC`);
    expect(() => orderSql([])).toThrow();
  });
});

describe('keysetAfter', () => {
  it('nests ties so the SQL grows linearly', () => {
    expect(keysetAfter([{ sql: 'a', desc: false }, { sql: 'b', desc: true }, ID], ['x', 2, 7])).toEqual({
      sql: '(a > ? OR (a = ? AND ((b < ? OR b IS NULL) OR (b = ? AND id > ?))))',
      params: ['x', 'x', 2, 2, 7],
    });
  });

  it('knows NULLs sort first ascending and last descending', () => {
    expect(keysetAfter([{ sql: 'a', desc: false }, ID], [null, 3])).toEqual({ sql: '(a IS NOT NULL OR (a IS NULL AND id > ?))', params: [3] });
    expect(keysetAfter([{ sql: 'a', desc: true }, ID], [null, 3])).toEqual({ sql: '(a IS NULL AND id > ?)', params: [3] });
    expect(keysetAfter([{ sql: 'id', desc: true }], [1])).toEqual({ sql: '(id < ? OR id IS NULL)', params: [1] });
    // Nothing sorts after NULL in a descending last term.
    expect(keysetAfter([{ sql: 'a', desc: true }], [null])).toEqual({ sql: '0', params: [] });
  });

  it('keeps hostile values in params', () => {
    const { sql, params } = keysetAfter([{ sql: 'a', desc: false }, ID], ["'; DROP TABLE items; --", 1]);
    expect(sql).not.toMatch(/DROP/);
    expect(params).toEqual(["'; DROP TABLE items; --", "'; DROP TABLE items; --", 1]);
  });

  it('refuses values that do not fit the terms', () => {
    expect(() => keysetAfter([{ sql: 'a', desc: false }, ID], [1])).toThrow(ODataError);
    expect(() => keysetAfter([{ sql: 'a', desc: false }, ID], [1])).toThrow(/holds 1 sort values but this query sorts by 2/);
    expect(() => keysetAfter([ID], [Number.NaN])).toThrow(TypeError);
  });
});

describe('skip tokens', () => {
  it('round-trips values and extra exactly, types included', () => {
    const values: KeyValue[] = ['Bærum', null, 0, -1.25, '5', '', 'æøå ÆØÅ 😀', 9007199254740991];
    const token = encodeSkipToken(values, { o: 'fields/Due desc,id', n: 3 });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decodeSkipToken(token)).toEqual({ values, extra: { o: 'fields/Due desc,id', n: 3 } });
    expect(decodeSkipToken(encodeSkipToken([1]))).toEqual({ values: [1], extra: {} });
  });

  it('refuses what it cannot encode', () => {
    expect(() => encodeSkipToken([Number.POSITIVE_INFINITY])).toThrow(TypeError);
    expect(() => encodeSkipToken([{} as unknown as KeyValue])).toThrow(TypeError);
    expect(() => encodeSkipToken([1], { o: Number.NaN })).toThrow(TypeError);
  });

  const token = encodeSkipToken(['Open', 42], { o: 'sig' });
  const [payload = '', sum = ''] = token.split('.');
  /** A token with a valid checksum around any JSON text: what someone who read this code could forge. */
  const forge = (json: string) => {
    const p = Buffer.from(json, 'utf8').toString('base64url');
    return `${p}.${createHash('sha256').update(p).digest('base64url').slice(0, 16)}`;
  };

  it.each([
    ['empty', ''],
    ['no checksum', payload],
    ['two dots', `${token}.x`],
    ['not base64url', `${payload}+/.${sum}`],
    ['truncated payload', `${payload.slice(0, -2)}.${sum}`],
    ['truncated checksum', token.slice(0, -1)],
    ['edited payload', `${Buffer.from(JSON.stringify({ v: ['Open', 43], x: { o: 'sig' } })).toString('base64url')}.${sum}`],
    ['one flipped character', `${payload.slice(0, 5)}${payload[5] === 'A' ? 'B' : 'A'}${payload.slice(6)}.${sum}`],
    ['spaces', ` ${token}`],
    ['percent-encoded', encodeURIComponent(`${token}=`)],
    ['SQL', "1'; DROP TABLE items; --"],
    ['too long', `${'A'.repeat(MAX_SKIPTOKEN_LENGTH)}.${sum}`],
    ['forged non-JSON', (() => { const p = Buffer.from('{nope').toString('base64url'); return `${p}.${createHash('sha256').update(p).digest('base64url').slice(0, 16)}`; })()],
    ['forged array', forge('[1,2]')],
    ['forged missing x', forge('{"v":[1]}')],
    ['forged object value', forge('{"v":[{"a":1}],"x":{}}')],
    ['forged boolean value', forge('{"v":[true],"x":{}}')],
    ['forged null extra', forge('{"v":[1],"x":{"o":null}}')],
  ])('refuses a token that is %s', (_, bad) => {
    expect(() => decodeSkipToken(bad)).toThrow(ODataError);
    expect(() => decodeSkipToken(bad)).toThrow(/The \$skiptoken is not valid \(.+\); use the @odata\.nextLink exactly as it was returned\./);
  });

  it('keeps a forged __proto__ key as plain data', () => {
    const decoded = decodeSkipToken(forge('{"v":[1],"x":{"__proto__":"x","o":"sig"}}'));
    expect(Object.getPrototypeOf(decoded.extra)).toBe(Object.prototype);
    expect(Object.keys(decoded.extra)).toEqual(['__proto__', 'o']);
  });
});

describe('keyset paging against SQLite', () => {

  // Few distinct values per field, so duplicates and NULL runs are the norm; M mixes storage classes.
  const POOL: Record<string, readonly unknown[]> = {
    A: [0, 1, 2, 3],
    B: ['a', 'B', 'b', 'æ', 'ø', 'å', 'Å', '', "'; DROP TABLE items; --"],
    C: ['2024-01-01T00:00:00Z', '2024-01-01T00:00:01Z', '2023-12-31T23:59:59Z'],
    D: [true, false],
    M: [1, 2.5, '1', 'x', -4],
  };
  const NAMES = Object.keys(POOL);

  function makeDb(rand: () => number, rows: number) {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, fields TEXT NOT NULL)');
    // Indexes invite the planner to walk an index instead of sorting; the pages must agree either way.
    db.exec(`CREATE INDEX items_a ON items (${f('A')})`);
    db.exec(`CREATE INDEX items_b ON items (${f('B')})`);
    db.exec(`CREATE INDEX items_ab ON items (${f('A')}, ${f('B')} DESC)`);
    const insert = db.prepare('INSERT INTO items (id, fields) VALUES (?, ?)');
    // Ids with gaps, inserted out of order.
    const ids = Array.from({ length: rows }, (_, i) => i * 3 + 1).sort(() => rand() - 0.5);
    for (const id of ids) {
      const fields: Record<string, unknown> = {};
      for (const n of NAMES) {
        const r = rand();
        if (r < 0.15) continue;
        const pool = POOL[n] ?? [];
        fields[n] = r < 0.35 ? null : pool[Math.floor(rand() * pool.length)];
      }
      insert.run(id, JSON.stringify(fields));
    }
    return db;
  }

  function pageThrough(db: Database.Database, terms: KeysetTerm[], pageSize: number, where: string): number[] {
    const select = `SELECT ${terms.map((t, i) => `${t.sql} AS k${i}`).join(', ')} FROM items`;
    const out: number[] = [];
    let token: string | undefined;
    for (let guard = 0; guard < 10_000; guard++) {
      const after = token === undefined ? { sql: '1', params: [] } : keysetAfter(terms, decodeSkipToken(token).values);
      const rows = db.prepare(`${select} WHERE (${where}) AND ${after.sql} ${orderSql(terms)} LIMIT ?`).all(...after.params, pageSize) as Record<string, KeyValue>[];
      expect(rows.length).toBeLessThanOrEqual(pageSize);
      if (rows.length === 0) return out;
      const idIndex = terms.findIndex((t) => t.sql === 'id');
      for (const row of rows) out.push(row[`k${idIndex}`] as number);
      const last = rows[rows.length - 1] as Record<string, KeyValue>;
      token = encodeSkipToken(terms.map((_, i) => last[`k${i}`] ?? null), { o: 'sig' });
    }
    throw new Error('paging did not terminate');
  }

  it('concatenated pages equal the full ordered result, for many random orderings, filters and page sizes', () => {
    for (const seed of [1, 2, 3, 42, 20240131]) {
      const rand = prng(seed);
      const db = makeDb(rand, 120);
      const wheres = ['1', `${f('A')} IS NOT 2`, `${f('B')} IS NOT NULL`, `id % 2 = 0`];
      for (let round = 0; round < 25; round++) {
        const names = [...NAMES].sort(() => rand() - 0.5).slice(0, 1 + Math.floor(rand() * 4));
        const terms: KeysetTerm[] = names.map((n) => ({ sql: f(n), desc: rand() < 0.5 }));
        // The emulator always appends id ascending; descending is exercised too, since the condition must not care.
        terms.push({ sql: 'id', desc: rand() < 0.2 });
        const where = wheres[Math.floor(rand() * wheres.length)] ?? '1';
        const full = (db.prepare(`SELECT id FROM items WHERE ${where} ${orderSql(terms)}`).all() as { id: number }[]).map((r) => r.id);
        const pageSize = 1 + Math.floor(rand() * 7);
        const label = `seed ${seed} round ${round}: ${orderSql(terms)} WHERE ${where}, pages of ${pageSize}`;
        expect(pageThrough(db, terms, pageSize, where), label).toEqual(full);
        expect(new Set(full).size, label).toBe(full.length);
      }
      db.close();
    }
  });

  it('pages through a list where every sort value is NULL or equal', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, fields TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO items (id, fields) VALUES (?, ?)');
    for (let id = 1; id <= 20; id++) insert.run(id, JSON.stringify(id % 2 ? {} : { A: 1 }));
    for (const desc of [false, true]) {
      const terms = [{ sql: f('A'), desc }, { sql: f('Missing'), desc: !desc }, ID];
      const full = (db.prepare(`SELECT id FROM items ${orderSql(terms)}`).all() as { id: number }[]).map((r) => r.id);
      expect(full).toHaveLength(20);
      for (const size of [1, 3, 20, 50]) expect(pageThrough(db, terms, size, '1')).toEqual(full);
    }
    db.close();
  });
});

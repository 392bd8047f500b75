// Tests for compileFilter: the SQL and parameters it emits, type rules, and its results against real SQLite.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ODataError } from './errors.js';
import type { CompareOp, FilterExpr, Operand } from './filter-ast.js';
import { MAX_FILTER_LENGTH, parseFilter } from './filter-parser.js';
import { compileFilter, type FieldType, type ResolvedField } from './filter-sql.js';
import { prng } from '../prng.js';

const TYPES: Record<string, FieldType> = { T: 'text', N: 'number', B: 'boolean', D: 'dateTime', L: 'lookupId' };
const fieldSql = (name: string) => `json_extract(fields,'$."${name}"')`;

/** The emulator's resolver in miniature: fields/<known name> and id, anything else refused. */
function resolve(path: string[]): ResolvedField {
  if (path.length === 1 && path[0] === 'id') return { sql: 'id', type: 'number' };
  const [head, name] = path;
  const type = name === undefined ? undefined : TYPES[name];
  if (head !== 'fields' || path.length !== 2 || name === undefined || type === undefined) {
    throw new ODataError(`Field '${path.join('/')}' is not recognized.`);
  }
  return { sql: fieldSql(name), type };
}

const compile = (filter: string) => compileFilter(parseFilter(filter), resolve);

function errorOf(filter: string): ODataError {
  try {
    compile(filter);
  } catch (e) {
    if (e instanceof ODataError) return e;
    throw e;
  }
  throw new Error(`expected ${filter} to be rejected`);
}

type Fields = Partial<Record<'T' | 'N' | 'B' | 'D' | 'L', string | number | boolean | null>>;

// A small fixed list; the random test below adds breadth.
const ROWS: Fields[] = [
  { T: 'Open', N: 1, B: true, D: '2024-01-31T12:00:00Z', L: 6 },
  { T: 'open', N: 2.5, B: false, D: '2024-02-01T00:00:00Z', L: 7 },
  { T: 'Closed', N: -3, B: true, D: '2023-12-31T23:59:59Z' },
  { T: null, N: null, B: null, D: null, L: null },
  {},
  { T: 'Ærfugl på Østre', N: 10 },
  { T: '100% sure_thing', N: 0 },
  { T: "'; DROP TABLE items; --", N: 5 },
];

let db: Database.Database;

function ids(filter: string): number[] {
  const { sql, params } = compile(filter);
  return (db.prepare(`SELECT id FROM items WHERE ${sql} ORDER BY id`).all(...params) as { id: number }[]).map((r) => r.id);
}

beforeAll(() => {
  db = new Database(':memory:');
  db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, fields TEXT NOT NULL)');
  db.exec(`CREATE INDEX items_t ON items (${fieldSql('T')})`);
  db.exec(`CREATE INDEX items_n ON items (${fieldSql('N')})`);
  const insert = db.prepare('INSERT INTO items (id, fields) VALUES (?, ?)');
  ROWS.forEach((fields, i) => insert.run(i + 1, JSON.stringify(fields)));
});

afterAll(() => db.close());

describe('compileFilter: SQL text', () => {
  it('uses the resolver expression verbatim with one ? per value', () => {
    expect(compile("fields/T eq 'Open'")).toEqual({ sql: `${fieldSql('T')} = ?`, params: ['Open'], paths: [['fields', 'T']] });
    expect(compile('id le 3')).toEqual({ sql: 'id <= ?', params: [3], paths: [['id']] });
  });

  it('lets SQLite use the expression index', () => {
    for (const filter of ["fields/T eq 'Open'", 'fields/N gt 2', "fields/T ge 'A' and fields/T lt 'P'"]) {
      const { sql, params } = compile(filter);
      const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM items WHERE ${sql}`).all(...params) as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n'), filter).toMatch(/USING (COVERING )?INDEX items_[tn]/);
    }
  });

  it('maps each operator, and mirrors it when the literal is on the left', () => {
    const table: [string, string][] = [
      ['fields/N eq 1', '= ?'], ['fields/N gt 1', '> ?'], ['fields/N ge 1', '>= ?'], ['fields/N lt 1', '< ?'], ['fields/N le 1', '<= ?'],
      ['fields/N ne 1', 'IS NOT ?'],
      ['1 eq fields/N', '= ?'], ['1 gt fields/N', '< ?'], ['1 ge fields/N', '<= ?'], ['1 lt fields/N', '> ?'], ['1 le fields/N', '>= ?'],
      ['1 ne fields/N', 'IS NOT ?'],
    ];
    for (const [filter, op] of table) expect(compile(filter).sql, filter).toBe(`${fieldSql('N')} ${op}`);
    expect(ids('2 lt fields/N')).toEqual(ids('fields/N gt 2'));
    expect(ids("'Open' eq fields/T")).toEqual([1]);
  });

  it('turns eq null and ne null into IS NULL and IS NOT NULL, with no parameter', () => {
    expect(compile('fields/T eq null')).toMatchObject({ sql: `${fieldSql('T')} IS NULL`, params: [] });
    expect(compile('null ne fields/T')).toMatchObject({ sql: `${fieldSql('T')} IS NOT NULL`, params: [] });
    expect(ids('fields/T eq null')).toEqual([4, 5]);
    expect(ids('fields/L ne null')).toEqual([1, 2]);
    expect(errorOf('fields/N gt null').message).toBe('fields/N gt null is not supported; null can only be compared with eq or ne.');
  });

  it('groups and/or chains flat, and makes not two-valued', () => {
    expect(compile('fields/N eq 1 and fields/N eq 2 and fields/N eq 3').sql).toBe(
      `(${fieldSql('N')} = ? AND ${fieldSql('N')} = ? AND ${fieldSql('N')} = ?)`,
    );
    expect(compile('fields/N eq 1 or (fields/N eq 2 and fields/N eq 3)').sql).toBe(
      `(${fieldSql('N')} = ? OR (${fieldSql('N')} = ? AND ${fieldSql('N')} = ?))`,
    );
    expect(compile('not (fields/N eq 1)').sql).toBe(`(NOT COALESCE(${fieldSql('N')} = ?, 0))`);
  });

  it('lists each referenced path once, in order of first use', () => {
    expect(compile("fields/N eq 1 or startswith(fields/T,'a') or fields/N eq 2 or id eq 1").paths).toEqual([['fields', 'N'], ['fields', 'T'], ['id']]);
  });

  it('passes the resolver\'s error for an unknown field through', () => {
    expect(errorOf('fields/Nope eq 1').message).toBe("Field 'fields/Nope' is not recognized.");
    expect(errorOf("startswith(fields/Nope,'a')").message).toMatch(/fields\/Nope/);
  });
});

describe('compileFilter: injection', () => {
  it('puts a hostile string only into params, and the table survives', () => {
    const hostile = "'; DROP TABLE items; --";
    const compiled = compile(`fields/T eq '${hostile.replaceAll("'", "''")}'`);
    expect(compiled.params).toEqual([hostile]);
    expect(compiled.sql).not.toMatch(/DROP|--|;/);
    expect(ids(`fields/T eq '${hostile.replaceAll("'", "''")}'`)).toEqual([8]);
    expect(ids("startswith(fields/T,''';')")).toEqual([8]);
    expect(db.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: ROWS.length });
  });

  it('never writes literal text into the SQL', () => {
    const compiled = compile("fields/T eq 'x) OR 1=1 OR (''' or startswith(fields/T, 'y%') or fields/D lt '2024-01-01'");
    expect(compiled.sql).not.toMatch(/x\)|1=1|y%|2024/);
    expect(compiled.params).toEqual(["x) OR 1=1 OR ('", 'y%', 'y%', '2024-01-01T00:00:00Z']);
  });
});

describe('compileFilter: types', () => {
  it('compares booleans as the 1/0 json_extract reads from JSON true/false, with eq and ne only', () => {
    expect(compile('fields/B eq true').params).toEqual([1]);
    expect(compile('false eq fields/B').params).toEqual([0]);
    expect(ids('fields/B eq true')).toEqual([1, 3]);
    expect(ids('fields/B eq false')).toEqual([2]);
    expect(ids('fields/B ne true')).toEqual([2, 4, 5, 6, 7, 8]);
    expect(errorOf('fields/B gt false').message).toBe('fields/B is a yes/no field; it can only be compared with eq or ne, not gt.');
    expect(errorOf('fields/B eq 1').message).toBe('fields/B is a yes/no field; compare it with true or false, not the number 1.');
    expect(errorOf("fields/B eq 'true'").message).toMatch(/compare it with true or false, not the string 'true'/);
  });

  it('compares dateTime fields with datetime literals and with quoted ISO dates, normalized', () => {
    expect(compile('fields/D lt 2024-02-01T01:00:00+01:00').params).toEqual(['2024-02-01T00:00:00Z']);
    expect(compile("fields/D lt '2024-02-01T01:00:00.123+01:00'").params).toEqual(['2024-02-01T00:00:00Z']);
    expect(compile("fields/D ge '2024-01-31'").params).toEqual(['2024-01-31T00:00:00Z']);
    expect(ids("fields/D lt '2024-02-01T00:00:00Z'")).toEqual([1, 3]);
    expect(ids('fields/D ge 2024-01-31T12:00:00Z')).toEqual([1, 2]);
    expect(ids("fields/D eq datetime'2024-01-31T13:00:00+01:00'")).toEqual([1]);
    expect(errorOf("fields/D lt 'next week'").message).toMatch(/'next week' is not a valid date\/time/);
    expect(errorOf("fields/D lt '2024-13-01'").message).toMatch(/month 13 does not exist/);
    expect(errorOf('fields/D lt 20240101').message).toBe(
      'fields/D is a date/time field; compare it with a date such as 2024-01-31T12:00:00Z, not the number 20240101.',
    );
  });

  it('keeps numbers and text apart, both ways', () => {
    expect(errorOf("fields/N eq '5'").message).toBe("fields/N is a number field; compare it with a number such as 42, not the string '5'.");
    expect(errorOf('fields/T eq 5').message).toBe("fields/T is a text field; compare it with a quoted string such as 'text', not the number 5.");
    expect(errorOf('fields/T eq true').message).toMatch(/not the boolean true/);
    expect(errorOf('fields/T eq 2024-01-01').message).toMatch(/not the date 2024-01-01T00:00:00Z/);
    expect(errorOf('fields/N eq 2024-01-01').message).toMatch(/number field/);
    expect(ids('fields/N ge 2.5')).toEqual([2, 6, 8]);
  });

  it('wants whole numbers for lookup ids', () => {
    expect(compile('fields/L eq 6').params).toEqual([6]);
    expect(ids('fields/L eq 6')).toEqual([1]);
    expect(errorOf('fields/L eq 6.5').message).toMatch(/lookup id field; compare it with a whole-number id such as 12, not the number 6.5/);
    expect(errorOf("fields/L eq '6'").message).toMatch(/not the string '6'/);
  });

  it('refuses comparing two fields, or two values', () => {
    expect(errorOf('fields/N eq fields/L').message).toBe(
      'Comparing two fields (fields/N eq fields/L) is not supported; compare a field with a value.',
    );
    expect(errorOf('1 eq 1').message).toBe('The comparison 1 eq 1 has no field; one side must be a field.');
    expect(errorOf("'a' ne null").message).toMatch(/has no field/);
  });
});

describe('compileFilter: startswith', () => {
  it('emits a parameterized prefix test', () => {
    expect(compile("startswith(fields/T,'Op')")).toEqual({
      sql: `substr(${fieldSql('T')}, 1, length(?)) = ?`,
      params: ['Op', 'Op'],
      paths: [['fields', 'T']],
    });
  });

  it('is case-sensitive, counts characters, and treats % and _ literally', () => {
    expect(ids("startswith(fields/T,'Op')")).toEqual([1]);
    expect(ids("startswith(fields/T,'op')")).toEqual([2]);
    expect(ids("startswith(fields/T,'Ærfugl på Ø')")).toEqual([6]);
    expect(ids("startswith(fields/T,'100%')")).toEqual([7]);
    expect(ids("startswith(fields/T,'%')")).toEqual([]);
    expect(ids("startswith(fields/T,'_')")).toEqual([]);
    expect(ids("startswith(fields/T,'')")).toEqual([1, 2, 3, 6, 7, 8]);
  });

  it('wants a text field first and a quoted string second', () => {
    expect(errorOf("startswith(fields/N,'1')").message).toBe('startswith needs a text field; fields/N is a number field.');
    expect(errorOf("startswith('abc',fields/T)").message).toBe("The first argument of startswith must be a field, not 'abc'.");
    expect(errorOf('startswith(fields/T,1)').message).toBe('The second argument of startswith must be a quoted string, not 1.');
    expect(errorOf('startswith(fields/T,fields/T)').message).toMatch(/must be a quoted string, not fields\/T/);
    expect(errorOf('startswith(fields/T,null)').message).toMatch(/not null/);
  });
});

describe('compileFilter: null semantics', () => {
  it('matches empty fields with ne, as SharePoint does', () => {
    expect(ids("fields/T ne 'Open'")).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(ids('fields/N ne 1')).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it('makes not the exact complement, empty fields included', () => {
    const all = ROWS.map((_, i) => i + 1);
    for (const inner of ["fields/T eq 'Open'", "fields/T ne 'Open'", 'fields/N gt 0', "startswith(fields/T,'O')", 'fields/T eq null',
      "fields/N gt 0 and fields/T ne 'x'", 'fields/N lt 0 or fields/B eq true']) {
      const yes = ids(inner);
      const no = ids(`not (${inner})`);
      expect([...yes, ...no].sort((a, b) => a - b), inner).toEqual(all);
      expect(ids(`not (not (${inner}))`), inner).toEqual(yes);
    }
    expect(ids('not (fields/N gt 0)')).toEqual([3, 4, 5, 7]);
  });
});

describe('compileFilter: against a reference evaluator on random data', () => {

  const POOL = {
    T: ['a', 'ab', 'B', 'æøå', 'Æ', 'å', 'zz', ''],
    N: [-1, 0, 1, 2.5, 3],
    B: [true, false],
    D: ['2024-01-01T00:00:00Z', '2024-06-30T12:00:00Z', '2025-01-01T00:00:00Z'],
    L: [1, 2, 3],
  } as const;
  type Name = keyof typeof POOL;
  const NAMES = Object.keys(POOL) as Name[];
  const OPS: CompareOp[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

  it('agrees with a plain-JS evaluation for 400 random filters over 200 random items', () => {
    const seed = 20240131;
    const rand = prng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

    const rdb = new Database(':memory:');
    rdb.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, fields TEXT NOT NULL)');
    const items: Record<string, unknown>[] = [];
    const insert = rdb.prepare('INSERT INTO items (id, fields) VALUES (?, ?)');
    for (let id = 1; id <= 200; id++) {
      const f: Record<string, unknown> = {};
      for (const n of NAMES) {
        const r = rand();
        if (r < 0.2) continue; // absent
        f[n] = r < 0.3 ? null : pick(POOL[n] as readonly unknown[]);
      }
      items.push(f);
      insert.run(id, JSON.stringify(f));
    }

    const literalFor = (n: Name): Operand => {
      const v = pick(POOL[n] as readonly (string | number | boolean)[]);
      if (n === 'D') return { kind: 'literal', type: 'datetime', value: v };
      return { kind: 'literal', type: typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'boolean', value: v };
    };
    const leaf = (): FilterExpr => {
      const n = pick(NAMES);
      const field: Operand = { kind: 'property', path: ['fields', n] };
      if (n === 'T' && rand() < 0.2) return { kind: 'call', name: 'startswith', args: [field, literalFor('T')] };
      if (rand() < 0.15) return { kind: 'compare', op: pick(['eq', 'ne'] as const), left: field, right: { kind: 'literal', type: 'null', value: null } };
      const op = n === 'B' ? pick(['eq', 'ne'] as const) : pick(OPS);
      const lit = literalFor(n);
      return rand() < 0.3 ? { kind: 'compare', op, left: lit, right: field } : { kind: 'compare', op, left: field, right: lit };
    };
    const tree = (depth: number): FilterExpr => {
      const r = rand();
      if (depth === 0 || r < 0.35) return leaf();
      if (r < 0.5) return { kind: 'not', expr: tree(depth - 1) };
      return { kind: r < 0.75 ? 'and' : 'or', left: tree(depth - 1), right: tree(depth - 1) };
    };

    const MIRROR: Record<CompareOp, CompareOp> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };
    const evaluate = (e: FilterExpr, f: Record<string, unknown>): boolean => {
      switch (e.kind) {
        case 'and':
          return evaluate(e.left, f) && evaluate(e.right, f);
        case 'or':
          return evaluate(e.left, f) || evaluate(e.right, f);
        case 'not':
          return !evaluate(e.expr, f);
        case 'call': {
          const [p, s] = e.args;
          const v = p.kind === 'property' ? f[p.path[1] ?? ''] : undefined;
          return typeof v === 'string' && v.startsWith(String(s.kind === 'literal' ? s.value : ''));
        }
        case 'compare': {
          const [p, l, op] = e.left.kind === 'property' ? [e.left, e.right, e.op] : [e.right, e.left, MIRROR[e.op]];
          if (p.kind !== 'property' || l.kind !== 'literal') throw new Error('bad generated tree');
          const v = f[p.path[1] ?? ''] ?? null;
          if (l.value === null) return op === 'eq' ? v === null : v !== null;
          if (op === 'ne') return v === null || v !== l.value;
          if (v === null) return false;
          const x = v as string | number;
          const y = l.value as string | number;
          return op === 'eq' ? x === y : op === 'gt' ? x > y : op === 'ge' ? x >= y : op === 'lt' ? x < y : x <= y;
        }
      }
    };

    for (let i = 0; i < 400; i++) {
      const expr = tree(4);
      const { sql, params } = compileFilter(expr, resolve);
      const got = (rdb.prepare(`SELECT id FROM items WHERE ${sql} ORDER BY id`).all(...params) as { id: number }[]).map((r) => r.id);
      const want = items.flatMap((f, k) => (evaluate(expr, f) ? [k + 1] : []));
      expect(got, `seed ${seed}, filter #${i}: ${JSON.stringify(expr)}`).toEqual(want);
    }
    rdb.close();
  });
});

describe('compileFilter: size limits', () => {
  it('runs the longest filter the parser allows', () => {
    const term = "fields/T eq 'x'";
    const terms = Math.floor((MAX_FILTER_LENGTH + 4) / (term.length + 4));
    const text = Array.from({ length: terms }, () => term).join(' or ');
    expect(text.length).toBeLessThanOrEqual(MAX_FILTER_LENGTH);
    const { sql, params } = compile(text);
    expect(params).toHaveLength(terms);
    expect(() => db.prepare(`SELECT id FROM items WHERE ${sql}`).all(...params)).not.toThrow();
  });

  it('runs the deepest nesting the parser allows', () => {
    const text = `${'not ('.repeat(50)}fields/N eq 1${')'.repeat(50)}`;
    expect(ids(text)).toEqual(ids('fields/N eq 1'));
    const parens = `${'('.repeat(100)}fields/N eq 1${')'.repeat(100)}`;
    expect(ids(parens)).toEqual([1]);
  });
});

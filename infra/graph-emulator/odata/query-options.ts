// Reads Graph's query options ($select, $expand, $filter, $orderby, $top, $skiptoken, $count) into one typed value.
import { ODataError } from './errors.js';
import type { FilterExpr } from './filter-ast.js';
import { parseFilter } from './filter-parser.js';
import { parseOrderBy, type OrderTerm } from './orderby.js';

export type { OrderTerm } from './orderby.js';

export interface ExpandItem {
  name: string;
  select?: string[];
  expand?: ExpandItem[];
  /** `items($top=5)` under a list; Graph allows it there, so the routes can honour it. */
  top?: number;
}

export interface QueryOptions {
  select?: string[];
  expand?: ExpandItem[];
  filter?: FilterExpr;
  /** The $filter as written, for error messages and for links that must repeat it. */
  filterText?: string;
  orderby?: OrderTerm[];
  top?: number;
  skiptoken?: string;
  count?: boolean;
}

/** `$expand=items($expand=fields($select=A))` is two levels; Graph documents one or two, never more. */
export const MAX_EXPAND_DEPTH = 4;

type Supported = 'select' | 'expand' | 'filter' | 'orderby' | 'top' | 'skiptoken' | 'count';
const SUPPORTED = new Set<string>(['select', 'expand', 'filter', 'orderby', 'top', 'skiptoken', 'count']);
// Real OData options the emulator does not implement: named, so the error says "not supported" rather than "unknown".
const NOT_SUPPORTED: Record<string, string> = {
  search: '$search is not supported on SharePoint list data; use $filter.',
  skip: '$skip is not supported; page with the @odata.nextLink (skip token) instead.',
  format: '$format is not supported; responses are always JSON.',
  apply: '$apply is not supported.',
  compute: '$compute is not supported.',
  levels: '$levels is not supported.',
  deltatoken: '$deltatoken is not supported; follow the @odata.deltaLink as returned.',
};

/**
 * Parses the query string. `$`-prefixed names are matched case-insensitively and an unknown one is an
 * error, so a typo or an option the emulator lacks fails loudly instead of being silently ignored.
 * Graph also honours the option names without `$` (`select=id`); those aliases count as the same
 * option, and any other name without `$` is left to the route (e.g. delta's `token`).
 */
export function parseQueryOptions(params: URLSearchParams): QueryOptions {
  const raw = new Map<Supported, { key: string; value: string }>();
  for (const [key, value] of params) {
    const dollar = key.startsWith('$');
    const name = (dollar ? key.slice(1) : key).toLowerCase();
    const notSupported = NOT_SUPPORTED[name];
    if (SUPPORTED.has(name)) {
      const option = name as Supported;
      const earlier = raw.get(option);
      if (earlier) throw new ODataError(`The query option '$${option}' is given more than once ('${earlier.key}' and '${key}').`);
      raw.set(option, { key, value });
    } else if (notSupported !== undefined && (dollar || name === 'search' || name === 'skip')) {
      throw new ODataError(notSupported);
    } else if (dollar) {
      throw new ODataError(`The query option '${key}' is not supported. Supported options: $select, $expand, $filter, $orderby, $top, $skiptoken, $count.`);
    }
  }

  const options: QueryOptions = {};
  for (const [option, { key, value }] of raw) {
    if (value.trim() === '') throw new ODataError(`The query option '${key}' has no value.`);
    switch (option) {
      case 'select':
        options.select = parseSelect(value, key);
        break;
      case 'expand':
        options.expand = parseExpand(value, key);
        break;
      case 'filter':
        try {
          options.filter = parseFilter(value);
        } catch (e) {
          if (e instanceof ODataError) throw new ODataError(`Invalid ${key}: ${e.message}`, e.position);
          throw e;
        }
        options.filterText = value;
        break;
      case 'orderby':
        options.orderby = parseOrderBy(value);
        break;
      case 'top':
        options.top = parseTop(value, key);
        break;
      case 'skiptoken':
        options.skiptoken = value;
        break;
      case 'count': {
        const v = value.toLowerCase();
        if (v !== 'true' && v !== 'false') throw new ODataError(`The query option '${key}' must be true or false, not '${value}'.`);
        options.count = v === 'true';
        break;
      }
    }
  }
  return options;
}

/** `$top`: a positive whole number written plainly (no sign, no spaces, no exponent). */
export function parseTop(value: string, key = '$top'): number {
  const n = positiveInteger(value);
  if (n === undefined) throw new ODataError(`The query option '${key}' must be a positive integer, not '${value}'.`);
  return n;
}

function positiveInteger(value: string): number | undefined {
  const n = Number(value);
  return /^[0-9]+$/.test(value) && Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/** `$select=id,name` → ['id', 'name']. */
export function parseSelect(text: string, key = '$select'): string[] {
  const cursor = new Cursor(text, key);
  const names = cursor.selectList();
  cursor.end();
  return names;
}

/** `$expand=fields($select=Title),columns` → nested ExpandItems. */
export function parseExpand(text: string, key = '$expand'): ExpandItem[] {
  const cursor = new Cursor(text, key);
  const items = cursor.expandList(0);
  cursor.end();
  return items;
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

/** A small hand-written reader for $select and $expand: they nest, and errors should say where. */
class Cursor {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly key: string,
  ) {}

  /** items (',' items)*, stopping before ';' or ')' so an enclosing expand item can take them. */
  selectList(): string[] {
    const names: string[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] === '*') {
        this.i++;
        names.push('*');
      } else {
        names.push(this.name('a property name'));
      }
      this.skipSpace();
      if (this.text[this.i] !== ',') return names;
      this.i++;
    }
  }

  expandList(depth: number): ExpandItem[] {
    const items: ExpandItem[] = [];
    for (;;) {
      this.skipSpace();
      const at = this.i;
      const item: ExpandItem = { name: this.name('a navigation property name') };
      if (items.some((e) => e.name.toLowerCase() === item.name.toLowerCase())) {
        this.fail(`'${item.name}' is expanded twice`, at);
      }
      this.skipSpace();
      if (this.text[this.i] === '(') {
        const open = this.i++;
        if (depth + 1 > MAX_EXPAND_DEPTH) this.fail(`expansions nest deeper than ${MAX_EXPAND_DEPTH} levels`, open);
        this.expandOptions(item, depth + 1);
        this.skipSpace();
        if (this.text[this.i] !== ')') this.fail(`expected ';' or ')' to close the '(' at position ${open}, but found ${this.found()}`);
        this.i++;
        this.skipSpace();
      }
      items.push(item);
      if (this.text[this.i] !== ',') return items;
      this.i++;
    }
  }

  /** option (';' option)* inside `name(...)`; each option with or without `$`, as Graph accepts both. */
  private expandOptions(item: ExpandItem, depth: number): void {
    const seen = new Set<string>();
    for (;;) {
      this.skipSpace();
      const at = this.i;
      const dollar = this.text[this.i] === '$';
      if (dollar) this.i++;
      const written = this.name('a query option such as $select');
      const option = written.toLowerCase();
      const label = `${dollar ? '$' : ''}${written}`;
      if (option !== 'select' && option !== 'expand' && option !== 'top') {
        const known = SUPPORTED.has(option) || option in NOT_SUPPORTED;
        this.fail(`${known ? `the option '${label}' is not supported inside $expand` : `unknown option '${label}'`}; use $select, $expand or $top`, at);
      }
      if (seen.has(option)) this.fail(`the option '${label}' is given twice for '${item.name}'`, at);
      seen.add(option);
      this.skipSpace();
      if (this.text[this.i] !== '=') this.fail(`expected '=' after '${label}', but found ${this.found()}`);
      this.i++;
      this.skipSpace();
      if (option === 'select') item.select = this.selectList();
      else if (option === 'expand') item.expand = this.expandList(depth);
      else item.top = this.top();
      this.skipSpace();
      if (this.text[this.i] !== ';') return;
      this.i++;
    }
  }

  private top(): number {
    const start = this.i;
    while (/[^;)\s]/.test(this.text[this.i] ?? '')) this.i++;
    const value = this.text.slice(start, this.i);
    const n = positiveInteger(value);
    if (n === undefined) this.fail(`$top must be a positive integer, not '${value}'`, start);
    return n;
  }

  end(): void {
    this.skipSpace();
    if (this.i < this.text.length) {
      const c = this.text[this.i];
      const why = c === ')' ? "there is no '(' for it to close" : "expected ',' or the end";
      this.fail(`unexpected ${this.found()}: ${why}`);
    }
  }

  private name(what: string): string {
    const start = this.i;
    if (!NAME_START.test(this.text[this.i] ?? '')) this.fail(`expected ${what}, but found ${this.found()}`);
    while (NAME_PART.test(this.text[this.i] ?? '')) this.i++;
    return this.text.slice(start, this.i);
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.i] ?? '')) this.i++;
  }

  private found(): string {
    const code = this.text.codePointAt(this.i);
    return code === undefined ? 'the end' : `'${String.fromCodePoint(code)}'`;
  }

  private fail(message: string, at = this.i): never {
    throw new ODataError(`Invalid ${this.key} at position ${at}: ${message}.`, at);
  }
}

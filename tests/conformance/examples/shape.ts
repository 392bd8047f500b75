// Compares a response body with a Graph docs example by shape: property names and JSON types, recursively, never values.

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'object') return t;
  throw new Error(`not a JSON value: ${String(value)}`);
}

export interface ShapeOptions {
  /**
   * The example is complete (not `truncated`): a property the emulator adds that the example does not show
   * is a difference too. With `false`, only the properties shown are checked.
   */
  exact: boolean;
  /** Property names the doc block lists as optional (`optionalProperties`): they may be missing or extra. */
  optional?: readonly string[];
  /**
   * The caller is an app with an app-only token: SharePoint then shows writers as
   * `{ user: { displayName: 'SharePoint App' }, application: {…} }` or `{ user: { displayName: 'System Account' } }`,
   * a user without an `id`. The docs' examples were made with delegated (user) tokens and show `user.id`.
   */
  appOnly?: boolean;
}

/** Identity-set properties whose `user.id` an app-only caller does not get. */
const IDENTITY_SETS = new Set(['createdBy', 'lastModifiedBy', 'modifiedBy', 'owner']);

/**
 * Properties Graph adds that the docs leave out of even their complete examples; allowed in exact mode.
 * - `@…` instance annotations (`@odata.context`, `@odata.etag`): OData control information the docs routinely omit.
 * - `innerError` in an error, and `client-request-id` in it: Graph's error resource has an optional innerError
 *   with the request's ids and date, which it sends on every error (learn.microsoft.com/graph/errors); the docs
 *   leave it out of some error examples.
 */
function extraAllowed(path: string[], key: string): boolean {
  if (key.startsWith('@')) return true;
  if (key === 'innerError' && path.at(-1) === 'error' && path.length === 1) return true;
  if (key === 'client-request-id' && path.at(-1) === 'innerError') return true;
  return false;
}

const show = (path: string[]) => '$' + path.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');

/**
 * Returns the differences between the example's shape and the actual body, one line each, `[]` when they agree.
 *
 * - A primitive must have the same JSON type; an example `null` accepts any type (the property must still be there).
 * - An object must have every property the example shows (with the same shape); in exact mode no others.
 * - An array: every element the example shows must have a counterpart of the same shape among the actual
 *   elements (the docs show one of each kind: a file and a folder, a live and a deleted item), so an example
 *   with elements needs an actual array with matching elements. An empty example array asks only for an array,
 *   unless the example is complete: then the array must be empty too.
 */
export function compareShape(expected: unknown, actual: unknown, options: ShapeOptions, path: string[] = []): string[] {
  const et = jsonType(expected);
  if (et === 'null') return [];
  const at = actual === undefined ? 'missing' : jsonType(actual);
  if (et !== at) return [`${show(path)}: example has ${et}, emulator ${at === 'missing' ? 'has nothing' : `has ${at}`}`];

  if (et === 'array') {
    const exp = expected as unknown[];
    const act = actual as unknown[];
    const out: string[] = [];
    if (options.exact && exp.length === 0 && act.length > 0) return [`${show(path)}: example shows an empty array, emulator has ${act.length} element(s)`];
    exp.forEach((element, i) => {
      if (act.length === 0) {
        if (i === 0) out.push(`${show(path)}: example shows ${exp.length} element(s), emulator returned an empty array`);
        return;
      }
      // The closest elements (fewest differences), each distinct kind of difference once, at most three.
      let best: string[][] = [];
      let fewest = Infinity;
      const seen = new Set<string>();
      for (let j = 0; j < act.length; j++) {
        const diffs = compareShape(element, act[j], options, [...path, String(j)]);
        if (diffs.length === 0) return;
        if (diffs.length < fewest) {
          fewest = diffs.length;
          best = [];
          seen.clear();
        }
        const kind = diffs.map((d) => d.replace(/\[\d+\]/g, '[]')).join('\n');
        if (diffs.length === fewest && !seen.has(kind) && best.length < 3) {
          seen.add(kind);
          best.push(diffs);
        }
      }
      out.push(`${show(path)}: no element matches the example's element ${i}; the closest differ by:`);
      best.forEach((diffs, k) => out.push(...(k > 0 ? ['  or:'] : []), ...diffs.map((d) => `  ${d}`)));
    });
    return out;
  }

  if (et === 'object') {
    const exp = expected as Record<string, unknown>;
    const act = actual as Record<string, unknown>;
    const out: string[] = [];
    const optional = new Set(options.optional ?? []);
    const parent = path.at(-1);
    const grandparent = path.at(-2);
    for (const [key, value] of Object.entries(exp)) {
      if (!(key in act)) {
        if (optional.has(key)) continue;
        if (options.appOnly && key === 'id' && parent === 'user' && grandparent !== undefined && IDENTITY_SETS.has(grandparent)) continue;
        out.push(`${show([...path, key])}: missing (example has ${jsonType(value)})`);
        continue;
      }
      out.push(...compareShape(value, act[key], options, [...path, key]));
    }
    if (options.exact) {
      for (const key of Object.keys(act)) {
        if (key in exp || optional.has(key) || extraAllowed(path, key)) continue;
        out.push(`${show([...path, key])}: not in the example (emulator has ${jsonType(act[key])})`);
      }
    }
    return out;
  }
  return [];
}

/**
 * Parses a docs body that is almost JSON: the docs leave trailing commas (`"x": 1,\n}`) in some blocks.
 * Returns undefined when it still does not parse.
 */
export function parseLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(text.replace(/,(\s*[}\]])/g, '$1'));
    } catch {
      return undefined;
    }
  }
}

// The tab takes only types from the server's code (the API contract, the domain's code values), so none of it ends up in the browser bundle.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Imports of our own server-side code (outside tab/) that are not `import type`. */
function valueImportsOfServerCode(file: string, text: string = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const spec = statement.moduleSpecifier;
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
    const target = relative(root, resolve(file, '..', spec.text));
    if (target.startsWith('tab/')) continue;
    const typeOnly = ts.isImportDeclaration(statement) ? statement.importClause?.isTypeOnly === true : statement.isTypeOnly;
    if (!typeOnly) out.push(`${relative(root, file)} imports ${spec.text}`);
  }
  return out;
}

describe('tab imports', () => {
  it('takes nothing but types from outside tab/', () => {
    expect(files(join(root, 'tab/src')).flatMap((f) => valueImportsOfServerCode(f))).toEqual([]);
  });

  it('the check sees a value import (guards against a test that cannot fail)', () => {
    const probe = join(root, 'tab/src/probe.ts');
    expect(valueImportsOfServerCode(probe, "import { KINDS } from '../../src/domain/index.js';")).toHaveLength(1);
    expect(valueImportsOfServerCode(probe, "import type { Severity } from '../../src/domain/index.js';")).toEqual([]);
    expect(valueImportsOfServerCode(probe, "import { KINDS } from './domain-values';")).toEqual([]);
  });
});

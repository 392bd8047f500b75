// Keeps the layer rules of the architecture: arrows point down only, and the emulator stands apart from the app.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Which folders each layer may import from (its own folder is always allowed). */
const RULES: { layer: string; mayImport: string[]; packages: 'none' | 'any' | string[] }[] = [
  // Pure rules: nothing of ours but domain, no SDKs, no I/O.
  { layer: 'src/domain', mayImport: [], packages: [] },
  { layer: 'src/cards', mayImport: ['src/domain'], packages: ['adaptivecards', 'adaptivecards-templating'] },
  // The demo municipality is pure data made from domain types, like the domain itself.
  { layer: 'src/demo', mayImport: ['src/domain'], packages: [] },
  { layer: 'src/app', mayImport: ['src/domain', 'src/cards'], packages: 'any' },
  { layer: 'src/sharepoint', mayImport: ['src/domain', 'src/app'], packages: 'any' },
  { layer: 'src/auth', mayImport: ['src/domain', 'src/app'], packages: 'any' },
  // Azure Storage adapters (issue 9: the send queue, the schedule's lease and records) implement ports like src/sharepoint.
  { layer: 'src/azure', mayImport: ['src/domain', 'src/app'], packages: 'any' },
  { layer: 'bot', mayImport: ['src/domain', 'src/app', 'src/cards'], packages: 'any' },
  { layer: 'src/server', mayImport: ['src', 'bot'], packages: 'any' },
  // The emulator is a stand-in for Microsoft's service: it shares no code with the app.
  { layer: 'infra/graph-emulator', mayImport: [], packages: 'any' },
  // The tab compiles against the API contract and the domain's types only (tests/tab/tab-imports.test.ts: type-only).
  { layer: 'tab', mayImport: ['src/server/api/contract.js', 'src/server/api/contract-procedures.js', 'src/server/api/contract-risk.js', 'src/server/api/contract-committees.js', 'src/domain'], packages: 'any' },
];

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

function violations(): string[] {
  const out: string[] = [];
  for (const rule of RULES) {
    for (const file of sourceFiles(join(root, rule.layer))) {
      for (const spec of importsOf(file)) {
        const from = relative(root, file);
        if (spec.startsWith('.')) {
          const target = relative(root, resolve(dirname(file), spec));
          const allowed = [rule.layer, ...rule.mayImport].some((p) => target === p || target.startsWith(`${p}/`));
          if (!allowed) out.push(`${from} imports ${target}`);
        } else if (!spec.startsWith('node:') || rule.packages !== 'any') {
          if (rule.packages === 'any' && !spec.startsWith('node:')) continue;
          const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
          if (rule.packages !== 'any' && !(rule.packages !== 'none' && rule.packages.includes(pkg ?? ''))) out.push(`${from} imports package ${spec}`);
        }
      }
    }
  }
  return out;
}

describe('layer rules', () => {
  it('no module imports a layer above it or beside it', () => {
    expect(violations()).toEqual([]);
  });

  it('the check itself sees imports (guards against a test that cannot fail)', () => {
    expect(importsOf(join(root, 'infra/graph-emulator/server.ts'))).toContain('./router.js');
  });
});

// Measures the built tab: the initial JavaScript (what index.html loads and preloads) and the lazy chunks, gzipped.
//
// `tsx scripts/tab-size.ts` prints a table and exits 1 when the initial JavaScript is over the budget (350 KB gzipped,
// issue 6). tests/tab/tab-size.test.ts asserts the same on every test run.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { TAB_DIST } from './tab-build.js';

/** 350 KB, counted as 350 × 1,000 bytes (the stricter reading). */
export const INITIAL_JS_BUDGET_BYTES = 350_000;

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface TabSize {
  initial: ChunkSize[];
  lazy: ChunkSize[];
  initialGzipBytes: number;
}

function sizeOf(dist: string, file: string): ChunkSize {
  const content = readFileSync(join(dist, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** The JavaScript index.html loads: its module scripts and module preloads (Vite lists a chunk's static imports there). */
export function initialScripts(html: string): string[] {
  const files = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)) if (m[1]) files.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g)) if (m[1]) files.add(m[1]);
  return [...files].map((f) => f.replace(/^\//, ''));
}

export function measureTab(dist: string = TAB_DIST): TabSize {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  // teams-js is a dynamic import (see tab/src/session/teams.ts), but inside Teams it loads at once: count it as initial.
  const initialFiles = [...initialScripts(html), ...readdirSync(join(dist, 'assets')).filter((f) => /^teams-sdk-.*\.js$/.test(f)).map((f) => `assets/${f}`)];
  const all = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const initial = initialFiles.map((f) => sizeOf(dist, f));
  const lazy = all.filter((f) => !initialFiles.includes(f)).map((f) => sizeOf(dist, f));
  return { initial, lazy, initialGzipBytes: initial.reduce((a, c) => a + c.gzipBytes, 0) };
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const size = measureTab();
  for (const c of size.initial) console.log(`initial  ${basename(c.file).padEnd(32)} ${kb(c.bytes).padStart(10)}  gzip ${kb(c.gzipBytes).padStart(9)}`);
  for (const c of size.lazy) console.log(`lazy     ${basename(c.file).padEnd(32)} ${kb(c.bytes).padStart(10)}  gzip ${kb(c.gzipBytes).padStart(9)}`);
  const ok = size.initialGzipBytes <= INITIAL_JS_BUDGET_BYTES;
  console.log(`Første innlasting: ${kb(size.initialGzipBytes)} gzip av ${kb(INITIAL_JS_BUDGET_BYTES)} tillatt${ok ? '' : ' — OVER BUDSJETTET'}.`);
  process.exit(ok ? 0 : 1);
}

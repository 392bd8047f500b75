// Builds the Teams tab with Vite when tab/dist is missing or older than its sources (`npm start` and the test run call it).
//
// `tsx scripts/tab-build.ts` builds always; `--if-stale` only when needed. The check compares modification times: the
// newest file under tab/src, tab/public, tab/index.html, tab/vite.config.ts and package-lock.json against tab/dist/index.html.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const TAB_DIR = join(ROOT, 'tab');
export const TAB_DIST = join(TAB_DIR, 'dist');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist') continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
}

export function tabIsStale(): boolean {
  const index = join(TAB_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [join(TAB_DIR, 'src'), join(TAB_DIR, 'public'), join(TAB_DIR, 'index.html'), join(TAB_DIR, 'vite.config.ts'), join(ROOT, 'package-lock.json')];
  return sources.some((p) => newest(p) > built);
}

export async function buildTab(): Promise<void> {
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which would give React's development build: this is a production build wherever it runs.
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(TAB_DIR, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

/** Builds only when the build is missing or stale; says which. */
export async function ensureTab(): Promise<'fresh' | 'built'> {
  if (!tabIsStale()) return 'fresh';
  await buildTab();
  return 'built';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  const started = Date.now();
  const result = ifStale ? await ensureTab() : (await buildTab(), 'built' as const);
  if (result === 'built') console.log(`Fanen er bygget (${((Date.now() - started) / 1000).toFixed(1)} s): ${TAB_DIST}`);
}

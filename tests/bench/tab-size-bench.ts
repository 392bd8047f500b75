// The tab's size in results.json (issue 6: initial JavaScript ≤ 350 KB gzipped, charts lazily): what scripts/tab-size.ts
// measures, on a production build made now if the one in tab/dist is missing or older than its sources.
import { basename } from 'node:path';
import { ensureTab } from '../../scripts/tab-build.js';
import { INITIAL_JS_BUDGET_BYTES, measureTab } from '../../scripts/tab-size.js';
import type { BenchResult } from './run.js';

const kb = (bytes: number) => bytes / 1000;

export async function tabSizeBench(): Promise<BenchResult[]> {
  await ensureTab();
  const size = measureTab();
  const chart = size.lazy.find((c) => /bar-chart-/.test(c.file));
  if (!chart) throw new Error('no chart chunk (bar-chart-*.js) among the lazy chunks');
  const list = (cs: typeof size.initial) => cs.map((c) => `${basename(c.file)} ${kb(c.gzipBytes).toFixed(1)} KB`).join(', ');
  return [
    {
      name: 'tab initial JavaScript, gzipped',
      value: kb(size.initialGzipBytes),
      unit: 'KB',
      target: { op: '<=', value: kb(INITIAL_JS_BUDGET_BYTES) },
      detail: `what index.html loads and preloads, and teams-js (loaded at once inside Teams); gzip level 9, KB = 1,000 bytes: ${list(size.initial)}`,
    },
    {
      name: 'chart chunk (chart.js + react-chartjs-2), gzipped, loaded with the dashboard',
      value: kb(chart.gzipBytes),
      unit: 'KB',
      detail: `${basename(chart.file)}, ${kb(chart.bytes).toFixed(1)} KB before gzip; every lazy chunk: ${list(size.lazy)}`,
    },
  ];
}

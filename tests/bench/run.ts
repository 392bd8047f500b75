// `npm run bench`: runs every benchmark suite, prints a table and writes tests/bench/results.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { botBench } from './bot-bench.js';
import { dataLayerBench } from './data-layer-bench.js';
import { emulatorBench } from './emulator-bench.js';
import { inboxBench } from './inbox-bench.js';
import { riskBench } from './risk-bench.js';
import { tabApiBench } from './tab-api-bench.js';
import { tabSizeBench } from './tab-size-bench.js';
import { proceduresBench } from './procedures-bench.js';
import { remindersBench } from './reminders-bench.js';
import { committeesBench } from './committees-bench.js';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The target from the issue, and whether it was met. */
  target?: { op: '<=' | '>='; value: number };
  detail?: string;
}

const suites: Record<string, () => Promise<BenchResult[]>> = {
  emulator: emulatorBench,
  'data-layer': dataLayerBench,
  bot: botBench,
  'tab-api': tabApiBench,
  inbox: inboxBench,
  'tab-size': tabSizeBench,
  procedures: proceduresBench,
  risk: riskBench,
  reminders: remindersBench,
  committees: committeesBench,
};

const only = process.argv.slice(2);
const results: Record<string, BenchResult[]> = {};
for (const [name, run] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n▶ ${name}`);
  results[name] = await run();
}

const rows = Object.entries(results).flatMap(([suite, rs]) =>
  rs.map((r) => {
    const met = r.target ? (r.target.op === '<=' ? r.value <= r.target.value : r.value >= r.target.value) : undefined;
    return {
      suite,
      measure: r.name,
      value: `${round(r.value)} ${r.unit}`,
      target: r.target ? `${r.target.op} ${r.target.value} ${r.unit}` : '',
      met: met === undefined ? '' : met ? 'yes' : 'NO',
    };
  }),
);
console.table(rows);
const file = join(import.meta.dirname, 'results.json');
// Suites run alone keep the others' last figures.
const previous = existsSync(file) ? ((JSON.parse(readFileSync(file, 'utf8')) as { results?: Record<string, BenchResult[]> }).results ?? {}) : {};
writeFileSync(file, JSON.stringify({ ranAt: new Date().toISOString(), node: process.version, results: { ...previous, ...results } }, null, 2) + '\n');
console.log(`results written to ${file}`);

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

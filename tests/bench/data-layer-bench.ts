// Data-layer benchmark: 5,000 imported deviations under SharePoint's per-app budget of 2,500 resource units a minute, and the dashboard's request count.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPORT_COLUMNS } from '../../src/app/import/deviation-rows.js';
import { importDeviations } from '../../src/app/import/import-deviations.js';
import { generateMunicipality } from '../../src/demo/index.js';
import { readRows } from '../../src/server/import/read-rows.js';
import { startEmulator } from '../../infra/graph-emulator/server.js';
import { provisionedSite } from '../support/varde-site.js';
import type { BenchResult } from './run.js';

const BUDGET = 2500;
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 5000);

export async function dataLayerBench(): Promise<BenchResult[]> {
  const em = await startEmulator({ dataDir: ':memory:' });
  const dir = mkdtempSync(join(tmpdir(), 'varde-bench-import-'));
  try {
    const { repos, control, metrics } = await provisionedSite(em, { userAgent: 'NONISV|Bench|Varde/0', ruPerMinute: BUDGET });
    const m = generateMunicipality({ seed: 7, employees: 600, now: new Date('2026-11-23T12:00:00Z') });
    await repos.organisation.upsertUnits(m.units);
    await repos.organisation.upsertPeople(m.people);

    // A file as a municipality leaving another system would bring it.
    const unit = m.units.find((u) => u.level === 'unit') ?? m.units[0];
    const lines = [IMPORT_COLUMNS.join(';')];
    for (let i = 0; i < ROWS; i++) {
      const person = m.people[i % m.people.length];
      const cells: Record<string, string> = {
        'Kilde-id': `bench-${i}`, Type: i % 4 === 0 ? 'Nestenuhell' : 'Avvik', Tittel: `Hendelse ${i}`, Beskrivelse: 'Beskrivelse av hendelsen.',
        Meldt: `${String((i % 28) + 1).padStart(2, '0')}.${String((i % 12) + 1).padStart(2, '0')}.2025 09:00`, Enhet: unit?.name ?? '',
        'Meldt av': person?.email ?? '', Alvorlighetsgrad: 'Middels', Status: 'Ny', Helseopplysninger: 'Nei',
      };
      lines.push(IMPORT_COLUMNS.map((c) => cells[c] ?? '').join(';'));
    }
    const file = join(dir, 'avvik.csv');
    writeFileSync(file, lines.join('\n'));
    const sheet = await readRows(file);

    // The emulator enforces the tenant's budget from here on; the client paces itself to it.
    await control('faults', { ruPerMinute: BUDGET });
    await control('metrics/reset');
    const started = performance.now();
    let lastShown = 0;
    const outcome = await importDeviations(sheet, repos, new Date(), (done, total) => {
      if (done - lastShown >= 1000 || done === total) {
        process.stdout.write(`\r  imported ${done} / ${total} after ${((performance.now() - started) / 1000).toFixed(0)} s`);
        lastShown = done;
      }
    });
    const minutes = (performance.now() - started) / 60_000;
    console.log('');
    const after = await metrics();
    if (outcome.kind !== 'imported' || outcome.created !== ROWS) throw new Error(`import did not create ${ROWS}: ${JSON.stringify(outcome).slice(0, 300)}`);
    const floor = (ROWS * 2) / BUDGET;

    // One unit's open deviations and measures for a dashboard.
    await control('faults', { reset: true });
    await repos.warmUp();
    await control('metrics/reset');
    await repos.dashboard.openWorkForUnit(unit?.id ?? '');
    const dashboard = await metrics();

    return [
      { name: `import of ${ROWS} deviations at ${BUDGET} RU/min`, value: minutes, unit: 'min', target: { op: '<=', value: floor * 1.25 } },
      { name: 'floor set by the budget (2 RU per create)', value: floor, unit: 'min' },
      { name: 'requests refused for budget (429)', value: after.statuses['429'] ?? 0, unit: 'requests', target: { op: '<=', value: 0 } },
      { name: 'resource units spent by the import', value: after.resourceUnits.total, unit: 'RU' },
      { name: "one unit's open deviations and measures (dashboard)", value: dashboard.requests.total, unit: 'Graph requests', target: { op: '<=', value: 2 } },
    ];
  } finally {
    await em.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

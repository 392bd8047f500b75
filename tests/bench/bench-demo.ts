// The 60,000-employee demo the tab API benchmarks share (tab-api-bench.ts, inbox-bench.ts): an emulator in its own
// process with its data on disk, as `npm run emulator` runs it, holding the newest BENCH_DASHBOARD_CASES cases of four
// years (default 150,000), their measures, the units and every person.
//
// Seeding takes minutes, so the emulator's data directory is kept between runs (BENCH_DATA_DIR, default
// .data/bench/demo-<employees>-<cases>) with a note of what was seeded; a later run with the same parameters reuses it
// and starts in seconds. A different note (or none: an interrupted seeding) empties the directory and seeds again.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type DemoMunicipality, type DemoPersona, demoPersonas, generateMunicipality } from '../../src/demo/index.js';
import { type OrgUnits, orgUnitsById, sectorOf } from '../../src/domain/index.js';
import { deviationToFields } from '../../src/sharepoint/mapping/deviation.js';
import { measureToFields } from '../../src/sharepoint/mapping/measure.js';
import { personToFields } from '../../src/sharepoint/mapping/organisation.js';
import { spawnEmulator } from '../support/emulator-process.js';
import { type VardeSite, provisionedSite } from '../support/varde-site.js';

export const BENCH_EMPLOYEES = 60_000;
export const BENCH_CASES = Number(process.env.BENCH_DASHBOARD_CASES ?? 150_000);
/** The demo's "now": every figure is of the same four years. */
export const BENCH_NOW = new Date('2026-11-23T12:00:00Z');
const SEED = 2026;
/** Bump when what is seeded changes, so kept data from before is seeded again. */
const FORMAT = 2;

interface SeedNote {
  format: number;
  seed: number;
  employees: number;
  cases: number;
  now: string;
  caseCount: number;
  measureCount: number;
  peopleCount: number;
  seconds: number;
}

export interface BenchDemo {
  readonly child: ChildProcess;
  /** The emulator's origin (controls under /_emulator) and its Graph base URL. */
  readonly url: string;
  readonly graphUrl: string;
  readonly site: VardeSite;
  /** `/sites/{id}/lists/{id}` of a list in the quality site, by display name ('Avvik', 'Tiltak' …). */
  listPath(displayName: string): string;
  readonly personas: DemoPersona[];
  readonly tree: OrgUnits;
  readonly caseCount: number;
  readonly measureCount: number;
  readonly peopleCount: number;
  /** Seconds spent seeding in this run; null when kept data was reused (`note.seconds` says what it took then). */
  readonly seededSeconds: number | null;
  readonly firstSeedSeconds: number;
  /** One line for results: what the demo holds and where the emulator runs. */
  readonly setup: string;
  /** Stops the emulator (the data stays for the next run). */
  close(): Promise<void>;
}

const bearer = { authorization: 'Bearer bench', 'content-type': 'application/json' };

export async function openBenchDemo(): Promise<BenchDemo> {
  const dataDir = resolve(process.env.BENCH_DATA_DIR ?? join(import.meta.dirname, `../../.data/bench/demo-${BENCH_EMPLOYEES}-${BENCH_CASES}`));
  const noteFile = join(dataDir, 'seeded.json');
  const wanted = { format: FORMAT, seed: SEED, employees: BENCH_EMPLOYEES, cases: BENCH_CASES, now: BENCH_NOW.toISOString() };
  let note = existsSync(noteFile) ? (JSON.parse(readFileSync(noteFile, 'utf8')) as SeedNote) : null;
  if (note && Object.entries(wanted).some(([k, v]) => note?.[k as keyof SeedNote] !== v)) note = null;
  if (!note) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  // Deterministic: the same seed and "now" give the same municipality, so a reuse knows its personas and tree. Made
  // before any connection is open: seconds of synchronous work would let the emulator close idle keep-alive sockets
  // unnoticed, and the next request on one would fail ("other side closed").
  const generated = generateMunicipality({ seed: SEED, employees: BENCH_EMPLOYEES, years: 4, now: BENCH_NOW });
  const personas = demoPersonas(generated);
  const tree = orgUnitsById(generated.units);
  const rows = note ? null : seedRowsOf(generated, tree);

  const { child, url } = await spawnEmulator(dataDir);
  const graphUrl = `${url}/v1.0`;
  const close = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    // Idempotent: on kept data it finds everything in place (lists added to the schema since are created).
    const site = await provisionedSite({ url, graphUrl });
    const lists = (await (await fetch(`${graphUrl}/sites/${site.siteIds.quality}/lists?$select=id,displayName`, { headers: bearer })).json()) as { value: { id: string; displayName: string }[] };
    const listPath = (name: string) => {
      const list = lists.value.find((l) => l.displayName === name);
      if (!list) throw new Error(`no list '${name}' in the quality site`);
      return `/sites/${site.siteIds.quality}/lists/${list.id}`;
    };

    let seededSeconds: number | null = null;
    if (note) {
      console.log(`  reusing the seeded demo in ${dataDir} (seeded once in ${note.seconds.toFixed(0)} s)`);
    } else {
      const seed = rows ?? seedRowsOf(generated, tree);
      const t0 = performance.now();
      await site.repos.organisation.upsertUnits(seed.units);
      await seedRows(graphUrl, 'people', listPath('Personer'), seed.people);
      await seedRows(graphUrl, 'cases', listPath('Avvik'), seed.cases);
      await seedRows(graphUrl, 'measures', listPath('Tiltak'), seed.measures);
      seededSeconds = (performance.now() - t0) / 1000;
      note = { ...wanted, caseCount: seed.cases.length, measureCount: seed.measures.length, peopleCount: seed.people.length, seconds: seededSeconds };
      writeFileSync(noteFile, JSON.stringify(note, null, 2));
      console.log(`  seeded in ${seededSeconds.toFixed(1)} s (kept in ${dataDir} for the next run)`);
    }
    const { caseCount, measureCount, peopleCount } = note;
    return {
      child,
      url,
      graphUrl,
      site,
      listPath,
      personas,
      tree,
      caseCount,
      measureCount,
      peopleCount,
      seededSeconds,
      firstSeedSeconds: note.seconds,
      setup: `${caseCount.toLocaleString('en')} ordinary cases, ${measureCount.toLocaleString('en')} measures and ${peopleCount.toLocaleString('en')} people of the ${BENCH_EMPLOYEES.toLocaleString('en')}-employee demo (newest of four years), emulator in its own process with its data on disk`,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** What is seeded, as list items' fields: the units, every person, the newest BENCH_CASES cases and their measures. */
function seedRowsOf(m: DemoMunicipality, tree: OrgUnits) {
  const sector = (unitId: string) => ({ sectorId: sectorOf(unitId, tree)?.id ?? null });
  const deviations = [...m.deviations].sort((a, b) => (a.reportedAt < b.reportedAt ? 1 : -1)).slice(0, BENCH_CASES);
  const kept = new Set(deviations.map((d) => d.id));
  const measures = m.measures.filter((x) => x.source.type !== 'deviation' || kept.has(x.source.deviationId));
  return {
    units: m.units,
    people: m.people.map(personToFields),
    cases: deviations.map((d) => deviationToFields(d, sector(d.unitId))),
    measures: measures.map((x) => measureToFields(x, sector(x.unitId))),
  };
}

/** Raw $batch creates, 20 a batch, four batches at a time (no pacer: the emulator's budget is not what is measured). */
async function seedRows(graphUrl: string, label: string, list: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < rows.length) {
        const at = next;
        next += 20;
        const chunk = rows.slice(at, at + 20);
        const res = await fetch(`${graphUrl}/$batch`, {
          method: 'POST',
          headers: bearer,
          body: JSON.stringify({ requests: chunk.map((fields, i) => ({ id: String(i + 1), method: 'POST', url: `${list}/items`, headers: { 'Content-Type': 'application/json' }, body: { fields } })) }),
        });
        if (res.status >= 400) throw new Error(`$batch into ${label}: ${res.status} ${await res.text()}`);
        const body = (await res.json()) as { responses: { status: number }[] };
        if (body.responses.some((r) => r.status !== 201)) throw new Error(`a batch create in ${label} failed`);
        if (at % 10_000 === 0) process.stdout.write(`\r  seeding ${label}: ${at.toLocaleString('en')} / ${rows.length.toLocaleString('en')}   `);
      }
    }),
  );
  process.stdout.write(`\r  seeded ${label}: ${rows.length.toLocaleString('en')}                    \n`);
}

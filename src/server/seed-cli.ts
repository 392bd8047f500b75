// `npm run seed -- [--employees 60000] [--seed 2026]`: fills an empty Varde site with the demo municipality.
import { SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';
import { DEMO_DEFAULTS, generateMunicipality } from '../demo/index.js';
import { readConfig } from './config.js';
import { type SeedProgress, isEmpty, seedDemo } from './seed.js';
import { openStack } from './stack.js';

/** A progress bar per step on a terminal; plain lines elsewhere (CI, logs). */
export function progressBar(): { update: SeedProgress; stop(): void } {
  let bar: SingleBar | undefined;
  let current = '';
  return {
    update(step, done, total) {
      if (!process.stdout.isTTY) {
        if (done === total) console.log(`  ${step}: ${total}`);
        return;
      }
      if (step !== current) {
        bar?.stop();
        current = step;
        bar = new SingleBar({ format: `  ${step.padEnd(18)} {bar} {value}/{total}`, hideCursor: true });
        bar.start(total, done);
      }
      bar?.update(done);
    },
    stop: () => bar?.stop(),
  };
}

export async function runSeed(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { employees: { type: 'string' }, seed: { type: 'string' } }, strict: true });
  const employees = values.employees === undefined ? DEMO_DEFAULTS.employees : Number(values.employees);
  const seed = values.seed === undefined ? DEMO_DEFAULTS.seed : Number(values.seed);
  if (!Number.isInteger(employees) || employees < 600 || employees > 200_000) throw new Error('--employees må være et helt tall mellom 600 og 200 000.');
  if (!Number.isInteger(seed)) throw new Error('--seed må være et helt tall.');
  const config = readConfig();
  const { repos } = await openStack(config);
  if (!(await isEmpty(repos))) {
    console.log('Nettstedet har allerede data; ingenting ble lagt til. (Start med tom datamappe for en ny demo.)');
    return 0;
  }
  const m = generateMunicipality({ seed, employees, now: new Date() });
  console.log(`Legger inn demokommunen: ${m.units.length} enheter, ${m.people.length} ansatte, ${m.deviations.length} avvik, ${m.measures.length} tiltak …`);
  const bar = progressBar();
  const report = await seedDemo(repos, m, bar.update);
  bar.stop();
  console.log(`Ferdig på ${report.seconds.toFixed(1)} s: ${report.created} nye, ${report.alreadyPresent} fantes fra før, ${report.failed} feilet.`);
  return report.failed > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runSeed(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}

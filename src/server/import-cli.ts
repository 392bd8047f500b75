// `npm run import -- deviations.xlsx|.csv`: checks every row first and imports nothing if any is wrong; safe to run again.
import { SingleBar } from 'cli-progress';
import { importDeviations } from '../app/import/import-deviations.js';
import { readConfig } from './config.js';
import { ImportFileError, readRows } from './import/read-rows.js';
import { openStack } from './stack.js';

/** At most this many row errors are printed; the count says how many there were. */
const MAX_PRINTED = 200;

export async function runImport(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('-'));
  if (!file || argv.length !== 1) {
    console.error('Bruk: npm run import -- <fil.xlsx|fil.csv>');
    return 2;
  }
  let sheet;
  try {
    sheet = await readRows(file);
  } catch (err) {
    if (err instanceof ImportFileError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  const { repos } = await openStack(readConfig());
  const bar = process.stdout.isTTY ? new SingleBar({ format: '  Importerer {bar} {value}/{total}', hideCursor: true }) : undefined;
  let started = false;
  const outcome = await importDeviations(sheet, repos, new Date(), (done, total) => {
    if (!started) bar?.start(total, 0);
    started = true;
    bar?.update(done);
  });
  bar?.stop();
  if (outcome.kind === 'invalid') {
    console.error(`Ingenting ble importert: ${outcome.errors.length} feil i filen.`);
    for (const e of outcome.errors.slice(0, MAX_PRINTED)) console.error(`  Rad ${e.rowNumber}${e.column ? `, ${e.column}` : ''}: ${e.message}`);
    if (outcome.errors.length > MAX_PRINTED) console.error(`  … og ${outcome.errors.length - MAX_PRINTED} til.`);
    return 1;
  }
  console.log(`Importert: ${outcome.created} nye, ${outcome.alreadyPresent} fantes fra før${outcome.failed.length ? `, ${outcome.failed.length} feilet (kjør importen på nytt)` : ''}.`);
  return outcome.failed.length > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runImport(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}

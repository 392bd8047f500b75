// `npm run package [-- --env <env>] [--out-dir <dir>]`: builds appPackage/build/appPackage.<env>.zip for the Teams admin
// center (or sideloading), from appPackage/ and appPackage/env/.env.<env>, validated offline against Microsoft's schema.
import { relative } from 'node:path';
import { PackageEnvError, PackageValidationError, buildPackage } from './app-package/build.js';
import { formatProblem } from './app-package/validate.js';

const USAGE = `Bruk / usage: npm run package [-- --env <miljø>] [--out-dir <mappe>]
  --env      miljøet i appPackage/env/.env.<miljø> (standard: local) / the environment (default: local)
  --out-dir  hvor zip-filen skrives (standard: appPackage/build) / where the zip goes`;

function parseArgs(argv: string[]): { env: string; outDir?: string } | { help: true } | { error: string } {
  let env = 'local';
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    const [flag, inline] = arg?.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag !== '--env' && flag !== '--out-dir') return { error: `Ukjent argument / unknown argument: ${arg}` };
    const value = inline ?? argv[++i];
    if (!value) return { error: `${flag} trenger en verdi / needs a value` };
    if (flag === '--env') env = value;
    else outDir = value;
  }
  return outDir === undefined ? { env } : { env, outDir };
}

const args = parseArgs(process.argv.slice(2));
if ('help' in args) {
  console.log(USAGE);
} else if ('error' in args) {
  console.error(`${args.error}\n${USAGE}`);
  process.exitCode = 2;
} else {
  try {
    const built = buildPackage(args.outDir === undefined ? { env: args.env } : { env: args.env, outDir: args.outDir });
    console.log(`Teams-pakken for «${built.env}» er bygget og gyldig / the Teams app package is built and valid:`);
    console.log(`  ${relative(process.cwd(), built.zipPath)} (${[...built.files.keys()].join(', ')}; versjon ${built.values.APP_VERSION})`);
  } catch (err) {
    if (err instanceof PackageValidationError) {
      console.error(`Teams-pakken for «${err.env}» er ikke gyldig / the Teams app package is not valid (${err.problems.length}):`);
      for (const p of err.problems) console.error(`  - ${formatProblem(p)}`);
      process.exitCode = 1;
    } else if (err instanceof PackageEnvError) {
      console.error(`Teams-pakken kan ikke bygges / cannot build the Teams app package: ${err.message}`);
      process.exitCode = 2;
    } else {
      throw err;
    }
  }
}

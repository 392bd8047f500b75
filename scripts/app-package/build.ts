// Builds the Teams app package for one environment: fills the templates in appPackage/ from appPackage/env/.env.<env>,
// validates the result offline, and zips it (manifest.json, the icons and the localisation files, flat, nothing else).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { PackageEnvError, fillTemplate, readPackageEnv } from './env.js';
import { APP_PACKAGE_DIR, REPO_ROOT } from './paths.js';
import { type Schemas, loadSchemas } from './schema.js';
import { MANIFEST_FILE, type Problem, formatProblem, validatePackage } from './validate.js';

export const MANIFEST_TEMPLATE = 'manifest.template.json';

export interface BuildOptions {
  env: string;
  /** Where the templates, icons and env/ are; default appPackage/. */
  sourceDir?: string;
  /** Where the zip goes; default appPackage/build/. */
  outDir?: string;
  /** Values that win over the env file's (tests). */
  overrides?: Readonly<Record<string, string>>;
  schemas?: Schemas;
}

export interface AssembledPackage {
  env: string;
  /** Package file name ➜ contents, manifest.json first. */
  files: Map<string, Uint8Array>;
  /** The values the templates were filled with. */
  values: Record<string, string>;
}

export interface BuiltPackage extends AssembledPackage {
  zipPath: string;
  zip: Uint8Array;
}

export class PackageValidationError extends Error {
  constructor(
    readonly env: string,
    readonly problems: Problem[],
  ) {
    super(`The Teams app package for «${env}» is not valid:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
  }
}

/** Only plain file names are read from the source folder: the package is flat, and a name must not reach outside. */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Fills the templates and gathers the files the manifest names; throws PackageEnvError for missing values. */
export function assemblePackage(options: BuildOptions): AssembledPackage {
  const sourceDir = options.sourceDir ?? APP_PACKAGE_DIR;
  const values: Record<string, string> = { APP_VERSION: packageVersion(), ...readPackageEnv(join(sourceDir, 'env'), options.env), ...options.overrides };
  const envFile = relative(process.cwd(), join(sourceDir, 'env', `.env.${options.env}`)) || `.env.${options.env}`;
  const missing = new Set<string>();
  const fill = (text: string) => {
    const result = fillTemplate(text, values);
    result.missing.forEach((name) => missing.add(name));
    return result.text;
  };

  const manifestText = fill(readFileSync(join(sourceDir, MANIFEST_TEMPLATE), 'utf8'));
  const files = new Map<string, Uint8Array>([[MANIFEST_FILE, new TextEncoder().encode(manifestText)]]);
  for (const name of referencedFiles(manifestText)) {
    if (files.has(name) || !PLAIN_NAME.test(name) || name === MANIFEST_TEMPLATE) continue;
    const path = join(sourceDir, name);
    if (!existsSync(path)) continue; // validation names it as missing
    const bytes = readFileSync(path);
    files.set(name, name.endsWith('.json') ? new TextEncoder().encode(fill(bytes.toString('utf8'))) : new Uint8Array(bytes));
  }
  if (missing.size > 0) {
    throw new PackageEnvError(`${envFile} lacks ${[...missing].sort().join(', ')} (the templates in appPackage/ use ${missing.size === 1 ? 'it' : 'them'}; see appPackage/README.md).`);
  }
  return { env: options.env, files, values };
}

/** The files a manifest names: its icons and localisation files. Tolerates a broken manifest (validation reports it). */
export function referencedFiles(manifestText: string): string[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch {
    return [];
  }
  if (typeof manifest !== 'object' || manifest === null) return [];
  const m = manifest as { icons?: Record<string, unknown>; localizationInfo?: { defaultLanguageFile?: unknown; additionalLanguages?: unknown } };
  const names: unknown[] = [...Object.values(m.icons ?? {}), m.localizationInfo?.defaultLanguageFile];
  if (Array.isArray(m.localizationInfo?.additionalLanguages)) {
    for (const lang of m.localizationInfo.additionalLanguages as unknown[]) names.push((lang as { file?: unknown } | null)?.file);
  }
  return names.filter((n): n is string => typeof n === 'string');
}

/** A zip of the files at its root, with a fixed timestamp so the same inputs give the same bytes. */
export function zipPackage(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const mtime = new Date(2000, 0, 1);
  return zipSync(Object.fromEntries([...files].map(([name, data]) => [name, [data, { mtime }]])), { level: 9 });
}

/** Assembles, validates (throws PackageValidationError with every problem) and writes appPackage.<env>.zip. */
export function buildPackage(options: BuildOptions): BuiltPackage {
  const assembled = assemblePackage(options);
  const problems = validatePackage(assembled.files, options.schemas ?? loadSchemas());
  if (problems.length > 0) throw new PackageValidationError(options.env, problems);
  const outDir = options.outDir ?? join(options.sourceDir ?? APP_PACKAGE_DIR, 'build');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${options.env}.zip`);
  const zip = zipPackage(assembled.files);
  writeFileSync(zipPath, zip);
  return { ...assembled, zipPath, zip };
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new PackageEnvError('package.json has no version; set APP_VERSION in the env file.');
  return pkg.version;
}

export { PackageEnvError };

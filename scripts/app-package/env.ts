// The per-environment values of the Teams app package (appPackage/env/.env.<env>) and the `${{NAME}}` templates they fill.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/** What a template refers to: `${{NAME}}`, NAME in upper case. */
export const PLACEHOLDER = /\$\{\{\s*([A-Z][A-Z0-9_]*)\s*\}\}/g;

export class PackageEnvError extends Error {}

export const ENV_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** The environments that have an env file in `envDir`. */
export function availableEnvs(envDir: string): string[] {
  if (!existsSync(envDir)) return [];
  return readdirSync(envDir)
    .map((f) => /^\.env\.([a-z0-9][a-z0-9-]*)$/.exec(f)?.[1])
    .filter((e): e is string => e !== undefined)
    .sort();
}

/** Reads appPackage/env/.env.<env>: dotenv syntax (KEY=value, # comments), no variable expansion. */
export function readPackageEnv(envDir: string, env: string): Record<string, string> {
  if (!ENV_NAME.test(env)) throw new PackageEnvError(`«${env}» is not an environment name (lower-case letters, digits and hyphens).`);
  const file = join(envDir, `.env.${env}`);
  if (!existsSync(file)) {
    const known = availableEnvs(envDir);
    throw new PackageEnvError(`No env file for «${env}»: ${file} does not exist.${known.length ? ` Environments: ${known.join(', ')}.` : ''}`);
  }
  const values = parseEnv(readFileSync(file, 'utf8'));
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v).trim()]));
}

/** Replaces every `${{NAME}}` with its value; names without a (non-empty) value are returned, the text keeps them. */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') {
      missing.add(name);
      return whole;
    }
    // Values land inside JSON strings: escape what JSON needs escaped.
    return JSON.stringify(value).slice(1, -1);
  });
  return { text: filled, missing: [...missing].sort() };
}

// Shared helpers for the Teams app package tests: a valid package in memory, and ways to spoil it.
import { PNG } from 'pngjs';
import { assemblePackage } from '../../scripts/app-package/build.js';
import { MANIFEST_FILE, formatProblem, validatePackage } from '../../scripts/app-package/validate.js';

export type Files = Map<string, Uint8Array>;
type Json = Record<string, unknown>;

/** The prod example's package as `npm run package -- --env prod` assembles it (valid). */
export function validFiles(env = 'prod'): Files {
  return new Map(assemblePackage({ env }).files);
}

export function readJson(files: Files, name: string): Json {
  const bytes = files.get(name);
  if (!bytes) throw new Error(`${name} is not in the package`);
  return JSON.parse(new TextDecoder().decode(bytes)) as Json;
}

/** A copy of the package with `name` (a JSON file) changed by `change`. */
export function withJson(files: Files, name: string, change: (doc: Json) => void): Files {
  const doc = readJson(files, name);
  change(doc);
  const copy = new Map(files);
  copy.set(name, new TextEncoder().encode(JSON.stringify(doc, null, 2)));
  return copy;
}

export function withManifest(files: Files, change: (manifest: Json) => void): Files {
  return withJson(files, MANIFEST_FILE, change);
}

export function withFile(files: Files, name: string, bytes: Uint8Array | undefined): Files {
  const copy = new Map(files);
  if (bytes === undefined) copy.delete(name);
  else copy.set(name, bytes);
  return copy;
}

/** The problems, one formatted line each. */
export function problemsOf(files: Files): string[] {
  return validatePackage(files).map(formatProblem);
}

/** A PNG of the given size, every pixel `rgba`. */
export function solidPng(width: number, height: number, rgba: readonly [number, number, number, number]): Uint8Array {
  const png = new PNG({ width, height });
  for (let o = 0; o < png.data.length; o += 4) {
    png.data[o] = rgba[0];
    png.data[o + 1] = rgba[1];
    png.data[o + 2] = rgba[2];
    png.data[o + 3] = rgba[3];
  }
  return new Uint8Array(PNG.sync.write(png));
}

/** Walks to an object inside a JSON document by keys and indexes (tests know the shape they spoil). */
export function at(doc: unknown, ...keys: (string | number)[]): Json {
  let current: unknown = doc;
  for (const key of keys) current = (current as Record<string | number, unknown>)[key];
  return current as Json;
}

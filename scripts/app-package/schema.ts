// Microsoft's Teams manifest and localisation schemas (copies in appPackage/schema), compiled once with Ajv for draft-04.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { APP_PACKAGE_DIR } from './paths.js';

// Both packages are CommonJS that also set `exports.default`; under NodeNext the default import is module.exports, so
// the class and the plugin are its `default`.
const Ajv = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

export const SCHEMA_DIR = join(APP_PACKAGE_DIR, 'schema');
export const MANIFEST_SCHEMA_FILE = 'MicrosoftTeams.schema.json';
export const LOCALIZATION_SCHEMA_FILE = 'MicrosoftTeams.Localization.schema.json';

export interface Schemas {
  manifest: ValidateFunction;
  localization: ValidateFunction;
  /** The manifestVersion the manifest schema requires (its `const`). */
  manifestVersion: string;
}

let cached: Schemas | undefined;

/** Compiles the two schemas from `dir` (default appPackage/schema); cached for the default directory. */
export function loadSchemas(dir: string = SCHEMA_DIR): Schemas {
  if (dir === SCHEMA_DIR && cached) return cached;
  const manifestSchema = JSON.parse(readFileSync(join(dir, MANIFEST_SCHEMA_FILE), 'utf8')) as {
    properties?: { manifestVersion?: { const?: unknown } };
  };
  const localizationSchema = JSON.parse(readFileSync(join(dir, LOCALIZATION_SCHEMA_FILE), 'utf8')) as object;
  const manifestVersion = manifestSchema.properties?.manifestVersion?.const;
  if (typeof manifestVersion !== 'string') throw new Error(`${MANIFEST_SCHEMA_FILE}: no manifestVersion const; is it a Teams manifest schema?`);
  // allErrors: report every problem at once; strict off: Microsoft's schemas use keywords and formats Ajv would flag;
  // unicodeRegExp off: some of their patterns are only valid without the `u` flag (draft-04 validators never used it).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const schemas: Schemas = { manifest: ajv.compile(manifestSchema), localization: ajv.compile(localizationSchema), manifestVersion };
  if (dir === SCHEMA_DIR) cached = schemas;
  return schemas;
}

/** One readable line per schema error, with the JSON path and what the schema wanted. */
export function describeSchemaError(error: ErrorObject, data: unknown): { path: string; message: string } {
  const path = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path, message: `must have required property '${String(params.missingProperty)}'` };
    case 'additionalProperties':
      return { path, message: `has a property the schema does not allow: '${String(params.additionalProperty)}'` };
    case 'maxLength':
    case 'minLength': {
      const value = valueAt(data, error.instancePath);
      const length = typeof value === 'string' ? ` (it has ${value.length})` : '';
      return { path, message: `${error.message ?? 'has the wrong length'}${length}` };
    }
    case 'enum':
      return { path, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'pattern':
      return { path, message: `${JSON.stringify(valueAt(data, error.instancePath))} must match ${String(params.pattern)}` };
    default:
      return { path, message: error.message ?? error.keyword };
  }
}

/** The value at a JSON pointer (`/a/0/b`), or undefined. */
export function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let current: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

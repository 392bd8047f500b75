// Field values of list items: validated against the list's columns on write, rendered as Graph returns them on read.
import { GraphError, invalidRequest } from '../errors.js';
import { type ColumnDefinition, columnKind, storageKey } from './columns.js';

export type StoredValue = string | number | boolean | number[] | null;
export type StoredFields = Record<string, StoredValue>;

/** Fields SharePoint maintains itself; writing them is refused. */
const SYSTEM_FIELDS = new Set(['id', 'ID', 'Created', 'Modified', 'AuthorLookupId', 'EditorLookupId', 'ContentType', '_UIVersionString', 'Attachments', 'Edit', 'LinkTitle', 'LinkTitleNoMenu', 'ItemChildCount', 'FolderChildCount', 'AppAuthorLookupId', 'AppEditorLookupId']);

const YEAR_MIN = 1900;
const YEAR_MAX = 8900;

/** Maps `Name` / `NameLookupId` to the column that keeps it. */
export function columnsByKey(columns: ColumnDefinition[]): Map<string, ColumnDefinition> {
  const map = new Map<string, ColumnDefinition>();
  for (const c of columns) map.set(storageKey(c).toLowerCase(), c);
  return map;
}

/**
 * Validates the `fields` of a create or update and returns the values to store, keyed as stored.
 * Throws Graph's 400 for unknown fields, read-only fields and values of the wrong type.
 */
export function validateFieldWrites(columns: ColumnDefinition[], input: Record<string, unknown>): StoredFields {
  const byKey = columnsByKey(columns);
  const out: StoredFields = {};
  for (const [key, value] of Object.entries(input)) {
    if (key.includes('@')) continue; // annotations such as `Owners@odata.type` or `@odata.etag`
    if (SYSTEM_FIELDS.has(key)) throw invalidRequest(`Field '${key}' is read-only`);
    const column = byKey.get(key.toLowerCase());
    if (!column || storageKey(column) !== key) throw invalidRequest(`Field '${key}' is not recognized`);
    if (column.readOnly) throw invalidRequest(`Field '${key}' is read-only`);
    out[key] = coerce(column, key, value);
  }
  return out;
}

/** Required columns must hold a value once the write is applied. */
export function assertRequired(columns: ColumnDefinition[], fields: StoredFields): void {
  for (const c of columns) {
    if (!c.required || c.readOnly) continue;
    const v = fields[storageKey(c)];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))
      throw invalidRequest(`Field '${c.name}' is required.`);
  }
}

function coerce(column: ColumnDefinition, key: string, value: unknown): StoredValue {
  if (value === null) return null;
  const wrong = (expected: string) => invalidRequest(`Cannot convert the value of field '${key}' to ${expected}.`);
  switch (columnKind(column)) {
    case 'text': {
      if (typeof value !== 'string') throw wrong('Edm.String');
      const max = column.text?.maxLength ?? 255;
      if (value.length > max) throw invalidRequest(`The value of field '${key}' is ${value.length} characters long; the column allows ${max}.`);
      return value;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrong('Edm.Double');
      const { minimum, maximum } = column.number ?? {};
      if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum))
        throw invalidRequest(`The value of field '${key}' is outside the range the column allows.`);
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong('Edm.Boolean');
      return value;
    case 'dateTime': {
      if (typeof value !== 'string') throw wrong('Edm.DateTimeOffset');
      return normalizeDateTime(value, key);
    }
    case 'choice': {
      if (typeof value !== 'string') throw wrong('Edm.String');
      const choice = column.choice;
      if (choice && !choice.allowTextEntry && !choice.choices.includes(value))
        throw invalidRequest(`The value '${value}' of field '${key}' is not one of the column's choices.`);
      return value;
    }
    case 'personOrGroup':
    case 'lookup': {
      const multi = column.personOrGroup?.allowMultipleSelection === true || column.lookup?.allowMultipleValues === true;
      if (multi) {
        if (!Array.isArray(value)) throw wrong('Collection(Edm.Int32)');
        return value.map((v) => lookupId(v, key));
      }
      return lookupId(value, key);
    }
  }
}

function lookupId(value: unknown, key: string): number {
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0 || n > 2_147_483_647)
    throw invalidRequest(`Cannot convert the value of field '${key}' to Edm.Int32.`);
  return n;
}

/** SharePoint keeps date-times in UTC at whole seconds; a write of `…:28.859Z` reads back as `…:28Z`. */
export function normalizeDateTime(value: string, key: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
  const ms = iso.test(value) ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : /[Z+-]\d{0,2}:?\d{0,2}$/.test(value.slice(10)) ? value : `${value}Z`) : NaN;
  if (Number.isNaN(ms)) throw invalidRequest(`The value '${value}' of field '${key}' is not a valid date and time.`);
  const year = new Date(ms).getUTCFullYear();
  if (year < YEAR_MIN || year > YEAR_MAX) throw invalidRequest(`The date of field '${key}' must be between ${YEAR_MIN} and ${YEAR_MAX}.`);
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/** Renders stored values as Graph does: lookup ids as strings, empty values left out. */
export function renderFieldValues(stored: StoredFields, select?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const wanted = select ? new Set(select.map((s) => s.toLowerCase())) : undefined;
  for (const [key, value] of Object.entries(stored)) {
    if (value === null || value === undefined) continue;
    if (wanted && !wanted.has(key.toLowerCase())) continue;
    out[key] = key.endsWith('LookupId') && typeof value === 'number' ? String(value) : value;
  }
  return out;
}

export function assertSerializable(fields: StoredFields): void {
  if (JSON.stringify(fields).length > 2_000_000) throw new GraphError(413, 'RequestEntityTooLarge', 'The item is too large.');
}

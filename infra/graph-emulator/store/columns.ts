// Column definitions (Graph's columnDefinition) of sites and lists, and the validation of field values against them.
import { randomUUID } from 'node:crypto';
import { GraphError, invalidRequest, itemNotFound, nameAlreadyExists } from '../errors.js';
import type { Db } from './database.js';

/** SharePoint allows at most 20 indexed columns per list. */
export const MAX_INDEXED_COLUMNS = 20;
const TEXT_MAX = 255;
const NOTE_MAX = 63_999;

export const COLUMN_KINDS = ['text', 'number', 'boolean', 'dateTime', 'choice', 'personOrGroup', 'lookup'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export interface ColumnDefinition {
  id: string;
  name: string;
  displayName: string;
  description: string;
  columnGroup?: string;
  enforceUniqueValues: boolean;
  hidden: boolean;
  indexed: boolean;
  readOnly: boolean;
  required: boolean;
  text?: { allowMultipleLines?: boolean; appendChangesToExistingText?: boolean; linesForEditing?: number; maxLength?: number };
  number?: { decimalPlaces?: string; displayAs?: string; maximum?: number; minimum?: number };
  boolean?: Record<string, unknown>;
  dateTime?: { displayAs?: string; format?: 'dateOnly' | 'dateTime' };
  choice?: { allowTextEntry?: boolean; choices: string[]; displayAs?: string };
  personOrGroup?: { allowMultipleSelection?: boolean; chooseFromType?: string; displayAs?: string };
  lookup?: { allowMultipleValues?: boolean; allowUnlimitedLength?: boolean; columnName?: string; listId?: string; primaryLookupColumnId?: string };
  [facet: string]: unknown;
}

export function columnKind(def: ColumnDefinition): ColumnKind {
  for (const kind of COLUMN_KINDS) if (def[kind] !== undefined) return kind;
  throw new GraphError(500, 'generalException', `Column '${def.name}' has no type.`);
}

/** Where a value is kept and filtered: person and lookup columns are addressed as `<Name>LookupId`. */
export function storageKey(def: ColumnDefinition): string {
  const kind = columnKind(def);
  return kind === 'personOrGroup' || kind === 'lookup' ? `${def.name}LookupId` : def.name;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const READ_ONLY_PROPS = new Set(['id']);
const KNOWN_PROPS = new Set([
  'name', 'displayName', 'description', 'columnGroup', 'enforceUniqueValues', 'hidden', 'indexed', 'readOnly', 'required',
  'isDeletable', 'isReorderable', 'isSealed', 'propagateChanges', 'validation', 'defaultValue', ...COLUMN_KINDS,
]);

/** Validates a POST body for a new column; strict about what the emulator does not model. */
export function parseNewColumn(body: Record<string, unknown>): ColumnDefinition {
  for (const key of Object.keys(body)) {
    if (READ_ONLY_PROPS.has(key)) throw invalidRequest(`Property '${key}' is read-only and cannot be set.`);
    if (!KNOWN_PROPS.has(key) && !key.startsWith('@')) throw invalidRequest(`Property '${key}' is not supported on a columnDefinition by this emulator.`);
  }
  const name = body.name;
  if (typeof name !== 'string' || !NAME.test(name)) throw invalidRequest(`A column needs a 'name' of letters, digits and underscores (got ${JSON.stringify(name)}).`);
  const facets = COLUMN_KINDS.filter((k) => body[k] !== undefined);
  if (facets.length !== 1) throw invalidRequest(`A column needs exactly one type facet of ${COLUMN_KINDS.join(', ')}.`);
  const def: ColumnDefinition = {
    id: randomUUID(),
    name,
    displayName: typeof body.displayName === 'string' ? body.displayName : name,
    description: typeof body.description === 'string' ? body.description : '',
    enforceUniqueValues: bool(body, 'enforceUniqueValues'),
    hidden: bool(body, 'hidden'),
    indexed: bool(body, 'indexed'),
    readOnly: bool(body, 'readOnly'),
    required: bool(body, 'required'),
  };
  if (typeof body.columnGroup === 'string') def.columnGroup = body.columnGroup;
  const kind = facets[0] as ColumnKind;
  const facet = body[kind];
  if (facet === null || typeof facet !== 'object' || Array.isArray(facet)) throw invalidRequest(`The '${kind}' facet must be an object.`);
  (def as Record<string, unknown>)[kind] = normalizeFacet(kind, facet as Record<string, unknown>);
  // SharePoint indexes a column that enforces unique values.
  if (def.enforceUniqueValues) def.indexed = true;
  if (def.indexed && kind === 'text' && def.text?.allowMultipleLines) throw invalidRequest('A column with multiple lines of text cannot be indexed.');
  return def;
}

function bool(body: Record<string, unknown>, key: string): boolean {
  const v = body[key];
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw invalidRequest(`Property '${key}' must be a boolean.`);
  return v;
}

function normalizeFacet(kind: ColumnKind, facet: Record<string, unknown>): Record<string, unknown> {
  switch (kind) {
    case 'text': {
      const multi = facet.allowMultipleLines === true;
      return {
        allowMultipleLines: multi,
        appendChangesToExistingText: facet.appendChangesToExistingText === true,
        linesForEditing: typeof facet.linesForEditing === 'number' ? facet.linesForEditing : multi ? 6 : 0,
        maxLength: typeof facet.maxLength === 'number' && facet.maxLength > 0 ? Math.min(facet.maxLength, multi ? NOTE_MAX : TEXT_MAX) : multi ? NOTE_MAX : TEXT_MAX,
      };
    }
    case 'choice': {
      const choices = facet.choices;
      if (!Array.isArray(choices) || choices.length === 0 || !choices.every((c) => typeof c === 'string' && c.length > 0))
        throw invalidRequest("A choice column needs 'choices': a non-empty array of strings.");
      return { allowTextEntry: facet.allowTextEntry === true, choices, displayAs: typeof facet.displayAs === 'string' ? facet.displayAs : 'dropDownMenu' };
    }
    case 'dateTime':
      return { displayAs: 'default', format: facet.format === 'dateOnly' ? 'dateOnly' : 'dateTime' };
    case 'personOrGroup':
      return { allowMultipleSelection: facet.allowMultipleSelection === true, chooseFromType: 'peopleOnly', displayAs: 'nameWithPresence' };
    case 'lookup':
      return {
        allowMultipleValues: facet.allowMultipleValues === true,
        allowUnlimitedLength: false,
        columnName: typeof facet.columnName === 'string' ? facet.columnName : 'Title',
        listId: typeof facet.listId === 'string' ? facet.listId : '',
      };
    case 'number': {
      const out: Record<string, unknown> = { decimalPlaces: typeof facet.decimalPlaces === 'string' ? facet.decimalPlaces : 'automatic', displayAs: 'number' };
      if (typeof facet.minimum === 'number') out.minimum = facet.minimum;
      if (typeof facet.maximum === 'number') out.maximum = facet.maximum;
      return out;
    }
    case 'boolean':
      return {};
  }
}

// --- storage --------------------------------------------------------------------------------

export function listColumns(db: Db, siteId: string, listId: string): ColumnDefinition[] {
  return (db.prepare('SELECT data FROM columns WHERE site_id = ? AND list_id = ? ORDER BY position').all(siteId, listId) as { data: string }[]).map(
    (r) => JSON.parse(r.data) as ColumnDefinition,
  );
}

export function getColumn(db: Db, siteId: string, listId: string, idOrName: string): ColumnDefinition {
  const row = db
    .prepare('SELECT data FROM columns WHERE site_id = ? AND list_id = ? AND (id = ? COLLATE NOCASE OR name = ?)')
    .get(siteId, listId, idOrName, idOrName) as { data: string } | undefined;
  if (!row) throw itemNotFound(`Column '${idOrName}' does not exist.`);
  return JSON.parse(row.data) as ColumnDefinition;
}

export function insertColumn(db: Db, siteId: string, listId: string, def: ColumnDefinition): void {
  const columns = listColumns(db, siteId, listId);
  const taken = (name: string) => columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  const clash = taken(def.name);
  // A name SharePoint already uses for a built-in column gets a digit appended (Author → Author0), as SharePoint
  // does for internal names; a clash with a column someone created is a conflict.
  if (clash && !clash.readOnly && clash.name !== 'Title') throw nameAlreadyExists(`A duplicate field name "${def.name}" was found.`);
  if (clash) {
    let n = 0;
    while (taken(`${def.name}${n}`)) n++;
    def.name = `${def.name}${n}`;
  }
  if (def.indexed && listId !== '') assertIndexBudget(columns);
  db.prepare('INSERT INTO columns (id, site_id, list_id, name, position, data) VALUES (?, ?, ?, ?, ?, ?)').run(
    def.id, siteId, listId, def.name, columns.length, JSON.stringify(def),
  );
}

export function assertIndexBudget(columns: ColumnDefinition[]): void {
  if (columns.filter((c) => c.indexed).length >= MAX_INDEXED_COLUMNS)
    throw invalidRequest(`A list can have at most ${MAX_INDEXED_COLUMNS} indexed columns. Remove the index from another column first.`);
}

export function saveColumn(db: Db, siteId: string, listId: string, def: ColumnDefinition): void {
  db.prepare('UPDATE columns SET data = ? WHERE site_id = ? AND list_id = ? AND id = ?').run(JSON.stringify(def), siteId, listId, def.id);
}

export function deleteColumnRow(db: Db, siteId: string, listId: string, id: string): void {
  db.prepare('DELETE FROM columns WHERE site_id = ? AND list_id = ? AND id = ?').run(siteId, listId, id);
}

/** The PATCH-able properties of a column; type changes are refused as SharePoint mostly does. */
export function patchColumn(def: ColumnDefinition, body: Record<string, unknown>): ColumnDefinition {
  const next: ColumnDefinition = { ...def };
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('@')) continue;
    switch (key) {
      case 'displayName':
      case 'description':
      case 'columnGroup':
        if (typeof value !== 'string') throw invalidRequest(`Property '${key}' must be a string.`);
        next[key] = value;
        break;
      case 'indexed':
      case 'required':
      case 'hidden':
      case 'enforceUniqueValues':
        if (typeof value !== 'boolean') throw invalidRequest(`Property '${key}' must be a boolean.`);
        next[key] = value;
        break;
      case 'name':
        if (value !== def.name) throw invalidRequest("A column's 'name' cannot be changed.");
        break;
      case 'propagateChanges':
        // Pushes a site column's change to lists that use it; the emulator's lists hold copies, so nothing to do.
        if (typeof value !== 'boolean') throw invalidRequest(`Property '${key}' must be a boolean.`);
        break;
      default:
        if ((COLUMN_KINDS as readonly string[]).includes(key)) {
          const kind = columnKind(def);
          if (key !== kind) throw invalidRequest(`A column of type '${kind}' cannot be changed to '${key}'.`);
          (next as Record<string, unknown>)[kind] = normalizeFacet(kind, { ...(def[kind] as object), ...(value as object) });
        } else {
          throw invalidRequest(`Property '${key}' cannot be updated on a columnDefinition.`);
        }
    }
  }
  if (next.enforceUniqueValues) next.indexed = true;
  if (def.readOnly && (next.required !== def.required || next.enforceUniqueValues !== def.enforceUniqueValues))
    throw invalidRequest(`Column '${def.name}' is read-only.`);
  return next;
}

// --- built-in columns -------------------------------------------------------------------------

const builtIn = (name: string, facet: Partial<ColumnDefinition>, extra: Partial<ColumnDefinition> = {}): ColumnDefinition => ({
  id: randomUUID(),
  name,
  displayName: name,
  description: '',
  columnGroup: 'Custom Columns',
  enforceUniqueValues: false,
  hidden: false,
  indexed: false,
  readOnly: true,
  required: false,
  ...facet,
  ...extra,
});

/** The columns SharePoint puts in every generic list (a selection of them: the ones apps read or filter). */
export function builtInListColumns(): ColumnDefinition[] {
  return [
    builtIn('Title', { text: { allowMultipleLines: false, appendChangesToExistingText: false, linesForEditing: 0, maxLength: TEXT_MAX } }, { readOnly: false }),
    builtIn('Created', { dateTime: { displayAs: 'default', format: 'dateTime' } }),
    builtIn('Modified', { dateTime: { displayAs: 'default', format: 'dateTime' } }),
    builtIn('Author', { personOrGroup: { allowMultipleSelection: false, chooseFromType: 'peopleOnly', displayAs: 'nameWithPresence' } }, { displayName: 'Created By' }),
    builtIn('Editor', { personOrGroup: { allowMultipleSelection: false, chooseFromType: 'peopleOnly', displayAs: 'nameWithPresence' } }, { displayName: 'Modified By' }),
  ];
}

/** Extra columns of a document library. */
export function builtInLibraryColumns(): ColumnDefinition[] {
  return [
    builtIn('FileLeafRef', { text: { allowMultipleLines: false, maxLength: 255 } }, { displayName: 'Name' }),
    builtIn('FileSizeDisplay', { number: { decimalPlaces: 'none', displayAs: 'number' } }, { displayName: 'File Size' }),
  ];
}

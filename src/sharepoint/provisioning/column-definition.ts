// Translates a declared column into Graph's columnDefinition, and tells what an existing column lacks.
import type { ColumnSpec } from '../schema/schema-types.js';

/** The part of Graph's columnDefinition that provisioning reads and writes. */
export interface GraphColumn {
  id: string;
  name: string;
  indexed?: boolean;
  required?: boolean;
  enforceUniqueValues?: boolean;
  readOnly?: boolean;
  text?: { allowMultipleLines?: boolean; maxLength?: number };
  number?: object;
  boolean?: object;
  dateTime?: { format?: string };
  choice?: { choices?: string[]; allowTextEntry?: boolean };
  personOrGroup?: { allowMultipleSelection?: boolean };
  lookup?: { listId?: string; columnName?: string; allowMultipleValues?: boolean };
}

/** Graph's type facet for each declared type; `note` and `date` are facets with options. */
const FACET: Record<ColumnSpec['type'], keyof GraphColumn> = {
  text: 'text',
  note: 'text',
  number: 'number',
  boolean: 'boolean',
  dateTime: 'dateTime',
  date: 'dateTime',
  choice: 'choice',
  person: 'personOrGroup',
  lookup: 'lookup',
};

function facetBody(spec: ColumnSpec, lookupListIds: ReadonlyMap<string, string>): Record<string, unknown> {
  switch (spec.type) {
    case 'text':
      return { text: { allowMultipleLines: false, maxLength: spec.maxLength ?? 255 } };
    case 'note':
      return { text: { allowMultipleLines: true } };
    case 'number':
      return { number: {} };
    case 'boolean':
      return { boolean: {} };
    case 'dateTime':
      return { dateTime: { format: 'dateTime' } };
    case 'date':
      return { dateTime: { format: 'dateOnly' } };
    case 'choice':
      return { choice: { choices: [...(spec.choices ?? [])], allowTextEntry: false } };
    case 'person':
      return { personOrGroup: { allowMultipleSelection: spec.multiple === true } };
    case 'lookup': {
      const listId = spec.lookupList ? lookupListIds.get(spec.lookupList) : undefined;
      if (!listId) throw new Error(`Lookup column ${spec.name} needs the list '${spec.lookupList ?? ''}' to exist first.`);
      return { lookup: { listId, columnName: 'Title', allowMultipleValues: spec.multiple === true } };
    }
  }
}

/** The body of `POST …/columns` for a declared column. */
export function columnBody(spec: ColumnSpec, lookupListIds: ReadonlyMap<string, string> = new Map()): Record<string, unknown> {
  return {
    name: spec.name,
    displayName: spec.displayName,
    required: spec.required === true,
    // A unique column must be indexed; SharePoint indexes it either way.
    indexed: spec.indexed === true || spec.unique === true,
    enforceUniqueValues: spec.unique === true,
    ...facetBody(spec, lookupListIds),
  };
}

export type ColumnDrift =
  | { kind: 'ok' }
  | { kind: 'update'; changes: Record<string, unknown>; reasons: string[] }
  /** A column of that name exists with another type: provisioning never changes or deletes it; a person must decide. */
  | { kind: 'conflict'; reason: string };

/**
 * What an existing column needs to match its declaration. Only additive changes are made: an index,
 * a required flag, choices that are missing. Nothing is ever removed, so no data can be lost.
 */
export function columnDrift(spec: ColumnSpec, existing: GraphColumn): ColumnDrift {
  const facet = FACET[spec.type];
  if (existing[facet] === undefined) return { kind: 'conflict', reason: `kolonnen ${spec.name} finnes med en annen type enn ${spec.type}` };
  if ((spec.type === 'note') !== (existing.text?.allowMultipleLines === true) && facet === 'text')
    return { kind: 'conflict', reason: `kolonnen ${spec.name} finnes, men ${spec.type === 'note' ? 'ikke' : ''} som flerlinjet tekst` };
  const changes: Record<string, unknown> = {};
  const reasons: string[] = [];
  const wantsIndex = spec.indexed === true || spec.unique === true;
  if (wantsIndex && !existing.indexed) {
    changes.indexed = true;
    reasons.push('indeks');
  }
  if (spec.unique && !existing.enforceUniqueValues) {
    changes.enforceUniqueValues = true;
    reasons.push('unike verdier');
  }
  if (spec.required && !existing.required) {
    changes.required = true;
    reasons.push('påkrevd');
  }
  if (spec.type === 'choice') {
    const have = new Set(existing.choice?.choices ?? []);
    const missing = (spec.choices ?? []).filter((c) => !have.has(c));
    if (missing.length > 0) {
      changes.choice = { choices: [...(existing.choice?.choices ?? []), ...missing] };
      reasons.push(`valg: ${missing.join(', ')}`);
    }
  }
  return reasons.length === 0 ? { kind: 'ok' } : { kind: 'update', changes, reasons };
}

// Shared pieces of every mapping: field value types, zod readers for SharePoint's shapes, and the error for a corrupt row.
import { z } from 'zod';
import { toOsloDate } from '../../domain/index.js';

/** What a list item's `fields` holds for the column types we use. */
export type FieldValue = string | number | boolean | null;
export type Fields = Record<string, FieldValue>;

/** Where a row came from, for error messages: the list's display name and the item's id. */
export interface RowSource {
  readonly list: string;
  readonly itemId: string;
}

/**
 * A row SharePoint returned that does not map to a domain record (edited by hand, or written by an
 * older version). Names the list, the item and the columns, never their values (they may be personal data).
 */
export class CorruptRowError extends Error {
  constructor(
    readonly source: RowSource,
    readonly problems: readonly string[],
  ) {
    super(`List '${source.list}' item ${source.itemId} does not map to a record: ${problems.join('; ')}`);
    this.name = 'CorruptRowError';
  }
}

/** Validates `fields` with `schema`, naming list, item and columns in the error. */
export function readRow<S extends z.ZodType>(schema: S, fields: unknown, source: RowSource): z.output<S> {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(row)'}: ${i.message}`);
  throw new CorruptRowError(source, problems);
}

/** A choice column: one of the domain's values. */
export const oneOf = <const T extends string>(values: readonly T[]) => z.enum(values as readonly T[] as [T, ...T[]]);

/** A text column that may be empty: SharePoint leaves empty values out of `fields`. */
export const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** A dateTime column, read as the domain's Instant (`toISOString()`); SharePoint keeps whole seconds in UTC. */
export const instant = z.string().transform((value, ctx) => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: 'not a date and time' });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

export const optionalInstant = instant.nullish().transform((v) => v ?? null);

/**
 * A date-only column, read as the domain's CalendarDate. SharePoint stores it as midnight in the
 * site's time zone and Graph returns that instant in UTC (`2026-04-30T22:00:00Z` on an Oslo site,
 * `2026-05-01T00:00:00Z` on a UTC site); the Oslo calendar date is right for both.
 */
export const calendarDate = instant.transform((iso) => toOsloDate(new Date(iso)));

/** A note column holding JSON, validated against `schema` after parsing. */
export function jsonText<S extends z.ZodType>(schema: S) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** A text column holding a list of codes separated by commas (short enough for a single-line column). */
export function codeList<const T extends string>(values: readonly T[]) {
  return z
    .string()
    .nullish()
    .transform((text) => (text ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''))
    .pipe(z.array(oneOf(values)));
}

export const joinCodes = (codes: readonly string[]): string | null => (codes.length === 0 ? null : codes.join(','));

/** Booleans left empty read as false. */
export const flag = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);

/** Yes, no, or not answered yet (null): unlike `flag`, empty is not no. */
export const optionalFlag = z
  .boolean()
  .nullish()
  .transform((v) => v ?? null);

/** The parts of a listItem every repository reads: its id, its version and its fields. */
export const listItemEnvelope = z.object({
  id: z.string().min(1),
  '@odata.etag': z.string().optional(),
  eTag: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});

export type ListItemEnvelope = z.output<typeof listItemEnvelope>;

/** The item's envelope, checked: an answer without id, ETag or fields is a corrupt row too. */
export function readEnvelope(raw: unknown, list: string): { itemId: string; etag: string; fields: Record<string, unknown> } {
  // The usual item, checked by hand (every row of every page comes through here); anything else by the schema below.
  if (typeof raw === 'object' && raw !== null) {
    const { id, fields, '@odata.etag': odataEtag, eTag } = raw as Record<string, unknown>;
    const etag = odataEtag ?? eTag;
    if (typeof id === 'string' && id !== '' && typeof etag === 'string' && (eTag === undefined || typeof eTag === 'string') && isPlainRecord(fields))
      return { itemId: id, etag, fields };
  }
  const parsed = listItemEnvelope.safeParse(raw);
  const itemId = parsed.success ? parsed.data.id : String((raw as { id?: unknown } | null)?.id ?? '?');
  if (!parsed.success) throw new CorruptRowError({ list, itemId }, parsed.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`));
  const etag = parsed.data['@odata.etag'] ?? parsed.data.eTag ?? (parsed.data.fields?.['@odata.etag'] as string | undefined);
  if (etag === undefined || parsed.data.fields === undefined) throw new CorruptRowError({ list, itemId }, ['the item came without its ETag or fields']);
  return { itemId, etag, fields: parsed.data.fields };
}

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Whether the stored fields hold what was sent: used when an update's answer was lost and a retry
 * met its own write (412). Empty equals null; date-times compare at SharePoint's whole seconds.
 */
export function holdsFields(stored: Record<string, unknown>, sent: Fields): boolean {
  for (const [key, value] of Object.entries(sent)) {
    const have = stored[key] ?? null;
    if (value === null || have === null) {
      if ((value ?? '') !== (have ?? '')) return false;
      continue;
    }
    if (typeof value === 'string' && typeof have === 'string' && DATE_ONLY.test(value) && ISO_INSTANT.test(have)) {
      if (toOsloDate(new Date(have)) !== value) return false;
      continue;
    }
    if (typeof value === 'string' && typeof have === 'string' && ISO_INSTANT.test(value) && ISO_INSTANT.test(have)) {
      if (Math.floor(Date.parse(value) / 1000) !== Math.floor(Date.parse(have) / 1000)) return false;
      continue;
    }
    if (value !== have) return false;
  }
  return true;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

// The pieces of query strings and bodies route modules share, with their Norwegian messages: ids, free text, dates,
// lists of values, the version (etag) a write names, paging. Each route module builds its schemas from these.
import { z } from 'zod';
import { isCalendarDate } from '../../domain/index.js';
import { InvalidRequest, parseOr400 } from './errors.js';

/** Ids the app makes (UUIDs, unit and person ids): letters, digits and dashes. */
export const ID = /^[A-Za-z0-9-]{1,64}$/;
export const id = (what: string) => z.string({ error: `${what} mangler.` }).regex(ID, { error: `${what} er ikke en gyldig id.` });

/** Free text a person writes: trimmed, not empty, bounded (a 100,000-character text is refused by name and limit). */
export const text = (what: string, max: number) =>
  z
    .string({ error: `${what} må være tekst.` })
    .max(max, { error: `${what} kan ha høyst ${max.toLocaleString('nb-NO')} tegn.` })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, { error: `${what} kan ikke være tom.` }));

/** Free text that may be empty: trimmed, bounded. */
export const optionalText = (what: string, max: number) =>
  z
    .string({ error: `${what} må være tekst.` })
    .max(max, { error: `${what} kan ha høyst ${max.toLocaleString('nb-NO')} tegn.` })
    .transform((s) => s.trim());

/** A calendar date, YYYY-MM-DD, that exists. */
export const calendarDate = (what: string) =>
  z
    .string({ error: `${what} må være en dato.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${what} må være en dato på formen ÅÅÅÅ-MM-DD.` })
    .refine(isCalendarDate, { error: `${what} er ikke en gyldig dato.` });

/** The version (ETag) the person read, passed back with every write; a stale one is a conflict, not a 400. */
export const etag = z.string({ error: 'Versjonen (etag) mangler: last på nytt.' }).min(1, { error: 'Versjonen (etag) mangler: last på nytt.' }).max(200, { error: 'Versjonen (etag) er ugyldig.' });

/** A comma-separated list of one enum's values, at most one of each. */
export function listOf<const T extends string>(values: readonly T[], what: string) {
  return z
    .string()
    .max(500, { error: `For mange verdier i ${what}.` })
    .transform((s) => [...new Set(s.split(',').map((v) => v.trim()).filter((v) => v !== ''))])
    .pipe(z.array(z.enum(values as readonly T[] as [T, ...T[]], { error: `Ukjent verdi i ${what}. Gyldige verdier: ${values.join(', ')}.` })));
}

/** `unitId=` in a query: a unit of the tree (whether it exists is the route's to say). */
export const unitIdParam = z.string({ error: 'Enheten må være en tekst.' }).trim().min(1, { error: 'Velg en enhet.' }).max(100, { error: 'Enhets-id-en er for lang.' });

/** `pageSize=`: 1–100, default 50. */
export const pageSizeParam = z.coerce
  .number({ error: 'Sidestørrelsen (pageSize) må være et tall.' })
  .int({ error: 'Sidestørrelsen (pageSize) må være et helt tall.' })
  .min(1, { error: 'Sidestørrelsen (pageSize) må være minst 1.' })
  .max(100, { error: 'Sidestørrelsen (pageSize) kan være høyst 100.' })
  .default(50);

/** `continuation=`: the opaque token of the previous page, as the API hands it out. */
export const continuationParam = z.string().regex(/^[A-Za-z0-9_-]{1,8192}$/, { error: 'Ugyldig fortsettelse; start fra første side.' });

/** A query string's problems named by parameter (`kind`, not `kind.1` for the second value in it). */
export function parseQuery<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  try {
    return parseOr400(schema, input);
  } catch (err) {
    if (err instanceof InvalidRequest) throw new InvalidRequest(err.details.map((d) => ({ ...d, field: d.field.split('.')[0] || d.field })));
    throw err;
  }
}

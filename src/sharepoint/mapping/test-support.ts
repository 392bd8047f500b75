// Used by the mapping tests only: what SharePoint gives back for fields we wrote (empty values left out, whole seconds, date-only at site midnight).
import { startOfOsloDay } from '../../domain/index.js';
import type { Fields } from './fields.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The `fields` Graph returns after a write of `written` on a site in Oslo time: nulls are absent,
 * date-times lose their milliseconds, and a date-only value comes back as midnight Oslo time in UTC.
 */
export function readBack(written: Fields, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': '"00000000-0000-0000-0000-000000000000,1"', id: '7' };
  for (const [key, value] of Object.entries(written)) {
    if (value === null) continue;
    if (typeof value === 'string' && INSTANT.test(value)) out[key] = `${value.slice(0, 19)}Z`;
    else if (typeof value === 'string' && DATE_ONLY.test(value)) out[key] = `${startOfOsloDay(value).toISOString().slice(0, 19)}Z`;
    else out[key] = value;
  }
  // `extra` overrides what was written: how tests make a row corrupt.
  return { ...out, ...extra };
}

export const SOURCE = { list: 'Testliste', itemId: '7' } as const;

// Checks OData date/time text and rewrites it to the one UTC form the item store keeps ('YYYY-MM-DDTHH:MM:SSZ').
import { ODataError } from './errors.js';

/** SharePoint's dateTime columns accept years 1900 to 8900; outside that Graph refuses the value. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 8900;

// Year allows more than four digits only so that year 30000 gets a range message instead of "not a date".
const DATE_TIME = /^(\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|([+-])(\d{2}):(\d{2}))?)?$/;

export interface DateTimeOptions {
  /**
   * OData v4 datetime literals must carry `Z` or an offset when they have a time; quoted strings
   * and the legacy `datetime'...'` form come from v3-era clients that often omit it, and are read as UTC.
   */
  requireZone: boolean;
  /** Where the text starts in the option, for the error. */
  position?: number;
}

/**
 * Returns the instant as 'YYYY-MM-DDTHH:MM:SSZ' in UTC, fraction of a second dropped (the store
 * keeps whole seconds, like SharePoint). A bare date is midnight UTC. Throws ODataError for text
 * that is not a date or names a day that does not exist.
 */
export function normalizeDateTime(text: string, options: DateTimeOptions): string {
  const fail = (why: string): never => {
    const where = options.position === undefined ? '' : ` at position ${options.position}`;
    throw new ODataError(`'${text}'${where} is not a valid date/time: ${why}.`, options.position);
  };
  const m = DATE_TIME.exec(text);
  if (!m) return fail('expected YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss[.fff]] followed by Z or an offset such as +01:00');
  const [, ys, mos, ds, hs, mis, ss, , zone, sign, ohs, oms] = m;
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const hour = Number(hs ?? 0);
  const minute = Number(mis ?? 0);
  const second = Number(ss ?? 0);
  if (year < MIN_YEAR || year > MAX_YEAR) fail(`year ${year} is outside ${MIN_YEAR}..${MAX_YEAR}, the range SharePoint supports`);
  if (month < 1 || month > 12) fail(`month ${month} does not exist`);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) fail(`day ${day} does not exist in ${year}-${mos}`);
  if (hour > 23) fail(`hour ${hour} does not exist`);
  if (minute > 59) fail(`minute ${minute} does not exist`);
  if (second > 59) fail(`second ${second} does not exist`);
  if (hs !== undefined && zone === undefined && options.requireZone) {
    fail('a time needs a time zone, Z for UTC or an offset such as +01:00');
  }
  let offsetMinutes = 0;
  if (sign !== undefined) {
    const oh = Number(ohs);
    const om = Number(oms);
    if (oh > 23 || om > 59) fail(`offset ${sign}${ohs}:${oms} does not exist`);
    offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000);
  // An offset can push the instant across a range edge (1900-01-01T00:00:00+01:00 is 1899 in UTC).
  const utcYear = utc.getUTCFullYear();
  if (utcYear < MIN_YEAR || utcYear > MAX_YEAR) fail(`in UTC it falls in year ${utcYear}, outside ${MIN_YEAR}..${MAX_YEAR}`);
  return utc.toISOString().slice(0, 19) + 'Z';
}

// Dates and numbers the Norwegian way (dd.mm.yyyy, 1 234) in Oslo time, whatever the language, with Intl.
import type { Locale } from '../../../src/server/api/contract.js';

const ZONE = 'Europe/Oslo';
const dateFormat = new Intl.DateTimeFormat('nb-NO', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('nb-NO', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const numberFormat = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 });
const monthFormats = new Map<Locale, Intl.DateTimeFormat>();

/** 1 234 (a non-breaking space between thousands, as Norwegian writes it); decimals with a comma. */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** dd.mm.yyyy: a calendar date ('2026-03-09') as it is, an instant in Oslo time; '' for nothing or garbage. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = DATE_ONLY.exec(value);
  if (m) return `${m[3]}.${m[2]}.${m[1]}`;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : dateFormat.format(d);
}

/** dd.mm.yyyy HH:mm in Oslo time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : `${dateFormat.format(d)} ${timeFormat.format(d)}`;
}

/** 'YYYY-MM' as a short month and year in the language ('mars 2026', 'Mar 2026'). */
export function formatMonth(month: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  let f = monthFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : `${locale}-NO`, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(locale, f);
  }
  return f.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15)));
}

/** Today's date in Oslo as YYYY-MM-DD (for the earliest allowed deadline). */
export function osloToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return parts;
}

/** Fills `{name}` placeholders; numbers are formatted the Norwegian way. */
export function interpolate(template: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : typeof v === 'number' ? formatNumber(v) : v;
  });
}

// Picks the tab's language from the Teams locale or the browser's: nb, nn or en ('no' is bokmål; anything else is bokmål first).
import type { Locale } from '../../../src/server/api/contract.js';

export const LOCALES: readonly Locale[] = ['nb', 'nn', 'en'];

/** One tag ('nb-NO', 'nn', 'no', 'en-GB' …) to a locale, or null when it is none of ours. */
export function localeOf(tag: string | null | undefined): Locale | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'nb' || primary === 'no') return 'nb';
  if (primary === 'nn') return 'nn';
  if (primary === 'en') return 'en';
  return null;
}

/** The first of the given tags that is one of ours (Teams gives one, a browser a list); bokmål otherwise. */
export function pickLocale(tags: readonly (string | null | undefined)[]): Locale {
  for (const tag of tags) {
    const locale = localeOf(tag);
    if (locale) return locale;
  }
  return 'nb';
}

/** The BCP 47 tag for Intl and for `<html lang>`. */
export function htmlLang(locale: Locale): string {
  return locale === 'en' ? 'en' : locale;
}

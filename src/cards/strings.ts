// Every user-facing text of the bot and its cards, by the user's Teams locale: bokmål first, nynorsk and English.
import type { ConsequenceFor, CaseStatus, DeviationKind, DomainError, Severity } from '../domain/index.js';
import { en } from './strings-en.js';
import { nb, type Catalogue, type StringKey } from './strings-nb.js';
import { nn } from './strings-nn.js';

export type { StringKey } from './strings-nb.js';

export type Language = 'nb' | 'nn' | 'en';

export const LANGUAGES: readonly Language[] = ['nb', 'nn', 'en'];

const CATALOGUES: Readonly<Record<Language, Catalogue>> = { nb, nn, en };

/**
 * The catalogue for a Teams locale ('nb-NO', 'nn-NO', 'en-GB' …). Bokmål for 'no', 'nb-*' and
 * anything unknown: the municipality's staff read bokmål, so it is the safe default.
 */
export function languageOf(locale: string | null | undefined): Language {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'nn') return 'nn';
  if (primary === 'en') return 'en';
  return 'nb';
}

export type Params = Readonly<Record<string, string | number>>;

/** `{name}` placeholders filled from `params`; one without a value stays visible (a missing word is easier to spot than a blank). */
function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The look-up for one set of catalogues (the bot's own, the agenda's, the reminders' …): the text for a key by locale. */
export function translator<K extends string>(catalogues: Readonly<Record<Language, Readonly<Record<K, string>>>>) {
  return (locale: string | null | undefined, key: K, params: Params = {}): string => fill(catalogues[languageOf(locale)][key], params);
}

/** The text for `key` in the locale's language, with `{name}` placeholders filled from `params`. */
export const t = translator<StringKey>(CATALOGUES);

export const kindLabel = (locale: string, kind: DeviationKind): string => t(locale, `kind.${kind}`);
export const severityLabel = (locale: string, severity: Severity): string => t(locale, `severity.${severity}`);
export const statusLabel = (locale: string, status: CaseStatus): string => t(locale, `status.${status}`);
export const consequenceForLabel = (locale: string, c: ConsequenceFor): string => t(locale, `consequenceFor.${c}`);

/** Short month names, January first. */
export function monthNames(locale: string): readonly string[] {
  return t(locale, 'date.monthsShort').split('|');
}

// The domain's report-flow errors in the user's language; the domain's own message is bokmål.
const DOMAIN_ERROR_KEYS: Partial<Record<DomainError['code'], StringKey>> = {
  'case.titleMissing': 'form.error.descriptionMissing',
  'case.severityMissing': 'form.error.severityMissing',
  'case.occurredInFuture': 'form.error.occurredInFuture',
  'date.invalid': 'form.error.dateInvalid',
  'case.forbidden': 'bot.forbidden',
};

/** A domain error for the user: translated where the report flow meets it, else the domain's bokmål message. */
export function domainErrorText(locale: string, error: DomainError): string {
  if (error.code === 'case.titleTooLong') return t(locale, 'form.error.descriptionTooLong', { max: error.details.max ?? '' });
  const key = DOMAIN_ERROR_KEYS[error.code];
  return key === undefined ? error.message : t(locale, key);
}

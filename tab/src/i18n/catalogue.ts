// The three message catalogues and the translate function built from one of them.
import type { Locale } from '../../../src/server/api/contract.js';
import { interpolate } from './format';
import { en } from './messages-en';
import { nb, type MessageKey, type Messages } from './messages-nb';
import { nn } from './messages-nn';

export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;

export const CATALOGUES: Record<Locale, Messages> = { nb, nn, en };

export function translator(locale: Locale): Translate {
  const messages = CATALOGUES[locale];
  return (key, vars) => interpolate(messages[key], vars);
}

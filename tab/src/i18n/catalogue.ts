// The three message catalogues and the translate function built from one of them.
import type { Locale } from '../../../src/server/api/contract.js';
import { interpolate } from './format';
import { en } from './messages-en';
import { nb, type MessageKey as BaseMessageKey, type Messages } from './messages-nb';
import { nn } from './messages-nn';
import { proceduresEn } from './procedures-en';
import { proceduresNb, type ProceduresMessageKey, type ProceduresMessages } from './procedures-nb';
import { proceduresNn } from './procedures-nn';
import { riskEn } from './risk-en';
import { riskNb, type RiskMessageKey, type RiskMessages } from './risk-nb';
import { riskNn } from './risk-nn';

/** The main catalogue's keys, the risk pages' (issue 7, in risk-*.ts) and the procedure pages' (issue 8, in procedures-*.ts). */
export type MessageKey = BaseMessageKey | RiskMessageKey | ProceduresMessageKey;
export type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;

export const CATALOGUES: Record<Locale, Messages & RiskMessages & ProceduresMessages> = {
  nb: { ...nb, ...riskNb, ...proceduresNb },
  nn: { ...nn, ...riskNn, ...proceduresNn },
  en: { ...en, ...riskEn, ...proceduresEn },
};

export function translator(locale: Locale): Translate {
  const messages = CATALOGUES[locale];
  return (key, vars) => interpolate(messages[key], vars);
}

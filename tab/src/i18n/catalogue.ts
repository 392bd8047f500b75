// The three message catalogues and the translate function built from one of them.
import { committeesEn } from './committees-en';
import { committeesNb, type CommitteesMessageKey, type CommitteesMessages } from './committees-nb';
import { committeesNn } from './committees-nn';
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

/** The main catalogue's keys, the risk pages' (issue 7, in risk-*.ts), the procedure pages' (issue 8, in procedures-*.ts) and the committee pages' (issue 9, in committees-*.ts). */
export type MessageKey = BaseMessageKey | RiskMessageKey | ProceduresMessageKey | CommitteesMessageKey;
export type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;

export const CATALOGUES: Record<Locale, Messages & RiskMessages & ProceduresMessages & CommitteesMessages> = {
  nb: { ...nb, ...riskNb, ...proceduresNb, ...committeesNb },
  nn: { ...nn, ...riskNn, ...proceduresNn, ...committeesNn },
  en: { ...en, ...riskEn, ...proceduresEn, ...committeesEn },
};

export function translator(locale: Locale): Translate {
  const messages = CATALOGUES[locale];
  return (key, vars) => interpolate(messages[key], vars);
}

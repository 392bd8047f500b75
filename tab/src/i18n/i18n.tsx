// The language context: `useI18n()` gives the translate function, the domain labels and the locale.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../../src/server/api/contract.js';
import { translator, type Translate } from './catalogue';
import { LABELS, type DomainLabels } from './labels';

export interface I18n {
  locale: Locale;
  t: Translate;
  labels: DomainLabels;
}

const I18nContext = createContext<I18n>({ locale: 'nb', t: translator('nb'), labels: LABELS.nb });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo<I18n>(() => ({ locale, t: translator(locale), labels: LABELS[locale] }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

// The risk pages' labels in the person's language (the messages themselves are in the main catalogue).
import { useI18n } from '../../i18n/i18n';
import { riskLabelsEn } from '../../i18n/risk-en';
import { riskLabelsNb, type RiskLabels } from '../../i18n/risk-nb';
import { riskLabelsNn } from '../../i18n/risk-nn';

const LABELS = { nb: riskLabelsNb, nn: riskLabelsNn, en: riskLabelsEn } as const;

export function useRiskLabels(): RiskLabels {
  return LABELS[useI18n().locale];
}

/** '4 høy' for a level, or the words for not assessed. */
export function levelText(labels: RiskLabels, level: number | null | undefined, notAssessed: string): string {
  return level === 1 || level === 2 || level === 3 || level === 4 || level === 5 ? `${level} ${labels.level[level]}` : notAssessed;
}

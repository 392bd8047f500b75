// The area filter (Helse og omsorg, Oppvekst, …) the risk pages share: every area, or one.
import type { RiskArea } from '../../../../src/server/api/contract-risk.js';
import { ChoiceField } from '../../components/choice-field';
import { isOneOf } from '../../domain-values';
import { useI18n } from '../../i18n/i18n';
import { useRiskLabels } from './risk-i18n';
import { RISK_AREAS } from './risk-values';

export function RiskAreaFilter({ value, onChange, testId }: { value: RiskArea | undefined; onChange(area: RiskArea | undefined): void; testId: string }) {
  const { t } = useI18n();
  const labels = useRiskLabels();
  return (
    <ChoiceField
      label={t('risk.filter.area')}
      testId={testId}
      value={value ?? ''}
      emptyLabel={t('risk.filter.allAreas')}
      choices={RISK_AREAS.map((a) => ({ value: a, label: labels.area[a] }))}
      onChange={(chosen) => onChange(isOneOf(RISK_AREAS, chosen) ? chosen : undefined)}
    />
  );
}

// 409 on a row or on the assessment: the write was refused because someone else saved first. Shows their version and
// offers a reload, as the case view does; never overwrites.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { RiskAssessmentDetail } from '../../../../src/server/api/contract-risk.js';
import { usePageStyles } from '../../components/page';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { Facts } from '../case/case-report';
import type { ItemConflict } from './risk-grid';
import { levelText, useRiskLabels } from './risk-i18n';

export function ItemConflictNotice({ rowNumber, conflict, onReload }: { rowNumber: number; conflict: ItemConflict; onReload(): void }) {
  const page = usePageStyles();
  const { t } = useI18n();
  const labels = useRiskLabels();
  const current = conflict.current;
  const attempted = (() => {
    const v = conflict.attempted;
    if (Array.isArray(v)) return v.map((c) => labels.consequenceType[c]).join(', ');
    if (v === null || v === '') return t('risk.unanswered');
    if (typeof v === 'boolean' || v === 'yes' || v === 'no') return v === true || v === 'yes' ? t('risk.yes') : t('risk.no');
    if (conflict.column.includes('ikelihood') || conflict.column.includes('onsequence')) return levelText(labels, Number(v), t('risk.notAssessed'));
    return String(v);
  })();
  const yesNo = (b: boolean | null) => (b === null ? t('risk.unanswered') : b ? t('risk.yes') : t('risk.no'));
  return (
    <MessageBar intent="warning" role="alert" layout="multiline" data-testid="risk-item-conflict">
      <MessageBarBody>
        <MessageBarTitle>{`${t('risk.grid.row', { n: rowNumber })}: ${t('risk.conflict.title')}`}</MessageBarTitle>
        <p>{t('risk.conflict.body')}</p>
        <p data-testid="risk-item-conflict-yours">{t('risk.conflict.yours', { column: t(`risk.field.${conflict.column}`), value: attempted })}</p>
        {current && (
          <div data-testid="risk-item-conflict-current">
            <h3 className={page.h3}>{t('risk.conflict.theirs')}</h3>
            <Facts
              rows={[
                [t('risk.field.process'), current.process],
                [t('risk.field.whatCanGoWrong'), current.whatCanGoWrong],
                [t('risk.field.likelihood'), levelText(labels, current.current.likelihood, '')],
                [t('risk.field.consequence'), levelText(labels, current.current.consequence, '')],
                [t('risk.field.existingMeasures'), current.existingMeasures],
                [t('risk.field.residualLikelihood'), levelText(labels, current.residual?.likelihood, t('risk.notAssessed'))],
                [t('risk.field.residualConsequence'), levelText(labels, current.residual?.consequence, t('risk.notAssessed'))],
                [t('risk.field.residualAcceptable'), yesNo(current.residualAcceptable)],
                [t('risk.field.measures'), current.measures.map((m) => `${m.title} (${m.owner.name}, ${formatDate(m.deadline)})`).join('; ') || null],
              ]}
            />
          </div>
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" onClick={onReload} data-testid="risk-item-conflict-reload">
          {t('risk.conflict.reload')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

export function AssessmentConflictNotice({ current, onReload }: { current: RiskAssessmentDetail | null; onReload(): void }) {
  const page = usePageStyles();
  const { t } = useI18n();
  const labels = useRiskLabels();
  return (
    <MessageBar intent="warning" role="alert" layout="multiline" data-testid="risk-assessment-conflict">
      <MessageBarBody>
        <MessageBarTitle>{t('risk.conflict.assessmentTitle')}</MessageBarTitle>
        <p>{t('risk.conflict.assessmentBody')}</p>
        {current && (
          <div>
            <h3 className={page.h3}>{t('risk.conflict.theirs')}</h3>
            <Facts
              rows={[
                [t('risk.col.status'), labels.status[current.status]],
                [t('risk.col.title'), current.title],
                [t('risk.assessment.responsible'), current.responsible.name],
                [t('risk.col.items'), String(current.itemCount)],
                [t('risk.col.date'), current.forwardedAt ? formatDateTime(current.forwardedAt) : current.compiledAt ? formatDateTime(current.compiledAt) : current.submittedAt ? formatDateTime(current.submittedAt) : formatDate(current.date)],
              ]}
            />
          </div>
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" onClick={onReload} data-testid="risk-assessment-conflict-reload">
          {t('risk.conflict.reloadAssessment')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

// One row of the form opened beside the grid: what is missing, its measures (what, who, deadline, done?) on the common
// action list, the deviations where the risk came true, and whether it went to KLG.
import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { CasePage } from '../../../../src/server/api/contract.js';
import type { LinkDeviationBody, NewRiskMeasureBody, RiskAssessmentDetail, RiskItemView } from '../../../../src/server/api/contract-risk.js';
import { ErrorMessage, Notice } from '../../components/error-message';
import { usePageStyles } from '../../components/page';
import type { MeasureFieldsBody } from '../../components/measure-draft';
import { MeasureForm } from '../../components/measure-form';
import { useBusyAction } from '../../components/use-busy-action';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { caseHref } from '../../routes';
import { AppLink } from '../../router';
import { useApi } from '../../session/session';
import { MeasureStatusBadges } from '../case/case-measures';
import { EscalationMarker, RiskChip } from './risk-badges';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    marginTop: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorCompoundBrandStroke}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  head: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  positions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'center' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground2, alignItems: 'center' },
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, color: tokens.colorPaletteRedForeground1 },
  inline: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
});

const CASE_NUMBER = /^[A-ZÆØÅ]{2,4}-\d{4}-\d{3,6}$/i;

export interface ItemPanelProps {
  assessment: RiskAssessmentDetail;
  item: RiskItemView;
  rowNumber: number;
  blocked: boolean;
  onSaved(item: RiskItemView): void;
  onDeleted(itemId: string): void;
  onClose(): void;
}

export function ItemPanel({ assessment, item, rowNumber, blocked, onSaved, onDeleted, onClose }: ItemPanelProps) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [item.id]);

  const canMeasure = (assessment.canEdit || item.escalation !== null) && !blocked;
  const action = useBusyAction();
  const { busy, error } = action;
  const [done, setDone] = useState<string | null>(null);
  const [caseRef, setCaseRef] = useState('');

  const run = async (write: () => Promise<void>, doneText: string | null) => {
    setDone(null);
    const ok = await action.run(write);
    if (ok) setDone(doneText);
    return ok;
  };

  const addMeasure = (fields: MeasureFieldsBody) => {
    const body: NewRiskMeasureBody = fields;
    return run(async () => onSaved(await api.post<RiskItemView>(`/api/risk/items/${encodeURIComponent(item.id)}/measures`, body)), t('risk.panel.measureAdded'));
  };

  const link = async () => {
    const ref = caseRef.trim();
    if (!ref) return;
    const ok = await run(async () => {
      let caseId = ref;
      // People know the case number; the API takes the case's id: look the number up in the inbox's search.
      if (CASE_NUMBER.test(ref)) {
        const found = await api.get<CasePage>(`/api/cases?${new URLSearchParams({ q: ref.toUpperCase(), pageSize: '5' }).toString()}`);
        const hit = found.items.find((c) => c.caseNumber.toUpperCase() === ref.toUpperCase());
        if (hit) caseId = hit.id;
      }
      const body: LinkDeviationBody = { caseId };
      onSaved(await api.post<RiskItemView>(`/api/risk/items/${encodeURIComponent(item.id)}/deviations`, body));
    }, null);
    if (ok) setCaseRef('');
  };

  const unlink = (caseId: string) => run(async () => onSaved(await api.delete<RiskItemView>(`/api/risk/items/${encodeURIComponent(item.id)}/deviations/${encodeURIComponent(caseId)}`)), null);

  const deleteRow = async () => {
    if (!window.confirm(t('risk.grid.deleteRowConfirm', { n: rowNumber }))) return;
    await run(async () => {
      await api.delete(`/api/risk/items/${encodeURIComponent(item.id)}?${new URLSearchParams({ etag: item.etag }).toString()}`);
      onDeleted(item.id);
    }, null);
  };

  return (
    <section aria-labelledby="risk-panel-title" className={styles.panel} data-testid="risk-item-panel" data-item-id={item.id}>
      <div className={styles.head}>
        <h2 id="risk-panel-title" ref={headingRef} tabIndex={-1} className={page.h2}>
          {t('risk.panel.title', { n: rowNumber, process: item.process })}
        </h2>
        <Button appearance="subtle" icon={<DismissRegular />} onClick={onClose} data-testid="risk-item-panel-close">
          {t('risk.panel.close')}
        </Button>
      </div>
      <Text>{item.whatCanGoWrong}</Text>
      <div className={styles.positions}>
        <span>
          {`${t('risk.field.risk')} `}
          <RiskChip position={item.current} />
        </span>
        <span>
          {`${t('risk.field.residualRisk')}: `}
          <RiskChip position={item.residual} />
        </span>
        <EscalationMarker mustReport={item.mustReportToKlg} escalation={item.escalation} testId="risk-item-escalation" />
      </div>
      {item.escalation && <Text data-testid="risk-item-escalated-to">{t('risk.escalatedTo', { committee: item.escalation.committeeName, date: formatDate(item.escalation.at) })}</Text>}

      {item.problems.length > 0 && (
        <div>
          <h3 className={page.h3}>{t('risk.panel.problems')}</h3>
          <ul className={styles.problems} data-testid="risk-item-problems">
            {item.problems.map((p) => (
              <li key={`${p.field}:${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}

      <div>
        <h3 className={page.h3}>{t('risk.panel.measures')}</h3>
        {item.requiresMeasure && item.measures.length === 0 && <Notice intent="warning">{t('risk.panel.measureRequired')}</Notice>}
        {item.measures.length === 0 ? (
          <Text>{t('risk.panel.noMeasures')}</Text>
        ) : (
          <ul className={styles.list} data-testid="risk-item-measures">
            {item.measures.map((m) => (
              <li key={m.id} className={styles.item} data-testid="risk-item-measure">
                <Text block weight="semibold">
                  {m.title}
                </Text>
                <div className={styles.meta}>
                  <span>{`${t('measure.owner')}: ${m.owner.name}`}</span>
                  <span>{`${t('measure.deadline')}: ${formatDate(m.deadline)}`}</span>
                  <span>{`${t('risk.panel.measureDone')} ${m.status === 'done' ? t('risk.yes') : t('risk.no')}`}</span>
                  <MeasureStatusBadges measure={m} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      {canMeasure && <MeasureForm testIdPrefix="risk-measure" label={t('risk.panel.addMeasure')} busy={busy} onAdd={addMeasure} />}

      <div>
        <h3 className={page.h3}>{t('risk.panel.deviations')}</h3>
        {item.deviations.length === 0 ? (
          <Text>{t('risk.panel.noDeviations')}</Text>
        ) : (
          <ul className={styles.list} data-testid="risk-item-deviations">
            {item.deviations.map((d) => (
              <li key={d.id} className={styles.item}>
                <div className={styles.meta}>
                  <AppLink href={caseHref(d.id)}>{d.title ? `${d.caseNumber}: ${d.title}` : d.caseNumber}</AppLink>
                  <span>{formatDate(d.reportedAt)}</span>
                  {assessment.canEdit && !blocked && (
                    <Button size="small" onClick={() => void unlink(d.id)} disabled={busy} aria-label={t('risk.panel.unlink', { caseNumber: d.caseNumber })}>
                      {t('risk.panel.unlink', { caseNumber: d.caseNumber })}
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        {!blocked && (
          <form
            className={styles.inline}
            aria-label={t('risk.panel.linkDeviation')}
            onSubmit={(e) => {
              e.preventDefault();
              void link();
            }}
          >
            <Field label={t('risk.panel.caseId')}>
              <Input value={caseRef} maxLength={100} onChange={(_, d) => setCaseRef(d.value)} data-testid="risk-link-case" />
            </Field>
            <Button type="submit" disabled={busy || !caseRef.trim()} data-testid="risk-link-case-submit">
              {t('risk.panel.link')}
            </Button>
          </form>
        )}
      </div>

      {error && <ErrorMessage error={error} testId="risk-item-panel-error" />}
      {done && <Notice intent="success" testId="risk-item-panel-notice">{done}</Notice>}

      {assessment.canEdit && assessment.status === 'draft' && item.measures.length === 0 && item.deviations.length === 0 && !blocked && (
        <div>
          <Button onClick={() => void deleteRow()} disabled={busy} data-testid="risk-item-delete">
            {t('risk.grid.deleteRow')}
          </Button>
        </div>
      )}
    </section>
  );
}

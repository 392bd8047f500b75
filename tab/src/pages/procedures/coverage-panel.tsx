// Reading coverage of one document in a unit (leaders): percent per unit below, who has not confirmed, and «Send påminnelse».
import { Button, Spinner, TableCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AlertRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { DocumentCoverage, ReadingReminderBody, ReminderResult } from '../../../../src/server/api/contract-procedures.js';
import type { ApiRequestError } from '../../api/client';
import { asApiError, useLoad } from '../../api/use-load';
import { DataTable } from '../../components/data-table';
import { ErrorMessage, Notice } from '../../components/error-message';
import { usePageStyles } from '../../components/page';
import { UnitSelect } from '../../components/unit-select';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { CoverageBar } from './coverage-bar';
import { coverageText } from './procedure-format';
import { documentApiPath, documentCoverageApiPath } from './procedure-query';

const useStyles = makeStyles({
  people: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, columnWidth: '18rem', columnGap: tokens.spacingHorizontalXXL },
  numbers: { fontVariantNumeric: 'tabular-nums' },
  picker: { maxWidth: '30rem' },
});

export function CoveragePanel({ documentId, unitId: initialUnitId, headingLevel = 3, unitPicker = true }: { documentId: string; unitId?: string; headingLevel?: 3 | 4; unitPicker?: boolean }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const [unitId, setUnitId] = useState<string | undefined>(initialUnitId);
  const path = documentCoverageApiPath(documentId, unitId);
  const loaded = useLoad((signal) => api.get<DocumentCoverage>(path, signal), path, t('error.unexpected'));
  const c = loaded.data;
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<ReminderResult | null>(null);
  const [remindError, setRemindError] = useState<ApiRequestError | null>(null);
  const H = headingLevel === 3 ? 'h3' : 'h4';

  const remind = async () => {
    if (!c) return;
    setSending(true);
    setSent(null);
    setRemindError(null);
    try {
      const body: ReadingReminderBody = { unitId: c.unit.id };
      setSent(await api.post<ReminderResult>(documentApiPath(documentId, '/reading-reminders'), body));
    } catch (err) {
      setRemindError(asApiError(err, t('error.unexpected')));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className={page.section} data-testid="coverage-panel" data-document-id={documentId} aria-busy={loaded.loading}>
      {unitPicker && (
        <div className={styles.picker}>
          <UnitSelect
            label={t('proc.coverage.unit')}
            value={unitId ?? c?.unit.id}
            onChange={(next) => {
              setUnitId(next);
              setSent(null);
              setRemindError(null);
            }}
            testId="coverage-unit"
          />
        </div>
      )}
      {loaded.error && <ErrorMessage error={loaded.error} onRetry={loaded.reload} testId="coverage-error" />}
      {loaded.loading && !c && <Spinner label={t('common.loading')} />}
      {c && (
        <>
          <Text block data-testid="coverage-summary">
            {t('proc.coverage.of', { version: c.readingVersion, unit: c.unit.name })} {coverageText(t, c)}
          </Text>
          <CoverageBar percent={c.percent} testId="coverage-percent" />
          {c.byUnit.length > 0 && (
            <DataTable
              size="small"
              label={t('proc.coverage.byUnit', { unit: c.unit.name })}
              testId="coverage-by-unit"
              columns={[t('proc.coverage.col.unit'), t('proc.coverage.col.confirmed'), t('proc.coverage.col.required'), t('proc.coverage.col.percent')]}
            >
              {c.byUnit.map((u) => (
                <TableRow key={`${u.unitId}${u.own ? '-own' : ''}`} data-testid="coverage-unit-row" data-unit-id={u.unitId} data-percent={u.percent ?? ''}>
                  <TableCell>{u.own ? t('proc.coverage.own', { unit: u.unitName }) : u.unitName}</TableCell>
                  <TableCell className={styles.numbers}>{u.confirmed}</TableCell>
                  <TableCell className={styles.numbers}>{u.required}</TableCell>
                  <TableCell>
                    <CoverageBar percent={u.percent} />
                  </TableCell>
                </TableRow>
              ))}
            </DataTable>
          )}
          <H className={page.h3}>{t('proc.coverage.notConfirmed', { n: c.notConfirmedTotal })}</H>
          {c.notConfirmedTotal === 0 ? (
            <Text data-testid="coverage-all-read">{t('proc.coverage.allRead')}</Text>
          ) : (
            <>
              <ul className={styles.people} data-testid="coverage-not-confirmed">
                {c.notConfirmed.map((p) => (
                  <li key={p.id} data-testid="coverage-person" data-person-id={p.id}>
                    {t('proc.coverage.person', { name: p.name, unit: p.unitName, date: formatDate(p.assignedAt) })}
                  </li>
                ))}
              </ul>
              {c.notConfirmed.length < c.notConfirmedTotal && <Text className={page.muted}>{t('proc.coverage.showingPeople', { shown: c.notConfirmed.length, total: c.notConfirmedTotal })}</Text>}
              <div>
                <Button icon={sending ? <Spinner size="tiny" /> : <AlertRegular />} disabled={sending} onClick={() => void remind()} data-testid="coverage-remind">
                  {t('proc.coverage.remind')}
                </Button>
              </div>
            </>
          )}
          {remindError && <ErrorMessage error={remindError} testId="coverage-remind-error" />}
          {sent && (
            <Notice intent={sent.unreachable.length > 0 ? 'warning' : 'success'} testId="coverage-remind-notice">
              {t('proc.coverage.reminded', { n: sent.reminded })}
              {sent.unreachable.length > 0 && ` ${t('proc.coverage.unreachable', { names: sent.unreachable.map((p) => p.name).join(', ') })}`}
            </Notice>
          )}
        </>
      )}
    </div>
  );
}

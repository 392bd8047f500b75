// Excel in the municipal form's layout: export (a download carrying the bearer token, as the action list's export does)
// and import (checked first, with every row's problem in Norwegian in a table; nothing is imported while any row is wrong).
import { Button, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowUploadRegular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import type { RiskApiError, RiskAssessmentDetail, RiskImportResult, RiskImportRowError } from '../../../../src/server/api/contract-risk.js';
import { ApiRequestError } from '../../api/client';
import { asApiError } from '../../api/use-load';
import { useReadableRows } from '../../components/data-table';
import { ErrorMessage, Notice } from '../../components/error-message';
import { usePageStyles } from '../../components/page';
import { formatNumber, osloToday } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 5 * 1024 * 1024;

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  file: { display: 'none' },
  errors: { overflowX: 'auto' },
  num: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  caption: { textAlign: 'left', captionSide: 'top', paddingBottom: tokens.spacingVerticalXS },
});

export function exportPath(assessmentId: string): string {
  return `/api/risk/assessments/${encodeURIComponent(assessmentId)}/export.xlsx`;
}

export function importPath(assessmentId: string, dryRun: boolean): string {
  return `/api/risk/assessments/${encodeURIComponent(assessmentId)}/import${dryRun ? '?dryRun=true' : ''}`;
}

/** The download's file name when the server sends none: risikovurdering-<unit>-<year>.xlsx, as the server names it. */
export function exportFileName(unitName: string, year: number): string {
  const slug = unitName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `risikovurdering-${slug || 'enhet'}-${year}.xlsx`;
}

/** Row errors sorted as Excel shows the sheet: the file first, then by row. */
export function sortRowErrors(rows: readonly RiskImportRowError[]): RiskImportRowError[] {
  return [...rows].sort((a, b) => a.row - b.row);
}

export function RiskExcel({ assessment, onImported }: { assessment: RiskAssessmentDetail; onImported(): void }) {
  const styles = useStyles();
  const readableRows = useReadableRows();
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [exporting, setExporting] = useState(false);
  const [busy, setBusy] = useState<'checking' | 'importing' | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<RiskImportResult | null>(null);
  const [imported, setImported] = useState<RiskImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<RiskImportRowError[] | null>(null);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [local, setLocal] = useState<string | null>(null);

  const exportExcel = async () => {
    setExporting(true);
    setError(null);
    try {
      await api.download(exportPath(assessment.id), exportFileName(assessment.unitName, assessment.year) || `risikovurdering-${osloToday()}.xlsx`);
    } catch (err) {
      setError(asApiError(err, t('error.unexpected')));
    } finally {
      setExporting(false);
    }
  };

  const send = async (f: File, dryRun: boolean) => {
    setBusy(dryRun ? 'checking' : 'importing');
    setError(null);
    setRowErrors(null);
    try {
      const result = await api.upload<RiskImportResult>(importPath(assessment.id, dryRun), f, XLSX);
      if (dryRun) setChecked(result);
      else {
        setImported(result);
        setChecked(null);
        setFile(null);
        onImported();
      }
    } catch (err) {
      const e = asApiError(err, t('error.unexpected'));
      const rows = (e.body as RiskApiError['error']).rows;
      if (e.status === 400 && rows && rows.length > 0) setRowErrors(sortRowErrors(rows));
      else setError(e);
      setChecked(null);
    } finally {
      setBusy(null);
    }
  };

  const choose = (f: File | undefined) => {
    setLocal(null);
    setImported(null);
    setChecked(null);
    setRowErrors(null);
    setError(null);
    if (!f) return;
    if (!/\.xlsx$/i.test(f.name)) {
      setLocal(t('risk.excel.notXlsx'));
      return;
    }
    if (f.size > MAX_BYTES) {
      setLocal(t('risk.excel.tooLarge'));
      return;
    }
    setFile(f);
    void send(f, true);
  };

  return (
    <section aria-labelledby="risk-excel" className={page.section} data-testid="risk-excel">
      <h2 id="risk-excel" className={page.h2}>
        {t('risk.excel.title')}
      </h2>
      <div className={styles.row}>
        <Button
          as="a"
          href={exportPath(assessment.id)}
          icon={exporting ? <Spinner size="tiny" /> : <ArrowDownloadRegular />}
          onClick={(e) => {
            e.preventDefault();
            if (!exporting) void exportExcel();
          }}
          data-testid="risk-export-excel"
        >
          {exporting ? t('risk.excel.exporting') : t('risk.excel.export')}
        </Button>
        {assessment.canEdit && (
          <>
            <input
              ref={input}
              className={styles.file}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-label={t('risk.excel.choose')}
              data-testid="risk-import-file"
              onChange={(e) => {
                choose(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
            <Button icon={busy === 'checking' ? <Spinner size="tiny" /> : <ArrowUploadRegular />} disabled={busy !== null} onClick={() => input.current?.click()} data-testid="risk-import-excel">
              {busy === 'checking' ? t('risk.excel.checking') : t('risk.excel.import')}
            </Button>
          </>
        )}
      </div>
      {local && <Notice intent="warning">{local}</Notice>}
      {error && <ErrorMessage error={error} testId="risk-excel-error" />}
      {checked && file && (
        <div className={page.section} data-testid="risk-import-checked">
          <Notice intent="info">
            {t('risk.excel.checked', { created: checked.created, updated: checked.updated, unchanged: checked.unchanged, measures: checked.measuresCreated })}
          </Notice>
          <div className={styles.row}>
            <Button appearance="primary" disabled={busy !== null} icon={busy === 'importing' ? <Spinner size="tiny" /> : undefined} onClick={() => void send(file, false)} data-testid="risk-import-confirm">
              {busy === 'importing' ? t('risk.excel.importing') : t('risk.excel.confirm', { file: file.name })}
            </Button>
            <Button
              onClick={() => {
                setChecked(null);
                setFile(null);
              }}
            >
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      )}
      {imported && (
        <Notice intent="success" testId="risk-import-done">
          {t('risk.excel.imported', { created: imported.created, updated: imported.updated, measures: imported.measuresCreated })}
        </Notice>
      )}
      {rowErrors && (
        <div className={page.section} data-testid="risk-import-errors">
          <Notice intent="warning">{t('risk.excel.errors')}</Notice>
          <div className={styles.errors}>
            <Table className={readableRows} size="small" aria-labelledby="risk-import-errors-caption">
              <caption id="risk-import-errors-caption" className={styles.caption}>
                <Text weight="semibold">{t('risk.excel.errorsCaption')}</Text>
              </caption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('risk.excel.col.row')}</TableHeaderCell>
                  <TableHeaderCell>{t('risk.excel.col.column')}</TableHeaderCell>
                  <TableHeaderCell>{t('risk.excel.col.message')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rowErrors.map((r, i) => (
                  <TableRow key={`${r.row}:${r.column ?? ''}:${i}`} data-testid="risk-import-error-row" data-row={r.row}>
                    <TableCell className={styles.num}>{r.row === 0 ? t('risk.excel.wholeFile') : formatNumber(r.row)}</TableCell>
                    <TableCell>{r.column ?? (r.row === 0 ? '–' : t('risk.excel.wholeRow'))}</TableCell>
                    <TableCell>{r.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </div>
      )}
    </section>
  );
}

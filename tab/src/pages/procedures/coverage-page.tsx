// Lesedekning (leaders): every approved document that applies to people in a unit, lowest coverage first; one document's details and reminders below.
import { Button, Spinner, TableCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { UnitReadingOverview } from '../../../../src/server/api/contract-procedures.js';
import { useLoad } from '../../api/use-load';
import { DataTable } from '../../components/data-table';
import { ErrorMessage } from '../../components/error-message';
import { PageHeading, usePageStyles } from '../../components/page';
import { PageIntro } from '../../components/page-intro';
import { UnitSelect } from '../../components/unit-select';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useApi } from '../../session/session';
import { CoverageBar } from './coverage-bar';
import { CoveragePanel } from './coverage-panel';
import { unitCoverageApiPath } from './procedure-query';
import { documentHref } from './procedure-routes';

const useStyles = makeStyles({
  numbers: { fontVariantNumeric: 'tabular-nums' },
  overall: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  picker: { maxWidth: '30rem' },
});

export function CoveragePage() {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const { location, navigate } = useRouter();
  const query = new URLSearchParams(location.search);
  const unitId = query.get('unitId')?.trim() || undefined;
  const documentId = query.get('documentId')?.trim() || undefined;
  const path = unitCoverageApiPath(unitId);
  const loaded = useLoad((signal) => api.get<UnitReadingOverview>(path, signal), path, t('error.unexpected'));
  const o = loaded.data;
  const go = (next: { unitId?: string; documentId?: string }) => {
    const p = new URLSearchParams();
    if (next.unitId) p.set('unitId', next.unitId);
    if (next.documentId) p.set('documentId', next.documentId);
    const s = p.toString();
    navigate(`/reading-list/coverage${s ? `?${s}` : ''}`, { replace: true });
  };
  const chosen = o?.documents.find((d) => d.documentId === documentId);
  useEffect(() => {
    if (chosen) requestAnimationFrame(() => document.getElementById('coverage-detail')?.focus());
  }, [chosen]);

  return (
    <>
      <PageHeading title={t('proc.coveragePage.title')}>{t('proc.coveragePage.title')}</PageHeading>
      <PageIntro>
        {t('proc.coveragePage.intro')}
      </PageIntro>
      <section aria-labelledby="coverage-units" className={page.section}>
        <h2 id="coverage-units" className={page.h2}>
          {t('proc.coveragePage.unitHeading')}
        </h2>
        <div className={styles.picker}>
          <UnitSelect label={t('proc.coverage.unit')} value={unitId ?? o?.unit.id} onChange={(next) => go({ unitId: next })} testId="coverage-overview-unit" />
        </div>
        {o && (
          <div className={styles.overall}>
            <Text weight="semibold">{t('proc.coveragePage.overall', { unit: o.unit.name })}</Text>
            <CoverageBar percent={o.percent} testId="coverage-overall" />
          </div>
        )}
      </section>
      <section aria-labelledby="coverage-documents" className={page.section} aria-busy={loaded.loading}>
        <h2 id="coverage-documents" className={page.h2}>
          {t('proc.coveragePage.documents')}
        </h2>
        {loaded.error && <ErrorMessage error={loaded.error} onRetry={loaded.reload} testId="coverage-overview-error" />}
        {loaded.loading && !o && <Spinner label={t('common.loading')} />}
        {o && o.documents.length === 0 && <Text data-testid="coverage-empty">{t('proc.coveragePage.empty')}</Text>}
        {o && o.documents.length > 0 && (
          <DataTable
            labelledBy="coverage-documents"
            testId="coverage-table"
            columns={[t('proc.col.title'), t('proc.coverage.col.version'), t('proc.coverage.col.confirmed'), t('proc.coverage.col.required'), t('proc.coverage.col.percent'), t('proc.coverage.col.who')]}
          >
            {o.documents.map((d) => (
              <TableRow key={d.documentId} data-testid="coverage-row" data-document-id={d.documentId} data-percent={d.percent ?? ''} data-selected={d.documentId === documentId ? 'true' : undefined}>
                <TableCell>
                  <AppLink href={documentHref(d.documentId)}>{d.title}</AppLink>
                </TableCell>
                <TableCell>{d.readingVersion}</TableCell>
                <TableCell className={styles.numbers}>{d.confirmed}</TableCell>
                <TableCell className={styles.numbers}>{d.required}</TableCell>
                <TableCell>
                  <CoverageBar percent={d.percent} />
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    aria-pressed={d.documentId === documentId}
                    aria-label={t('proc.coveragePage.showFor', { title: d.title })}
                    onClick={() => go({ unitId, documentId: d.documentId === documentId ? undefined : d.documentId })}
                    data-testid="coverage-row-open"
                  >
                    {t('proc.coveragePage.show')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </DataTable>
        )}
      </section>
      {chosen && o && (
        <section aria-labelledby="coverage-detail" className={page.section}>
          <h2 id="coverage-detail" className={page.h2} tabIndex={-1}>
            {t('proc.coveragePage.detail', { title: chosen.title })}
          </h2>
          <CoveragePanel key={`${chosen.documentId}:${o.unit.id}`} documentId={chosen.documentId} unitId={o.unit.id} unitPicker={false} />
        </section>
      )}
    </>
  );
}

// Egenvurdering av styringsdokumenter: the yearly checklist per overarching document (per owner area), done or not, with the form for the chosen one.
import { Badge, Button, Spinner, TableCell, TableRow, Text } from '@fluentui/react-components';
import { CheckmarkCircleRegular, CircleRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useState } from 'react';
import type { SelfAssessmentOverview } from '../../../../src/server/api/contract-procedures.js';
import { useLoad } from '../../api/use-load';
import { ChoiceField } from '../../components/choice-field';
import { DataTable } from '../../components/data-table';
import { ErrorMessage, Notice } from '../../components/error-message';
import { FilterBar } from '../../components/filter-bar';
import { PageHeading, usePageStyles } from '../../components/page';
import { PageIntro } from '../../components/page-intro';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useApi } from '../../session/session';
import { osloYear } from './procedure-format';
import { procedureLabels } from './procedure-labels';
import { selfAssessmentsApiPath, yearFromQuery } from './procedure-query';
import { documentHref } from './procedure-routes';
import { SelfAssessmentForm, SelfAssessmentSummary } from './self-assessment-form';

export function SelfAssessmentPage() {
  const page = usePageStyles();
  const { t } = useI18n();
  const pl = procedureLabels(t);
  const api = useApi();
  const { location, navigate } = useRouter();
  const query = new URLSearchParams(location.search);
  const thisYear = osloYear();
  const year = yearFromQuery(query.get('year')) ?? thisYear;
  const ownerArea = query.get('ownerArea')?.trim() || undefined;
  const documentId = query.get('documentId')?.trim() || undefined;
  const path = selfAssessmentsApiPath(year, ownerArea);
  const loaded = useLoad((signal) => api.get<SelfAssessmentOverview>(path, signal), path, t('error.unexpected'));
  const o = loaded.data;
  const [saved, setSaved] = useState<string | null>(null);
  const [areas, setAreas] = useState<string[]>([]);
  useEffect(() => {
    if (!o) return;
    setAreas((known) => [...new Set([...known, ...o.items.map((i) => i.ownerArea).filter((a): a is string => !!a)])].sort((a, b) => a.localeCompare(b, 'nb')));
  }, [o]);
  const go = (next: { year?: number; ownerArea?: string; documentId?: string }) => {
    const p = new URLSearchParams();
    if (next.year && next.year !== thisYear) p.set('year', String(next.year));
    if (next.ownerArea) p.set('ownerArea', next.ownerArea);
    if (next.documentId) p.set('documentId', next.documentId);
    const s = p.toString();
    navigate(`/procedures/self-assessment${s ? `?${s}` : ''}`, { replace: true });
  };
  const chosen = useMemo(() => o?.items.find((i) => i.document.id === documentId), [o, documentId]);
  useEffect(() => {
    if (chosen) requestAnimationFrame(() => document.getElementById('sa-chosen')?.focus());
  }, [chosen]);
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2].filter((y, i, all) => all.indexOf(y) === i);

  return (
    <>
      <PageHeading title={t('proc.sa.title')}>{t('proc.sa.title')}</PageHeading>
      <PageIntro>
        {t('proc.sa.intro')}
      </PageIntro>
      <FilterBar title={t('proc.search.filters')} headingId="sa-filters">
        <ChoiceField
          label={t('proc.sa.year')}
          testId="sa-year"
          value={String(year)}
          choices={(years.includes(year) ? years : [year, ...years]).map((y) => ({ value: String(y), label: String(y) }))}
          onChange={(value) => go({ year: Number(value), ownerArea })}
        />
        <ChoiceField
          label={t('proc.sa.ownerArea')}
          testId="sa-owner-area"
          value={ownerArea ?? ''}
          emptyLabel={t('common.all')}
          choices={(ownerArea && !areas.includes(ownerArea) ? [ownerArea, ...areas] : areas).map((a) => ({ value: String(a), label: String(a) }))}
          onChange={(value) => go({ year, ownerArea: value || undefined })}
        />
      </FilterBar>
      <section aria-labelledby="sa-list" className={page.section} aria-busy={loaded.loading}>
        <h2 id="sa-list" className={page.h2} tabIndex={-1}>
          {t('proc.sa.documents', { year: String(year) })}
        </h2>
        {saved && (
          <Notice intent="success" testId="sa-notice">
            {saved}
          </Notice>
        )}
        {loaded.error && <ErrorMessage error={loaded.error} onRetry={loaded.reload} testId="sa-load-error" />}
        {loaded.loading && !o && <Spinner label={t('common.loading')} />}
        {o && (
          <Text weight="semibold" data-testid="sa-progress">
            {t('proc.sa.progress', { done: o.done, total: o.total, year: String(o.year) })}
          </Text>
        )}
        {o && o.items.length === 0 && <Text data-testid="sa-empty">{t('proc.sa.empty')}</Text>}
        {o && o.items.length > 0 && (
          <DataTable
            labelledBy="sa-list"
            testId="sa-table"
            columns={[t('proc.col.title'), t('proc.sa.ownerArea'), t('proc.col.owner'), t('proc.sa.state'), t('proc.col.do')]}
          >
            {o.items.map((i) => (
              <TableRow key={i.document.id} data-testid="sa-item" data-document-id={i.document.id} data-done={i.assessment ? 'true' : 'false'}>
                <TableCell>
                  <AppLink href={documentHref(i.document.id)}>{i.document.title}</AppLink>
                </TableCell>
                <TableCell>{i.ownerArea ?? '–'}</TableCell>
                <TableCell>{i.document.ownerUnitName}</TableCell>
                <TableCell>
                  {i.assessment ? (
                    <Badge appearance="tint" color="success" icon={<CheckmarkCircleRegular />}>
                      {t('proc.sa.doneOn', { date: formatDate(i.assessment.assessedOn), outcome: pl.selfOutcome(i.assessment.outcome) })}
                    </Badge>
                  ) : (
                    <Badge appearance="outline" color="informative" icon={<CircleRegular />}>
                      {t('proc.sa.notDone')}
                    </Badge>
                  )}
                </TableCell>
                <TableCell>
                  {(i.assessment || i.canAssess) && (
                    <Button
                      size="small"
                      appearance={i.assessment ? 'secondary' : 'primary'}
                      aria-pressed={i.document.id === documentId}
                      aria-label={i.assessment ? t('proc.sa.showFor', { title: i.document.title }) : t('proc.sa.assessFor', { title: i.document.title })}
                      onClick={() => {
                        setSaved(null);
                        go({ year, ownerArea, documentId: i.document.id === documentId ? undefined : i.document.id });
                      }}
                      data-testid="sa-open"
                    >
                      {i.assessment ? t('proc.sa.show') : t('proc.sa.assess')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </DataTable>
        )}
      </section>
      {o && chosen && (
        <section aria-labelledby="sa-chosen" className={page.section}>
          <h2 id="sa-chosen" className={page.h2} tabIndex={-1}>
            {t('proc.sa.for', { title: chosen.document.title, year: String(o.year) })}
          </h2>
          {chosen.assessment ? (
            <SelfAssessmentSummary view={chosen.assessment} checklist={o.checklist} />
          ) : chosen.canAssess ? (
            <SelfAssessmentForm
              key={`${chosen.document.id}:${o.year}`}
              documentId={chosen.document.id}
              title={chosen.document.title}
              year={o.year}
              checklist={o.checklist}
              onCreated={(view) => {
                setSaved(t('proc.sa.saved', { title: chosen.document.title, n: view.measures.length }));
                loaded.set({ ...o, done: o.done + 1, items: o.items.map((i) => (i.document.id === view.documentId ? { ...i, assessment: view } : i)) });
                requestAnimationFrame(() => document.getElementById('sa-list')?.focus());
              }}
            />
          ) : (
            <Text>{t('proc.sa.notYours')}</Text>
          )}
        </section>
      )}
    </>
  );
}

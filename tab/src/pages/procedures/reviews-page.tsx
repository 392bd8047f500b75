// Til revisjon: the reviewer's documents due for their yearly review, overdue first, in words and an icon; revise, confirm unchanged or archive.
import { Button, Field, Radio, RadioGroup, Spinner, TableCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Fragment, useState } from 'react';
import type { DocumentDetail, ReviewDuePage } from '../../../../src/server/api/contract-procedures.js';
import { useLoad } from '../../api/use-load';
import { ChoiceField } from '../../components/choice-field';
import { DataTable } from '../../components/data-table';
import { ErrorMessage, Notice } from '../../components/error-message';
import { FilterBar } from '../../components/filter-bar';
import { PageHeading, usePageStyles } from '../../components/page';
import { PageIntro } from '../../components/page-intro';
import { UnitSelect } from '../../components/unit-select';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useApi, useMe } from '../../session/session';
import { isLeader, seesAll } from './procedure-access';
import { ReviewDate } from './procedure-badges';
import { WITHIN_DAYS_CHOICES, reviewDueFiltersFromQuery, reviewDueQuery, reviewsDueApiPath, type ReviewDueFilters } from './procedure-query';
import { documentHref } from './procedure-routes';
import { REVIEW_SCOPES, type ReviewScope } from './procedure-values';
import { ReviewForm } from './review-form';
import { useDocumentTarget } from './use-document-target';

const useStyles = makeStyles({
  overdueRow: { boxShadow: `inset ${tokens.strokeWidthThickest} 0 0 ${tokens.colorStatusDangerBorder2}` },
  formCell: { padding: `${tokens.spacingVerticalS} 0` },
});

function ReviewItem({ id, title, onDone }: { id: string; title: string; onDone(next: DocumentDetail, text: string): void }) {
  const { t } = useI18n();
  const { loaded, target, conflict } = useDocumentTarget(id);
  if (loaded.error) return <ErrorMessage error={loaded.error} onRetry={loaded.reload} />;
  if (!target) return <Spinner size="small" label={t('common.loading')} />;
  return (
    <>
      {conflict && <Notice intent="warning">{t('proc.conflict')}</Notice>}
      <ReviewForm target={target} label={t('proc.reviews.formFor', { title })} onDone={onDone} />
    </>
  );
}

export function ReviewsPage({ narrow }: { narrow: boolean }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const me = useMe();
  const api = useApi();
  const { location, navigate } = useRouter();
  const filters = reviewDueFiltersFromQuery(location.search);
  const scopes: readonly ReviewScope[] = isLeader(me) || seesAll(me) ? REVIEW_SCOPES : ['mine'];
  const scope: ReviewScope = filters.scope && scopes.includes(filters.scope) ? filters.scope : 'mine';
  const effective: ReviewDueFilters = { ...filters, scope };
  const path = reviewsDueApiPath(effective);
  const loaded = useLoad((signal) => api.get<ReviewDuePage>(path, signal), path, t('error.unexpected'));
  const set = (patch: Partial<ReviewDueFilters>) => navigate(`/procedures/reviews${reviewDueQuery({ ...filters, ...patch })}`, { replace: true });
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<{ text: string; reviseId: string | null } | null>(null);
  const data = loaded.data;
  const columns = narrow ? 4 : 6;

  return (
    <>
      <PageHeading title={t('proc.reviews.title')}>{t('proc.reviews.title')}</PageHeading>
      <PageIntro>
        {t('proc.reviews.intro')}
      </PageIntro>
      <FilterBar title={t('proc.search.filters')} headingId="reviews-filters">
        {scopes.length > 1 && (
          <Field label={t('proc.reviews.scope')}>
            <RadioGroup value={scope} onChange={(_, d) => set({ scope: d.value as ReviewScope })} data-testid="reviews-scope">
              {scopes.map((s) => (
                <Radio key={s} value={s} label={t(`proc.reviews.scope.${s}` as const)} data-testid={`reviews-scope-${s}`} />
              ))}
            </RadioGroup>
          </Field>
        )}
        <ChoiceField
          label={t('proc.reviews.within')}
          testId="reviews-within"
          value={String(filters.withinDays ?? 30)}
          choices={WITHIN_DAYS_CHOICES.map((n) => ({ value: String(n), label: t('proc.reviews.withinDays', { n }) }))}
          onChange={(value) => set({ withinDays: Number(value) === 30 ? undefined : Number(value) })}
        />
        {scope === 'units' && <UnitSelect label={t('proc.filter.unitOwner')} value={filters.unitId} onChange={(unitId) => set({ unitId })} allLabel={t('unitPicker.all')} testId="reviews-unit" />}
      </FilterBar>
      <section aria-labelledby="reviews-results" className={page.section} aria-busy={loaded.loading}>
        <h2 id="reviews-results" className={page.h2} tabIndex={-1}>
          {t('proc.reviews.results')}
        </h2>
        {done && (
          <Notice intent="success" testId="reviews-notice">
            {done.text}
            {done.reviseId && (
              <>
                {' '}
                <AppLink href={documentHref(done.reviseId, 'upload')}>{t('proc.reviewForm.uploadNow')}</AppLink>
              </>
            )}
          </Notice>
        )}
        {loaded.error && <ErrorMessage error={loaded.error} onRetry={loaded.reload} />}
        {loaded.loading && !data && <Spinner label={t('common.loading')} />}
        {data && (
          <Text weight="semibold" data-testid="reviews-summary" data-overdue={data.overdue} data-due-soon={data.dueSoon}>
            {t('proc.reviews.summary', { overdue: data.overdue, dueSoon: data.dueSoon })}
          </Text>
        )}
        {data && data.items.length === 0 && <Text data-testid="reviews-empty">{t('proc.reviews.empty')}</Text>}
        {data && data.items.length > 0 && (
          <DataTable
            labelledBy="reviews-results"
            size={narrow ? 'small' : 'medium'}
            testId="reviews-table"
            columns={[t('proc.col.title'), !narrow && t('proc.col.owner'), !narrow && t('proc.col.reviewer'), t('proc.col.nextReview'), t('proc.col.approvedVersion'), t('proc.col.do')]}
          >
            {data.items.map((item) => (
              <Fragment key={item.document.id}>
                <TableRow className={item.overdue ? styles.overdueRow : undefined} data-testid="review-row" data-document-id={item.document.id} data-overdue={item.overdue ? 'true' : 'false'}>
                  <TableCell>
                    <AppLink href={documentHref(item.document.id)}>{item.document.title}</AppLink>
                  </TableCell>
                  {!narrow && <TableCell>{item.document.ownerUnitName}</TableCell>}
                  {!narrow && <TableCell>{item.reviewer.name}</TableCell>}
                  <TableCell>
                    <ReviewDate nextReviewDate={item.nextReviewDate} status={item.document.status} />
                  </TableCell>
                  <TableCell>{item.document.approvedVersion ?? t('proc.noApprovedVersion')}</TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      aria-expanded={open === item.document.id}
                      aria-label={t('proc.reviews.openFor', { title: item.document.title })}
                      onClick={() => {
                        setDone(null);
                        setOpen(open === item.document.id ? null : item.document.id);
                      }}
                      data-testid="review-open"
                    >
                      {t('proc.reviews.open')}
                    </Button>
                  </TableCell>
                </TableRow>
                {open === item.document.id && (
                  <TableRow>
                    <TableCell colSpan={columns} className={styles.formCell}>
                      <ReviewItem
                        id={item.document.id}
                        title={item.document.title}
                        onDone={(next, text) => {
                          setOpen(null);
                          setDone({ text: `${t('proc.reviews.done', { title: next.title })} ${text}`, reviseId: next.status === 'draft' ? next.id : null });
                          loaded.reload();
                          requestAnimationFrame(() => document.getElementById('reviews-results')?.focus());
                        }}
                      />
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}

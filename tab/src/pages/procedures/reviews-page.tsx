// Til revisjon: the reviewer's documents due for their yearly review, overdue first, in words and an icon; revise, confirm unchanged or archive.
import { Button, Field, Radio, RadioGroup, Select, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Fragment, useMemo, useState } from 'react';
import type { DocumentDetail, ReviewDuePage } from '../../../../src/server/api/contract-procedures.js';
import { useLoad } from '../../api/use-load';
import { ErrorMessage, Notice } from '../../components/error-message';
import { PageHeading, usePageStyles } from '../../components/page';
import { UnitSelect } from '../../components/unit-select';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useApi, useMe } from '../../session/session';
import type { DocumentWriteTarget } from './document-write';
import { isLeader, seesAll } from './procedure-access';
import { ReviewDate } from './procedure-badges';
import { WITHIN_DAYS_CHOICES, documentApiPath, reviewDueFiltersFromQuery, reviewDueQuery, reviewsDueApiPath, type ReviewDueFilters } from './procedure-query';
import { documentHref } from './procedure-routes';
import { REVIEW_SCOPES, type ReviewScope } from './procedure-values';
import { ReviewForm } from './review-form';
import { PageIntro } from './page-intro';

const useStyles = makeStyles({
  grid: { display: 'grid', gap: tokens.spacingHorizontalM, gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))', alignItems: 'end', '& > *': { minWidth: 0 }, '& .fui-Select': { minWidth: 0 }, '& select': { minWidth: 0, width: '100%' } },
  tableWrap: { overflowX: 'auto' },
  overdueRow: { boxShadow: `inset ${tokens.strokeWidthThickest} 0 0 ${tokens.colorStatusDangerBorder2}` },
  formCell: { padding: `${tokens.spacingVerticalS} 0` },
});

function ReviewItem({ id, title, onDone }: { id: string; title: string; onDone(next: DocumentDetail, text: string): void }) {
  const { t } = useI18n();
  const api = useApi();
  const loaded = useLoad((signal) => api.get<DocumentDetail>(documentApiPath(id), signal), id, t('error.unexpected'));
  const [conflict, setConflict] = useState(false);
  const detail = loaded.data;
  const target = useMemo<DocumentWriteTarget | null>(
    () =>
      detail
        ? {
            detail,
            apply: (next) => loaded.set(next),
            conflict: (current) => {
              setConflict(true);
              if (current) loaded.set(current);
              else loaded.reload();
            },
          }
        : null,
    [detail, loaded],
  );
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
      <section aria-labelledby="reviews-filters" className={page.section}>
        <h2 id="reviews-filters" className={page.h2}>
          {t('proc.search.filters')}
        </h2>
        <div className={styles.grid}>
          {scopes.length > 1 && (
            <Field label={t('proc.reviews.scope')}>
              <RadioGroup value={scope} onChange={(_, d) => set({ scope: d.value as ReviewScope })} data-testid="reviews-scope">
                {scopes.map((s) => (
                  <Radio key={s} value={s} label={t(`proc.reviews.scope.${s}` as const)} data-testid={`reviews-scope-${s}`} />
                ))}
              </RadioGroup>
            </Field>
          )}
          <Field label={t('proc.reviews.within')}>
            <Select value={String(filters.withinDays ?? 30)} onChange={(_, d) => set({ withinDays: Number(d.value) === 30 ? undefined : Number(d.value) })} data-testid="reviews-within">
              {WITHIN_DAYS_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {t('proc.reviews.withinDays', { n })}
                </option>
              ))}
            </Select>
          </Field>
          {scope === 'units' && <UnitSelect label={t('proc.filter.unitOwner')} value={filters.unitId} onChange={(unitId) => set({ unitId })} allLabel={t('unitPicker.all')} testId="reviews-unit" />}
        </div>
      </section>
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
          <div className={styles.tableWrap}>
            <Table aria-labelledby="reviews-results" size={narrow ? 'small' : 'medium'} data-testid="reviews-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('proc.col.title')}</TableHeaderCell>
                  {!narrow && <TableHeaderCell>{t('proc.col.owner')}</TableHeaderCell>}
                  {!narrow && <TableHeaderCell>{t('proc.col.reviewer')}</TableHeaderCell>}
                  <TableHeaderCell>{t('proc.col.nextReview')}</TableHeaderCell>
                  <TableHeaderCell>{t('proc.col.approvedVersion')}</TableHeaderCell>
                  <TableHeaderCell>{t('proc.col.do')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
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
              </TableBody>
            </Table>
          </div>
        )}
      </section>
    </>
  );
}

// What the document is and what happened to it: metadata, related risk items, approval history (who approved which version when), reviews, versions.
import { Link, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import type { RiskItemView } from '../../../../src/server/api/contract-risk.js';
import type { DocumentDetail } from '../../../../src/server/api/contract-procedures.js';
import type { ApiRequestError } from '../../api/client';
import { asApiError, useLoad } from '../../api/use-load';
import { usePageStyles } from '../../components/page';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink } from '../../router';
import { useApi } from '../../session/session';
import { ReviewDate } from './procedure-badges';
import { formatFileSize } from './procedure-format';
import { procedureLabels } from './procedure-labels';
import { riskAssessmentHref } from './procedure-routes';

const useStyles = makeStyles({
  dl: { display: 'grid', gridTemplateColumns: 'minmax(10rem, max-content) minmax(0, 1fr)', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`, margin: 0 },
  dt: { fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0, overflowWrap: 'anywhere' },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  tableWrap: { overflowX: 'auto' },
  note: { display: 'block', color: tokens.colorNeutralForeground2, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.dt}>{label}</dt>
      <dd className={styles.dd} data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

export function DocumentMetadata({ detail }: { detail: DocumentDetail }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t, labels } = useI18n();
  const pl = procedureLabels(t);
  const none = t('common.notSet');
  return (
    <section aria-labelledby="doc-metadata" className={page.section}>
      <h2 id="doc-metadata" className={page.h2}>
        {t('proc.doc.metadata')}
      </h2>
      {detail.description && <p className={styles.text}>{detail.description}</p>}
      <dl className={styles.dl} data-testid="doc-metadata">
        <Row label={t('proc.doc.type')}>{`${pl.kind(detail.kind)}${detail.kind === 'governingDocument' ? ` – ${pl.type(detail.documentType)}` : ''}`}</Row>
        <Row label={t('proc.doc.owner')}>{`${detail.ownerUnitName} (${labels.orgLevel[detail.level]})`}</Row>
        {detail.ownerArea && <Row label={t('proc.doc.ownerArea')}>{detail.ownerArea}</Row>}
        <Row label={t('proc.doc.approvers')} testId="doc-approvers">
          {detail.approvers.length > 0 ? detail.approvers.map((p) => p.name).join(', ') : t('proc.submit.noApprover')}
        </Row>
        <Row label={t('proc.doc.reviewer')} testId="doc-reviewer">
          {detail.reviewer.name}
        </Row>
        <Row label={t('proc.doc.appliesTo')}>
          {detail.appliesToUnits.map((u) => u.name).join(', ') || detail.ownerUnitName}
          {detail.appliesToRoles.length > 0 ? ` – ${detail.appliesToRoles.map(pl.role).join(', ')}` : ` – ${t('proc.doc.everyone')}`}
        </Row>
        <Row label={t('proc.doc.approvedVersion')} testId="doc-approved-version">
          {detail.approvedVersion ? t('proc.doc.approvedOn', { version: detail.approvedVersion, date: formatDate(detail.approvedAt) }) : t('proc.noApprovedVersion')}
        </Row>
        <Row label={t('proc.doc.latestVersion')} testId="doc-latest-version">
          {detail.latestVersion}
        </Row>
        <Row label={t('proc.doc.nextReview')}>
          <ReviewDate nextReviewDate={detail.nextReviewDate} status={detail.status} />
        </Row>
        <Row label={t('proc.doc.file')}>{`${detail.fileName} (${formatFileSize(detail.size)})`}</Row>
        <Row label={t('proc.doc.keywords')}>{detail.keywords.length > 0 ? detail.keywords.join(', ') : none}</Row>
      </dl>
    </section>
  );
}

function RiskItem({ id }: { id: string }) {
  const { t } = useI18n();
  const api = useApi();
  const loaded = useLoad((signal) => api.get<RiskItemView>(`/api/risk/items/${encodeURIComponent(id)}`, signal), id, t('error.unexpected'));
  const item = loaded.data;
  if (loaded.loading && !item) return <li><Spinner size="tiny" label={id} /></li>;
  // Not visible to this viewer (or gone): the id, so nothing is hidden that the document itself names.
  if (!item) return <li data-testid="doc-risk-item" data-risk-item-id={id}>{t('proc.doc.riskItemHidden', { id })}</li>;
  return (
    <li data-testid="doc-risk-item" data-risk-item-id={id}>
      <AppLink href={riskAssessmentHref(item.assessmentId)}>{item.process}</AppLink>
      {`: ${item.whatCanGoWrong}`}
    </li>
  );
}

export function RelatedRiskItems({ ids }: { ids: string[] }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  return (
    <section aria-labelledby="doc-risk" className={page.section}>
      <h2 id="doc-risk" className={page.h2}>
        {t('proc.doc.riskItems')}
      </h2>
      {ids.length === 0 ? (
        <Text>{t('proc.doc.noRiskItems')}</Text>
      ) : (
        <ul className={styles.list} data-testid="doc-risk-items">
          {ids.map((id) => (
            <RiskItem key={id} id={id} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function ApprovalHistory({ detail }: { detail: DocumentDetail }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  return (
    <section aria-labelledby="doc-approvals" className={page.section}>
      <h2 id="doc-approvals" className={page.h2}>
        {t('proc.doc.approvalHistory')}
      </h2>
      {detail.approvals.length === 0 ? (
        <Text>{t('proc.doc.noApprovals')}</Text>
      ) : (
        <div className={styles.tableWrap}>
          <Table size="small" aria-labelledby="doc-approvals" data-testid="doc-approval-history">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('proc.history.version')}</TableHeaderCell>
                <TableHeaderCell>{t('proc.history.decision')}</TableHeaderCell>
                <TableHeaderCell>{t('proc.history.by')}</TableHeaderCell>
                <TableHeaderCell>{t('proc.history.when')}</TableHeaderCell>
                <TableHeaderCell>{t('proc.history.sentBy')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {detail.approvals.map((a, i) => (
                <TableRow key={`${a.at}-${i}`} data-testid="doc-approval-entry" data-outcome={a.outcome} data-version={a.publishedVersion ?? a.submittedVersion}>
                  <TableCell>{a.publishedVersion ? t('proc.history.published', { submitted: a.submittedVersion, published: a.publishedVersion }) : a.submittedVersion}</TableCell>
                  <TableCell>
                    {a.outcome === 'approved' ? t('proc.history.approved') : t('proc.history.rejected')}
                    {a.comment && <span className={styles.note}>{t('proc.history.comment', { comment: a.comment })}</span>}
                    {a.changeNote && <span className={styles.note}>{t('proc.approval.changeNote', { note: a.changeNote })}</span>}
                  </TableCell>
                  <TableCell>{a.by.name}</TableCell>
                  <TableCell>{formatDateTime(a.at)}</TableCell>
                  <TableCell>{`${a.submittedBy.name}, ${formatDateTime(a.submittedAt)}`}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

export function ReviewHistory({ detail }: { detail: DocumentDetail }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const pl = procedureLabels(t);
  return (
    <section aria-labelledby="doc-reviews" className={page.section}>
      <h2 id="doc-reviews" className={page.h2}>
        {t('proc.doc.reviewHistory')}
      </h2>
      {detail.reviews.length === 0 ? (
        <Text>{t('proc.doc.noReviews')}</Text>
      ) : (
        <ol className={styles.list} data-testid="doc-review-history">
          {detail.reviews.map((r, i) => (
            <li key={`${r.at}-${i}`} data-testid="doc-review-entry" data-outcome={r.outcome}>
              {t('proc.history.review', { outcome: pl.reviewOutcome(r.outcome), name: r.by.name, time: formatDateTime(r.at) })}
              {r.nextReviewDate && ` ${t('proc.history.nextReview', { date: formatDate(r.nextReviewDate) })}`}
              {r.comment && <span className={styles.note}>{r.comment}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function Versions({ detail, onError }: { detail: DocumentDetail; onError(e: ApiRequestError): void }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  if (detail.versions.length === 0) return null;
  return (
    <section aria-labelledby="doc-versions" className={page.section}>
      <h2 id="doc-versions" className={page.h2}>
        {t('proc.doc.versions')}
      </h2>
      <div className={styles.tableWrap}>
        <Table size="small" aria-labelledby="doc-versions" data-testid="doc-versions">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('proc.history.version')}</TableHeaderCell>
              <TableHeaderCell>{t('proc.versions.kind')}</TableHeaderCell>
              <TableHeaderCell>{t('proc.versions.size')}</TableHeaderCell>
              <TableHeaderCell>{t('proc.versions.modified')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {detail.versions.map((v) => (
              <TableRow key={v.label} data-testid="doc-version-row" data-version={v.label} data-major={v.major ? 'true' : 'false'}>
                <TableCell>
                  <Link
                    href={v.contentUrl}
                    aria-label={t('proc.versions.download', { version: v.label })}
                    disabled={busy === v.label}
                    onClick={(e) => {
                      e.preventDefault();
                      setBusy(v.label);
                      api
                        .download(v.contentUrl, detail.fileName)
                        .catch((err: unknown) => onError(asApiError(err, t('error.unexpected'))))
                        .finally(() => setBusy(null));
                    }}
                  >
                    {v.label}
                  </Link>
                </TableCell>
                <TableCell>{v.major ? t('proc.versions.major') : t('proc.versions.minor')}</TableCell>
                <TableCell>{formatFileSize(v.size)}</TableCell>
                <TableCell>{formatDateTime(v.modifiedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}

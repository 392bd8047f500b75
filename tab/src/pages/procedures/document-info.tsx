// What the document is and what happened to it: metadata, related risk items, approval history (who approved which version when), reviews, versions.
import { Link, Spinner, TableCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import type { RiskItemView } from '../../../../src/server/api/contract-risk.js';
import type { DocumentDetail } from '../../../../src/server/api/contract-procedures.js';
import type { ApiRequestError } from '../../api/client';
import { asApiError, useLoad } from '../../api/use-load';
import { DataTable } from '../../components/data-table';
import { PageSection } from '../../components/page-section';
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
  const { t, labels } = useI18n();
  const pl = procedureLabels(t);
  const none = t('common.notSet');
  return (
    <PageSection id="doc-metadata" title={t('proc.doc.metadata')}>
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
    </PageSection>
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
  const { t } = useI18n();
  return (
    <PageSection id="doc-risk" title={t('proc.doc.riskItems')}>
      {ids.length === 0 ? (
        <Text>{t('proc.doc.noRiskItems')}</Text>
      ) : (
        <ul className={styles.list} data-testid="doc-risk-items">
          {ids.map((id) => (
            <RiskItem key={id} id={id} />
          ))}
        </ul>
      )}
    </PageSection>
  );
}

export function ApprovalHistory({ detail }: { detail: DocumentDetail }) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <PageSection id="doc-approvals" title={t('proc.doc.approvalHistory')}>
      {detail.approvals.length === 0 ? (
        <Text>{t('proc.doc.noApprovals')}</Text>
      ) : (
        <DataTable
          size="small"
          labelledBy="doc-approvals"
          testId="doc-approval-history"
          columns={[t('proc.history.version'), t('proc.history.decision'), t('proc.history.by'), t('proc.history.when'), t('proc.history.sentBy')]}
        >
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
        </DataTable>
      )}
    </PageSection>
  );
}

export function ReviewHistory({ detail }: { detail: DocumentDetail }) {
  const styles = useStyles();
  const { t } = useI18n();
  const pl = procedureLabels(t);
  return (
    <PageSection id="doc-reviews" title={t('proc.doc.reviewHistory')}>
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
    </PageSection>
  );
}

export function Versions({ detail, onError }: { detail: DocumentDetail; onError(e: ApiRequestError): void }) {
  const { t } = useI18n();
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  if (detail.versions.length === 0) return null;
  return (
    <PageSection id="doc-versions" title={t('proc.doc.versions')}>
      <DataTable
        size="small"
        labelledBy="doc-versions"
        testId="doc-versions"
        columns={[t('proc.history.version'), t('proc.versions.kind'), t('proc.versions.size'), t('proc.versions.modified')]}
      >
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
      </DataTable>
    </PageSection>
  );
}

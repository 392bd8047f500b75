// Til godkjenning: documents waiting for my approval, each with what was sent, the draft to read, and Godkjenn / Avvis with a comment.
import { Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { DocumentPage } from '../../../../src/server/api/contract-procedures.js';
import type { ApiRequestError } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { ErrorMessage, Notice } from '../../components/error-message';
import { PageHeading, usePageStyles } from '../../components/page';
import { PageIntro } from '../../components/page-intro';
import { useI18n } from '../../i18n/i18n';
import { AppLink } from '../../router';
import { useApi } from '../../session/session';
import { ApprovalDecision } from './approval-decision';
import { StatusBadge } from './procedure-badges';
import { procedureLabels } from './procedure-labels';
import { documentsApiPath } from './procedure-query';
import { documentHref } from './procedure-routes';
import { DownloadButton } from './reading-list-page';
import { useDocumentTarget } from './use-document-target';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center', color: tokens.colorNeutralForeground2 },
});

function ApprovalItem({ id, title }: { id: string; title: string }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t, labels } = useI18n();
  const pl = procedureLabels(t);
  const { loaded, target, conflict } = useDocumentTarget(id);
  const [downloadError, setDownloadError] = useState<ApiRequestError | null>(null);
  const detail = loaded.data;
  const headingId = `approval-${id}`;
  return (
    <li className={`${styles.item} ${page.card}`} aria-labelledby={headingId} data-testid="approval-item" data-document-id={id}>
      <h2 id={headingId} className={page.h3}>
        <AppLink href={documentHref(id)}>{detail?.title ?? title}</AppLink>
      </h2>
      {loaded.error && <ErrorMessage error={loaded.error} onRetry={loaded.reload} />}
      {!detail && loaded.loading && <Spinner size="small" label={t('common.loading')} />}
      {detail && target && (
        <>
          <div className={styles.meta}>
            <StatusBadge status={detail.status} />
            <span>{pl.type(detail.documentType)}</span>
            <span>{`${detail.ownerUnitName} (${labels.orgLevel[detail.level]})`}</span>
          </div>
          {conflict && <Notice intent="warning">{t('proc.conflict')}</Notice>}
          {detail.latestContentUrl && (
            <div>
              <DownloadButton url={detail.latestContentUrl} fileName={detail.fileName} label={t('proc.approval.readDraft', { version: detail.pending?.version ?? detail.latestVersion })} testId="approval-download" onError={setDownloadError} />
            </div>
          )}
          {downloadError && <ErrorMessage error={downloadError} />}
          <ApprovalDecision target={target} headingId={headingId} />
        </>
      )}
    </li>
  );
}

export function ApprovalsPage() {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const path = documentsApiPath({ mine: 'approve', status: ['awaitingApproval'] }, { pageSize: 100 });
  const loaded = useLoad((signal) => api.get<DocumentPage>(path, signal), path, t('error.unexpected'));
  const items = loaded.data?.items;
  return (
    <>
      <PageHeading title={t('proc.approvals.title')}>{t('proc.approvals.title')}</PageHeading>
      <PageIntro>
        {t('proc.approvals.intro')}
      </PageIntro>
      <div className={page.section} aria-busy={loaded.loading}>
        {loaded.error && <ErrorMessage error={loaded.error} onRetry={loaded.reload} />}
        {loaded.loading && !items && <Spinner label={t('common.loading')} />}
        {items && (
          <Text role="status" data-testid="approvals-count">
            {t('proc.approvals.count', { n: loaded.data?.total ?? items.length })}
          </Text>
        )}
        {items && items.length === 0 && <Text data-testid="approvals-empty">{t('proc.approvals.empty')}</Text>}
        {items && items.length > 0 && (
          <ul className={styles.list} data-testid="approvals-list">
            {items.map((d) => (
              <ApprovalItem key={d.id} id={d.id} title={d.title} />
            ))}
          </ul>
        )}
      </div>
    </>
  );
}

// One procedure or governing document: metadata, the reader's own confirmation, the work the viewer may do now, approval history, reviews, versions and coverage.
import { Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { DocumentDetail, SelfAssessmentView } from '../../../../src/server/api/contract-procedures.js';
import type { ApiRequestError } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { ErrorMessage, Notice } from '../../components/error-message';
import { PageHeading, usePageStyles } from '../../components/page';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useApi, useMe } from '../../session/session';
import { ApprovalDecision, PendingSummary } from './approval-decision';
import { CoveragePanel } from './coverage-panel';
import { ApprovalHistory, DocumentMetadata, RelatedRiskItems, ReviewHistory, Versions } from './document-info';
import { EditMetadataForm, SubmitForm, UploadVersionForm } from './document-work';
import { mayWrite } from './procedure-access';
import { ReviewDate, StatusBadge } from './procedure-badges';
import { procedureLabels } from './procedure-labels';
import { documentApiPath } from './procedure-query';
import type { DocumentSection } from './procedure-routes';
import { ReviewForm } from './review-form';
import { ConfirmReadingButton, ReadingOutcomeNotice, type ReadingOutcome } from './reading-confirm';
import { DownloadButton } from './reading-list-page';
import { useDocumentTarget } from './use-document-target';

const useStyles = makeStyles({
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  downloads: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  reading: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalL },
});

function WorkSection({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId: string }) {
  const page = usePageStyles();
  return (
    <section aria-labelledby={id} className={page.section} data-testid={testId}>
      <h2 id={id} className={page.h2} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function MyReading({ detail, onChanged }: { detail: DocumentDetail; onChanged(): void }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<ReadingOutcome | null>(null);
  const reading = detail.myReading;
  if (!reading) return null;
  return (
    <section aria-labelledby="doc-reading" className={`${styles.reading} ${page.card}`} data-testid="doc-reading">
      <h2 id="doc-reading" className={page.h2} tabIndex={-1}>
        {t('proc.doc.myReading')}
      </h2>
      {outcome && <ReadingOutcomeNotice outcome={outcome} title={detail.title} />}
      {reading.confirmedAt ? (
        <Text data-testid="doc-reading-confirmed">{t('proc.doc.youConfirmed', { version: reading.version, time: formatDateTime(reading.confirmedAt) })}</Text>
      ) : (
        <>
          <Text>{t('proc.doc.pleaseRead', { version: reading.version })}</Text>
          <ConfirmReadingButton
            documentId={detail.id}
            version={reading.version}
            title={detail.title}
            onOutcome={(o) => {
              setOutcome(o);
              onChanged();
            }}
          />
        </>
      )}
    </section>
  );
}

function SelfAssessments({ documentId, canAssess }: { documentId: string; canAssess: boolean }) {
  const { t } = useI18n();
  const pl = procedureLabels(t);
  const api = useApi();
  const loaded = useLoad((signal) => api.get<SelfAssessmentView[]>(documentApiPath(documentId, '/self-assessments'), signal), documentId, t('error.unexpected'));
  const list = loaded.data;
  return (
    <>
      {loaded.error && <ErrorMessage error={loaded.error} onRetry={loaded.reload} />}
      {loaded.loading && !list && <Spinner size="small" label={t('common.loading')} />}
      {list && list.length === 0 && <Text>{t('proc.doc.noSelfAssessments')}</Text>}
      {list && list.length > 0 && (
        <ul data-testid="doc-self-assessments">
          {list.map((a) => (
            <li key={a.id}>
              {t('proc.doc.selfAssessmentLine', { year: String(a.year), outcome: pl.selfOutcome(a.outcome), name: a.assessedBy.name, date: formatDate(a.assessedOn), n: a.measures.length })}
            </li>
          ))}
        </ul>
      )}
      {canAssess && (
        <Text>
          <AppLink href={`/procedures/self-assessment?documentId=${encodeURIComponent(documentId)}`} data-testid="doc-self-assess-link">
            {t('proc.doc.selfAssessNow')}
          </AppLink>
        </Text>
      )}
    </>
  );
}

const SECTION_IDS: Record<DocumentSection, string> = { coverage: 'doc-coverage', review: 'doc-review', upload: 'doc-upload', approval: 'doc-approval', reading: 'doc-reading' };

export function DocumentPage({ id, narrow }: { id: string; narrow: boolean }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const pl = procedureLabels(t);
  const me = useMe();
  const { location } = useRouter();
  const query = new URLSearchParams(location.search);
  const uploaded = query.get('uploaded') === '1';
  const section = query.get('section') as DocumentSection | null;
  const { loaded, target, conflict } = useDocumentTarget(id);
  const [downloadError, setDownloadError] = useState<ApiRequestError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const detail = loaded.data;
  const announce = (text: string) => {
    setNotice(text);
    // The form that was used is gone with the step it offered: the notice takes the focus, and is read out.
    requestAnimationFrame(() => document.getElementById('doc-notice')?.focus());
  };


  // Opened at a section (from a list's link): move there once the document is here.
  const hasDetail = detail !== undefined;
  useEffect(() => {
    if (!hasDetail || !section || !(section in SECTION_IDS)) return;
    const frame = requestAnimationFrame(() => {
      const el = document.getElementById(SECTION_IDS[section]);
      el?.scrollIntoView({ block: 'start' });
      el?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [hasDetail, section]);

  const waiting = loaded.error ? t('error.title') : t('common.loading');
  const allowed = new Set(detail?.allowedActions ?? []);
  return (
    <>
      <div className={page.top}>
        <AppLink href="/procedures">{`← ${t('proc.doc.back')}`}</AppLink>
        <PageHeading title={detail?.title ?? waiting}>{detail?.title ?? waiting}</PageHeading>
        {detail && (
          <div className={styles.badges}>
            <StatusBadge status={detail.status} />
            <Text>{detail.kind === 'governingDocument' ? `${pl.kind(detail.kind)} – ${pl.type(detail.documentType)}` : pl.kind(detail.kind)}</Text>
            <Text data-testid="doc-version-badge">{detail.approvedVersion ? t('proc.doc.inForce', { version: detail.approvedVersion }) : t('proc.noApprovedVersion')}</Text>
            <ReviewDate nextReviewDate={detail.nextReviewDate} status={detail.status} full />
          </div>
        )}
        {detail && (detail.approvedContentUrl || detail.latestContentUrl) && (
          <div className={styles.downloads}>
            {detail.approvedContentUrl && detail.approvedVersion && (
              <DownloadButton url={detail.approvedContentUrl} fileName={detail.fileName} label={t('proc.doc.openApproved', { version: detail.approvedVersion })} testId="doc-download-approved" onError={setDownloadError} />
            )}
            {detail.latestContentUrl && detail.latestVersion !== detail.approvedVersion && (
              <DownloadButton url={detail.latestContentUrl} fileName={detail.fileName} label={t('proc.doc.openLatest', { version: detail.latestVersion })} testId="doc-download-latest" onError={setDownloadError} />
            )}
          </div>
        )}
      </div>
      {loaded.loading && !detail && <Spinner label={t('common.loading')} />}
      {loaded.error && <ErrorMessage error={loaded.error} onRetry={loaded.reload} testId="doc-error" />}
      {downloadError && <ErrorMessage error={downloadError} />}
      {uploaded && detail && (
        <Notice intent="success" testId="doc-uploaded">
          {t('proc.doc.uploaded', { version: detail.latestVersion })}
        </Notice>
      )}
      {notice && (
        <div id="doc-notice" tabIndex={-1}>
          <Notice intent="success" testId="doc-notice">
            {notice}
          </Notice>
        </div>
      )}
      {conflict && (
        <Notice intent="warning" testId="doc-conflict">
          {t('proc.conflict')}
        </Notice>
      )}
      {detail && target && (
        <>
          <MyReading key={detail.id} detail={detail} onChanged={loaded.reload} />
          <div className={narrow ? `${page.columns} ${page.oneColumn}` : page.columns}>
            <div>
              <DocumentMetadata detail={detail} />
              <ApprovalHistory detail={detail} />
              <ReviewHistory detail={detail} />
              <Versions detail={detail} onError={setDownloadError} />
              <RelatedRiskItems ids={detail.relatedRiskItemIds} />
            </div>
            <div>
              {(allowed.has('approve') || allowed.has('reject')) && (
                <WorkSection id="doc-approval" title={t('proc.doc.approval')} testId="doc-approval-section">
                  <ApprovalDecision target={target} headingId="doc-approval" onDone={announce} />
                </WorkSection>
              )}
              {detail.status === 'awaitingApproval' && !allowed.has('approve') && !allowed.has('reject') && (
                <WorkSection id="doc-approval" title={t('proc.doc.awaiting')} testId="doc-awaiting-section">
                  <PendingSummary detail={detail} />
                  <Text>{t('proc.doc.awaitingApprovers', { names: detail.approvers.map((p) => p.name).join(', ') })}</Text>
                </WorkSection>
              )}
              {allowed.has('submit') && (
                <WorkSection id="doc-submit" title={t('proc.submit.title')} testId="doc-submit-section">
                  <SubmitForm key={detail.latestVersion} target={target} headingId="doc-submit" onDone={announce} />
                </WorkSection>
              )}
              {allowed.has('uploadVersion') && (
                <WorkSection id="doc-upload" title={t('proc.version.title')} testId="doc-upload-section">
                  <UploadVersionForm target={target} headingId="doc-upload" />
                </WorkSection>
              )}
              {allowed.has('review') && (
                <WorkSection id="doc-review" title={t('proc.reviewForm.title')} testId="doc-review-section">
                  <ReviewForm target={target} label={t('proc.reviewForm.title')} onDone={(_, text) => announce(text)} />
                </WorkSection>
              )}
              {allowed.has('viewCoverage') && detail.approvedVersion && (
                <WorkSection id="doc-coverage" title={t('proc.coverage.title')} testId="doc-coverage-section">
                  <CoveragePanel key={`${detail.id}:${detail.approvedVersion}`} documentId={detail.id} />
                </WorkSection>
              )}
              {(allowed.has('selfAssess') || (detail.kind === 'governingDocument' && mayWrite(me))) && (
                <WorkSection id="doc-self-assessment" title={t('proc.sa.title')} testId="doc-self-assessment-section">
                  <SelfAssessments documentId={detail.id} canAssess={allowed.has('selfAssess')} />
                </WorkSection>
              )}
              {allowed.has('edit') && (
                <WorkSection id="doc-edit" title={t('proc.edit.title')} testId="doc-edit-section">
                  <EditMetadataForm key={detail.id} target={target} headingId="doc-edit" />
                </WorkSection>
              )}
            </div>
          </div>
        </>
      )}
    </>
  );
}

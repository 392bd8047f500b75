// Saksvisning: one case with everything a leader does to it; writes carry the ETag, and a conflict is shown, never overwritten.
import { Badge, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { CaseDetail } from '../../../../src/server/api/contract.js';
import { useLoad } from '../../api/use-load';
import { ErrorMessage, Notice } from '../../components/error-message';
import { PageHeading, usePageStyles } from '../../components/page';
import { useI18n } from '../../i18n/i18n';
import { AppLink } from '../../router';
import { useApi } from '../../session/session';
import { CaseActions } from './case-actions';
import { CaseAnalysis } from './case-analysis';
import { CaseWorkContext, type CaseWork } from './case-context';
import { CaseEscalation, CaseFeedback } from './case-follow-up';
import { CaseAttachments, CaseHistory } from './case-history';
import { CaseMeasures } from './case-measures';
import { CaseReport } from './case-report';
import { ConflictNotice } from './conflict-notice';

const useStyles = makeStyles({
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export function CasePage({ id, narrow }: { id: string; narrow: boolean }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t, labels } = useI18n();
  const api = useApi();
  const loaded = useLoad((signal) => api.get<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`, signal), id, t('error.unexpected'));
  const [conflict, setConflict] = useState<{ current: CaseDetail | null } | null>(null);
  const detail = loaded.data;

  const work = useMemo<CaseWork | null>(
    () =>
      detail
        ? {
            detail,
            conflicted: conflict !== null,
            apply: (next) => loaded.set(next),
            conflict: (current) => setConflict({ current }),
            refresh: loaded.reload,
          }
        : null,
    [detail, conflict, loaded],
  );

  const reloadAfterConflict = () => {
    if (conflict?.current) loaded.set(conflict.current);
    else loaded.reload();
    setConflict(null);
  };

  // Without the case (still loading, or refused), the heading says which: never «Laster …» under an error.
  const waiting = loaded.error ? t('error.title') : t('common.loading');
  const heading = detail ? (detail.title ? `${detail.caseNumber}: ${detail.title}` : detail.caseNumber) : waiting;
  return (
    <>
      <div className={page.top}>
        <AppLink href="/inbox">{`← ${t('case.back')}`}</AppLink>
        <PageHeading title={detail?.caseNumber ?? waiting}>{heading}</PageHeading>
        {detail && (
          <div className={styles.badges}>
            <Badge appearance="tint" color="brand" data-testid="case-status" data-status={detail.status}>
              {labels.status[detail.status]}
            </Badge>
            <Badge appearance="outline">{labels.kind[detail.kind]}</Badge>
            {detail.severity && <Badge appearance="outline">{`${t('case.severity')}: ${labels.severity[detail.severity]}`}</Badge>}
          </div>
        )}
      </div>
      {loaded.loading && !detail && <Spinner label={t('common.loading')} />}
      {loaded.error && <ErrorMessage error={loaded.error} onRetry={loaded.reload} testId="case-error" />}
      {conflict && <ConflictNotice current={conflict.current} onReload={reloadAfterConflict} />}
      {detail && work && (
        <CaseWorkContext.Provider value={work}>
          {detail.healthDetailsHidden && (
            <Notice intent="info" testId="health-hidden">
              {t('case.healthHidden')}
            </Notice>
          )}
          {!detail.canHandle && detail.allowedActions.length === 0 && <Text className={page.top}>{t('case.readOnly')}</Text>}
          <div className={narrow ? `${page.columns} ${page.oneColumn}` : page.columns}>
            <div>
              <CaseReport detail={detail} />
              <CaseAnalysis key={`analysis-${detail.id}`} />
              <CaseMeasures />
            </div>
            <div>
              <CaseActions />
              <CaseFeedback />
              <CaseEscalation />
              <CaseHistory history={detail.history} />
              <CaseAttachments attachments={detail.attachments} />
            </div>
          </div>
        </CaseWorkContext.Provider>
      )}
    </>
  );
}

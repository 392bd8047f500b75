// 409 on a case: the write was refused because someone else changed it first; shows their version and offers a reload.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { CaseDetail } from '../../../../src/server/api/contract.js';
import { usePageStyles } from '../../components/page';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { Facts } from './case-report';

export function ConflictNotice({ current, onReload }: { current: CaseDetail | null; onReload(): void }) {
  const page = usePageStyles();
  const { t, labels } = useI18n();
  const last = current?.history.at(-1);
  return (
    <MessageBar intent="warning" role="alert" layout="multiline" data-testid="case-conflict">
      <MessageBarBody>
        <MessageBarTitle>{t('conflict.title')}</MessageBarTitle>
        <p>{t('conflict.body')}</p>
        {current && (
          <div data-testid="case-conflict-current">
            <h3 className={page.h3}>{t('conflict.theirs')}</h3>
            <Facts
              rows={[
                [t('case.status'), labels.status[current.status]],
                [t('case.handler'), current.handlerName],
                [t('analysis.whys'), current.analysis.whys.filter((w) => w.trim() !== '').join(' → ')],
                [t('analysis.rootCause'), current.analysis.rootCause],
                [t('analysis.causeCategory'), current.analysis.causeCategory ? labels.causeCategory[current.analysis.causeCategory] : null],
                [t('measures.title'), current.measures.map((m) => m.title).join('; ')],
                [t('case.closingNote'), current.closingNote],
                [
                  t('conflict.lastChange'),
                  last ? t('history.entry', { type: labels.history[last.type] ?? last.type, name: last.actor.name, time: formatDateTime(last.at) }) : null,
                ],
              ]}
            />
          </div>
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" onClick={onReload} data-testid="case-conflict-reload">
          {t('conflict.reload')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

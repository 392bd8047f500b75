// Every change to the case (who, when, what) and its attachments.
import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Attachment, HistoryEntry } from '../../../../src/server/api/contract.js';
import { usePageStyles } from '../../components/page';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  note: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', color: tokens.colorNeutralForeground2, margin: 0 },
});

export function CaseHistory({ history }: { history: HistoryEntry[] }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t, labels } = useI18n();
  return (
    <section aria-labelledby="case-history" className={page.section}>
      <h2 id="case-history" className={page.h2}>
        {t('history.title')}
      </h2>
      {history.length === 0 ? (
        <Text>{t('history.empty')}</Text>
      ) : (
        <ol className={styles.list} data-testid="case-history">
          {history.map((h, i) => (
            <li key={`${h.at}-${i}`} data-testid="case-history-entry" data-history-type={h.type}>
              <Text>{t('history.entry', { type: labels.history[h.type] ?? h.type, name: h.actor.name, time: formatDateTime(h.at) })}</Text>
              {h.from !== h.to && h.to && (
                <Text className={page.muted}>{` (${t('history.status', { from: h.from ? labels.status[h.from] : '–', to: labels.status[h.to] })})`}</Text>
              )}
              {h.note && <p className={styles.note}>{h.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function CaseAttachments({ attachments }: { attachments: Attachment[] }) {
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  return (
    <section aria-labelledby="case-attachments" className={page.section}>
      <h2 id="case-attachments" className={page.h2}>
        {t('attachments.title')}
      </h2>
      {attachments.length === 0 ? (
        <Text>{t('attachments.empty')}</Text>
      ) : (
        <ul data-testid="case-attachments">
          {attachments.map((a) => {
            // Links through our API need the bearer token, which a plain link cannot carry: fetch and save instead.
            const viaApi = a.url.startsWith('/api/');
            if (!/^(https:\/\/|\/)/.test(a.url)) return <li key={a.url}>{a.name}</li>;
            return (
              <li key={a.url}>
                <Link
                  href={a.url}
                  target={viaApi ? undefined : '_blank'}
                  rel="noopener noreferrer"
                  onClick={(e) => {
                    if (!viaApi) return;
                    e.preventDefault();
                    void api.download(a.url, a.name).catch(() => undefined);
                  }}
                >
                  {a.name}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

// The case's measures (tiltak) with owner and deadline; a new one also lands on the action list.
import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import { WarningFilled } from '@fluentui/react-icons';
import type { CaseDetail, MeasureView, NewMeasureBody } from '../../../../src/server/api/contract.js';
import { usePageStyles } from '../../components/page';
import type { MeasureFieldsBody } from '../../components/measure-draft';
import { MeasureForm } from '../../components/measure-form';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { useCaseWork, useCaseWrite } from './case-context';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  overdue: { borderLeftColor: tokens.colorStatusDangerBorder2 },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground2 },
});

export function MeasureStatusBadges({ measure }: { measure: MeasureView }) {
  const { t, labels } = useI18n();
  return (
    <>
      <Badge appearance="outline" color={measure.status === 'done' ? 'success' : 'informative'}>
        {labels.measureStatus[measure.status]}
      </Badge>
      {measure.overdue && (
        <Badge appearance="filled" color="danger" icon={<WarningFilled />} data-testid="overdue-badge">
          {t('actions.overdue')}
        </Badge>
      )}
    </>
  );
}

export function CaseMeasures() {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const work = useCaseWork();
  const write = useCaseWrite();
  const { detail } = work;
  const canAdd = detail.canHandle && detail.status !== 'closed';

  const add = (fields: MeasureFieldsBody) =>
    write.run(
      (etag) => {
        const body: NewMeasureBody = { etag, ...fields };
        return api.post<CaseDetail>(`/api/cases/${encodeURIComponent(detail.id)}/measures`, body);
      },
      (next) => {
        work.apply(next);
        return t('measures.added');
      },
    );

  return (
    <section aria-labelledby="case-measures" className={page.section} data-testid="case-measures">
      <h2 id="case-measures" className={page.h2}>
        {t('measures.title')}
      </h2>
      {detail.measures.length === 0 ? (
        <Text>{t('measures.empty')}</Text>
      ) : (
        <ul className={styles.list}>
          {detail.measures.map((m) => (
            <li key={m.id} className={`${styles.item} ${m.overdue ? styles.overdue : ''}`} data-testid="case-measure" data-measure-id={m.id}>
              <Text block weight="semibold" italic={m.healthDetailsHidden}>
                {m.healthDetailsHidden ? t('inbox.hiddenTitle') : m.title}
              </Text>
              {m.description && (
                <Text block as="p">
                  {m.description}
                </Text>
              )}
              <div className={styles.meta}>
                <span>{`${t('measure.owner')}: ${m.owner.name}`}</span>
                <span>{`${t('measure.deadline')}: ${formatDate(m.deadline)}`}</span>
                <MeasureStatusBadges measure={m} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {canAdd && (
        <MeasureForm testIdPrefix="measure" label={t('measures.add')} busy={write.disabled} onAdd={add} error={write.error} done={write.done} />
      )}
    </section>
  );
}

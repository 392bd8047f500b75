// The case's measures (tiltak) with owner and deadline; a new one also lands on the action list.
import { Badge, Button, Field, Input, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { WarningFilled } from '@fluentui/react-icons';
import { useState } from 'react';
import type { CaseDetail, MeasureView, NewMeasureBody, PersonRef } from '../../../../src/server/api/contract.js';
import { ErrorMessage, Notice } from '../../components/error-message';
import { usePageStyles } from '../../components/page';
import { PersonPicker } from '../../components/person-picker';
import { formatDate, osloToday } from '../../i18n/format';
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
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState<PersonRef | null>(null);
  const [deadline, setDeadline] = useState('');
  const [tried, setTried] = useState(false);
  const today = osloToday();
  const canAdd = detail.canHandle && detail.status !== 'closed';

  const titleError = tried && !title.trim() ? t('common.required') : undefined;
  const ownerError = tried && !owner ? t('common.required') : undefined;
  const deadlineError = tried && !deadline ? t('common.required') : tried && deadline < today ? t('measure.deadlinePast') : undefined;

  const add = async () => {
    setTried(true);
    if (!title.trim() || !owner || !deadline || deadline < today) return;
    const ok = await write.run(
      (etag) => {
        const body: NewMeasureBody = { etag, title: title.trim(), ownerId: owner.id, deadline, ...(description.trim() ? { description: description.trim() } : {}) };
        return api.post<CaseDetail>(`/api/cases/${encodeURIComponent(detail.id)}/measures`, body);
      },
      (next) => {
        work.apply(next);
        return t('measures.added');
      },
    );
    if (ok) {
      setTitle('');
      setDescription('');
      setOwner(null);
      setDeadline('');
      setTried(false);
    }
  };

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
        <form
          className={page.form}
          aria-labelledby="measure-form"
          data-testid="measure-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <h3 id="measure-form" className={page.h3}>
            {t('measures.add')}
          </h3>
          <Field label={t('measure.title')} required validationMessage={titleError}>
            <Input value={title} maxLength={255} onChange={(_, d) => setTitle(d.value)} data-testid="measure-title" />
          </Field>
          <Field label={t('measure.description')}>
            <Textarea value={description} maxLength={4000} onChange={(_, d) => setDescription(d.value)} data-testid="measure-description" />
          </Field>
          <PersonPicker label={t('measure.owner')} value={owner} onChange={setOwner} testId="measure-owner" required validationMessage={ownerError} />
          <Field label={t('measure.deadline')} required validationMessage={deadlineError}>
            <Input type="date" min={today} value={deadline} onChange={(_, d) => setDeadline(d.value)} data-testid="measure-deadline" />
          </Field>
          {write.error && <ErrorMessage error={write.error} />}
          {write.done && <Notice intent="success">{write.done}</Notice>}
          <div>
            <Button type="submit" appearance="primary" disabled={write.disabled} data-testid="measure-add">
              {t('measures.add')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

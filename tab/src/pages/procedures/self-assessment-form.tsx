// The yearly checklist for one governing document: the owner's answers and assessment, and follow-up measures that land on the action list.
import { Button, Field, Radio, RadioGroup, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ChecklistQuestion, SelfAssessmentView } from '../../../../src/server/api/contract-procedures.js';
import { useBusyAction } from '../../components/use-busy-action';
import { ErrorMessage } from '../../components/error-message';
import { usePageStyles } from '../../components/page';
import { emptyMeasure, measureProblems, type MeasureDraft } from '../../components/measure-draft';
import { MeasureFields } from '../../components/measure-form';
import { formatDate, osloToday } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { procedureLabels } from './procedure-labels';
import { documentApiPath } from './procedure-query';
import { CHECKLIST_ANSWERS, SELF_ASSESSMENT_OUTCOMES, type SelfAssessmentOutcome } from './procedure-values';
import { MAX_MEASURES, emptySelfAssessment, selfAssessmentBody, unanswered, type SelfAssessmentDraft } from './self-assessment-draft';

const useStyles = makeStyles({
  fieldset: { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  measures: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  measure: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/** The question in the person's language: the server's words in bokmål, ours in nynorsk and English. */
export function useQuestionText() {
  const { t, locale } = useI18n();
  return (q: ChecklistQuestion) => (locale === 'nb' ? q.text : t(`proc.checklist.${q.id}` as const) || q.text);
}

export function SelfAssessmentForm({
  documentId,
  title,
  year,
  checklist,
  onCreated,
}: {
  documentId: string;
  title: string;
  year: number;
  checklist: ChecklistQuestion[];
  onCreated(view: SelfAssessmentView): void;
}) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const pl = procedureLabels(t);
  const api = useApi();
  const questionText = useQuestionText();
  const [draft, setDraft] = useState<SelfAssessmentDraft>(emptySelfAssessment);
  const [measure, setMeasure] = useState<MeasureDraft>(emptyMeasure);
  const [measureTried, setMeasureTried] = useState(false);
  const [tried, setTried] = useState(false);
  const { busy, error, setError, run } = useBusyAction();
  const missing = new Set(unanswered(draft, checklist.map((q) => q.id)));
  const hasMeasureInput = measure.title.trim() !== '' || measure.owner !== null || measure.deadline !== '';

  const addMeasure = () => {
    setMeasureTried(true);
    if (measureProblems(measure, osloToday()).length > 0) return;
    setDraft((d) => ({ ...d, measures: [...d.measures, measure] }));
    setMeasure(emptyMeasure());
    setMeasureTried(false);
  };

  const save = async () => {
    setTried(true);
    setError(null);
    if (missing.size > 0 || draft.outcome === '') return;
    // A measure typed but not added is a mistake more often than not: ask for it to be added or cleared.
    if (hasMeasureInput) {
      setMeasureTried(true);
      return;
    }
    await run(async () => {
      const view = await api.post<SelfAssessmentView>(documentApiPath(documentId, '/self-assessments'), selfAssessmentBody(draft, year));
      onCreated(view);
    });
  };

  return (
    <form
      className={page.form}
      aria-label={t('proc.sa.formFor', { title, year: String(year) })}
      data-testid="sa-form"
      data-document-id={documentId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('proc.sa.checklist')}</legend>
        {checklist.map((q) => (
          <Field key={q.id} label={questionText(q)} required validationMessage={tried && missing.has(q.id) ? t('proc.sa.answerMissing') : undefined}>
            <RadioGroup layout="horizontal" value={draft.answers[q.id] ?? ''} onChange={(_, d) => setDraft((x) => ({ ...x, answers: { ...x.answers, [q.id]: d.value } }))}>
              {CHECKLIST_ANSWERS.map((a) => (
                <Radio key={a} value={a} label={pl.answer(a)} data-testid={`sa-answer-${q.id}-${a}`} />
              ))}
            </RadioGroup>
          </Field>
        ))}
      </fieldset>
      <Field label={t('proc.sa.outcome')} required validationMessage={tried && draft.outcome === '' ? t('common.required') : undefined}>
        <RadioGroup value={draft.outcome} onChange={(_, d) => setDraft((x) => ({ ...x, outcome: d.value as SelfAssessmentOutcome }))}>
          {SELF_ASSESSMENT_OUTCOMES.map((o) => (
            <Radio key={o} value={o} label={`${pl.selfOutcome(o)} – ${t(`proc.selfOutcome.${o}.hint` as const)}`} data-testid={`sa-outcome-${o}`} />
          ))}
        </RadioGroup>
      </Field>
      <Field label={t('proc.sa.comment')}>
        <Textarea value={draft.comment} maxLength={4000} onChange={(_, d) => setDraft((x) => ({ ...x, comment: d.value }))} data-testid="sa-comment" />
      </Field>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('proc.sa.measures')}</legend>
        <Text>{t('proc.sa.measuresHint')}</Text>
        {draft.measures.length > 0 && (
          <ul className={styles.measures} data-testid="sa-measures">
            {draft.measures.map((m, i) => (
              <li key={i} className={styles.measure} data-testid="sa-measure">
                <span>{t('proc.sa.measureLine', { title: m.title, owner: m.owner?.name ?? '', date: formatDate(m.deadline) })}</span>
                <Button
                  size="small"
                  icon={<DeleteRegular />}
                  aria-label={t('proc.sa.removeMeasure', { title: m.title })}
                  onClick={() => setDraft((x) => ({ ...x, measures: x.measures.filter((_, j) => j !== i) }))}
                />
              </li>
            ))}
          </ul>
        )}
        {draft.measures.length < MAX_MEASURES && (
          <>
            <MeasureFields value={measure} onChange={setMeasure} showProblems={measureTried} testIdPrefix="sa-measure" />
            <div>
              <Button icon={<AddRegular />} onClick={addMeasure} data-testid="sa-measure-add">
                {t('proc.sa.addMeasure')}
              </Button>
            </div>
          </>
        )}
      </fieldset>
      {error && <ErrorMessage error={error} testId="sa-error" />}
      <div>
        <Button type="submit" appearance="primary" disabled={busy} data-testid="sa-submit">
          {t('proc.sa.save')}
        </Button>
      </div>
    </form>
  );
}

/** A saved assessment in words: who, when, the outcome, the answers, the comment and the measures with their status. */
export function SelfAssessmentSummary({ view, checklist }: { view: SelfAssessmentView; checklist: ChecklistQuestion[] }) {
  const page = usePageStyles();
  const { t, labels } = useI18n();
  const pl = procedureLabels(t);
  const questionText = useQuestionText();
  return (
    <div data-testid="sa-summary" data-outcome={view.outcome}>
      <Text block weight="semibold">
        {t('proc.sa.assessed', { name: view.assessedBy.name, date: formatDate(view.assessedOn), outcome: pl.selfOutcome(view.outcome) })}
      </Text>
      <ul>
        {checklist.map((q) => (
          <li key={q.id}>{`${questionText(q)}: ${view.answers[q.id] ? pl.answer(view.answers[q.id]!) : t('common.notSet')}`}</li>
        ))}
      </ul>
      {view.comment && <Text block>{view.comment}</Text>}
      {view.measures.length > 0 && (
        <>
          <Text block className={page.muted}>
            {t('proc.sa.measuresOnList')}
          </Text>
          <ul data-testid="sa-summary-measures">
            {view.measures.map((m) => (
              <li key={m.id}>{`${t('proc.sa.measureLine', { title: m.title, owner: m.owner.name, date: formatDate(m.deadline) })} – ${labels.measureStatus[m.status]}`}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

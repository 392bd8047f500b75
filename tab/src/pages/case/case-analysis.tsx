// The root-cause analysis: "5 hvorfor" (one to five answers), the root cause and a cause category.
import { Field, Input, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { AnalysisBody, CaseDetail } from '../../../../src/server/api/contract.js';
import type { CauseCategory } from '../../../../src/domain/index.js';
import { ChoiceField } from '../../components/choice-field';
import { FormFooter } from '../../components/form-footer';
import { usePageStyles } from '../../components/page';
import { CAUSE_CATEGORIES, isOneOf } from '../../domain-values';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { useCaseWork, useCaseWrite } from './case-context';
import { Facts } from './case-report';

const WHYS = 5;

/** The answers to send: trimmed, empty ones left out (as the domain keeps them). */
export function whysToSend(whys: readonly string[]): string[] {
  return whys.map((w) => w.trim()).filter((w) => w !== '');
}

export function CaseAnalysis() {
  const page = usePageStyles();
  const { t, labels } = useI18n();
  const api = useApi();
  const work = useCaseWork();
  const write = useCaseWrite();
  const { detail } = work;
  const [whys, setWhys] = useState<string[]>(() => Array.from({ length: WHYS }, (_, i) => detail.analysis.whys[i] ?? ''));
  const [rootCause, setRootCause] = useState(detail.analysis.rootCause ?? '');
  const [category, setCategory] = useState<CauseCategory | ''>(detail.analysis.causeCategory ?? '');
  // The domain takes an analysis while the case is under analysis only.
  const editable = detail.canHandle && detail.status === 'underAnalysis';

  const save = () =>
    write.run(
      (etag) => {
        const body: AnalysisBody = { etag, whys: whysToSend(whys), rootCause: rootCause.trim() || null, causeCategory: category || null };
        return api.put<CaseDetail>(`/api/cases/${encodeURIComponent(detail.id)}/analysis`, body);
      },
      (next) => {
        work.apply(next);
        return t('analysis.saved');
      },
    );

  const a = detail.analysis;
  return (
    <section aria-labelledby="case-analysis" className={page.section} data-testid="case-analysis">
      <h2 id="case-analysis" className={page.h2}>
        {t('analysis.title')}
      </h2>
      {!editable &&
        (a.whys.length === 0 && !a.rootCause && !a.causeCategory ? (
          <Text>{t('analysis.empty')}</Text>
        ) : (
          <Facts
            rows={[
              ...a.whys.map((w, i): [string, string] => [t('analysis.why', { n: i + 1 }), w]),
              [t('analysis.rootCause'), a.rootCause],
              [t('analysis.causeCategory'), a.causeCategory ? labels.causeCategory[a.causeCategory] : null],
            ]}
          />
        ))}
      {editable && (
        <form
          className={page.form}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset className={page.form}>
            <legend className={page.h3}>{t('analysis.whys')}</legend>
            <Text className={page.muted}>{t('analysis.whysHint')}</Text>
            {whys.map((w, i) => (
              <Field key={i} label={t('analysis.why', { n: i + 1 })}>
                <Input value={w} maxLength={1000} onChange={(_, d) => setWhys((prev) => prev.map((p, j) => (j === i ? d.value : p)))} data-testid={`analysis-why-${i + 1}`} />
              </Field>
            ))}
          </fieldset>
          <Field label={t('analysis.rootCause')}>
            <Textarea value={rootCause} maxLength={2000} onChange={(_, d) => setRootCause(d.value)} data-testid="analysis-root-cause" />
          </Field>
          <ChoiceField
            label={t('analysis.causeCategory')}
            testId="analysis-cause-category"
            value={category}
            emptyLabel={t('common.notSet')}
            choices={CAUSE_CATEGORIES.map((c) => ({ value: c, label: labels.causeCategory[c] }))}
            onChange={(value) => setCategory(isOneOf(CAUSE_CATEGORIES, value) ? value : '')}
          />
          <FormFooter error={write.error} done={write.done} busy={write.disabled} submitLabel={t('analysis.save')} submitTestId="analysis-save" />
        </form>
      )}
    </section>
  );
}

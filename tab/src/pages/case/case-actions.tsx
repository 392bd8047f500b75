// The case's next steps, as the server allows them now: receive (and assign), start the analysis, decide measures, close, reopen.
import { Button, Field, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { CaseActionBody, CaseDetail, PersonRef } from '../../../../src/server/api/contract.js';
import { ErrorMessage, Notice } from '../../components/error-message';
import { usePageStyles } from '../../components/page';
import { PersonPicker } from '../../components/person-picker';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { useCaseWork, useCaseWrite } from './case-context';

const useStyles = makeStyles({
  steps: { display: 'grid', gap: tokens.spacingVerticalL, gridTemplateColumns: 'repeat(auto-fill, minmax(18rem, 1fr))' },
});

type ActionWithoutEtag = CaseActionBody extends infer B ? (B extends { etag: string } ? Omit<B, 'etag'> : never) : never;

export function CaseActions() {
  const styles = useStyles();
  const page = usePageStyles();
  const { t, labels } = useI18n();
  const api = useApi();
  const work = useCaseWork();
  const write = useCaseWrite();
  const { detail } = work;
  const [handler, setHandler] = useState<PersonRef | null>(null);
  const [noMeasureReason, setNoMeasureReason] = useState('');
  const [closingNote, setClosingNote] = useState('');
  const [reopenTo, setReopenTo] = useState<'received' | 'underAnalysis'>('underAnalysis');
  const [reopenReason, setReopenReason] = useState('');
  const [closeTried, setCloseTried] = useState(false);
  const [reopenTried, setReopenTried] = useState(false);
  const allowed = new Set(detail.allowedActions);

  const act = (action: ActionWithoutEtag) =>
    write.run(
      (etag) => api.post<CaseDetail>(`/api/cases/${encodeURIComponent(detail.id)}/actions`, { ...action, etag } as CaseActionBody),
      (next) => {
        work.apply(next);
        return t('action.done');
      },
    );

  if (allowed.size === 0) return null;
  return (
    <section aria-labelledby="case-work" className={page.section} data-testid="case-actions">
      <h2 id="case-work" className={page.h2}>
        {t('case.work')}
      </h2>
      {write.error && <ErrorMessage error={write.error} />}
      {write.done && (
        <Notice intent="success" testId="case-notice">
          {write.done}
        </Notice>
      )}
      <div className={styles.steps}>
        {allowed.has('receive') && (
          <div className={page.form}>
            <PersonPicker label={t('action.handler')} hint={t('action.receiveHint')} value={handler} onChange={setHandler} testId="case-handler" />
            <div>
              <Button appearance="primary" disabled={write.disabled} onClick={() => void act(handler ? { type: 'receive', handlerId: handler.id } : { type: 'receive' })} data-testid="case-action-receive">
                {t('action.receive')}
              </Button>
            </div>
          </div>
        )}
        {allowed.has('startAnalysis') && (
          <div>
            <Button appearance="primary" disabled={write.disabled} onClick={() => void act({ type: 'startAnalysis' })} data-testid="case-action-startAnalysis">
              {t('action.startAnalysis')}
            </Button>
          </div>
        )}
        {allowed.has('decideMeasures') && (
          <div className={page.form}>
            <Field label={t('action.noMeasureReason')}>
              <Textarea value={noMeasureReason} onChange={(_, d) => setNoMeasureReason(d.value)} maxLength={2000} data-testid="case-no-measure-reason" />
            </Field>
            <div>
              <Button
                appearance="primary"
                disabled={write.disabled}
                onClick={() => void act(noMeasureReason.trim() ? { type: 'decideMeasures', noMeasureReason: noMeasureReason.trim() } : { type: 'decideMeasures' })}
                data-testid="case-action-decideMeasures"
              >
                {t('action.decideMeasures')}
              </Button>
            </div>
          </div>
        )}
        {allowed.has('close') && (
          <form
            className={page.form}
            onSubmit={(e) => {
              e.preventDefault();
              setCloseTried(true);
              if (closingNote.trim()) void act({ type: 'close', closingNote: closingNote.trim() });
            }}
          >
            <Field label={t('action.closingNote')} required validationMessage={closeTried && !closingNote.trim() ? t('common.required') : undefined}>
              <Textarea value={closingNote} onChange={(_, d) => setClosingNote(d.value)} maxLength={4000} data-testid="case-closing-note" />
            </Field>
            <div>
              <Button type="submit" appearance="primary" disabled={write.disabled} data-testid="case-action-close">
                {t('action.close')}
              </Button>
            </div>
          </form>
        )}
        {allowed.has('reopen') && (
          <form
            className={page.form}
            onSubmit={(e) => {
              e.preventDefault();
              setReopenTried(true);
              if (reopenReason.trim()) void act({ type: 'reopen', to: reopenTo, reason: reopenReason.trim() });
            }}
          >
            <Field label={t('action.reopenTo')}>
              <Select value={reopenTo} onChange={(_, d) => setReopenTo(d.value === 'received' ? 'received' : 'underAnalysis')} data-testid="case-reopen-to">
                <option value="underAnalysis">{labels.status.underAnalysis}</option>
                <option value="received">{labels.status.received}</option>
              </Select>
            </Field>
            <Field label={t('action.reopenReason')} required validationMessage={reopenTried && !reopenReason.trim() ? t('common.required') : undefined}>
              <Textarea value={reopenReason} onChange={(_, d) => setReopenReason(d.value)} maxLength={2000} data-testid="case-reopen-reason" />
            </Field>
            <div>
              <Button type="submit" disabled={write.disabled} data-testid="case-action-reopen">
                {t('action.reopen')}
              </Button>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}

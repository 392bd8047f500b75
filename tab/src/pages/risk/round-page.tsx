// One yearly round: the work plan across ISO weeks, every unit's state (and starting a unit's assessment), each sector's
// compile and forward, and the rows escalated to KLG so far.
import { Badge, Button, Field, Input, Spinner, TableCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { WarningFilled } from '@fluentui/react-icons';
import { useState } from 'react';
import type { PersonRef } from '../../../../src/server/api/contract.js';
import type {
  NewRiskAssessmentBody,
  NewRiskTaskRequest,
  RiskAssessmentDetail,
  RiskEscalatedItem,
  RiskRoundDetail,
  RiskRoundPatchBody,
  RiskSectorStepResult,
  RiskTaskPatchBody,
  RiskTaskResponsible,
  RiskWorkPlanTask,
} from '../../../../src/server/api/contract-risk.js';
import { ApiRequestError } from '../../api/client';
import { validDate } from '../../api/query';
import { asApiError, useLoad } from '../../api/use-load';
import { ChoiceField } from '../../components/choice-field';
import { DataTable, useDataCellStyles } from '../../components/data-table';
import { ErrorMessage, Notice } from '../../components/error-message';
import { PageHeading, usePageStyles } from '../../components/page';
import { PersonPicker } from '../../components/person-picker';
import { useBusyAction } from '../../components/use-busy-action';
import { isOneOf } from '../../domain-values';
import { formatDate, formatNumber, osloToday } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useMe, useSession } from '../../session/session';
import { EscalationMarker, RiskChip, UnitStateBadge } from './risk-badges';
import { useRiskLabels } from './risk-i18n';
import { assessmentHref } from './risk-routes';
import { RISK_TASK_RESPONSIBLES, RISK_UNIT_STATES } from './risk-values';
import { WorkPlan } from './work-plan';

const useStyles = makeStyles({
  states: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, margin: 0, padding: 0, listStyleType: 'none' },
  sectors: { display: 'grid', gap: tokens.spacingHorizontalM, gridTemplateColumns: 'repeat(auto-fill, minmax(20rem, 1fr))', margin: 0, padding: 0, listStyleType: 'none' },
  sector: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  dates: { display: 'grid', gap: tokens.spacingHorizontalM, gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))', alignItems: 'end' },
});

export function RoundPage({ id }: { id: string }) {
  const styles = useStyles();
  const cells = useDataCellStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const labels = useRiskLabels();
  const { api } = useSession();
  const me = useMe();
  const { navigate } = useRouter();
  const loaded = useLoad((signal) => api.get<RiskRoundDetail>(`/api/risk/rounds/${encodeURIComponent(id)}`, signal), id, t('error.unexpected'));
  const escalations = useLoad((signal) => api.get<RiskEscalatedItem[]>(`/api/risk/escalations?${new URLSearchParams({ roundId: id }).toString()}`, signal), `esc:${id}`, t('error.unexpected'));
  const round = loaded.data;
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (key: string, write: () => Promise<string | null>) => {
    setBusy(key);
    setError(null);
    setNotice(null);
    try {
      setNotice(await write());
    } catch (err) {
      const e = asApiError(err, t('error.unexpected'));
      if (e.status === 409 && e.code === 'conflict') loaded.reload();
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const setPercent = async (task: RiskWorkPlanTask, percent: number) => {
    let ok = false;
    await run(`task:${task.id}`, async () => {
      const body: RiskTaskPatchBody = { percentDone: percent };
      loaded.set(await api.patch<RiskRoundDetail>(`/api/risk/rounds/${encodeURIComponent(id)}/tasks/${encodeURIComponent(task.id)}`, body));
      ok = true;
      return t('risk.round.percentSaved');
    });
    return ok;
  };

  const sectorStep = (sectorId: string, step: 'compile' | 'forward') =>
    run(`${step}:${sectorId}`, async () => {
      const result = await api.post<RiskSectorStepResult>(`/api/risk/rounds/${encodeURIComponent(id)}/sectors/${encodeURIComponent(sectorId)}/${step}`, {});
      loaded.reload();
      escalations.reload();
      const waiting = result.waitingFor.length > 0 ? ` ${t('risk.round.waitingFor', { units: result.waitingFor.map((w) => w.unitName).join(', ') })}` : '';
      return `${t('risk.round.stepDone', { n: result.changed.length, escalated: result.escalated.length })}${waiting}`;
    });

  const startAssessment = (unitId: string) =>
    run(`start:${unitId}`, async () => {
      const body: NewRiskAssessmentBody = { unitId, roundId: id };
      const created = await api.post<RiskAssessmentDetail>('/api/risk/assessments', body);
      navigate(assessmentHref(created.id));
      return null;
    });

  const closeRound = () =>
    run('close', async () => {
      if (!round) return null;
      const body: RiskRoundPatchBody = { etag: round.etag, status: 'closed' };
      loaded.set(await api.patch<RiskRoundDetail>(`/api/risk/rounds/${encodeURIComponent(id)}`, body));
      return t('risk.round.closedNotice');
    });

  const waiting = loaded.error ? t('error.title') : t('common.loading');
  const leads = new Set(me.leadsUnitIds);
  return (
    <>
      <div className={page.top}>
        <AppLink href="/risk/rounds">{`← ${t('risk.round.back')}`}</AppLink>
        <PageHeading title={round?.title ?? waiting}>{round?.title ?? waiting}</PageHeading>
        {round && (
          <Text>
            {`${t('risk.round.deadlines', { unit: formatDate(round.unitDeadline), sector: formatDate(round.sectorDeadline), end: formatDate(round.plannedEnd) })} ${t('risk.round.startedBy', { name: round.startedBy.name })}.`}
          </Text>
        )}
      </div>
      {loaded.loading && !round && <Spinner label={t('common.loading')} />}
      {loaded.error && <ErrorMessage error={loaded.error} onRetry={loaded.reload} testId="risk-round-error" />}
      {error && <ErrorMessage error={error} testId="risk-round-write-error" />}
      {notice && (
        <Notice intent="success" testId="risk-round-notice">
          {notice}
        </Notice>
      )}
      {round && (
        <>
          <section aria-labelledby="risk-round-states" className={page.section}>
            <h2 id="risk-round-states" className={page.h2}>
              {t('risk.round.stateCounts')}
            </h2>
            <ul className={styles.states} data-testid="risk-round-states">
              {RISK_UNIT_STATES.map((s) => (
                <li key={s}>
                  <Badge appearance="outline" data-state={s}>
                    {t('risk.round.stateCount', { state: labels.unitState[s], n: round.states[s] ?? 0 })}
                  </Badge>
                </li>
              ))}
              <li>
                <Badge appearance="outline" color="danger">
                  {`${t('risk.round.escalations')}: ${formatNumber(round.escalatedCount)}`}
                </Badge>
              </li>
            </ul>
          </section>

          <section aria-labelledby="risk-work-plan" className={page.section}>
            <h2 id="risk-work-plan" className={page.h2}>
              {t('risk.round.workPlan')}
            </h2>
            <Text className={page.muted}>{t('risk.round.workPlanHint')}</Text>
            <WorkPlan round={round} canSetPercent={(task) => round.canManage || task.responsiblePerson?.id === me.id} onSetPercent={setPercent} />
            {round.canManage && <AddTask roundId={id} onAdded={(r) => loaded.set(r)} />}
          </section>

          {round.sectors.some((s) => s.canCompile) && (
            <section aria-labelledby="risk-round-sectors" className={page.section}>
              <h2 id="risk-round-sectors" className={page.h2}>
                {t('risk.round.sectors')}
              </h2>
              <ul className={styles.sectors}>
                {round.sectors
                  .filter((s) => s.canCompile)
                  .map((s) => (
                    <li key={s.sectorId} className={`${styles.sector} ${page.card}`} data-testid="risk-round-sector" data-sector-id={s.sectorId}>
                      <h3 className={page.h3}>{s.sectorName}</h3>
                      <Text size={200}>{RISK_UNIT_STATES.map((st) => t('risk.round.stateCount', { state: labels.unitState[st], n: s.states[st] ?? 0 })).join(' · ')}</Text>
                      <div className={styles.buttons}>
                        <Button disabled={busy !== null || (s.states.submitted ?? 0) === 0} onClick={() => void sectorStep(s.sectorId, 'compile')} data-testid="risk-sector-compile">
                          {t('risk.round.compile')}
                        </Button>
                        <Button appearance="primary" disabled={busy !== null || (s.states.compiled ?? 0) === 0} onClick={() => void sectorStep(s.sectorId, 'forward')} data-testid="risk-sector-forward">
                          {t('risk.round.forward')}
                        </Button>
                      </div>
                    </li>
                  ))}
              </ul>
            </section>
          )}

          <section aria-labelledby="risk-round-units" className={page.section}>
            <h2 id="risk-round-units" className={page.h2}>
              {t('risk.round.units')}
            </h2>
            <DataTable
              size="small"
              labelledBy="risk-round-units"
              testId="risk-round-units"
              columns={[t('risk.round.col.unit'), t('risk.round.col.sector'), t('risk.round.col.state'), { label: t('risk.round.col.rows'), align: 'number' }, { label: t('risk.round.col.redNow'), align: 'number' }, { label: t('risk.round.col.unacceptable'), align: 'number' }, t('risk.col.title')]}
            >
              {round.units.map((u) => (
                <TableRow key={u.unitId} data-testid="risk-round-unit" data-unit-id={u.unitId} data-state={u.state}>
                  <TableCell>{u.unitName}</TableCell>
                  <TableCell>{round.sectors.find((s) => s.sectorId === u.sectorId)?.sectorName ?? ''}</TableCell>
                  <TableCell>
                    <UnitStateBadge state={u.state} />
                    {u.late && (
                      <>
                        {' '}
                        <Badge size="small" appearance="filled" color="danger" icon={<WarningFilled />}>
                          {t('risk.round.late')}
                        </Badge>
                      </>
                    )}
                  </TableCell>
                  <TableCell className={cells.number}>{formatNumber(u.itemCount)}</TableCell>
                  <TableCell className={cells.number}>{formatNumber(u.redNow)}</TableCell>
                  <TableCell className={cells.number}>{formatNumber(u.unacceptable)}</TableCell>
                  <TableCell>
                    {u.assessmentId ? (
                      <AppLink href={assessmentHref(u.assessmentId)} aria-label={`${t('risk.round.open')}: ${u.unitName}`} data-testid="risk-round-unit-open">
                        {t('risk.round.open')}
                      </AppLink>
                    ) : (leads.has(u.unitId) || round.canManage) && round.status === 'active' ? (
                      <Button size="small" disabled={busy !== null} onClick={() => void startAssessment(u.unitId)} aria-label={`${t('risk.round.startAssessment')}: ${u.unitName}`} data-testid="risk-round-unit-start">
                        {t('risk.round.startAssessment')}
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </DataTable>
          </section>

          <section aria-labelledby="risk-round-escalations" className={page.section}>
            <h2 id="risk-round-escalations" className={page.h2}>
              {t('risk.round.escalations')}
            </h2>
            {escalations.error && <ErrorMessage error={escalations.error} onRetry={escalations.reload} />}
            {escalations.data && escalations.data.length === 0 && <Text>{t('risk.round.escalationsEmpty')}</Text>}
            {escalations.data && escalations.data.length > 0 && (
              <DataTable
                size="small"
                labelledBy="risk-round-escalations"
                testId="risk-round-escalations"
                columns={[t('risk.round.col.item'), t('risk.round.col.unit'), t('risk.round.col.residual'), t('risk.round.col.committee'), t('risk.round.col.measures')]}
              >
                {escalations.data.map((e) => (
                  <TableRow key={e.item.id} data-testid="risk-round-escalation" data-item-id={e.item.id}>
                    <TableCell>
                      <AppLink href={assessmentHref(e.item.assessmentId)}>{`${e.item.process}: ${e.item.whatCanGoWrong}`}</AppLink>
                    </TableCell>
                    <TableCell>{e.sectorName ? `${e.unitName} (${e.sectorName})` : e.unitName}</TableCell>
                    <TableCell>
                      <RiskChip position={e.item.residual ?? e.item.current} />
                    </TableCell>
                    <TableCell>
                      <EscalationMarker mustReport={e.item.mustReportToKlg} escalation={e.item.escalation} />
                    </TableCell>
                    <TableCell>
                      {t('risk.round.measuresDone', { done: e.item.measures.filter((m) => m.status === 'done').length, total: e.item.measures.length })}
                      {e.settled && (
                        <>
                          {' '}
                          <Badge appearance="tint" color="success">
                            {t('risk.round.settled')}
                          </Badge>
                        </>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </DataTable>
            )}
          </section>

          {round.canManage && round.status === 'active' && (
            <div>
              <Button disabled={busy !== null} onClick={() => void closeRound()} data-testid="risk-round-close">
                {t('risk.round.close')}
              </Button>
            </div>
          )}
        </>
      )}
    </>
  );
}

function AddTask({ roundId, onAdded }: { roundId: string; onAdded(round: RiskRoundDetail): void }) {
  const page = usePageStyles();
  const styles = useStyles();
  const { t } = useI18n();
  const labels = useRiskLabels();
  const { api } = useSession();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [responsible, setResponsible] = useState<RiskTaskResponsible>('qualityAdviser');
  const [person, setPerson] = useState<PersonRef | null>(null);
  const [responsibleLabel, setResponsibleLabel] = useState('');
  const today = osloToday();
  const [start, setStart] = useState(today);
  const [deadline, setDeadline] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useBusyAction();
  const [done, setDone] = useState(false);
  if (!open)
    return (
      <div>
        <Button onClick={() => setOpen(true)} data-testid="risk-task-add-open">
          {t('risk.round.addTask')}
        </Button>
        {done && <Notice intent="success">{t('risk.round.task.added')}</Notice>}
      </div>
    );
  const ok = title.trim() && validDate(start) && validDate(deadline) && deadline >= start && (responsible !== 'person' || person);
  const submit = async () => {
    setTried(true);
    if (!ok) return;
    await run(async () => {
      const body: NewRiskTaskRequest = {
        title: title.trim(),
        responsible,
        start,
        deadline,
        ...(responsible === 'person' && person ? { responsiblePersonId: person.id } : {}),
        ...(responsibleLabel.trim() ? { responsibleLabel: responsibleLabel.trim() } : {}),
      };
      onAdded(await api.post<RiskRoundDetail>(`/api/risk/rounds/${encodeURIComponent(roundId)}/tasks`, body));
      setOpen(false);
      setDone(true);
      setTitle('');
      setDeadline('');
      setTried(false);
    });
  };
  return (
    <form
      className={page.section}
      aria-label={t('risk.round.addTask')}
      data-testid="risk-task-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className={styles.dates}>
        <Field label={t('risk.round.task.title')} required validationMessage={tried && !title.trim() ? t('common.required') : undefined}>
          <Input value={title} maxLength={255} onChange={(_, d) => setTitle(d.value)} data-testid="risk-task-title" />
        </Field>
        <ChoiceField
          label={t('risk.round.task.responsible')}
          testId="risk-task-responsible"
          value={responsible}
          choices={RISK_TASK_RESPONSIBLES.map((r) => ({ value: r, label: labels.taskResponsible[r] }))}
          onChange={(value) => isOneOf(RISK_TASK_RESPONSIBLES, value) && setResponsible(value)}
        />
        {responsible === 'person' && <PersonPicker label={t('risk.round.task.person')} value={person} onChange={setPerson} testId="risk-task-person" required validationMessage={tried && !person ? t('common.required') : undefined} />}
        <Field label={t('risk.round.task.responsibleLabel')}>
          <Input value={responsibleLabel} maxLength={100} onChange={(_, d) => setResponsibleLabel(d.value)} />
        </Field>
        <Field label={t('risk.round.task.start')} required>
          <Input type="date" value={start} onChange={(_, d) => setStart(d.value)} />
        </Field>
        <Field label={t('risk.round.task.deadline')} required validationMessage={tried && (!validDate(deadline) || deadline < start) ? t('common.required') : undefined}>
          <Input type="date" value={deadline} min={start} onChange={(_, d) => setDeadline(d.value)} data-testid="risk-task-deadline" />
        </Field>
      </div>
      {error && <ErrorMessage error={error} />}
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" disabled={busy} data-testid="risk-task-add">
          {t('risk.round.addTask')}
        </Button>
        <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}

// The round's work plan as the Tønsberg plan shows it (seed 000): task, responsible, % done, deadline, and a simple
// Gantt across ISO weeks (hatched while the task runs, «F» in its deadline week, this week marked in words).
import { Badge, Button, Input, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { WarningFilled } from '@fluentui/react-icons';
import { useState } from 'react';
import type { RiskRoundDetail, RiskWorkPlanTask } from '../../../../src/server/api/contract-risk.js';
import { formatDate, formatMonth } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { columnsOf, ganttMarks, monthGroups, osloIsoWeek, weekKey } from './iso-week';
import { useRiskLabels } from './risk-i18n';

const useStyles = makeStyles({
  wrap: {
    position: 'relative',
    overflowX: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: { textAlign: 'left', padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  task: { textAlign: 'left', fontWeight: tokens.fontWeightRegular, padding: tokens.spacingHorizontalS, minWidth: '16rem', maxWidth: '22rem', borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  td: { padding: tokens.spacingHorizontalS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, whiteSpace: 'nowrap', verticalAlign: 'middle' },
  // Positioned, so the visually hidden words inside stay inside the scrolling plan (not widening the page).
  week: { position: 'relative', width: '1.9rem', minWidth: '1.9rem', padding: 0, textAlign: 'center', borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  weekHead: { position: 'relative', width: '1.9rem', minWidth: '1.9rem', padding: `${tokens.spacingVerticalXXS} 0`, textAlign: 'center', fontWeight: tokens.fontWeightRegular, borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  thisWeek: { fontWeight: tokens.fontWeightBold, textDecorationLine: 'underline', backgroundColor: tokens.colorNeutralBackground3 },
  thisWeekCell: { boxShadow: `inset ${tokens.strokeWidthThick} 0 0 ${tokens.colorNeutralForeground1}, inset -${tokens.strokeWidthThick} 0 0 ${tokens.colorNeutralForeground1}` },
  active: {
    height: '1.2rem',
    margin: '0 1px',
    backgroundColor: tokens.colorBrandBackground2,
    backgroundImage: `repeating-linear-gradient(45deg, ${tokens.colorBrandForeground1} 0 1.5px, transparent 1.5px 5px)`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandForeground1}`,
  },
  deadline: {
    height: '1.2rem',
    margin: '0 1px',
    backgroundColor: tokens.colorNeutralForeground1,
    color: tokens.colorNeutralBackground1,
    fontWeight: tokens.fontWeightBold,
    lineHeight: '1.2rem',
  },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  percent: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  percentInput: { width: '4.5rem' },
  bar: { width: '3rem', height: '0.5rem', border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralForeground2}`, borderRadius: tokens.borderRadiusSmall, overflow: 'hidden' },
  barFill: { height: '100%', backgroundColor: tokens.colorNeutralForeground2 },
});

export interface WorkPlanProps {
  round: RiskRoundDetail;
  /** Whether the viewer may set % done on a task (a manager, or the task's named person). */
  canSetPercent(task: RiskWorkPlanTask): boolean;
  onSetPercent(task: RiskWorkPlanTask, percent: number): Promise<boolean>;
  now?: Date;
}

export function WorkPlan({ round, canSetPercent, onSetPercent, now = new Date() }: WorkPlanProps) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const labels = useRiskLabels();
  const columns = columnsOf(round.weeks);
  const months = monthGroups(columns);
  const thisWeek = weekKey(osloIsoWeek(now));
  return (
    <div className={styles.wrap} role="region" aria-labelledby="risk-work-plan" tabIndex={0} data-testid="risk-work-plan">
      <table className={styles.table} aria-labelledby="risk-work-plan">
        <thead>
          <tr>
            <td colSpan={4} />
            {months.map((m) => (
              <th key={m.month} scope="colgroup" colSpan={m.span} className={styles.th}>
                {formatMonth(m.month, locale)}
              </th>
            ))}
          </tr>
          <tr>
            <th scope="col" className={styles.th}>
              {t('risk.round.col.task')}
            </th>
            <th scope="col" className={styles.th}>
              {t('risk.round.col.responsible')}
            </th>
            <th scope="col" className={styles.th}>
              {t('risk.round.col.done')}
            </th>
            <th scope="col" className={styles.th}>
              {t('risk.round.col.deadline')}
            </th>
            {columns.map((c) => {
              const current = c.key === thisWeek;
              return (
                <th key={c.key} scope="col" className={mergeClasses(styles.weekHead, current && styles.thisWeek)} data-week={c.key} data-this-week={current ? 'true' : undefined}>
                  <span aria-hidden="true">{c.week}</span>
                  <span className={styles.hidden}>{`${t('risk.round.week', { week: c.week })}${current ? `, ${t('risk.round.thisWeek')}` : ''}`}</span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {round.tasks.map((task) => {
            const marks = ganttMarks(columns, task);
            return (
              <tr key={task.id} data-testid="risk-task-row" data-task-id={task.id}>
                <th scope="row" className={styles.task}>
                  {task.title}
                </th>
                <td className={styles.td}>{task.responsiblePerson ? `${task.responsibleLabel || labels.taskResponsible[task.responsible]} (${task.responsiblePerson.name})` : task.responsibleLabel || labels.taskResponsible[task.responsible]}</td>
                <td className={styles.td}>
                  <Percent task={task} editable={canSetPercent(task)} onSave={(n) => onSetPercent(task, n)} />
                </td>
                <td className={styles.td}>
                  {formatDate(task.deadline)}
                  {task.overdue && (
                    <>
                      {' '}
                      <Badge size="small" appearance="filled" color="danger" icon={<WarningFilled />}>
                        {t('risk.round.overdue')}
                      </Badge>
                    </>
                  )}
                </td>
                {columns.map((c, i) => {
                  const mark = marks[i];
                  return (
                    <td key={c.key} className={mergeClasses(styles.week, c.key === thisWeek && styles.thisWeekCell)} data-mark={mark}>
                      {mark === 'active' && (
                        <div className={styles.active}>
                          <span className={styles.hidden}>{t('risk.round.mark.active')}</span>
                        </div>
                      )}
                      {mark === 'deadline' && (
                        <div className={styles.deadline}>
                          <span aria-hidden="true">{t('risk.round.deadlineMark')}</span>
                          <span className={styles.hidden}>{t('risk.round.mark.deadline')}</span>
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Percent({ task, editable, onSave }: { task: RiskWorkPlanTask; editable: boolean; onSave(n: number): Promise<boolean> }) {
  const styles = useStyles();
  const { t } = useI18n();
  const [value, setValue] = useState(String(task.percentDone));
  const [busy, setBusy] = useState(false);
  const n = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 100;
  if (!editable)
    return (
      <span className={styles.percent}>
        <span className={styles.bar} aria-hidden="true">
          <span className={styles.barFill} style={{ display: 'block', width: `${task.percentDone}%` }} />
        </span>
        <Text size={200}>{t('risk.round.percent', { n: task.percentDone })}</Text>
      </span>
    );
  return (
    <form
      className={styles.percent}
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid || n === task.percentDone) return;
        setBusy(true);
        void onSave(n).finally(() => setBusy(false));
      }}
    >
      <Input
        className={styles.percentInput}
        type="number"
        min={0}
        max={100}
        step={10}
        size="small"
        value={value}
        aria-label={t('risk.round.setPercent', { task: task.title })}
        onChange={(_, d) => setValue(d.value)}
        data-testid="risk-task-percent"
      />
      <Button size="small" type="submit" disabled={busy || !valid || n === task.percentDone} data-testid="risk-task-percent-save">
        {t('risk.round.savePercent')}
      </Button>
    </form>
  );
}

// Årlig prosess: the yearly rounds, what falls due for me in the next two weeks, and — for the quality adviser and the
// kommunedirektør — starting this year's round (deadlines, which units).
import { Badge, Button, Checkbox, Field, Input, Spinner, TableCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { UnitView } from '../../../../src/server/api/contract.js';
import type { NewRiskRoundBody, RiskDueEntry, RiskRoundDetail, RiskRoundSummary } from '../../../../src/server/api/contract-risk.js';
import { useLoad } from '../../api/use-load';
import { DataTable, useDataCellStyles } from '../../components/data-table';
import { ErrorMessage } from '../../components/error-message';
import { PageHeading, usePageStyles } from '../../components/page';
import { PageIntro } from '../../components/page-intro';
import { useUnits } from '../../components/unit-select';
import { useBusyAction } from '../../components/use-busy-action';
import { validDate } from '../../api/query';
import { formatDate, formatNumber, osloToday } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useMe, useSession } from '../../session/session';
import { addDays } from './iso-week';
import { roundHref } from './risk-routes';

const useStyles = makeStyles({
  due: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  dueItem: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  units: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
    maxHeight: '20rem',
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  sector: { fontWeight: tokens.fontWeightSemibold, marginTop: tokens.spacingVerticalS },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  dates: { display: 'grid', gap: tokens.spacingHorizontalM, gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))', alignItems: 'end' },
});

export function isManager(roles: readonly string[]): boolean {
  return roles.includes('qualityAdviser') || roles.includes('chiefExecutive');
}

export function RoundsPage() {
  const styles = useStyles();
  const cells = useDataCellStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const me = useMe();
  const rounds = useLoad((signal) => api.get<RiskRoundSummary[]>('/api/risk/rounds', signal), 'rounds', t('error.unexpected'));
  const due = useLoad((signal) => api.get<RiskDueEntry[]>('/api/risk/due?days=14', signal), 'due', t('error.unexpected'));
  const list = rounds.data ?? [];
  return (
    <>
      <PageHeading title={t('risk.rounds.title')}>{t('risk.rounds.title')}</PageHeading>
      <PageIntro>
        {t('risk.rounds.intro')}
      </PageIntro>

      <section aria-labelledby="risk-rounds" className={page.section} aria-busy={rounds.loading}>
        <h2 id="risk-rounds" className={page.h2}>
          {t('risk.rounds.caption')}
        </h2>
        {rounds.error && <ErrorMessage error={rounds.error} onRetry={rounds.reload} testId="risk-rounds-error" />}
        {rounds.loading && <Spinner label={t('common.loading')} />}
        {!rounds.loading && !rounds.error && list.length === 0 && <Text data-testid="risk-rounds-empty">{t('risk.rounds.empty')}</Text>}
        {list.length > 0 && (
          <DataTable
            size="small"
            labelledBy="risk-rounds"
            testId="risk-rounds-table"
            columns={[t('risk.rounds.col.round'), t('risk.rounds.col.status'), t('risk.rounds.col.unitDeadline'), t('risk.rounds.col.sectorDeadline'), { label: t('risk.rounds.col.progress'), align: 'number' }]}
          >
            {list.map((r) => (
              <TableRow key={r.id} data-testid="risk-round-row" data-round-id={r.id}>
                <TableCell>
                  <AppLink href={roundHref(r.id)} data-testid="risk-round-link">
                    {r.title}
                  </AppLink>
                </TableCell>
                <TableCell>
                  <Badge appearance="tint" color={r.status === 'active' ? 'brand' : 'subtle'}>
                    {r.status === 'active' ? t('risk.rounds.active') : t('risk.rounds.closed')}
                  </Badge>
                </TableCell>
                <TableCell>{formatDate(r.unitDeadline)}</TableCell>
                <TableCell>{formatDate(r.sectorDeadline)}</TableCell>
                <TableCell className={cells.number}>{t('risk.rounds.progress', { done: r.states.submitted + r.states.compiled + r.states.forwarded, total: r.unitCount })}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="risk-due" className={page.section}>
        <h2 id="risk-due" className={page.h2}>
          {t('risk.rounds.due')}
        </h2>
        {due.error && <ErrorMessage error={due.error} onRetry={due.reload} />}
        {due.data && due.data.length === 0 && <Text>{t('risk.rounds.dueEmpty')}</Text>}
        {due.data && due.data.length > 0 && (
          <ul className={styles.due} data-testid="risk-due">
            {due.data.map((d, i) => (
              <li key={`${d.roundId}:${d.kind}:${d.unitId ?? d.taskId ?? i}`} className={styles.dueItem}>
                <AppLink href={roundHref(d.roundId)}>{t('risk.rounds.dueEntry', { title: d.title, round: d.roundTitle })}</AppLink>
                <span>{formatDate(d.deadline)}</span>
                <Badge appearance={d.overdue ? 'filled' : 'tint'} color={d.overdue ? 'danger' : d.daysLeft <= 3 ? 'warning' : 'informative'}>
                  {d.overdue ? t('risk.rounds.overdueDays', { n: -d.daysLeft }) : d.daysLeft === 0 ? t('risk.rounds.today') : t('risk.rounds.daysLeft', { n: d.daysLeft })}
                </Badge>
              </li>
            ))}
          </ul>
        )}
      </section>

      {isManager(me.roles) && <StartRound />}
    </>
  );
}

/** The units that take part by default: every virksomhet, grouped under its sector (kommunalsjefområde). */
export function unitsBySector(units: readonly UnitView[]): { sector: UnitView | null; units: UnitView[] }[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const sectorOf = (u: UnitView): UnitView | null => {
    let p = u.parentId ? byId.get(u.parentId) : undefined;
    while (p && p.level !== 'sector') p = p.parentId ? byId.get(p.parentId) : undefined;
    return p ?? null;
  };
  const groups = new Map<string, { sector: UnitView | null; units: UnitView[] }>();
  const collator = new Intl.Collator('nb');
  for (const u of units) {
    if (u.level !== 'unit') continue;
    const sector = sectorOf(u);
    const key = sector?.id ?? '';
    const g = groups.get(key) ?? { sector, units: [] };
    g.units.push(u);
    groups.set(key, g);
  }
  for (const g of groups.values()) g.units.sort((a, b) => collator.compare(a.name, b.name));
  return [...groups.values()].sort((a, b) => collator.compare(a.sector?.name ?? '', b.sector?.name ?? ''));
}

function StartRound() {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const { navigate } = useRouter();
  const units = useUnits();
  const groups = useMemo(() => unitsBySector(units ?? []), [units]);
  const allIds = useMemo(() => groups.flatMap((g) => g.units.map((u) => u.id)), [groups]);
  const today = osloToday();
  // A round runs over New Year (weeks 40–9 in Tønsberg): from the autumn on, it is next year's round.
  const defaultYear = Number(today.slice(5, 7)) >= 7 ? Number(today.slice(0, 4)) + 1 : Number(today.slice(0, 4));
  const [year, setYear] = useState(String(defaultYear));
  const [title, setTitle] = useState('');
  const [start, setStart] = useState(today);
  const [unitDeadline, setUnitDeadline] = useState(addDays(today, 63));
  const [sectorDeadline, setSectorDeadline] = useState(addDays(today, 77));
  const [plannedEnd, setPlannedEnd] = useState('');
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useBusyAction();

  const chosen = allIds.filter((id) => !excluded.has(id));
  const yearOk = /^\d{4}$/.test(year);
  const datesOk = validDate(start) && validDate(unitDeadline) && validDate(sectorDeadline) && (plannedEnd === '' || validDate(plannedEnd));
  const orderOk = sectorDeadline >= unitDeadline;
  const submit = async () => {
    setTried(true);
    if (!yearOk || !datesOk || !orderOk || chosen.length === 0) return;
    await run(async () => {
      const body: NewRiskRoundBody = {
        year: Number(year),
        start,
        unitDeadline,
        sectorDeadline,
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(plannedEnd ? { plannedEnd } : {}),
        ...(excluded.size > 0 ? { unitIds: chosen } : {}),
      };
      const round = await api.post<RiskRoundDetail>('/api/risk/rounds', body);
      navigate(roundHref(round.id));
    });
  };
  const toggle = (ids: string[], on: boolean) =>
    setExcluded((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.delete(id);
        else next.add(id);
      }
      return next;
    });

  return (
    <section aria-labelledby="risk-start" className={page.section}>
      <h2 id="risk-start" className={page.h2}>
        {t('risk.start.title')}
      </h2>
      <form
        className={page.section}
        data-testid="risk-start-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className={styles.dates}>
          <Field label={t('risk.start.year')} required validationMessage={tried && !yearOk ? t('risk.new.yearInvalid') : undefined}>
            <Input inputMode="numeric" maxLength={4} value={year} onChange={(_, d) => setYear(d.value.trim())} data-testid="risk-start-year" />
          </Field>
          <Field label={t('risk.start.name')}>
            <Input value={title} maxLength={255} onChange={(_, d) => setTitle(d.value)} data-testid="risk-start-name" />
          </Field>
          <Field label={t('risk.start.start')} required>
            <Input type="date" value={start} onChange={(_, d) => setStart(d.value)} data-testid="risk-start-start" />
          </Field>
          <Field label={t('risk.start.unitDeadline')} required>
            <Input type="date" value={unitDeadline} min={start} onChange={(_, d) => setUnitDeadline(d.value)} data-testid="risk-start-unit-deadline" />
          </Field>
          <Field label={t('risk.start.sectorDeadline')} required validationMessage={tried && !orderOk ? t('risk.start.sectorBeforeUnit') : undefined}>
            <Input type="date" value={sectorDeadline} min={unitDeadline} onChange={(_, d) => setSectorDeadline(d.value)} data-testid="risk-start-sector-deadline" />
          </Field>
          <Field label={t('risk.start.plannedEnd')} hint={t('risk.start.plannedEndHint')}>
            <Input type="date" value={plannedEnd} min={sectorDeadline} onChange={(_, d) => setPlannedEnd(d.value)} data-testid="risk-start-planned-end" />
          </Field>
        </div>
        <fieldset className={styles.units} data-testid="risk-start-units">
          <legend className={styles.legend}>{`${t('risk.start.units')} (${t('risk.start.unitsChosen', { n: chosen.length })})`}</legend>
          {units === null && <Spinner size="tiny" label={t('common.loading')} />}
          {units !== null && (
            <Checkbox
              label={t('risk.start.allUnits', { n: formatNumber(allIds.length) })}
              checked={excluded.size === 0 ? true : chosen.length === 0 ? false : 'mixed'}
              onChange={(_, d) => toggle(allIds, d.checked === true)}
              data-testid="risk-start-all-units"
            />
          )}
          {groups.map((g) => (
            <div key={g.sector?.id ?? 'none'}>
              {g.sector && <Text className={styles.sector}>{g.sector.name}</Text>}
              {g.units.map((u) => (
                <div key={u.id}>
                  <Checkbox label={u.name} checked={!excluded.has(u.id)} onChange={(_, d) => toggle([u.id], d.checked === true)} />
                </div>
              ))}
            </div>
          ))}
        </fieldset>
        {tried && chosen.length === 0 && (
          <Text role="alert" className={page.muted}>
            {t('risk.start.noUnits')}
          </Text>
        )}
        {error && <ErrorMessage error={error} testId="risk-start-error" />}
        <div>
          <Button type="submit" appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined} data-testid="risk-start-submit">
            {t('risk.start.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

// Risikokart: the 5×5 matrix now (X) and after measures (Y) for a unit, a sector or the whole municipality, with the
// units below it to drill into, and a cell's rows listed when the cell is chosen.
import { Button, Spinner, TableCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useRef } from 'react';
import type { RiskHeatMap, RiskHeatMapItem, RiskHeatMapItems } from '../../../../src/server/api/contract-risk.js';
import { useLoad } from '../../api/use-load';
import { usePaged } from '../../api/use-paged';
import { ChoiceField } from '../../components/choice-field';
import { DataTable, useDataCellStyles } from '../../components/data-table';
import { ErrorMessage } from '../../components/error-message';
import { FilterBar } from '../../components/filter-bar';
import { LoadMore } from '../../components/load-more';
import { PageHeading, usePageStyles } from '../../components/page';
import { PageIntro } from '../../components/page-intro';
import { UnitSelect } from '../../components/unit-select';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useSession } from '../../session/session';
import { countsByColour, countsFromCells, emptyCounts, toggleChoice, type Cell, type CellCounts } from './matrix';
import { EscalationMarker, RiskChip } from './risk-badges';
import { RiskAreaFilter } from './risk-area-filter';
import { MatrixLegend, MatrixPair, RiskMatrix } from './risk-matrix';
import { heatMapApiPath, heatMapHref, heatMapItemsApiPath, heatMapQueryFromQuery, type HeatMapQuery, type MatrixSide } from './risk-query';
import { assessmentHref } from './risk-routes';

const useStyles = makeStyles({
  drillHead: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center', justifyContent: 'space-between' },
});

/** The server's 5×5 count arrays, checked (a malformed answer shows as empty, not as a crash). */
function counts(raw: number[][] | undefined): CellCounts {
  if (!raw || raw.length !== 5) return emptyCounts();
  const cells: { likelihood: number; consequence: number; count: number }[] = [];
  raw.forEach((row, l) => row.forEach((n, c) => cells.push({ likelihood: l + 1, consequence: c + 1, count: Number(n) || 0 })));
  return countsFromCells(cells);
}

export function HeatMapPage({ narrow }: { narrow: boolean }) {
  const cells = useDataCellStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const { location, navigate } = useRouter();
  const query = heatMapQueryFromQuery(location.search);
  const path = heatMapApiPath(query);
  const loaded = useLoad((signal) => api.get<RiskHeatMap>(path, signal), path, t('error.unexpected'));
  const map = loaded.data;
  const set = (patch: Partial<HeatMapQuery>, keepCell = false) => navigate(heatMapHref({ ...query, ...patch, ...(keepCell ? {} : { cell: undefined, position: undefined }) }), { replace: true });

  const now = counts(map?.now);
  const after = counts(map?.after);
  const byNow = countsByColour(now);
  const byAfter = countsByColour(after);
  const selected = query.cell ? { cell: query.cell, side: query.position ?? 'now' } : null;
  const select = (cell: Cell, side: MatrixSide) => {
    const next = toggleChoice(selected, cell, side);
    navigate(heatMapHref({ ...query, cell: next?.cell, position: next?.side }), { replace: true });
  };

  return (
    <>
      <PageHeading title={t('risk.heatMap.title')}>{t('risk.heatMap.title')}</PageHeading>
      <PageIntro>
        {t('risk.heatMap.intro')}
      </PageIntro>
      <FilterBar title={t('inbox.filters')} wide>
        <UnitSelect label={t('risk.heatMap.unit')} value={query.unitId} onChange={(unitId) => set({ unitId })} allLabel={t('risk.heatMap.mine')} testId="risk-heatmap-unit" />
        <ChoiceField
          label={t('risk.filter.year')}
          testId="risk-heatmap-year"
          value={query.year ? String(query.year) : ''}
          emptyLabel={map?.year ? String(map.year) : t('risk.filter.allYears')}
          choices={(map?.years ?? []).map((y) => ({ value: String(y), label: String(y) }))}
          onChange={(value) => set({ year: value ? Number(value) : undefined })}
        />
        <RiskAreaFilter value={query.area} onChange={(area) => set({ area })} testId="risk-heatmap-area" />
      </FilterBar>

      {loaded.error && <ErrorMessage error={loaded.error} onRetry={loaded.reload} testId="risk-heatmap-error" />}
      {!map && !loaded.error && <Spinner label={t('common.loading')} />}
      {map && (
        <section aria-labelledby="risk-heatmap-maps" className={page.section} aria-busy={loaded.loading} data-testid="risk-heatmap" data-unit-id={map.unit.id} data-item-count={map.itemCount}>
          <h2 id="risk-heatmap-maps" className={page.h2}>
            {`${map.unit.name}${map.year ? ` · ${map.year}` : ''}`}
          </h2>
          <Text data-testid="risk-heatmap-summary">
            {t('risk.matrix.summary', { total: map.itemCount, redNow: byNow.red, redAfter: byAfter.red, yellowNow: byNow.yellow, yellowAfter: byAfter.yellow })}
            {map.unacceptable > 0 ? ` ${t('risk.heatMap.unacceptable', { n: map.unacceptable })}` : ''}
          </Text>
          {map.residualMissing > 0 && <Text className={page.muted}>{t('risk.matrix.residualMissing', { n: map.residualMissing })}</Text>}
          <Text size={200} className={page.muted}>
            {map.asOf ? t('common.asOf', { time: formatDateTime(map.asOf) }) : t('common.asOfLoading')}
          </Text>
          {map.itemCount === 0 ? (
            <Text data-testid="risk-heatmap-empty">{t('risk.heatMap.noItems')}</Text>
          ) : (
            <>
              <Text className={page.muted}>{t('risk.matrix.drillHint')}</Text>
              <MatrixPair>
                <RiskMatrix id="risk-hm-now" title={t('risk.matrix.now')} side="now" counts={now} colours={map.colours} selected={selected} drillId="risk-hm-drill" onSelect={select} testId="risk-heatmap-now" />
                <RiskMatrix id="risk-hm-after" title={t('risk.matrix.after')} side="after" counts={after} colours={map.colours} selected={selected} drillId="risk-hm-drill" onSelect={select} testId="risk-heatmap-after" />
              </MatrixPair>
              <MatrixLegend />
            </>
          )}
          <div id="risk-hm-drill">{selected && <CellItems query={{ ...query, cell: selected.cell, position: selected.side }} narrow={narrow} onClose={() => set({}, false)} />}</div>
        </section>
      )}

      {map && map.byUnit.length > 0 && (
        <section aria-labelledby="risk-heatmap-units" className={page.section}>
          <h2 id="risk-heatmap-units" className={page.h2}>
            {t('risk.heatMap.byUnit')}
          </h2>
          <DataTable
            size="small"
            labelledBy="risk-heatmap-units"
            testId="risk-heatmap-units"
            columns={[t('risk.heatMap.col.unit'), { label: t('risk.heatMap.col.items'), align: 'number' }, { label: t('risk.heatMap.col.redNow'), align: 'number' }, { label: t('risk.heatMap.col.redAfter'), align: 'number' }, { label: t('risk.heatMap.col.unacceptable'), align: 'number' }]}
          >
            {map.byUnit.map((u) => (
              <TableRow key={u.unitId} data-unit-id={u.unitId}>
                <TableCell>
                  {u.unitId === map.unit.id ? (
                    u.unitName
                  ) : (
                    <AppLink href={heatMapHref({ ...query, unitId: u.unitId, cell: undefined, position: undefined })} aria-label={t('risk.heatMap.openUnit', { unit: u.unitName })} data-testid="risk-heatmap-unit-link">
                      {u.unitName}
                    </AppLink>
                  )}
                </TableCell>
                <TableCell className={cells.number}>{formatNumber(u.items)}</TableCell>
                <TableCell className={cells.number}>{formatNumber(u.redNow)}</TableCell>
                <TableCell className={cells.number}>{formatNumber(u.redAfter)}</TableCell>
                <TableCell className={cells.number}>{formatNumber(u.unacceptable)}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        </section>
      )}
    </>
  );
}

/** The rows of one cell of one matrix, a page at a time, each linking to its assessment. */
function CellItems({ query, narrow, onClose }: { query: HeatMapQuery & { cell: Cell; position: MatrixSide }; narrow: boolean; onClose(): void }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const key = heatMapItemsApiPath(query);
  const fetchPage = useCallback((continuation: string | null, signal: AbortSignal) => api.get<RiskHeatMapItems>(heatMapItemsApiPath(query, { pageSize: 100, continuation }), signal), [api, key]); // eslint-disable-line react-hooks/exhaustive-deps
  const list = usePaged<RiskHeatMapItem, RiskHeatMapItems>(fetchPage, key, t('error.unexpected'));
  const heading = useRef<HTMLHeadingElement>(null);
  // Choosing a cell moves focus to its rows (the cell keeps aria-expanded, so the way back is one Shift+Tab away).
  useEffect(() => heading.current?.focus(), [key]);
  const side = query.position === 'after' ? t('risk.matrix.after') : t('risk.matrix.now');
  return (
    <div className={page.section} data-testid="risk-heatmap-drill">
      <div className={styles.drillHead}>
        <h3 ref={heading} tabIndex={-1} className={page.h3} id="risk-hm-drill-title">
          {t('risk.matrix.inCell', { l: query.cell.likelihood, c: query.cell.consequence, side })}
        </h3>
        <Button size="small" onClick={onClose} data-testid="risk-heatmap-drill-close">
          {t('risk.heatMap.clearCell')}
        </Button>
      </div>
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.loading && <Spinner size="small" label={t('common.loading')} />}
      {list.items.length > 0 && (
        <DataTable
          size="small"
          labelledBy="risk-hm-drill-title"
          testId="risk-heatmap-drill-table"
          columns={[t('risk.heatMap.col.item'), !narrow && t('risk.heatMap.col.unit'), t('risk.heatMap.col.now'), t('risk.heatMap.col.after'), t('risk.heatMap.col.klg')]}
        >
          {list.items.map((i) => (
            <TableRow key={i.id} data-testid="risk-heatmap-drill-row" data-item-id={i.id}>
              <TableCell>
                <AppLink href={assessmentHref(i.assessmentId)}>{i.title}</AppLink>
              </TableCell>
              {!narrow && <TableCell>{i.unitName}</TableCell>}
              <TableCell>
                <RiskChip position={i.current} />
              </TableCell>
              <TableCell>
                <RiskChip position={i.residual} />
              </TableCell>
              <TableCell>
                <EscalationMarker mustReport={i.mustReportToKlg} escalation={i.escalated} testId="risk-heatmap-drill-escalation" />
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
      {list.first && <Text role="status">{t('risk.heatMap.total', { shown: list.items.length, total: list.first.total })}</Text>}
      <LoadMore list={list} />
    </div>
  );
}

// One risk assessment: its facts, the steps of the yearly process (send to the sector head, send back, compile,
// forward to KLG), the form as a keyboard grid, one row's measures and deviations, its own X→Y risk map, and Excel.
import { Badge, Button, Field, Spinner, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useRef, useState } from 'react';
import type { RiskApiError, RiskAssessmentActionBody, RiskAssessmentActionResult, RiskAssessmentActionType, RiskAssessmentDetail, RiskItemView } from '../../../../src/server/api/contract-risk.js';
import { ApiRequestError } from '../../api/client';
import { asApiError, useLoad } from '../../api/use-load';
import { ErrorMessage, Notice } from '../../components/error-message';
import { PageHeading, usePageStyles } from '../../components/page';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useApi } from '../../session/session';
import { Facts } from '../case/case-report';
import { ItemPanel } from './item-panel';
import { countPositions, itemsInCell, markers, toggleChoice, type Cell } from './matrix';
import { AssessmentStatusBadge, EscalationMarker, RiskChip } from './risk-badges';
import { AssessmentConflictNotice, ItemConflictNotice } from './risk-conflict';
import { RiskExcel } from './risk-excel';
import { RiskGrid, type GridHandle, type ItemConflict } from './risk-grid';
import { useRiskLabels } from './risk-i18n';
import { MatrixLegend, MatrixPair, RiskMatrix } from './risk-matrix';
import type { MatrixSide } from './risk-query';
import { RISK_ACTIONS } from './risk-values';

const useStyles = makeStyles({
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  drill: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  drillList: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  moves: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  summary: { cursor: 'pointer', color: tokens.colorBrandForegroundLink, padding: `${tokens.spacingVerticalXS} 0` },
});

const ACTION_KEY = {
  submit: 'risk.action.submit',
  return: 'risk.action.return',
  compile: 'risk.action.compile',
  forward: 'risk.action.forward',
} as const satisfies Record<RiskAssessmentActionType, string>;

const DONE_KEY = {
  submit: 'risk.action.done.submit',
  return: 'risk.action.done.return',
  compile: 'risk.action.done.compile',
  forward: 'risk.action.done.forward',
} as const satisfies Record<RiskAssessmentActionType, string>;

/** 'items.<itemId>.<field>' from a refused submit, as «Rad 3 – Konsekvens etter tiltak: …». */
export function problemLine(field: string, message: string, items: readonly RiskItemView[], row: (n: number) => string, fieldLabel: (f: string) => string | null): string {
  const m = /^items\.([^.]+)\.(.+)$/.exec(field);
  if (!m) return message;
  const index = items.findIndex((i) => i.id === m[1]);
  const label = fieldLabel(m[2] ?? '');
  return `${index >= 0 ? row(index + 1) : ''}${label ? ` – ${label}` : ''}: ${message}`;
}

export function AssessmentPage({ id }: { id: string }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const labels = useRiskLabels();
  const api = useApi();
  const { navigate } = useRouter();
  const loaded = useLoad((signal) => api.get<RiskAssessmentDetail>(`/api/risk/assessments/${encodeURIComponent(id)}`, signal), id, t('error.unexpected'));
  const detail = loaded.data;
  const gridRef = useRef<GridHandle>(null);

  const [conflicts, setConflicts] = useState<Record<string, ItemConflict>>({});
  const [assessmentConflict, setAssessmentConflict] = useState<{ current: RiskAssessmentDetail | null } | null>(null);
  const [openItemId, setOpenItemId] = useState<string | null>(null);
  const [busy, setBusy] = useState<RiskAssessmentActionType | 'delete' | null>(null);
  const [actionError, setActionError] = useState<ApiRequestError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [returnNote, setReturnNote] = useState('');
  const [selected, setSelected] = useState<{ cell: Cell; side: MatrixSide } | null>(null);
  const choose = (cell: Cell, side: MatrixSide) => setSelected(toggleChoice(selected, cell, side));

  const blocked = useMemo(() => new Set(Object.keys(conflicts)), [conflicts]);
  const items = useMemo(() => detail?.items ?? [], [detail]);

  const replaceItem = (item: RiskItemView, created = false) => {
    if (!loaded.data) return;
    const current = loaded.data;
    const exists = current.items.some((i) => i.id === item.id);
    loaded.set({ ...current, items: exists ? current.items.map((i) => (i.id === item.id ? item : i)) : created || !exists ? [...current.items, item] : current.items, itemCount: exists ? current.itemCount : current.itemCount + 1 });
  };

  const removeItem = (itemId: string) => {
    if (!loaded.data) return;
    loaded.set({ ...loaded.data, items: loaded.data.items.filter((i) => i.id !== itemId), itemCount: loaded.data.itemCount - 1 });
    setOpenItemId(null);
    requestAnimationFrame(() => gridRef.current?.focusActive());
  };

  const reloadItem = async (itemId: string) => {
    const conflict = conflicts[itemId];
    try {
      const fresh = conflict?.current ?? (await api.get<RiskItemView>(`/api/risk/items/${encodeURIComponent(itemId)}`));
      replaceItem(fresh);
    } catch {
      loaded.reload();
    }
    setConflicts((c) => {
      const next = { ...c };
      delete next[itemId];
      return next;
    });
    requestAnimationFrame(() => gridRef.current?.focusActive());
  };

  /** A write to the assessment refused: someone else's change shows as a conflict, anything else as an error. */
  const showFailure = (err: unknown) => {
    const e = asApiError(err, t('error.unexpected'));
    if (e.status === 409 && e.code === 'conflict') setAssessmentConflict({ current: (e.body as RiskApiError['error']).currentAssessment ?? null });
    else setActionError(e);
  };

  const act = async (type: RiskAssessmentActionType) => {
    if (!detail) return;
    if (type === 'return' && !returnNote.trim()) {
      setReturning(true);
      return;
    }
    setBusy(type);
    setActionError(null);
    setNotice(null);
    try {
      const body: RiskAssessmentActionBody = type === 'return' ? { etag: detail.etag, type, note: returnNote.trim() } : { etag: detail.etag, type };
      const result = await api.post<RiskAssessmentActionResult>(`/api/risk/assessments/${encodeURIComponent(detail.id)}/actions`, body);
      loaded.set(result.assessment);
      setNotice(t(DONE_KEY[type], { n: result.escalated.length }));
      setReturning(false);
      setReturnNote('');
    } catch (err) {
      showFailure(err);
    } finally {
      setBusy(null);
    }
  };

  const deleteAssessment = async () => {
    if (!detail || !window.confirm(t('risk.assessment.deleteConfirm', { title: detail.title }))) return;
    setBusy('delete');
    setActionError(null);
    try {
      await api.delete(`/api/risk/assessments/${encodeURIComponent(detail.id)}?${new URLSearchParams({ etag: detail.etag }).toString()}`);
      navigate('/risk');
    } catch (err) {
      showFailure(err);
    } finally {
      setBusy(null);
    }
  };

  const waiting = loaded.error ? t('error.title') : t('common.loading');
  const heading = detail ? detail.title : waiting;
  const openIndex = openItemId ? items.findIndex((i) => i.id === openItemId) : -1;
  const openItem = openIndex >= 0 ? items[openIndex] : undefined;
  const actions = detail ? RISK_ACTIONS.filter((a) => detail.allowedActions.includes(a)) : [];
  const fieldLabel = (f: string): string | null => {
    const known = ['process', 'whatCanGoWrong', 'consequenceTypes', 'likelihood', 'consequence', 'existingMeasures', 'doneEnough', 'residualLikelihood', 'residualConsequence', 'residualAcceptable', 'measures', 'reportToKlg', 'breachOfLaw'] as const;
    return (known as readonly string[]).includes(f) ? t(`risk.field.${f as (typeof known)[number]}`) : f === 'residual' ? t('risk.field.residualRisk') : null;
  };

  const now = useMemo(() => countPositions(items.map((i) => i.current)), [items]);
  const after = useMemo(() => countPositions(items.map((i) => i.residual ?? i.current)), [items]);
  const placed = useMemo(() => items.map((i) => ({ current: i.current, residual: i.residual ?? i.current })), [items]);
  const inCell = selected ? itemsInCell(placed, selected.side === 'now' ? 'current' : 'residual', selected.cell).map((p) => placed.indexOf(p)) : [];

  return (
    <>
      <div className={page.top}>
        <AppLink href="/risk">{`← ${t('risk.assessment.back')}`}</AppLink>
        <PageHeading title={detail?.title ?? waiting}>{heading}</PageHeading>
        {detail && (
          <div className={styles.badges}>
            <AssessmentStatusBadge status={detail.status} testId="risk-assessment-status" />
            <Badge appearance="outline">{labels.area[detail.area]}</Badge>
            <Badge appearance="outline">{`${detail.unitName} · ${detail.year}`}</Badge>
            {detail.unacceptable > 0 && (
              <Badge appearance="outline" color="danger" data-testid="risk-assessment-unacceptable">
                {t('risk.heatMap.unacceptable', { n: detail.unacceptable })}
              </Badge>
            )}
          </div>
        )}
      </div>
      {loaded.loading && !detail && <Spinner label={t('common.loading')} />}
      {loaded.error && <ErrorMessage error={loaded.error} onRetry={loaded.reload} testId="risk-assessment-error" />}
      {assessmentConflict && (
        <AssessmentConflictNotice
          current={assessmentConflict.current}
          onReload={() => {
            if (assessmentConflict.current) loaded.set(assessmentConflict.current);
            else loaded.reload();
            setAssessmentConflict(null);
          }}
        />
      )}
      {detail && (
        <>
          <section aria-labelledby="risk-facts" className={page.section}>
            <h2 id="risk-facts" className={page.h2}>
              {t('risk.assessment.facts')}
            </h2>
            <Facts
              testId="risk-assessment-facts"
              rows={[
                [t('risk.col.unit'), detail.unitName],
                [t('risk.col.area'), labels.area[detail.area]],
                [t('risk.assessment.responsible'), detail.responsible.name],
                [t('risk.assessment.participants'), detail.participants.map((p) => p.name).join(', ')],
                [t('risk.assessment.date'), formatDate(detail.date)],
              ]}
            />
            {detail.returnNote && (
              <Notice intent="warning" testId="risk-return-note">
                {t('risk.assessment.returned', { note: detail.returnNote })}
              </Notice>
            )}
            {!detail.canEdit && <Text>{t('risk.assessment.readOnly')}</Text>}
          </section>

          {(actions.length > 0 || (detail.canEdit && detail.status === 'draft')) && (
            <section aria-labelledby="risk-steps" className={page.section}>
              <h2 id="risk-steps" className={page.h2}>
                {t('risk.action.steps')}
              </h2>
              <div className={styles.actions}>
                {actions.map((a) => (
                  <Button
                    key={a}
                    appearance={a === 'return' ? 'secondary' : 'primary'}
                    disabled={busy !== null || assessmentConflict !== null}
                    icon={busy === a ? <Spinner size="tiny" /> : undefined}
                    onClick={() => void act(a)}
                    data-testid={`risk-action-${a}`}
                  >
                    {t(ACTION_KEY[a])}
                  </Button>
                ))}
                {detail.canEdit && detail.status === 'draft' && items.every((i) => i.measures.length === 0 && i.deviations.length === 0) && (
                  <Button appearance="subtle" disabled={busy !== null} onClick={() => void deleteAssessment()} data-testid="risk-assessment-delete">
                    {t('risk.assessment.delete')}
                  </Button>
                )}
              </div>
              {returning && (
                <form
                  className={page.form}
                  onSubmit={(e) => {
                    e.preventDefault();
                    void act('return');
                  }}
                >
                  <Field label={t('risk.action.returnNote')} required>
                    <Textarea value={returnNote} maxLength={2000} onChange={(_, d) => setReturnNote(d.value)} data-testid="risk-return-note-input" />
                  </Field>
                  <div className={styles.actions}>
                    <Button type="submit" appearance="primary" disabled={!returnNote.trim() || busy !== null} data-testid="risk-return-confirm">
                      {t('risk.action.return')}
                    </Button>
                    <Button onClick={() => setReturning(false)}>{t('common.cancel')}</Button>
                  </div>
                </form>
              )}
            </section>
          )}

          {(actionError || notice) && (
            <div className={page.section}>
              {actionError &&
                (actionError.status === 400 && actionError.body.details && actionError.body.details.length > 0 ? (
                  <div role="alert" data-testid="risk-action-problems">
                    <Text weight="semibold">{t('risk.action.problems')}</Text>
                    <ul className={styles.problems}>
                      {actionError.body.details.map((d) => (
                        <li key={`${d.field}:${d.message}`}>{problemLine(d.field, d.message, items, (n) => t('risk.grid.row', { n }), fieldLabel)}</li>
                      ))}
                    </ul>
                  </div>
                ) : (
                  <ErrorMessage error={actionError} testId="risk-action-error" />
                ))}
              {notice && (
                <Notice intent="success" testId="risk-action-notice">
                  {notice}
                </Notice>
              )}
            </div>
          )}

          <section aria-labelledby="risk-rows" className={page.section}>
            <h2 id="risk-rows" className={page.h2}>
              {t('risk.assessment.rows')}
            </h2>
            {Object.entries(conflicts).map(([itemId, c]) => (
              <ItemConflictNotice key={itemId} rowNumber={items.findIndex((i) => i.id === itemId) + 1} conflict={c} onReload={() => void reloadItem(itemId)} />
            ))}
            <RiskGrid
              ref={gridRef}
              assessment={detail}
              items={items}
              blocked={blocked}
              onSaved={(item, created) => replaceItem(item, created)}
              onConflict={(itemId, conflict) => setConflicts((c) => ({ ...c, [itemId]: conflict }))}
              onOpenRow={(index) => {
                const item = items[index];
                if (item) setOpenItemId(item.id);
              }}
            />
            {openItem && (
              <ItemPanel
                key={openItem.id}
                assessment={detail}
                item={openItem}
                rowNumber={openIndex + 1}
                blocked={blocked.has(openItem.id)}
                onSaved={(item) => replaceItem(item)}
                onDeleted={removeItem}
                onClose={() => {
                  setOpenItemId(null);
                  requestAnimationFrame(() => gridRef.current?.focusActive());
                }}
              />
            )}
          </section>

          <section aria-labelledby="risk-assessment-matrix" className={page.section}>
            <h2 id="risk-assessment-matrix" className={page.h2}>
              {t('risk.assessment.matrix')}
            </h2>
            <Text className={page.muted}>{t('risk.matrix.drillHint')}</Text>
            <MatrixPair>
              <RiskMatrix id="risk-am-now" title={t('risk.matrix.now')} side="now" counts={now} markers={(cell) => markers(placed, 'current', cell)} selected={selected} drillId="risk-am-drill" onSelect={choose} testId="risk-assessment-matrix-now" />
              <RiskMatrix id="risk-am-after" title={t('risk.matrix.after')} side="after" counts={after} markers={(cell) => markers(placed, 'residual', cell)} selected={selected} drillId="risk-am-drill" onSelect={choose} testId="risk-assessment-matrix-after" />
            </MatrixPair>
            <MatrixLegend />
            <div id="risk-am-drill" className={styles.drill} data-testid="risk-assessment-drill">
              {selected && (
                <>
                  <h3 className={page.h3}>
                    {t('risk.matrix.inCell', { l: selected.cell.likelihood, c: selected.cell.consequence, side: selected.side === 'now' ? t('risk.matrix.now') : t('risk.matrix.after') })}
                  </h3>
                  <ul className={styles.drillList}>
                    {inCell.map((index) => {
                      const item = items[index];
                      if (!item) return null;
                      return (
                        <li key={item.id}>
                          <Button appearance="transparent" onClick={() => gridRef.current?.goToRow(index)} data-testid="risk-assessment-drill-row">
                            {`${selected.side === 'now' ? 'X' : 'Y'}${index + 1} ${t('risk.matrix.goToRow', { n: index + 1 })}: ${item.process}`}
                          </Button>{' '}
                          <EscalationMarker mustReport={item.mustReportToKlg} escalation={item.escalation} />
                        </li>
                      );
                    })}
                  </ul>
                </>
              )}
            </div>
            {items.length > 0 && (
              <details>
                <summary className={styles.summary}>{t('risk.matrix.moves')}</summary>
                <ul className={styles.moves} data-testid="risk-assessment-moves">
                  {items.map((item, index) => (
                    <li key={item.id}>
                      {`X${index + 1} → Y${index + 1} ${item.process}: `}
                      <RiskChip position={item.current} />
                      {' → '}
                      <RiskChip position={item.residual} />
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>

          <RiskExcel assessment={detail} onImported={loaded.reload} />
        </>
      )}
    </>
  );
}

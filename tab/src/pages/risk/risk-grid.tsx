// The ROS form as a keyboard-friendly grid (ARIA grid): one row per main task or process, the municipal form's
// columns, spreadsheet keys (grid-keys.ts), each cell saved on its own with the row's ETag; a new row is saved as soon
// as what the API needs is filled in. Conflicts go to the page, which shows the other person's version.
import { Button, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { AddRegular, ErrorCircleRegular, InfoRegular, WarningRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import type { RiskConsequenceType } from '../../../../src/domain/index.js';
import type { RiskApiError, RiskAssessmentDetail, RiskItemView } from '../../../../src/server/api/contract-risk.js';
import { asApiError } from '../../api/use-load';
import type { MessageKey } from '../../i18n/catalogue';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { CellEditor, type EditorValue } from './grid-editors';
import { clampPos, editKey, navigateKey, type GridPos } from './grid-keys';
import { EMPTY_ROW, GRID_COLUMNS, columnEditable, editOutcome, missingForNew, newItemBody, previewColour, valuesOf, type EditableField, type GridColumn, type RowValues } from './grid-model';
import { EscalationMarker, RiskChip } from './risk-badges';
import { levelText, useRiskLabels } from './risk-i18n';
import { CONSEQUENCE_TYPES } from './risk-values';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto', maxWidth: '100%', border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground1 },
  table: { borderCollapse: 'collapse', tableLayout: 'fixed', fontSize: tokens.fontSizeBase300 },
  th: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    textAlign: 'left',
    verticalAlign: 'bottom',
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    padding: tokens.spacingHorizontalS,
    borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  headInner: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXXS },
  info: { flexShrink: 0, color: tokens.colorNeutralForeground2, cursor: 'help' },
  required: { color: tokens.colorPaletteRedForeground1 },
  rowHead: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground2,
    textAlign: 'left',
    verticalAlign: 'top',
    fontWeight: tokens.fontWeightRegular,
    padding: tokens.spacingHorizontalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    width: '6.5rem',
  },
  corner: { zIndex: 2, backgroundColor: tokens.colorNeutralBackground3, verticalAlign: 'bottom', fontWeight: tokens.fontWeightSemibold },
  rowNumber: { fontWeight: tokens.fontWeightSemibold, display: 'block' },
  rowState: { display: 'flex', alignItems: 'flex-start', gap: '2px', fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase200, marginTop: '2px' },
  problem: { color: tokens.colorPaletteRedForeground1 },
  cell: {
    verticalAlign: 'top',
    padding: tokens.spacingHorizontalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    cursor: 'cell',
    outline: 'none',
    ':focus-visible': { boxShadow: `inset 0 0 0 ${tokens.strokeWidthThicker} ${tokens.colorStrokeFocus2}` },
  },
  active: { boxShadow: `inset 0 0 0 ${tokens.strokeWidthThick} ${tokens.colorCompoundBrandStroke}` },
  readOnly: { backgroundColor: tokens.colorNeutralBackground2, cursor: 'default' },
  editing: { padding: '2px', boxShadow: 'none' },
  clamp: { display: '-webkit-box', WebkitLineClamp: '4', WebkitBoxOrient: 'vertical', overflow: 'hidden', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  stack: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: '2px' },
  measureLine: { fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  needed: { display: 'inline-flex', alignItems: 'center', gap: '2px', color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
  bar: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    padding: tokens.spacingHorizontalS,
    marginBottom: tokens.spacingVerticalS,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorCompoundBrandStroke}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: '3rem',
  },
  hidden: { display: 'none' },
});

const WIDTH: Record<GridColumn['id'], string> = {
  process: '12rem',
  whatCanGoWrong: '16rem',
  consequenceTypes: '12rem',
  likelihood: '7.5rem',
  consequence: '7.5rem',
  risk: '7.5rem',
  breachOfLaw: '6rem',
  existingMeasures: '16rem',
  doneEnough: '7rem',
  residualLikelihood: '7.5rem',
  residualConsequence: '7.5rem',
  residualRisk: '7.5rem',
  residualAcceptable: '8rem',
  measures: '16rem',
  reportToKlg: '10rem',
};

/** The table's width: fixed layout needs one, or the browser squeezes the columns into the window. */
const TABLE_WIDTH = `${6.5 + Object.values(WIDTH).reduce((a, w) => a + Number.parseFloat(w), 0)}rem`;

/** A row of the grid: a saved item (with unsaved edits on top) or a new row not saved yet. */
export interface GridRow {
  /** The item's id, or the new row's own key until it is saved. */
  key: string;
  /** Stays the same when a new row is saved, so React keeps its cells (and focus) in place. */
  reactKey: string;
  item: RiskItemView | null;
  values: RowValues;
}

export interface GridHandle {
  /** Focus the grid's active cell (after a panel closes). */
  focusActive(): void;
  /** Make a row active and focus its first cell. */
  goToRow(index: number): void;
}

export interface ItemConflict {
  current: RiskItemView | null;
  column: EditableField;
  attempted: EditorValue | number | boolean | null;
}

export interface RiskGridProps {
  assessment: RiskAssessmentDetail;
  items: RiskItemView[];
  /** Rows whose last write met someone else's change: no writes until the page reloads them. */
  blocked: ReadonlySet<string>;
  onSaved(item: RiskItemView, created: boolean): void;
  onConflict(itemId: string, conflict: ItemConflict): void;
  /** Enter on the measures cell: show the row's panel (measures, deviations, escalation). */
  onOpenRow(index: number): void;
  ref?: Ref<GridHandle>;
}

// Every column has a heading and a help text in the catalogue (typecheck fails here otherwise).
const HELP_KEY = (c: GridColumn['id']): `risk.help.${GridColumn['id']}` & MessageKey => `risk.help.${c}`;
const FIELD_KEY = (c: GridColumn['id']): `risk.field.${GridColumn['id']}` & MessageKey => `risk.field.${c}`;

function boolOf(v: string): boolean | null {
  return v === 'yes' ? true : v === 'no' ? false : null;
}

function editorValueOf(values: RowValues, field: EditableField): EditorValue {
  const v = values[field];
  if (Array.isArray(v)) return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return String(v);
  return v ?? '';
}

/** The row values with an editor's value put into one field. */
function withValue(values: RowValues, field: EditableField, value: EditorValue | number | boolean | null): RowValues {
  switch (field) {
    case 'consequenceTypes':
      return { ...values, consequenceTypes: Array.isArray(value) ? (value as RiskConsequenceType[]) : [] };
    case 'likelihood':
    case 'consequence':
    case 'residualLikelihood':
    case 'residualConsequence': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : null;
      return { ...values, [field]: n };
    }
    case 'breachOfLaw':
      return { ...values, breachOfLaw: value === true || value === 'yes' };
    case 'doneEnough':
    case 'residualAcceptable':
    case 'reportToKlg':
      return { ...values, [field]: typeof value === 'boolean' || value === null ? value : boolOf(String(value)) };
    default:
      return { ...values, [field]: typeof value === 'string' ? value : '' };
  }
}

let newRowSerial = 0;

export function RiskGrid({ assessment, items, blocked, onSaved, onConflict, onOpenRow, ref }: RiskGridProps) {
  const styles = useStyles();
  const { t, labels: domain } = useI18n();
  const labels = useRiskLabels();
  const api = useApi();
  const canEdit = assessment.canEdit;

  // Unsaved edits of saved rows (a residual level waiting for its pair), and the new rows.
  const [drafts, setDrafts] = useState<Record<string, Partial<RowValues>>>({});
  const [newRows, setNewRows] = useState<{ key: string; values: RowValues }[]>([]);
  const [active, setActive] = useState<GridPos>({ row: 0, col: 0 });
  const [editing, setEditing] = useState<{ pos: GridPos; initial?: string; session: number } | null>(null);
  const [saving, setSaving] = useState<Record<string, number>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  const createdIds = useRef(new Map<string, string>());
  const newKeyOf = (itemId: string) => {
    for (const [key, id] of createdIds.current) if (id === itemId) return key;
    return itemId;
  };
  const rows: GridRow[] = [
    ...items.map((item) => ({ key: item.id, reactKey: newKeyOf(item.id), item, values: { ...valuesOf(item), ...(drafts[item.id] ?? {}) } })),
    ...newRows.map((r) => ({ key: r.key, reactKey: r.key, item: null, values: r.values })),
  ];
  const shape = { rows: rows.length, cols: GRID_COLUMNS.length };
  const pos = clampPos(active, shape);

  const tableRef = useRef<HTMLTableElement>(null);
  const hasFocus = useRef(false);
  const sessionRef = useRef(0);
  const clickedActive = useRef(false);
  const editingSession = useRef<number | null>(null);
  // Writes of one row go one after another, each with the row's newest ETag.
  const queues = useRef(new Map<string, Promise<void>>());
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const newRowsRef = useRef(newRows);
  newRowsRef.current = newRows;

  const cellEl = useCallback((p: GridPos) => tableRef.current?.querySelector<HTMLElement>(`[data-row="${p.row}"][data-col="${p.col}"]`) ?? null, []);
  const focusCell = useCallback(
    (p: GridPos) => {
      requestAnimationFrame(() => cellEl(p)?.focus());
    },
    [cellEl],
  );

  useImperativeHandle(ref, () => ({
    focusActive: () => focusCell(pos),
    goToRow: (index: number) => {
      const next = clampPos({ row: index, col: 0 }, shape);
      setActive(next);
      focusCell(next);
    },
  }));

  // A row that was re-keyed or re-rendered must not drop focus to the page: keep it on the active cell.
  useLayoutEffect(() => {
    if (!hasFocus.current || editing) return;
    const el = document.activeElement;
    if (!el || el === document.body || !tableRef.current?.contains(el)) cellEl(pos)?.focus();
  });

  useEffect(() => {
    if (rows.length === 0 && (active.row !== 0 || active.col !== 0)) setActive({ row: 0, col: 0 });
  }, [rows.length, active.row, active.col]);

  // A click anywhere else means the person has left the grid (a lost focus without one is a re-render's).
  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (!tableRef.current?.contains(e.target as Node | null)) hasFocus.current = false;
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, []);

  const enqueue = (key: string, job: () => Promise<void>) => {
    const prev = queues.current.get(key) ?? Promise.resolve();
    const next = prev.then(job, job);
    queues.current.set(key, next);
    setSaving((s) => ({ ...s, [key]: (s[key] ?? 0) + 1 }));
    void next.finally(() => setSaving((s) => ({ ...s, [key]: Math.max(0, (s[key] ?? 1) - 1) })));
  };

  const rowError = (key: string, message: string | null) =>
    setErrors((e) => {
      const next = { ...e };
      if (message) next[key] = message;
      else delete next[key];
      return next;
    });

  const handleWriteError = (key: string, itemId: string | null, err: unknown, column: EditableField, attempted: EditorValue | number | boolean | null) => {
    const e = asApiError(err, t('error.unexpected'));
    if (itemId && e.status === 409 && e.code === 'conflict') {
      onConflict(itemId, { current: (e.body as RiskApiError['error']).currentItem ?? null, column, attempted });
      setDrafts((d) => {
        const next = { ...d };
        delete next[itemId];
        return next;
      });
      return;
    }
    const details = e.body.details?.map((d) => d.message).join(' ');
    rowError(key, details ? `${e.message} ${details}` : e.message);
  };

  /** Save one field of a saved row (through the row's queue, with the newest ETag). */
  const saveField = (itemId: string, field: EditableField, value: EditorValue | number | boolean | null) => {
    const item = itemsRef.current.find((i) => i.id === itemId);
    if (!item || blocked.has(itemId)) return;
    const base = { ...valuesOf(item), ...(drafts[itemId] ?? {}) };
    const values = withValue(base, field, value);
    const column = GRID_COLUMNS.find((c) => c.id === field);
    if (column?.required && (values[field] === '' || values[field] === null || (typeof values[field] === 'string' && !(values[field] as string).trim()))) {
      rowError(itemId, `${t(FIELD_KEY(field))}: ${t('common.required')}`);
      return;
    }
    const outcome = editOutcome(field, values, valuesOf(item));
    if (outcome.type === 'pending') {
      setDrafts((d) => ({ ...d, [itemId]: { ...(d[itemId] ?? {}), [field]: values[field] } }));
      return;
    }
    setDrafts((d) => {
      const next = { ...d };
      const rest = { ...(next[itemId] ?? {}) };
      delete rest[field];
      if (field === 'residualLikelihood' || field === 'residualConsequence') {
        delete rest.residualLikelihood;
        delete rest.residualConsequence;
      }
      if (Object.keys(rest).length > 0) next[itemId] = rest;
      else delete next[itemId];
      return next;
    });
    if (outcome.type === 'unchanged') return;
    rowError(itemId, null);
    enqueue(itemId, async () => {
      const latest = itemsRef.current.find((i) => i.id === itemId);
      if (!latest) return;
      try {
        const updated = await api.patch<RiskItemView>(`/api/risk/items/${encodeURIComponent(itemId)}`, { etag: latest.etag, ...outcome.body });
        itemsRef.current = itemsRef.current.map((i) => (i.id === updated.id ? updated : i));
        onSaved(updated, false);
      } catch (err) {
        handleWriteError(itemId, itemId, err, field, value);
      }
    });
  };

  /** Edit a new row; once what the API needs is there, create it (later edits follow as a PATCH). */
  const editNewRow = (key: string, field: EditableField, value: EditorValue | number | boolean | null) => {
    const row = newRowsRef.current.find((r) => r.key === key);
    if (!row) return;
    const values = withValue(row.values, field, value);
    newRowsRef.current = newRowsRef.current.map((r) => (r.key === key ? { ...r, values } : r));
    setNewRows(newRowsRef.current);
    if (createdIds.current.has(key) || queues.current.has(key)) return;
    const body = newItemBody(values);
    if (!body) return;
    enqueue(key, async () => {
      try {
        const created = await api.post<RiskItemView>(`/api/risk/assessments/${encodeURIComponent(assessment.id)}/items`, body);
        createdIds.current.set(key, created.id);
        // Edits made while the row was being created follow as one PATCH.
        const now = newRowsRef.current.find((r) => r.key === key)?.values ?? values;
        const saved = valuesOf(created);
        const patch: Record<string, unknown> = {};
        for (const f of Object.keys(now) as EditableField[]) {
          const o = editOutcome(f, now, saved);
          if (o.type === 'patch') Object.assign(patch, o.body);
        }
        let result = created;
        if (Object.keys(patch).length > 0) result = await api.patch<RiskItemView>(`/api/risk/items/${encodeURIComponent(created.id)}`, { etag: created.etag, ...patch });
        itemsRef.current = [...itemsRef.current, result];
        newRowsRef.current = newRowsRef.current.filter((r) => r.key !== key);
        setNewRows(newRowsRef.current);
        onSaved(result, true);
        rowError(key, null);
      } catch (err) {
        queues.current.delete(key);
        handleWriteError(key, null, err, field, value);
      }
    });
  };

  const commit = (rowIndex: number, colIndex: number, value: EditorValue | number | boolean | null) => {
    const row = rows[rowIndex];
    const column = GRID_COLUMNS[colIndex];
    if (!row || !column || column.kind === 'readOnly' || column.kind === 'panel' || !canEdit) return;
    const field = column.id as EditableField;
    if (row.item) saveField(row.item.id, field, value);
    else editNewRow(row.key, field, value);
  };

  const finishEditing = (then: GridPos | null, leave = false) => {
    editingSession.current = null;
    setEditing(null);
    if (then) setActive(then);
    if (leave) {
      // Out of the grid, to what follows it.
      hasFocus.current = false;
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="risk-grid-after"]')?.focus());
    } else {
      // The editor goes away with this render; the layout effect above then focuses the (new) active cell at once, in
      // the same task, so the next key already lands on it.
      hasFocus.current = true;
    }
  };

  const startEditing = (p: GridPos, initial?: string) => {
    const column = GRID_COLUMNS[p.col];
    const row = rows[p.row];
    if (!column || !row || !columnEditable(column, canEdit) || (row.item && blocked.has(row.item.id))) return;
    if (column.kind === 'panel') {
      onOpenRow(p.row);
      return;
    }
    sessionRef.current += 1;
    editingSession.current = sessionRef.current;
    setActive(p);
    setEditing({ pos: p, initial, session: sessionRef.current });
  };

  const onCellKey = (e: KeyboardEvent<HTMLElement>, p: GridPos) => {
    if (editing) return;
    const column = GRID_COLUMNS[p.col];
    if (!column) return;
    const kind = columnEditable(column, canEdit) ? column.kind : column.kind === 'panel' ? 'panel' : 'readOnly';
    const cmd = navigateKey(p, shape, { key: e.key, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey }, kind);
    const row = rows[p.row];
    const field = column.id as EditableField;
    switch (cmd.type) {
      case 'move':
        e.preventDefault();
        setActive(cmd.to);
        cellEl(cmd.to)?.focus();
        return;
      case 'leave':
        return; // the browser moves focus on
      case 'edit':
        e.preventDefault();
        startEditing(p, cmd.initial);
        return;
      case 'set':
        e.preventDefault();
        if (row && !(row.item && blocked.has(row.item.id))) commit(p.row, p.col, column.kind === 'yesNo' ? cmd.value === 1 : cmd.value);
        return;
      case 'toggle': {
        e.preventDefault();
        if (!row || (row.item && blocked.has(row.item.id))) return;
        const v = row.values[field];
        commit(p.row, p.col, v !== true);
        return;
      }
      case 'clear':
        e.preventDefault();
        if (!row || (row.item && blocked.has(row.item.id))) return;
        commit(p.row, p.col, field === 'consequenceTypes' ? [] : field === 'breachOfLaw' ? false : column.kind === 'yesNo' || column.kind === 'level' ? null : '');
        return;
      default:
        return;
    }
  };

  const onEditorKey = (e: KeyboardEvent, value: EditorValue): boolean => {
    if (!editing) return false;
    const column = GRID_COLUMNS[editing.pos.col];
    if (!column) return false;
    const cmd = editKey(editing.pos, shape, { key: e.key, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey }, column.kind);
    if (cmd.type === 'none') return false;
    const at = editing.pos;
    if (cmd.type === 'cancel') {
      finishEditing(null);
      return true;
    }
    commit(at.row, at.col, value);
    if (cmd.leave) {
      finishEditing(null, true);
      return true;
    }
    finishEditing(cmd.then ?? null);
    return true;
  };

  const onEditorBlur = (session: number, value: EditorValue) => {
    if (editingSession.current !== session || !editing) return;
    const at = editing.pos;
    editingSession.current = null;
    setEditing(null);
    commit(at.row, at.col, value);
  };

  const addRow = () => {
    newRowSerial += 1;
    const key = `new-${newRowSerial}`;
    newRowsRef.current = [...newRowsRef.current, { key, values: { ...EMPTY_ROW } }];
    setNewRows(newRowsRef.current);
    const p = { row: rows.length, col: 0 };
    setActive(p);
    hasFocus.current = true;
    sessionRef.current += 1;
    editingSession.current = sessionRef.current;
    setEditing({ pos: p, session: sessionRef.current });
  };

  // ---- display ----

  const yesNoText = (v: boolean | null) => (v === null ? <span className={styles.muted}>{t('risk.unanswered')}</span> : v ? t('risk.yes') : t('risk.no'));

  const display = (row: GridRow, column: GridColumn): ReactNode => {
    const v = row.values;
    switch (column.id) {
      case 'process':
      case 'whatCanGoWrong':
      case 'existingMeasures': {
        const text = v[column.id];
        return text ? <span className={styles.clamp}>{text}</span> : <span className={styles.muted}>{column.required ? t('common.required') : '–'}</span>;
      }
      case 'consequenceTypes':
        return v.consequenceTypes.length > 0 ? CONSEQUENCE_TYPES.filter((c) => v.consequenceTypes.includes(c)).map((c) => labels.consequenceType[c]).join(', ') : <span className={styles.muted}>–</span>;
      case 'likelihood':
      case 'consequence':
      case 'residualLikelihood':
      case 'residualConsequence': {
        const text = levelText(labels, v[column.id], t('risk.notAssessed'));
        return v[column.id] === null ? <span className={styles.muted}>{text}</span> : text;
      }
      case 'risk':
        return <RiskChip position={row.item ? row.item.current : previewColour(v, 'now')} testId="risk-grid-colour-now" />;
      case 'residualRisk': {
        const pending = drafts[row.key]?.residualLikelihood !== undefined || drafts[row.key]?.residualConsequence !== undefined;
        return <RiskChip position={row.item && !pending ? row.item.residual : previewColour(v, 'after')} testId="risk-grid-colour-after" />;
      }
      case 'breachOfLaw':
        return v.breachOfLaw ? t('risk.yes') : t('risk.no');
      case 'doneEnough':
      case 'residualAcceptable':
        return yesNoText(v[column.id]);
      case 'measures': {
        const item = row.item;
        if (!item) return <span className={styles.muted}>{t('risk.panel.saveNeeded')}</span>;
        const done = item.measures.filter((m) => m.status === 'done').length;
        return (
          <span className={styles.stack}>
            {item.measures.slice(0, 3).map((m) => (
              <span key={m.id} className={styles.measureLine}>
                {`${m.title} – ${m.owner.name}, ${formatDate(m.deadline)} · ${domain.measureStatus[m.status]}`}
              </span>
            ))}
            {item.measures.length > 3 && <span className={styles.measureLine}>…</span>}
            {item.measures.length === 0 && item.requiresMeasure && (
              <span className={styles.needed}>
                <WarningRegular aria-hidden="true" />
                {t('risk.grid.measuresNeeded')}
              </span>
            )}
            {item.measures.length === 0 && !item.requiresMeasure && <span className={styles.muted}>{t('risk.grid.measuresNone')}</span>}
            {item.measures.length > 0 && <Text size={200}>{`${t('risk.grid.measuresCount', { n: item.measures.length })} · ${t('risk.round.measuresDone', { done, total: item.measures.length })}`}</Text>}
          </span>
        );
      }
      case 'reportToKlg':
        return (
          <span className={styles.stack}>
            <span>{yesNoText(v.reportToKlg)}</span>
            {row.item && <EscalationMarker mustReport={row.item.mustReportToKlg} escalation={row.item.escalation} testId="risk-grid-escalation" />}
          </span>
        );
    }
  };

  const rowHeader = (row: GridRow, index: number): ReactNode => {
    const busy = (saving[row.key] ?? 0) > 0;
    const error = errors[row.key];
    const pendingField = row.item ? (Object.keys(drafts[row.key] ?? {}) as EditableField[])[0] : undefined;
    return (
      <>
        <span className={styles.rowNumber}>{t('risk.grid.row', { n: index + 1 })}</span>
        {busy && (
          <span className={styles.rowState} role="status">
            <Spinner size="extra-tiny" />
            {t('risk.grid.saving')}
          </span>
        )}
        {!busy && error && (
          <span className={mergeClasses(styles.rowState, styles.problem)} role="alert" data-testid="risk-grid-row-error">
            <ErrorCircleRegular aria-hidden="true" />
            {error}
          </span>
        )}
        {!busy && !error && !row.item && (
          <span className={mergeClasses(styles.rowState, styles.problem)} data-testid="risk-grid-not-saved">
            <WarningRegular aria-hidden="true" />
            {t('risk.grid.notSaved', { fields: missingForNew(row.values).map((f) => t(FIELD_KEY(f))).join(', ') })}
          </span>
        )}
        {!busy && !error && pendingField && (
          <span className={mergeClasses(styles.rowState, styles.problem)}>
            <WarningRegular aria-hidden="true" />
            {t('risk.grid.pending', { field: t(FIELD_KEY(pendingField === 'residualLikelihood' ? 'residualConsequence' : 'residualLikelihood')) })}
          </span>
        )}
        {!busy && !error && row.item && !pendingField && row.item.problems.length > 0 && (
          <span className={mergeClasses(styles.rowState, styles.problem)} data-testid="risk-grid-problems">
            <WarningRegular aria-hidden="true" />
            {t('risk.grid.problems', { n: row.item.problems.length })}
          </span>
        )}
      </>
    );
  };

  const activeColumn = GRID_COLUMNS[pos.col];
  const activeRow = rows[pos.row];
  const activeValue = activeRow && activeColumn ? display(activeRow, activeColumn) : null;

  return (
    <div>
      <p id="risk-grid-help" className={styles.hidden}>
        {t('risk.grid.help')}
      </p>
      {GRID_COLUMNS.map((c) => (
        <p key={c.id} id={`risk-help-${c.id}`} className={styles.hidden}>
          {t(HELP_KEY(c.id))}
        </p>
      ))}
      {activeColumn && (
        <div className={styles.bar} data-testid="risk-grid-active-help" aria-hidden={rows.length === 0}>
          <Text weight="semibold">{`${activeRow ? `${t('risk.grid.row', { n: pos.row + 1 })} · ` : ''}${t(FIELD_KEY(activeColumn.id))}`}</Text>
          <Text size={200}>{t(HELP_KEY(activeColumn.id))}</Text>
          {activeRow && activeColumn.kind !== 'panel' && <Text size={200}>{activeValue}</Text>}
        </div>
      )}
      <div className={styles.wrap}>
        <table
          ref={tableRef}
          role="grid"
          className={styles.table}
          style={{ width: TABLE_WIDTH }}
          aria-label={t('risk.grid.label')}
          aria-describedby="risk-grid-help"
          aria-rowcount={rows.length + 1}
          aria-colcount={GRID_COLUMNS.length + 1}
          aria-readonly={!canEdit}
          data-testid="risk-grid"
          onFocus={() => {
            hasFocus.current = true;
          }}
          onBlur={(e) => {
            // Focus went somewhere else on the page (Tab out, a panel); without a target it was a re-render: keep it.
            if (e.relatedTarget && !tableRef.current?.contains(e.relatedTarget as Node)) hasFocus.current = false;
          }}
        >
          <colgroup>
            <col style={{ width: '6.5rem' }} />
            {GRID_COLUMNS.map((c) => (
              <col key={c.id} style={{ width: WIDTH[c.id] }} />
            ))}
          </colgroup>
          <thead>
            <tr role="row" aria-rowindex={1}>
              <th role="columnheader" scope="col" className={mergeClasses(styles.th, styles.rowHead, styles.corner)}>
                {t('risk.grid.rowHeader')}
              </th>
              {GRID_COLUMNS.map((c, i) => (
                <th key={c.id} role="columnheader" scope="col" className={styles.th} aria-colindex={i + 2} data-column={c.id}>
                  <span className={styles.headInner}>
                    <span>
                      {t(FIELD_KEY(c.id))}
                      {c.required && (
                        <span className={styles.required} aria-hidden="true">
                          {' *'}
                        </span>
                      )}
                    </span>
                    {/* The help text on hover; keyboard and screen-reader users get it with each cell (aria-describedby) and in the bar above. */}
                    <span className={styles.info} title={t(HELP_KEY(c.id))} aria-hidden="true">
                      <InfoRegular />
                    </span>
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => {
              const blockedRow = row.item !== null && blocked.has(row.item.id);
              return (
                <tr key={row.reactKey} role="row" aria-rowindex={r + 2} data-testid="risk-grid-row" data-item-id={row.item?.id ?? ''} data-must-report={row.item?.mustReportToKlg ? 'true' : 'false'}>
                  <th role="rowheader" scope="row" className={styles.rowHead}>
                    {rowHeader(row, r)}
                  </th>
                  {GRID_COLUMNS.map((c, col) => {
                    const isActive = pos.row === r && pos.col === col;
                    const isEditing = editing !== null && editing.pos.row === r && editing.pos.col === col;
                    const editable = columnEditable(c, canEdit) && !blockedRow;
                    const label = `${t('risk.grid.row', { n: r + 1 })}, ${t(FIELD_KEY(c.id))}`;
                    return (
                      <td
                        key={c.id}
                        role="gridcell"
                        aria-colindex={col + 2}
                        aria-readonly={!editable || c.kind === 'panel'}
                        aria-describedby={`risk-help-${c.id}`}
                        aria-selected={isActive}
                        tabIndex={isActive && !isEditing ? 0 : -1}
                        data-row={r}
                        data-col={col}
                        data-column={c.id}
                        data-testid={`risk-cell-${c.id}`}
                        className={mergeClasses(styles.cell, !editable && c.kind !== 'panel' && styles.readOnly, isActive && styles.active, isEditing && styles.editing)}
                        onKeyDown={(e) => onCellKey(e, { row: r, col })}
                        onMouseDown={() => {
                          // A click on the cell that is already chosen opens it; a first click only chooses it.
                          clickedActive.current = isActive && !isEditing;
                          if (!isEditing) setActive({ row: r, col });
                        }}
                        onClick={() => {
                          if (clickedActive.current && (editable || c.kind === 'panel')) startEditing({ row: r, col });
                          clickedActive.current = false;
                        }}
                        onDoubleClick={() => startEditing({ row: r, col })}
                      >
                        {isEditing && editing ? (
                          <CellEditor
                            kind={c.kind}
                            value={editing.initial !== undefined && (c.kind === 'text' || c.kind === 'longText') ? editing.initial : editorValueOf(row.values, c.id as EditableField)}
                            nullable={c.id === 'residualLikelihood' || c.id === 'residualConsequence' || c.id === 'doneEnough' || c.id === 'residualAcceptable' || c.id === 'reportToKlg'}
                            label={label}
                            describedBy={`risk-help-${c.id}`}
                            onKey={onEditorKey}
                            onBlurCommit={(v) => onEditorBlur(editing.session, v)}
                            testId={`risk-editor-${c.id}`}
                          />
                        ) : (
                          display(row, c)
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
      {rows.length === 0 && (
        <Text as="p" data-testid="risk-grid-empty">
          {t('risk.grid.empty')}
        </Text>
      )}
      <GridAfter canEdit={canEdit} onAdd={addRow} />
    </div>
  );
}

/** What follows the grid: where Tab lands after the last cell (the add-row button when one may add). */
function GridAfter({ canEdit, onAdd }: { canEdit: boolean; onAdd(): void }) {
  const { t } = useI18n();
  if (!canEdit) return <span tabIndex={-1} data-testid="risk-grid-after" />;
  return (
    <div style={{ marginTop: tokens.spacingVerticalS }}>
      <Button icon={<AddRegular />} onClick={onAdd} data-testid="risk-grid-after">
        {t('risk.grid.addRow')}
      </Button>
    </div>
  );
}

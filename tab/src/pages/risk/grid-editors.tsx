// The editors that open inside a ROS grid cell: a line, a text area, a level (1–5), yes/no, and the consequence types.
// Each reports its keys to the grid (which decides save, move or cancel) and saves when focus leaves it.
import { makeStyles, tokens } from '@fluentui/react-components';
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { RiskConsequenceType } from '../../../../src/domain/index.js';
import { useI18n } from '../../i18n/i18n';
import type { CellKind } from './grid-keys';
import { levelText, useRiskLabels } from './risk-i18n';
import { CONSEQUENCE_TYPES, RISK_LEVELS } from './risk-values';

const useStyles = makeStyles({
  control: {
    boxSizing: 'border-box',
    width: '100%',
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorCompoundBrandStroke}`,
    borderRadius: tokens.borderRadiusSmall,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    ':focus': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  area: { minHeight: '5rem', resize: 'vertical' },
  choices: {
    margin: 0,
    padding: tokens.spacingHorizontalXS,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorCompoundBrandStroke}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground1,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
  },
  choice: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS, fontSize: tokens.fontSizeBase200 },
  legend: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

/** The value an editor holds: text, a level or yes/no as a string ('' = not set), or consequence types. */
export type EditorValue = string | RiskConsequenceType[];

export interface CellEditorProps {
  kind: CellKind;
  /** The starting value. */
  value: EditorValue;
  /** A yes/no or residual level that may be left unanswered. */
  nullable: boolean;
  label: string;
  describedBy: string;
  /** A key the grid may want (Enter, Tab, Escape); true when the grid handled it. */
  onKey(e: KeyboardEvent, value: EditorValue): boolean;
  /** Focus left the editor: save what it holds. */
  onBlurCommit(value: EditorValue): void;
  testId: string;
}

export function CellEditor(props: CellEditorProps) {
  if (props.kind === 'choices') return <ChoicesEditor {...props} />;
  return <SingleEditor {...props} />;
}

function SingleEditor({ kind, value, nullable, label, describedBy, onKey, onBlurCommit, testId }: CellEditorProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const labels = useRiskLabels();
  const [current, setCurrent] = useState(typeof value === 'string' ? value : '');
  const ref = useRef<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null>(null);
  // Focus in the same task as the key that opened the editor, so the next keys typed land in it, not in the grid.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    // A character typed in the grid starts the text: the caret goes after it.
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const common = {
    'aria-label': label,
    'aria-describedby': describedBy,
    'data-testid': testId,
    onKeyDown: (e: KeyboardEvent) => {
      if (onKey(e, current)) e.preventDefault();
      e.stopPropagation();
    },
    onBlur: () => onBlurCommit(current),
  };
  if (kind === 'longText')
    return <textarea ref={ref as RefObject<HTMLTextAreaElement>} className={`${styles.control} ${styles.area}`} value={current} maxLength={4000} onChange={(e) => setCurrent(e.target.value)} {...common} />;
  if (kind === 'level')
    return (
      <select ref={ref as RefObject<HTMLSelectElement>} className={styles.control} value={current} onChange={(e) => setCurrent(e.target.value)} {...common}>
        {(nullable || current === '') && <option value="">{t('risk.notAssessed')}</option>}
        {RISK_LEVELS.map((l) => (
          <option key={l} value={String(l)}>
            {levelText(labels, l, '')}
          </option>
        ))}
      </select>
    );
  if (kind === 'yesNo')
    return (
      <select ref={ref as RefObject<HTMLSelectElement>} className={styles.control} value={current} onChange={(e) => setCurrent(e.target.value)} {...common}>
        {nullable && <option value="">{t('risk.unanswered')}</option>}
        <option value="yes">{t('risk.yes')}</option>
        <option value="no">{t('risk.no')}</option>
      </select>
    );
  return <input ref={ref as RefObject<HTMLInputElement>} type="text" className={styles.control} value={current} maxLength={255} onChange={(e) => setCurrent(e.target.value)} {...common} />;
}

/** The seven consequence types as check boxes: arrow keys between them, Space ticks, Enter saves, Escape cancels. */
function ChoicesEditor({ value, label, describedBy, onKey, onBlurCommit, testId }: CellEditorProps) {
  const styles = useStyles();
  const labels = useRiskLabels();
  const [picked, setPicked] = useState<RiskConsequenceType[]>(Array.isArray(value) ? value : []);
  const boxes = useRef<(HTMLInputElement | null)[]>([]);
  const root = useRef<HTMLFieldSetElement>(null);
  useLayoutEffect(() => boxes.current[0]?.focus(), []);
  const ordered = (set: Set<RiskConsequenceType>) => CONSEQUENCE_TYPES.filter((c) => set.has(c));
  return (
    <fieldset
      ref={root}
      className={styles.choices}
      aria-describedby={describedBy}
      data-testid={testId}
      onBlur={(e) => {
        if (!root.current?.contains(e.relatedTarget as Node | null)) onBlurCommit(picked);
      }}
    >
      <legend className={styles.legend}>{label}</legend>
      {CONSEQUENCE_TYPES.map((c, i) => (
        <label key={c} className={styles.choice}>
          <input
            ref={(el) => {
              boxes.current[i] = el;
            }}
            type="checkbox"
            checked={picked.includes(c)}
            data-testid={`${testId}-${c}`}
            onChange={(e) => {
              const next = new Set(picked);
              if (e.target.checked) next.add(c);
              else next.delete(c);
              setPicked(ordered(next));
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                e.stopPropagation();
                boxes.current[(i + (e.key === 'ArrowDown' ? 1 : CONSEQUENCE_TYPES.length - 1)) % CONSEQUENCE_TYPES.length]?.focus();
                return;
              }
              if (e.key === ' ') {
                e.stopPropagation();
                return;
              }
              if (onKey(e, picked)) e.preventDefault();
              e.stopPropagation();
            }}
          />
          {labels.consequenceType[c]}
        </label>
      ))}
    </fieldset>
  );
}

// The 5×5 risk matrix as an accessible table: the counts per cell, each non-empty cell a button that drills down to
// its rows; the colour in a pattern and in words; likelihood along the bottom, consequence up the side (seed 001).
import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowRightRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import type { RiskColour } from '../../../../src/domain/index.js';
import { formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { MATRIX_COLUMNS, MATRIX_ROWS, colourOf, countAt, type CellCounts, type Cell, type Level } from './matrix';
import { Swatch, useColourClasses } from './risk-badges';
import { useRiskLabels } from './risk-i18n';
import type { MatrixSide } from './risk-query';

const useStyles = makeStyles({
  pair: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalL },
  arrow: { fontSize: tokens.fontSizeHero700, color: tokens.colorNeutralForeground2, '@media (max-width: 700px)': { transform: 'rotate(90deg)' } },
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  table: { borderCollapse: 'separate', borderSpacing: '3px', tableLayout: 'fixed' },
  caption: { captionSide: 'top', textAlign: 'left', fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, paddingBottom: tokens.spacingVerticalXS },
  corner: { fontSize: tokens.fontSizeBase100, fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2, textAlign: 'left', verticalAlign: 'bottom', width: '5.5rem' },
  colHead: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, textAlign: 'center', width: '4.5rem', verticalAlign: 'top' },
  rowHead: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, textAlign: 'right', paddingRight: tokens.spacingHorizontalXS },
  axis: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  cell: { padding: 0, height: '3.5rem', borderRadius: tokens.borderRadiusMedium, verticalAlign: 'top' },
  cellInner: {
    position: 'relative',
    boxSizing: 'border-box',
    width: '100%',
    height: '100%',
    minHeight: '3.5rem',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: '2px',
    padding: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    font: 'inherit',
    color: 'inherit',
    textAlign: 'left',
  },
  button: {
    cursor: 'pointer',
    backgroundColor: 'transparent',
    ':hover': { border: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1Hover}` },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  selected: { border: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralForeground1}` },
  top: { display: 'flex', alignItems: 'center', gap: '4px', width: '100%' },
  count: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  zero: { fontSize: tokens.fontSizeBase300, color: tokens.colorNeutralForeground1 },
  word: { fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase100 },
  markers: { fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase100, fontWeight: tokens.fontWeightSemibold },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  legend: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, margin: 0, padding: 0, listStyleType: 'none' },
  legendItem: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

export interface RiskMatrixProps {
  id: string;
  title: string;
  side: MatrixSide;
  counts: CellCounts;
  /** The server's colour per cell ([likelihood − 1][consequence − 1]); the defaults otherwise. */
  colours?: RiskColour[][] | null;
  /** Short markers per cell (X1, Y3 …), for one assessment's rows. */
  markers?: (cell: Cell) => string[];
  selected?: { cell: Cell; side: MatrixSide } | null;
  /** Where the drill-down shows (aria-controls of the cells). */
  drillId?: string;
  onSelect?(cell: Cell, side: MatrixSide): void;
  testId: string;
}

export function cellColour(colours: RiskColour[][] | null | undefined, cell: Cell): RiskColour {
  return colours?.[cell.likelihood - 1]?.[cell.consequence - 1] ?? colourOf(cell.likelihood * cell.consequence);
}

export function RiskMatrix({ id, title, side, counts, colours, markers, selected, drillId, onSelect, testId }: RiskMatrixProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const labels = useRiskLabels();
  const colourClasses = useColourClasses();
  const level = (l: Level) => `${l} ${labels.level[l]}`;
  return (
    <figure className={styles.figure} data-testid={testId} data-side={side}>
      <table className={styles.table} aria-labelledby={`${id}-caption`}>
        <caption id={`${id}-caption`} className={styles.caption}>
          {title}
        </caption>
        <thead>
          <tr>
            <td className={styles.corner}>
              <span aria-hidden="true">{`${t('risk.matrix.consequence')} ↓`}</span>
            </td>
            {MATRIX_COLUMNS.map((l) => (
              <th key={l} scope="col" className={styles.colHead}>
                {level(l)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {MATRIX_ROWS.map((c) => (
            <tr key={c}>
              <th scope="row" className={styles.rowHead}>
                {level(c)}
              </th>
              {MATRIX_COLUMNS.map((l) => {
                const cell: Cell = { likelihood: l, consequence: c };
                const n = countAt(counts, cell);
                const colour = cellColour(colours, cell);
                const isSelected = selected?.side === side && selected.cell.likelihood === l && selected.cell.consequence === c;
                const cellMarkers = n > 0 && markers ? markers(cell) : [];
                // The name is the whole meaning, read in order: where the cell is, what it shows (count, colour, markers), which matrix.
                const content: ReactNode = (
                  <>
                    <span className={styles.hidden}>{`${t('risk.matrix.cellPrefix', { l: level(l), c: level(c) })} `}</span>
                    <span className={styles.top}>
                      <Swatch colour={colour} />
                      <span className={n > 0 ? styles.count : styles.zero}>{n > 0 ? formatNumber(n) : '0'}</span>
                    </span>
                    <span className={styles.word}>{` ${labels.colour[colour]}`}</span>
                    {cellMarkers.length > 0 && <span className={styles.markers}>{` ${cellMarkers.length > 4 ? `${cellMarkers.slice(0, 3).join(', ')} …` : cellMarkers.join(', ')}`}</span>}
                    <span className={styles.hidden}>{`. ${title}.`}</span>
                  </>
                );
                return (
                  <td key={l} className={mergeClasses(styles.cell, colourClasses.tint(colour))} data-cell={`l${l}c${c}`} data-count={n} data-colour={colour}>
                    {n > 0 && onSelect ? (
                      <button
                        type="button"
                        className={mergeClasses(styles.cellInner, styles.button, isSelected && styles.selected)}
                        aria-expanded={isSelected}
                        aria-controls={drillId}
                        data-testid={`${testId}-cell`}
                        onClick={() => onSelect(cell, side)}
                      >
                        {content}
                      </button>
                    ) : (
                      <div className={styles.cellInner}>
                        {content}
                      </div>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <td />
            <td colSpan={5} className={styles.axis}>
              <span aria-hidden="true">{`${t('risk.matrix.likelihood')} →`}</span>
            </td>
          </tr>
        </tbody>
      </table>
    </figure>
  );
}

/** Now (X) and after measures (Y) side by side, an arrow between them: the strategy's X→Y picture. */
export function MatrixPair({ children }: { children: [ReactNode, ReactNode] }) {
  const styles = useStyles();
  return (
    <div className={styles.pair}>
      {children[0]}
      <ArrowRightRegular className={styles.arrow} aria-hidden="true" />
      {children[1]}
    </div>
  );
}

export function MatrixLegend() {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <ul className={styles.legend} aria-label={t('risk.matrix.legend')} data-testid="risk-matrix-legend">
      {(['red', 'yellow', 'green'] as const).map((c) => (
        <li key={c} className={styles.legendItem}>
          <Swatch colour={c} />
          <Text size={200}>{t(c === 'red' ? 'risk.matrix.legendRed' : c === 'yellow' ? 'risk.matrix.legendYellow' : 'risk.matrix.legendGreen')}</Text>
        </li>
      ))}
    </ul>
  );
}

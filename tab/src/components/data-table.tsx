// A Fluent table that scrolls sideways when the window is narrow, named by a heading, with row states that stay readable
// in every theme.
import { Table, TableBody, TableHeader, TableHeaderCell, TableRow, makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { THEME_ATTRIBUTE } from '../theme';

const ROW = '.fui-TableBody > .fui-TableRow';
const HOVERED = `& ${ROW}:hover`;
const SELECTED = `& ${ROW}[data-selected="true"]`;
// Griffel reads `:global(X) Y` as `X .class Y` (an `&` there would add the class twice).
const CONTRAST = `:global([${THEME_ATTRIBUTE}="contrast"])`;
const CONTRAST_HOVERED = `${CONTRAST} ${ROW}:hover`;
const CONTRAST_SELECTED = `${CONTRAST} ${ROW}[data-selected="true"]`;

/** In Teams' high-contrast theme a marked row is Highlight with HighlightText, and everything in it follows. */
const highlighted = {
  backgroundColor: tokens.colorSubtleBackgroundHover,
  color: tokens.colorNeutralForeground1Hover,
  // A control keeps its colours: its text is on its own background, not on the row's (what is in a button inherits the
  // button's). Chained :not()s, as Griffel splits a selector list at its commas.
  '& *:not(button):not(input):not(textarea):not(select)': { color: 'inherit' },
  // A link that loses its colour keeps an underline; a badge keeps its outline, not its fill.
  '& a': { textDecorationLine: 'underline' },
  '& .fui-Badge': { backgroundColor: 'transparent', ...shorthands.borderColor('currentColor') },
};

const useStyles = makeStyles({
  wrap: { overflowX: 'auto' },
  table: {
    // Fluent's hover background in the dark theme leaves links and coloured text under 4.5:1. The selected-row
    // background is a step darker there (one lighter in the light theme), and links take their hover colour, which is
    // lighter in the dark theme and darker in the light one.
    [HOVERED]: { backgroundColor: tokens.colorSubtleBackgroundSelected, '& a': { color: tokens.colorBrandForegroundLinkHover } },
    [SELECTED]: { backgroundColor: tokens.colorBrandBackground2, color: tokens.colorNeutralForeground1 },
    [CONTRAST_HOVERED]: highlighted,
    [CONTRAST_SELECTED]: highlighted,
  },
  hidden: { '@media (max-width: 600px)': { display: 'none' } },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
});

/** A column: its heading, and whether it is a number (right-aligned) or left out on a small screen. */
export interface DataColumn {
  label: ReactNode;
  align?: 'number';
  hideWhenNarrow?: boolean;
  className?: string;
}

export interface DataTableProps {
  /** The column headings; false or null leaves a column out (the page's narrow layout). */
  columns: readonly (DataColumn | ReactNode | false | null)[];
  /** The id of the heading that names the table; else `label`. */
  labelledBy?: string;
  label?: string;
  size?: 'small' | 'medium';
  testId?: string;
  /** The rows (TableRow); a row with data-selected="true" is shown as chosen. */
  children: ReactNode;
}

function isColumn(c: DataColumn | ReactNode): c is DataColumn {
  return typeof c === 'object' && c !== null && 'label' in c;
}

/** The class that keeps hovered and chosen rows readable, for a Fluent Table that is not a DataTable (one with a caption, say). */
export function useReadableRows(): string {
  return useStyles().table;
}

/** Class names for a table's cells: a number column, a column left out on a small screen. */
export function useDataCellStyles() {
  const styles = useStyles();
  return { number: styles.number, hideWhenNarrow: styles.hidden };
}

export function DataTable({ columns, labelledBy, label, size, testId, children }: DataTableProps) {
  const styles = useStyles();
  return (
    <div className={styles.wrap}>
      <Table className={styles.table} aria-labelledby={labelledBy} aria-label={label} size={size} data-testid={testId}>
        <TableHeader>
          <TableRow>
            {columns.map((c, i) => {
              if (c === false || c === null) return null;
              if (!isColumn(c)) return <TableHeaderCell key={i}>{c}</TableHeaderCell>;
              return (
                <TableHeaderCell key={i} className={mergeClasses(c.align === 'number' && styles.number, c.hideWhenNarrow && styles.hidden, c.className)}>
                  {c.label}
                </TableHeaderCell>
              );
            })}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </div>
  );
}

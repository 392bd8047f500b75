// A list page's filters: a section named by its heading (or, without one, by a label) with the fields in a grid that
// wraps as the window narrows.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { usePageStyles } from './page';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))',
    alignItems: 'end',
    // Long option texts may not widen a column past the window.
    '& > *': { minWidth: 0 },
    '& .fui-Select': { minWidth: 0 },
    '& select': { minWidth: 0, width: '100%' },
  },
  wide: { gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))' },
});

export interface FilterBarProps {
  /** The section's heading; with `headingId` it is shown as an h2, else it only names the section. */
  title: string;
  headingId?: string;
  /** Wider columns (14rem instead of 12rem), for fields with long labels. */
  wide?: boolean;
  children: ReactNode;
  /** Under the fields, outside the grid: say, the error of an export started from the bar. */
  footer?: ReactNode;
}

/** The filter grid's class, for a filter form that lays out its own section. */
export function useFilterGrid(): string {
  return useStyles().grid;
}

export function FilterBar({ title, headingId, wide, children, footer }: FilterBarProps) {
  const styles = useStyles();
  const page = usePageStyles();
  const grid = <div className={mergeClasses(styles.grid, wide && styles.wide)}>{children}</div>;
  if (!headingId) {
    return (
      <section aria-label={title} className={page.section}>
        {grid}
        {footer}
      </section>
    );
  }
  return (
    <section aria-labelledby={headingId} className={page.section}>
      <h2 id={headingId} className={page.h2}>
        {title}
      </h2>
      {grid}
      {footer}
    </section>
  );
}

// Heading focus for a lazily loaded chunk of pages (risk, committees).
import { useEffect, useRef } from 'react';
import { useRouter } from '../router';

/**
 * The chunk loads on the first navigation to one of its pages, after the shell has tried to focus the new heading:
 * focus it here once, so keyboard and screen-reader users still start at the top of the page. Focus the user has
 * already moved into the page (not the body, not the menu) is left alone.
 */
export function useLazyPageFocus(): void {
  const { location } = useRouter();
  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current) return;
    mounted.current = true;
    if (location.serial === 0) return;
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      if (!active || active === document.body || active.closest('nav')) document.querySelector<HTMLElement>('main [data-page-heading]')?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [location.serial]);
}

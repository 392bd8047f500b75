// A titled part of a page: a section named by its own h2 (screen readers list it among the page's regions).
import type { ReactNode } from 'react';
import { usePageStyles } from './page';

export function PageSection({ id, title, testId, children }: { id: string; title: ReactNode; testId?: string; children: ReactNode }) {
  const page = usePageStyles();
  return (
    <section aria-labelledby={id} className={page.section} data-testid={testId}>
      <h2 id={id} className={page.h2}>
        {title}
      </h2>
      {children}
    </section>
  );
}

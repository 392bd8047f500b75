// The tab's initial JavaScript stays within its budget (≤ 350 KB gzipped, issue 6), with the charts in a lazy chunk of their own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TAB_DIST } from '../../scripts/tab-build.js';
import { INITIAL_JS_BUDGET_BYTES, initialScripts, measureTab } from '../../scripts/tab-size.js';

describe('tab bundle size', () => {
  const size = measureTab();

  it('loads at most 350 KB of JavaScript, gzipped, before the first page shows', () => {
    expect(size.initial.length).toBeGreaterThan(0);
    expect(size.initialGzipBytes).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });

  it('keeps the chart library out of the initial bundle, in a chunk loaded on the dashboard', () => {
    const charts = size.lazy.filter((c) => /bar-chart-/.test(c.file));
    expect(charts).toHaveLength(1);
    // chart.js itself is tens of KB gzipped: a chunk that small would mean it ended up elsewhere.
    expect(charts[0]!.gzipBytes).toBeGreaterThan(30_000);
    expect(size.initial.some((c) => /bar-chart-/.test(c.file))).toBe(false);
  });

  it('is the production build of React (a development build is a third larger and slower)', () => {
    const entry = size.initial.find((c) => /\/index-/.test(c.file));
    expect(entry).toBeDefined();
    expect(readFileSync(join(TAB_DIST, entry!.file), 'utf8')).not.toContain('Download the React DevTools');
  });

  it('counts teams-js as initial: inside Teams it loads at once', () => {
    expect(size.initial.some((c) => /teams-sdk-/.test(c.file))).toBe(true);
  });

  it('reads the entry script and module preloads from index.html', () => {
    const html = '<script type="module" crossorigin src="/assets/index-a.js"></script><link rel="modulepreload" crossorigin href="/assets/vendor-b.js"><link rel="stylesheet" href="/assets/x.css">';
    expect(initialScripts(html)).toEqual(['assets/index-a.js', 'assets/vendor-b.js']);
  });
});
